'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ScanView } from '../views/scan-view';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

export interface ScanList {
  current: string | null;
  scans: ScanView[];
}

export function useScans(initialData?: ScanList) {
  return useQuery({
    queryKey: queryKeys.scans.list(),
    queryFn: () => fetchJson<ScanList>('/api/scans'),
    initialData,
    refetchInterval: (q) => (q.state.data?.scans.some((s) => s.status === 'running') ? 700 : false),
  });
}

/** One scan's status and progress, polled while it runs (the report body is left out). */
export function useScan(id: string | null, initialData?: ScanView) {
  return useQuery({
    queryKey: queryKeys.scans.detail(id ?? ''),
    queryFn: async () => (await fetchJson<{ scan: ScanView }>(`/api/scans/${encodeURIComponent(id!)}?report=0`)).scan,
    enabled: !!id,
    initialData,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false),
  });
}

export interface ContextList {
  kubeconfig: boolean;
  contexts: { name: string; selected: boolean }[];
}

export function useContexts(initialData?: ContextList) {
  return useQuery({ queryKey: queryKeys.contexts(), queryFn: () => fetchJson<ContextList>('/api/contexts'), initialData });
}

export type StartScan = { type: 'cluster'; contexts?: string[] } | { type: 'manifests'; files: { name: string; content: string }[] };

export function useStartScan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartScan) => fetchJson<ScanView>('/api/scans', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    onSuccess: (scan) => {
      qc.setQueryData(queryKeys.scans.detail(scan.id), scan);
      void qc.invalidateQueries({ queryKey: queryKeys.scans.all });
    },
  });
}
