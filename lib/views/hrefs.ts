import type { AppFilters } from './app-filters';
import { filtersToSearch } from './app-filters';

/**
 * Links of the dashboard. `scan` is the scan being looked at when it is not the default one
 * (an uploaded manifest scan, an older scan); every link keeps it so a view can be shared.
 */
type Scan = string | null | undefined;

const seg = (s: string) => encodeURIComponent(s);
const scanQuery = (scan: Scan) => (scan ? `?scan=${encodeURIComponent(scan)}` : '');

export interface AppKey {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}

export function appPath(a: AppKey): string {
  return `${seg(a.cluster)}/${seg(a.namespace)}/${seg(a.kind)}/${seg(a.name)}`;
}

export function appHref(a: AppKey, scan?: Scan): string {
  return `/apps/${appPath(a)}${scanQuery(scan)}`;
}

export function appsHref(filters: Partial<AppFilters> = {}, scan?: Scan): string {
  return `/apps${filtersToSearch(filters, { scan })}`;
}

export function overviewHref(scan?: Scan, cluster?: string | null): string {
  const p = new URLSearchParams();
  if (cluster) p.set('cluster', cluster);
  if (scan) p.set('scan', scan);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

export function checkHref(id: string, scan?: Scan): string {
  return `/checks/${seg(id)}${scanQuery(scan)}`;
}

export function checksHref(scan?: Scan): string {
  return `/checks${scanQuery(scan)}`;
}

export function appApiPath(a: AppKey): string {
  return `/api/apps/${appPath(a)}`;
}

export function patchHref(a: AppKey, format: 'strategic' | 'json' | 'kustomize', opts: { scan?: Scan; check?: string; container?: string | null; download?: boolean } = {}): string {
  const p = new URLSearchParams({ format });
  if (opts.check) p.set('check', opts.check);
  if (opts.container) p.set('container', opts.container);
  if (opts.scan) p.set('scan', opts.scan);
  if (opts.download) p.set('download', '1');
  return `${appApiPath(a)}/patch?${p.toString()}`;
}

export type ExportFormat = 'json' | 'csv' | 'sarif' | 'html' | 'kustomize';

export function exportHref(format: ExportFormat, scope: string, scan?: Scan): string {
  const p = new URLSearchParams({ format, scope });
  if (scan) p.set('scan', scan);
  return `/api/export?${p.toString()}`;
}
