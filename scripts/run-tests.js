#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's own test runner and the
// reporter in scripts/test-reporter.js, which ends with one line: `N passed, N failed, N skipped`.
// Arguments narrow the run: `node scripts/run-tests.js kubeconfig` runs files whose path contains "kubeconfig".
// `--times` also lists the files by duration; `--save-durations` (after a full run that passed) writes
// the durations to scripts/test-durations.json, the record a clean clone deals its first run by.
//
// Starting Node and importing Ink, React and the simulator costs about a second of CPU per process,
// and each process compiles and optimises that code again: so the files do not get one process each
// but are dealt into two computing shards (one per core; measured on the 45 files of test/ui on 2
// cores: 61.6 CPU-s in six shards, 43.2 in two), and a shard's entry
// file imports its test files one after the other, each inside its own suite (its hooks, tests and
// failures stay its own; the next file starts when the previous one's `after` hooks have run).
// The files that drive real processes and terminals (test/e2e, test/tmux, test/bench, and the few
// elsewhere that run kubectl or wait on slow answers, listed in WAITING) spend their time waiting,
// not computing: they share one more shard, several at a time, beside the computing shards.
// (Computing files side by side in their shard cost more CPU than they saved: 85 s against 75 s.)
// Each run records how long every file took (dist/test/durations.json, over the committed
// scripts/test-durations.json); the next run starts the longest files first and deals the computing
// files so that the shards take about as long (without any record: in folder order, dealt round-robin).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'dist', 'test');
const reporter = join(root, 'scripts', 'test-reporter.js');
/** Shards of computing files; processes at once (the waiting shard and the computing ones); waiting files at once.
 * KPODS_TEST_SHARDS and KPODS_TEST_CONCURRENCY change the first two (to compare layouts on another machine). */
const SHARDS = Number(process.env['KPODS_TEST_SHARDS'] ?? 2);
const CONCURRENCY = Number(process.env['KPODS_TEST_CONCURRENCY'] ?? 3);
const WAITING_CONCURRENCY = Number(process.env['KPODS_TEST_WAITING_AT_ONCE'] ?? 3);
const WAITING = [
  ...['e2e', 'tmux', 'bench'].map((d) => join(testDir, d) + sep),
  // Files elsewhere that mostly wait: on the real kubectl (a process per call), on the
  // simulator's slow, throttled and grace-period answers, or on time limits running out.
  ...[
    'core/kubeconfig/oracle',
    'sim/actions',
    'sim/kubectl',
    'sim/kubectl-logs',
    'commands/contexts-check',
    'commands/sim-trace',
    'core/client/sim-failures',
    'core/client/hostile-limits',
    'core/health/check-core',
    'ui/hostile-browser-waits',
  ].map((f) => join(testDir, ...f.split('/')) + '.test.js'),
];

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
const saveDurations = args.includes('--save-durations');
const filters = args.filter((a) => a !== '--times' && a !== '--save-durations');
// A compiled test whose source was moved or deleted stays in dist/ until a clean build: skip it.
const hasSource = (f) => ['.ts', '.tsx'].some((ext) => existsSync(join(root, relative(join(root, 'dist'), f)).replace(/\.js$/, ext)));
const files = collect(testDir)
  .filter(hasSource)
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)));
if (files.length === 0) {
  console.error('run-tests: no test files found under dist/test (did the build run?)');
  process.exit(1);
}

const durationsFile = join(testDir, 'durations.json');
// The record a clean clone starts from (committed; refreshed with --save-durations after a full run).
const defaultDurationsFile = join(root, 'scripts', 'test-durations.json');
const readRecord = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {}; /* no record yet */
  }
};
/** This checkout's last runs over the committed default (which also covers files this checkout has not run yet). */
const durations = { ...readRecord(defaultDurationsFile), ...readRecord(durationsFile) };
/** A file's duration in the last run that had it (ms); a file not seen yet counts as the median of those that were. */
const known = Object.values(durations)
  .filter((ms) => typeof ms === 'number')
  .sort((a, b) => a - b);
