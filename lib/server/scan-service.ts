import 'server-only';
import { buildApps } from '../apps/build-apps';
import type { App } from '../apps/types';
import { ConfigError, loadConfig } from '../config/load-config';
import type { DrydockConfig } from '../config/types';
import { resolveTargets, type ClusterTarget } from '../k8s/contexts';
import { KubeError } from '../k8s/errors';
import { READABLE_KINDS } from '../k8s/kinds';
import type { ScanProgress } from '../k8s/scan-cluster';
import { scanClusters } from '../k8s/scan-clusters';
import type { ExemptionRecord } from '../config/types';
import { buildReportYielding } from '../report/build-report';
import type { Report } from '../report/types';
import { listScans, type Store, type StoreOptions } from '../store';
import type { Snapshot, SourceType } from '../snapshot/types';
import type { ScanView } from '../views/scan-view';
import { acceptUpload, MAX_UPLOAD_FILES, MAX_UPLOAD_TOTAL_BYTES, ScanInputError, snapshotOfUpload, type ManifestFile } from './manifest-upload';
import { errorText } from './error-text';
import { ScanHistoryStore } from './scan-history-store';
import { markFailed, newScanRecord, scanViewOf, type ScanRecord } from './scan-record';
import { serverSettings, type ServerSettings } from './settings';
import { STORED_SCANS_LISTED, StoredScans } from './stored-scans';

export { MAX_UPLOAD_FILES, MAX_UPLOAD_TOTAL_BYTES, ScanInputError, type ManifestFile };

/**
 * What a change of exemptions or settings did to the dashboard: `now` with the new scan that
 * re-scored the current one, or `next scan` when the current scan's resources are no longer in
 * memory (restored from the store after a restart) and the change waits for the next scan.
 */
export type Reevaluation = { appliesFrom: 'now'; scanId: string } | { appliesFrom: 'next scan'; scanId: null };

/** The admin switch "ignore annotation exemptions": the config file's, the stored one, and the one in force. */
export interface AnnotationExemptionsSetting {
  config: boolean;
  stored: boolean;
  effective: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ScanServiceDeps {
  settings?: ServerSettings;
  resolveTargets?: typeof resolveTargets;
  scanClusters?: typeof scanClusters;
  loadConfig?: (file?: string) => Promise<DrydockConfig>;
  /**
   * The history store: every finished scan is saved there, past scans are read back from it and
   * its active exemption records apply to every scan. Default: from the environment
   * (`storeOptionsFromEnv`: DATABASE_URL, else DRYDOCK_DB_PATH or ./data/drydock.sqlite); null: none.
   */
  store?: StoreOptions | null;
  /** Where store failures are reported (default console.error). */
  log?: (message: string) => void;
  /** Scoring yields to the event loop after this much work (ms; default 50). */
  scoreSliceMs?: number;
}

export { STORED_SCANS_LISTED };

export interface ReportOf {
  scan: ScanView;
  report: Report;
}

/**
 * The scans the dashboard knows: started from the kubeconfig's contexts or from uploaded
 * manifests, held in memory (newest first, the last `keepScans` kept), with live progress per
 * cluster and resource. Pages and route handlers read reports from here; nothing else scans.
 */
export class ScanService {
  private readonly scans = new Map<string, ScanRecord>();
  private readonly settings: ServerSettings;
  private readonly deps: Required<Omit<ScanServiceDeps, 'settings' | 'store'>>;
  private initialStarted = false;
  private readonly storeAccess: ScanHistoryStore;
  private readyPromise: Promise<void> | null = null;
  /** The newest stored cluster scan when the service started: the default view until a new one finishes. */
  private restoredId: string | null = null;
  /** Scans of earlier runs read back from the store (views and the last few reports, cached). */
  private readonly stored = new StoredScans(() => this.restoredId);

  constructor(deps: ScanServiceDeps = {}) {
    this.settings = deps.settings ?? serverSettings();
    this.deps = {
      resolveTargets: deps.resolveTargets ?? resolveTargets,
      scanClusters: deps.scanClusters ?? scanClusters,
      loadConfig: deps.loadConfig ?? ((file) => loadConfig(file)),
      log: deps.log ?? ((m) => console.error(m)),
      scoreSliceMs: deps.scoreSliceMs ?? 50,
    };
    this.storeAccess = new ScanHistoryStore(deps.store, this.deps.log);
  }

