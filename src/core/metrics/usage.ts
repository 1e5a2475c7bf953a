/**
 * Usage cells for one pod or container: CPU and memory as kubectl top prints them, and the
 * share of the requests and limits (`n/a` without one), with the raw figures for sorting and
 * the "over 90% of a limit" flags for highlighting.
 */
import type { Pod } from '../pods/pod-types.js';
import { formatCpu, formatMemory, formatShare, isHot, shareOf } from './format.js';
import { containerResources, podResources, type Resources } from './pod-resources.js';
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

/** The cells for a usage against requests and limits. */
export function usageCells(usage: { cpu: Quantity; memory: Quantity }, res: Resources | undefined): UsageCells {
  const cpuLimit = shareOf(usage.cpu, res?.limits.cpu);
  const memLimit = shareOf(usage.memory, res?.limits.memory);
  return {
    cpu: formatCpu(usage.cpu),
    memory: formatMemory(usage.memory),
    cpuOfRequest: formatShare(shareOf(usage.cpu, res?.requests.cpu)),
    cpuOfLimit: formatShare(cpuLimit),
    memoryOfRequest: formatShare(shareOf(usage.memory, res?.requests.memory)),
    memoryOfLimit: formatShare(memLimit),
    cpuMillis: toNumber(usage.cpu) * 1000,
    memoryBytes: toNumber(usage.memory),
    cpuHot: isHot(cpuLimit),
    memoryHot: isHot(memLimit),
  };
}

/** A pod's cells; without its spec the shares are `n/a`. */
export function podUsageCells(usage: PodUsage, pod: Pod | undefined): UsageCells {
  return usageCells(podTotal(usage), pod ? podResources(pod) : undefined);
}

/** Per-container cells, in the order metrics-server reported the containers. */
export function containerUsageCells(usage: PodUsage, pod: Pod | undefined): Array<UsageCells & { name: string }> {
  const resources = containerResources(pod);
  return usage.containers.map((c) => ({ name: c.name, ...usageCells(c, resources.get(c.name)) }));
}
