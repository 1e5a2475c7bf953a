// A node:test reporter (used by scripts/run-tests.js): quiet while tests pass, the details of every
// failure at the end, and one last line `N passed, N failed, N skipped`.
// With KPODS_TEST_TIMES=1 it also lists the test files by duration, slowest first.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { inspect } from 'node:util';

const root = process.cwd();
const rel = (file) => (file ? relative(root, file) : '?');

/** The error a test threw, without the runner's wrapper. */
function describeError(error) {
  if (!error) return '(no error recorded)';
  const inner = error.failureType === 'testCodeFailure' && error.cause !== undefined ? error.cause : error;
  if (typeof inner === 'string') return inner;
  return inspect(inner, { depth: 4, colors: false })
    .split('\n')
    .filter((line) => !/\(node:internal\//.test(line))
    .join('\n');
}

/** The runner's own test for a file it ran (a test file, or a shard of scripts/run-tests.js). */
const isShardOrFile = (data) => data.nesting === 0 && data.file !== undefined && data.name === data.file;
const isShard = (file) => /kpods-test-shards-/.test(file);

export default async function* reporter(source) {
  const failures = [];
  const fileTimes = [];
  const shardTimes = [];
  const counts = {};
  const paths = new Map(); // per file: names of the enclosing tests, by nesting level
  const seen = { pass: 0, fail: 0, skipped: 0 };
  // Failures of a suite itself (its file did not load, a hook threw): the runner counts only its tests, cancelled.
  let ownFailures = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    switch (event.type) {
      case 'test:start': {
        if (!paths.has(data.file)) paths.set(data.file, []);
        paths.get(data.file)[data.nesting] = data.name;
        break;
      }
      case 'test:stdout':
      case 'test:stderr':
        yield data.message;
        break;
      case 'test:complete':
        // A test file is a file of its own (name = file) or, inside a shard, a suite named after it.
        if (data.details?.type === 'suite' ? /\.test\.js$/.test(data.name) : isShardOrFile(data) && !isShard(data.file))
          fileTimes.push({ file: data.details?.type === 'suite' ? data.name : rel(data.file), ms: data.details?.duration_ms ?? 0 });
        else if (isShardOrFile(data) && isShard(data.file)) shardTimes.push({ file: data.file, ms: data.details?.duration_ms ?? 0 });
        break;
      case 'test:pass':
      case 'test:fail': {
        const isFile = isShardOrFile(data);
        if (isFile && event.type === 'test:pass') break;
        // A suite counts only when it failed by itself (its file did not load, a hook threw).
        if (data.details?.type === 'suite' && (event.type === 'test:pass' || data.details.error?.failureType === 'subtestsFailed')) break;
        if (data.skip !== undefined || data.todo !== undefined) seen.skipped++;
        else if (event.type === 'test:pass') seen.pass++;
        else {
          seen.fail++;
          // A parent whose subtests failed adds nothing to their own reports.
          if (data.details?.error?.failureType === 'subtestsFailed') break;
          if (data.details?.type === 'suite') ownFailures++;
          const name = isFile
            ? '(the file itself: it crashed or did not finish)'
            : [...(paths.get(data.file) ?? []).slice(0, data.nesting), data.name].filter((n) => n !== undefined).join(' > ');
          const where = data.line !== undefined ? `${rel(data.file)}:${data.line}:${data.column}` : rel(data.file);
          failures.push(`✖ ${name}\n  at ${where}\n${describeError(data.details?.error).replace(/^/gm, '    ')}`);
        }
        break;
      }
      case 'test:diagnostic': {
        const m = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/.exec(data.message ?? '');
        if (m && data.nesting === 0) counts[m[1]] = Number(m[2]);
        else if (!m) yield `# ${data.message}\n`;
        break;
      }
      default:
        break;
    }
  }
  if (process.env['KPODS_TEST_TIMES'] === '1') {
    yield '\nTest files by duration:\n';
    for (const { file, ms } of fileTimes.sort((a, b) => b.ms - a.ms)) yield `${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`;
    if (shardTimes.length > 0) yield '\nShards by duration:\n';
    for (const { file, ms } of shardTimes.sort((a, b) => b.ms - a.ms))
      yield `${(ms / 1000).toFixed(1).padStart(7)} s  ${/shard-[\w]+/.exec(file)?.[0] ?? file}\n`;
    if (counts.duration_ms !== undefined) yield `  total ${(counts.duration_ms / 1000).toFixed(1)} s wall\n`;
  }
  const durations = process.env['KPODS_TEST_DURATIONS'];
  if (durations) recordDurations(durations, fileTimes);
  if (failures.length > 0) yield `\n${failures.length} failure${failures.length === 1 ? '' : 's'}:\n\n${failures.join('\n\n')}\n\n`;
  const has = counts.pass !== undefined;
  const passed = has ? counts.pass : seen.pass;
  const failed = has ? (counts.fail ?? 0) + (counts.cancelled ?? 0) + ownFailures : seen.fail;
  const skipped = has ? (counts.skipped ?? 0) + (counts.todo ?? 0) : seen.skipped;
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

/** Adds this run's file durations to the record scripts/run-tests.js deals the next run's files by. */
function recordDurations(path, fileTimes) {
  let known = {};
  try {
    known = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    /* first run, or a record from another layout */
  }
  for (const { file, ms } of fileTimes) known[file] = Math.round(ms);
  try {
    writeFileSync(path, JSON.stringify(known, null, 1) + '\n');
  } catch {
    /* a read-only tree: the next run deals files without it */
  }
}
