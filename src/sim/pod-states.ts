/** The situations a simulated pod can be in, and the seed a generated pod is built from. */
import type { Workload } from './workloads.js';

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
