/** The targets, each judged from one run's results (ratios measured in that run). */
import type { SizeResult, TargetResult } from './report-types.js';

export type { TargetResult };

/** One target and what this run measured for it. */
function group(sizes: SizeResult[], pods: number, name: string): Record<string, unknown> | undefined {
  const g = sizes.find((s) => s.pods === pods)?.groups[name];
  return g && g.status === 'ok' ? g.data : undefined;
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

function judge(target: string, goal: string, values: (number | undefined)[], limit: number, fmt: (v: number[]) => string): TargetResult {
  const vs = values.filter((v): v is number => v !== undefined);
  if (vs.length === 0 || vs.length < values.length) return { target, goal, measured: 'not measured', met: null };
  return { target, goal, measured: fmt(vs), met: vs.every((v) => v <= limit) };
}

/** Evaluates every target. */
export function evaluateTargets(
  sizes: SizeResult[],
  steadyAt: number,
  keysAt: number,
  intervalSec: number,
  churn: number,
  logsAt = 1000,
): TargetResult[] {
  const logs = group(sizes, logsAt, 'logs');
  const list = group(sizes, 10000, 'list');
  const list1k = group(sizes, 1000, 'list');
  const paint = group(sizes, 10000, 'paint');
  const paint1k = group(sizes, 1000, 'paint');
  const steady = group(sizes, steadyAt, 'steady');
  const change = group(sizes, steadyAt, 'change');
  const keys = group(sizes, keysAt, 'keys');
  const x = (v: number[]): string => v.map((n) => `${n}×`).join(', ');
  const pct = (v: number[]): string => v.map((n) => `${n}%`).join(', ');
  const ms = (v: number[]): string => v.map((n) => `${n} ms`).join(', ');
  const sAt = steadyAt.toLocaleString('en-US');
  const cpu = (mode: string): number | undefined => num(get(steady, 'modes', mode, 'cpuPercentOfCore'));
  return [
    judge(
      '`kpods list -n NS` wall vs kubectl, ~100 pods (1k cluster)',
      '≤ 1.2×',
      [num(get(list1k, 'ratios', 'wall kpods/kubectl -n small'))],
      1.2,
      x,
    ),
    judge(
      '`kpods list -n NS` wall vs kubectl, ~500 pods (1k cluster)',
      '≤ 1.0×',
      [num(get(list1k, 'ratios', 'wall kpods/kubectl -n'))],
      1.0,
      x,
    ),
    judge('`kpods list -n NS` wall vs kubectl, 10k pods', '≤ 0.3×', [num(get(list, 'ratios', 'wall kpods/kubectl -n'))], 0.3, x),
    judge(
      '`kpods list -n NS` peak RSS vs kubectl, ~100 / ~500 / 10k pods',
      '≤ 1.0×',
      [
        num(get(list1k, 'ratios', 'peak RSS kpods/kubectl -n small')),
        num(get(list1k, 'ratios', 'peak RSS kpods/kubectl -n')),
        num(get(list, 'ratios', 'peak RSS kpods/kubectl -n')),
      ],
      1.0,
      x,
    ),
    judge(
      'TUI first frame (header, "connecting…") vs floor first byte, 1k / 10k pods',
      '≤ 1.0×',
      [num(get(paint1k, 'ratios', 'first frame / floor')), num(get(paint, 'ratios', 'first frame / floor'))],
      1.0,
      x,
    ),
    judge(
      'TUI first rows vs floor first byte, 1k / 10k pods',
      '≤ 1.3×',
      [num(get(paint1k, 'ratios', 'first paint / floor')), num(get(paint, 'ratios', 'first paint / floor'))],
      1.3,
      x,
    ),
    judge(`steady CPU polling every ${intervalSec} s, ${sAt} pods, no changes`, '≤ 3% of a core', [cpu('poll, 0 changes/s')], 3, pct),
    judge(
      `steady CPU polling every ${intervalSec} s, ${sAt} pods, ${churn} changes/s`,
      '≤ 5% of a core',
      [cpu(`poll, ${churn} changes/s`)],
      5,
      pct,
    ),
    judge(`steady CPU with --watch, ${sAt} pods, no changes`, '≤ 1% of a core', [cpu('watch, 0 changes/s')], 1, pct),
    judge(`steady CPU with --watch at ${churn} changes/s, ${sAt} pods`, '≤ 3% of a core', [cpu(`watch, ${churn} changes/s`)], 3, pct),
    judge(
      `keystroke-to-frame, filter typing and scrolling (p50, p90), ${keysAt.toLocaleString('en-US')} pods`,
      '≤ 50 ms',
      [
        num(get(keys, 'filterMs', 'median')),
        num(get(keys, 'filterMs', 'p90')),
        num(get(keys, 'scrollMs', 'median')),
        num(get(keys, 'scrollMs', 'p90')),
      ],
      50,
      ms,
    ),
    judge(
      `keystroke-to-frame p90, g/G and sorting, ${keysAt.toLocaleString('en-US')} pods`,
      '≤ 50 ms',
      [num(get(keys, 'edgeMs', 'p90')), num(get(keys, 'sortMs', 'p90'))],
      50,
      ms,
    ),
    judge(
      `change-to-screen polling (p50, p90), interval ${intervalSec} s`,
      `≤ ${intervalSec * 1000 + 100} ms`,
      [num(get(change, 'pollMs', 'median')), num(get(change, 'pollMs', 'p90'))],
      intervalSec * 1000 + 100,
      ms,
    ),
    judge('log view CPU following 5,000 lines/s', '< 100% of a core', [num(get(logs, 'cpuPercentOfCore'))], 99.9, pct),
    judge(
      'log view keystroke-to-frame while following (p50, p90)',
      '≤ 100 ms',
      [num(get(logs, 'keyMs', 'median')), num(get(logs, 'keyMs', 'p90'))],
      100,
      ms,
    ),
    judge('log view RSS growth over the second half of the window', '≤ 10 MiB (flat)', [num(get(logs, 'rssGrowthLastHalfMiB'))], 10, (v) =>
      v.map((x) => `${x} MiB`).join(', '),
    ),
    judge(
      'change-to-screen with --watch (p50, p90)',
      '≤ 200 ms',
      [num(get(change, 'watchMs', 'median')), num(get(change, 'watchMs', 'p90'))],
      200,
      ms,
    ),
  ];
}
