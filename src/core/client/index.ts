/** The API client: createKubeClient, diagnose, the exec runner hook, and the kubectl table printer. */
export * from './types.js';
export type { ClientDeps } from './deps.js';
export { createKubeClient, KubeApiClient, TABLE_ACCEPT } from './client.js';
export { ClientSession, type CallContext } from './session.js';
export { diagnose, type DiagnoseContext } from './diagnose.js';
export { createDefaultExecRunner, type ExecRunner, type ExecRunRequest, type ExecRunResult } from './exec-runner.js';
export { formatPodTable, tabwrite } from './print-table.js';
export { traceTarget, traceKubeconfigFailure, type TraceReport, type TraceStage, type StageStatus } from './trace.js';
export { probePods, type ProbeResult } from './probe.js';
