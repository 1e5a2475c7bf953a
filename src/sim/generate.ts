/**
 * Generates the initial pods: the first ones show every interesting STATUS (a showcase, one per
 * state, in a fitting namespace), the rest follow realistic proportions. Deterministic per seed.
 */
import { POD_STATES, type PodSeed, type PodState } from './pod-states.js';
import { WORKLOADS, nameSuffix, rng, type Workload } from './workloads.js';

const SHOWCASE: Array<[PodState, string, number, number?]> = [
  // state, app, age (ms), last restart ago (ms)
  ['running', 'web', 2 * 86400_000 + 3 * 3600_000],
  ['crashloop', 'api', 2 * 86400_000 + 3 * 3600_000, 5 * 60_000],
  ['running', 'frontend', 45 * 86400_000],
  ['imagepullbackoff', 'catalog', 12 * 60_000],
  ['errimagepull', 'checkout', 3 * 60_000 + 19_000],
  ['containercreating', 'cart', 5_000],
  ['completed', 'report', 45 * 86400_000],
  ['completed-deleting', 'report', 9 * 86400_000],
  ['oomkilled', 'gateway', 7 * 86400_000 + 23 * 3600_000],
  ['exitcode', 'report', 3 * 3600_000],
  ['error', 'report', 26 * 3600_000],
  ['init-progress', 'ledger', 119_000],
  ['init-crashloop', 'checkout', 20 * 60_000, 125_000],
  ['init-error', 'cart', 30 * 60_000, 9 * 60_000],
  ['init-signal', 'catalog', 40 * 60_000, 4 * 60_000],
  ['terminating', 'web', 3 * 3600_000 + 60_000],
  ['nodelost', 'api', 8 * 86400_000],
  ['evicted', 'frontend', 729 * 86400_000],
  ['schedulinggated', 'gateway', 10 * 60_000],
  ['unschedulable', 'prometheus', 179 * 60_000],
  ['sidecar', 'cart', 2 * 86400_000, 7 * 60_000],
  ['notready', 'api', 24 * 3600_000],
  ['readiness-gates', 'frontend', 2 * 365 * 86400_000 + 40 * 86400_000],
  ['hostile', 'web', 3600_000, 60_000],
];

/** A pod's node and addresses for index `i` among `nodes` nodes. */
export function placement(i: number, nodes: number): { nodeName: string; hostIP: string; ip: string } {
  const n = i % nodes;
  return {
    nodeName: `worker-${n + 1}`,
    hostIP: `172.18.${Math.floor(n / 250)}.${(n % 250) + 2}`,
    ip: podIp(i),
  };
}

/** The pod network 10.244.0.0/14, as kubeadm's flannel default: addresses .1–.254 of each /24. */
export function podIp(i: number): string {
  const n = Math.abs(Math.floor(i)) % (4 * 256 * 254);
  const block = Math.floor(n / 254);
  return `10.${244 + Math.floor(block / 256)}.${block % 256}.${(n % 254) + 1}`;
}

/** The number of nodes for a cluster of `pods` pods. */
export function nodeCount(pods: number): number {
  return Math.max(3, Math.min(500, Math.ceil(pods / 110)));
}

function workloadFor(app: string, namespace?: string): Workload {
  return WORKLOADS.find((w) => w.app === app && (namespace === undefined || w.namespace === namespace)) ?? WORKLOADS[0]!;
}

/** Chooses a state for an ordinary (non-showcase) pod. */
export function ordinaryState(w: Workload, r: () => number): PodState {
  if (w.kind === 'Job') return r() < 0.9 ? 'completed' : 'error';
  const x = r();
  if (x < 0.9) return 'running';
  if (x < 0.93) return 'running-multi';
  if (x < 0.95) return 'crashloop';
  if (x < 0.96) return 'sidecar';
  if (x < 0.97) return 'containercreating';
  if (x < 0.98) return 'imagepullbackoff';
  const pool = POD_STATES.filter((s) => s !== 'hostile' && s !== 'terminating' && s !== 'completed-deleting' && s !== 'nodelost');
  return pool[Math.floor(r() * pool.length)] ?? 'running';
}

/** Builds `count` pod seeds deterministically from `seed`, relative to `now` (ms). */
export function generateSeeds(count: number, seed: number, now: number): PodSeed[] {
  const r = rng(seed);
  const nodes = nodeCount(count);
  const totalWeight = WORKLOADS.reduce((s, w) => s + w.weight, 0);
  const seeds: PodSeed[] = [];
  for (let i = 0; i < count; i++) {
    const show = SHOWCASE[i];
    let w: Workload;
    let state: PodState;
    let age: number;
    let restartAgo: number | undefined;
    if (show) {
      [state, , age, restartAgo] = show;
      w = workloadFor(show[1]);
    } else {
      let pick = r() * totalWeight;
      w = WORKLOADS[WORKLOADS.length - 1]!;
      for (const candidate of WORKLOADS) {
        pick -= candidate.weight;
        if (pick < 0) {
          w = candidate;
          break;
        }
      }
      state = ordinaryState(w, r);
      age = Math.floor(60_000 + r() * r() * 60 * 86400_000);
      restartAgo = state === 'crashloop' || state === 'sidecar' ? Math.floor(30_000 + r() * 3600_000) : undefined;
    }
    const namespace = state === 'hostile' ? 'hostile' : w.namespace;
    const name = w.kind === 'StatefulSet' ? `${w.owner}-${i}` : `${w.owner}-${nameSuffix(i, seed)}`;
    const restarts = restartAgo !== undefined ? (state === 'crashloop' ? 17 : state === 'init-crashloop' ? 4 : 2) : 0;
    seeds.push({
      namespace,
      name,
      workload: w,
      state,
      createdAt: now - age,
      restarts,
      ...(restartAgo !== undefined ? { lastFinishedAt: now - restartAgo } : {}),
      ...placement(i, nodes),
    });
  }
  return seeds;
}
