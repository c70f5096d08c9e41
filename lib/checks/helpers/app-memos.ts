import type { App } from '../../apps/types';

/**
 * Per-app memos (containers, effective resources, DNS references) are WeakMaps keyed by the App, so
 * they live as long as the App. A report keeps its apps' pending fixes, whose closures keep their
 * App: without a release the memos of all 10,000 apps of a scan stay in memory with the report.
 * buildReport releases each app's memos once its report is built; a later read (a fix derived on
 * demand) just computes them again — they are memos, never state.
 */
const memos: WeakMap<App, unknown>[] = [];

export function appMemo<T>(): WeakMap<App, T> {
  const m = new WeakMap<App, T>();
  memos.push(m);
  return m;
}

export function releaseAppMemos(app: App): void {
  for (const m of memos) m.delete(app);
}
