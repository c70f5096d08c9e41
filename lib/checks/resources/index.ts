import type { Check } from '../types';
import { check as resourcesInitUnset } from './resources-init-unset';
import { check as resourcesLimitRatio } from './resources-limit-ratio';
import { check as resourcesMemoryLimitMissing } from './resources-memory-limit-missing';
import { check as resourcesOomKilled } from './resources-oom-killed';
import { check as resourcesRequestsMissing } from './resources-requests-missing';
import { check as resourcesRestarts } from './resources-restarts';

/** Every check of the resources topic; one file per check beside this index, in catalog order. */
export const resourcesChecks: Check[] = [
  resourcesRequestsMissing,
  resourcesMemoryLimitMissing,
  resourcesLimitRatio,
  resourcesInitUnset,
  resourcesOomKilled,
  resourcesRestarts,
];