  /** The history store, opened once on first use; null when there is none or it cannot be opened (logged). */
  private store(): Promise<Store | null> {
    return this.storeAccess.store();
  }

  /** The history store (exemptions and audit routes); null when there is none or it cannot be opened. */
  historyStore(): Promise<Store | null> {
    return this.store();
  }

  /**
   * Resolves once the history store is open and the newest stored cluster scan is loaded (the
   * default view after a restart). Never rejects: a store failure is logged.
   */
  ready(): Promise<void> {
    this.readyPromise ??= (async () => {
      const store = await this.store();
      if (!store) return;
      try {
        const newest = (await listScans(store, { limit: STORED_SCANS_LISTED })).find((s) => s.source.type === 'cluster' && s.reportKept);
        if (!newest || this.scans.has(newest.scanId)) return;
        const report = await this.stored.report(store, newest.scanId);
        if (report) this.restoredId = newest.scanId;
      } catch (e) {
        this.deps.log(`drydock: cannot read the history store: ${errorText(e)}`);
      }
    })();
    return this.readyPromise;
  }

  /** Closes the history store (tests; a server keeps it open). */
  async close(): Promise<void> {
    await this.storeAccess.close();
  }

  get configured(): { kubeconfig: boolean; contexts: string[] | null } {
    return { kubeconfig: this.settings.kubeconfig !== null, contexts: this.settings.contexts };
  }

  /** The contexts of the configured kubeconfig (empty when none is configured). */
  contexts(): { name: string; selected: boolean }[] {
    if (!this.settings.kubeconfig) return [];
    const all = this.deps.resolveTargets({ kubeconfig: this.settings.kubeconfig, allContexts: true }).map((t) => t.name);
    return all.map((name) => ({ name, selected: this.settings.contexts ? this.settings.contexts.includes(name) : true }));
  }

  /** On first use: scan the configured contexts so the dashboard has data. Idempotent. */
  ensureInitialScan(): void {
    if (this.initialStarted || this.scans.size || !this.settings.kubeconfig || !this.settings.autoScan) return;
    this.initialStarted = true;
    try {
      this.startClusterScan();
    } catch (e) {
      this.recordFailure('cluster', errorText(e));
    }
  }

  /** Start a scan of contexts (default: DRYDOCK_CONTEXTS, else every context). Throws ScanInputError on bad input. */
  startClusterScan(opts: { contexts?: string[] } = {}): ScanView {
    if (!this.settings.kubeconfig) {
      throw new ScanInputError('no kubeconfig is configured: start the server with DRYDOCK_KUBECONFIG (or KUBECONFIG) set, or upload manifests');
    }
    const wanted = opts.contexts?.length ? [...new Set(opts.contexts)] : this.settings.contexts;
    let targets: ClusterTarget[];
    try {
      targets = this.deps.resolveTargets({ kubeconfig: this.settings.kubeconfig, ...(wanted ? { contexts: wanted } : { allContexts: true }) });
    } catch (e) {
      if (e instanceof KubeError) throw new ScanInputError(e.message);
      throw e;
    }
    // Never two scans of the same context at once (a scheduled scan, a button press, another user):
    // a request that overlaps a running scan gets that scan, whose result it would duplicate.
    const names = new Set(targets.map((t) => t.name));
    const running = [...this.scans.values()].find((r) => r.status === 'running' && r.source.type === 'cluster' && r.source.clusters.some((c) => names.has(c)));
    if (running) return this.view(running);
    const record = this.newRecord('cluster', targets.map((t) => t.name), []);
    for (const t of targets) {
      for (const k of READABLE_KINDS) record.progress.push({ cluster: t.name, resource: k.resource, state: 'pending', items: 0, pages: 0 });
    }
    record.done = this.runCluster(record, targets);
    return this.view(record);
  }

  /** Score uploaded manifest text, file by file, with the CLI's rules and limits. */
  startManifestScan(files: ManifestFile[]): ScanView {
    const names = acceptUpload(files);
    const record = this.newRecord('manifests', ['-'], names);
    record.done = (async () => {
      await new Promise((r) => setImmediate(r));
      try {
        const config = await this.config();
        const snapshot = snapshotOfUpload(files, names);
        await this.finish(record, snapshot, config, await this.storeAccess.activeExemptions(), await this.storeAccess.ignoreAnnotations());
      } catch (e) {
        markFailed(record, e);
      }
      await this.persist(record);
    })();
    return this.view(record);
  }

