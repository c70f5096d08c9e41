import { csvField } from '../report/render-csv';
import type { Report } from '../report/types';
import { emptyVerdictCounts, type Verdict } from '../scoring/score';
import type { PlanEntry } from '../store/plan';

/**
 * The waves page's data: every app of a report placed in the wave its plan entry says (an app's own
 * entry overrides its group's), with per-wave verdict counts and the apps past their target date
 * that are not Ready yet. Pure: the page, the API and the CSV export all come from here.
 */

export interface WaveApp {
  id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  group: string;
  verdict: Verdict;
  /** The plan entry that applies ("app:…" or "group:…"), null when not planned. */
  subject: string | null;
  owner: string | null;
  targetDate: string | null;
  note: string;
  /** Target date passed (before today) and the app is not Ready. */
  overdue: boolean;
}

export interface Wave {
  /** The wave label; null for the apps no entry plans. */
  wave: string | null;
  total: number;
  verdicts: Record<Verdict, number>;
  overdue: number;
  /** Distinct owners and the earliest / latest target date of the wave's apps. */
  owners: string[];
  firstDate: string | null;
  lastDate: string | null;
  apps: WaveApp[];
}

export interface WavesView {
  today: string;
  /** Planned waves in natural order ("wave 2" before "wave 10"). */
  waves: Wave[];
  notPlanned: Wave;
  /** Entries that match no app of this report (a group or app not seen by this scan). */
  unmatched: PlanEntry[];
  totals: { apps: number; planned: number; overdue: number };
  /** The groups and app ids of the report, for the plan editor's pickers. */
  groups: string[];
  appIds: string[];
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Today as YYYY-MM-DD in UTC (target dates are calendar dates; UTC keeps server and tests agreeing). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isOverdue(targetDate: string | null, verdict: Verdict, today: string): boolean {
  return targetDate !== null && targetDate < today && verdict !== 'ready';
}

function waveOf(label: string | null, apps: WaveApp[]): Wave {
  const verdicts = emptyVerdictCounts();
  for (const a of apps) verdicts[a.verdict]++;
  const dates = apps.map((a) => a.targetDate).filter((d): d is string => d !== null).sort();
  // Overdue first (oldest date first), then the rest by date, then by id: what needs chasing on top.
  const sorted = [...apps].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id),
  );
  return {
    wave: label,
    total: apps.length,
    verdicts,
    overdue: apps.filter((a) => a.overdue).length,
    owners: [...new Set(apps.map((a) => a.owner).filter((o): o is string => o !== null))].sort(natural.compare),
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    apps: sorted,
  };
}

export function wavesOf(report: Report, entries: PlanEntry[], today: string = todayUtc()): WavesView {
  const bySubject = new Map(entries.map((e) => [e.subject, e]));
  const used = new Set<string>();
  const byWave = new Map<string, WaveApp[]>();
  const unplanned: WaveApp[] = [];
  for (const a of report.apps) {
    const entry = bySubject.get(`app:${a.id}`) ?? bySubject.get(`group:${a.group}`) ?? null;
    const app: WaveApp = {
      id: a.id,
      cluster: a.cluster,
      namespace: a.namespace,
      kind: a.kind,
      name: a.name,
      group: a.group,
      verdict: a.verdict,
      subject: entry?.subject ?? null,
      owner: entry?.owner ?? null,
      targetDate: entry?.targetDate ?? null,
      note: entry?.note ?? '',
      overdue: entry ? isOverdue(entry.targetDate, a.verdict, today) : false,
    };
    if (!entry) {
      unplanned.push(app);
      continue;
    }
    used.add(entry.subject);
    const list = byWave.get(entry.wave);
    if (list) list.push(app);
    else byWave.set(entry.wave, [app]);
  }
  // Entries for an app this scan did not see, or a group no app is in: listed so they can be checked or removed.
  const unmatched = entries.filter((e) => !used.has(e.subject) && !(e.subjectType === 'group' && report.apps.some((a) => a.group === e.subject.slice(6))));
  const waves = [...byWave.keys()].sort(natural.compare).map((w) => waveOf(w, byWave.get(w)!));
  const overdue = waves.reduce((n, w) => n + w.overdue, 0);
  return {
    today,
    waves,
    notPlanned: waveOf(null, unplanned),
    unmatched,
    totals: { apps: report.apps.length, planned: report.apps.length - unplanned.length, overdue },
    groups: [...new Set(report.apps.map((a) => a.group))].sort(natural.compare),
    appIds: report.apps.map((a) => a.id).sort(),
  };
}

export const WAVES_CSV_COLUMNS = ['wave', 'subject', 'app', 'group', 'owner', 'target_date', 'verdict', 'overdue', 'note'] as const;

/** One row per app (planned waves in order, then the apps not planned), RFC 4180 with formula cells guarded. */
export function renderWavesCsv(view: WavesView): string {
  const rows: string[][] = [[...WAVES_CSV_COLUMNS]];
  for (const w of [...view.waves, view.notPlanned]) {
    for (const a of w.apps) rows.push([w.wave ?? '', a.subject ?? '', a.id, a.group, a.owner ?? '', a.targetDate ?? '', a.verdict, a.overdue ? 'yes' : 'no', a.note]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
