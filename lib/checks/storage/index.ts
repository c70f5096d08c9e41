import type { Check } from '../types';
import { check as storageEmptydirMemory } from './storage-emptydir-memory';
import { check as storageEmptydirUnbounded } from './storage-emptydir-unbounded';
import { check as storageHostpath } from './storage-hostpath';
import { check as storageLocalPvPinned } from './storage-local-pv-pinned';
import { check as storageRwoShared } from './storage-rwo-shared';
import { check as storageWritableRootfs } from './storage-writable-rootfs';

/** Every check of the storage topic, in catalog order; one file per check beside this index. */
export const storageChecks: Check[] = [
  storageWritableRootfs,
  storageHostpath,
  storageEmptydirUnbounded,
  storageEmptydirMemory,
  storageRwoShared,
  storageLocalPvPinned,
];
