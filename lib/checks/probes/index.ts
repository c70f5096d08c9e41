import type { Check } from '../types';

/** Every check of the probes topic; one file per check beside this index. */
export const probesChecks: Check[] = [];