  get(id: string): ScanView | null {
    const r = this.scans.get(id);
    return r ? this.view(r) : null;
  }

  /** Every scan, newest first. */
  list(): ScanView[] {
    return [...this.scans.values()].reverse().map((r) => this.view(r));
  }

  /** Resolves when the scan has finished (done or failed). */
  async waitFor(id: string): Promise<ScanView | null> {
    const r = this.scans.get(id);
    if (!r) return null;
    await r.done;
    return this.view(r);
  }

  report(id: string): ReportOf | null {
    const r = this.scans.get(id);
    return r?.report ? { scan: this.view(r), report: r.report } : null;
  }

  snapshot(id: string): { snapshot: Snapshot; config: DrydockConfig } | null {
    const r = this.scans.get(id);
    return r?.snapshot && r.config ? { snapshot: r.snapshot, config: r.config } : null;
  }

  /** The apps of a finished scan as the checks saw them (for facts the report does not carry). */
  apps(id: string): Map<string, App> | null {
    const r = this.scans.get(id);
    if (!r?.snapshot || !r.config) return null;
    if (!r.apps) r.apps = new Map(buildApps(r.snapshot, r.config).apps.map((a) => [a.id, a]));
    return r.apps;
  }

  /**
   * The scan the dashboard shows by default: the newest finished cluster scan of this run, else
   * the newest stored cluster scan of an earlier run (after `ready()`), else the newest finished
   * scan of any kind. Uploaded manifests are looked at by their scan id.
   */
  currentId(): string | null {
    const done = [...this.scans.values()].reverse().filter((r) => r.status === 'done');
    // A scan of a few contexts (a schedule entry, a manual scan of one cluster) must not replace the
    // fleet view: prefer the newest scan that covers every context the server scans by default.
    const wanted = this.defaultContextNames();
    const covering = wanted.length ? done.find((r) => r.source.type === 'cluster' && wanted.every((c) => r.source.clusters.includes(c))) : undefined;
    return (covering?.id ?? done.find((r) => r.source.type === 'cluster')?.id ?? this.restoredId ?? done[0]?.id) ?? null;
  }

  private defaultContexts: string[] | null = null;
  /** The contexts a default scan covers (read once: the kubeconfig does not change under a running server). */
  private defaultContextNames(): string[] {
    if (this.defaultContexts) return this.defaultContexts;
    try {
      this.defaultContexts = this.contexts().filter((c) => c.selected).map((c) => c.name);
    } catch {
      this.defaultContexts = [];
    }
    return this.defaultContexts;
  }

  /**
   * Every scan, newest first: this run's (in memory) and the stored ones of earlier runs (the
   * newest STORED_SCANS_LISTED). Without a store, or when it fails (logged), this run's only.
   */
  async history(): Promise<ScanView[]> {
    await this.ready();
    const live = this.list();
    const store = await this.store();
    if (!store) return live;
    let stored: ScanView[];
    try {
      stored = await this.stored.list(store, new Set(live.map((s) => s.id)));
    } catch (e) {
      this.deps.log(`drydock: cannot list the stored scans: ${errorText(e)}`);
      return live;
    }
    return [...live, ...stored].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  }

  /** A scan of this run, else a stored one; null when neither knows it. */
  async find(id: string): Promise<ScanView | null> {
    const live = this.get(id);
    if (live) return live;
    const cached = this.stored.cachedView(id);
    if (cached) return cached;
    const store = await this.store();
    if (!store) return null;
    try {
      return await this.stored.find(store, id);
    } catch (e) {
      this.deps.log(`drydock: cannot read stored scan ${id}: ${errorText(e)}`);
      return null;
    }
  }

  /** The report of a finished scan of this run, else the stored report (null once retention dropped it). */
  async reportOf(id: string): Promise<ReportOf | null> {
    const live = this.report(id);
    if (live || this.scans.has(id)) return live;
    const store = await this.store();
    if (!store) return null;
    try {
      const report = await this.stored.report(store, id);
      return report ? { scan: this.stored.viewOf(id, report), report } : null;
    } catch (e) {
      this.deps.log(`drydock: cannot read the stored report of ${id}: ${errorText(e)}`);
      return null;
    }
  }

