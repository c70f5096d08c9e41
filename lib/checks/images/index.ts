import type { Check } from '../types';
import { check as imageMutableTag } from './image-mutable-tag';
import { check as imagePullPolicy } from './image-pull-policy';

/** Every check of the images topic, in catalog order; one file per check beside this index. */
export const imagesChecks: Check[] = [imageMutableTag, imagePullPolicy];
