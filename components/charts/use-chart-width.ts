'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * The pixel width of a chart's box, kept current: the SVG's viewBox then matches its size, so text
 * stays 11 px in a narrow card and in a full-width one (a fixed viewBox would scale it).
 */
export function useChartWidth(initial = 640) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(Math.max(260, w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}
