/**
 * `kpods top [-n NS | -A] [-l SEL] [--containers]`: pod CPU and memory from metrics-server,
 * printed byte for byte as `kubectl top pods` prints them. Where kubectl says only
 * "error: Metrics API not available" (exit 1), kpods explains: a classified failure with what to
 * do, and the exit code of its stage (8, response: the server answered without the API).
 */
import type { Command } from './io.js';
import { withRedaction } from './redacting-io.js';
import { EXIT, exitCodeFor, failure, type Failure } from '../core/failure.js';
import { neutralize, neutralizeMultiline } from '../core/terminal-text.js';
import type { OptionSpecs } from './kube-flags.js';

const TOP_OPTIONS = {
  'all-namespaces': { type: 'boolean', short: 'A' },
  selector: { type: 'string', short: 'l' },
  containers: { type: 'boolean' },
} as const satisfies OptionSpecs;

const USAGE = `Usage: kpods top [-n NAMESPACE | -A] [-l SELECTOR] [--containers] [kubeconfig flags]
Prints pod CPU (millicores) and memory (MiB) from the metrics API exactly as kubectl top pods does.
Exit codes: 0 ok, 2 usage, 3 kubeconfig, 4 credentials, 5 connection, 6 authentication,
7 authorization, 8 response (also: the cluster has no metrics API).
`;

/** The failure for a cluster whose discovery does not list metrics.k8s.io/v1beta1. */
export function metricsAbsentFailure(): Failure {
  return failure(
    'response.not-found',
    'The cluster does not serve the metrics API (metrics.k8s.io/v1beta1 is not in its discovery), so there is no CPU or memory usage to show.',
    [
      'Install metrics-server in the cluster, or ask its administrator to (kubectl top pods says "error: Metrics API not available" here).',
      'Pod status and restarts do not need it: kpods list and the browser work without it.',
    ],
  );
}

const METRICS_DOWN_HINT =
  'The metrics API is registered but its server is not answering: check metrics-server (kubectl get apiservice v1beta1.metrics.k8s.io, and its pods in kube-system).';

export const topCommand: Command = async (args, given) => {
  const io = withRedaction(given);
  const { parseCommandFlags } = await import('./kube-flags.js');
  const { formatFailure, quietOnClosedPipe } = await import('./output.js');
  const { resolveForCommand, commandClientDeps } = await import('./command-target.js');
  quietOnClosedPipe(io);
  const flags = parseCommandFlags(args, TOP_OPTIONS, { prefix: 'kpods top', usage: USAGE }, io);
  if (typeof flags === 'number') return flags;
  const v = flags.rest.values;
  const allNamespaces = v['all-namespaces'] === true;
  const selector = typeof v['selector'] === 'string' && v['selector'] !== '' ? v['selector'] : undefined;
  const resolved = await resolveForCommand(flags, io);
  const fail = (f: Failure): number => {
    io.stderr.write(formatFailure(f, 'top'));
    return exitCodeFor(f);
  };
  if (!resolved.ok) return fail(resolved.failure);
  const { target } = resolved.value;
  const { createKubeClient, probePods } = await import('../core/client/index.js');
  const { metricsDiscovered, listPodMetrics, formatTopPods } = await import('../core/metrics/index.js');
  const client = createKubeClient(target, await commandClientDeps(io, flags));
  try {
    for (const w of await client.warnings()) io.stderr.write(`kpods top: warning: ${neutralizeMultiline(w)}\n`);
    const found = await metricsDiscovered(client.session);
    if (!found.ok) return fail(found.failure);
    if (!found.value) return fail(metricsAbsentFailure());
    const namespace = allNamespaces ? undefined : target.namespace;
    const query = { ...(namespace !== undefined ? { namespace } : {}), ...(selector ? { labelSelector: selector } : {}) };
    const metrics = await listPodMetrics(client.session, query);
    if (!metrics.ok) {
      const f = metrics.failure;
      return fail(f.code === 'response.server-error' ? { ...f, hints: [METRICS_DOWN_HINT, ...f.hints] } : f);
    }
    if (metrics.value.length === 0) {
      // As kubectl: with no usage at all, look at the pods to tell "nothing here" from "no metrics for these".
      // One pod is enough to tell, and the server counts the rest (no selector) without sending them.
      const probe = await probePods(client.session, query);
      if (!probe.ok) return fail(probe.failure);
      const first = probe.value.firstPod;
      if (first) {
        const n = probe.value.count;
        const pods = probe.value.estimate ? 'pods' : `${n} pod${n === 1 ? '' : 's'}`;
        const where = namespace === undefined ? 'in all namespaces' : `in namespace "${neutralize(namespace)}"`;
        return fail(
          failure(
            'response.not-found',
            `The metrics API has no usage for the ${pods} ${where} (e.g. ${neutralize(first.namespace)}/${neutralize(first.name)}, ${neutralize(first.status)}).`,
            [
              'Only running containers have usage: completed, pending and crash-looping pods have none.',
              'metrics-server reports a new pod after about a minute; if running pods stay without usage, check metrics-server.',
            ],
          ),
        );
      }
      io.stderr.write(
        namespace === undefined ? 'No resources found\n' : `No resources found in ${neutralizeMultiline(namespace)} namespace.\n`,
      );
      return EXIT.ok;
    }
    io.stdout.write(formatTopPods(metrics.value, { allNamespaces, containers: v['containers'] === true }));
    return EXIT.ok;
  } finally {
    await client.close();
  }
};
