/**
 * Group "list": `kpods list -n NS` and `-A` against `kubectl get pods` with the same flags and
 * against the floor (one undici request + JSON.parse in a bare Node process), alternating the
 * commands round by round against one server. kubectl gets a warm --cache-dir (one untimed run first).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { runTimed, type ProcRun } from '../proc.js';
import { repsFor, roundBudgetSec } from '../options.js';
import { floorRequest } from '../k8s.js';
import { pairedRatio, ratio, rotate, summarize } from '../stats.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';

interface Cmd {
  id: string;
  tool: 'kpods' | 'kubectl' | 'floor';
  /** '-n small': a namespace of about 100 pods (the everyday case), at the smallest size only. */
  scope: '-n' | '-A' | '-n small';
  cmd: string;
  args: string[];
}

/** Rounds of the ~100-pod pair (kpods list and kubectl on the small namespace). */
const SMALL_ROUNDS = 15;

/** A namespace of about 100 pods, if this size has one (only sizes up to 2,000 pods, to keep the run short). */
export function smallNamespace(c: SizeCtx): { name: string; pods: number } | undefined {
  if (c.pods > 2000) return undefined;
  const near = [...c.namespaces].sort((a, b) => Math.abs(a.pods - 100) - Math.abs(b.pods - 100))[0];
  return near && near.pods >= 50 && near.pods <= 200 ? near : undefined;
}

function commands(c: SizeCtx, ns: string, cacheDir: string, small?: string): Cmd[] {
  const kc = ['--kubeconfig', c.sim.kubeconfigPath, '--context', c.context];
  const node = process.execPath;
  const smallCmds: Cmd[] = small
    ? [
        { id: 'kpods list -n small', tool: 'kpods', scope: '-n small', cmd: node, args: [c.kpodsBin, 'list', '-n', small, ...kc] },
        {
          id: 'kubectl get pods -n small',
          tool: 'kubectl',
          scope: '-n small',
          cmd: c.kubectl,
          args: ['get', 'pods', '-n', small, ...kc, '--cache-dir', cacheDir],
        },
      ]
    : [];
  return [
    ...smallCmds,
    { id: 'kpods list -n', tool: 'kpods', scope: '-n', cmd: node, args: [c.kpodsBin, 'list', '-n', ns, ...kc] },
    {
      id: 'kubectl get pods -n',
      tool: 'kubectl',
      scope: '-n',
      cmd: c.kubectl,
      args: ['get', 'pods', '-n', ns, ...kc, '--cache-dir', cacheDir],
    },
    { id: 'floor -n', tool: 'floor', scope: '-n', cmd: node, args: [c.floorJs, JSON.stringify(floorRequest(c.target, ns, c.namespaces))] },
    { id: 'kpods list -A', tool: 'kpods', scope: '-A', cmd: node, args: [c.kpodsBin, 'list', '-A', ...kc] },
    {
      id: 'kubectl get pods -A',
      tool: 'kubectl',
      scope: '-A',
      cmd: c.kubectl,
      args: ['get', 'pods', '-A', ...kc, '--cache-dir', cacheDir],
    },
    {
      id: 'floor -A',
      tool: 'floor',
      scope: '-A',
      cmd: node,
      args: [c.floorJs, JSON.stringify(floorRequest(c.target, undefined, c.namespaces))],
    },
  ];
}

