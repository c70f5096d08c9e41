import 'server-only';
import { ConfigError, loadConfig } from '../config/load-config';
import type { ScanScheduleEntry } from '../config/types';
import type { ScheduleView } from '../views/schedule-view';
import { errorText } from './error-text';
import { getScanService } from './scan-service';
import { Scheduler, schedulePlan } from './scheduler';
import { serverSettings } from './settings';

interface SchedulerSlot {
  scheduler: Scheduler | null;
  /** Why no schedule runs although one was asked for. */
  error: string | null;
  starting: Promise<void> | null;
}

const KEY = Symbol.for('drydock.scheduler');
type WithSlot = typeof globalThis & { [KEY]?: SchedulerSlot };

function slot(): SchedulerSlot {
  const g = globalThis as WithSlot;
  g[KEY] ??= { scheduler: null, error: null, starting: null };
  return g[KEY];
}

/**
 * Starts the server's scheduled scans once per process (instrumentation.ts calls it at start-up;
 * the schedule API calls it too, so a server started without instrumentation still gets them).
 * Nothing is touched when no schedule is configured: the scan service then starts on first use,
 * as before. Never rejects: a bad config is kept as the schedule's error and logged.
 */
export function ensureScheduler(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const s = slot();
  s.starting ??= (async () => {
    const settings = serverSettings(env);
    let configured: ScanScheduleEntry[] | undefined;
    try {
      configured = (await loadConfig(settings.configFile ?? undefined)).schedule;
    } catch (e) {
      // Without DRYDOCK_SCAN_INTERVAL the schedule lives in the config: no config, no schedule.
      if (!env.DRYDOCK_SCAN_INTERVAL?.trim()) {
        s.error = `scheduled scans are off: ${e instanceof ConfigError ? e.message : String(e)}`;
        console.error(`drydock: ${s.error}`);
        return;
      }
    }
    const plan = schedulePlan({ DRYDOCK_SCAN_INTERVAL: env.DRYDOCK_SCAN_INTERVAL }, configured);
    if (plan.error) {
      s.error = plan.error;
      console.error(`drydock: scheduled scans are off: ${plan.error}`);
    }
    if (!plan.entries.length || !plan.source) return;
    const service = getScanService();
    await service.ready();
    const scheduler = new Scheduler({ service, entries: plan.entries, source: plan.source });
    s.scheduler = scheduler;
    await scheduler.start();
    const every = plan.entries.map((e) => `every ${e.every} (${e.contexts?.join(', ') ?? "the server's contexts"})`).join('; ');
    console.log(`drydock: scheduled scans (${plan.source === 'env' ? 'DRYDOCK_SCAN_INTERVAL' : 'schedule: in the config'}): ${every}`);
    // Clear the timers on shutdown. Only alongside a handler that ends the process (Next's):
    // a lone SIGTERM listener would keep the process from exiting on SIGTERM.
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      if (process.listenerCount(sig) > 0) process.once(sig, () => scheduler.stop());
    }
  })().catch((e: unknown) => {
    s.error = `scheduled scans could not start: ${errorText(e)}`;
    console.error(`drydock: ${s.error}`);
  });
  return s.starting;
}

/** The schedule as the API and /scans show it (empty with a hint when none is configured). */
export async function scheduleView(): Promise<ScheduleView> {
  await ensureScheduler();
  const s = slot();
  if (s.scheduler) return { ...s.scheduler.view(), error: s.error };
  return { now: new Date().toISOString(), source: null, entries: [], error: s.error, kubeconfig: serverSettings().kubeconfig !== null };
}

/** Tests: stop and forget the process-wide scheduler. */
export function resetScheduler(): void {
  const g = globalThis as WithSlot;
  g[KEY]?.scheduler?.stop();
  g[KEY] = undefined;
}
