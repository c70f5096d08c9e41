import type { ReactNode } from 'react';

const PLACEHOLDER = /(<CHANGE-ME: [^>]*>)/g;

/** Text with every `<CHANGE-ME: …>` placeholder highlighted (a value the owner must choose). */
export function highlightChangeMe(text: string): ReactNode[] {
  return text.split(PLACEHOLDER).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={i} className="rounded bg-amber-200 px-0.5 font-semibold text-amber-950 dark:bg-amber-400 dark:text-slate-950" data-testid="change-me">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

export function CodeBlock({ code, label, maxHeight = 'max-h-96', testId }: { code: string; label: string; maxHeight?: string; testId?: string }) {
  return (
    <pre tabIndex={0} aria-label={label} data-testid={testId} className={`${maxHeight} overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:bg-slate-950 dark:text-slate-100`}>
      <code>{highlightChangeMe(code)}</code>
    </pre>
  );
}
