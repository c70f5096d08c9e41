import { z } from 'zod';
import { DEFAULT_CONFIG } from './defaults';
import { scanInterval } from './duration';
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

/** `schedule:` — `{ every: 6h, contexts: [a, b] }`; contexts omitted = the server's, `["*"]` = every context. */
const scheduleEntry = z
  .object({
    every: z.unknown().transform((v, ctx) => {
      const ms = scanInterval(v);
      if (typeof ms === 'string') {
        ctx.addIssue({ code: 'custom', message: ms });
        return z.NEVER;
      }
      return { every: String(v).trim(), everyMs: ms };
    }),
    contexts: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((c) => c.trim()).filter(Boolean))
      .refine((v) => v.length > 0, 'name at least one context, or "*" for every context (omit it for the server\'s contexts)')
      .refine((v) => !v.includes('*') || v.length === 1, '"*" (every context) cannot be combined with context names')
      .optional(),
  })
  .strict()
  .transform((e) => ({ every: e.every.every, everyMs: e.every.everyMs, contexts: e.contexts ? [...new Set(e.contexts)] : null }));

/** `fleet:` — `{ match: [{ name, apps: [app ids or globs] }], labelKey }` (lib/fleet/match.ts). */
const fleetSection = z
  .object({
    match: z.array(z.object({ name: z.string().min(1), apps: z.array(z.string().min(1)).min(1, 'a fleet match group needs at least one app') }).strict()).optional(),
    labelKey: z.string().min(1).optional(),
  })
  .strict();

export const configFileSchema = z
  .object({
    weights: z.object({ critical: z.number().nonnegative(), warning: z.number().nonnegative(), info: z.number().nonnegative() }).partial().optional(),
    teamLabelKeys: z.array(z.string().min(1)).optional(),
    rackLabelKey: z.string().min(1).optional(),
    exemptions: z.array(exemption).optional(),
    ignoreAnnotationExemptions: z.boolean().optional(),
    namespaces: z.array(z.string()).optional(),
    schedule: z.array(scheduleEntry).optional(),
    fleet: fleetSection.optional(),
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
    ...(parsed.schedule?.length ? { schedule: parsed.schedule } : {}),
    ...(parsed.fleet ? { fleet: { match: parsed.fleet.match ?? [], ...(parsed.fleet.labelKey ? { labelKey: parsed.fleet.labelKey } : {}) } } : {}),
  };
}
