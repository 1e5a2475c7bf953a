/** Messages between the benchmark harness and its simulator process (sim-child.ts). */
import type { ProxyCounts } from './proxy.js';

export type ChildRequest =
  | { type: 'start'; pods: number; churn: number }
  | { type: 'counts'; id: number }
  | { type: 'mutate'; id: number; namespace: string; name: string }
  | { type: 'log-rate'; id: number; rate: number }
  | { type: 'stop' };

export type ChildReply =
  | { type: 'ready'; kubeconfigPath: string; serverPort: number; proxyPort: number; startMs: number }
  | { type: 'unavailable'; reason: string }
  | { type: 'counts'; id: number; counts: ProxyCounts }
  | { type: 'mutated'; id: number; ok: boolean; at?: number; expect?: string; reason?: string }
  | { type: 'log-rate'; id: number; fastPod?: string; reason?: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };
