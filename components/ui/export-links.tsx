import { exportHref, type ExportFormat } from '@/lib/views/hrefs';

const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: 'json', label: 'JSON', title: 'The report (report-schema)' },
  { format: 'csv', label: 'CSV', title: 'One line per app and check' },
  { format: 'sarif', label: 'SARIF', title: 'SARIF 2.1.0 for code-scanning tools' },
  { format: 'html', label: 'HTML', title: 'A self-contained report to share' },
];

/** Download links for a scope's report in every export format. */
export function ExportLinks({ scope, scan, label, kustomize = false }: { scope: string; scan: string | null; label: string; kustomize?: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-sm" role="group" aria-label={`Export ${label}`}>
      <span className="text-slate-600 dark:text-slate-400">Export:</span>
      {FORMATS.map((f) => (
        <a key={f.format} href={exportHref(f.format, scope, scan)} download title={f.title} className="rounded border border-slate-300 px-2 py-0.5 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800">
          {f.label}
          <span className="sr-only"> of {label}</span>
        </a>
      ))}
      {kustomize && (
        <a href={exportHref('kustomize', scope, scan)} download title="Every safe and input fix as a kustomize overlay (.zip)" data-testid="scope-patches" className="rounded border border-sky-600 px-2 py-0.5 font-medium text-sky-800 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-200 dark:hover:bg-sky-950">
          Patches (.zip)
          <span className="sr-only"> for {label}</span>
        </a>
      )}
    </div>
  );
}
