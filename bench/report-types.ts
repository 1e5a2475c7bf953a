/** The shape of a results file (bench/results/results.json). */
import type { GroupResult } from './context.js';
import type { MachineInfo } from './machine.js';

/** Everything measured at one cluster size. */
export interface SizeResult {
  pods: number;
  simStartMs?: number;
  namespaces?: { name: string; pods: number }[];
  groups: Record<string, GroupResult>;
}

export interface BenchResults {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  durationSec: number;
  command: string;
  options: Record<string, unknown>;
  machine: MachineInfo;
  method: string[];
  sizes: SizeResult[];
  targets: TargetResult[];
}

/** One target of the issue: its goal, the measured value, and whether it was met (null: not measured). */
export interface TargetResult {
  target: string;
  goal: string;
  measured: string;
  met: boolean | null;
}
