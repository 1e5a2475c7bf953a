/**
 * Which container and which of its instances a log request reads, with kube-apiserver's and
 * the kubelet's exact errors (container required or invalid; waiting, no previous instance).
 */
import type { ContainerStatus, Pod } from '../core/pods/pod-types.js';
import type { InstanceSpec } from './log-source.js';
import { familyOf } from './log-family.js';

/** The container chosen by the API server, or its 400 message. */
export function chooseContainer(pod: Pod, name: string, requested: string | null): { container: string } | { error: string } {
  const names = (list: Array<{ name?: string }> | undefined) => (list ?? []).map((c) => c.name ?? '');
  const containers = names(pod.spec?.containers);
  const inits = names(pod.spec?.initContainers);
  if (requested === null || requested === '') {
    if (containers.length === 1) return { container: containers[0]! };
    if (containers.length === 0) return { error: `a container name must be specified for pod ${name}` };
    let err = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
    if (inits.length > 0) err += ` or one of the init containers: [${inits.join(' ')}]`;
    return { error: err };
  }
  if (!containers.includes(requested) && !inits.includes(requested))
    return { error: `container ${requested} is not valid for pod ${name}` };
  return { container: requested };
}

const ms = (iso: string | null | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/** The instance the kubelet would read (its validateContainerLogStatus), or its 400 message. */
export function chooseInstance(
  pod: Pod,
  container: string,
  previous: boolean,
): { spec: Omit<InstanceSpec, 'podKey'>; running: boolean } | { error: string } {
  const name = pod.metadata?.name ?? '';
  const statuses: ContainerStatus[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const cs = statuses.find((s) => s.name === container);
  if (!cs) return { error: `container "${container}" in pod "${name}" is not available` };
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === container) as
    { image?: string; ports?: Array<{ containerPort?: number }> } | undefined;
  const base = {
    container,
    family: familyOf(container, spec?.image ?? cs.image ?? '', pod.metadata?.namespace === 'hostile'),
    ...(spec?.ports?.[0]?.containerPort ? { port: spec.ports[0].containerPort } : {}),
  };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  const ended = (t: NonNullable<typeof last>) => {
    const end = ms(t.finishedAt) ?? 0;
    return {
      spec: {
        ...base,
        startMs: ms(t.startedAt) ?? end - 20_000,
        endMs: end,
        exitCode: t.exitCode ?? 0,
        ...(t.reason ? { reason: t.reason } : {}),
      },
      running: false,
    };
  };
  if (previous) {
    if (!last || !last.containerID) return { error: `previous terminated container "${container}" in pod "${name}" not found` };
    return ended(last);
  }
  if (running) {
    const started = ms(running.startedAt) ?? 0;
    const after = last ? (ms(last.finishedAt) ?? 0) + 1000 : 0;
    return { spec: { ...base, startMs: Math.max(started, after) }, running: true };
  }
  if (terminated) {
    if (terminated.containerID) return ended(terminated);
    if (last?.containerID) return ended(last);
    return { error: `container "${container}" in pod "${name}" is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container "${container}" in pod "${name}" is terminated` };
    return ended(last);
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull')
      return { error: `container "${container}" in pod "${name}" is waiting to start: image can't be pulled` };
    if (waiting.reason === 'ImagePullBackOff')
      return { error: `container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image` };
    return { error: `container "${container}" in pod "${name}" is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `container "${container}" in pod "${name}" is waiting to start - no logs yet` };
}
