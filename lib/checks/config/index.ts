import type { Check } from '../types';
import { check as configEnvDuplicate } from './config-env-duplicate';
import { check as configInlineEnv } from './config-inline-env';
import { check as configRefMissing } from './config-ref-missing';
import { check as configSecretAsEnv } from './config-secret-as-env';
import { check as configSecretLiteral } from './config-secret-literal';
import { check as configSubpathFrozen } from './config-subpath-frozen';

/** Every check of the config topic; one file per check beside this index (catalog order). */
export const configChecks: Check[] = [configSecretLiteral, configInlineEnv, configSecretAsEnv, configSubpathFrozen, configRefMissing, configEnvDuplicate];
