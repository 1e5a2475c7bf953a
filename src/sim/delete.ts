/**
 * DELETE on pods, as kube-apiserver and the kubelet do it together: a graceful delete sets
 * deletionTimestamp and deletionGracePeriodSeconds (the watch sees MODIFIED, STATUS becomes
 * Terminating), the pod goes (DELETED) when its grace period ends; gracePeriodSeconds=0, an
 * unscheduled pod or a finished one goes at once. A ReplicaSet replaces its pod with a new name.
 */
import type { Pod } from '../core/pods/pod-types.js';
import type { Cluster } from './cluster.js';
import { iso } from './kube-time.js';
import type { PodSeed } from './pod-states.js';
import * as st from './status.js';
import { WORKLOADS, nameSuffix, type Workload } from './workloads.js';

/** DeleteOptions fields the simulator honours (from the JSON body or the query). */
interface DeleteOptions {
  gracePeriodSeconds?: number;
  dryRun: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Graceful deletions in progress and replacements starting, per cluster. */
class Deleter {
  private readonly timers = new Set<NodeJS.Timeout>();
  private created = 0;
  constructor(
    private readonly cluster: Cluster,
    private readonly now: () => Date,
  ) {}

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Starts a replacement pod for a ReplicaSet-owned pod: ContainerCreating, then Running. */
  replace(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
    if (owner?.kind !== 'ReplicaSet' || !owner.name) return;
    const w: Workload = WORKLOADS.find((x) => x.namespace === ns && x.owner === owner.name) ?? {
      namespace: ns,
      app: pod.metadata?.labels?.['app'] ?? owner.name,
      kind: 'ReplicaSet',
      owner: owner.name,
      image: pod.spec?.containers?.[0]?.image ?? 'busybox:1.36',
      weight: 1,
    };
    let name = '';
    do name = `${w.owner}-${nameSuffix(5_000_000 + this.created++, 7)}`;
    while (this.cluster.getPod(ns, name));
    const t = this.now().getTime();
    const seed: PodSeed = {
      namespace: ns,
      name,
      workload: w,
      state: 'containercreating',
      createdAt: t,
      restarts: 0,
      nodeName: pod.spec?.nodeName ?? 'worker-1',
      hostIP: pod.status?.hostIP ?? '172.18.0.2',
      ip: `10.244.200.${(this.created % 250) + 2}`,
    };
    this.cluster.putSeed(seed);
    this.after(1500, () => {
      if (this.cluster.getPod(ns, name)?.seed?.state === 'containercreating') this.cluster.putSeed({ ...seed, state: 'running' });
    });
  }
}

const deleters = new WeakMap<Cluster, Deleter>();

function deleterFor(cluster: Cluster, now: () => Date): Deleter {
  let d = deleters.get(cluster);
  if (!d) deleters.set(cluster, (d = new Deleter(cluster, now)));
  return d;
}

/** Cancels pending graceful deletions and replacements (the simulator is closing). */
export function stopDeletions(cluster: Cluster): void {
  deleters.get(cluster)?.stop();
}

function optionsOf(params: URLSearchParams, body: Buffer): DeleteOptions | st.Reply {
  let parsed: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'));
      if (v && typeof v === 'object' && !Array.isArray(v)) parsed = v as Record<string, unknown>;
    } catch (err) {
      return st.badRequest(`error decoding DeleteOptions: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const q = params.get('gracePeriodSeconds');
  let grace = typeof parsed['gracePeriodSeconds'] === 'number' ? parsed['gracePeriodSeconds'] : undefined;
  if (q !== null) {
    if (!/^-?\d+$/.test(q)) return st.badRequest(`strconv.ParseInt: parsing "${q}": invalid syntax`);
    grace = Number(q);
  }
  const dry = parsed['dryRun'];
  const pre = parsed['preconditions'] as DeleteOptions['preconditions'] | undefined;
  return {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    dryRun: params.getAll('dryRun').includes('All') || (Array.isArray(dry) && dry.includes('All')),
    ...(pre && typeof pre === 'object' ? { preconditions: pre } : {}),
  };
}

function podReply(pod: Pod, rv: string): st.Reply {
  const out = { kind: 'Pod', apiVersion: 'v1', ...pod, metadata: { ...pod.metadata, resourceVersion: rv } };
  return { code: 200, body: JSON.stringify(out) };
}

/** DELETE /api/v1/namespaces/NS/pods/NAME (authorisation already checked). */
export function deletePod(cluster: Cluster, now: () => Date, ns: string, name: string, params: URLSearchParams, body: Buffer): st.Reply {
  const opts = optionsOf(params, body);
  if ('code' in opts) return opts;
  const current = cluster.getPod(ns, name);
  if (!current) return st.notFound('pods', name);
  const pod = structuredClone(current.pod);
  const meta = pod.metadata ?? {};
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== meta.uid)
    return st.statusReply(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`,
      { name, kind: 'pods' },
    );
  if (pre?.resourceVersion && pre.resourceVersion !== current.rv)
    return st.statusReply(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.rv}`,
      { name, kind: 'pods' },
    );
  const specGrace = pod.spec?.['terminationGracePeriodSeconds'];
  let grace = opts.gracePeriodSeconds ?? (typeof specGrace === 'number' ? specGrace : 30);
  if (grace < 0) grace = 1;
  // As the pod strategy does: nothing runs on a node to stop, so nothing to wait for.
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  const t = now().getTime();
  const d = deleterFor(cluster, now);
  if (meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null) {
    // Already terminating: only a shorter grace period changes anything.
    const remaining = Math.max(0, (Date.parse(meta.deletionTimestamp) - t) / 1000);
    if (grace >= remaining && grace !== 0) return podReply(pod, current.rv);
  }
  pod.metadata = { ...meta, deletionTimestamp: iso(t + grace * 1000), deletionGracePeriodSeconds: grace };
  if (opts.dryRun) return podReply(pod, current.rv);
  const wasTerminating = meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null;
  if (grace === 0) {
    cluster.deletePod(ns, name);
    if (!wasTerminating) d.replace(pod);
    return podReply(pod, cluster.resourceVersion);
  }
  const uid = meta.uid;
  cluster.updatePod(ns, name, () => pod);
  const rv = cluster.resourceVersion;
  if (!wasTerminating) d.replace(pod);
  d.after(grace * 1000, () => {
    const still = cluster.getPod(ns, name);
    if (still && still.pod.metadata?.uid === uid && still.pod.metadata?.deletionTimestamp === pod.metadata?.deletionTimestamp) {
      cluster.deletePod(ns, name);
    }
  });
  return podReply(pod, rv);
}
