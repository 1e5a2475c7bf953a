/**
 * The troubled pods that never ran (see troubled.ts): image pulls that fail three ways, a missing
 * ConfigMap, a pod no node can take, and an init container that keeps failing.
 */
import type { TroubledPod } from './troubled-pod-type.js';
import { iso } from './kube-time.js';
import { runningPod, startEvents } from './troubled-pod.js';
import { backOffEvent, condition, containerStatus, crashLoopStatus, notReady, setCondition, terminated } from './troubled-status.js';

const S = 1000;
const M = 60 * S;

/** Pods whose image cannot be pulled, told apart by the kubelet's error text. */
export function imagePull(now: number, kind: 'not-found' | 'auth' | 'other'): TroubledPod {
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

export function configMissing(now: number): TroubledPod {
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

export function unschedulable(now: number): TroubledPod {
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

export function initFailed(now: number): TroubledPod {
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
    crashLoopStatus(pod, 'db-migrate', image, '2m40s', 6, terminated(1, 'Error', lastEnd - 3 * S, lastEnd)),
  ];
  pod.status!.containerStatuses = [containerStatus('migrator', image, uid, { waiting: { reason: 'PodInitializing' } })];
  setCondition(pod, 'Initialized', false, created + 2 * S, 'ContainersNotInitialized', 'containers with incomplete status: [db-migrate]');
  notReady(pod, created + 2 * S, ['migrator']);
  return {
    code: 'pod.init-failed',
    pod,
    events: [
      ...startEvents(pod, created, 'db-migrate', image, 7, lastEnd - 3 * S).map((e) => ({ ...e, init: true })),
      { ...backOffEvent(pod, 'db-migrate', created + 30 * S, now - 20 * S, 140), init: true },
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
