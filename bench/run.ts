/**
 * The benchmark runner (`npm run bench -- [options]`): starts the simulated cluster at each size,
 * runs the measurement groups against it, and writes bench/results/results.json and RESULTS.md.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseOptions, USAGE, type BenchOptions, type Group } from './options.js';
import { machineInfo } from './machine.js';
import { findTimeTool } from './proc.js';
import { startSim, Unavailable, type SimHost } from './sim-host.js';
import { floorTarget } from './creds.js';
import { namespaceCounts, warmAllNamespaces } from './k8s.js';
import { Tmux, tmuxAvailable } from './tmux.js';
import { listGroup } from './groups/list.js';
import { paintGroup } from './groups/paint.js';
import { steadyGroup } from './groups/steady.js';
import { changeCounts, changeGroup, changeResult, changeSamplesOn, type ChangeSamples } from './groups/change.js';
import { keysGroup, keysOn } from './groups/keys.js';
import { logsGroup } from './groups/logs.js';
import { evaluateTargets } from './targets.js';
import { renderMarkdown } from './report.js';
import type { GroupResult, SizeCtx } from './context.js';
import type { Tui } from './tui-driver.js';
import type { BenchResults, SizeResult } from './report-types.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const CONTEXT = 'admin';

/** The real kubectl v1.32 binary next to gcloud's dispatcher when present (no dispatch overhead), else kubectl. */
function defaultKubectl(): string {
  try {
    const real = realpathSync(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
    const versioned = join(dirname(real), 'kubectl.1.32');
    return existsSync(versioned) ? versioned : real;
  } catch {
    return 'kubectl';
  }
}

const METHOD = (o: BenchOptions, kubectl: string): string[] => [
  'One simulated cluster (src/sim, HTTPS on loopback, in its own process) per size; every command in a group runs against the same server in the same run.',
  'Process measurements alternate the commands round by round (A B C, B C A, …); figures are medians of the rounds, ratios are ratios of medians (and medians of per-round ratios, "paired").',
  `kubectl is \`${kubectl}\` with a warm \`--cache-dir\` (one untimed run first) — the harder comparison for kpods; every process gets a temporary HOME and no KUBECONFIG/KUBERNETES_* variables.`,
  'Wall time from spawn to exit and peak RSS come from GNU time (`%M`); "first byte" is the first stdout byte.',
  'The floor is a bare Node process: undici requests for the same list in the format kpods list uses (Table with includeObject=None: one request for a namespace; one per namespace, six at a time, for all namespaces — namespace names given for free, no paging), JSON.parse, print the count. The TUI is compared with the same floor.',
  `The TUI runs in a 120×40 tmux pane with CI unset; the screen is read through a tmux control client every few ms. First paint = process exec → first screen with pod rows. CPU = utime+stime from /proc over a ${o.windowSec} s window; bytes = TLS bytes from the server counted by a TCP proxy.`,
  'Other engineers shared this 2-core machine during the run, so absolute times are noisy; judge by the ratios.',
];

async function runSize(
  o: BenchOptions,
  pods: number,
  kubectl: string,
  timeTool: string | undefined,
  tmux: Tmux | undefined,
  log: (m: string) => void,
): Promise<SizeResult> {
  const wanted: Group[] = (['list', 'paint', 'steady', 'change', 'keys', 'logs'] as Group[]).filter(
    (g) =>
      o.only.has(g) &&
      (g === 'steady' || g === 'change' ? pods === o.steadyAt : g === 'keys' ? pods === o.keysAt : g === 'logs' ? pods === o.logsAt : true),
  );
  const result: SizeResult = { pods, groups: {} };
  if (wanted.length === 0) return result;
  const tmp = mkdtempSync(join(tmpdir(), `kpods-bench-${pods}-`));
  const home = join(tmp, 'home');
  mkdirSync(home);
  let sim: SimHost | undefined;
  try {
    log(`${pods} pods: starting the simulated cluster`);
    try {
      sim = await startSim(pods, 0);
    } catch (err) {
      const status = err instanceof Unavailable ? 'unavailable' : 'error';
      for (const g of wanted) result.groups[g] = { status, reason: err instanceof Error ? err.message : String(err) };
      return result;
    }
    result.simStartMs = Math.round(sim.startMs);
    const target = floorTarget(sim.kubeconfigPath, CONTEXT, tmp);
    result.namespaces = await namespaceCounts(target);
    const w0 = Date.now();
    await warmAllNamespaces(target);
    log(`${pods} pods: server caches warmed in ${Date.now() - w0} ms`);
    const ctx: SizeCtx = {
      opts: o,
      pods,
      repoRoot,
      kpodsBin: join(repoRoot, 'bin', 'kpods.js'),
      floorJs: fileURLToPath(new URL('./floor.js', import.meta.url)),
      kubectl,
      timeTool,
      tmp,
      sim,
      context: CONTEXT,
      target,
      namespaces: result.namespaces,
      env: (extra = {}) => ({ PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...extra }),
      startBusySim: (churn) => startSim(pods, churn),
      log,
    };
    // Hosted groups reuse a TUI another group started anyway (keys in paint's first TUI, change
    // in steady's quiet TUIs), which saves a slow start at 10k and 50k pods.
    const hosted = new Map<Group, GroupResult>();
    const guard = async (g: Group, fn: () => Promise<GroupResult>): Promise<GroupResult> => {
      try {
        return await fn();
      } catch (err) {
        return { status: err instanceof Unavailable ? 'unavailable' : 'error', reason: err instanceof Error ? err.message : String(err) };
      }
    };
    for (const g of wanted) {
      log(`${pods} pods: ${g}`);
      let r: GroupResult;
      const host = hosted.get(g);
      if (host) r = host;
      else if (g === 'list') r = await guard(g, () => listGroup(ctx));
      else if (!tmux) r = { status: 'unavailable', reason: 'tmux not found' };
      else if (g === 'paint') {
        const withKeys = wanted.includes('keys');
        r = await guard(g, () =>
          paintGroup(ctx, tmux, withKeys ? async (tui) => void hosted.set('keys', await guard('keys', () => keysOn(ctx, tui))) : undefined),
        );
        if (withKeys && !hosted.has('keys'))
          hosted.set(
            'keys',
            r.status === 'ok' ? { status: 'error', reason: 'the paint group gave no TUI' } : { status: r.status, reason: r.reason },
          );
      } else if (g === 'steady') {
        const withChange = wanted.includes('change');
        const samples: { poll?: ChangeSamples; watch?: ChangeSamples } = {};
        const onQuiet = async (tui: Tui, watch: boolean): Promise<void> => {
          const n = changeCounts(ctx);
          try {
            samples[watch ? 'watch' : 'poll'] = await changeSamplesOn(ctx, tui, watch, watch ? n.watch : n.poll);
          } catch (err) {
            samples[watch ? 'watch' : 'poll'] = { ms: [], reason: err instanceof Error ? err.message : String(err) };
          }
        };
        r = await guard(g, () => steadyGroup(ctx, tmux, withChange ? onQuiet : undefined));
        if (withChange)
          hosted.set(
            'change',
            r.status === 'ok' || samples.poll ? changeResult(ctx, samples.poll, samples.watch) : { status: r.status, reason: r.reason },
          );
      } else if (g === 'change') r = await guard(g, () => changeGroup(ctx, tmux));
      else if (g === 'logs') r = await guard(g, () => logsGroup(ctx, tmux));
      else r = await guard(g, () => keysGroup(ctx, tmux));
      if (r.status !== 'ok') log(`  ${g}: ${r.status}: ${r.reason}`);
      result.groups[g] = r;
    }
    return result;
  } finally {
    await sim?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let o: BenchOptions;
  try {
    o = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const started = new Date();
  const kubectl = o.kubectl ?? defaultKubectl();
  const timeTool = findTimeTool();
  const outDir = resolve(o.outDir ?? join(repoRoot, 'bench', 'results'));
  const log = (m: string): void =>
    void process.stderr.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
  const needsTmux = ['paint', 'steady', 'change', 'keys', 'logs'].some((g) => o.only.has(g as Group));
  const tmux = needsTmux && (await tmuxAvailable()) ? new Tmux() : undefined;
  const cleanup = (): void => {
    if (tmux) execFileSync('tmux', ['-L', tmux.socket, 'kill-server'], { stdio: 'ignore' });
  };
  process.once('SIGINT', () => {
    try {
      cleanup();
    } finally {
      process.exit(130);
    }
  });
  const machine = machineInfo(kubectl, timeTool, repoRoot);
  const sizes: SizeResult[] = [];
  try {
    for (const pods of o.sizes)
      sizes.push(await runSize(o, pods, kubectl, timeTool, tmux, o.verbose ? log : (m) => (m.startsWith('  ') ? undefined : log(m))));
  } finally {
    await tmux?.close();
  }
  const finished = new Date();
  machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const results: BenchResults = {
    schema: 1,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSec: Math.round((finished.getTime() - started.getTime()) / 100) / 10,
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    options: { ...o, only: [...o.only] },
    machine,
    method: METHOD(o, kubectl),
    sizes,
    targets: evaluateTargets(sizes, o.steadyAt, o.keysAt, o.intervalSec, o.churn, o.logsAt),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'RESULTS.md'), renderMarkdown(results));
  log(`done in ${results.durationSec} s: ${join(outDir, 'RESULTS.md')}`);
  for (const t of results.targets)
    log(`target ${t.target}: ${t.measured} (goal ${t.goal}) ${t.met === null ? '' : t.met ? 'met' : 'NOT met'}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
