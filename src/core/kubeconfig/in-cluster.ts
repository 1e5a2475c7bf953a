/**
 * The in-cluster fallback: inside a pod (KUBERNETES_SERVICE_HOST and _PORT set, and the service
 * account token a regular file) kubectl talks to https://HOST:PORT with the pod's token and CA.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../target.js';

/** Where Kubernetes mounts the service account of a pod. */
export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** What the pod offers: the API server URL and the service account files. */
export interface InClusterInfo {
  server: string;
  tokenFile: string;
  /** The CA file, when it exists. */
  caFile?: string;
  /** `$POD_NAMESPACE`, else the service account's namespace file, when present. */
  namespace?: string;
}

/** The in-cluster information when running inside a pod, else undefined. */
export function detectInCluster(host: Host, serviceAccountDir = DEFAULT_SERVICE_ACCOUNT_DIR): InClusterInfo | undefined {
  const h = host.env['KUBERNETES_SERVICE_HOST'];
  const p = host.env['KUBERNETES_SERVICE_PORT'];
  if (!h || !p) return undefined;
  const tokenFile = join(serviceAccountDir, 'token');
  if (!isFile(tokenFile)) return undefined;
  const info: InClusterInfo = { server: `https://${h.includes(':') ? `[${h}]` : h}:${p}`, tokenFile };
  const ca = join(serviceAccountDir, 'ca.crt');
  if (isFile(ca)) info.caFile = ca;
  const podNs = host.env['POD_NAMESPACE'];
  if (podNs) info.namespace = podNs;
  else {
    try {
      const ns = readFileSync(join(serviceAccountDir, 'namespace'), 'utf8').trim();
      if (ns) info.namespace = ns;
    } catch {
      /* no namespace file */
    }
  }
  return info;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
