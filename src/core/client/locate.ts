/** Names the kubeconfig entry to fix in a failure: the cluster for TLS and proxy problems, the user for credential ones. */
import type { Failure } from '../failure.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';

/** Returns `f` with a "To fix: kubeconfig user/cluster …" line in its detail when one applies (not in-cluster). */
export function locateFailure(f: Failure, t: Target): Failure {
  const where = (kind: string, name: string, file: string | undefined): string =>
    `kubeconfig ${kind} "${neutralize(name)}"${file ? ` in ${neutralize(file)}` : ''}`;
  let line: string | undefined;
  if (f.code.startsWith('connection.tls') || f.code === 'connection.proxy')
    line = `To fix: ${where('cluster', t.clusterName, t.origins.cluster)}.`;
  else if (f.stage === 'credentials' || f.code === 'authentication.unauthorized')
    line = `To fix: ${where('user', t.userName, t.origins.user)}.`;
  if (!line || t.inCluster || (f.detail ?? '').includes(line)) return f;
  return { ...f, detail: f.detail ? `${f.detail}\n${line}` : line };
}
