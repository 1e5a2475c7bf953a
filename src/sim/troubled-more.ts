/**
 * The second half of the troubled namespace (see troubled.ts): pods stuck in ContainerCreating
 * (a missing Secret volume, a failing CNI), failing probes, an eviction, a deletion held by a
 * finalizer, a lost node, a gated pod, a pod in phase Unknown, and a healthy control.
 */
import type { TroubledPod } from './troubled-pod-type.js';
import { iso } from './kube-time.js';
import { runningPod, startEvents } from './troubled-pod.js';
import { condition, containerStatus, notReady, setCondition, terminated } from './troubled-status.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

function creating(now: number, kind: 'mount' | 'sandbox'): TroubledPod {
  const mount = kind === 'mount';
  const image = mount ? 'ghcr.io/example/ledger-api:5.0.2' : 'docker.io/envoyproxy/envoy:v1.32.1';
  const app = mount ? 'ledger-api' : 'edge-proxy';
  const age = mount ? 16 * M : 9 * M;
  const created = now - age;
  const pod = runningPod(
    {
      name: mount ? 'ledger-api-5d7f9c8b6-n2p4r' : 'edge-proxy-7b9c8d6f5-s8d2f',
      app,
      image,
      ip: mount ? 20 : 21,
      age,
      port: 8443,
      ...(mount
        ? {
            container: { volumeMounts: [{ name: 'tls', mountPath: '/etc/tls', readOnly: true }] },
            spec: { volumes: [{ name: 'tls', secret: { secretName: 'ledger-tls', defaultMode: 420 } }] },
          }
        : {}),
    },
    now,
  );
  pod.status!.phase = 'Pending';
  delete pod.status!.podIP;
  delete pod.status!.podIPs;
  pod.status!.containerStatuses = [containerStatus(app, image, pod.metadata!.uid!, { waiting: { reason: 'ContainerCreating' } })];
  setCondition(pod, 'PodReadyToStartContainers', false, created + 2 * S);
  notReady(pod, created + 2 * S, [app]);
  const message = mount
    ? 'MountVolume.SetUp failed for volume "tls" : secret "ledger-tls" not found'
    : 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4c1e9a7f2b3d5e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized';
  return {
    code: mount ? 'pod.mount-failed' : 'pod.sandbox-failed',
    pod,
    events: [
      startEvents(pod, created, app, image)[0]!,
      mount
        ? { reason: 'FailedMount', first: created + 2 * S, last: now - 66 * S, count: 9, message }
        : { reason: 'FailedCreatePodSandBox', first: created + 3 * S, last: now - 12 * S, count: 38, message },
    ],
  };
}

