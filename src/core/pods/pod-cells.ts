/**
 * The pod columns of `kubectl get pods`, computed as kube-apiserver's `printPod` does
 * (k/k pkg/printers/internalversion/printers.go, 1.32). Pure: the clock is injected.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from './pod-types.js';
import { humanDuration, parseTime, timestampSince } from './human-duration.js';

/** The cells of one pod row, plus the numbers behind them. */
interface PodCells {
  name: string;
  /** READY, e.g. "1/2". */
  ready: string;
  /** STATUS, e.g. "Running", "Init:0/2", "Terminating". */
  status: string;
  /** RESTARTS, e.g. "0" or "17 (5m ago)". */
  restarts: string;
  /** The restart count behind `restarts`. */
  restartCount: number;
  /** AGE, e.g. "2d3h", or "<unknown>". */
  age: string;
  /** IP (`<none>` when unset). */
  ip: string;
  /** NODE (`<none>` when unset). */
  node: string;
  /** NOMINATED NODE (`<none>` when unset). */
  nominatedNode: string;
  /** READINESS GATES, `<none>` or "true/total". */
  readinessGates: string;
  /** When the last container run ended (epoch ms), behind "(5m ago)"; undefined when unknown. */
  lastRestartAt?: number;
  /** metadata.creationTimestamp (epoch ms), behind AGE; undefined when unknown. */
  createdAt?: number;
}

/** The RESTARTS cell from a count and the last termination time (epoch ms). */
export function restartsCell(count: number, lastRestartAt: number | undefined, now: Date): string {
  return count !== 0 && lastRestartAt !== undefined ? `${count} (${humanDuration(now.getTime() - lastRestartAt)} ago)` : String(count);
}

/** The row condition the server adds for finished pods (Table rows[].conditions). */
interface RowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Returns the later of two optional times (undefined plays Go's zero time). */
function later(current: number | undefined, candidate: string | null | undefined): number | undefined {
  const t = parseTime(candidate);
  if (t === undefined) return current;
  return current === undefined || current < t ? t : current;
}

/** Computes READY, STATUS and RESTARTS the way kube-apiserver's printPod does. */
function readyStatusRestarts(pod: Pod): {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: number | undefined;
} {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let reason = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initSpecs = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initSpecs.set(c.name ?? '', c);
    if (isSidecar(c)) total++;
  }
  const initCount = (spec.initContainers ?? []).length;
  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const sidecar = isSidecar(initSpecs.get(c.name ?? ''));
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (terminated && terminated.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }
  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const gate of gates) {
    const found = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
    if (found?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

/** Computes every `kubectl get pods -o wide` cell for `pod` at time `now`. */
export function podCells(pod: Pod, now: Date): PodCells {
  const r = readyStatusRestarts(pod);
  const created = parseTime(pod.metadata?.creationTimestamp);
  const cells: PodCells = {
    name: pod.metadata?.name ?? '',
    ready: `${r.ready}/${r.total}`,
    status: r.reason,
    restarts: restartsCell(r.restarts, r.lastRestart, now),
    restartCount: r.restarts,
    age: timestampSince(pod.metadata?.creationTimestamp, now),
    ip: pod.status?.podIPs?.[0]?.ip || '<none>',
    node: pod.spec?.nodeName || '<none>',
    nominatedNode: pod.status?.nominatedNodeName || '<none>',
    readinessGates: readinessGatesCell(pod),
  };
  if (r.lastRestart !== undefined) cells.lastRestartAt = r.lastRestart;
  if (created !== undefined) cells.createdAt = created;
  return cells;
}

/** The row condition the server attaches to Succeeded and Failed pods, if any. */
export function podRowConditions(pod: Pod): RowCondition[] | undefined {
  if (pod.status?.phase === 'Succeeded') {
    return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  }
  if (pod.status?.phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}
