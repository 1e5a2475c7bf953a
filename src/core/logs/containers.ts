/**
 * The containers of a pod for the log view's picker: init containers (sidecars marked), then
 * app containers, each with its state in kubectl's words and its restarts, and whether it has a
 * previous instance (for `p`). Pure: from the Pod object.
 */
import type { ContainerState, ContainerStatus, Pod } from '../pods/pod-types.js';
import { neutralize } from '../terminal-text.js';

export interface ContainerChoice {
  name: string;
  kind: 'init' | 'sidecar' | 'app';
  /** "Running", "Waiting: CrashLoopBackOff", "Terminated: Completed (exit 0)", "Unknown". */
  state: string;
  restarts: number;
  /** A previous (terminated) instance exists: `p` can show it. */
  hasPrevious: boolean;
  /** The waiting reason, when waiting (for explanations). */
  waitingReason?: string;
  waitingMessage?: string;
}

function stateText(state: ContainerState | undefined): string {
  if (state?.running) return 'Running';
  if (state?.waiting) return `Waiting: ${state.waiting.reason ?? 'unknown'}`;
  const t = state?.terminated;
  if (t) return `Terminated: ${t.reason ?? (t.signal ? `Signal:${t.signal}` : 'Error')} (exit ${t.exitCode ?? '?'})`;
  return 'Unknown';
}

function choice(name: string, kind: ContainerChoice['kind'], cs: ContainerStatus | undefined): ContainerChoice {
  const c: ContainerChoice = {
    name,
    kind,
    state: neutralize(stateText(cs?.state)),
    restarts: cs?.restartCount ?? 0,
    hasPrevious: !!cs?.lastState?.terminated?.containerID,
  };
  if (cs?.state?.waiting?.reason) c.waitingReason = cs.state.waiting.reason;
  if (cs?.state?.waiting?.message) c.waitingMessage = cs.state.waiting.message;
  return c;
}

/** Every container of the pod, init (and sidecar) containers first, in spec order. */
export function containerChoices(pod: Pod): ContainerChoice[] {
  const inits = pod.status?.initContainerStatuses ?? [];
  const apps = pod.status?.containerStatuses ?? [];
  return [
    ...(pod.spec?.initContainers ?? []).map((c) =>
      choice(
        c.name ?? '',
        c.restartPolicy === 'Always' ? 'sidecar' : 'init',
        inits.find((s) => s.name === c.name),
      ),
    ),
    ...(pod.spec?.containers ?? []).map((c) =>
      choice(
        c.name ?? '',
        'app',
        apps.find((s) => s.name === c.name),
      ),
    ),
  ];
}

/** The container to open without asking (a pod with one container, init containers counted); undefined = ask. */
export function onlyContainer(choices: readonly ContainerChoice[]): string | undefined {
  return choices.length === 1 ? choices[0]!.name : undefined;
}

/** A container's state now, as the log feed needs it when its stream ends. */
export interface ContainerNow {
  /** Running: its log can be followed again. */
  running: boolean;
  restarts: number;
  /** Not running: the kubelet will start it again (a crash loop) rather than leave it ended. */
  willRestart: boolean;
  /** Why its last instance ended ("Error", "OOMKilled", "Completed"), and with what exit code. */
  reason?: string;
  exitCode?: number;
}

/** The state of `container` (the first app container when undefined) in `pod`; undefined when the pod has no such container. */
export function containerNow(pod: Pod, container: string | undefined): ContainerNow | undefined {
  const name = container ?? pod.spec?.containers?.[0]?.name;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const cs = statuses.find((s) => s.name === name);
  if (!cs) return undefined;
  const ended = cs.state?.terminated ?? cs.lastState?.terminated;
  const out: ContainerNow = { running: !!cs.state?.running, restarts: cs.restartCount ?? 0, willRestart: true };
  if (ended?.reason) out.reason = ended.reason;
  if (ended?.exitCode !== undefined) out.exitCode = ended.exitCode;
  if (!out.running && cs.state?.terminated && !cs.state.waiting) {
    // Ended for good unless the pod's restart policy brings it back.
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name);
    const policy = spec?.restartPolicy ?? pod.spec?.restartPolicy ?? 'Always';
    out.willRestart = policy === 'Always' || (policy === 'OnFailure' && (out.exitCode ?? 1) !== 0);
  }
  return out;
}
