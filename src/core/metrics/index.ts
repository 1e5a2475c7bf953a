/** Pod usage from metrics-server: quantities, kubectl top's cells and table, the API calls. */
export * from './quantity.js';
export * from './format.js';
export * from './pod-metrics.js';
export * from './pod-resources.js';
export * from './usage.js';
export * from './top-table.js';
export * from './api.js';
