/**
 * The simulated metrics-server: believable CPU and memory usage for every running container,
 * a pure function of the pod, the container and the server clock (15 s resolution, as
 * metrics-server scrapes), and one leaking pod whose memory climbs towards its limit until it is
 * OOMKilled (its container restarts, lastState OOMKilled) and starts over.
 */
import type { Pod } from '../core/pods/pod-types.js';
import { parseQuantity, wholeValue } from '../core/metrics/quantity.js';
import type { Cluster, PodVersion } from './cluster.js';
import type { Binding } from './access.js';
import { iso } from './kube-time.js';
import type { PodState } from './pod-states.js';
import { containerSpec } from './pod-parts.js';
import { uidFor } from './workloads.js';

/** As metrics-server's aggregated ClusterRole adds to "view": viewers may read pod and node metrics. */
export function metricsReaderBinding(): Binding {
  return {
    name: 'viewers-metrics',
    role: 'system:aggregated-metrics-reader',
    subject: { kind: 'Group', name: 'viewers' },
    rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'] }],
  };
}

/** How the metrics API behaves: served, not installed (absent from discovery), or registered but down (503). */
export type MetricsMode = 'available' | 'absent' | 'unavailable';

/** metrics-server's scrape resolution. */
export const RESOLUTION_MS = 15_000;
/** One leak cycle: from about 45% of the limit to 99%, then OOMKilled. */
export const LEAK_CYCLE_MS = 240_000;
const LEAK_FROM = 0.45;
const LEAK_TO = 0.99;
/** Where in its cycle the leak is when the simulator starts (the first OOM comes after ~100 s). */
const LEAK_START_PHASE = 0.58;

const MI = 1024 * 1024;

/** A number in [0, 1) from a string (stable). */
function unit(text: string): number {
  return parseInt(uidFor(text).slice(0, 8), 16) / 0x1_0000_0000;
}

/** One container's usage. */
export interface Usage {
  nanocores: number;
  bytes: number;
}

/** The simulated metrics-server of one cluster. */
export class SimMetrics {
  mode: MetricsMode = 'available';
  /** `namespace/name` of the leaking pod, if any. */
  readonly leakKey: string | undefined;
  private oomsApplied = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly startedAt: number,
  ) {
    const candidates = [...cluster.iterate('shop')].filter((v) => v.seed?.state === 'running' && v.seed.workload.app === 'frontend');
    this.leakKey = candidates[0]?.key;
  }

  /** Switches the API's behaviour (tests, demo). */
  setMode(mode: MetricsMode): void {
    this.mode = mode;
  }

  /** Completed leak cycles at `now`. */
  private cyclesAt(now: number): number {
    return Math.max(0, Math.floor((now - this.startedAt) / LEAK_CYCLE_MS + LEAK_START_PHASE));
  }

  /** Applies the OOM kills due by `now` to the leaking pod (idempotent). */
  tick(now: number): void {
    if (!this.leakKey) return;
    const due = this.cyclesAt(now);
    if (due <= this.oomsApplied) return;
    const killedAt = this.startedAt + (due - LEAK_START_PHASE) * LEAK_CYCLE_MS;
    const added = due - this.oomsApplied;
    this.oomsApplied = due;
    const [ns, name] = this.leakKey.split('/') as [string, string];
    this.cluster.updatePod(ns, name, (pod) => oomKill(pod, killedAt, added));
  }

  /** The PodMetrics object of a pod at `now`, or undefined when it has no running container. */
  podMetrics(v: PodVersion, now: number): Record<string, unknown> | undefined {
    const running = runningContainers(v);
    if (running.length === 0) return undefined;
    const scrape = Math.floor(now / RESOLUTION_MS) * RESOLUTION_MS - 3_000;
    const containers = running.map((c) => {
      const u = this.usage(v.key, c.name, c.limitBytes, scrape);
      return { name: c.name, usage: { cpu: `${u.nanocores}n`, memory: `${Math.round(u.bytes / 1024)}Ki` } };
    });
    const view = v.info().view.metadata ?? {};
    return {
      metadata: { name: view.name, namespace: view.namespace, creationTimestamp: iso(now), labels: view.labels ?? {} },
      timestamp: iso(scrape),
      window: `${15 + Math.floor(unit(`${v.key}/window`) * 900) / 1000}s`,
      containers,
    };
  }

  /** Usage of one container at scrape time `t`. */
  usage(key: string, container: string, limitBytes: number | undefined, t: number): Usage {
    const id = `${key}/${container}`;
    const a = unit(id);
    const b = unit(`${id}/mem`);
    const slow = Math.sin((2 * Math.PI * t) / 600_000 + a * 6.283);
    const fast = Math.sin((2 * Math.PI * t) / 90_000 + b * 6.283);
    const baseMilli = 1 + 180 * a * a;
    const milli = Math.max(0.2, baseMilli * (1 + 0.3 * slow + 0.1 * fast));
    let bytes = (12 + 150 * b) * MI * (1 + 0.03 * slow);
    if (key === this.leakKey && limitBytes) {
      const phase = ((t - this.startedAt) / LEAK_CYCLE_MS + LEAK_START_PHASE) % 1;
      bytes = limitBytes * (LEAK_FROM + (LEAK_TO - LEAK_FROM) * Math.max(0, phase));
    }
    return { nanocores: Math.round(milli * 1_000_000) + Math.floor(a * 997), bytes };
  }
}