function probes(now: number, kind: 'readiness' | 'liveness'): TroubledPod {
  const ready = kind === 'readiness';
  const app = ready ? 'inventory' : 'cache';
  const image = ready ? 'ghcr.io/example/inventory:2.7.1' : 'ghcr.io/example/cache:1.3.0';
  const age = ready ? 6 * H : 2 * H;
  const created = now - age;
  const ip = ready ? 22 : 23;
  const probe = (path: string, failureThreshold: number) => ({
    httpGet: { path, port: 8080, scheme: 'HTTP' },
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold,
  });
  const pod = runningPod(
    {
      name: ready ? 'inventory-5c8d7b9f6-v4w6x' : 'cache-6d9f8c7b5-z5x7c',
      app,
      image,
      ip,
      age,
      port: 8080,
      container: ready ? { readinessProbe: probe('/ready', 3) } : { livenessProbe: probe('/healthz', 3) },
    },
    now,
  );
  const uid = pod.metadata!.uid!;
  const events = startEvents(pod, created, app, image, ready ? 1 : 6, ready ? undefined : now - 25 * S);
  if (ready) {
    pod.status!.containerStatuses = [containerStatus(app, image, uid, { running: { startedAt: iso(created + 4 * S) } })];
    notReady(pod, now - 4 * H, [app]);
    events.push({
      reason: 'Unhealthy',
      container: app,
      first: now - 4 * H,
      last: now - 7 * S,
      count: 1436,
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
    });
  } else {
    const restarted = now - 25 * S;
    pod.status!.containerStatuses = [
      containerStatus(
        app,
        image,
        uid,
        { running: { startedAt: iso(restarted) } },
        { restarts: 5, last: terminated(137, 'Error', now - 21 * M, restarted - S) },
      ),
    ];
    notReady(pod, restarted, [app]);
    events.push(
      {
        reason: 'Unhealthy',
        container: app,
        first: created + 30 * M,
        last: now - 55 * S,
        count: 15,
        message: `Liveness probe failed: Get "http://10.244.9.${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      },
      {
        reason: 'Killing',
        type: 'Normal',
        container: app,
        first: created + 31 * M,
        last: now - 35 * S,
        count: 5,
        message: `Container ${app} failed liveness probe, will be restarted`,
      },
    );
  }
  return { code: ready ? 'pod.not-ready' : 'pod.liveness-restarts', pod, events };
}

function evicted(now: number): TroubledPod {
  const image = 'ghcr.io/example/worker:6.1.0';
  const age = 3 * 86400 * S;
  const at = now - 5 * H;
  const pod = runningPod({ name: 'worker-7c8b9d6f5-q9r3t', app: 'worker', image, ip: 24, age }, now);
  const message =
    'The node was low on resource: ephemeral-storage. Threshold quantity: 4281136247, available: 3921604Ki. Container worker was using 9473172Ki, request is 0, has larger consumption of ephemeral-storage. ';
  pod.status!.phase = 'Failed';
  pod.status!.reason = 'Evicted';
  pod.status!.message = message;
  pod.status!.containerStatuses = [
    containerStatus(
      'worker',
      image,
      pod.metadata!.uid!,
      terminated(137, 'ContainerStatusUnknown', now - age + 4 * S, at, {
        message: 'The container could not be located when the pod was terminated',
      }),
    ),
  ];
  setCondition(pod, 'Ready', false, at, 'PodFailed');
  setCondition(pod, 'ContainersReady', false, at, 'PodFailed');
  setCondition(pod, 'PodReadyToStartContainers', false, at);
  pod.status!.conditions!.push(condition('DisruptionTarget', true, at, 'TerminationByKubelet', message));
  return {
    code: 'pod.evicted',
    pod,
    events: [
      { reason: 'Evicted', first: at, message },
      { reason: 'Killing', type: 'Normal', container: 'worker', first: at, message: 'Stopping container worker' },
    ],
  };
}

function stuckTerminating(now: number): TroubledPod {
  const image = 'ghcr.io/example/legacy-sync:0.4.7';
  const age = 12 * 86400 * S;
  const deleted = now - 2 * H - 10 * M;
  const pod = runningPod({ name: 'legacy-sync-5b7c9d8f6-k8m2n', app: 'legacy-sync', image, ip: 25, age }, now);
  pod.metadata!.deletionTimestamp = iso(deleted + 30 * S);
  pod.metadata!.deletionGracePeriodSeconds = 30;
  pod.metadata!.finalizers = ['example.com/drain-connections'];
  // The kubelet stopped the container, but the finalizer keeps the object (and its phase) in place.
  pod.status!.containerStatuses = [
    containerStatus('legacy-sync', image, pod.metadata!.uid!, terminated(0, 'Completed', now - age + 4 * S, deleted + 3 * S)),
  ];
  setCondition(pod, 'Ready', false, deleted + 3 * S, 'PodCompleted');
  setCondition(pod, 'ContainersReady', false, deleted + 3 * S, 'PodCompleted');
  setCondition(pod, 'PodReadyToStartContainers', false, deleted + 4 * S);
  return {
    code: 'pod.stuck-terminating',
    pod,
    events: [{ reason: 'Killing', type: 'Normal', container: 'legacy-sync', first: deleted, message: 'Stopping container legacy-sync' }],
  };
}

function nodeLost(now: number): TroubledPod {
  const image = 'ghcr.io/example/payments-api:7.3.2';
  const age = 9 * 86400 * S;
  const lost = now - 38 * M;
  const pod = runningPod(
    { name: 'payments-api-6b8c7d9f5-f3g5h', app: 'payments-api', image, ip: 26, age, node: 'worker-3', port: 8080 },
    now,
  );
  pod.status!.reason = 'NodeLost';
  pod.status!.message = `Node worker-3 which was running pod ${pod.metadata!.name} is unresponsive`;
  setCondition(pod, 'Ready', false, lost);
  pod.status!.containerStatuses![0]!.ready = false;
  return {
    code: 'pod.node-lost',
    pod,
    events: [{ reason: 'NodeNotReady', from: 'node-controller', first: lost, message: 'Node is not ready' }],
  };
}

function gated(now: number): TroubledPod {
  const age = 21 * M;
  const created = now - age;
  const pod = runningPod(
    {
      name: 'batch-loader-7d9c8b6f5-c6v8b',
      app: 'batch-loader',
      image: 'ghcr.io/example/batch-loader:1.0.0',
      ip: 27,
      age,
      spec: { schedulingGates: [{ name: 'example.com/quota-check' }] },
    },
    now,
  );
  delete pod.spec!.nodeName;
  pod.status = {
    phase: 'Pending',
    conditions: [condition('PodScheduled', false, created, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates')],
    qosClass: 'Burstable',
  };
  return { code: 'pod.pending', pod, events: [] };
}

function unknown(now: number): TroubledPod {
  const image = 'ghcr.io/example/notifier:1.1.0';
  const pod = runningPod({ name: 'notifier-5f9b8c7d6-l7n9p', app: 'notifier', image, ip: 28, age: 4 * 86400 * S, node: 'worker-2' }, now);
  pod.status!.phase = 'Unknown';
  setCondition(pod, 'Ready', false, now - 11 * M);
  pod.status!.containerStatuses![0]!.ready = false;
  return { code: 'pod.unknown', pod, events: [] };
}

function healthy(now: number): TroubledPod {
  const image = 'ghcr.io/example/frontend:4.1.0';
  const age = 5 * 86400 * S;
  const pod = runningPod({ name: 'frontend-5c7f8d9b64-b2d4f', app: 'frontend', image, ip: 29, age, port: 3000 }, now);
  return { code: '', pod, events: startEvents(pod, now - age, 'frontend', image) };
}

/** Scenario builders, in display order after those of troubled.ts. */
export const TROUBLED_SCENARIOS_B: Array<(now: number) => TroubledPod> = [
  (n) => creating(n, 'mount'),
  (n) => creating(n, 'sandbox'),
  (n) => probes(n, 'readiness'),
  (n) => probes(n, 'liveness'),
  evicted,
  stuckTerminating,
  nodeLost,
  gated,
  unknown,
  healthy,
];
