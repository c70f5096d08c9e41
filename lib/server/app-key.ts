import { z } from 'zod';
import { WORKLOAD_KINDS } from '../apps/types';

const segment = (what: string) => z.string().min(1, `${what} is empty`).max(253, `${what} is longer than 253 characters`);

/** The four path segments that name an app; cluster is "-" for manifests. */
export const appKeySchema = z.object({
  cluster: segment('cluster'),
  namespace: segment('namespace'),
  kind: z.enum(WORKLOAD_KINDS, { error: (i) => `kind must be one of ${WORKLOAD_KINDS.join(', ')} (got "${String(i.input)}")` }),
  name: segment('name'),
});
