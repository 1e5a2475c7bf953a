/**
 * The decoding edge for Pod objects: whatever a server sent, the result is a Pod whose fields
 * have the types pod-types.ts declares. Nulls inside lists are dropped, values of the wrong type
 * are left out (as if absent), so podCells and the row code never meet a null or a number where
 * they read a string (`null` in containerStatuses once crashed `kpods list`).
 */
import type { Container, ContainerState, ContainerStatus, ObjectMeta, Pod, PodCondition, PodSpec, PodStatus } from './pod-types.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Copies the listed keys of `from` whose values pass `ok`. */
function pick<T>(from: Obj | undefined, keys: readonly string[], ok: (v: unknown) => boolean): Partial<T> {
  const out: Obj = {};
  if (from) for (const k of keys) if (ok(from[k])) out[k] = from[k];
  return out as Partial<T>;
}

const isStr = (v: unknown): boolean => typeof v === 'string';
const isTime = (v: unknown): boolean => typeof v === 'string' || v === null;
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

function list<T>(v: unknown, item: (o: Obj) => T): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const x of v) {
    const o = obj(x);
    if (o) out.push(item(o));
  }
  return out;
}

function strings(v: unknown): Record<string, string> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') out[k] = x;
  return out;
}

function state(v: unknown): ContainerState | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const s: ContainerState = {};
  const w = obj(o['waiting']);
  if (w) s.waiting = pick(w, ['reason', 'message'], isStr);
  const r = obj(o['running']);
  if (r) s.running = pick(r, ['startedAt'], isTime);
  const t = obj(o['terminated']);
  if (t)
    s.terminated = {
      ...pick(t, ['exitCode', 'signal'], isNum),
      ...pick(t, ['reason', 'message', 'containerID'], isStr),
      ...pick(t, ['startedAt', 'finishedAt'], isTime),
    };
  return s;
}

function containerStatus(o: Obj): ContainerStatus {
  const out: ContainerStatus = {
    ...pick<ContainerStatus>(o, ['name', 'image', 'imageID', 'containerID'], isStr),
    ...pick<ContainerStatus>(o, ['ready', 'started'], isBool),
    ...pick<ContainerStatus>(o, ['restartCount'], isNum),
  };
  const st = state(o['state']);
  if (st) out.state = st;
  const last = state(o['lastState']);
  if (last) out.lastState = last;
  return out;
}

function meta(o: Obj | undefined): ObjectMeta | undefined {
  if (!o) return undefined;
  const m: ObjectMeta = {
    ...pick<ObjectMeta>(o, ['name', 'generateName', 'namespace', 'uid', 'resourceVersion'], isStr),
    ...pick<ObjectMeta>(o, ['creationTimestamp', 'deletionTimestamp'], isTime),
    ...pick<ObjectMeta>(o, ['deletionGracePeriodSeconds'], isNum),
  };
  const labels = strings(o['labels']);
  if (labels) m.labels = labels;
  const annotations = strings(o['annotations']);
  if (annotations) m.annotations = annotations;
  return m;
}

function spec(o: Obj | undefined): PodSpec | undefined {
  if (!o) return undefined;
  const container = (c: Obj): Container => pick<Container>(c, ['name', 'image', 'restartPolicy'], isStr) as Container;
  const s: PodSpec = { ...pick<PodSpec>(o, ['nodeName', 'restartPolicy', 'schedulerName', 'serviceAccountName'], isStr) };
  const containers = list(o['containers'], container);
  if (containers) s.containers = containers;
  const init = list(o['initContainers'], container);
  if (init) s.initContainers = init;
  const gates = list(o['readinessGates'], (g) => pick<{ conditionType?: string }>(g, ['conditionType'], isStr));
  if (gates) s.readinessGates = gates;
  return s;
}

function status(o: Obj | undefined): PodStatus | undefined {
  if (!o) return undefined;
  const s: PodStatus = { ...pick<PodStatus>(o, ['phase', 'reason', 'message', 'hostIP', 'podIP', 'nominatedNodeName', 'qosClass'], isStr) };
  const conditions = list(o['conditions'], (c) => pick<PodCondition>(c, ['type', 'status', 'reason', 'message'], isStr) as PodCondition);
  if (conditions) s.conditions = conditions;
  const ips = list(o['podIPs'], (c) => pick<{ ip?: string }>(c, ['ip'], isStr));
  if (ips) s.podIPs = ips;
  const init = list(o['initContainerStatuses'], containerStatus);
  if (init) s.initContainerStatuses = init;
  const main = list(o['containerStatuses'], containerStatus);
  if (main) s.containerStatuses = main;
  return s;
}

/** A Pod with every field kpods reads of the declared type (others dropped); never throws. */
export function decodePod(v: unknown): Pod {
  const o = obj(v);
  if (!o) return {};
  const pod: Pod = { ...pick<Pod>(o, ['kind', 'apiVersion'], isStr) };
  const m = meta(obj(o['metadata']));
  if (m) pod.metadata = m;
  const sp = spec(obj(o['spec']));
  if (sp) pod.spec = sp;
  const st = status(obj(o['status']));
  if (st) pod.status = st;
  return pod;
}
