import 'server-only';
import type { ExemptionRecord } from '../config/types';
import type { Report } from '../report/types';
import { getSetting, IGNORE_ANNOTATION_EXEMPTIONS, listExemptions, openStore, saveScan, storeOptionsFromEnv, type Store, type StoreOptions } from '../store';
import { errorText } from './error-text';

/**
 * The scan service's side of the history store: opened once on first use, and every read or write
 * a scan needs from it. The store is optional — none configured, or it cannot be opened, or a query
 * fails — and each failure is logged and answered with what a scan without a store would do, so a
 * broken database never stops a scan.
 */
export class ScanHistoryStore {
  private readonly options: StoreOptions | null;
  private opened: Promise<Store | null> | null = null;

  /** `options`: undefined = from the environment (DATABASE_URL, else DRYDOCK_DB_PATH or ./data/drydock.sqlite); null = none. */
  constructor(
    options: StoreOptions | null | undefined,
    private readonly log: (message: string) => void,
  ) {
    if (options !== undefined) this.options = options;
    else {
      try {
        this.options = storeOptionsFromEnv();
      } catch (e) {
        log(`drydock: the history store is off: ${errorText(e)}`);
        this.options = null;
      }
    }
  }

  /** The store, opened once; null when there is none or it cannot be opened (logged). */
  store(): Promise<Store | null> {
    if (!this.opened) {
      const opts = this.options;
      this.opened = opts
        ? openStore(opts).catch((e: unknown) => {
            this.log(`drydock: cannot open the history store: ${errorText(e)}; scans are kept in memory only`);
            return null;
          })
        : Promise.resolve(null);
    }
    return this.opened;
  }

  async close(): Promise<void> {
    const store = await this.opened;
    this.opened = Promise.resolve(null);
    await store?.close();
  }

  /** The stored exemption records in force now (none without a store; a failure is logged). */
  async activeExemptions(): Promise<ExemptionRecord[]> {
    const store = await this.store();
    if (!store) return [];
    try {
      return await listExemptions(store, { activeAt: new Date() });
    } catch (e) {
      this.log(`drydock: cannot read the stored exemptions: ${errorText(e)}; this scan applies only the config's`);
      return [];
    }
  }

  /** The stored admin switch "ignore annotation exemptions" (false without a store; a failure is logged). */
  async ignoreAnnotations(): Promise<boolean> {
    const store = await this.store();
    if (!store) return false;
    try {
      return (await getSetting(store, IGNORE_ANNOTATION_EXEMPTIONS))?.value === true;
    } catch (e) {
      this.log(`drydock: cannot read the stored settings: ${errorText(e)}; this scan uses the config file's`);
      return false;
    }
  }

  /** The stored admin switch with who set it and when (null without a store). Throws on a store failure. */
  async ignoreAnnotationsSetting(): Promise<{ on: boolean; updatedAt: string | null; updatedBy: string | null } | null> {
    const store = await this.store();
    if (!store) return null;
    const stored = await getSetting(store, IGNORE_ANNOTATION_EXEMPTIONS);
    return { on: stored?.value === true, updatedAt: stored?.updatedAt ?? null, updatedBy: stored?.updatedBy ?? null };
  }

  /** Saves a finished scan's report; a failure is logged and the scan stays in memory. */
  async save(report: Report): Promise<void> {
    const store = await this.store();
    if (!store) return;
    try {
      await saveScan(store, report);
    } catch (e) {
      this.log(`drydock: cannot save scan ${report.scanId} in the history store: ${errorText(e)}; it is kept in memory only`);
    }
  }
}
