import type { Check } from '../types';
import { check as haHpaMinReplicas } from './ha-hpa-min-replicas';
import { check as haHpaPinnedReplicas } from './ha-hpa-pinned-replicas';
import { check as haNoHostSpread } from './ha-no-host-spread';
import { check as haNoZoneSpread } from './ha-no-zone-spread';
import { check as haObservedColocated } from './ha-observed-colocated';
import { check as haPdbBlocksDrain } from './ha-pdb-blocks-drain';
import { check as haPdbMissing } from './ha-pdb-missing';
import { check as haSingleReplica } from './ha-single-replica';
import { check as rolloutMaxUnavailableAll } from './rollout-max-unavailable-all';
import { check as rolloutNoHistory } from './rollout-no-history';
import { check as rolloutRecreate } from './rollout-recreate';

/** Every check of the availability topic, in catalog order; one file per check beside this index. */
export const availabilityChecks: Check[] = [
  haSingleReplica,
  haNoHostSpread,
  haNoZoneSpread,
  haObservedColocated,
  haPdbMissing,
  haPdbBlocksDrain,
  haHpaMinReplicas,
  haHpaPinnedReplicas,
  rolloutRecreate,
  rolloutNoHistory,
  rolloutMaxUnavailableAll,
];
