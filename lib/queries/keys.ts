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
  apps: {
    all: ['drydock', 'apps'] as const,
    /** The table rows of a scan (null = the default scan); filtering happens on the client. */
    rows: (scan: string | null) => [...queryKeys.apps.all, 'rows', scan ?? 'current'] as const,
    list: (scan: string | null, filters: Partial<AppFilters>) => [...queryKeys.apps.all, 'list', scan ?? 'current', filters] as const,
    detail: (scan: string | null, id: string) => [...queryKeys.apps.all, 'detail', scan ?? 'current', id] as const,
  },
} as const;
