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
