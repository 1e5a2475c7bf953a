import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-kpods.js';
import { parseOptions, repsFor } from '../../bench/options.js';
import { pairedRatio, ratio, rotate, summarize } from '../../bench/stats.js';
import { rowPod } from '../../bench/groups/change.js';
import { rowLines } from '../../bench/tui-driver.js';
import type { BenchResults } from '../../bench/report-types.js';
import { requireTool } from '../helpers/tools.js';

test('summaries are order statistics that ignore failed runs', () => {
  assert.deepEqual(summarize([5, 1, 3, NaN, 2, 4]), { n: 5, median: 3, p10: 1.4, p90: 4.6, min: 1, max: 5 });
  assert.equal(ratio(30, 100), 0.3);
  assert.ok(Number.isNaN(ratio(undefined, 100)));
  assert.equal(pairedRatio([1, 4, 9], [2, 2, 3]), 2);
  assert.deepEqual(rotate(['a', 'b', 'c'], 4), ['b', 'c', 'a']);
});

test('options: sizes, repetitions and groups; bad input is an error', () => {
  const o = parseOptions(['--sizes', '1000,10000', '--reps', '3', '--only', 'list,keys']);
  assert.deepEqual(o.sizes, [1000, 10000]);
  assert.equal(repsFor(o, 50000), 3);
  assert.deepEqual([...o.only], ['list', 'keys']);
  assert.equal(repsFor(parseOptions([]), 50000), 1);
  assert.equal(repsFor(parseOptions([]), 10000), 3);
  assert.equal(repsFor(parseOptions([]), 1000), 5);
  assert.throws(() => parseOptions(['--only', 'nope']), /unknown group "nope"/);
  assert.throws(() => parseOptions(['--sizes', 'x']), /--sizes needs a number/);
});

test('pod rows are recognised on a captured screen', () => {
  const screen = [
    'NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE',
    'shop        web-1       1/1     Running   0          5m',
    '> payments  api-2  0/2  CrashLoopBackOff  7 (1m ago)  2d',
    'loaded 3,500 of ~10,000',
  ];
  assert.equal(rowLines(screen).length, 2);
  assert.deepEqual(rowPod(screen[1] ?? '', 'default'), { namespace: 'shop', name: 'web-1' });
  assert.deepEqual(rowPod(screen[2] ?? '', 'default'), { namespace: 'payments', name: 'api-2' });
  assert.deepEqual(rowPod('web-1   1/1   Running', 'default'), { namespace: 'default', name: 'web-1' });
});

test('the harness runs end to end at 50 pods (list and TUI first paint, one round)', { timeout: 240_000 }, async (t) => {
  if (!requireTool(t, 'kubectl', 'the benchmark harness test') || !requireTool(t, 'tmux', 'the benchmark harness test')) return;
  const out = mkdtempSync(join(tmpdir(), 'kpods-bench-test-'));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'dist', 'bench', 'run.js'), '--sizes', '50', '--reps', '1', '--only', 'list,paint', '--out', out],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (c) => (c === 0 ? resolve(c) : reject(new Error(`bench exited ${c}: ${err}`))));
    });
    assert.equal(code, 0);
    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    assert.equal(r.machine.cores > 0, true);
    assert.match(r.machine.node, /^v\d+/);
    assert.match(r.machine.kubectl, /^v1\.\d+/);
    assert.equal(r.sizes.length, 1);
    const size = r.sizes[0];
    assert.equal(size?.pods, 50);
    const list = size?.groups['list'];
    assert.equal(list?.status, 'ok', JSON.stringify(list));
    const cmds = (list?.status === 'ok' ? list.data['commands'] : {}) as Record<
      string,
      { status: string; wallMs?: { median: number }; maxRssMiB?: { median: number } }
    >;
    for (const id of ['kpods list -n', 'kubectl get pods -n', 'floor -n', 'kpods list -A', 'kubectl get pods -A', 'floor -A']) {
      assert.equal(cmds[id]?.status, 'ok', `${id}: ${JSON.stringify(cmds[id])}`);
      assert.ok((cmds[id]?.wallMs?.median ?? 0) > 0, `${id} wall time`);
      assert.ok((cmds[id]?.maxRssMiB?.median ?? 0) > 1, `${id} peak RSS`);
    }
    const paint = size?.groups['paint'];
    assert.equal(paint?.status, 'ok', JSON.stringify(paint));
    const firstPaint = (paint?.status === 'ok' ? paint.data['firstPaintMs'] : undefined) as { median: number } | undefined;
    assert.ok((firstPaint?.median ?? 0) > 0, 'first paint time');
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    assert.match(md, /\| target \| goal \| measured \| met \|/);
    assert.match(md, /### List: 50 pods/);
    assert.match(md, /\| `kpods list -n` \| \d/);
    assert.match(md, /### TUI first paint: 50 pods/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
