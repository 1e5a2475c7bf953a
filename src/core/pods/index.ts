/** The pod-cell algorithm shared by the simulator and the client. */
export * from './pod-types.js';
export * from './human-duration.js';
export * from './pod-cells.js';
export * from './decode-pod.js';
