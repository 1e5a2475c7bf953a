/** Label and field selectors for pod lists and watches, parsed as kube-apiserver accepts them. */
import type { Pod } from '../core/pods/pod-types.js';

/** A parsed selector: a predicate, or an error message for a 400 BadRequest. */
export type Selector = { ok: true; matches: (pod: Pod) => boolean } | { ok: false; message: string };

const ALWAYS: Selector = { ok: true, matches: () => true };

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

type Requirement = (labels: Record<string, string>) => boolean;

function parseRequirement(raw: string): Requirement | string {
  let m = /^!\s*([\w./-]+)$/.exec(raw);
  if (m) {
    const key = m[1]!;
    return (l) => !(key in l);
  }
  m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(raw);
  if (m) {
    const key = m[1]!;
    const values = new Set(m[3]!.split(',').map((v) => v.trim()));
    return m[2] === 'in' ? (l) => key in l && values.has(l[key]!) : (l) => !(key in l) || !values.has(l[key]!);
  }
  m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(raw);
  if (m) {
    const key = m[1]!;
    const value = m[3]!;
    return m[2] === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  m = /^([\w./-]+)$/.exec(raw);
  if (m) {
    const key = m[1]!;
    return (l) => key in l;
  }
  return `unable to parse requirement: ${raw}`;
}

/** Parses a `labelSelector` query value. */
export function parseLabelSelector(text: string | null): Selector {
  if (!text) return ALWAYS;
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const r = parseRequirement(part);
    if (typeof r === 'string') return { ok: false, message: `unable to parse requirement: found '${part}', expected: valid label selector` };
    reqs.push(r);
  }
  return { ok: true, matches: (pod) => reqs.every((r) => r(pod.metadata?.labels ?? {})) };
}

const POD_FIELDS: Record<string, (pod: Pod) => string> = {
  'metadata.name': (p) => p.metadata?.name ?? '',
  'metadata.namespace': (p) => p.metadata?.namespace ?? '',
  'spec.nodeName': (p) => p.spec?.nodeName ?? '',
  'spec.restartPolicy': (p) => p.spec?.restartPolicy ?? '',
  'spec.schedulerName': (p) => p.spec?.schedulerName ?? '',
  'spec.serviceAccountName': (p) => p.spec?.serviceAccountName ?? '',
  'spec.hostNetwork': (p) => String(p.spec?.hostNetwork ?? false),
  'status.phase': (p) => p.status?.phase ?? '',
  'status.podIP': (p) => p.status?.podIP ?? '',
  'status.nominatedNodeName': (p) => p.status?.nominatedNodeName ?? '',
};

/** Parses a `fieldSelector` query value for pods; unknown fields give kube-apiserver's error text. */
export function parseFieldSelector(text: string | null, fields: Record<string, (pod: Pod) => string> = POD_FIELDS): Selector {
  if (!text) return ALWAYS;
  const checks: Array<(pod: Pod) => boolean> = [];
  for (const part of splitTopLevel(text)) {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) return { ok: false, message: `invalid selector: '${text}'; can't understand '${part}'` };
    const get = fields[m[1]!];
    if (!get) return { ok: false, message: `field label not supported: ${m[1]}` };
    const value = m[3]!;
    checks.push(m[2] === '!=' ? (p) => get(p) !== value : (p) => get(p) === value);
  }
  return { ok: true, matches: (pod) => checks.every((c) => c(pod)) };
}
