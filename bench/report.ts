/** Renders a results file as the markdown table the README links (bench/results/RESULTS.md). */
import type { BenchResults, SizeResult } from './report-types.js';
import type { Summary } from './stats.js';

/** Text safe inside a markdown table cell. */
const cell = (x: unknown): string => String(x).replace(/\|/g, '/').replace(/\s+/g, ' ');

const k = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));

function s(x: unknown, unit = ''): string {
  const v = x as Summary | undefined;
  if (!v || typeof v !== 'object' || !Number.isFinite(v.median)) return '—';
  const r = (n: number): string => (Math.abs(n) >= 100 ? Math.round(n).toString() : n.toFixed(1).replace(/\.0$/, ''));
  return v.n > 2 ? `${r(v.median)}${unit} (${r(v.p10)}–${r(v.p90)})` : `${r(v.median)}${unit}`;
}

function n(x: unknown, unit = ''): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${x.toLocaleString('en-US')}${unit}` : '—';
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/** "3 round(s)", noting when the time budget stopped the rounds early. */
function rounds(d: Record<string, unknown>): string {
  const done = n(d['reps']);
  const max = d['maxReps'];
  return typeof max === 'number' && max !== d['reps']
    ? `${done} round(s) (of ${max}; the time budget stopped further rounds)`
    : `${done} round(s)`;
}

function groupSection(
  title: string,
  sizes: SizeResult[],
  name: string,
  body: (data: Record<string, unknown>, size: SizeResult) => string[],
): string[] {
  const out: string[] = [];
  for (const size of sizes) {
    const g = size.groups[name];
    if (!g) continue;
    out.push(`### ${title}: ${k(size.pods)} pods`, '');
    if (g.status !== 'ok') out.push(`*${g.status}*: ${cell(g.reason)}`, '');
    else out.push(...body(g.data, size), ...(g.notes ?? []).map((x) => `- note: ${x}`), '');
  }
  return out;
}

/** The markdown document. */
/** Bytes of one pod per format, measured on the simulator's pods (shared/reference/performance.md, table c). */
const POD_BYTES = { tableMetadata: 3720, podList: 7965 };

/**
 * Per-minute API cost, from the steady runs (measured at this size; 50k scaled from them: a poll's
 * bytes and server CPU grow with the pods, a watch's with the changes) next to `kubectl get pods
 * -A -w` and an informer-like watch of full pods (`-o name`; a k9s-style informer repaints every
 * 2 s from its cache), measured on the same busy cluster through the same proxy when the run has
 * them, else estimated from the bytes per pod of their formats.
 */
