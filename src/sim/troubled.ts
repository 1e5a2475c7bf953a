/**
 * The demo's `troubled` namespace: one pod for each thing `kpods why` diagnoses, with the status
 * fields and core/v1 Events a real kubelet, scheduler and node controller leave behind (their
 * own message texts), and the last log lines of crash-looping containers ("last words", looked up
 * by the log endpoint through lastWordsOf). One pod is healthy, as a control.
 */
import type { Cluster } from './cluster.js';
import type { Pod } from '../core/pods/pod-types.js';
import { eventStoreOf, type EventSpec } from './events.js';
import { iso } from './pod-factory.js';
import {
  TROUBLED_NAMESPACE,
  condition,
  containerStatus,
  notReady,
  podRef,
  runningPod,
  setCondition,
  startEvents,
  terminated,
} from './troubled-pod.js';
import { TROUBLED_SCENARIOS_B } from './troubled-more.js';

export { TROUBLED_NAMESPACE } from './troubled-pod.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** One troubled pod: the pod, its events, and the last log lines per container (previous instance). */
export interface TroubledPod {
  /** The finding code kpods why should report first ('' for the healthy control). */
  code: string;
  pod: Pod;
  events: EventSpec[];
  lastWords?: Record<string, string[]>;
}

function crashLoop(now: number): TroubledPod {
  const image = 'ghcr.io/example/orders:1.8.0';
  const age = 47 * M;
  const pod = runningPod({ name: 'orders-7f9c6d8b5-k2x7p', app: 'orders', image, ip: 11, age, port: 8080 }, now);
  const uid = pod.metadata!.uid!;
  const lastEnd = now - 3 * M;
  pod.status!.containerStatuses = [
    containerStatus(
      'orders',
      image,
      uid,
      { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=orders pod=${podRef(pod)}` } },
      { restarts: 12, last: terminated(1, 'Error', lastEnd - 2 * S, lastEnd) },
    ),
  ];
  notReady(pod, lastEnd, ['orders']);
  const created = now - age;
  return {
    code: 'pod.crash-loop',
    pod,
    events: [
      ...startEvents(pod, created, 'orders', image, 13, lastEnd - 2 * S),
      {
        reason: 'BackOff',
        container: 'orders',
        first: created + 40 * S,
        last: now - 40 * S,
        count: 52,
        message: `Back-off restarting failed container orders in pod ${podRef(pod)}`,
      },
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
  const uid = pod.metadata!.uid!;
  const lastEnd = now - 2 * M;
  pod.status!.containerStatuses = [
    containerStatus(
      'reports',
      image,
      uid,
      { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=reports pod=${podRef(pod)}` } },
      { restarts: 7, last: terminated(137, 'OOMKilled', lastEnd - 95 * S, lastEnd) },
    ),
  ];
  notReady(pod, lastEnd, ['reports']);
  const created = now - age;
  return {
    code: 'pod.oom-killed',
    pod,
    events: [
      ...startEvents(pod, created, 'reports', image, 8, lastEnd - 95 * S),
      {
        reason: 'BackOff',
        container: 'reports',
        first: created + 20 * M,
        last: now - 30 * S,
        count: 31,
        message: `Back-off restarting failed container reports in pod ${podRef(pod)}`,
      },
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

/** Pods whose image cannot be pulled, told apart by the kubelet's error text. */
function imagePull(now: number, kind: 'not-found' | 'auth' | 'other'): TroubledPod {
  const plans = {
    'not-found': { name: 'storefront-6c8d9b7f5-p3v8w', app: 'storefront', image: 'ghcr.io/example/storefront:v9.9.9', ip: 14 },
    auth: { name: 'billing-7d5f8c9b6-t5r2n', app: 'billing', image: 'ghcr.io/example/billing:2.3.0', ip: 15 },
    other: { name: 'search-5f6d7c8b9-w2q4z', app: 'search', image: 'registry.internal.example/search/search:1.4.2', ip: 16 },
  } as const;
  const p = plans[kind];
  const age = kind === 'auth' ? 4 * M + 10 * S : 38 * M;
  const pod = runningPod({ ...p, age, port: 8080 }, now);
  const created = now - age;
  const uid = pod.metadata!.uid!;
  const img = p.image;
  const cause =
    kind === 'not-found'
      ? `rpc error: code = NotFound desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": ${img}: not found`
      : kind === 'auth'
        ? `rpc error: code = Unknown desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aexample%2Fbilling%3Apull&service=ghcr.io: 401 Unauthorized`
        : `rpc error: code = Unknown desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": failed to do request: Head "https://registry.internal.example/v2/search/search/manifests/1.4.2": dial tcp: lookup registry.internal.example on 10.96.0.10:53: no such host`;
  const backingOff = kind !== 'auth';
  pod.status!.phase = 'Pending';
  delete pod.status!.startTime;
  pod.status!.startTime = iso(created + S);
  pod.status!.containerStatuses = [
    containerStatus(p.app, img, uid, {
      waiting: backingOff
        ? { reason: 'ImagePullBackOff', message: `Back-off pulling image "${img}"` }
        : { reason: 'ErrImagePull', message: cause },
    }),
  ];
  notReady(pod, created + 2 * S, [p.app]);
  const pulls = backingOff ? 11 : 3;
  return {
    code: kind === 'not-found' ? 'pod.image-not-found' : kind === 'auth' ? 'pod.image-pull-auth' : 'pod.image-pull',
    pod,
    events: [
      startEvents(pod, created, p.app, img)[0]!,
      {
        reason: 'Pulling',
        type: 'Normal',
        container: p.app,
        first: created + 2 * S,
        last: now - 55 * S,
        count: pulls,
        message: `Pulling image "${img}"`,
      },
      {
        reason: 'Failed',
        container: p.app,
        first: created + 3 * S,
        last: now - 54 * S,
        count: pulls,
        message: `Failed to pull image "${img}": ${cause}`,
      },
      { reason: 'Failed', container: p.app, first: created + 3 * S, last: now - 54 * S, count: pulls, message: 'Error: ErrImagePull' },
      ...(backingOff
        ? [
            {
              reason: 'BackOff',
              type: 'Normal' as const,
              container: p.app,
              first: created + 4 * S,
              last: now - 10 * S,
              count: 160,
              message: `Back-off pulling image "${img}"`,
            },
            {
              reason: 'Failed',
              container: p.app,
              first: created + 4 * S,
              last: now - 10 * S,
              count: 160,
              message: 'Error: ImagePullBackOff',
            },
          ]
        : []),
    ],
  };
}

function configMissing(now: number): TroubledPod {
  const image = 'ghcr.io/example/settings:1.2.0';
  const age = 14 * M;
  const pod = runningPod(
    {
      name: 'settings-6b7c8d9f5-h6j8k',
      app: 'settings',
      image,
      ip: 17,
      age,
      port: 8080,
      container: { env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'log-level' } } }] },
    },
    now,
  );
  const created = now - age;
  pod.status!.phase = 'Pending';
  pod.status!.containerStatuses = [
    containerStatus('settings', image, pod.metadata!.uid!, {
      waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' },
    }),
  ];
  notReady(pod, created + 2 * S, ['settings']);
  return {
    code: 'pod.config-missing',
    pod,
    events: [
      startEvents(pod, created, 'settings', image)[0]!,
      {
        reason: 'Pulled',
        type: 'Normal',
        container: 'settings',
        first: created + 2 * S,
        last: now - 20 * S,
        count: 66,
        message: `Container image "${image}" already present on machine`,
      },
      {
        reason: 'Failed',
        container: 'settings',
        first: created + 2 * S,
        last: now - 20 * S,
        count: 66,
        message: 'Error: configmap "app-config" not found',
      },
    ],
  };
}

