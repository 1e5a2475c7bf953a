/**
 * The real kubectl (the oracle), run the one way every test runs it: exactly the environment
 * given (plus PATH), a temporary HOME unless one is given, and a fresh --cache-dir, so nothing
 * from the machine (KUBECONFIG, KUBERNETES_*, proxies, caches) leaks in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKubectl } from './tools.js';
import { collectOutput } from './run-kpods.js';

export { findKubectl };

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Passed as --kubeconfig (else kubectl reads KUBECONFIG from `env`, or HOME). */
  kubeconfig?: string;
  context?: string;
  cwd?: string;
  /** The environment on top of PATH and HOME. */
  env?: Record<string, string>;
  /** HOME: a temporary folder by default; null leaves HOME unset. */
  home?: string | null;
  input?: string;
  timeoutMs?: number;
}

function prepare(
  args: string[],
  opts: KubectlOptions,
  runtime: NodeJS.ProcessEnv = {},
): { binary: string; argv: string[]; env: NodeJS.ProcessEnv; scratch: string } {
  const binary = findKubectl();
  if (!binary) throw new Error('kubectl not found on PATH');
  const scratch = mkdtempSync(join(tmpdir(), 'kpods-kubectl-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    ...runtime,
    ...(opts.home === null ? {} : { HOME: opts.home ?? scratch }),
    ...opts.env,
  };
  const argv = [
    ...(opts.kubeconfig !== undefined ? ['--kubeconfig', opts.kubeconfig] : []),
    ...(opts.context !== undefined ? ['--context', opts.context] : []),
    '--cache-dir',
    join(scratch, 'cache'),
    ...args,
  ];
  return { binary, argv, env, scratch };
}

/**
 * A kubectl that runs to completion allocates a few tens of MB and exits: without Go's garbage
 * collector, and on one thread, it takes less CPU (measured with perf stat, 20 runs of `kubectl config
 * view`: 141-155 → 115 ms). Only the Go runtime's memory and threads change; a test's env can still set them.
 */
const RUN_TO_COMPLETION: NodeJS.ProcessEnv = { GOGC: 'off', GOMAXPROCS: '1' };

/** Runs kubectl to completion (its temporary folder removed after). */
export async function runKubectl(args: string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
  const { binary, argv, env, scratch } = prepare(args, opts, RUN_TO_COMPLETION);
  try {
    const child = spawn(binary, argv, { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(opts.input ?? '');
    return await collectOutput(child, `kubectl ${args.join(' ')}`, opts.timeoutMs ?? 60_000);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A long-running kubectl (e.g. `get pods -w`): wait for output, then stop it. */
export interface KubectlProcess {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Kills kubectl and removes its temporary folder. */
  stop(): Promise<void>;
}

/** Starts kubectl in the background. */
export function spawnKubectl(args: string[], opts: KubectlOptions = {}): KubectlProcess {
  const { binary, argv, env, scratch } = prepare(args, opts);
  const child = spawn(binary, argv, { env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const l of [...listeners]) l();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`kubectl ${args.join(' ')}: ${pattern} did not appear\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` over `items` with at most `limit` running at once (kubectl runs wait more than they compute). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
