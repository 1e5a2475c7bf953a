/**
 * What a delete or a kill will do, said before it happens: the pods, the namespace, the context
 * and the cluster server, the grace period (from the pod spec, or none for a kill) and what comes
 * back afterwards (a ReplicaSet's replacement, a StatefulSet's same-named pod, or nothing for a
 * bare pod). Every name from the cluster is neutralised.
 */
import type { Pod } from '../pods/pod-types.js';
import { neutralize } from '../terminal-text.js';

/** The facts about one pod that the confirmation needs. */
export interface PodFacts {
  namespace: string;
  name: string;
  /** The controlling owner, when there is one. */
  owner?: { kind: string; name: string };
  /** spec.terminationGracePeriodSeconds (the API server's default, 30, when absent). */
  graceSeconds: number;
  /** True when deletionTimestamp is already set. */
  terminating: boolean;
  /** True when the pod is not on a node or has finished (the server removes it at once). */
  immediate: boolean;
}

/** Where the action happens. */
export interface ActionPlace {
  context: string;
  cluster: string;
  server: string;
}

export type PodAction = 'delete' | 'kill';

/** A confirmation: a title, the lines to show, and the keys. */
export interface Confirmation {
  title: string;
  lines: string[];
  keys: string;
}

/** Reads the facts from a Pod object (every field optional). */
export function podFacts(pod: Pod, fallback: { namespace: string; name: string }): PodFacts {
  const m = pod.metadata ?? {};
  const owner = m.ownerReferences?.find((o) => o.controller) ?? m.ownerReferences?.[0];
  const grace = pod.spec?.['terminationGracePeriodSeconds'];
  const phase = pod.status?.phase;
  return {
    namespace: m.namespace ?? fallback.namespace,
    name: m.name ?? fallback.name,
    ...(owner?.kind && owner.name ? { owner: { kind: owner.kind, name: owner.name } } : {}),
    graceSeconds: typeof grace === 'number' && grace >= 0 ? grace : 30,
    terminating: m.deletionTimestamp !== undefined && m.deletionTimestamp !== null,
    immediate: !pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed',
  };
}

/** What happens to the pod's workload afterwards. */
export function afterwards(f: PodFacts): string {
  const o = f.owner;
  if (!o) return 'a bare pod: it will not come back';
  const name = neutralize(o.name);
  switch (o.kind) {
    case 'ReplicaSet':
      return `its ReplicaSet ${name} will create a replacement (with a new name)`;
    case 'StatefulSet':
      return `its StatefulSet ${name} will recreate it with the same name`;
    case 'DaemonSet':
      return `its DaemonSet ${name} will recreate it on the same node`;
    case 'Job':
      return `its Job ${name} will start another pod if the job has not finished`;
    case 'Node':
      return `a static pod of node ${name}: the kubelet keeps running it; only its mirror is deleted`;
    default:
      return `its owner, ${neutralize(o.kind)} ${name}, decides whether it comes back`;
  }
}

/** How the pod is stopped. */
function howStopped(action: PodAction, f: PodFacts): string {
  if (action === 'kill') return 'force: the container is not given time to shut down (grace period 0)';
  if (f.immediate) return 'removed at once: it is not running on a node';
  const s = `graceful, ${f.graceSeconds} s grace period from the pod spec`;
  return f.terminating ? `${s} (already terminating: only a shorter grace period changes anything)` : s;
}

const MAX_LISTED = 8;

/** The confirmation for deleting or killing `pods` (at least one). */
export function confirmation(action: PodAction, pods: PodFacts[], place: ActionPlace): Confirmation {
  const verb = action === 'delete' ? 'Delete' : 'Kill';
  const where = `context ${neutralize(place.context)}, cluster ${neutralize(place.cluster)} (${neutralize(place.server)})`;
  const namespaces = [...new Set(pods.map((p) => p.namespace))];
  const lines: string[] = [];
  if (pods.length === 1) {
    const p = pods[0]!;
    lines.push(`pod ${neutralize(p.name)} in namespace ${neutralize(p.namespace)}`, where, howStopped(action, p), afterwards(p));
    return { title: `${verb} pod ${neutralize(p.name)}?`, lines, keys: keysLine(action) };
  }
  const nsText =
    namespaces.length === 1 ? `namespace ${neutralize(namespaces[0]!)}` : `namespaces ${namespaces.map(neutralize).join(', ')}`;
  lines.push(`${pods.length} pods in ${nsText}`, where);
  const stops = new Set(pods.map((p) => howStopped(action, p)));
  if (stops.size === 1) lines.push([...stops][0]!);
  for (const p of pods.slice(0, MAX_LISTED)) {
    const ns = namespaces.length > 1 ? `${neutralize(p.namespace)}/` : '';
    lines.push(`  ${ns}${neutralize(p.name)}: ${stops.size === 1 ? '' : `${howStopped(action, p)}; `}${afterwards(p)}`);
  }
  if (pods.length > MAX_LISTED) lines.push(`  … and ${pods.length - MAX_LISTED} more`);
  return { title: `${verb} ${pods.length} pods?`, lines, keys: keysLine(action) };
}

function keysLine(action: PodAction): string {
  return `y or Enter ${action === 'delete' ? 'deletes' : 'kills'}, any other key cancels`;
}

/** One line per pod after the action: what the server said. */
export function resultLine(action: PodAction, name: string, outcome: { ok: true } | { ok: false; summary: string }): string {
  const n = neutralize(name);
  if (outcome.ok) return action === 'delete' ? `pod ${n}: deleting (Terminating until it is gone)` : `pod ${n}: killed`;
  return `pod ${n}: not ${action === 'delete' ? 'deleted' : 'killed'}: ${outcome.summary}`;
}
