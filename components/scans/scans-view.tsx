'use client';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useContexts, useScan, useScans, useStartScan, type ContextList, type ScanList } from '@/lib/queries/scans';
import { formatScore } from '@/lib/report/render-support';
import { formatDuration, type ScanView } from '@/lib/views/scan-view';
import { GradeBadge } from '../ui/badges';
import { Card, buttonClass, linkClass, primaryButtonClass } from '../ui/card';
import { EmptyState, ErrorState } from '../ui/states';
import { ScanProgress } from './scan-progress';

const MAX_FILE = 20 * 1024 * 1024;
const MAX_TOTAL = 60 * 1024 * 1024;

function mb(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function reportHref(scan: ScanView, current: string | null): string {
  return scan.id === current ? '/' : `/?scan=${encodeURIComponent(scan.id)}`;
}

/** The result of the scan just started: live progress, then its notes and a link to its report. */
function StartedScan({ id, current }: { id: string; current: string | null }) {
  const { data: scan, error } = useScan(id);
  if (error) return <ErrorState title="Cannot follow the scan">{error.message}</ErrorState>;
  if (!scan) return null;
  const errors = scan.notes.filter((n) => n.level === 'error');
  return (
    <Card title={`Scan ${scan.id}`} id="started-scan">
      <ScanProgress scan={scan} detailed={scan.source.type === 'cluster'} />
      {scan.status === 'done' && (
        <div className="mt-3 space-y-2 text-sm" data-testid="scan-result">
          <p>
            {scan.counts?.apps ?? 0} apps scored{scan.summary?.score !== null && scan.summary ? `, mean score ${formatScore(scan.summary.score)}` : ''}.{' '}
            <Link className={`${linkClass} font-semibold`} href={reportHref(scan, current)}>
              Open the report
            </Link>
          </p>
          {errors.length > 0 && (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="scan-input-errors">
              <p className="font-semibold">
                {errors.length} document{errors.length === 1 ? '' : 's'} could not be read; the rest was scored:
              </p>
              <ul className="mt-1 list-disc pl-5">
                {errors.map((n, i) => (
                  <li key={i}>{n.message}</li>
                ))}
              </ul>
            </div>
          )}
          {scan.notes.filter((n) => n.level !== 'error').length > 0 && (
            <ul className="list-disc pl-5 text-slate-600 dark:text-slate-400">
              {scan.notes
                .filter((n) => n.level !== 'error')
                .map((n, i) => (
                  <li key={i}>{n.message}</li>
                ))}
            </ul>
          )}
          {scan.errors.length > 0 && (
            <p>
              {scan.errors.length} resource{scan.errors.length === 1 ? '' : 's'} could not be read: see “What the scan could not read” on the{' '}
              <Link className={linkClass} href={reportHref(scan, current)}>
                overview
              </Link>
              .
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

export function ScansView({ initialScans, initialContexts }: { initialScans: ScanList; initialContexts: ContextList }) {
  const { data: list } = useScans(initialScans);
  const { data: contexts } = useContexts(initialContexts);
  const start = useStartScan();
  const [startedId, setStartedId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputId = useId();
  useEffect(() => {
    rootRef.current?.setAttribute('data-hydrated', 'true');
  }, []);

  const selected = chosen ?? (contexts?.contexts.filter((c) => c.selected).map((c) => c.name) ?? []);
  const toggle = (name: string) => setChosen(selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name]);

  const addFiles = (incoming: File[]) => {
    const yaml = incoming.filter((f) => /\.(ya?ml|json)$/i.test(f.name));
    const skipped = incoming.length - yaml.length;
    const tooBig = yaml.filter((f) => f.size > MAX_FILE);
    const ok = yaml.filter((f) => f.size <= MAX_FILE);
    const next = [...files.filter((f) => !ok.some((o) => o.name === f.name)), ...ok];
    const total = next.reduce((n, f) => n + f.size, 0);
    const problems = [
      ...(skipped ? [`${skipped} file${skipped === 1 ? ' is' : 's are'} not .yaml, .yml or .json`] : []),
      ...tooBig.map((f) => `${f.name} is ${mb(f.size)}, over the 20 MB limit`),
      ...(total > MAX_TOTAL ? [`together the files are ${mb(total)}, over the 60 MB limit`] : []),
    ];
    setFileError(problems.length ? problems.join('; ') : null);
    if (total <= MAX_TOTAL) setFiles(next);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    addFiles([...e.dataTransfer.files]);
  };

  const scanManifests = async () => {
    const payload = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
    start.mutate({ type: 'manifests', files: payload }, { onSuccess: (s) => setStartedId(s.id) });
  };
  const scanClusters = () => start.mutate({ type: 'cluster', contexts: selected }, { onSuccess: (s) => setStartedId(s.id) });

  const scans = list?.scans ?? [];
  return (
    <div className="space-y-4" ref={rootRef} data-testid="scans-view">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Scan clusters" id="scan-clusters">
          {!contexts?.kubeconfig ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No kubeconfig is configured. Start the server with DRYDOCK_KUBECONFIG (and optionally DRYDOCK_CONTEXTS) to scan live clusters; Drydock only lists and gets, and never reads Secrets.</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                scanClusters();
              }}
            >
              <fieldset>
                <legend className="mb-2 text-sm text-slate-600 dark:text-slate-400">Contexts of the kubeconfig</legend>
                <ul className="space-y-1">
                  {contexts.contexts.map((c) => (
                    <li key={c.name}>
                      <label className="inline-flex items-center gap-2 text-sm">
                        <input type="checkbox" checked={selected.includes(c.name)} onChange={() => toggle(c.name)} className="h-4 w-4 accent-sky-700" />
                        {c.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className={`${primaryButtonClass} mt-3`} disabled={!selected.length || start.isPending} data-testid="start-cluster-scan">
                Scan {selected.length === 1 ? selected[0] : `${selected.length} contexts`}
              </button>
            </form>
          )}
        </Card>
        <Card title="Score manifests" id="scan-manifests">
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`rounded-lg border-2 border-dashed p-4 text-center text-sm ${dragging ? 'border-sky-600 bg-sky-50 dark:bg-sky-950' : 'border-slate-300 dark:border-slate-700'}`}
            data-testid="dropzone"
          >
            <p>Drop YAML or JSON manifests here (20 MB per file), or</p>
            <label htmlFor={inputId} className={`${buttonClass} mt-2 cursor-pointer`}>
              Choose files
            </label>
            <input
              id={inputId}
              ref={inputRef}
              type="file"
              multiple
              accept=".yaml,.yml,.json,application/yaml,application/json"
              className="sr-only"
              onChange={(e) => {
                addFiles([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
              data-testid="manifest-input"
            />
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Parsed on the server with the CLI&apos;s rules: a broken document is reported with its line and the others are still scored.</p>
          </div>
          {fileError && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {fileError}
            </p>
          )}
          {files.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm" aria-label="Files to scan">
              {files.map((f) => (
                <li key={f.name} className="flex items-center gap-2">
                  <span className="min-w-0 flex-1 truncate font-mono text-xs">{f.name}</span>
                  <span className="text-xs text-slate-600 dark:text-slate-400">{mb(f.size)}</span>
                  <button type="button" className="text-xs text-sky-700 hover:underline dark:text-sky-300" onClick={() => setFiles(files.filter((x) => x !== f))} aria-label={`Remove ${f.name}`}>
                    remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className={`${primaryButtonClass} mt-3`} disabled={!files.length || start.isPending} onClick={() => void scanManifests()} data-testid="start-manifest-scan">
            Score {files.length || ''} file{files.length === 1 ? '' : 's'}
          </button>
        </Card>
      </div>
      {start.error && <ErrorState title="The scan could not start">{start.error.message}</ErrorState>}
      {startedId && <StartedScan id={startedId} current={list?.current ?? null} />}
      <Card title="Scans" id="past-scans">
        {!scans.length ? (
          <EmptyState title="No scans yet" />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="scans-table">
              <caption className="sr-only">Scans, newest first</caption>
              <thead className="text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">Scan</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Of</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Started (UTC)</th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">Duration</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Status</th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">Apps</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Grade</th>
                  <th scope="col" className="py-1 text-right font-medium">Errors</th>
                </tr>
              </thead>
              <tbody>
                {scans.map((s) => (
                  <tr key={s.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="scan-row" data-status={s.status}>
                    <td className="py-1 pr-2 font-mono text-xs">
                      {s.status === 'done' ? (
                        <Link className={linkClass} href={reportHref(s, list?.current ?? null)}>
                          {s.id}
                        </Link>
                      ) : (
                        s.id
                      )}
                      {s.id === list?.current && <span className="ml-1 rounded bg-sky-100 px-1 text-[10px] font-semibold text-sky-900 dark:bg-sky-950 dark:text-sky-100">shown</span>}
                    </td>
                    <td className="max-w-64 truncate py-1 pr-2" title={s.source.type === 'cluster' ? s.source.clusters.join(', ') : s.source.paths.join(', ')}>
                      {s.source.type === 'cluster' ? s.source.clusters.join(', ') || 'clusters' : `files: ${s.source.paths.join(', ')}`}
                    </td>
                    <td className="py-1 pr-2 whitespace-nowrap">{new Date(s.startedAt).toISOString().replace('T', ' ').slice(0, 19)}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{formatDuration(s.durationMs)}</td>
                    <td className="py-1 pr-2">
                      {s.status === 'running' ? (s.scoring ? 'scoring…' : 'running…') : s.status === 'failed' ? <span className="text-red-700 dark:text-red-300" title={s.error ?? ''}>failed: {s.error}</span> : 'done'}
                    </td>
                    <td className="py-1 pr-2 text-right tabular-nums">{s.counts?.apps ?? '—'}</td>
                    <td className="py-1 pr-2">{s.summary ? <GradeBadge grade={s.summary.grade} /> : '—'}</td>
                    <td className="py-1 text-right tabular-nums" title={[...s.errors.map((e) => `${e.cluster} ${e.resource}: ${e.message}`), ...s.notes.filter((n) => n.level === 'error').map((n) => n.message)].join('\n')}>
                      {s.counts ? s.counts.errors + s.notes.filter((n) => n.level === 'error').length : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
