/** The outside tools some tests need (kubectl, tmux): one place finds them, and a missing one is reported loudly. */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The real kubectl 1.32 binary (the version-specific one behind gcloud's dispatcher, if that is what PATH has), or undefined. */
export function findKubectl(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    const candidate = join(dir, 'kubectl');
    if (!dir || !existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    const versioned = join(dirname(real), 'kubectl.1.32');
    return existsSync(versioned) ? versioned : real;
  }
  return undefined;
}

/** Whether tmux is installed. */
export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** True when `tool` is present; otherwise says loudly on stderr that `what` is left out, and returns false. */
export function toolPresent(tool: 'kubectl' | 'tmux', what: string): boolean {
  if (tool === 'kubectl' ? findKubectl() !== undefined : tmuxAvailable()) return true;
  console.error(`\n*** ${tool} not found: SKIPPING ${what} ***\n`);
  return false;
}

/** True when `tool` is present; otherwise says so loudly, skips the test and returns false. */
export function requireTool(t: { skip: (message: string) => void }, tool: 'kubectl' | 'tmux', what: string): boolean {
  if (toolPresent(tool, what)) return true;
  t.skip(`${tool} not found`);
  return false;
}
