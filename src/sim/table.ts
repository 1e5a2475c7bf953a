/** The meta.k8s.io Table form of pod and namespace lists, with cached per-pod cells. */
import { restartsCell } from '../core/pods/pod-cells.js';
import { humanDuration, timestampSince } from '../core/pods/human-duration.js';
import type { PodVersion, NamespaceInfo } from './cluster.js';

const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function col(name: string, description: string, priority = 0, format = ''): Record<string, unknown> {
  return { name, type: 'string', format, description, priority };
}

/** The nine pod columns, serialised. */
export const POD_COLUMNS = JSON.stringify([
  col('Name', NAME_DOC, 0, 'name'),
  col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'The aggregate status of the containers in this pod.'),
  col(
    'Restarts',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  col('Age', AGE_DOC),
  col('IP', 'The IP address of the pod.', 1),
  col('Node', 'The name of the node where the pod is running', 1),
  col('Nominated Node', 'The name of the node where the pod was nominated', 1),
  col('Readiness Gates', 'The readiness gates of the pod', 1),
]);

/** The namespace columns, serialised. */
export const NAMESPACE_COLUMNS = JSON.stringify([
  col('Name', NAME_DOC, 0, 'name'),
  col('Status', 'The status of the namespace'),
  col('Age', AGE_DOC),
]);

/** How much of each object a Table row carries. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** One pod's Table row JSON at time `now` (static cells cached on the version). */
export function podRowJson(v: PodVersion, now: Date, include: IncludeObject): string {
  if (include === 'Metadata') v.warm(true);
  const i = v.info();
  const t = now.getTime();
  const age = i.createdAt === undefined ? '<unknown>' : humanDuration(t - i.createdAt);
  const cells = `"cells":[${i.head},"${restartsCell(i.restartCount, i.lastRestartAt, now)}","${age}",${i.tail}]${i.conditions}`;
  if (include === 'None') return `{${cells}}`;
  return `{${cells},"object":${include === 'Object' ? v.objectJson() : v.metadataJson()}}`;
}

/** One namespace's Table row JSON. */
export function namespaceRowJson(ns: NamespaceInfo, now: Date, include: IncludeObject): string {
  const created = new Date(ns.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const cells = JSON.stringify([ns.name, ns.phase, timestampSince(created, now)]);
  if (include === 'None') return `{"cells":${cells}}`;
  const obj = namespaceObject(ns);
  const object = include === 'Object' ? obj : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  return `{"cells":${cells},"object":${JSON.stringify(object)}}`;
}

/** The Namespace object. */
export function namespaceObject(ns: NamespaceInfo): {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  spec: unknown;
  status: unknown;
} {
  const created = new Date(ns.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: {
      name: ns.name,
      uid: ns.uid,
      resourceVersion: '12',
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': ns.name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: ns.phase },
  };
}

/** Wraps row JSON strings into a Table document. */
export function tableJson(columns: string | null, rows: string[], meta: Record<string, unknown>): string {
  return `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns ?? 'null'},"rows":[${rows.join(',')}]}`;
}

/** Like tableJson, as parts to write one after another (no giant string for 50,000 rows). */
export function tableParts(
  columns: string | null,
  rows: string[],
  meta: Record<string, unknown>,
  version: 'v1' | 'v1beta1' = 'v1',
): string[] {
  const parts = [
    `{"kind":"Table","apiVersion":"meta.k8s.io/${version}","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns ?? 'null'},"rows":[`,
  ];
  rows.forEach((r, n) => parts.push(n === 0 ? r : `,${r}`));
  parts.push(']}');
  return parts;
}
