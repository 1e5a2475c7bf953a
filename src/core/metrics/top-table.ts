/**
 * `kubectl top pods` output: kubectl's tabwriter with a tab after every cell (so the last
 * column is padded too), pods sorted by namespace (with -A) then name, containers by name,
 * CPU and memory summed exactly per pod.
 */
import { tabwrite } from '../client/print-table.js';
import { neutralize } from '../terminal-text.js';
import { formatCpu, formatMemory } from './format.js';
import { podTotal, type PodUsage } from './pod-metrics.js';

interface TopTableOptions {
  allNamespaces: boolean;
  containers: boolean;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The table as kubectl top pods prints it (empty string for no pods). */
export function formatTopPods(items: PodUsage[], opts: TopTableOptions): string {
  if (items.length === 0) return '';
  const header = ['NAME', 'CPU(cores)', 'MEMORY(bytes)', ''];
  if (opts.containers) header.unshift('POD');
  if (opts.allNamespaces) header.unshift('NAMESPACE');
  const lines: string[][] = [header];
  const sorted = [...items].sort(
    (a, b) => (opts.allNamespaces && a.namespace !== b.namespace ? byText(a.namespace, b.namespace) : 0) || byText(a.name, b.name),
  );
  for (const p of sorted) {
    const lead = opts.allNamespaces ? [neutralize(p.namespace)] : [];
    if (opts.containers) {
      for (const c of [...p.containers].sort((a, b) => byText(a.name, b.name)))
        lines.push([...lead, neutralize(p.name), neutralize(c.name), formatCpu(c.cpu), formatMemory(c.memory), '']);
    } else {
      const total = podTotal(p);
      lines.push([...lead, neutralize(p.name), formatCpu(total.cpu), formatMemory(total.memory), '']);
    }
  }
  return tabwrite(lines);
}
