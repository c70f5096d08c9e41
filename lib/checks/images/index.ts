import type { Check } from '../types';

/** Every check of the images topic; one file per check beside this index. */
export const imagesChecks: Check[] = [];
