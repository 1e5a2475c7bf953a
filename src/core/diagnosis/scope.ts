/**
 * Diagnoses every pod in a scope (one pod, a namespace, all namespaces, a selector) at a bounded
 * cost: one pod list; events once per namespace that has an unhealthy pod (or once for the one
 * pod); logs only for containers that crashed or exited non-zero, at most `maxLogs`, `parallel`
 * at a time. When events or logs may not be read, notes say which permission is missing.
 */
import type { Failure, Result } from '../failure.js';
import type { Pod } from '../pods/pod-types.js';
import { diagnosePod, isHealthy } from './diagnose-pod.js';
import { severity, type DiagEvent, type Finding } from './types.js';

/** The client verbs the diagnosis uses (a subset of KubeClient: a KubeClient is one). */
export interface DiagnosisClient {
  listPodObjects(query: { namespace?: string; labelSelector?: string }, signal?: AbortSignal): Promise<Result<{ items: Pod[] }>>;
  getPodObject(namespace: string, name: string, signal?: AbortSignal): Promise<Result<Pod>>;
  listEvents(
    namespace: string,
    involved?: { name: string; uid?: string; kind?: string },
    signal?: AbortSignal,
  ): Promise<Result<DiagEvent[]>>;
  readLog(
    namespace: string,
    pod: string,
    opts: { container?: string; previous?: boolean; tailLines?: number; limitBytes?: number },
    signal?: AbortSignal,
  ): Promise<Result<string>>;
}

/** Which pods. */
interface DiagnosisScope {
  /** undefined: all namespaces. */
  namespace?: string;
  pod?: string;
  labelSelector?: string;
}

/** One pod's answer. */
interface PodDiagnosis {
  namespace: string;
  name: string;
  phase: string;
  healthy: boolean;
  findings: Finding[];
  pod: Pod;
}

/** The whole answer. */
export interface ScopeDiagnosis {
  /** Unhealthy pods first, worst first; then the healthy ones. */
  pods: PodDiagnosis[];
  unhealthy: number;
  total: number;
  notes: string[];
  /** Requests made (for the cost tests). */
  reads: { events: number; logs: number };
}

interface ScopeOptions {
  now: Date;
  signal?: AbortSignal;
  /** Most log tails read in one run (default 20). */
  maxLogs?: number;
  /** Concurrent event or log reads (default 4). */
  parallel?: number;
  /** Lines of each log tail (default 10). */
  tailLines?: number;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const LOGGED_CODES = new Set(['pod.crash-loop', 'pod.oom-killed', 'pod.init-failed', 'pod.exit-error']);

function denied(f: Failure): boolean {
  return f.code === 'authorization.forbidden';
}

/** Diagnoses a scope; a Failure only when the pods themselves cannot be read. */
export async function diagnoseScope(client: DiagnosisClient, scope: DiagnosisScope, opts: ScopeOptions): Promise<Result<ScopeDiagnosis>> {
  const { now, signal } = opts;
  const parallel = opts.parallel ?? 4;
  let pods: Pod[];
  if (scope.pod !== undefined && scope.namespace !== undefined) {
    const r = await client.getPodObject(scope.namespace, scope.pod, signal);
    if (!r.ok) return r;
    pods = [r.value];
  } else {
    const r = await client.listPodObjects(
      {
        ...(scope.namespace !== undefined ? { namespace: scope.namespace } : {}),
        ...(scope.labelSelector ? { labelSelector: scope.labelSelector } : {}),
      },
      signal,
    );
    if (!r.ok) return r;
    pods = r.value.items;
  }
  const notes: string[] = [];
  const reads = { events: 0, logs: 0 };
  const sick = pods.filter((p) => !isHealthy(p, now));
  // Events: once per namespace with an unhealthy pod (or only the one pod's).
  const eventsByNs = new Map<string, DiagEvent[]>();
  const namespaces = [...new Set(sick.map((p) => p.metadata?.namespace ?? ''))];
  await mapLimit(namespaces, parallel, async (ns) => {
    reads.events++;
    const one = scope.pod !== undefined ? sick[0] : undefined;
    const r = await client.listEvents(
      ns,
      one ? { name: one.metadata?.name ?? '', kind: 'Pod', ...(one.metadata?.uid ? { uid: one.metadata.uid } : {}) } : undefined,
      signal,
    );
    if (r.ok) eventsByNs.set(ns, r.value);
    else if (denied(r.failure))
      notes.push(
        `Events in namespace ${ns} could not be read (you may not list events there: RBAC verb list on resource events); diagnosed from the pods' status only.`,
      );
    else notes.push(`Events in namespace ${ns} could not be read: ${r.failure.summary}`);
  });
  const first = new Map(sick.map((p) => [p, diagnosePod({ pod: p, events: eventsByNs.get(p.metadata?.namespace ?? '') ?? [], now })]));
  // Logs: only for containers that crashed or exited non-zero, bounded.
  const wanted: Array<{ pod: Pod; container: string; previous: boolean }> = [];
  for (const [pod, findings] of first) {
    for (const f of findings) {
      if (!f.container || !LOGGED_CODES.has(f.code)) continue;
      const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
        (s) => s.name === f.container,
      );
      wanted.push({ pod, container: f.container, previous: !st?.state?.terminated });
    }
  }
  const maxLogs = opts.maxLogs ?? 20;
  if (wanted.length > maxLogs) notes.push(`Logs were read for the first ${maxLogs} of ${wanted.length} failed containers only.`);
  const logs = new Map<Pod, Record<string, string[]>>();
  const logDenied = new Set<string>();
  await mapLimit(wanted.slice(0, maxLogs), parallel, async (w) => {
    const ns = w.pod.metadata?.namespace ?? '';
    if (logDenied.has(ns)) return;
    reads.logs++;
    const r = await client.readLog(
      ns,
      w.pod.metadata?.name ?? '',
      { container: w.container, previous: w.previous, tailLines: opts.tailLines ?? 10, limitBytes: 64 * 1024 },
      signal,
    );
    if (r.ok) {
      const byContainer = logs.get(w.pod) ?? {};
      byContainer[w.container] = r.value.split('\n').filter((l) => l !== '');
      logs.set(w.pod, byContainer);
    } else if (denied(r.failure) && !logDenied.has(ns)) {
      logDenied.add(ns);
      notes.push(
        `Logs in namespace ${ns} could not be read (you may not get pods/log there: RBAC verb get on resource pods/log); no log lines shown.`,
      );
    }
  });
  const out: PodDiagnosis[] = pods.map((pod) => {
    const healthy = isHealthy(pod, now);
    const podLogs = logs.get(pod);
    const findings = healthy
      ? []
      : podLogs
        ? diagnosePod({ pod, events: eventsByNs.get(pod.metadata?.namespace ?? '') ?? [], logs: podLogs, now })
        : first.get(pod)!;
    return {
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      phase: pod.status?.phase ?? '',
      healthy,
      findings,
      pod,
    };
  });
  const rank = (d: PodDiagnosis) => (d.healthy ? 1000 : severity(d.findings[0]!.code));
  out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { ok: true, value: { pods: out, unhealthy: sick.length, total: pods.length, notes: notes.sort(), reads } };
}