/** Runs the list group for one size. */
export async function listGroup(c: SizeCtx): Promise<GroupResult> {
  const ns = c.namespaces[0]?.name;
  if (!ns) return { status: 'error', reason: 'the simulator reported no namespaces' };
  const cacheDir = join(c.tmp, 'kubectl-cache');
  mkdirSync(cacheDir, { recursive: true });
  const smallNs = smallNamespace(c);
  const all = commands(c, ns, cacheDir, smallNs?.name);
  const run = (x: Cmd): Promise<ProcRun> => runTimed(x.cmd, x.args, { env: c.env(), cwd: c.tmp, timeoutMs: 180000, timeTool: c.timeTool });
  const unavailable: Record<string, string> = {};
  // Untimed warm-up on the smallest namespace: fills kubectl's discovery cache and the page
  // cache, and finds the pieces that are not built yet (cheap even at 50k pods).
  const small = c.namespaces[c.namespaces.length - 1]?.name ?? ns;
  for (const x of commands(c, small, cacheDir).filter((y) => y.scope === '-n')) {
    const r = await run(x);
    if (r.ok) continue;
    const reason = (x.tool === 'kpods' ? placeholderReason(r.stderrTail) : undefined) ?? `exit ${r.code}: ${r.stderrTail.slice(0, 300)}`;
    for (const y of all) if (y.tool === x.tool) unavailable[y.id] = reason;
  }
  const live = all.filter((x) => !unavailable[x.id]);
  const samples: Record<string, ProcRun[]> = Object.fromEntries(live.map((x) => [x.id, []]));
  const maxReps = repsFor(c.opts, c.pods);
  const stopAt = Date.now() + roundBudgetSec(c.opts, 'list', c.pods) * 1000;
  let reps = 0;
  for (let round = 0; round < maxReps && (round === 0 || Date.now() < stopAt); round++, reps++) {
    for (const x of rotate(live, round)) {
      const r = await run(x);
      samples[x.id]?.push(r);
      c.log(`  ${x.id}: ${r.wallMs.toFixed(0)} ms, ${r.maxRssMiB.toFixed(0)} MiB${r.ok ? '' : ` (exit ${r.code})`}`);
    }
  }
  // The ~100-pod pair runs ~0.2 s a command, where one slow start moves a median of five by a
  // third: it gets more rounds of its own (the two alternating), SMALL_ROUNDS in all.
  const smallLive = live.filter((x) => x.scope === '-n small');
  let smallReps = smallLive.length > 0 ? reps : 0;
  for (
    let round = reps;
    smallLive.length > 0 && round < Math.max(reps, SMALL_ROUNDS) && Date.now() < stopAt + 30_000;
    round++, smallReps++
  ) {
    for (const x of rotate(smallLive, round)) {
      const r = await run(x);
      samples[x.id]?.push(r);
      c.log(`  ${x.id}: ${r.wallMs.toFixed(0)} ms, ${r.maxRssMiB.toFixed(0)} MiB${r.ok ? '' : ` (exit ${r.code})`}`);
    }
  }
  const pick = (id: string, f: (r: ProcRun) => number): number[] => (samples[id] ?? []).map((r) => (r.ok ? f(r) : NaN));
  const byCommand: Record<string, unknown> = {};
  for (const x of all) {
    if (unavailable[x.id]) {
      byCommand[x.id] = { status: 'unavailable', reason: unavailable[x.id] };
      continue;
    }
    byCommand[x.id] = {
      status: 'ok',
      wallMs: summarize(pick(x.id, (r) => r.wallMs)),
      firstByteMs: summarize(pick(x.id, (r) => r.firstByteMs)),
      cpuMs: summarize(pick(x.id, (r) => r.cpuMs)),
      maxRssMiB: summarize(pick(x.id, (r) => r.maxRssMiB)),
      failures: (samples[x.id] ?? []).filter((r) => !r.ok).length,
      samples: { wallMs: pick(x.id, (r) => Math.round(r.wallMs)), maxRssMiB: pick(x.id, (r) => Math.round(r.maxRssMiB)) },
      outputLines: samples[x.id]?.[0]?.stdoutLines,
    };
  }
  const med = (id: string, f: (r: ProcRun) => number): number | undefined => (samples[id] ? summarize(pick(id, f)).median : undefined);
  const ratios: Record<string, number> = {};
  for (const scope of ['-n', '-A', '-n small'] as const) {
    if (!samples[`kpods list ${scope}`]) continue;
    const k = `kpods list ${scope}`;
    const kc = `kubectl get pods ${scope}`;
    const f = `floor ${scope}`;
    ratios[`wall kpods/kubectl ${scope}`] = ratio(
      med(k, (r) => r.wallMs),
      med(kc, (r) => r.wallMs),
    );
    ratios[`wall kpods/kubectl ${scope} (paired)`] = pairedRatio(
      pick(k, (r) => r.wallMs),
      pick(kc, (r) => r.wallMs),
    );
    ratios[`CPU kpods/kubectl ${scope}`] = ratio(
      med(k, (r) => r.cpuMs),
      med(kc, (r) => r.cpuMs),
    );
    ratios[`peak RSS kpods/kubectl ${scope}`] = ratio(
      med(k, (r) => r.maxRssMiB),
      med(kc, (r) => r.maxRssMiB),
    );
    if (!samples[f]) continue;
    ratios[`wall kpods/floor ${scope}`] = ratio(
      med(k, (r) => r.wallMs),
      med(f, (r) => r.wallMs),
    );
    ratios[`wall kpods/floor ${scope} (paired)`] = pairedRatio(
      pick(k, (r) => r.wallMs),
      pick(f, (r) => r.wallMs),
    );
  }
  const notes: string[] = [];
  for (const scope of ['-n', '-A', '-n small'] as const) {
    const a = samples[`kpods list ${scope}`]?.[0];
    const b = samples[`kubectl get pods ${scope}`]?.[0];
    if (a?.ok && b?.ok && a.stdoutLines !== b.stdoutLines)
      notes.push(`output lines differ for ${scope}: kpods ${a.stdoutLines}, kubectl ${b.stdoutLines}`);
  }
  return {
    status: 'ok',
    data: {
      namespace: ns,
      namespacePods: c.namespaces[0]?.pods,
      smallNamespace: smallNs?.name,
      smallNamespacePods: smallNs?.pods,
      smallReps,
      reps,
      maxReps,
      kubectlCache: `warm (one untimed run on namespace ${small} first)`,
      commands: byCommand,
      ratios,
    },
    notes,
  };
}
