/** Runs the real kpods binary (bin/kpods.js) as a child process and collects its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/...). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const kpodsBin = fileURLToPath(new URL('../../../bin/kpods.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/** Runs `kpods ...args`; the environment is exactly `env` when given (plus PATH), else the test's. */
export function runKpods(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const env: Record<string, string | undefined> = opts.env ? { PATH: process.env['PATH'], ...opts.env } : { ...process.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const child = spawn(process.execPath, [kpodsBin, ...args], { env: env as NodeJS.ProcessEnv, cwd: opts.cwd ?? repoRoot });
  child.stdin.end(opts.input ?? '');
  return collectOutput(child, `kpods ${args.join(' ')}`, opts.timeoutMs ?? 60_000);
}

/** Collects a child's output until it exits; kills it and rejects (with what it printed) after `timeoutMs`. */
export function collectOutput(child: ChildProcess, label: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
