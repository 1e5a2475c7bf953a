#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's own test runner and the
// reporter in scripts/test-reporter.js, which ends with one line: `N passed, N failed, N skipped`.
// Arguments narrow the run: `node scripts/run-tests.js kubeconfig` runs files whose path contains "kubeconfig".
// `--times` also lists the files by duration.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'dist', 'test');
const reporter = join(root, 'scripts', 'test-reporter.js');

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const args = process.argv.slice(2);
const times = args.includes('--times');
const filters = args.filter((a) => a !== '--times');
// A compiled test whose source was moved or deleted stays in dist/ until a clean build: skip it.
const hasSource = (f) => ['.ts', '.tsx'].some((ext) => existsSync(join(root, relative(join(root, 'dist'), f)).replace(/\.js$/, ext)));
const files = collect(testDir)
  .filter(hasSource)
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)));
if (files.length === 0) {
  console.error('run-tests: no test files found under dist/test (did the build run?)');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--disable-warning=ExperimentalWarning',
    '--test',
    '--test-concurrency=2',
    // A test that hangs fails after 3 minutes instead of holding the whole run.
    '--test-timeout=180000',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', cwd: root, env: { ...process.env, ...(times ? { KPODS_TEST_TIMES: '1' } : {}) } },
);
process.exit(result.status ?? 1);
