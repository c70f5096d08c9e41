import { applyChange, idSchema, jsonBody, mergePatch, patchSchema, requireStore } from '@/lib/server/exemptions-api';
import { handle, HttpError, parseWith } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { deleteExemption, getExemption, updateExemption } from '@/lib/store';

type Params = { params: Promise<{ id: string }> };

const notFound = (id: string) => new HttpError(404, `no exemption ${id} (GET /api/exemptions lists them)`);

/** GET /api/exemptions/{id} — one stored exemption. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const { id } = parseWith(idSchema, await params);
    const exemption = await getExemption(await requireStore(), id);
    if (!exemption) throw notFound(id);
    return Response.json({ exemption }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/**
 * PATCH /api/exemptions/{id} — change some fields (null clears a target); the result is validated
 * whole and audited with before and after. To end an exemption now: POST /api/exemptions/{id}/expire.
 */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const { id } = parseWith(idSchema, await params);
    const patch = parseWith(patchSchema, await jsonBody(request));
    const store = await requireStore();
    const before = await getExemption(store, id);
    if (!before) throw notFound(id);
    const exemption = await updateExemption(store, id, mergePatch(before, patch), identityOf(request));
    if (!exemption) throw notFound(id);
    return Response.json({ exemption, ...(await applyChange('exemptions changed')) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/** DELETE /api/exemptions/{id} — remove it (the audit log keeps what it was). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const { id } = parseWith(idSchema, await params);
    if (!(await deleteExemption(await requireStore(), id, identityOf(request)))) throw notFound(id);
    return Response.json({ deleted: id, ...(await applyChange('exemptions changed')) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