const unknownMs = known[Math.floor(known.length / 2)] ?? 0;
const cost = (f) => durations[relative(root, f)] ?? unknownMs;
/** Longest first; a stable sort keeps folder order among equals (and for every file without a record). */
const longestFirst = (list) => [...list].sort((a, b) => cost(b) - cost(a));

const waiting = longestFirst(files.filter((f) => WAITING.some((d) => f.startsWith(d))));
const computing = longestFirst(files.filter((f) => !WAITING.some((d) => f.startsWith(d))));
const shardDir = mkdtempSync(join(tmpdir(), 'kpods-test-shards-'));
// A file's suite imports it, and the next suite is made only once that import finished: a module
// evaluated while another one loads could register its tests in the other's suite.
// A file that hangs fails after 3 minutes instead of holding the whole run.
const suite = (f, opts = '') =>
  `await new Promise((loaded) => describe(${JSON.stringify(relative(root, f))}, { timeout: 180_000${opts} }, () => import(${JSON.stringify(pathToFileURL(f).href)}).finally(loaded)));`;
// A file that leaves a timer, socket or process behind would keep its shard alive: the shard
// then fails 10 s after its last test (a process of its own would have hit its time limit).
const SHARD_HEAD = [
  "import { after, describe } from 'node:test';",
  'after(() => {',
  '  const leftOpen = () => {',
  "    process.stderr.write('run-tests: still running 10 s after its last test: a test left a timer, socket or process open\\n');",
  '    process.exit(1);',
  '  };',
  '  setTimeout(leftOpen, 10_000).unref();',
  '});',
];
const shards = [];
function shard(name, lines) {
  const entry = join(shardDir, `shard-${name}.test.mjs`);
  writeFileSync(entry, [...SHARD_HEAD, ...lines].join('\n') + '\n');
  shards.push(entry);
}
// The waiting files run side by side in one process (each file's own tests still one at a time).
if (waiting.length > 0)
  shard('waiting', [
    `describe('waiting on processes and terminals', { concurrency: ${WAITING_CONCURRENCY} }, async () => {`,
    ...waiting.map((f) => '  ' + suite(f, ', concurrency: 1')),
    '});',
  ]);
const count = Math.min(SHARDS, computing.length);
// Longest file first, each to the shard with the least work so far (round-robin while nothing is
// recorded: the files of one folder, and their costs, spread over the shards). The shards start
// in order, the one with the most work first.
const dealt = Array.from({ length: count }, () => ({ files: [], ms: 0 }));
for (const [i, f] of computing.entries()) {
  const to = known.length > 0 ? dealt.reduce((least, s) => (s.ms < least.ms ? s : least)) : dealt[i % count];
  to.files.push(f);
  to.ms += cost(f);
}
dealt.sort((a, b) => b.ms - a.ms);
for (const [i, d] of dealt.entries())
  shard(
    String(i + 1),
    d.files.map((f) => suite(f)),
  );

let result;
try {
  result = spawnSync(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      '--test',
      `--test-concurrency=${CONCURRENCY}`,
      // Each file has 3 minutes (above); a shard, which runs many, has 20.
      '--test-timeout=1200000',
      `--test-reporter=${reporter}`,
      '--test-reporter-destination=stdout',
      ...shards,
    ],
    {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, KPODS_TEST_DURATIONS: durationsFile, ...(times ? { KPODS_TEST_TIMES: '1' } : {}) },
    },
  );
} finally {
  rmSync(shardDir, { recursive: true, force: true });
}
// After a full run that passed: this run's durations become the committed default.
if (saveDurations && filters.length === 0 && result.status === 0) {
  const now = readRecord(durationsFile);
  const kept = Object.fromEntries(
    files
      .map((f) => relative(root, f))
      .filter((f) => typeof now[f] === 'number')
      .sort()
      .map((f) => [f, now[f]]),
  );
  writeFileSync(defaultDurationsFile, JSON.stringify(kept, null, 2) + '\n'); // as Prettier formats it
}
process.exit(result.status ?? 1);
