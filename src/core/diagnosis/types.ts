/**
 * What the pod diagnosis reads and answers: a pod, its core/v1 Events and (for containers that
 * restarted) the last lines of their previous log, in; findings with stable codes, out.
 */
import type { Pod } from '../pods/pod-types.js';
import type { KubeEvent } from '../client/types.js';

/** A core/v1 Event (the client's KubeEvent; every field optional). */
export type DiagEvent = KubeEvent;

/** The stable finding codes, most severe first (the order `kpods why` sorts by). */
export const FINDING_CODES = [
  'pod.node-lost',
  'pod.stuck-terminating',
  'pod.evicted',
  'pod.oom-killed',
  'pod.crash-loop',
  'pod.init-failed',
  'pod.liveness-restarts',
  'pod.exit-error',
  'pod.image-not-found',
  'pod.image-pull-auth',
  'pod.image-pull',
  'pod.config-missing',
  'pod.mount-failed',
  'pod.sandbox-failed',
  'pod.unschedulable',
  'pod.not-ready',
  'pod.pending',
  'pod.unknown',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One thing wrong with a pod: what, the cluster's own evidence, and what to do. */
export interface Finding {
  code: FindingCode;
  /** The container it is about, when it is about one. */
  container?: string;
  /** One sentence. */
  summary: string;
  /** Facts from the pod's status, its events and logs (cluster text: neutralise before display). */
  evidence: string[];
  /** Concrete next steps. */
  hints: string[];
}

/** The diagnosis input. */
export interface DiagnoseInput {
  pod: Pod;
  /** The pod's events (any order; events of other objects are ignored). */
  events?: DiagEvent[];
  /** Last lines of a container's previous (or, for a finished container, current) log, by container name. */
  logs?: Record<string, string[]>;
  /** The clock (injected: the core never reads it). */
  now: Date;
}

/** Rank of a code (0 = most severe). */
export function severity(code: FindingCode): number {
  return FINDING_CODES.indexOf(code);
}
