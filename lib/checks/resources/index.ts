import type { Check } from '../types';

/** Every check of the resources topic; one file per check beside this index. */
export const resourcesChecks: Check[] = [];
