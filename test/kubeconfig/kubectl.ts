/** Runs the real kubectl (the oracle) with a clean environment: temporary HOME, no KUBERNETES_* variables. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKubectl } from '../helpers/tools.js';

/** The kubectl binary, or undefined when it is not installed. */
export const kubectlPath = findKubectl();

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kubectl ...args` in `cwd` with exactly `env` (plus PATH), a fresh HOME unless given (null: HOME unset), and a fresh cache dir. */
export function runKubectl(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; home?: string | null; input?: string },
): Promise<KubectlResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'kpods-kubectl-'));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    ...(opts.home === null ? {} : { HOME: opts.home ?? scratch }),
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    if (!kubectlPath) return reject(new Error('kubectl not found'));
    const child = execFile(
      kubectlPath,
      [...args, `--cache-dir=${join(scratch, 'cache')}`],
      { cwd: opts.cwd, env, timeout: 30_000 },
      (err, stdout, stderr) => {
        rmSync(scratch, { recursive: true, force: true });
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Runs `fn` over `items` with at most `limit` running at once. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
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
