'use client';
import { useQuery } from '@tanstack/react-query';
import type { AppRow } from '../views/app-rows';
import { unpackRows, type PackedRows } from '../views/packed-rows';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Every row of a scan; the server renders them first (initialData), filters run in the browser. */
export function useAppRows(scan: string | null, initialData: AppRow[]) {
  return useQuery({
    queryKey: queryKeys.apps.rows(scan),
    queryFn: async () => unpackRows((await fetchJson<{ apps: PackedRows }>(`/api/apps?view=packed&limit=20000${scan ? `&scan=${encodeURIComponent(scan)}` : ''}`)).apps),
    initialData,
    staleTime: 60_000,
  });
}
