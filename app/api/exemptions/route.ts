import { z } from 'zod';
import { applyChange, createSchema, jsonBody, matchCounts, requireStore } from '@/lib/server/exemptions-api';
import { handle, parseWith, queryOf } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { createExemption, listExemptions, type ExemptionInput } from '@/lib/store';

const querySchema = z.object({ active: z.enum(['0', '1', 'true', 'false'], { error: 'active must be true or false' }).optional() });

/**
 * GET /api/exemptions — every stored exemption, soonest expiry first (`?active=true`: those in force now),
 * with how many findings of the current scan (`scan`) each one exempts (`matches`: id → count).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { active: get('active') });
    const store = await requireStore();
    const active = q.active === '1' || q.active === 'true';
    const exemptions = await listExemptions(store, active ? { activeAt: new Date() } : {});
    return Response.json({ exemptions, ...(await matchCounts()) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/**
 * POST /api/exemptions — create one: `{ scope, checks, reason, owner, expires, cluster?, namespace?, app?, container? }`
 * (the target the scope needs). 201 with `{ exemption, appliesFrom, scan }`: 'now' and the id of the scan that
 * re-scored the current one, or 'next scan' and null. Audited with the caller's identity.
 */
export async function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const input = parseWith(createSchema, await jsonBody(request)) as ExemptionInput;
    const store = await requireStore();
    const exemption = await createExemption(store, input, identityOf(request));
    return Response.json({ exemption, ...(await applyChange('exemptions changed')) }, { status: 201, headers: { Location: `/api/exemptions/${exemption.id}`, 'Cache-Control': 'no-store' } });
  });
}
