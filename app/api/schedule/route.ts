import { connection } from 'next/server';
import { handle } from '@/lib/server/http';
import { scheduleView } from '@/lib/server/scheduler-boot';

/**
 * GET /api/schedule — the server's scheduled scans: each entry's interval and contexts, its last
 * run (scan, status, score or error, or why it was skipped), its next run and any scan of its
 * contexts running now. No entries when none is configured (`error` says why one did not start).
 */
export async function GET(): Promise<Response> {
  await connection();
  return handle(async () => Response.json(await scheduleView(), { headers: { 'Cache-Control': 'no-store' } }));
}
