import 'server-only';
import { z } from 'zod';
import { HttpError, parseWith } from './http';
import { MAX_UPLOAD_FILES, MAX_UPLOAD_TOTAL_BYTES, type ManifestFile } from './manifest-upload';

export const scanRequestSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('cluster'),
      contexts: z.array(z.string().min(1, 'a context name is empty').max(253)).max(100, 'at most 100 contexts').optional(),
    }),
    z.object({
      type: z.literal('manifests'),
      files: z
        .array(z.object({ name: z.string().max(1000).default('upload.yaml'), content: z.string({ error: 'each file needs its content as a string' }) }))
        .min(1, 'no files: send at least one manifest')
        .max(MAX_UPLOAD_FILES, `at most ${MAX_UPLOAD_FILES} files`),
    }),
  ],
  { error: 'type must be "cluster" (with optional contexts) or "manifests" (with files)' },
);
export type ScanRequest = z.output<typeof scanRequestSchema>;

/**
 * POST /api/scans bodies: JSON (`{ type: "cluster", contexts }` or `{ type: "manifests", files:
 * [{ name, content }] }`) or multipart/form-data with `file` parts (manifests) — `curl -F file=@app.yaml`.
 */
export async function readScanRequest(request: Request): Promise<ScanRequest> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_UPLOAD_TOTAL_BYTES + 1024 * 1024) throw new HttpError(413, `the request is ${(length / 1024 / 1024).toFixed(1)} MB; uploads are limited to ${MAX_UPLOAD_TOTAL_BYTES / 1024 / 1024} MB`);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new HttpError(400, 'the multipart body could not be read');
    }
    const files: ManifestFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'file' || field === 'files') files.push({ name: 'upload.yaml', content: value });
        continue;
      }
      files.push({ name: value.name || 'upload.yaml', content: await value.text() });
    }
    return parseWith(scanRequestSchema, { type: 'manifests', files });
  }
  if (!type.startsWith('application/json') && type !== '') throw new HttpError(415, `send application/json or multipart/form-data (got ${type})`);
  let body: unknown;
  try {
    const text = await request.text();
    body = text.trim() ? JSON.parse(text) : { type: 'cluster' };
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  return parseWith(scanRequestSchema, body);
}
