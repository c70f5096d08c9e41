import type { Check } from '../types';
import { check as dnsHostnetworkPolicy } from './dns-hostnetwork-policy';
import { check as dnsNdotsExternal } from './dns-ndots-external';
import { check as dnsNoneWithoutConfig } from './dns-none-without-config';
import { check as dnsPolicyDefaultCandidate } from './dns-policy-default-candidate';

/** Every check of the dns topic; one file per check beside this index (catalog order). */
export const dnsChecks: Check[] = [dnsHostnetworkPolicy, dnsPolicyDefaultCandidate, dnsNdotsExternal, dnsNoneWithoutConfig];
