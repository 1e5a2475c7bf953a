/** Events as a Table: kube-apiserver's event columns and printEvent's cells. */
import { timestampSince } from '../core/pods/human-duration.js';
import type { SimEvent } from './event-store.js';

export const EVENT_COLUMNS = JSON.stringify([
  {
    name: 'Last Seen',
    type: 'string',
    format: '',
    description: 'The time at which the most recent occurrence of this event was recorded.',
    priority: 0,
  },
  {
    name: 'Type',
    type: 'string',
    format: '',
    description: 'Type of this event (Normal, Warning), new types could be added in the future',
    priority: 0,
  },
  {
    name: 'Reason',
    type: 'string',
    format: '',
    description:
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    priority: 0,
  },
  { name: 'Object', type: 'string', format: '', description: 'The object that this event is about.', priority: 0 },
  {
    name: 'Subobject',
    type: 'string',
    format: '',
    description:
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
    priority: 1,
  },
  {
    name: 'Source',
    type: 'string',
    format: '',
    description: 'The component reporting this event. Should be a short machine understandable string.',
    priority: 1,
  },
  {
    name: 'Message',
    type: 'string',
    format: '',
    description: 'A human-readable description of the status of this operation.',
    priority: 0,
  },
  {
    name: 'First Seen',
    type: 'string',
    format: '',
    description: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    priority: 1,
  },
  { name: 'Count', type: 'string', format: '', description: 'The number of times this event has occurred.', priority: 1 },
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 1 },
]);

/** printEvent of kube-apiserver's table convertor (wide: every cell). */
export function eventRow(e: SimEvent, now: Date, include: 'None' | 'Metadata' | 'Object'): string {
  const first = e.firstTimestamp ? timestampSince(e.firstTimestamp, now) : timestampSince(e.eventTime, now);
  let last = e.lastTimestamp ? timestampSince(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = timestampSince(e.series.lastObservedTime, now);
    count = e.series.count;
  } else if (count === 0) count = 1;
  const target = e.involvedObject.name
    ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`
    : e.involvedObject.kind.toLowerCase();
  const source = e.source.component
    ? e.source.host
      ? `${e.source.component}, ${e.source.host}`
      : e.source.component
    : e.reportingInstance
      ? `${e.reportingComponent}, ${e.reportingInstance}`
      : e.reportingComponent;
  const cells = [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', source, e.message.trim(), first, count, e.metadata.name];
  const row: Record<string, unknown> = { cells };
  if (include === 'Object') row['object'] = { kind: 'Event', apiVersion: 'v1', ...e };
  else if (include === 'Metadata') row['object'] = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: e.metadata };
  return JSON.stringify(row);
}
