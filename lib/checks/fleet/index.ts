import { check as fleetCapacitySkew } from '../availability/fleet-capacity-skew';
import { check as fleetVersionSkew } from '../availability/fleet-version-skew';
import type { Check } from '../types';

/**
 * The fleet checks (catalog topic: availability; needs: fleet). Their files live in
 * lib/checks/availability/ because the registry test requires every check under its topic's
 * folder; the fleet model they read is lib/fleet/. Registered after the availability topic.
 */
export const fleetChecks: Check[] = [fleetCapacitySkew, fleetVersionSkew];
