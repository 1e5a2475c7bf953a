/** Command-line options of the benchmark runner (`npm run bench -- --sizes 1000 --reps 3 --only list`). */

/** The measurement groups; each runs independently and reports "not available" on its own. */
export const GROUPS = ['list', 'paint', 'steady', 'change', 'keys', 'logs'] as const;
export type Group = (typeof GROUPS)[number];

export interface BenchOptions {
  sizes: number[];
  /** Repetitions of process-level measurements; undefined = per-size defaults (5; 3 at ≥ 10k; 1 at ≥ 50k, where one kubectl -A takes ~30-50 s). */
  reps?: number;
  only: Set<Group>;
  outDir?: string | undefined;
  kubectl?: string | undefined;
  /** Size at which the steady-state CPU and change-to-screen groups run. */
  steadyAt: number;
  /** Size at which keystroke-to-frame latency is measured. */
  keysAt: number;
  /** Seconds of each steady-state CPU window. */
  windowSec: number;
  /** Poll interval passed to the TUI, in seconds. */
  intervalSec: number;
  /** Churn (changes per second) of the busy steady-state runs. */
  churn: number;
  /** Size at which the log group runs. */
  logsAt: number;
  /** Lines per second the followed container writes in the log group. */
  logRate: number;
  /** Seconds of the log group's CPU and RSS window. */
  logSec: number;
  verbose: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --sizes 1000,10000,50000  pod counts (default 1000,10000,50000)
  --reps N                  repetitions per process measurement (default 5; 3 at >= 10k; 1 at >= 50k pods)
  --only list,paint,...     groups: ${GROUPS.join(', ')} (default all)
  --steady-at N             size for steady CPU and change-to-screen (default 10000)
  --keys-at N               size for keystroke-to-frame latency (default 50000)
  --window S                seconds per steady-state CPU window (default 10)
  --interval S              TUI poll interval in seconds (default 2)
  --churn R                 changes per second for the busy runs (default 10)
  --logs-at N               size for the log group (default 1000)
  --log-rate R              lines per second the followed container writes (default 5000)
  --log-sec S               seconds of the log group's CPU and RSS window (default 60)
  --out DIR                 where results go (default bench/results)
  --kubectl PATH            kubectl binary (default: the real v1.32 next to the gcloud dispatcher, else kubectl)
  --verbose                 log every run
`;

function num(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number, got ${v ?? 'nothing'}`);
  return n;
}

/** Parses argv; throws an Error with a message on bad input. */
export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    sizes: [1000, 10000, 50000],
    only: new Set(GROUPS),
    steadyAt: 10000,
    keysAt: 50000,
    windowSec: 10,
    intervalSec: 2,
    churn: 10,
    logsAt: 1000,
    logRate: 5000,
    logSec: 60,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--sizes':
        o.sizes = (next() ?? '')
          .split(',')
          .filter(Boolean)
          .map((s) => num('--sizes', s));
        if (o.sizes.length === 0) throw new Error('--sizes needs at least one size');
        break;
      case '--reps':
        o.reps = Math.max(1, Math.round(num('--reps', next())));
        break;
      case '--only': {
        const names = (next() ?? '').split(',').filter(Boolean);
        for (const n of names)
          if (!(GROUPS as readonly string[]).includes(n)) throw new Error(`unknown group "${n}" (groups: ${GROUPS.join(', ')})`);
        o.only = new Set(names as Group[]);
        break;
      }
      case '--steady-at':
        o.steadyAt = num(a, next());
        break;
      case '--keys-at':
        o.keysAt = num(a, next());
        break;
      case '--window':
        o.windowSec = num(a, next());
        break;
      case '--interval':
        o.intervalSec = num(a, next());
        break;
      case '--churn':
        o.churn = num(a, next());
        break;
      case '--logs-at':
        o.logsAt = num(a, next());
        break;
      case '--log-rate':
        o.logRate = num(a, next());
        break;
      case '--log-sec':
        o.logSec = num(a, next());
        break;
      case '--out':
        o.outDir = next();
        break;
      case '--kubectl':
        o.kubectl = next();
        break;
      case '--verbose':
        o.verbose = true;
        break;
      default:
        throw new Error(`unknown option ${a ?? ''}`);
    }
  }
  return o;
}

/**
 * Seconds after which a group starts no new round (at least one round always runs), so the whole
 * run stays under ten minutes on a loaded 2-core machine; none when --reps was given.
 */
export function roundBudgetSec(o: BenchOptions, group: 'list' | 'paint', pods: number): number {
  if (o.reps !== undefined) return Infinity;
  if (group === 'list') return pods >= 50000 ? 0 : pods >= 10000 ? 100 : 45;
  return pods >= 50000 ? 0 : pods >= 10000 ? 45 : 30;
}

/** Default repetitions for a size. */
export function repsFor(o: BenchOptions, pods: number): number {
  return o.reps ?? (pods >= 50000 ? 1 : pods >= 10000 ? 3 : 5);
}
