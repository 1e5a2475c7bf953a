/**
 * The status parts of the troubled pods as the kubelet writes them: conditions, container
 * statuses (running, waiting, crash-looping) and terminated states, and the kubelet's BackOff
 * event. The scenarios in troubled*.ts build their pods' situations from these.
 */
import type { ContainerStatus, Pod, PodCondition } from '../core/pods/pod-types.js';
import type { EventSpec } from './event-store.js';
import { iso } from './kube-time.js';
import { SA_MOUNT_STATUS } from './pod-parts.js';
import { uidFor } from './workloads.js';

/** A pod condition. */
export function condition(type: string, status: boolean | 'Unknown', at: number, reason?: string, message?: string): PodCondition {
  return {
    type,
    status: status === 'Unknown' ? 'Unknown' : status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: iso(at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The image reference as the kubelet reports it (docker.io/library/ for short names). */
function fullImage(image: string): string {
  const first = image.split('/')[0]!;
  if (!image.includes('/')) return `docker.io/library/${image}`;
  return first.includes('.') || first.includes(':') ? image : `docker.io/${image}`;
}

/** A container status; `state` and `last` as the kubelet writes them. */
export function containerStatus(
  name: string,
  image: string,
  uid: string,
  state: ContainerStatus['state'],
  opts: { ready?: boolean; restarts?: number; last?: ContainerStatus['lastState'] } = {},
): ContainerStatus {
  const id = uidFor(`${uid}/${name}/${opts.restarts ?? 0}`).replace(/-/g, '');
  const pulled = !state?.waiting || state.waiting.reason === 'CrashLoopBackOff' || state.waiting.reason === 'CreateContainerConfigError';
  const repo = fullImage(image).split(':')[0];
  return {
    name,
    ready: opts.ready ?? false,
    restartCount: opts.restarts ?? 0,
    started: !!state?.running,
    image: fullImage(image),
    imageID: pulled ? `${repo}@sha256:${id}${id}` : '',
    ...(state?.waiting ? {} : { containerID: `containerd://${id}${id}` }),
    lastState: opts.last ?? {},
    ...(state ? { state } : {}),
    volumeMounts: SA_MOUNT_STATUS,
  };
}

/** A terminated state. */
export function terminated(exitCode: number, reason: string, startedAt: number, finishedAt: number, extra: Record<string, unknown> = {}) {
  const id = uidFor(`run/${startedAt}/${finishedAt}/${exitCode}`).replace(/-/g, '');
  return {
    terminated: {
      exitCode,
      reason,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      containerID: `containerd://${id}${id}`,
      ...extra,
    },
  };
}

/** Sets a condition's status (and reason/message) in place. */
export function setCondition(pod: Pod, type: string, status: boolean, at: number, reason?: string, message?: string): void {
  const list = pod.status!.conditions!;
  const i = list.findIndex((c) => c.type === type);
  const c = condition(type, status, at, reason, message);
  if (i >= 0) list[i] = c;
  else list.push(c);
}

/** Marks the pod not ready (Ready and ContainersReady False with ContainersNotReady). */
export function notReady(pod: Pod, at: number, containers: string[]): void {
  const msg = `containers with unready status: [${containers.join(' ')}]`;
  setCondition(pod, 'Ready', false, at, 'ContainersNotReady', msg);
  setCondition(pod, 'ContainersReady', false, at, 'ContainersNotReady', msg);
}

/** kubelet's "pod_namespace(uid)" form used in back-off texts. */
function podRef(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}

/** A container in CrashLoopBackOff after `restarts` restarts, its last run `last`; `backOff` as the kubelet words it ("5m0s"). */
export function crashLoopStatus(
  pod: Pod,
  name: string,
  image: string,
  backOff: string,
  restarts: number,
  last: ContainerStatus['lastState'],
): ContainerStatus {
  const message = `back-off ${backOff} restarting failed container=${name} pod=${podRef(pod)}`;
  return containerStatus(name, image, pod.metadata!.uid!, { waiting: { reason: 'CrashLoopBackOff', message } }, { restarts, last });
}

/** The kubelet's BackOff event for a crash-looping container. */
export function backOffEvent(pod: Pod, container: string, first: number, last: number, count: number): EventSpec {
  return {
    reason: 'BackOff',
    container,
    first,
    last,
    count,
    message: `Back-off restarting failed container ${container} in pod ${podRef(pod)}`,
  };
}