function costLines(d: Record<string, unknown>): string[] {
  const modes = (d['modes'] ?? {}) as Record<string, Record<string, unknown>>;
  const churnMode = Object.keys(modes).find((k) => k.startsWith('watch, ') && !k.startsWith('watch, 0 '));
  const churn = Number(/(\d+) changes/.exec(churnMode ?? '')?.[1] ?? 0);
  const kb = (b: number): string => `${(b / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;
  const row = (name: string, scale: number, watch: boolean): string => {
    const v = modes[name];
    const who = v?.['peer'] ? name : `kpods ${name}`;
    if (!v || v['status'] !== 'ok') return `| ${who} | — | — | — | — |`;
    const f = watch ? 1 : scale;
    return `| ${who}${f !== 1 ? ' (scaled)' : ''} | ${n(v['serverRequestsPerMinute'])} | ${kb(Number(v['bytesPerSecond']) * 60 * f)} | ${n(Math.round(Number(v['serverCpuMsPerMinute']) * f))} ms | ${n(Math.round(Number(v['cpuMsPerMinute']) * f))} ms |`;
  };
  const measuredPeers = Object.keys(modes).some((m) => modes[m]?.['peer']);
  const lines: string[] = [];
  for (const [label, scale] of [
    ['10k pods (measured)', 1],
    [
      "50k pods (polling scaled ×5 from 10k; watching unchanged: it costs per change, except kpods' metrics reads every 10 s, which grow with the pods)",
      5,
    ],
  ] as const) {
    lines.push(
      `**${label}**`,
      '',
      '| client | requests / min | bytes / min (as sent) | simulator CPU / min | client CPU / min |',
      '|---|---|---|---|---|',
      ...Object.keys(modes).map((m) => row(m, scale, m.startsWith('watch') || modes[m]?.['peer'] === true)),
      ...(measuredPeers
        ? []
        : [
            `| kubectl get pods -A -w, ${churn} changes/s (estimate) | ~0 (one LIST at start, then one watch) | ${kb(churn * 60 * POD_BYTES.tableMetadata)} (Table rows with metadata) | — | — |`,
            `| k9s-style informer, ${churn} changes/s (estimate) | ~0 (one LIST at start, then one watch; 2 s repaint from its cache) | ${kb(churn * 60 * POD_BYTES.podList)} (full pods) | — | — |`,
          ]),
      '',
    );
  }
  lines.push(
    'Requests and bytes of kpods include its metrics reads (PodMetrics of every pod in view every 10 s; pod specs for the shares at most every 30 s); the watching peers read no metrics. The simulator CPU includes its churn and metrics ticks. Start-up lists are not in these windows.',
    '',
  );
  return lines;
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [
    '# kpods benchmark results',
    '',
    `Generated by \`${r.command}\` on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC in ${Math.round(r.durationSec)} s (git ${m.gitCommit}).`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; kubectl ${m.kubectl} (\`${m.kubectlPath}\`); ${m.tmux}; peak RSS by ${m.timeTool}; load average at start ${m.loadAverageAtStart.join(' ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' ')}` : ''}.`,
    '',
    '## Method',
    '',
    ...r.method.map((x) => `- ${x}`),
    '',
    '## Targets',
    '',
    '| target | goal | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.target} | ${t.goal} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`),
    '',
    '## Details',
    '',
    'Cells are medians with p10–p90 in parentheses when there were at least 3 runs.',
    '',
  ];
  lines.push(
    ...groupSection('List', r.sizes, 'list', (d) => {
      const cmds = (d['commands'] ?? {}) as Record<string, Record<string, unknown>>;
      const rows = Object.entries(cmds).map(([id, c]) =>
        c['status'] === 'ok'
          ? `| \`${id}\` | ${s(c['wallMs'], ' ms')} | ${s(c['firstByteMs'], ' ms')} | ${s(c['cpuMs'], ' ms')} | ${s(c['maxRssMiB'], ' MiB')} |`
          : `| \`${id}\` | ${cell(c['reason'] ?? c['status'])} | | | |`,
      );
      const ratios = Object.entries((d['ratios'] ?? {}) as Record<string, number>).map(([name, v]) => `${name} **${n(v, '×')}**`);
      return [
        `Namespace for \`-n\`: \`${String(d['namespace'])}\` (${n(d['namespacePods'])} pods)${d['smallNamespace'] ? `; for \`-n small\`: \`${String(d['smallNamespace'])}\` (${n(d['smallNamespacePods'])} pods)` : ''}; ${rounds(d)}${typeof d['smallReps'] === 'number' && d['smallReps'] !== d['reps'] ? ` (${n(d['smallReps'])} for the \`-n small\` pair)` : ''}, commands alternating; kubectl cache: ${String(d['kubectlCache'])}.`,
        '',
        '| command | wall | first byte | CPU | peak RSS |',
        '|---|---|---|---|---|',
        ...rows,
        '',
        `Ratios: ${ratios.join('; ')}.`,
      ];
    }),
    ...groupSection('TUI first paint', r.sizes, 'paint', (d) => [
      '| first frame (any text) | first painted rows | no more loading progress | floor (first byte) | first frame / floor (paired) | rows / floor (paired) | RSS at first paint |',
      '|---|---|---|---|---|---|---|',
      `| ${s(d['firstFrameMs'], ' ms')} | ${s(d['firstPaintMs'], ' ms')} | ${s(d['fullyLoadedMs'], ' ms')} | ${s(d['floorFirstByteMs'], ' ms')} | ${n(get(d, 'ratios', 'first frame / floor'), '×')} (${n(get(d, 'ratios', 'first frame / floor (paired)'), '×')}) | ${n(get(d, 'ratios', 'first paint / floor'), '×')} (${n(get(d, 'ratios', 'first paint / floor (paired)'), '×')}) | ${s(d['rssAtPaintMiB'], ' MiB')} |`,
      '',
      `Scope ${String(d['scope'])}; ${String(d['terminal'])}; ${rounds(d)}, alternating with the floor.`,
    ]),
    ...groupSection('TUI steady state', r.sizes, 'steady', (d) => {
      const modes = (d['modes'] ?? {}) as Record<string, Record<string, unknown>>;
      return [
        `Interval ${n(d['intervalSec'])} s; window ${n(d['windowSec'])} s per mode, after one interval of settling and a first window of the same length (its CPU in the last column: it still holds start-up work, the usage columns' first reads and the refresh path before V8 optimises it). Per refresh = per refresh the server saw start in the window (lists started for one scope), else per nominal refresh (window ÷ interval). Bytes in = TLS bytes from the server (compressed as sent), counted by a TCP proxy.`,
        '',
        'Server CPU = the simulator process (it also runs the churn and the metrics-server ticks, so read it as an upper bound of what serving kpods costs).',
        '',
        '| mode | CPU (% of a core) | CPU ms / min | CPU ms / refresh | bytes in / refresh | refreshes seen (nominal) | bytes in / s | API requests / min | server CPU ms / min | RSS | peak RSS | CPU, first window |',
        '|---|---|---|---|---|---|---|---|---|---|---|---|',
        ...Object.entries(modes).map(([name, v]) =>
          v['status'] === 'ok'
            ? `| ${name} | ${n(v['cpuPercentOfCore'], '%')} | ${n(v['cpuMsPerMinute'])} | ${n(v['cpuMsPerObservedRefresh'] ?? v['cpuMsPerRefresh'])} | ${n(v['bytesPerObservedRefresh'] ?? v['bytesPerRefresh'])} | ${v['watch'] ? '—' : `${n(v['refreshesObserved'])} (${n(Math.round((Number(v['windowSec']) / Number(d['intervalSec'])) * 10) / 10)})`} | ${n(v['bytesPerSecond'])} | ${n(v['serverRequestsPerMinute'])}${v['serverRequestsPerObservedRefresh'] !== undefined ? ` (${n(v['serverRequestsPerObservedRefresh'])} / refresh)` : ''} | ${n(v['serverCpuMsPerMinute'])} | ${n(v['rssMiB'], ' MiB')} | ${n(v['peakRssMiB'], ' MiB')} | ${n(v['firstWindowCpuPercentOfCore'], '%')} |`
            : `| ${name} | ${cell(v['reason'] ?? v['status'])} | | | | | | | | | | |`,
        ),
      ];
    }),
    ...groupSection('What kpods costs the API server per minute', r.sizes, 'steady', (d) => costLines(d)),
    ...groupSection('Change to screen', r.sizes, 'change', (d) => [
      '| mode | latency | samples |',
      '|---|---|---|',
      `| poll every ${n(d['intervalSec'])} s | ${s(d['pollMs'], ' ms')} | ${n(get(d, 'pollMs', 'n'))} |`,
      `| --watch | ${s(d['watchMs'], ' ms')} | ${n(get(d, 'watchMs', 'n'))}${d['watchReason'] ? ` (${cell(d['watchReason'])})` : ''} |`,
    ]),
    ...groupSection('Keystroke to frame', r.sizes, 'keys', (d) => [
      '| action | latency | samples |',
      '|---|---|---|',
      `| typing a filter (\`${String(d['query'])}\`, one character at a time) | ${s(d['filterMs'], ' ms')} | ${n(get(d, 'filterMs', 'n'))} |`,
      `| scrolling (PageDown, PageUp, G, g) | ${s(d['scrollMs'], ' ms')} | ${n(get(d, 'scrollMs', 'n'))} |`,
      `| of which G and g | ${s(d['edgeMs'], ' ms')} | ${n(get(d, 'edgeMs', 'n'))} |`,
      `| sorting (S, A, N, R, N) | ${s(d['sortMs'], ' ms')} | ${n(get(d, 'sortMs', 'n'))} |`,
      `| opening the filter (\`/\`) | ${n(d['openFilterMs'], ' ms')} | 1 |`,
      '',
      String(d['method'] ?? ''),
    ]),
    ...groupSection('Logs', r.sizes, 'logs', (d) => [
      `Following \`${String(d['pod'])}\` writing ${n(d['linesPerSecond'])} lines/s for ${n(d['windowSec'])} s.`,
      '',
      '| CPU (% of a core) | CPU ms / min | RSS (every 5 s) | peak RSS | keystroke to frame | line written to screen |',
      '|---|---|---|---|---|---|',
      `| ${n(d['cpuPercentOfCore'], '%')} | ${n(d['cpuMsPerMinute'])} | ${((d['rssMiBSamples'] as number[] | undefined) ?? []).join(', ')} MiB | ${n(d['peakRssMiB'], ' MiB')} | ${s(d['keyMs'], ' ms')} | ${s(d['lineToScreenMs'], ' ms')} |`,
      '',
      String(d['method'] ?? ''),
    ]),
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
