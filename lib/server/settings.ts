import 'server-only';
import path from 'node:path';

/** What the dashboard server is configured with (environment only; no file is read here). */
export interface ServerSettings {
  /** Kubeconfig file(s) to scan from: DRYDOCK_KUBECONFIG, else KUBECONFIG (path lists allowed); null when neither is set. */
  kubeconfig: string[] | null;
  /** Contexts to scan (DRYDOCK_CONTEXTS, comma separated); null = every context of the kubeconfig. */
  contexts: string[] | null;
  /** DRYDOCK_CONFIG: the drydock.config.yaml to use (else ./drydock.config.yaml when present). */
  configFile: string | null;
  /** DRYDOCK_AUTO_SCAN=0 turns off the scan started on first use. */
  autoScan: boolean;
  /** How many finished scans are kept in memory (DRYDOCK_KEEP_SCANS, default 20). */
  keepScans: number;
}

export function serverSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const kube = (env.DRYDOCK_KUBECONFIG || env.KUBECONFIG || '').split(path.delimiter).map((s) => s.trim()).filter(Boolean);
  const contexts = (env.DRYDOCK_CONTEXTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const keep = Number(env.DRYDOCK_KEEP_SCANS);
  return {
    kubeconfig: kube.length ? kube : null,
    contexts: contexts.length ? contexts : null,
    configFile: env.DRYDOCK_CONFIG?.trim() || null,
    autoScan: env.DRYDOCK_AUTO_SCAN !== '0' && env.DRYDOCK_AUTO_SCAN !== 'false',
    keepScans: Number.isInteger(keep) && keep > 0 ? keep : 20,
  };
}
