import type { FleetAppView } from '@/lib/views/fleet-view';
import { PALETTE_SIZE, formatUtc, type RolloutTimelineData } from '@/lib/views/fleet-rollout';
import { MUTED_TAG, ROLLOUT_TAG, SKEW_TAG } from './tags';

/**
 * The roll-out of one app as a timeline per cluster: a lane per cluster, a bar per version it ran
 * (colour = version, oldest to newest), a dot where a scan saw the version change, and the order in
 * which the clusters reached the newest version. Under it, the current state per cluster: which
 * image and revision, ahead or behind, and the rollback target.
 */
const FILL = ['fill-slate-400 dark:fill-slate-500', 'fill-sky-600 dark:fill-sky-400', 'fill-violet-600 dark:fill-violet-400', 'fill-amber-500 dark:fill-amber-400', 'fill-teal-600 dark:fill-teal-400', 'fill-rose-600 dark:fill-rose-400'];
const SWATCH = ['bg-slate-400 dark:bg-slate-500', 'bg-sky-600 dark:bg-sky-400', 'bg-violet-600 dark:bg-violet-400', 'bg-amber-500 dark:bg-amber-400', 'bg-teal-600 dark:bg-teal-400', 'bg-rose-600 dark:bg-rose-400'];
const NEWEST_FILL = 'fill-emerald-600 dark:fill-emerald-400';
const NEWEST_SWATCH = 'bg-emerald-600 dark:bg-emerald-400';

