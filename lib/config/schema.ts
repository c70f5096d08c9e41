import { z } from 'zod';
import { DEFAULT_CONFIG } from './defaults';
import type { DrydockConfig } from './types';

const isoDate = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a date (use YYYY-MM-DD)` });
    return z.NEVER;
  }
  return d.toISOString();
});

const exemption = z
  .object({
    id: z.string().optional(),
    checks: z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim()).filter(Boolean))),
    scope: z.enum(['cluster', 'namespace', 'app', 'container', 'check']),
    cluster: z.string().optional(),
    namespace: z.string().optional(),
    app: z.string().optional(),
    container: z.string().optional(),
    reason: z.string().min(1, 'an exemption needs a reason'),
    owner: z.string().min(1, 'an exemption needs an owner'),
    expires: isoDate.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const need: Record<string, (keyof typeof e)[]> = {
      cluster: ['cluster'],
      namespace: ['namespace'],
      app: ['app'],
      container: ['app', 'container'],
      check: [],
    };
    for (const f of need[e.scope] ?? []) {
      if (!e[f]) ctx.addIssue({ code: 'custom', message: `scope "${e.scope}" needs "${f}"`, path: [f] });
    }
  });

export const configFileSchema = z
  .object({
    weights: z.object({ critical: z.number().nonnegative(), warning: z.number().nonnegative(), info: z.number().nonnegative() }).partial().optional(),
    teamLabelKeys: z.array(z.string().min(1)).optional(),
    rackLabelKey: z.string().min(1).optional(),
    exemptions: z.array(exemption).optional(),
    ignoreAnnotationExemptions: z.boolean().optional(),
    namespaces: z.array(z.string()).optional(),
  })
  .strict();

export type ConfigFile = z.input<typeof configFileSchema>;

/** Validate a parsed config file and merge it over the defaults. Throws a ZodError on bad input. */
export function configFromObject(raw: unknown): DrydockConfig {
  const parsed = configFileSchema.parse(raw ?? {});
  return {
    weights: { ...DEFAULT_CONFIG.weights, ...(parsed.weights ?? {}) },
    teamLabelKeys: parsed.teamLabelKeys ?? DEFAULT_CONFIG.teamLabelKeys,
    rackLabelKey: parsed.rackLabelKey ?? DEFAULT_CONFIG.rackLabelKey,
    exemptions: parsed.exemptions ?? [],
    ignoreAnnotationExemptions: parsed.ignoreAnnotationExemptions ?? false,
    namespaces: parsed.namespaces ?? [],
  };
}
