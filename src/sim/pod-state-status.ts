/**
 * The status a simulated pod shows in each of its states (phase, reason, container and init
 * container statuses, readiness), and the spec changes a state implies (init containers,
 * sidecars, readiness gates, scheduling gates).
 */
import type { ContainerStatus, PodCondition } from '../core/pods/pod-types.js';
import { SA_MOUNT_STATUS, containerSpec, shared } from './pod-parts.js';
import { iso } from './kube-time.js';
import type { PodSeed } from './pod-states.js';

/** What a state sets in a pod's status. */
export interface StateStatus {
  phase: string;
  reason?: string | undefined;
  message?: string | undefined;
  ready: boolean;
  initialized: boolean;
  scheduled: boolean;
  ip?: string | undefined;
  nominated?: string | undefined;
  containers: ContainerStatus[];
  inits?: ContainerStatus[] | undefined;
  extraConds: PodCondition[];
  deletion?: number | undefined;
}

export function cond(type: string, status: boolean, at: number, reason?: string, message?: string): PodCondition {
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

/** The status of `seed`'s state; writes the state's own parts into `spec` (a copy the caller owns). */
export function stateStatus(seed: PodSeed, uid: string, spec: Record<string, unknown>): StateStatus {
  const w = seed.workload;
  const sh = shared(w);
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
  const main = (state: ContainerStatus['state'], ready: boolean, restarts = seed.restarts, last = lastState) =>
    cstatus(w.app, w.image, uid, state, ready, restarts, last);
  const running = { running: { startedAt: iso(started) } };
  const s: StateStatus = {
    phase: 'Running',
    ready: true,
    initialized: true,
    scheduled: true,
    ip: seed.ip,
    containers: [main(running, true)],
    extraConds: [],
    deletion: seed.deletedAt,
  };
  const initSpecs = (names: string[], sidecar = false) =>
    (spec['initContainers'] = names.map((n) => ({ ...containerSpec(n, 'busybox:1.36'), ...(sidecar ? { restartPolicy: 'Always' } : {}) })));
  switch (seed.state) {
    case 'running':
    case 'terminating':
      break;
    case 'running-multi':
      spec['containers'] = [...(sh.spec['containers'] as unknown[]), containerSpec('log-shipper', 'fluent/fluent-bit:3.1.9')];
      s.containers = [main(running, true), cstatus('log-shipper', 'fluent/fluent-bit:3.1.9', uid, running, true, 0)];
      break;
    case 'crashloop':
    case 'hostile': {
      const hostile = seed.state === 'hostile';
      s.ready = false;
      const why = hostile ? '\u001b[2J\u001b[H\u001b[31mCrashLoopBackOff\u001b]0;pwned\u0007\u001b[0m' : 'CrashLoopBackOff';
      s.containers = [
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
      if (hostile) s.message = 'evil \u001b[5mblink\u001b[0m \u202eoverride';
      break;
    }
    case 'imagepullbackoff':
    case 'errimagepull':
      s.phase = 'Pending';
      s.ready = false;
      s.containers = [
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
      s.phase = 'Pending';
      s.ready = false;
      s.ip = undefined;
      s.containers = [main({ waiting: { reason: 'ContainerCreating' } }, false, 0, undefined)];
      break;
    case 'completed':
    case 'completed-deleting':
      s.phase = 'Succeeded';
      s.ready = false;
      s.containers = [
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
      s.extraConds = [];
      break;
    case 'oomkilled':
    case 'exitcode':
    case 'error': {
      s.phase = 'Failed';
      s.ready = false;
      const term =
        seed.state === 'oomkilled'
          ? { exitCode: 137, reason: 'OOMKilled' }
          : seed.state === 'error'
            ? { exitCode: 1, reason: 'Error' }
            : { exitCode: 2 };
      s.containers = [
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
      s.phase = 'Pending';
      s.ready = false;
      s.initialized = false;
      s.containers = [main({ waiting: { reason: 'PodInitializing' } }, false, 0, undefined)];
      if (seed.state === 'init-progress') {
        initSpecs(['init-config', 'init-migrate']);
        s.inits = [
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
        s.inits = [cstatus('init-migrate', 'busybox:1.36', uid, state, false, r, crashed)];
      }
      break;
    }
    case 'nodelost':
      s.deletion = s.deletion ?? t0 + 3600_000;
      s.reason = 'NodeLost';
      s.message = `Node ${seed.nodeName} which was running pod ${seed.name} is unresponsive`;
      break;
    case 'evicted':
      s.phase = 'Failed';
      s.ready = false;
      s.reason = 'Evicted';
      s.ip = undefined;
      s.message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91304Ki. ';
      s.containers = [];
      break;
    case 'schedulinggated':
    case 'unschedulable':
      s.phase = 'Pending';
      s.ready = false;
      s.scheduled = false;
      s.ip = undefined;
      s.initialized = false;
      delete spec['nodeName'];
      s.containers = [];
      if (seed.state === 'schedulinggated') spec['schedulingGates'] = [{ name: 'example.com/quota-check' }];
      else s.nominated = 'worker-2';
      break;
    case 'sidecar':
      initSpecs(['istio-proxy'], true);
      s.inits = [cstatus('istio-proxy', 'docker.io/istio/proxyv2:1.24.1', uid, running, true, Math.max(2, seed.restarts), crashed)];
      s.containers = [main(running, true, 0, undefined)];
      break;
    case 'notready':
      spec['containers'] = [containerSpec('helper', 'busybox:1.36'), ...(sh.spec['containers'] as unknown[])];
      s.ready = false;
      s.containers = [
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
      s.ready = false;
      s.extraConds = [
        cond('target-health.elbv2.k8s.aws/k8s-shop-frontend', true, started + 5000),
        cond('example.com/feature-ready', false, started + 5000),
      ];
      break;
  }
  if (seed.state === 'terminating' || seed.state === 'completed-deleting') s.deletion = s.deletion ?? t0 + 600_000;
  return s;
}
