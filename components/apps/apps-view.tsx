'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { TOPICS, type Topic } from '@/lib/checks/types';
import { useAppRows } from '@/lib/queries/apps';
import { useFleetGroups } from '@/lib/queries/fleet';
import { formatScore } from '@/lib/report/render-support';
import { activeFilterCount, filtersToSearch, GRADES, MANAGED_BY, parseAppFilters, VERDICT_TITLES, VERDICTS, type AppFilters, type FilterField, type SortKey } from '@/lib/views/app-filters';
import { filterRows, sortRows } from '@/lib/views/app-rows';
import { foldRows, type FoldedRow } from '@/lib/views/fleet-fold';
import { unpackRows, type PackedRows } from '@/lib/views/packed-rows';
import { appHref } from '@/lib/views/hrefs';
import { ClusterChips } from '../fleet/cluster-chips';
import { GradeBadge, VerdictBadge } from '../ui/badges';
import { buttonClass } from '../ui/card';
import { ExportLinks } from '../ui/export-links';
import { EmptyState } from '../ui/states';

export interface AppsViewProps {
  packed: PackedRows;
  /** The scan shown when it is not the default one (kept in links). */
  scan: string | null;
  facets: Record<'cluster' | 'namespace' | 'team' | 'group' | 'managedBy' | 'check', string[]>;
  checkTitles: Record<string, string>;
}

interface Column {
  key: string;
  label: string;
  width: number;
  sort?: SortKey;
  numeric?: boolean;
  title?: string;
}

const TOPIC_SHORT: Record<Topic, string> = { probes: 'Prb', resources: 'Res', storage: 'Sto', config: 'Cfg', dns: 'DNS', availability: 'HA', security: 'Sec', images: 'Img' };

const COLUMNS: Column[] = [
  { key: 'name', label: 'App', width: 230, sort: 'name' },
  { key: 'cluster', label: 'Cluster', width: 100, sort: 'cluster' },
  { key: 'namespace', label: 'Namespace', width: 120, sort: 'namespace' },
  { key: 'kind', label: 'Kind', width: 110, sort: 'kind' },
  { key: 'group', label: 'Group', width: 130, sort: 'group' },
  { key: 'team', label: 'Team', width: 100, sort: 'team' },
  { key: 'verdict', label: 'Verdict', width: 170, sort: 'verdict' },
  { key: 'grade', label: 'Grade', width: 70, sort: 'grade' },
  { key: 'score', label: 'Score', width: 70, sort: 'score', numeric: true },
  ...TOPICS.map((t): Column => ({ key: `topic:${t}`, label: TOPIC_SHORT[t], width: 56, sort: `topic:${t}`, numeric: true, title: `${t} score` })),
  { key: 'qos', label: 'QoS', width: 100, sort: 'qos' },
  { key: 'replicas', label: 'Replicas', width: 86, sort: 'replicas', numeric: true },
  { key: 'criticals', label: 'Criticals', width: 86, sort: 'criticals', numeric: true, title: 'Failing critical findings' },
];
/** Folded rows show their clusters as chips: the cluster column widens. */
const layoutOf = (cols: Column[]) => ({ columns: cols, total: cols.reduce((n, c) => n + c.width, 0), grid: cols.map((c) => `${c.width}px`).join(' ') });
const PLAIN = layoutOf(COLUMNS);
const FOLDED = layoutOf(COLUMNS.map((c) => (c.key === 'cluster' ? { ...c, width: 250 } : c)));
const ROW_HEIGHT = 36;

function topicTone(score: number | null): string {
  if (score === null) return 'text-slate-400 dark:text-slate-600';
  if (score >= 90) return 'text-emerald-700 dark:text-emerald-300';
  if (score >= 70) return 'text-amber-800 dark:text-amber-300';
  return 'font-semibold text-red-700 dark:text-red-300';
}

