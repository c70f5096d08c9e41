import type { Check } from '../types';
import { check as initOutputNotShared } from './init-output-not-shared';
import { check as probeExecTimeoutTight } from './probe-exec-timeout-tight';
import { check as probeExecZombieRisk } from './probe-exec-zombie-risk';
import { check as probeLivenessAggressive } from './probe-liveness-aggressive';
import { check as probeLivenessEqualsReadiness } from './probe-liveness-equals-readiness';
import { check as probeLivenessMissing } from './probe-liveness-missing';
import { check as probePortUndeclared } from './probe-port-undeclared';
import { check as probeReadinessMissing } from './probe-readiness-missing';
import { check as probeTimeoutExceedsPeriod } from './probe-timeout-exceeds-period';
import { check as processShellPid1 } from './process-shell-pid1';

/** Every check of the probes topic; one file per check beside this index. */
export const probesChecks: Check[] = [
  probeReadinessMissing,
  probeLivenessMissing,
  probeExecZombieRisk,
  probeExecTimeoutTight,
  probeTimeoutExceedsPeriod,
  probeLivenessEqualsReadiness,
  probeLivenessAggressive,
  probePortUndeclared,
  processShellPid1,
  initOutputNotShared,
];
