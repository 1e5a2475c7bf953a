/** What every measurement group receives for one cluster size, and what it returns. */
import type { BenchOptions } from './options.js';
import type { FloorTarget } from './creds.js';
import type { SimHost } from './sim-host.js';

/** The shared state of one size's run. */
export interface SizeCtx {
  opts: BenchOptions;
  pods: number;
  repoRoot: string;
  kpodsBin: string;
  floorJs: string;
  kubectl: string;
  timeTool: string | undefined;
  /** A private temporary folder for this size (removed afterwards). */
  tmp: string;
  /** The simulator at churn 0. */
  sim: SimHost;
  /** The kubeconfig context with full access. */
  context: string;
  target: FloorTarget;
  /** Namespaces with pod counts, largest first. */
  namespaces: { name: string; pods: number }[];
  /** The environment for every measured process: temporary HOME, no KUBECONFIG, no KUBERNETES_*, no CI. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Starts another simulator of the same size with churn (stopped by the caller). */
  startBusySim(churn: number): Promise<SimHost>;
  log(message: string): void;
}

/** A group's outcome: measured data, or why it could not measure. */
export type GroupResult =
  | { status: 'ok'; data: Record<string, unknown>; notes?: string[] }
  | { status: 'unavailable' | 'skipped' | 'error'; reason: string; data?: Record<string, unknown> };

/** Returns reason text when a kpods run shows the command is a placeholder. */
export function placeholderReason(stderr: string): string | undefined {
  return /not implemented yet/.test(stderr) ? stderr.split('\n')[0] : undefined;
}
