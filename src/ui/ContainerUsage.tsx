/**
 * Per-container usage against requests and limits, for the pod detail screen: one line per
 * container (CPU, its share of request and limit, memory, its shares), over 90% of a limit in
 * red; when the metrics API cannot say, one dim line why. Pure text in containerUsageLines().
 */
import { Box, Text } from 'ink';
import { containerUsageCells, type MetricsProbe, type UsageCells } from '../core/metrics/index.js';
import { neutralize } from '../core/terminal-text.js';
import { fit } from './columns.js';
import type { PodUsageView } from './metrics-feed.js';
import { fg } from './theme.js';

const HEAD = ['CONTAINER', 'CPU', '%CPU/R', '%CPU/L', 'MEM', '%MEM/R', '%MEM/L'] as const;

/** One line of the usage table: cells and which are over 90% of a limit. */
interface UsageLine {
  cells: string[];
  hot: boolean[];
}

/** The header and one line per container, padded to common widths; [] without usage. */
export function containerUsageLines(view: PodUsageView | undefined): UsageLine[] {
  if (!view) return [];
  const rows = containerUsageCells(view.usage, view.spec).map((c: UsageCells & { name: string }) => ({
    cells: [neutralize(c.name), c.cpu, c.cpuOfRequest, c.cpuOfLimit, c.memory, c.memoryOfRequest, c.memoryOfLimit],
    hot: [false, c.cpuHot, false, c.cpuHot, c.memoryHot, false, c.memoryHot],
  }));
  const all = [{ cells: [...HEAD], hot: HEAD.map(() => false) }, ...rows];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r.cells[i]!.length)));
  return all.map((r) => ({ cells: r.cells.map((c, i) => fit(c, widths[i]!)), hot: r.hot }));
}

/** The usage block as detail-screen lines: a heading, then the table (a container over 90% of a limit as a warning), or one line why. */
export function usageDetailLines(
  view: PodUsageView | undefined,
  probe: MetricsProbe | undefined,
): Array<{ text: string; tone?: 'warning' | 'heading' }> {
  if (!probe) return [];
  const head = { text: 'Usage (metrics.k8s.io)', tone: 'heading' as const };
  if (probe.state !== 'available') return [head, { text: probe.why }];
  const lines = containerUsageLines(view);
  if (lines.length === 0) return [head, { text: 'None reported for this pod (only running containers have usage).' }];
  return [
    head,
    ...lines.map((l) => ({ text: l.cells.join('  ').trimEnd(), ...(l.hot.some((h) => h) ? { tone: 'warning' as const } : {}) })),
  ];
}

interface ContainerUsageProps {
  /** The pod's latest usage (UiSession / MetricsFeed.latest), undefined when none. */
  view: PodUsageView | undefined;
  /** The metrics API's state; when not available its one line why is shown instead. */
  probe: MetricsProbe | undefined;
  color: boolean;
}

/** The detail screen's usage block. */
export function ContainerUsage({ view, probe, color }: ContainerUsageProps) {
  if (probe && probe.state !== 'available') return <Text dimColor>Usage: {probe.why}</Text>;
  const lines = containerUsageLines(view);
  if (lines.length === 0) return <Text dimColor>Usage: none reported for this pod (only running containers have usage).</Text>;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} bold={i === 0} wrap="truncate-end">
          {l.cells.map((c, j) => (
            <Text key={j} {...fg(color && l.hot[j] ? 'red' : undefined)}>
              {c}
              {j < l.cells.length - 1 ? '  ' : ''}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