  /** The newest scan still running, if any. */
  runningId(): string | null {
    return [...this.scans.values()].reverse().find((r) => r.status === 'running')?.id ?? null;
  }

  private newRecord(type: SourceType, clusters: string[], paths: string[]): ScanRecord {
    return this.adopt(newScanRecord(type, clusters, paths));
  }

  /** Holds a record among this run's scans (the newest), dropping the oldest beyond `keepScans`. */
  private adopt(record: ScanRecord): ScanRecord {
    this.scans.set(record.id, record);
    this.prune();
    return record;
  }

  private recordFailure(type: SourceType, message: string): void {
    const r = this.newRecord(type, [], []);
    r.status = 'failed';
    r.error = message;
    r.finishedAt = new Date();
  }

  private async runCluster(record: ScanRecord, targets: ClusterTarget[]): Promise<void> {
    let policySeen: number | null = null;
    try {
      const config = await this.config();
      const onProgress = (p: ScanProgress) => {
        const row = record.progress.find((x) => x.cluster === p.cluster && x.resource === p.resource);
        if (row) {
          row.state = p.state;
          row.items = p.items;
          row.pages = p.pages;
        } else record.progress.push({ cluster: p.cluster, resource: p.resource, state: p.state, items: p.items, pages: p.pages });
      };
      const { snapshot, results } = await this.deps.scanClusters(targets, { config, onProgress });
      for (const res of results) {
        if (!res.fatal) continue;
        record.fatal.set(res.cluster, res.fatal);
        for (const row of record.progress) if (row.cluster === res.cluster && row.state !== 'done') row.state = 'failed';
      }
      policySeen = this.policyChanges;
      await this.finish(record, snapshot, config, await this.storeAccess.activeExemptions(), await this.storeAccess.ignoreAnnotations());
    } catch (e) {
      markFailed(record, e);
    }
    await this.persist(record);
    // Exemptions or the admin setting changed while this scan was being scored (after it read them):
    // re-score it now rather than show the old state until the next scan.
    if (record.status === 'done' && policySeen !== null && policySeen !== this.policyChanges) await this.reevaluate(this.lastPolicyChange);
  }

  /**
   * Re-scores the current cluster scan with the exemption records and settings in force now, so a
   * change shows at once instead of at the next scheduled scan: a NEW scan (new id, the same
   * resources, `trigger` = reason) saved like any other, which becomes the current one. Without the
   * current scan's resources in memory (a scan restored after a restart, or none yet) the change
   * applies from the next scan. Uploaded manifests are looked at by scan id and are not re-scored.
   */
  async reevaluate(reason: string): Promise<Reevaluation> {
    this.policyChanges++;
    this.lastPolicyChange = reason;
    // One at a time, in order: two quick changes must not finish out of order (the older state last).
    const next = this.reevaluating.then(() => this.reevaluateNow(reason));
    this.reevaluating = next.catch(() => undefined);
    return next;
  }

  private reevaluating: Promise<unknown> = Promise.resolve();
  /** Counts calls of reevaluate(): a scan scored across one is re-scored when it finishes. */
  private policyChanges = 0;
  private lastPolicyChange = '';

