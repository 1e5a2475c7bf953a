/** Label and field selectors for pod lists and watches, parsed as kube-apiserver accepts them. */
import { matchesLabels, parseLabelSelector as parseSelector, splitSelector } from '../core/label-selector.js';
import type { Pod } from '../core/pods/pod-types.js';

/** A parsed selector: a predicate, or an error message for a 400 BadRequest. */
export type Selector = { ok: true; matches: (pod: Pod) => boolean } | { ok: false; message: string };

const ALWAYS: Selector = { ok: true, matches: () => true };

/** Parses a `labelSelector` query value. */
export function parseLabelSelector(text: string | null): Selector {
  if (!text) return ALWAYS;
  const parsed = parseSelector(text);
  if (!parsed.ok) return { ok: false, message: `unable to parse requirement: found '${parsed.part}', expected: valid label selector` };
  return { ok: true, matches: (pod) => matchesLabels(parsed.requirements, pod.metadata?.labels ?? {}) };
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
  for (const part of splitSelector(text)) {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) return { ok: false, message: `invalid selector: '${text}'; can't understand '${part}'` };
    const get = fields[m[1]!];
    if (!get) return { ok: false, message: `field label not supported: ${m[1]}` };
    const value = m[3]!;
    checks.push(m[2] === '!=' ? (p) => get(p) !== value : (p) => get(p) === value);
  }
  return { ok: true, matches: (pod) => checks.every((c) => c(pod)) };
}
