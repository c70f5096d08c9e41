'use client';
import { useEffect, useRef } from 'react';

/** Marks the page section it sits in as hydrated (browser tests wait for it before interacting). */
export function HydrationMarker() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    ref.current?.setAttribute('data-hydrated', 'true');
  }, []);
  return <span ref={ref} hidden data-testid="page-hydrated" />;
}
