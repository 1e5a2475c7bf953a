/**
 * The pod detail's sections, as `kubectl describe pod` shows them: overview (node, IPs, QoS,
 * controlled by, labels, annotations), containers (image, state, last state with exit code and
 * reason, restarts, ready, requests and limits, probes, ports, mounts), conditions, and events
 * (type, reason, kubectl's `5m (x3 over 20m)` age, from, message; warnings marked). Pure: the
 * clock is passed in; cluster text is neutralised by the view.
 */
import type { Container, ContainerState, ContainerStatus, Pod } from './pod-types.js';
import type { KubeEvent } from '../client/types.js';
import { eventAge, eventSource, lastSeen } from '../diagnosis/evidence.js';

/** One line of a section; `warning` lines are highlighted, `heading` lines are container names. */
export interface DetailLine {
  text: string;
  tone?: 'warning' | 'heading';
}

export interface DetailSection {
  id: 'overview' | 'containers' | 'conditions' | 'events';
  title: string;
  lines: DetailLine[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** kubectl describe's time format (RFC 1123 with a numeric zone), in UTC. */
export function describeTime(value: string | null | undefined): string {
  const t = value ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) return '<unknown>';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Aligns `key: value` pairs like describe's tab writer. */
function pairs(rows: Array<[string, string]>, indent = ''): DetailLine[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => ({ text: `${indent}${(k === '' ? '' : `${k}:`).padEnd(width)}${v}` }));
}

function mapLines(key: string, m: Record<string, string> | undefined): Array<[string, string]> {
  const entries = Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return [[key, '<none>']];
  return entries.map(([k, v], i) => [i === 0 ? key : '', `${k}=${v}`]);
}

function overview(pod: Pod): DetailLine[] {
  const m = pod.metadata ?? {};
  const s = pod.status ?? {};
  const owner = (m.ownerReferences ?? []).find((o) => o.controller);
  const rows: Array<[string, string]> = [
    ['Name', m.name ?? ''],
    ['Namespace', m.namespace ?? ''],
    ['Priority', String(pod.spec?.['priority'] ?? 0)],
    ['Service Account', pod.spec?.serviceAccountName ?? ''],
    ['Node', pod.spec?.nodeName ? `${pod.spec.nodeName}${s.hostIP ? `/${s.hostIP}` : ''}` : '<none>'],
    ['Start Time', s.startTime ? describeTime(s.startTime) : '<unset>'],
    ...mapLines('Labels', m.labels),
    ...mapLines('Annotations', m.annotations),
    ['Status', m.deletionTimestamp ? `Terminating (lasts ${m.deletionGracePeriodSeconds ?? 30}s)` : (s.phase ?? '')],
  ];
  if (m.deletionTimestamp) rows.push(['Termination Grace Period', `${m.deletionGracePeriodSeconds ?? 30}s`]);
  if (s.reason) rows.push(['Reason', s.reason]);
  if (s.message) rows.push(['Message', s.message]);
  rows.push(['IP', s.podIP ?? '']);
  for (const [i, ip] of (s.podIPs ?? []).entries()) rows.push([i === 0 ? 'IPs' : '', ip.ip ?? '']);
  rows.push(['Controlled By', owner ? `${owner.kind}/${owner.name}` : '<none>']);
  if (s.nominatedNodeName) rows.push(['NominatedNodeName', s.nominatedNodeName]);
  rows.push(['QoS Class', s.qosClass ?? '']);
  if (m.finalizers?.length) rows.push(['Finalizers', m.finalizers.join(', ')]);
  return pairs(rows);
}

function stateRows(label: string, st: ContainerState | undefined): Array<[string, string]> {
  if (st?.running)
    return [
      [label, 'Running'],
      ['  Started', describeTime(st.running.startedAt)],
    ];
  if (st?.waiting) return [[label, 'Waiting'], ...(st.waiting.reason ? [['  Reason', st.waiting.reason] as [string, string]] : [])];
  const t = st?.terminated;
  if (t) {
    const rows: Array<[string, string]> = [[label, 'Terminated']];
    if (t.reason) rows.push(['  Reason', t.reason]);
    if (t.message) rows.push(['  Message', t.message]);
    rows.push(['  Exit Code', String(t.exitCode ?? 0)]);
    if (t.signal) rows.push(['  Signal', String(t.signal)]);
    rows.push(['  Started', describeTime(t.startedAt)], ['  Finished', describeTime(t.finishedAt)]);
    return rows;
  }
  return [];
}

function probe(p: unknown): string | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const x = p as Record<string, unknown> & {
    httpGet?: { path?: string; port?: unknown; scheme?: string };
    exec?: { command?: string[] };
    tcpSocket?: { port?: unknown };
  };
  const how = x.httpGet
    ? `http-get ${(x.httpGet.scheme ?? 'HTTP').toLowerCase()}://:${String(x.httpGet.port)}${x.httpGet.path ?? ''}`
    : x.exec
      ? `exec [${(x.exec.command ?? []).join(' ')}]`
      : x.tcpSocket
        ? `tcp-socket :${String(x.tcpSocket.port)}`
        : 'unknown';
  const n = (k: string, d: number) => (typeof x[k] === 'number' ? (x[k] as number) : d);
  return `${how} delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
}

function container(c: Container, s: ContainerStatus | undefined, init: boolean): DetailLine[] {
  const rows: Array<[string, string]> = [];
  if (s?.containerID) rows.push(['Container ID', s.containerID]);
  rows.push(['Image', c.image ?? '']);
  if (s?.imageID) rows.push(['Image ID', s.imageID]);
  const ports = (c['ports'] as Array<{ containerPort?: number; protocol?: string }> | undefined) ?? [];
  rows.push(['Port', ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>']);
  const cmd = c['command'] as string[] | undefined;
  if (cmd?.length) rows.push(['Command', cmd.join(' ')]);
  rows.push(...stateRows('State', s?.state));
  if (s?.lastState && Object.keys(s.lastState).length) rows.push(...stateRows('Last State', s.lastState));
  rows.push(['Ready', s?.ready ? 'True' : 'False'], ['Restart Count', String(s?.restartCount ?? 0)]);
  const res = (c['resources'] as { limits?: Record<string, string>; requests?: Record<string, string> } | undefined) ?? {};
  for (const [title, m] of [
    ['Limits', res.limits],
    ['Requests', res.requests],
  ] as const)
    if (m && Object.keys(m).length)
      rows.push([
        title,
        Object.entries(m)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
      ]);
  for (const [title, key] of [
    ['Liveness', 'livenessProbe'],
    ['Readiness', 'readinessProbe'],
    ['Startup', 'startupProbe'],
  ] as const) {
    const text = probe(c[key]);
    if (text) rows.push([title, text]);
  }
  const mounts = (c['volumeMounts'] as Array<{ mountPath?: string; name?: string; readOnly?: boolean }> | undefined) ?? [];
  mounts.forEach((mt, i) => rows.push([i === 0 ? 'Mounts' : '', `${mt.mountPath} from ${mt.name} (${mt.readOnly ? 'ro' : 'rw'})`]));
  if (!mounts.length) rows.push(['Mounts', '<none>']);
  return [{ text: `${init ? 'Init: ' : ''}${c.name ?? ''}:`, tone: 'heading' }, ...pairs(rows, '  ')];
}

/** The event rows, oldest first as kubectl sorts them (by when last seen). */
export function eventRows(
  events: KubeEvent[],
  now: Date,
): Array<{ type: string; reason: string; age: string; from: string; message: string }> {
  return [...events]
    .sort((a, b) => (lastSeen(a) ?? 0) - (lastSeen(b) ?? 0))
    .map((e) => ({
      type: e.type ?? '',
      reason: e.reason ?? '',
      age: eventAge(e, now),
      from: eventSource(e),
      message: (e.message ?? '').trim(),
    }));
}

/** The containers section: init containers first, each with its status. */
function containerLines(pod: Pod): DetailLine[] {
  const statusOf = (name: string | undefined, init: boolean) =>
    (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find((s) => s.name === name);
  const specs = (list: Container[] | undefined) => list ?? [];
  return [
    ...specs(pod.spec?.initContainers).flatMap((c) => container(c, statusOf(c.name, true), true)),
    ...specs(pod.spec?.containers).flatMap((c) => container(c, statusOf(c.name, false), false)),
  ];
}

function conditionLines(pod: Pod): DetailLine[] {
  const conds = pod.status?.conditions ?? [];
  const cw = Math.max(4, ...conds.map((c) => (c.type ?? '').length)) + 2;
  return [
    { text: `${'Type'.padEnd(cw)}Status`, tone: 'heading' },
    ...conds.map((c) => ({
      text: `${(c.type ?? '').padEnd(cw)}${c.status ?? ''}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`,
    })),
  ];
}

/** The events section. `events` undefined: not read (yet, or not allowed: `eventsNote`). */
export function eventLines(events: KubeEvent[] | undefined, now: Date, eventsNote?: string): DetailLine[] {
  if (!events) return [{ text: eventsNote ?? 'Events are loading…' }];
  const rows = eventRows(events, now);
  if (rows.length === 0) return [{ text: '<none>' }];
  // Each column's width, measured once over all rows.
  const width = { type: 4, reason: 6, age: 3, from: 4 };
  for (const r of rows) for (const k of ['type', 'reason', 'age', 'from'] as const) if (r[k].length > width[k]) width[k] = r[k].length;
  const head = (t: string, r: string, a: string, f: string, m: string) =>
    `${t.padEnd(width.type + 2)}${r.padEnd(width.reason + 2)}${a.padEnd(width.age + 2)}${f.padEnd(width.from + 2)}${m}`;
  return [
    { text: head('Type', 'Reason', 'Age', 'From', 'Message'), tone: 'heading' },
    ...rows.map((r): DetailLine => ({
      text: head(r.type, r.reason, r.age, r.from, r.message),
      ...(r.type === 'Warning' ? { tone: 'warning' as const } : {}),
    })),
  ];
}

/** The lines of one section; only the events section depends on the clock. */
export function podSectionLines(
  pod: Pod,
  id: DetailSection['id'],
  events: KubeEvent[] | undefined,
  now: Date,
  eventsNote?: string,
): DetailLine[] {
  switch (id) {
    case 'overview':
      return overview(pod);
    case 'containers':
      return containerLines(pod);
    case 'conditions':
      return conditionLines(pod);
    case 'events':
      return eventLines(events, now, eventsNote);
  }
}

/** The detail's four sections. `events` undefined: not read (yet, or not allowed: `eventsNote`). */
export function podDetailSections(pod: Pod, events: KubeEvent[] | undefined, now: Date, eventsNote?: string): DetailSection[] {
  return [
    { id: 'overview', title: 'Overview', lines: overview(pod) },
    { id: 'containers', title: 'Containers', lines: containerLines(pod) },
    { id: 'conditions', title: 'Conditions', lines: conditionLines(pod) },
    { id: 'events', title: 'Events', lines: eventLines(events, now, eventsNote) },
  ];
}
