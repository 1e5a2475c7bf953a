/**
 * Reads the kubelet's and the scheduler's own message texts: why an image pull failed, what a
 * CreateContainerConfigError or FailedMount names, what a FailedScheduling message counts.
 */
import { imageParts } from './evidence.js';

/** Which kind of image pull failure a kubelet message describes. */
type PullFailure = 'not-found' | 'auth' | 'other';

/** Classifies a pull error text (the Failed event or the ErrImagePull waiting message). */
export function classifyPull(message: string): PullFailure {
  const m = message.toLowerCase();
  if (/manifest unknown|: not found|code = notfound|not found: manifest|manifest for .* not found|name unknown/.test(m)) return 'not-found';
  if (
    /unauthorized|authentication required|no basic auth credentials|pull access denied|insufficient_scope|denied: |403 forbidden|failed to authorize/.test(
      m,
    )
  )
    return 'auth';
  return 'other';
}

/** What the other pull failures come down to, in plain words, with a hint; from the message text. */
export function pullCause(message: string, image: string): { cause: string; hint: string } {
  const { registry } = imageParts(image);
  const host = /lookup ([^\s:]+)(?: on [^:]+:\d+)?: no such host/.exec(message)?.[1];
  if (host)
    return {
      cause: `the node cannot resolve ${host}`,
      hint: `Check the registry name ${host} in the image, and that the nodes' DNS resolves it.`,
    };
  if (/i\/o timeout|connection refused|no route to host|network is unreachable|context deadline exceeded/.test(message))
    return {
      cause: `the node cannot reach ${registry}`,
      hint: `Check that the nodes can reach ${registry} (firewall, proxy, registry up).`,
    };
  if (/x509|certificate/.test(message))
    return {
      cause: `the node does not trust ${registry}'s certificate`,
      hint: `Add ${registry}'s CA to the nodes' container runtime (containerd certs.d) or use a registry with a trusted certificate.`,
    };
  if (/toomanyrequests|rate limit/i.test(message))
    return {
      cause: `${registry} is rate-limiting pulls`,
      hint: `Authenticate pulls from ${registry} (an imagePullSecret) or use a mirror.`,
    };
  if (/InvalidImageName|invalid reference format/.test(message))
    return { cause: `the image name ${image} is not valid`, hint: `Fix the image reference ${image} in the pod template.` };
  return { cause: `the pull failed`, hint: `Read the kubelet's message above, and try the pull by hand on a node (crictl pull ${image}).` };
}

/** What a CreateContainerConfigError (or FailedMount) message names as missing. */
interface MissingRef {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
}

/** Parses `configmap "x" not found`, `secret "x" not found`, `couldn't find key K in ConfigMap NS/X`. */
export function missingRef(message: string): MissingRef | undefined {
  const obj = /\b(configmap|secret)s? "([^"]+)" not found/i.exec(message);
  if (obj) return { kind: obj[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: obj[2]! };
  const key = /couldn't find key (\S+) in (ConfigMap|Secret) (?:[^/\s]+\/)?(\S+)/.exec(message);
  if (key) return { kind: key[2] as 'ConfigMap' | 'Secret', name: key[3]!, key: key[1]! };
  return undefined;
}

/** The reasons a FailedScheduling / Unschedulable message gives, each with a hint. */
export function schedulingCauses(message: string, requests: { cpu?: string; memory?: string }): Array<{ cause: string; hint: string }> {
  const head = message.split(/\.\s+preemption:/)[0] ?? message;
  const out: Array<{ cause: string; hint: string }> = [];
  const count = (re: RegExp) => Number(re.exec(head)?.[1] ?? 0);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage', 'pods']) {
    const n = count(new RegExp(`(\\d+) Insufficient ${resource}\\b`));
    if (n === 0) continue;
    const req = resource === 'cpu' ? requests.cpu : resource === 'memory' ? requests.memory : undefined;
    out.push({
      cause: `${n} node(s) have too little free ${resource}${req ? ` for the request of ${req}` : ''}`,
      hint:
        resource === 'pods'
          ? 'The nodes are at their pod limit: add nodes or remove unused pods.'
          : `Lower the ${resource} request${req ? ` (${req})` : ''} or add nodes with more free ${resource} (kubectl describe nodes shows what is allocated).`,
    });
  }
  for (const m of head.matchAll(/(\d+) node\(s\) had untolerated taint \{([^}]*)\}/g)) {
    const taint = m[2]!.replace(/: $/, '').trim();
    out.push({
      cause: `${m[1]} node(s) have the taint ${taint} that the pod does not tolerate`,
      hint: `Add a toleration for ${taint.split(':')[0]} if the pod belongs there, or schedule it onto other nodes.`,
    });
  }
  const affinity = count(/(\d+) node\(s\) didn't match Pod's node affinity\/selector/);
  if (affinity > 0)
    out.push({
      cause: `${affinity} node(s) do not match the pod's nodeSelector or node affinity`,
      hint: "Compare the pod's nodeSelector/affinity with the nodes' labels (kubectl get nodes --show-labels).",
    });
  if (
    /unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|volume node affinity conflict|didn't find available persistent volumes/i.test(
      head,
    )
  ) {
    const pvc = /persistentvolumeclaim "([^"]+)" not found/i.exec(head)?.[1];
    out.push({
      cause: pvc ? `PersistentVolumeClaim ${pvc} does not exist` : 'a PersistentVolumeClaim of the pod is not bound to a volume',
      hint: pvc
        ? `Create PersistentVolumeClaim ${pvc} or fix the pod's volume.`
        : "Check the pod's PersistentVolumeClaims (kubectl get pvc): is the StorageClass provisioning volumes, in a zone the nodes are in?",
    });
  }
  const ports = count(/(\d+) node\(s\) didn't have free ports/);
  if (ports > 0)
    out.push({
      cause: `${ports} node(s) have no free host port for the pod`,
      hint: 'Drop hostPort from the pod, or run fewer replicas than nodes.',
    });
  const antiAffinity = count(/(\d+) node\(s\) didn't match pod (?:anti-)?affinity rules/);
  if (antiAffinity > 0)
    out.push({
      cause: `${antiAffinity} node(s) break the pod's (anti-)affinity rules`,
      hint: 'Relax the podAffinity/podAntiAffinity rules or add nodes.',
    });
  const notReady = count(/(\d+) node\(s\) had untolerated taint \{node\.kubernetes\.io\/(?:not-ready|unreachable)/);
  if (notReady > 0 && out.length === 0)
    out.push({ cause: `${notReady} node(s) are not ready`, hint: 'Check the nodes (kubectl get nodes).' });
  return out;
}
