/** Acting on pods: confirmation texts, the permission pre-check, read-only mode. */
export * from './confirm.js';
export * from './permission.js';
export * from './readonly.js';
