/** Runs the real kubectl (1.32 binary directly, fresh cache dir, temporary HOME, KUBERNETES_* unset). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.32', '/usr/bin/kubectl'];

/** The kubectl binary, or undefined when none is installed. */
export const kubectlPath = CANDIDATES.find((p) => existsSync(p));

/** Runs kubectl with `args`; resolves to its exit code and output. */
export function kubectl(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kpods-kubectl-home-'));
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home };
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath ?? 'kubectl', ['--cache-dir', join(home, 'cache'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}