/** Which seed states have which containers running (generated pods are not rebuilt for this). */
const SEED_RUNNING: Partial<Record<PodState, (app: string) => string[]>> = {
  running: (app) => [app],
  'running-multi': (app) => [app, 'log-shipper'],
  sidecar: (app) => ['istio-proxy', app],
  notready: (app) => [app],
  terminating: (app) => [app],
  'readiness-gates': (app) => [app],
};
const GENERATED_LIMIT = memoryLimit(containerSpec('x', 'x'));

/** The running containers of a pod (app containers and sidecars) with their memory limits. */
function runningContainers(v: PodVersion): Array<{ name: string; limitBytes: number | undefined }> {
  const seed = v.seed;
  if (seed) {
    if (seed.deletedAt !== undefined) return [];
    return (SEED_RUNNING[seed.state]?.(seed.workload.app) ?? []).map((name) => ({ name, limitBytes: GENERATED_LIMIT }));
  }
  const pod = v.pod;
  if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return [];
  const running = new Set(
    [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? [])]
      .filter((s) => s.state?.running && s.name)
      .map((s) => s.name!),
  );
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
    .filter((c) => typeof c.name === 'string' && running.has(c.name))
    .map((c) => ({ name: c.name!, limitBytes: memoryLimit(c) }));
}

function memoryLimit(c: Record<string, unknown>): number | undefined {
  const limits = (c['resources'] as { limits?: Record<string, unknown> } | undefined)?.limits;
  const q = parseQuantity(limits?.['memory']);
  return q ? Number(wholeValue(q)) : undefined;
}

/** The leaking pod after the kernel's OOM killer ended its main container at `at` (ms). */
function oomKill(pod: Pod, at: number, kills: number): Pod {
  const statuses = pod.status?.containerStatuses ?? [];
  const main = statuses[statuses.length - 1];
  if (!main) return pod;
  main.restartCount = (main.restartCount ?? 0) + kills;
  main.lastState = {
    terminated: {
      exitCode: 137,
      reason: 'OOMKilled',
      startedAt: main.state?.running?.startedAt ?? iso(at - LEAK_CYCLE_MS),
      finishedAt: iso(at),
      ...(main.containerID ? { containerID: main.containerID } : {}),
    },
  };
  main.state = { running: { startedAt: iso(at + 1000) } };
  return pod;
}
