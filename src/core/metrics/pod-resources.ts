/**
 * Requests and limits from a pod spec, per container and for the pod. A container that runs
 * alongside the others counts: app containers and restartable (sidecar) init containers.
 * Pod request = the sum of the containers' requests (undefined when none has one);
 * pod limit = the sum when every container has one (one unlimited container makes the pod unlimited).
 */
import type { Pod } from '../pods/pod-types.js';
import { addQuantity, parseQuantity, type Quantity } from './quantity.js';

export type Resource = 'cpu' | 'memory';

/** Requests and limits of one container or one pod. */
export interface Resources {
  requests: Partial<Record<Resource, Quantity>>;
  limits: Partial<Record<Resource, Quantity>>;
}

const RESOURCES: Resource[] = ['cpu', 'memory'];

function read(v: unknown): Partial<Record<Resource, Quantity>> {
  const out: Partial<Record<Resource, Quantity>> = {};
  if (!v || typeof v !== 'object') return out;
  for (const r of RESOURCES) {
    const q = parseQuantity((v as Record<string, unknown>)[r]);
    if (q) out[r] = q;
  }
  return out;
}

/** The containers that run side by side, with their requests and limits, by name. */
function containerResources(pod: Pod | undefined): Map<string, Resources> {
  const out = new Map<string, Resources>();
  const spec = pod?.spec;
  const running = [
    ...(Array.isArray(spec?.initContainers) ? spec.initContainers.filter((c) => c?.restartPolicy === 'Always') : []),
    ...(Array.isArray(spec?.containers) ? spec.containers : []),
  ];
  for (const c of running) {
    if (!c || typeof c.name !== 'string') continue;
    const res = (c['resources'] ?? {}) as Record<string, unknown>;
    out.set(c.name, { requests: read(res['requests']), limits: read(res['limits']) });
  }
  return out;
}

/** A pod's requests and limits, and each running container's. */
export interface PodSpecResources {
  pod: Resources;
  containers: Map<string, Resources>;
}

/** Reads both from a pod spec. */
export function specResources(pod: Pod | undefined): PodSpecResources {
  const containers = containerResources(pod);
  return { pod: sumResources([...containers.values()]), containers };
}

/** The pod's requests and limits (see the file comment for the rules). */
export function podResources(pod: Pod | undefined): Resources {
  return sumResources([...containerResources(pod).values()]);
}

function sumResources(containers: Resources[]): Resources {
  const out: Resources = { requests: {}, limits: {} };
  for (const r of RESOURCES) {
    for (const c of containers) {
      const q = c.requests[r];
      if (q) out.requests[r] = out.requests[r] ? addQuantity(out.requests[r], q) : q;
    }
    if (containers.length > 0 && containers.every((c) => c.limits[r])) {
      out.limits[r] = containers.map((c) => c.limits[r]!).reduce(addQuantity);
    }
  }
  return out;
}
