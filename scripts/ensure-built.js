#!/usr/bin/env node
// Makes `npm run demo` quick on a built clone: compiles TypeScript only when a source file, the
// tsconfig or the lock file is newer than the last build (then incrementally, with tsc's build info).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newest(full));
    else if (/\.(ts|tsx|json)$/.test(entry.name)) max = Math.max(max, statSync(full).mtimeMs);
  }
  return max;
}

const inputs = Math.max(
  ...['src', 'test', 'bench'].filter((d) => existsSync(join(root, d))).map((d) => newest(join(root, d))),
  ...['tsconfig.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) process.exit(0);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], {
  cwd: root,
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stamp, '');
