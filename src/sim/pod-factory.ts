/**
 * Builds realistic Pod objects (about 4–5 KB of JSON: managedFields, owner references,
 * conditions, container statuses) from a small seed. Large shared parts (tolerations, volumes,
 * managedFields skeletons) are shared objects, so 50,000 pods stay cheap in memory.
 */
import type { ContainerStatus, Pod, PodCondition } from '../core/pods/pod-types.js';
import type { Workload } from './workloads.js';
import { uidFor } from './workloads.js';
import { KUBELET_STATUS_FIELDS, SA_MOUNT_STATUS, containerSpec, shared } from './pod-parts.js';

/** The situations a simulated pod can be in (each maps to a kubectl STATUS). */
export const POD_STATES = [
  'running',
  'running-multi',
  'crashloop',
  'imagepullbackoff',
  'errimagepull',
  'containercreating',
  'completed',
  'completed-deleting',
  'oomkilled',
  'exitcode',
  'error',
  'init-progress',
  'init-crashloop',
  'init-error',
  'init-signal',
  'terminating',
  'nodelost',
  'evicted',
  'schedulinggated',
  'unschedulable',
  'sidecar',
  'notready',
  'readiness-gates',
  'hostile',
] as const;
export type PodState = (typeof POD_STATES)[number];

/** Everything that varies between generated pods. */
export interface PodSeed {
  namespace: string;
  name: string;
  workload: Workload;
  state: PodState;
  createdAt: number;
  restarts: number;
  /** When the last container run ended (for "N (5m ago)"). */
  lastFinishedAt?: number;
  deletedAt?: number;
  nodeName: string;
  ip: string;
  hostIP: string;
  /** When the simulator last changed this pod (annotation bench.kpods.io/changed-at). */
  changedAt?: number;
}

/** Formats epoch milliseconds as a Kubernetes timestamp (second precision). */
export function iso(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const day = Math.floor(sec / 86400);
  let prefix = DAYS.get(day);
  if (prefix === undefined) {
    if (DAYS.size > 50_000) DAYS.clear();
    prefix = new Date(day * 86400_000).toISOString().slice(0, 11);
    DAYS.set(day, prefix);
  }
  const s = sec - day * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const x = s % 60;
  return `${prefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${x < 10 ? '0' : ''}${x}Z`;
}
const DAYS = new Map<number, string>();

