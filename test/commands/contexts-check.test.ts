/**
 * `kpods contexts --check` in-process against the simulator's scenario contexts: each context's
 * result equals `kpods trace -o json --context X` for the failing stage, the checks run at once
 * (wall time below the sum of the single times), plugins that need a terminal are skipped.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { contextsCommand } from '../../src/commands/contexts.js';
import { traceCommand } from '../../src/commands/trace.js';
import { testIo } from '../helpers/command-io.js';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ pods: 40, slowMs: 600 });
});
after(async () => {
  await sim?.close();
});

interface CheckJson {
  contexts: Array<{
    name: string;
    current: boolean;
    cluster: string;
    user: string;
    namespace: string;
    result: 'ok' | 'failed' | 'skipped';
    stage: string | null;
    code: string | null;
    summary: string | null;
    hints: string[];
    identity: string | null;
    pods: number | null;
    ms: number;
  }>;
  ok: number;
  failed: number;
  skipped: number;
}
interface TraceJson {
  ok: boolean;
  stages: Array<{ name: string; status: string; code: string | null; summary: string; hints: string[] }>;
}

async function run(cmd: typeof contextsCommand, args: string[], terminal = false): Promise<{ code: number; out: string; err: string }> {
  const t = testIo({ home: sim.dir, terminal });
  const code = await cmd(args, t.io);
  return { code, out: t.out(), err: t.err() };
}

const kc = (): string[] => ['--kubeconfig', sim.kubeconfigPath];

test('every context: the check gives what kpods trace -o json gives for the failing stage; at once, not one after another', async () => {
  // The traces run beside the check (the slow and throttled contexts wait seconds on the server);
  // exec-missing needs a terminal, so the check skips it (asserted below) and it has no trace here.
  const traced = SCENARIOS.map((s) => s.context).filter((name) => name !== 'exec-missing');
  const tracing = Promise.all(traced.map((name) => run(traceCommand, ['-o', 'json', '--context', name, ...kc()])));
  const t0 = Date.now();
  const check = await run(contextsCommand, ['--check', '-o', 'json', ...kc()]);
  const wall = Date.now() - t0;
  const traces = new Map((await tracing).map((r, i) => [traced[i], r]));
  assert.equal(check.code, 10, check.err);
  const doc = JSON.parse(check.out) as CheckJson;
  assert.deepEqual(doc.contexts.map((c) => c.name).sort(), SCENARIOS.map((s) => s.context).sort());
  assert.equal(doc.ok + doc.failed + doc.skipped, SCENARIOS.length);

  // exec-missing's plugin is IfAvailable and the test has no terminal: not run.
  const skipped = doc.contexts.filter((c) => c.result === 'skipped').map((c) => c.name);
  assert.deepEqual(skipped, ['exec-missing']);
  const em = doc.contexts.find((c) => c.name === 'exec-missing')!;
  assert.equal(em.summary, 'needs a terminal (run kpods trace --context exec-missing)');

  for (const c of doc.contexts) {
    if (c.result === 'skipped') continue;
    const trace = traces.get(c.name)!;
    const report = JSON.parse(trace.out) as TraceJson;
    const failed = report.stages.find((s) => s.status === 'failed');
    if (c.name === 'flaky') {
      // Every other request fails: which ones depends on the server's counter, so either answer is right.
      assert.ok(c.result === 'ok' || c.code === 'response.server-error', JSON.stringify(c));
      assert.ok(report.ok || failed?.code === 'response.server-error', trace.out);
      continue;
    }
    assert.equal(c.result, report.ok ? 'ok' : 'failed', c.name);
    assert.equal(trace.code === 0 ? 'ok' : 'failed', c.result, c.name);
    if (failed) {
      assert.deepEqual(
        { stage: c.stage, code: c.code, summary: c.summary, hints: c.hints },
        { stage: failed.name, code: failed.code, summary: failed.summary, hints: failed.hints },
        c.name,
      );
    } else {
      assert.equal(c.stage, null);
      assert.equal(c.code, null);
      assert.ok(c.identity && c.identity.length > 0, c.name);
      assert.equal(typeof c.pods, 'number');
    }
  }
  const byName = new Map(doc.contexts.map((c) => [c.name, c]));
  assert.equal(byName.get('admin')?.identity, 'kpods-admin');
  assert.equal(byName.get('admin')?.current, true);
  assert.equal(byName.get('exec-ok')?.identity, 'exec-user@example.com');
  assert.equal(byName.get('expired-token')?.code, 'authentication.unauthorized');
  assert.equal(byName.get('developer')?.code, 'authorization.forbidden');
  // The sum of the single times is well above the wall time of the whole run.
  const sum = doc.contexts.reduce((s, c) => s + c.ms, 0);
  const slowest = Math.max(...doc.contexts.map((c) => c.ms));
  assert.ok(wall < sum, `wall ${wall} ms, sum ${sum} ms`);
  assert.ok(wall < slowest * 3 + 2000, `wall ${wall} ms, slowest ${slowest} ms`);
});

test('with a terminal, an IfAvailable plugin runs (without one it was skipped), and the result equals the trace', async () => {
  const check = await run(contextsCommand, ['--check', '-o', 'json', 'exec-missing', ...kc()], true);
  const doc = JSON.parse(check.out) as CheckJson;
  assert.equal(check.code, 10);
  assert.equal(doc.contexts[0]?.result, 'failed');
  assert.equal(doc.contexts[0]?.code, 'credentials.exec-not-found');
});

test('the text table: columns, the RESULT cell and the summary line; exit 0 when every checked context works', async () => {
  const r = await run(contextsCommand, ['--check', 'admin', 'viewer-basic', 'expired-token', 'exec-missing', ...kc()]);
  assert.equal(r.code, 10);
  const lines = r.out.split('\n');
  assert.match(lines[0] ?? '', /^CURRENT +NAME +CLUSTER +USER +NAMESPACE +RESULT$/);
  assert.match(r.out, /\n\* +admin +sim +admin +default +ok · \d+ pods · kpods-admin\n/);
  assert.match(r.out, /\n +viewer-basic +sim +ops +default +ok · \d+ pods · ops\n/);
  assert.match(r.out, /\n +expired-token .* authentication\.unauthorized · The API server did not accept your credentials/);
  assert.match(r.out, /skipped: needs a terminal \(run kpods trace --context exec-missing\)/);
  assert.match(r.out, /\n\n2 of 4 contexts work; 1 not checked \(needs a terminal\)\n$/);

  const good = await run(contextsCommand, ['--check', 'admin', 'hostile', 'exec-missing', ...kc()]);
  assert.equal(good.code, 0, good.out);
  assert.match(good.out, /hostile .*ok · 1 pod · kpods-admin/);
});

test('usage errors exit 2; --help documents --check and exit code 10', async () => {
  for (const args of [
    ['--check', '-o', 'name'],
    ['--check', '--timeout', 'soon'],
    ['--check', '--timeout', '0s'],
    ['--timeout', '5s'],
  ]) {
    const r = await run(contextsCommand, [...args, ...kc()]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /Usage: kpods contexts/);
  }
  const help = await run(contextsCommand, ['--help']);
  assert.match(help.out, /--check \[-o text\|json\] \[--timeout DURATION\]/);
  assert.match(help.out, /10 \(--check\) one or more contexts failed/);
});

test('--timeout bounds each context: slow fails with a timeout that names the limit', async (t) => {
  // A server whose slow answers take longer than the limit, and a limit that leaves admin room on a loaded machine.
  const slower = await startSimulator({ pods: 5, slowMs: 5000 });
  t.after(() => slower.close());
  const io = testIo({ home: slower.dir, terminal: false });
  await contextsCommand(['--check', '-o', 'json', '--timeout', '2s', 'slow', 'admin', '--kubeconfig', slower.kubeconfigPath], io.io);
  const doc = JSON.parse(io.out()) as CheckJson;
  const slow = doc.contexts.find((c) => c.name === 'slow')!;
  assert.equal(slow.result, 'failed');
  assert.equal(slow.code, 'response.timeout');
  assert.match(slow.summary ?? '', /within 2 s/);
  assert.ok(slow.ms < 4000, `${slow.ms}`);
  assert.equal(doc.contexts.find((c) => c.name === 'admin')?.result, 'ok');
});