function unschedulable(now: number): TroubledPod {
  const image = 'ghcr.io/example/analytics:0.9.3';
  const age = 52 * M;
  const created = now - age;
  const pod = runningPod(
    {
      name: 'analytics-8c9d7f6b5-r7t9v',
      app: 'analytics',
      image,
      ip: 18,
      age,
      resources: { limits: { memory: '12Gi' }, requests: { cpu: '2', memory: '12Gi' } },
    },
    now,
  );
  const message =
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
  delete pod.spec!.nodeName;
  pod.status = {
    phase: 'Pending',
    conditions: [condition('PodScheduled', false, created, 'Unschedulable', message)],
    qosClass: 'Burstable',
  };
  return {
    code: 'pod.unschedulable',
    pod,
    events: [{ reason: 'FailedScheduling', from: 'default-scheduler', first: created, last: now - 4 * M, count: 14, message }],
  };
}

function initFailed(now: number): TroubledPod {
  const image = 'ghcr.io/example/migrator:4.2.0';
  const age = 33 * M;
  const created = now - age;
  const pod = runningPod(
    {
      name: 'migrator-6f8b7c9d5-j3k5m',
      app: 'migrator',
      image,
      ip: 19,
      age,
      spec: {
        initContainers: [
          {
            name: 'db-migrate',
            image: 'ghcr.io/example/migrator:4.2.0',
            command: ['/app/migrate', 'up'],
            imagePullPolicy: 'IfNotPresent',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
      },
    },
    now,
  );
  const uid = pod.metadata!.uid!;
  const lastEnd = now - 90 * S;
  pod.status!.phase = 'Pending';
  pod.status!.initContainerStatuses = [
    containerStatus(
      'db-migrate',
      image,
      uid,
      { waiting: { reason: 'CrashLoopBackOff', message: `back-off 2m40s restarting failed container=db-migrate pod=${podRef(pod)}` } },
      { restarts: 6, last: terminated(1, 'Error', lastEnd - 3 * S, lastEnd) },
    ),
  ];
  pod.status!.containerStatuses = [containerStatus('migrator', image, uid, { waiting: { reason: 'PodInitializing' } })];
  setCondition(pod, 'Initialized', false, created + 2 * S, 'ContainersNotInitialized', 'containers with incomplete status: [db-migrate]');
  notReady(pod, created + 2 * S, ['migrator']);
  return {
    code: 'pod.init-failed',
    pod,
    events: [
      ...startEvents(pod, created, 'db-migrate', image, 7, lastEnd - 3 * S).map((e) => ({ ...e, init: true })),
      {
        reason: 'BackOff',
        container: 'db-migrate',
        init: true,
        first: created + 30 * S,
        last: now - 20 * S,
        count: 140,
        message: `Back-off restarting failed container db-migrate in pod ${podRef(pod)}`,
      },
    ],
    lastWords: {
      'db-migrate': [
        'applying migration 0041_create_refunds ... ok',
        'applying migration 0042_add_orders_index ...',
        'Error: migration 0042_add_orders_index failed: pq: relation "orders" does not exist',
      ],
    },
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
