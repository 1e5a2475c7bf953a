/** The pod diagnosis (pure): findings with stable codes from a pod, its events and log tails. */
export { diagnosePod, isHealthy } from './diagnose-pod.js';
export { FINDING_CODES, severity, type DiagEvent, type DiagnoseInput, type Finding, type FindingCode } from './types.js';
export { eventAge, eventLine, eventSource, lastSeen, exitMeaning } from './evidence.js';
