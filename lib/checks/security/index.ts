import type { Check } from '../types';
import { check as secCapabilities } from './sec-capabilities';
import { check as secHostNamespaces } from './sec-host-namespaces';
import { check as secPrivilegeEscalation } from './sec-privilege-escalation';
import { check as secPrivileged } from './sec-privileged';
import { check as secRunAsRoot } from './sec-run-as-root';
import { check as secSaToken } from './sec-sa-token';
import { check as secSharedPid } from './sec-shared-pid';

/** Every check of the security topic, in catalog order; one file per check beside this index. */
export const securityChecks: Check[] = [
  secPrivileged,
  secPrivilegeEscalation,
  secRunAsRoot,
  secCapabilities,
  secHostNamespaces,
  secSharedPid,
  secSaToken,
];
