import type { AppFilters } from '../views/app-filters';

/**
 * Every TanStack Query key of the dashboard, from one factory: invalidating `queryKeys.scans.all`
 * refreshes every scan query, `queryKeys.apps.all` every app list, and so on.
 */
export const queryKeys = {
  all: ['drydock'] as const,
  scans: {
    all: ['drydock', 'scans'] as const,
    list: () => [...queryKeys.scans.all, 'list'] as const,
    detail: (id: string) => [...queryKeys.scans.all, 'detail', id] as const,
  },
  contexts: () => ['drydock', 'contexts'] as const,
  /** The server's scheduled scans (GET /api/schedule). */
  schedule: () => ['drydock', 'schedule'] as const,
  apps: {
    all: ['drydock', 'apps'] as const,
    /** The table rows of a scan (null = the default scan); filtering happens on the client. */
    rows: (scan: string | null) => [...queryKeys.apps.all, 'rows', scan ?? 'current'] as const,
    list: (scan: string | null, filters: Partial<AppFilters>) => [...queryKeys.apps.all, 'list', scan ?? 'current', filters] as const,
    detail: (scan: string | null, id: string) => [...queryKeys.apps.all, 'detail', scan ?? 'current', id] as const,
  },
  exemptions: {
    all: ['drydock', 'exemptions'] as const,
    list: () => [...queryKeys.exemptions.all, 'list'] as const,
  },
  audit: {
    all: ['drydock', 'audit'] as const,
    list: () => [...queryKeys.audit.all, 'list'] as const,
  },
  settings: () => ['drydock', 'settings'] as const,
  plan: {
    /** Every plan entry, and the waves views built from them (a plan change refreshes both). */
    all: ['drydock', 'plan'] as const,
    entries: (subjects?: string[]) => [...queryKeys.plan.all, 'entries', subjects ?? 'all'] as const,
    waves: (scan: string | null) => [...queryKeys.plan.all, 'waves', scan ?? 'current'] as const,
  },
  fleet: {
    /** The same apps across clusters: the apps list's fold groups, and one app's clusters and roll-out. */
    all: ['drydock', 'fleet'] as const,
    groups: (scan: string | null) => [...queryKeys.fleet.all, 'groups', scan ?? 'current'] as const,
    app: (scan: string | null, id: string) => [...queryKeys.fleet.all, 'app', scan ?? 'current', id] as const,
  },
} as const;
