/**
 * JSON as kubectl prints it (Go's json.MarshalIndent with 4 spaces over unstructured maps):
 * object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped, and further (kpods' own rule) C1
 * controls, bidi controls and invisible format characters escaped so a terminal never obeys them.
 */
import type { Pod } from '../pods/index.js';
import { escapeJsonUnsafe } from '../terminal-text.js';

function goString(s: string): string {
  return escapeJsonUnsafe(JSON.stringify(s));
}

function compareKeys(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

/** Encodes a JSON value like Go's MarshalIndent(v, "", "    "). */
export function goMarshalIndent(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[\n' + value.map((v) => inner + goMarshalIndent(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareKeys);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${inner}${goString(k)}: ${goMarshalIndent(obj[k], inner)}`).join(',\n') + '\n' + indent + '}';
}

function withoutManagedFields(p: Pod): Pod {
  const m = p.metadata as unknown;
  // Any value may sit here (found by the fuzz test: `metadata: true` crashed -o json).
  if (m === null || typeof m !== 'object' || Array.isArray(m) || !('managedFields' in m) || !p.metadata) return p;
  const { managedFields: _drop, ...metadata } = p.metadata;
  return { ...p, metadata };
}

/** `kubectl get pods -o json` output: a v1 List of the pods, each with apiVersion and kind, managedFields hidden. */
export function formatKubectlListJson(items: Pod[]): string {
  const list = {
    apiVersion: 'v1',
    items: items.map((p) => ({ ...withoutManagedFields(p), apiVersion: p.apiVersion ?? 'v1', kind: p.kind ?? 'Pod' })),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
  return goMarshalIndent(list) + '\n';
}
