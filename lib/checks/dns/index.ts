import type { Check } from '../types';

/** Every check of the dns topic; one file per check beside this index. */
export const dnsChecks: Check[] = [];
