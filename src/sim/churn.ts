/**
 * Keeps the simulated cluster alive: at a configurable rate, pods are created, become ready,
 * crash-loop with growing restarts, complete, start terminating and are deleted. Each change
 * is a new resourceVersion that reaches watchers.
 */
import type { Cluster } from './cluster.js';
import type { PodSeed } from './pod-states.js';
import { ordinaryState, placement } from './generate.js';
import { WORKLOADS, nameSuffix, rng } from './workloads.js';

/** How long a new pod stays ContainerCreating before its containers run, as a kubelet with cached images. */
export const CREATING_MS = 3000;

/** One change at a time to the cluster; `step` makes the next change at time `now()`. */
export function createChurn(cluster: Cluster, seed: number, now: () => number, targetSize: number): { step: () => void } {
  const r = rng(seed ^ 0x5eed);
  let created = 0;
  const terminating: string[] = [];
  // New pods in creation order, each started once its containers would be running.
  const creating: Array<{ key: string; runningAt: number }> = [];
  const step = () => {
    const keys = cluster.seededKeys();
    const t = now();
    const due = creating[0];
    if (due && due.runningAt <= t) {
      creating.shift();
      const [ns, name] = due.key.split('/') as [string, string];
      const seedNow = cluster.getPod(ns, name)?.seed;
      if (seedNow && seedNow.state === 'containercreating' && seedNow.deletedAt === undefined) {
        cluster.putSeed({ ...seedNow, state: 'running', changedAt: t });
        return;
      }
    }
    // Finish deletions first (a pod spends one step or more in Terminating).
    if (terminating.length > 0 && r() < 0.5) {
      const key = terminating.shift()!;
      const [ns, name] = key.split('/') as [string, string];
      cluster.deletePod(ns, name);
      return;
    }
    if (cluster.size < targetSize && r() < 0.5) {
      const w = WORKLOADS[Math.floor(r() * WORKLOADS.length)]!;
      const i = targetSize + 1_000_000 + created++;
      const s: PodSeed = {
        namespace: w.namespace,
        name: `${w.owner}-${nameSuffix(i, seed + 1)}`,
        workload: w,
        state: 'containercreating',
        createdAt: t,
        restarts: 0,
        changedAt: t,
        ...placement(i, 3),
      };
      cluster.putSeed(s);
      creating.push({ key: `${s.namespace}/${s.name}`, runningAt: t + CREATING_MS });
      return;
    }
    if (keys.length === 0) return;
    const key = keys[Math.floor(r() * keys.length)]!;
    const current = cluster.getPod(...(key.split('/') as [string, string]));
    const old = current?.seed;
    if (!old || old.deletedAt !== undefined || old.state === 'hostile') return;
    const next: PodSeed = { ...old, changedAt: t };
    const x = r();
    if (x < 0.08 && targetSize > 0) {
      next.deletedAt = t;
      next.state = old.state === 'completed' ? 'completed-deleting' : 'terminating';
      terminating.push(key);
    } else if (old.state === 'containercreating' || old.state === 'imagepullbackoff') {
      next.state = 'running';
    } else if (old.state === 'crashloop') {
      if (x < 0.5) {
        next.restarts = old.restarts + 1;
        next.lastFinishedAt = t;
      } else next.state = 'running';
    } else if (old.state === 'running') {
      if (old.workload.kind === 'Job') next.state = 'completed';
      else if (x < 0.4) {
        next.state = 'crashloop';
        next.restarts = old.restarts + 1;
        next.lastFinishedAt = t;
      } else {
        next.restarts = old.restarts;
      }
    } else {
      next.state = ordinaryState(old.workload, r);
    }
    cluster.putSeed(next);
  };
  return { step };
}

/** Starts churn; returns a function that stops it. */
export function startChurn(cluster: Cluster, perSecond: number, seed: number, now: () => number, targetSize: number): () => void {
  if (!(perSecond > 0)) return () => {};
  const { step } = createChurn(cluster, seed, now, targetSize);
  const tickMs = Math.max(20, Math.min(1000, 1000 / perSecond));
  let budget = 0;
  const timer = setInterval(() => {
    budget += (perSecond * tickMs) / 1000;
    while (budget >= 1) {
      budget--;
      step();
    }
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
