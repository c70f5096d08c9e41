'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnnotationExemptionsSetting } from '../server/scan-service';
import type { AuditEntry, ExemptionInput, StoredExemption } from '../store';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

export type { AnnotationExemptionsSetting, AuditEntry, ExemptionInput, StoredExemption };

/** GET /api/exemptions: every record, and how many findings of the current scan each one exempts. */
export interface ExemptionList {
  exemptions: StoredExemption[];
  scan: string | null;
  matches: Record<string, number>;
}

/** What a change answers: applied now (the id of the scan that re-scored the current one) or from the next scan. */
export interface ChangeResult {
  appliesFrom: 'now' | 'next scan';
  scan: string | null;
}

export interface SettingsData {
  settings: { ignoreAnnotationExemptions: AnnotationExemptionsSetting };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function useExemptions(initialData?: ExemptionList) {
  return useQuery({ queryKey: queryKeys.exemptions.list(), queryFn: () => fetchJson<ExemptionList>('/api/exemptions'), initialData });
}

export function useAudit(initialData?: { entries: AuditEntry[] }) {
  return useQuery({ queryKey: queryKeys.audit.list(), queryFn: () => fetchJson<{ entries: AuditEntry[] }>('/api/audit?limit=2000'), initialData });
}

export function useSettings(initialData?: SettingsData) {
  return useQuery({ queryKey: queryKeys.settings(), queryFn: () => fetchJson<SettingsData>('/api/settings'), initialData });
}

/** After any change: the lists, the log and every app view are stale (a new scan may be current). */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.exemptions.all }),
      qc.invalidateQueries({ queryKey: queryKeys.audit.all }),
      qc.invalidateQueries({ queryKey: queryKeys.settings() }),
      qc.invalidateQueries({ queryKey: queryKeys.apps.all }),
      qc.invalidateQueries({ queryKey: queryKeys.scans.all }),
    ]);
}

/** Create (no id) or replace (id) an exemption. */
export function useSaveExemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ExemptionInput }) =>
      id
        ? fetchJson<ChangeResult & { exemption: StoredExemption }>(`/api/exemptions/${encodeURIComponent(id)}`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(input) })
        : fetchJson<ChangeResult & { exemption: StoredExemption }>('/api/exemptions', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(input) }),
    onSuccess: invalidate,
  });
}

export function useExpireExemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => fetchJson<ChangeResult & { exemption: StoredExemption }>(`/api/exemptions/${encodeURIComponent(id)}/expire`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useDeleteExemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => fetchJson<ChangeResult & { deleted: string }>(`/api/exemptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useSaveSettings() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (s: { ignoreAnnotationExemptions: boolean }) => fetchJson<ChangeResult & SettingsData>('/api/settings', { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(s) }),
    onSuccess: invalidate,
  });
}
