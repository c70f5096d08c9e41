import type { DrydockConfig } from './types';

export const DEFAULT_CONFIG: DrydockConfig = {
  weights: { critical: 5, warning: 2, info: 0.5 },
  teamLabelKeys: ['team', 'owner'],
  rackLabelKey: 'topology.kubernetes.io/rack',
  exemptions: [],
  ignoreAnnotationExemptions: false,
  namespaces: [],
};