  private async reevaluateNow(reason: string): Promise<Reevaluation> {
    await this.ready();
    // Scoring yields to the event loop; a scan that finishes meanwhile becomes the current one, and
    // the re-scoring starts over from it (its exemptions may have been read before the change).
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = this.currentId();
      const current = id ? this.scans.get(id) : undefined;
      const snapshot = current?.snapshot;
      const base = current?.baseConfig;
      if (!current || current.status !== 'done' || current.source.type !== 'cluster' || !snapshot || !base) return { appliesFrom: 'next scan', scanId: null };
      const exemptions = await this.storeAccess.activeExemptions();
      const ignoreAnnotations = await this.storeAccess.ignoreAnnotations();
      // Scored before the record exists: the new scan is never seen running (the scheduler and the
      // pages treat a running cluster scan as busy / pending).
      const draft = newScanRecord(current.source.type, [...current.source.clusters], [...current.source.paths]);
      try {
        await this.finish(draft, snapshot, base, exemptions, ignoreAnnotations);
      } catch (e) {
        this.deps.log(`drydock: cannot re-score scan ${current.id}: ${errorText(e)}`);
        return { appliesFrom: 'next scan', scanId: null };
      }
      if (this.currentId() !== current.id) continue;
      // The report says where its resources came from, so the history store keeps why it exists.
      const report = draft.report!;
      report.notes = [...report.notes, { level: 'info', message: `re-scored the resources read by scan ${current.id} because ${reason}` }];
      draft.trigger = reason;
      draft.progress = current.progress.map((p) => ({ ...p }));
      for (const [cluster, fatal] of current.fatal) draft.fatal.set(cluster, fatal);
      const record = this.adopt(draft);
      record.done = this.persist(record);
      await record.done;
      return { appliesFrom: 'now', scanId: record.id };
    }
    return { appliesFrom: 'next scan', scanId: null };
  }

  /** The "ignore annotation exemptions" switch: the config file's value, the stored one (admin UI), and the one in force (either). */
  async annotationExemptionsSetting(): Promise<AnnotationExemptionsSetting> {
    let config = false;
    try {
      config = (await this.config()).ignoreAnnotationExemptions;
    } catch (e) {
      this.deps.log(`drydock: cannot read the configuration: ${errorText(e)}`);
    }
    const stored = await this.storeAccess.ignoreAnnotationsSetting();
    const on = stored?.on === true;
    return { config, stored: on, effective: config || on, updatedAt: stored?.updatedAt ?? null, updatedBy: stored?.updatedBy ?? null };
  }

  /** Saves a finished scan's report in the history store (a failure is logged; the scan stays in memory). */
  private async persist(record: ScanRecord): Promise<void> {
    if (record.report) await this.storeAccess.save(record.report);
  }

  /** Scores the snapshot into the record's report, yielding to the event loop as it goes (buildReportYielding). */
  private async finish(record: ScanRecord, snapshot: Snapshot, baseConfig: DrydockConfig, extraExemptions: ExemptionRecord[] = [], ignoreAnnotations = false): Promise<void> {
    const now = new Date();
    // Either the config file or the admin setting turns annotation exemptions off.
    const config = ignoreAnnotations && !baseConfig.ignoreAnnotationExemptions ? { ...baseConfig, ignoreAnnotationExemptions: true } : baseConfig;
    const report = await buildReportYielding(snapshot, {
      config,
      scanId: record.id,
      startedAt: record.startedAt,
      now,
      extraExemptions,
      yieldEveryMs: this.deps.scoreSliceMs,
      onProgress: (scored, apps) => (record.scoring = { scored, apps }),
    });
    record.scoring = null;
    record.snapshot = snapshot;
    record.baseConfig = baseConfig;
    record.config = config;
    record.report = report;
    record.finishedAt = new Date();
    record.status = 'done';
  }

  private async config(): Promise<DrydockConfig> {
    try {
      return await this.deps.loadConfig(this.settings.configFile ?? undefined);
    } catch (e) {
      if (e instanceof ConfigError) throw new Error(`configuration: ${e.message}`);
      throw e;
    }
  }

  /** Keep the newest `keepScans` scans; a running scan is never dropped. */
  private prune(): void {
    const excess = this.scans.size - this.settings.keepScans;
    if (excess <= 0) return;
    let dropped = 0;
    for (const [id, r] of this.scans) {
      if (dropped >= excess) break;
      if (r.status === 'running' || id === this.currentId()) continue;
      this.scans.delete(id);
      dropped++;
    }
  }

  private view(r: ScanRecord): ScanView {
    return scanViewOf(r);
  }
}


const KEY = Symbol.for('drydock.scanService');
type WithService = typeof globalThis & { [KEY]?: ScanService };

/** The process-wide scan service; it survives Next's dev reloads (held on globalThis). */
export function getScanService(): ScanService {
  const g = globalThis as WithService;
  if (!g[KEY]) g[KEY] = new ScanService();
  g[KEY].ensureInitialScan();
  return g[KEY];
}

/** Tests: replace (or reset with undefined) the process-wide service. */
export function setScanService(s: ScanService | undefined): void {
  (globalThis as WithService)[KEY] = s;
}
