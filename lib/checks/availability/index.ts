import type { Check } from '../types';

/** Every check of the availability topic; one file per check beside this index. */
export const availabilityChecks: Check[] = [];
