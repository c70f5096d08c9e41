'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanEntry } from '../store/plan';
import type { WavesView } from '../views/waves';
import { ApiError, fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** The migration plan's client state: entries, the waves view of a scan, and the changes. */

export interface PlanEntryInput {
  subject: string;
  owner: string;
  wave: string;
  targetDate: string | null;
  note: string;
}

/** A refused import: the message and every line that is wrong. */
export class ImportRefusedError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly lines: { line: number; message: string }[],
  ) {
    super(status, message);
  }
}

const scanQuery = (scan: string | null) => (scan ? `&scan=${encodeURIComponent(scan)}` : '');

export function useWaves(scan: string | null, initialData?: WavesView) {
  return useQuery({
    queryKey: queryKeys.plan.waves(scan),
    queryFn: async () => (await fetchJson<{ waves: WavesView }>(`/api/waves?format=json${scanQuery(scan)}`)).waves,
    initialData,
  });
}

/** Plan entries (all, or those of the given subjects). */
export function usePlanEntries(subjects?: string[], initialData?: PlanEntry[]) {
  const query = subjects ? subjects.map((s) => `subject=${encodeURIComponent(s)}`).join('&') : '';
  return useQuery({
    queryKey: queryKeys.plan.entries(subjects),
    queryFn: async () => (await fetchJson<{ entries: PlanEntry[] }>(`/api/plan${query ? `?${query}` : ''}`)).entries,
    initialData,
  });
}

export function useSavePlanEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PlanEntryInput) =>
      fetchJson<{ entry: PlanEntry; created: boolean }>('/api/plan', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.plan.all }),
  });
}

export function useDeletePlanEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (subject: string) => fetchJson<{ deleted: string }>(`/api/plan?subject=${encodeURIComponent(subject)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.plan.all }),
  });
}

export function useImportPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string) => {
      const res = await fetch('/api/plan/import', { method: 'POST', headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }, body: csv });
      const body = (await res.json().catch(() => null)) as { created?: number; updated?: number; unchanged?: number; error?: { message?: string; details?: unknown } } | null;
      if (!res.ok) {
        const details = Array.isArray(body?.error?.details) ? (body.error.details as { line: number; message: string }[]).filter((d) => typeof d?.line === 'number') : [];
        throw new ImportRefusedError(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`, details);
      }
      return { created: body?.created ?? 0, updated: body?.updated ?? 0, unchanged: body?.unchanged ?? 0 };
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.plan.all }),
  });
}
