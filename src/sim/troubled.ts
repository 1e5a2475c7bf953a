/**
 * The demo's `troubled` namespace: one pod for each thing `kpods why` diagnoses, with the status
 * fields and core/v1 Events a real kubelet, scheduler and node controller leave behind (their
 * own message texts), and the last log lines of crash-looping containers ("last words", looked up
 * by the log endpoint through lastWordsOf). One pod is healthy, as a control.
 */
import type { Cluster } from './cluster.js';
import { eventStoreOf } from './event-store.js';
import { TROUBLED_NAMESPACE, runningPod, startEvents } from './troubled-pod.js';
import { backOffEvent, containerStatus, crashLoopStatus, notReady, setCondition, terminated } from './troubled-status.js';
import { TROUBLED_SCENARIOS_B } from './troubled-more.js';
import type { TroubledPod } from './troubled-pod-type.js';
export type { TroubledPod } from './troubled-pod-type.js';
import { configMissing, imagePull, initFailed, unschedulable } from './troubled-start.js';

export { TROUBLED_NAMESPACE } from './troubled-pod.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

function crashLoop(now: number): TroubledPod {
  const image = 'ghcr.io/example/orders:1.8.0';
  const age = 47 * M;
  const pod = runningPod({ name: 'orders-7f9c6d8b5-k2x7p', app: 'orders', image, ip: 11, age, port: 8080 }, now);
  const lastEnd = now - 3 * M;
  pod.status!.containerStatuses = [crashLoopStatus(pod, 'orders', image, '5m0s', 12, terminated(1, 'Error', lastEnd - 2 * S, lastEnd))];
  notReady(pod, lastEnd, ['orders']);
  const created = now - age;
  return {
    code: 'pod.crash-loop',
    pod,
    events: [
      ...startEvents(pod, created, 'orders', image, 13, lastEnd - 2 * S),
      backOffEvent(pod, 'orders', created + 40 * S, now - 40 * S, 52),
    ],
    lastWords: {
      orders: [
        'level=INFO msg="starting orders service" version=1.8.0',
        'level=INFO msg="connecting to database" host=orders-db.troubled.svc port=5432',
        'level=ERROR msg="database unreachable" err="dial tcp 10.96.112.40:5432: connect: connection refused"',
        'level=ERROR msg="giving up after 5 attempts"',
      ],
    },
  };
}

function oomKilled(now: number): TroubledPod {
  const image = 'ghcr.io/example/reports:3.1.4';
  const age = 3 * H;
  const pod = runningPod(
    {
      name: 'reports-5b8d7c9f6-m4n8q',
      app: 'reports',
      image,
      ip: 12,
      age,
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    },
    now,
  );
  const lastEnd = now - 2 * M;
  pod.status!.containerStatuses = [
    crashLoopStatus(pod, 'reports', image, '5m0s', 7, terminated(137, 'OOMKilled', lastEnd - 95 * S, lastEnd)),
  ];
  notReady(pod, lastEnd, ['reports']);
  const created = now - age;
  return {
    code: 'pod.oom-killed',
    pod,
    events: [
      ...startEvents(pod, created, 'reports', image, 8, lastEnd - 95 * S),
      backOffEvent(pod, 'reports', created + 20 * M, now - 30 * S, 31),
    ],
    lastWords: {
      reports: [
        'INFO  loading orders for monthly report (month=2025-12)',
        'INFO  loaded 1843221 rows into memory',
        'INFO  building pivot table by region and product',
      ],
    },
  };
}

function exitError(now: number): TroubledPod {
  const image = 'ghcr.io/example/exporter:2.0.1';
  const age = 26 * M;
  const pod = runningPod(
    {
      name: 'nightly-export-29012340-x8k2m',
      app: 'exporter',
      image,
      ip: 13,
      age,
      owner: 'Job',
      container: { command: ['/bin/sh', '-c', 'pg_dump "$DATABASE_URL" | gzip > /out/orders.sql.gz'] },
    },
    now,
  );
  const created = now - age;
  const uid = pod.metadata!.uid!;
  pod.status!.phase = 'Failed';
  pod.status!.containerStatuses = [containerStatus('exporter', image, uid, terminated(127, 'Error', created + 4 * S, created + 5 * S))];
  setCondition(pod, 'PodReadyToStartContainers', false, created + 6 * S);
  setCondition(pod, 'Ready', false, created + 5 * S, 'PodFailed');
  setCondition(pod, 'ContainersReady', false, created + 5 * S, 'PodFailed');
  return {
    code: 'pod.exit-error',
    pod,
    events: startEvents(pod, created, 'exporter', image),
    lastWords: { exporter: ['/bin/sh: 1: pg_dump: not found'] },
  };
}

/** Every troubled pod (times relative to `now`, ms). */
export function troubledPods(now: number): TroubledPod[] {
  return [
    crashLoop(now),
    oomKilled(now),
    exitError(now),
    imagePull(now, 'not-found'),
    imagePull(now, 'auth'),
    imagePull(now, 'other'),
    configMissing(now),
    unschedulable(now),
    initFailed(now),
    ...TROUBLED_SCENARIOS_B.map((f) => f(now)),
  ];
}

const lastWords = new WeakMap<Cluster, Map<string, string[]>>();

/** The last lines a troubled container wrote before it ended (undefined for other pods). */
export function lastWordsOf(cluster: Cluster, namespace: string, pod: string, container: string): string[] | undefined {
  return lastWords.get(cluster)?.get(`${namespace}/${pod}/${container}`);
}

/** Adds the troubled namespace, its pods and their events to a cluster. */
export function addTroubled(
  cluster: Cluster,
  now: number,
  setLastWords?: (namespace: string, pod: string, container: string, lines: string[]) => void,
): void {
  cluster.addNamespace(TROUBLED_NAMESPACE);
  const store = eventStoreOf(cluster);
  const words = lastWords.get(cluster) ?? new Map<string, string[]>();
  lastWords.set(cluster, words);
  for (const t of troubledPods(now)) {
    cluster.putPod(t.pod);
    const stored = cluster.getPod(TROUBLED_NAMESPACE, t.pod.metadata!.name!)!.pod;
    for (const e of t.events) store.addForPod(stored, e);
    for (const [c, lines] of Object.entries(t.lastWords ?? {})) {
      words.set(`${TROUBLED_NAMESPACE}/${t.pod.metadata!.name}/${c}`, lines);
      setLastWords?.(TROUBLED_NAMESPACE, t.pod.metadata!.name!, c, lines);
    }
  }
}
