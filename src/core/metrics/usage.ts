/**
 * Usage cells for one pod or container: CPU and memory as kubectl top prints them, and the
 * share of the requests and limits (`n/a` without one), with the raw figures for sorting and
 * the "over 90% of a limit" flags for highlighting.
 */
import type { Pod } from '../pods/pod-types.js';
import { formatCpu, formatMemory, formatShare, isHot, shareOf } from './format.js';
import { specResources, type PodSpecResources, type Resources } from './pod-resources.js';
import { podTotal, type PodUsage } from './pod-metrics.js';
import { toNumber, type Quantity } from './quantity.js';

/** What a table row or a detail line shows. */
export interface UsageCells {
  cpu: string;
  memory: string;
  cpuOfRequest: string;
  cpuOfLimit: string;
  memoryOfRequest: string;
  memoryOfLimit: string;
  /** Millicores and bytes, for sorting. */
  cpuMillis: number;
  memoryBytes: number;
  /** Over 90% of the limit. */
  cpuHot: boolean;
  memoryHot: boolean;
}

/** The share cell when the pod's spec is not known (yet): not the same as `n/a` (no request or limit). */
const UNKNOWN_SHARE = '?';

/** The cells for a usage against requests and limits (`res` undefined: the spec is unknown). */
function usageCells(usage: { cpu: Quantity; memory: Quantity }, res: Resources | undefined): UsageCells {
  const cpuLimit = shareOf(usage.cpu, res?.limits.cpu);
  const memLimit = shareOf(usage.memory, res?.limits.memory);
  const share = (x: number | undefined): string => (res ? formatShare(x) : UNKNOWN_SHARE);
  return {
    cpu: formatCpu(usage.cpu),
    memory: formatMemory(usage.memory),
    cpuOfRequest: share(shareOf(usage.cpu, res?.requests.cpu)),
    cpuOfLimit: share(cpuLimit),
    memoryOfRequest: share(shareOf(usage.memory, res?.requests.memory)),
    memoryOfLimit: share(memLimit),
    cpuMillis: toNumber(usage.cpu) * 1000,
    memoryBytes: toNumber(usage.memory),
    cpuHot: isHot(cpuLimit),
    memoryHot: isHot(memLimit),
  };
}

/** A pod's cells; without its spec (undefined) the shares are `?`. */
export function podUsageCells(usage: PodUsage, spec: PodSpecResources | Pod | undefined): UsageCells {
  return usageCells(podTotal(usage), spec === undefined ? undefined : resourcesOf(spec).pod);
}

/** Per-container cells, in the order metrics-server reported the containers. */
export function containerUsageCells(usage: PodUsage, spec: PodSpecResources | Pod | undefined): Array<UsageCells & { name: string }> {
  const containers = spec === undefined ? undefined : resourcesOf(spec).containers;
  return usage.containers.map((c) => ({ name: c.name, ...usageCells(c, containers ? (containers.get(c.name) ?? NONE) : undefined) }));
}

const NONE: Resources = { requests: {}, limits: {} };

function resourcesOf(spec: PodSpecResources | Pod): PodSpecResources {
  return 'containers' in spec && spec.containers instanceof Map ? (spec as PodSpecResources) : specResources(spec as Pod);
}