function cond(type: string, status: boolean, at: number, reason?: string, message?: string): PodCondition {
  return {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: iso(at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function cstatus(
  name: string,
  image: string,
  id: string,
  state: ContainerStatus['state'],
  ready: boolean,
  restarts: number,
  last?: ContainerStatus['lastState'],
): ContainerStatus {
  const running = !!state?.running;
  return {
    name,
    ready,
    restartCount: restarts,
    started: running,
    image: image.includes('/') ? image : `docker.io/library/${image}`,
    imageID: state?.waiting ? '' : `docker.io/library/${image.split(':')[0]}@sha256:${id.replace(/-/g, '').repeat(2)}`,
    ...(state?.waiting ? {} : { containerID: `containerd://${id.replace(/-/g, '').repeat(2)}` }),
    lastState: last ?? {},
    ...(state !== undefined ? { state } : {}),
    volumeMounts: SA_MOUNT_STATUS,
  };
}

/** Builds the full Pod for a seed (without kind/apiVersion, as list items are). */
export function buildPod(seed: PodSeed, resourceVersion: string): Pod {
  const w = seed.workload;
  const sh = shared(w);
  const uid = uidFor(`${seed.namespace}/${seed.name}/${seed.createdAt}`);
  const t0 = seed.createdAt;
  const started = t0 + 3000;
  const lastFinished = seed.lastFinishedAt ?? t0 + 60_000;
  const crashed = {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: iso(lastFinished - 20_000),
      finishedAt: iso(lastFinished),
      containerID: `containerd://${uid}`,
    },
  };
  const lastState = seed.restarts > 0 ? crashed : undefined;
  const spec: Record<string, unknown> = { ...sh.spec, nodeName: seed.nodeName };
  const main = (state: ContainerStatus['state'], ready: boolean, restarts = seed.restarts, last = lastState) =>
    cstatus(w.app, w.image, uid, state, ready, restarts, last);
  const running = { running: { startedAt: iso(started) } };
  let phase = 'Running';
  let reason: string | undefined;
  let message: string | undefined;
  let ready = true;
  let initialized = true;
  let scheduled = true;
  let ip: string | undefined = seed.ip;
  let nominated: string | undefined;
  let containers: ContainerStatus[] = [main(running, true)];
  let inits: ContainerStatus[] | undefined;
  let extraConds: PodCondition[] = [];
  let deletion: number | undefined = seed.deletedAt;
  const initSpecs = (names: string[], sidecar = false) =>
    (spec['initContainers'] = names.map((n) => ({ ...containerSpec(n, 'busybox:1.36'), ...(sidecar ? { restartPolicy: 'Always' } : {}) })));
  switch (seed.state) {
    case 'running':
    case 'terminating':
      break;
    case 'running-multi':
      spec['containers'] = [...(sh.spec['containers'] as unknown[]), containerSpec('log-shipper', 'fluent/fluent-bit:3.1.9')];
      containers = [main(running, true), cstatus('log-shipper', 'fluent/fluent-bit:3.1.9', uid, running, true, 0)];
      break;
    case 'crashloop':
    case 'hostile': {
      const hostile = seed.state === 'hostile';
      ready = false;
      const why = hostile ? '\u001b[2J\u001b[H\u001b[31mCrashLoopBackOff\u001b]0;pwned\u0007\u001b[0m' : 'CrashLoopBackOff';
      containers = [
        main(
          {
            waiting: {
              reason: why,
              message: `back-off 5m0s restarting failed container=${w.app} pod=${seed.name}${hostile ? '\u001b]52;c;cm0gLXJmIH4=\u0007' : ''}`,
            },
          },
          false,
          Math.max(1, seed.restarts),
          crashed,
        ),
      ];
      if (hostile) message = 'evil \u001b[5mblink\u001b[0m \u202eoverride';
      break;
    }
    case 'imagepullbackoff':
    case 'errimagepull':
      phase = 'Pending';
      ready = false;
      containers = [
        main(
          {
            waiting: {
              reason: seed.state === 'errimagepull' ? 'ErrImagePull' : 'ImagePullBackOff',
              message: `Back-off pulling image "${w.image}"`,
            },
          },
          false,
          0,
          undefined,
        ),
      ];
      break;
    case 'containercreating':
      phase = 'Pending';
      ready = false;
      ip = undefined;
      containers = [main({ waiting: { reason: 'ContainerCreating' } }, false, 0, undefined)];
      break;
    case 'completed':
    case 'completed-deleting':
      phase = 'Succeeded';
      ready = false;
      containers = [
        main(
          {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: iso(started),
              finishedAt: iso(started + 45_000),
              containerID: `containerd://${uid}`,
            },
          },
          false,
          0,
          undefined,
        ),
      ];
      extraConds = [];
      break;
    case 'oomkilled':
    case 'exitcode':
    case 'error': {
      phase = 'Failed';
      ready = false;
      const term =
        seed.state === 'oomkilled'
          ? { exitCode: 137, reason: 'OOMKilled' }
          : seed.state === 'error'
            ? { exitCode: 1, reason: 'Error' }
            : { exitCode: 2 };
      containers = [
        main(
          { terminated: { ...term, startedAt: iso(started), finishedAt: iso(started + 30_000), containerID: `containerd://${uid}` } },
          false,
          0,
          undefined,
        ),
      ];
      break;
    }
    case 'init-progress':
    case 'init-crashloop':
    case 'init-error':
    case 'init-signal': {
      phase = 'Pending';
      ready = false;
      initialized = false;
      containers = [main({ waiting: { reason: 'PodInitializing' } }, false, 0, undefined)];
      if (seed.state === 'init-progress') {
        initSpecs(['init-config', 'init-migrate']);
        inits = [
          cstatus(
            'init-config',
            'busybox:1.36',
            uid,
            { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(started), finishedAt: iso(started + 2000) } },
            true,
            0,
          ),
          cstatus('init-migrate', 'busybox:1.36', uid, { running: { startedAt: iso(started + 3000) } }, false, 0),
        ];
      } else {
        initSpecs(['init-migrate']);
        const r = Math.max(1, seed.restarts);
        const state: ContainerStatus['state'] =
          seed.state === 'init-crashloop'
            ? { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=init-migrate' } }
            : seed.state === 'init-error'
              ? { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(lastFinished - 5000), finishedAt: iso(lastFinished) } }
              : { terminated: { exitCode: 137, signal: 9, startedAt: iso(lastFinished - 5000), finishedAt: iso(lastFinished) } };
        inits = [cstatus('init-migrate', 'busybox:1.36', uid, state, false, r, crashed)];
      }
      break;
    }
    case 'nodelost':
      deletion = deletion ?? t0 + 3600_000;
      reason = 'NodeLost';
      message = `Node ${seed.nodeName} which was running pod ${seed.name} is unresponsive`;
      break;
    case 'evicted':
      phase = 'Failed';
      ready = false;
      reason = 'Evicted';
      ip = undefined;
      message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91304Ki. ';
      containers = [];
      break;
    case 'schedulinggated':
    case 'unschedulable':
      phase = 'Pending';
      ready = false;
      scheduled = false;
      ip = undefined;
      initialized = false;
      delete spec['nodeName'];
      containers = [];
      if (seed.state === 'schedulinggated') spec['schedulingGates'] = [{ name: 'example.com/quota-check' }];
      else nominated = 'worker-2';
      break;
    case 'sidecar':
      initSpecs(['istio-proxy'], true);
      inits = [cstatus('istio-proxy', 'docker.io/istio/proxyv2:1.24.1', uid, running, true, Math.max(2, seed.restarts), crashed)];
      containers = [main(running, true, 0, undefined)];
      break;
    case 'notready':
      spec['containers'] = [containerSpec('helper', 'busybox:1.36'), ...(sh.spec['containers'] as unknown[])];
      ready = false;
      containers = [
        cstatus(
          'helper',
          'busybox:1.36',
          uid,
          { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(started), finishedAt: iso(started + 1000) } },
          false,
          0,
        ),
        main(running, true, 0, undefined),
      ];
      break;
    case 'readiness-gates':
      spec['readinessGates'] = [
        { conditionType: 'target-health.elbv2.k8s.aws/k8s-shop-frontend' },
        { conditionType: 'example.com/feature-ready' },
      ];
      ready = false;
      extraConds = [
        cond('target-health.elbv2.k8s.aws/k8s-shop-frontend', true, started + 5000),
        cond('example.com/feature-ready', false, started + 5000),
      ];
      break;
  }
  if (seed.state === 'terminating' || seed.state === 'completed-deleting') deletion = deletion ?? t0 + 600_000;
  const conditions: PodCondition[] = scheduled
    ? [
        cond('PodReadyToStartContainers', ip !== undefined, t0 + 2000),
        cond(
          'Initialized',
          initialized,
          t0 + 2000,
          initialized ? undefined : 'ContainersNotInitialized',
          initialized ? undefined : 'containers with incomplete status: [init-migrate]',
        ),
        cond('Ready', ready, started, ready ? undefined : phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady'),
        cond('ContainersReady', ready, started, ready ? undefined : phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady'),
        cond('PodScheduled', true, t0 + 1000),
        ...extraConds,
      ]
    : [
        cond(
          'PodScheduled',
          false,
          t0,
          seed.state === 'schedulinggated' ? 'SchedulingGated' : 'Unschedulable',
          seed.state === 'schedulinggated'
            ? 'Scheduling is blocked due to non-empty scheduling gates'
            : '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ];
  const hash = w.owner.slice(w.app.length + 1);
  const labels: Record<string, string> = {
    app: w.app,
    ...(w.kind === 'ReplicaSet' ? { 'pod-template-hash': hash } : {}),
    tier: w.namespace === 'kube-system' ? 'system' : 'app',
  };
  const kubeletFields = {
    'f:status': {
      ...KUBELET_STATUS_FIELDS,
      ...(ip ? { 'f:podIP': {}, 'f:podIPs': { '.': {}, [`k:{"ip":"${ip}"}`]: { '.': {}, 'f:ip': {} } } } : {}),
    },
  };
  const pod: Pod = {
    metadata: {
      name: seed.name,
      ...(w.kind === 'StatefulSet' ? {} : { generateName: `${w.owner}-` }),
      namespace: seed.namespace,
      uid,
      resourceVersion,
      creationTimestamp: iso(t0),
      ...(deletion !== undefined ? { deletionTimestamp: iso(deletion), deletionGracePeriodSeconds: 30 } : {}),
      labels,
      ...(seed.changedAt !== undefined ? { annotations: { 'bench.kpods.io/changed-at': new Date(seed.changedAt).toISOString() } } : {}),
      ownerReferences: sh.ownerRefs as never,
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(t0),
          fieldsType: 'FieldsV1',
          fieldsV1: sh.managed,
        },
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(started + 1000),
          fieldsType: 'FieldsV1',
          fieldsV1: kubeletFields,
          subresource: 'status',
        },
      ],
    },
    spec: spec as NonNullable<Pod['spec']>,
    status: {
      phase,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      conditions,
      ...(spec['nodeName'] ? { hostIP: seed.hostIP, hostIPs: [{ ip: seed.hostIP }] } : {}),
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      ...(nominated ? { nominatedNodeName: nominated } : {}),
      ...(scheduled ? { startTime: iso(t0 + 1000) } : {}),
      qosClass: 'Burstable',
      ...(inits ? { initContainerStatuses: inits } : {}),
      ...(containers.length > 0 ? { containerStatuses: containers } : {}),
    },
  };
  if (pod.metadata && pod.metadata.generateName === undefined) delete pod.metadata.generateName;
  return pod;
}