/** The apps list: filters in the URL, sorting, text search, 10,000 rows virtualized. */
export function AppsView({ packed, scan, facets, checkTitles }: AppsViewProps) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseAppFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  // The checkbox answers at once; the URL (replaceState) reaches useSearchParams a moment later.
  const urlFold = searchParams.get('fold') === '1';
  const [pendingFold, setPendingFold] = useState<boolean | null>(null);
  useEffect(() => setPendingFold(null), [urlFold]);
  const fold = pendingFold ?? urlFold;
  const initialRows = useMemo(() => unpackRows(packed), [packed]);
  const { data: rows = initialRows } = useAppRows(scan, initialRows);

  const setFilters = useCallback(
    (next: AppFilters) => {
      const search = filtersToSearch(next, { scan, fold: fold ? '1' : null });
      window.history.replaceState(null, '', `${pathname}${search}`);
    },
    [pathname, scan, fold],
  );
  const setFold = (on: boolean) => {
    setPendingFold(on);
    window.history.replaceState(null, '', `${pathname}${filtersToSearch(filters, { scan, fold: on ? '1' : null })}`);
  };
  const update = (patch: Partial<AppFilters>) => setFilters({ ...filters, ...patch });

  const sorted = useMemo(() => sortRows(rows, filters.sort, filters.dir), [rows, filters.sort, filters.dir]);
  const deferredQ = useDeferredValue(filters.q);
  const visible = useMemo(() => filterRows(sorted, { ...filters, q: deferredQ }), [sorted, filters, deferredQ]);
  const fleetGroups = useFleetGroups(scan, fold);
  const shown: FoldedRow[] = useMemo(() => (fold && fleetGroups.data ? foldRows(visible, fleetGroups.data.groups) : visible), [fold, fleetGroups.data, visible]);
  const layout = fold ? FOLDED : PLAIN;

  const scrollRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // The list is hydrated and answers input from here on: the benchmark (bench/ui.ts) reads the
  // mark, the browser tests wait for the attribute.
  useEffect(() => {
    performance.mark('drydock:apps-interactive');
    rootRef.current?.setAttribute('data-hydrated', 'true');
  }, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented; its result is not memoized by the compiler
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1280, height: 720 },
  });

  const onSort = (key: SortKey) => update({ sort: key, dir: filters.sort === key ? (filters.dir === 'asc' ? 'desc' : 'asc') : key === 'name' || key === 'cluster' || key === 'namespace' || key === 'kind' || key === 'group' || key === 'team' || key === 'verdict' ? 'asc' : key === 'criticals' || key === 'replicas' ? 'desc' : 'asc' });

  /** Arrow keys move between rows (the app link of each row is its focus target). */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const index = current ? Number(current.dataset.index) : -1;
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? shown.length - 1 : index + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= shown.length) return;
    e.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] a`)?.focus());
  };

  const fieldId = useId();
  const single = (f: FilterField) => (filters[f].length === 1 ? filters[f][0]! : filters[f].length > 1 ? '__many' : '');
  const selectField = (field: FilterField, label: string, options: { value: string; label: string }[]) => (
    <div className="flex min-w-0 flex-col gap-0.5">
      <label htmlFor={`${fieldId}-${field}`} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select
        id={`${fieldId}-${field}`}
        value={single(field)}
        onChange={(e) => update({ [field]: e.target.value ? [e.target.value] : [] } as Partial<AppFilters>)}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        data-testid={`filter-${field}`}
      >
        <option value="">Any</option>
        {filters[field].length > 1 && (
          <option value="__many" disabled>
            {filters[field].length} selected
          </option>
        )}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const opts = (xs: readonly string[], label: (x: string) => string = (x) => x) => xs.map((value) => ({ value, label: label(value) }));

  const chips = ([...(['cluster', 'namespace', 'team', 'group', 'verdict', 'grade', 'topic', 'check', 'managedBy'] as const)] as FilterField[]).flatMap((f) =>
    filters[f].map((v) => ({ field: f, value: v as string, label: `${f}: ${f === 'verdict' ? VERDICT_TITLES[v as keyof typeof VERDICT_TITLES] : v}` })),
  );
  const oneNamespace = filters.namespace.length === 1 ? filters.namespace[0]! : null;
  const namespaceClusters = oneNamespace ? [...new Set(rows.filter((r) => r.namespace === oneNamespace && (!filters.cluster.length || filters.cluster.includes(r.cluster))).map((r) => r.cluster))] : [];
  const nsScope = oneNamespace && namespaceClusters.length === 1 ? `namespace:${namespaceClusters[0]}/${oneNamespace}` : null;
  const teamScope = filters.team.length === 1 ? `team:${filters.team[0]}` : null;

  const items = virtualizer.getVirtualItems();
  return (
    <div className="space-y-3" ref={rootRef} data-testid="apps-view">
      <search className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-10" aria-label="Filter apps">
        <div className="col-span-2 flex flex-col gap-0.5 sm:col-span-3 lg:col-span-5 xl:col-span-1">
          <label htmlFor={`${fieldId}-q`} className="text-xs font-medium text-slate-600 dark:text-slate-400">
            Search
          </label>
          <input
            id={`${fieldId}-q`}
            type="search"
            value={filters.q}
            onChange={(e) => update({ q: e.target.value })}
            placeholder="name, namespace, group…"
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            data-testid="filter-q"
          />
        </div>
        {selectField('verdict', 'Verdict', opts(VERDICTS, (v) => VERDICT_TITLES[v as keyof typeof VERDICT_TITLES]))}
        {selectField('grade', 'Grade', opts(GRADES, (g) => (g === 'none' ? 'n/a' : g)))}
        {selectField('topic', 'Failing topic', opts(TOPICS))}
        {selectField('check', 'Failing check', opts(facets.check, (c) => `${c}${checkTitles[c] ? ` — ${checkTitles[c]}` : ''}`))}
        {selectField('cluster', 'Cluster', opts(facets.cluster))}
        {selectField('namespace', 'Namespace', opts(facets.namespace))}
        {selectField('team', 'Team', opts(facets.team))}
        {selectField('group', 'Group', opts(facets.group))}
        {selectField('managedBy', 'Managed by', opts(MANAGED_BY.filter((m) => facets.managedBy.includes(m))))}
      </search>

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <p aria-live="polite" data-testid="apps-count">
          Showing <span className="font-semibold tabular-nums">{visible.length.toLocaleString()}</span> of {rows.length.toLocaleString()} apps
          {fold && shown.length !== visible.length ? <span data-testid="apps-folded"> in {shown.length.toLocaleString()} rows (clusters folded)</span> : null}
        </p>
        {facets.cluster.length > 1 && (
          <label className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={fold} onChange={(e) => setFold(e.target.checked)} className="h-4 w-4 accent-sky-700" data-testid="fold-clusters" />
            Fold clusters
            {fold && fleetGroups.isPending && <span className="text-xs text-slate-600 dark:text-slate-400">(loading…)</span>}
            {fold && fleetGroups.isError && <span className="text-xs text-red-700 dark:text-red-300">(could not load the fleet: {fleetGroups.error.message})</span>}
          </label>
        )}
        {chips.map((c) => (
          <button
            key={`${c.field}:${c.value}`}
            type="button"
            onClick={() => update({ [c.field]: (filters[c.field] as string[]).filter((x) => x !== c.value) } as Partial<AppFilters>)}
            className="inline-flex items-center gap-1 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900 hover:bg-sky-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:bg-sky-950 dark:text-sky-100"
            aria-label={`Remove filter ${c.label}`}
          >
            {c.label} <span aria-hidden="true">×</span>
          </button>
        ))}
        {activeFilterCount(filters) > 0 && (
          <button type="button" className={buttonClass} onClick={() => setFilters({ ...filters, cluster: [], namespace: [], team: [], group: [], verdict: [], grade: [], topic: [], check: [], managedBy: [], q: '' })}>
            Clear filters
          </button>
        )}
        {(nsScope || teamScope) && (
          <div className="ml-auto" data-testid="scope-exports">
            <ExportLinks scope={(nsScope ?? teamScope)!} scan={scan} label={nsScope ? `namespace ${oneNamespace}` : `team ${filters.team[0]}`} kustomize={!!nsScope} />
          </div>
        )}
      </div>

      {visible.length === 0 ? (
        <EmptyState title={rows.length ? 'No app matches these filters' : 'No apps in this scan'}>{rows.length ? <p>Remove a filter or clear the search.</p> : null}</EmptyState>
      ) : (
        <div
          ref={scrollRef}
          className="relative h-[calc(100vh-300px)] min-h-[420px] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          onKeyDown={onKeyDown}
          data-testid="apps-scroll"
        >
          <div role="table" aria-label="Apps" aria-rowcount={shown.length + 1} style={{ width: layout.total, height: virtualizer.getTotalSize() + ROW_HEIGHT }} className="relative">
            <div role="rowgroup" className="sticky top-0 z-10">
              <div role="row" aria-rowindex={1} className="grid border-b border-slate-200 bg-slate-100 text-xs font-medium text-slate-700 dark:border-slate-800 dark:bg-slate-800 dark:text-slate-300" style={{ gridTemplateColumns: layout.grid, height: ROW_HEIGHT }}>
                {layout.columns.map((c) => {
                  const active = filters.sort === c.sort;
                  return (
                    <div key={c.key} role="columnheader" aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`flex items-center px-2 ${c.numeric ? 'justify-end' : ''}`} title={c.title}>
                      {c.sort ? (
                        <button type="button" onClick={() => onSort(c.sort!)} className="inline-flex items-center gap-1 rounded hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-white" aria-label={`Sort by ${c.title ?? c.label}`}>
                          {c.label}
                          <span aria-hidden="true" className={active ? '' : 'opacity-30'}>
                            {active ? (filters.dir === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
            <div role="rowgroup">
              {items.map((item) => {
                const r = shown[item.index]!;
                return (
                  <div
                    key={r.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-index={item.index}
                    data-testid="app-row"
                    data-folded={r.fold ? r.fold.members.length : undefined}
                    className="absolute left-0 top-0 grid items-center border-b border-slate-100 text-sm hover:bg-sky-50 dark:border-slate-800 dark:hover:bg-slate-800/60"
                    style={{ gridTemplateColumns: layout.grid, height: ROW_HEIGHT, width: layout.total, transform: `translateY(${item.start + ROW_HEIGHT}px)` }}
                  >
                    <div role="rowheader" className="truncate px-2">
                      <Link href={appHref(r, scan)} prefetch={false} className="font-medium text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300" title={r.id}>
                        {r.name}
                      </Link>
                    </div>
                    <div role="cell" className="truncate px-2">{r.fold ? <ClusterChips members={r.fold.members} scan={scan} /> : r.cluster}</div>
                    <div role="cell" className="truncate px-2">{r.namespace}</div>
                    <div role="cell" className="truncate px-2">{r.kind}</div>
                    <div role="cell" className="truncate px-2" title={r.group}>{r.group}</div>
                    <div role="cell" className="truncate px-2">{r.team ?? <span className="text-slate-500">—</span>}</div>
                    <div role="cell" className="px-2"><VerdictBadge verdict={r.verdict} /></div>
                    <div role="cell" className="px-2"><GradeBadge grade={r.grade} /></div>
                    <div role="cell" className="px-2 text-right tabular-nums">{formatScore(r.score)}</div>
                    {TOPICS.map((t) => (
                      <div key={t} role="cell" className={`px-2 text-right text-xs tabular-nums ${topicTone(r.topics[t])}`}>
                        {r.topics[t] === null ? '–' : Math.round(r.topics[t]!)}
                      </div>
                    ))}
                    <div role="cell" className="truncate px-2">{r.qosClass}</div>
                    <div role="cell" className="px-2 text-right tabular-nums">{r.replicas ?? '–'}</div>
                    <div role="cell" className={`px-2 text-right tabular-nums ${r.criticals ? 'font-semibold text-red-700 dark:text-red-300' : 'text-slate-500'}`}>{r.criticals}</div>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
