/**
 * A copy of bin/ beside a stand-in dist/ whose files say which one ran: for the launcher's choice
 * between a bundle and the compiled modules. Removed when the test ends.
 */
import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kpodsBin, repoRoot } from './run-kpods.js';

/** `files` (paths under the install's root) written, those in `older` dated a minute back; returns the bin and the root. */
export function standInInstall(t: TestContext, files: Record<string, string>, older: string[] = []): { bin: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'kpods-install-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'bin'));
  copyFileSync(kpodsBin, join(root, 'bin', 'kpods.js'));
  copyFileSync(join(repoRoot, 'bin', 'package.json'), join(root, 'bin', 'package.json'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const old = new Date(Date.now() - 60_000);
  for (const path of older) utimesSync(join(root, path), old, old);
  return { bin: join(root, 'bin', 'kpods.js'), root };
}

/** Runs the install's bin with only PATH (and `env`) set: its exit code and everything it printed. */
export function runBin(bin: string, args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], ...env } });
  return { code: r.status, out: r.stdout + r.stderr };
}
