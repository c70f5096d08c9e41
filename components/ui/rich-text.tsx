import type { ReactNode } from 'react';

const INLINE = /(`[^`]+`|https?:\/\/[^\s)]+[^\s).,;:])/g;

function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith('`'))
      return (
        <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">
          {part.slice(1, -1)}
        </code>
      );
    return (
      <a key={i} href={part} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300" rel="noreferrer noopener" target="_blank">
        {part}
      </a>
    );
  });
}

/** The small Markdown the catalog uses: paragraphs, `- ` lists, `code` and bare links. No HTML passes through. */
export function RichText({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  return (
    <div className="space-y-3 leading-relaxed break-words">
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l))) {
          return (
            <ul key={i} className="list-disc space-y-1 pl-5">
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*] /, ''))}</li>
              ))}
            </ul>
          );
        }
        return <p key={i}>{inline(b)}</p>;
      })}
    </div>
  );
}
