import { availabilityChecks } from './availability';
import { configChecks } from './config';
import { dnsChecks } from './dns';
import { fleetChecks } from './fleet';
import { imagesChecks } from './images';
import { probesChecks } from './probes';
import { resourcesChecks } from './resources';
import { securityChecks } from './security';
import { storageChecks } from './storage';
import type { Check } from './types';

/** Every check Drydock runs, in catalog order. Its test guards completeness and fixtures. */
export const CHECKS: readonly Check[] = [
  ...probesChecks,
  ...resourcesChecks,
  ...storageChecks,
  ...configChecks,
  ...dnsChecks,
  ...availabilityChecks,
  ...fleetChecks,
  ...securityChecks,
  ...imagesChecks,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function checkById(id: string): Check | undefined {
  return BY_ID.get(id);
}
