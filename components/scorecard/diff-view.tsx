import type { DiffLine } from '@/lib/views/line-diff';
import { highlightChangeMe } from '../ui/code-block';

const STYLE: Record<DiffLine['type'], string> = {
  same: '',
  add: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100',
  del: 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100',
  skip: 'text-slate-600 italic dark:text-slate-400',
};
const SIGN: Record<DiffLine['type'], string> = { same: ' ', add: '+', del: '-', skip: ' ' };

/** The object before and after a patch, as a unified diff. */
export function DiffView({ lines, label }: { lines: DiffLine[]; label: string }) {
  if (!lines.length) return <p className="text-sm text-slate-600 dark:text-slate-400">The patch does not change the object&apos;s YAML.</p>;
  return (
    <div tabIndex={0} role="region" aria-label={label} className="max-h-96 overflow-auto rounded-md border border-slate-200 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-800" data-testid="patch-diff">
      <table className="w-full border-collapse">
        <caption className="sr-only">{label}: removed lines start with a minus, added lines with a plus</caption>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} className={STYLE[l.type]}>
              <td className="w-10 select-none px-1 text-right text-slate-600 dark:text-slate-400">{l.oldLine ?? ''}</td>
              <td className="w-10 select-none px-1 text-right text-slate-600 dark:text-slate-400">{l.newLine ?? ''}</td>
              <td className="w-4 select-none text-center" aria-hidden="true">
                {SIGN[l.type]}
              </td>
              <td className="whitespace-pre pr-3">
                <span className="sr-only">{l.type === 'add' ? 'added: ' : l.type === 'del' ? 'removed: ' : ''}</span>
                {highlightChangeMe(l.text)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
