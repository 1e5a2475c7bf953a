/**
 * PodMetrics (metrics.k8s.io/v1beta1) as typed values: every field optional in the JSON,
 * quantities parsed exactly, pod totals summed exactly as kubectl top sums them.
 */
import { addQuantity, parseQuantity, ZERO, type Quantity } from './quantity.js';

/** One container's usage; a missing or malformed quantity counts as zero. */
export interface ContainerUsage {
  name: string;
  cpu: Quantity;
  memory: Quantity;
}

/** One pod's usage as metrics-server reported it. */
export interface PodUsage {
  namespace: string;
  name: string;
  /** When metrics-server scraped it (RFC 3339), if given. */
  timestamp?: string;
  /** The averaging window, e.g. "15s", if given. */
  window?: string;
  containers: ContainerUsage[];
  /** The raw texts the usage was read from (timestamp, window, containers): an equal sample is an equal usage. */
  sample?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The raw texts of a PodMetrics object's scrape: timestamp, window, each container's name and usage. */
function sampleOf(o: Record<string, unknown>, containers: unknown[]): string {
  let text = `${str(o['timestamp']) ?? ''}\u0000${str(o['window']) ?? ''}`;
  for (const c of containers) {
    const cc = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
    const usage = (cc['usage'] ?? {}) as Record<string, unknown>;
    text += `\u0000${str(cc['name']) ?? ''}\u0000${str(usage['cpu']) ?? '?'}\u0000${str(usage['memory']) ?? '?'}`;
  }
  return text;
}

/**
 * One PodMetrics object, or undefined when it names no pod. With `previous` (usages by
 * `namespace/name`), a pod whose sample is the same as before is that same object, not parsed
 * again: metrics-server serves one scrape per resolution (15 s), and polls in between repeat it.
 */
export function parsePodMetrics(raw: unknown, fallbackNamespace = '', previous?: ReadonlyMap<string, PodUsage>): PodUsage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const meta = (o['metadata'] ?? {}) as Record<string, unknown>;
  const name = str(meta['name']);
  if (!name) return undefined;
  const namespace = str(meta['namespace']) ?? fallbackNamespace;
  const list = Array.isArray(o['containers']) ? (o['containers'] as unknown[]) : [];
  const sample = previous ? sampleOf(o, list) : undefined;
  const before = previous?.get(`${namespace}/${name}`);
  if (before !== undefined && before.sample === sample) return before;
  const containers: ContainerUsage[] = [];
  for (const c of list) {
    if (!c || typeof c !== 'object') continue;
    const cc = c as Record<string, unknown>;
    const usage = (cc['usage'] ?? {}) as Record<string, unknown>;
    containers.push({
      name: str(cc['name']) ?? '',
      cpu: parseQuantity(usage['cpu']) ?? ZERO,
      memory: parseQuantity(usage['memory']) ?? ZERO,
    });
  }
  const timestamp = str(o['timestamp']);
  const window = str(o['window']);
  return {
    namespace,
    name,
    ...(timestamp ? { timestamp } : {}),
    ...(window ? { window } : {}),
    containers,
    ...(sample !== undefined ? { sample } : {}),
  };
}

/** The items of a PodMetricsList (`previous`: see parsePodMetrics). */
export function parsePodMetricsList(
  raw: Record<string, unknown>,
  fallbackNamespace = '',
  previous?: ReadonlyMap<string, PodUsage>,
): PodUsage[] {
  const items = Array.isArray(raw['items']) ? (raw['items'] as unknown[]) : [];
  const out: PodUsage[] = [];
  for (const it of items) {
    const p = parsePodMetrics(it, fallbackNamespace, previous);
    if (p) out.push(p);
  }
  return out;
}

/** The pod's total usage (exact sum of its containers). */
export function podTotal(p: PodUsage): { cpu: Quantity; memory: Quantity } {
  let cpu = ZERO;
  let memory = ZERO;
  for (const c of p.containers) {
    cpu = addQuantity(cpu, c.cpu);
    memory = addQuantity(memory, c.memory);
  }
  return { cpu, memory };
}
