import { applyChange, idSchema, requireStore } from '@/lib/server/exemptions-api';
import { handle, HttpError, parseWith } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { expireExemption } from '@/lib/store';

type Params = { params: Promise<{ id: string }> };

/** POST /api/exemptions/{id}/expire — end the exemption now (its expiry becomes now; kept for the record). */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const { id } = parseWith(idSchema, await params);
    const exemption = await expireExemption(await requireStore(), id, identityOf(request));
    if (!exemption) throw new HttpError(404, `no exemption ${id} (GET /api/exemptions lists them)`);
    return Response.json({ exemption, ...(await applyChange('exemptions changed')) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
