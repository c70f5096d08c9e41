import type { Check } from '../types';

/** Every check of the storage topic; one file per check beside this index. */
export const storageChecks: Check[] = [];