function Lanes({ t }: { t: RolloutTimelineData }) {
  const labelW = 92;
  const plotW = 460;
  const laneH = 28;
  const top = 6;
  const axisH = 24;
  const span = Math.max(1, t.end - t.start);
  const single = t.end === t.start;
  const x = (ms: number) => labelW + (single ? plotW : (plotW * (ms - t.start)) / span);
  const byKey = new Map(t.versions.map((v) => [v.key, v]));
  const fill = (key: string) => {
    const v = byKey.get(key);
    return v?.newest ? NEWEST_FILL : FILL[(v?.color ?? 0) % PALETTE_SIZE]!;
  };
  const ticks = single ? [t.start] : [t.start, t.start + span / 2, t.end];
  const height = top + t.lanes.length * laneH + axisH;
  return (
    <svg viewBox={`0 0 ${labelW + plotW + 70} ${height}`} className="h-auto w-full max-w-3xl" role="img" aria-label={`Versions per cluster from ${formatUtc(t.start)} to ${formatUtc(t.end)}: ${t.lanes.map((l) => `${l.cluster} ${l.changes.length} change${l.changes.length === 1 ? '' : 's'}, now ${byKey.get(l.current ?? '')?.label ?? 'unknown'}`).join('; ')}`}>
      {ticks.map((tick, i) => (
        <g key={i}>
          <line x1={x(tick)} x2={x(tick)} y1={top - 2} y2={top + t.lanes.length * laneH} className="stroke-slate-200 dark:stroke-slate-700" />
          <text x={x(tick)} y={height - 6} textAnchor={single ? 'end' : i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'} className="fill-slate-600 text-[10px] dark:fill-slate-400">
            {formatUtc(tick)}
          </text>
        </g>
      ))}
      {t.lanes.map((l, i) => {
        const y = top + i * laneH + 4;
        return (
          <g key={l.cluster} data-testid={`rollout-lane-${l.cluster}`}>
            <text x={labelW - 6} y={y + 13} textAnchor="end" className="fill-slate-800 text-[11px] dark:fill-slate-200">
              {l.cluster.length > 13 ? `${l.cluster.slice(0, 12)}…` : l.cluster}
            </text>
            {l.segments.map((s, j) => {
              const x0 = single ? labelW : x(s.from);
              const w = Math.max(4, (single ? x(t.end) : x(s.to)) - x0);
              return (
                <rect key={j} x={x0} y={y} width={w} height={18} rx={2} className={fill(s.version)}>
                  <title>{`${l.cluster}: ${byKey.get(s.version)?.label ?? '?'}${s.revision !== null ? ` (revision ${s.revision})` : ''} — ${formatUtc(s.from)} to ${formatUtc(s.to)}, ${s.scans} scan${s.scans === 1 ? '' : 's'}`}</title>
                </rect>
              );
            })}
            {l.changes.map((c) => (
              <circle key={c.scanId} cx={x(c.at)} cy={y + 9} r={5} strokeWidth={2} className="fill-white stroke-slate-900 dark:fill-slate-900 dark:stroke-white">
                <title>{`${l.cluster}: ${byKey.get(c.from ?? '')?.label ?? '?'} → ${byKey.get(c.to)?.label ?? '?'} seen in scan ${c.scanId} (${formatUtc(c.at)})`}</title>
              </circle>
            ))}
            <text x={labelW + plotW + 6} y={y + 13} className="fill-slate-700 text-[10px] dark:fill-slate-300">
              {l.current && l.current === t.newest ? 'newest' : 'behind'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function RolloutTimeline({ timeline, app, note }: { timeline: RolloutTimelineData | null; app: FleetAppView; note: string | null }) {
  return (
    <div className="space-y-3" data-testid="rollout-timeline">
      {timeline && timeline.scans.length > 0 ? (
        <>
          <ul aria-label="Versions" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
            {timeline.versions.map((v) => (
              <li key={v.key} className="flex items-center gap-1.5" title={Object.entries(v.images).map(([c, i]) => `${c}: ${i}`).join('\n')}>
                <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${v.newest ? NEWEST_SWATCH : SWATCH[v.color % PALETTE_SIZE]}`} />
                <span className="font-mono">{v.label}</span>
                {v.newest && <span className="font-semibold">(newest)</span>}
              </li>
            ))}
            <li className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border-2 border-slate-900 bg-white dark:border-white dark:bg-slate-900" /> a scan saw the version change
            </li>
          </ul>
          <div className="overflow-x-auto">
            <div className="min-w-[32rem]">
              <Lanes t={timeline} />
            </div>
          </div>
          <p className="text-sm" data-testid="rollout-order">
            <span className="font-medium">Order observed: </span>
            {timeline.order.map((o, i) => (
              <span key={o.cluster}>
                {i > 0 && ' → '}
                <strong>{o.cluster}</strong> {o.at !== null ? `(${formatUtc(o.at)})` : '(not yet)'}
              </span>
            ))}
          </p>
        </>
      ) : null}
      {note && <p className="text-sm text-slate-600 dark:text-slate-400">{note}</p>}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="rollout-current">
          <caption className="sr-only">Current version per cluster</caption>
          <thead className="text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">Cluster</th>
              <th scope="col" className="py-1 pr-2 font-medium">Image</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">Revision</th>
              <th scope="col" className="py-1 pr-2 font-medium">State</th>
              <th scope="col" className="py-1 font-medium">Rollback target</th>
            </tr>
          </thead>
          <tbody>
            {app.members.map((m) => (
              <tr key={m.appId} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="rollout-member" data-cluster={m.cluster}>
                <th scope="row" className="py-1 pr-2 font-medium">{m.cluster}</th>
                <td className="py-1 pr-2 font-mono text-xs">
                  {Object.entries(m.images).map(([c, i]) => (
                    <div key={c} title={c}>
                      {i}
                    </div>
                  ))}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">{m.revision ?? '—'}</td>
                <td className="py-1 pr-2">
                  {!app.versionsDiffer ? (
                    <span className={MUTED_TAG}>same everywhere</span>
                  ) : m.runsNewest ? (
                    <span className={ROLLOUT_TAG}>ahead</span>
                  ) : (
                    <span className={MUTED_TAG}>{m.behindBy ? `behind by ${m.behindBy}` : 'behind'}</span>
                  )}
                </td>
                <td className="py-1">
                  {m.rollback ? (
                    <span className="font-mono text-xs">
                      rev {m.rollback.revision} · {m.rollback.version}
                    </span>
                  ) : (
                    <div className="max-w-72 space-y-0.5">
                      <span className={m.rollbackReason ? SKEW_TAG : MUTED_TAG}>none</span>
                      {m.rollbackReason && <p className="text-xs text-slate-700 dark:text-slate-300">{m.rollbackReason}</p>}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
