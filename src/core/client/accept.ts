/** Accept headers of the client's requests. */

/** The Accept header kubectl sends for human-readable output (server-side Table, plain JSON as a fallback). */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Plain JSON objects. */
export const JSON_ACCEPT = 'application/json';
