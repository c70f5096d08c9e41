import type { Check } from '../types';
import { check as secPrivilegeEscalation } from './sec-privilege-escalation';

/** Every check of the security topic; one file per check beside this index. */
export const securityChecks: Check[] = [secPrivilegeEscalation];
