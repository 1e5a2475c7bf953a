/**
 * The structure of a list body, checked at the decoding edge: a field that is present with the
 * wrong shape (rows that are not a list, a row without a cells list, items that are not a list)
 * is response.invalid naming the field, instead of being read as empty or crashing later.
 * Values inside the structure are defaulted by the row decoders (pod-rows.ts, decode-pod.ts).
 */
import { failure, type Failure } from '../failure.js';

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function invalid(field: string, expected: string, got: unknown, what: string): Failure {
  return failure(
    'response.invalid',
    `The server's ${what} does not fit the Kubernetes format: ${field} is ${kindOf(got)}, not ${expected}.`,
    ['The API server or a proxy in front of it returned a malformed answer; check what sits between kpods and the cluster.'],
    `field: ${field}`,
  );
}

/** Checks a Table or PodList answer to a pod list (or one watch event's object); undefined when it fits. */
export function checkListShape(body: Record<string, unknown>, what = 'pod list'): Failure | undefined {
  if (body['kind'] === 'Table') {
    const defs = body['columnDefinitions'];
    if (defs !== undefined && defs !== null && !Array.isArray(defs)) return invalid('columnDefinitions', 'a list', defs, what);
    const rows = body['rows'];
    if (rows === undefined || rows === null) return undefined;
    if (!Array.isArray(rows)) return invalid('rows', 'a list', rows, what);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as unknown;
      if (r === null || typeof r !== 'object' || Array.isArray(r)) return invalid(`rows[${i}]`, 'an object', r, what);
      const cells = (r as Record<string, unknown>)['cells'];
      if (!Array.isArray(cells)) return invalid(`rows[${i}].cells`, 'a list', cells, what);
    }
    return undefined;
  }
  const items = body['items'];
  if (items !== undefined && items !== null && !Array.isArray(items)) return invalid('items', 'a list', items, what);
  return undefined;
}
