'use client';
import { useQuery } from '@tanstack/react-query';
import type { FleetAppData } from '../views/fleet-app';
import type { FleetGroups } from '../views/fleet-groups';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

const scanParam = (scan: string | null) => (scan ? `&scan=${encodeURIComponent(scan)}` : '');

/** One app's fleet: its clusters side by side and its roll-out over the stored scans. */
export function useFleetApp(scan: string | null, id: string) {
  return useQuery({
    queryKey: queryKeys.fleet.app(scan, id),
    queryFn: () => fetchJson<FleetAppData>(`/api/fleet/app?id=${encodeURIComponent(id)}${scanParam(scan)}`),
    staleTime: 60_000,
  });
}

/** The apps list's fold groups (only fetched when folding is on). */
export function useFleetGroups(scan: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.fleet.groups(scan),
    queryFn: () => fetchJson<FleetGroups>(`/api/fleet?x=1${scanParam(scan)}`),
    staleTime: 60_000,
    enabled,
  });
}
