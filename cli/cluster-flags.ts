/** Whether `drydock scan` was asked to scan live clusters (kept apart so manifest scans never load client-node). */
export function wantsCluster(f: { kubeconfig?: string[]; context?: string[]; 'all-contexts'?: boolean; 'in-cluster'?: boolean }): boolean {
  return !!(f.kubeconfig?.length || f.context?.length || f['all-contexts'] || f['in-cluster']);
}
