import { applyChange, jsonBody, requireStore, settingsSchema } from '@/lib/server/exemptions-api';
import { handle, HttpError, parseWith } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { getScanService } from '@/lib/server/scan-service';
import { IGNORE_ANNOTATION_EXEMPTIONS, setSetting, SettingInputError } from '@/lib/store';

/**
 * GET /api/settings — the admin settings: `ignoreAnnotationExemptions` as the config file sets it
 * (`config`), as stored from the dashboard (`stored`, with who changed it and when) and in force
 * (`effective`: either one).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    // Reading the request keeps the answer dynamic (never prerendered): settings change at run time.
    if (new URL(request.url).search.length > 1) throw new HttpError(400, 'GET /api/settings takes no query parameters');
    const ignoreAnnotationExemptions = await getScanService().annotationExemptionsSetting();
    return Response.json({ settings: { ignoreAnnotationExemptions } }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/**
 * PUT /api/settings — `{ ignoreAnnotationExemptions: boolean }`; audited with the caller's identity
 * (`setting.update`). The current scan is re-scored at once when its resources are in memory
 * (`appliesFrom: 'now'`, `scan`: the new scan), else from the next scan.
 */
export async function PUT(request: Request): Promise<Response> {
  return handle(async () => {
    const body = parseWith(settingsSchema, await jsonBody(request));
    const store = await requireStore();
    try {
      await setSetting(store, IGNORE_ANNOTATION_EXEMPTIONS, body.ignoreAnnotationExemptions, identityOf(request));
    } catch (e) {
      if (e instanceof SettingInputError) throw new HttpError(400, e.message);
      throw e;
    }
    const applied = await applyChange('settings changed');
    const ignoreAnnotationExemptions = await getScanService().annotationExemptionsSetting();
    return Response.json({ settings: { ignoreAnnotationExemptions }, ...applied }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
