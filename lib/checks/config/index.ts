import type { Check } from '../types';

/** Every check of the config topic; one file per check beside this index. */
export const configChecks: Check[] = [];
