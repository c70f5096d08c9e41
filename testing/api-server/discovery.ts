import { RESOURCE_TYPES, groupVersion } from './resources';

/** Legacy discovery documents (/api, /apis, /api/v1, /apis/{group}/{version}); kubectl falls back to them. */
export function discovery(path: string, serverAddress: string): unknown | null {
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }
  const groups = [...new Set(RESOURCE_TYPES.filter((r) => r.group).map((r) => `${r.group}/${r.version}`))];
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      }),
    };
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return null;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3]!;
  const resources = RESOURCE_TYPES.filter((r) => r.group === group && r.version === version);
  if (!resources.length) return null;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: resources.map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['get', 'list'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    })),
  };
}
