/**
 * Kubernetes resource quantities (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/).
 * Returns the value in base units (cores for cpu, bytes for memory), or null when it is not a quantity
 * (e.g. a "<CHANGE-ME: …>" placeholder, which counts as *set* but has no value).
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?))$/.exec(value.trim());
  if (!m) return null;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  if (m[3]) return base * (BINARY[m[3]] ?? 1);
  return base * (DECIMAL[m[4] ?? ''] ?? 1);
}

/** Whether a resources map sets a value for the resource (any value, even an unparsable placeholder). */
export function hasQuantity(map: unknown, resource: string): boolean {
  if (typeof map !== 'object' || map === null) return false;
  const v = (map as Record<string, unknown>)[resource];
  return v !== undefined && v !== null && v !== '';
}

/** Human form for messages: 0.25 cores → "250m", 268435456 bytes → "256Mi". */
export function formatQuantity(value: number, resource: 'cpu' | 'memory'): string {
  if (resource === 'cpu') return value < 1 ? `${Math.round(value * 1000)}m` : `${+value.toFixed(3)}`;
  for (const [suffix, factor] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (value >= factor && Number.isInteger(value / factor)) return `${value / factor}${suffix}`;
  }
  return `${value}`;
}
