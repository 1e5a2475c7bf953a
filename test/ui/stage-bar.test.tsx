/**
 * The status pane's stage bar shows a stage as passed only when it was checked (issue 10 item 4):
 * an HTML sign-in page, a 429 or a 500 says nothing about authentication or authorization, and the
 * bar agrees with `kpods trace` on the simulator's failing scenarios.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSized } from '../helpers/ink.js';
import { runCommand } from '../helpers/run-command.js';
import { StatusPane } from '../../src/ui/StatusPane.js';
import { failure, type FailureCode } from '../../src/core/failure.js';
import { startSimulator } from '../../src/sim/index.js';

async function bar(code: FailureCode, width = 200): Promise<string> {
  const ui = renderSized(
    <StatusPane failure={failure(code, 'It failed.', ['Try again.'])} maxLines={8} color={false} width={width} />,
    width,
    12,
  );
  const frame = await ui.waitFor((f) => f.includes('why no pods'), 'the pane');
  ui.unmount();
  return frame.split('\n').find((l) => l.includes(' › ')) ?? '';
}

/** Each stage's mark on the bar: ok (✓), failed (✗) or not checked (anything else). */
function marks(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of line.split(' › ')) {
    const m = /^\[?(\w+) (\S)\]?$/.exec(part.trim());
    if (m) out[m[1]!] = m[2] === '✓' ? 'ok' : m[2] === '✗' ? 'failed' : 'skipped';
  }
  return out;
}

for (const code of ['response.not-kubernetes', 'response.throttled', 'response.server-error'] as const) {
  test(`${code}: the bar does not claim authentication or authorization passed`, async () => {
    const line = await bar(code);
    assert.match(line, /kubeconfig ✓ › credentials ✓ › connection ✓ › /);
    assert.doesNotMatch(line, /authentication ✓|authorization ✓/);
    assert.match(line, /authentication \? › authorization \? › \[response ✗\]/);
    const short = await bar(code, 70);
    assert.doesNotMatch(short, /authn ✓|authz ✓/);
  });
}

test('a 403 shows authentication as passed: the server knew who was asking', async () => {
  assert.match(await bar('authorization.forbidden'), /authentication ✓ › \[authorization ✗\] › response ·/);
});

test('the bar agrees with kpods trace on every failing scenario of the simulator', async (t) => {
  const sim = await startSimulator({ pods: 5 });
  t.after(() => sim.close());
  const env = { HOME: sim.dir, KUBECONFIG: undefined };
  const contexts = ['html-login', 'throttled', 'developer', 'expired-token', 'wrong-ca', 'exec-fails'];
  // At once: throttled waits for the server's Retry-After.
  const traces = await Promise.all(
    contexts.map((context) => runCommand(['trace', '-o', 'json', '--kubeconfig', sim.kubeconfigPath, '--context', context], { env })),
  );
  for (const [i, context] of contexts.entries()) {
    const r = traces[i]!;
    const report = JSON.parse(r.stdout) as { stages: Array<{ name: string; status: string; code: string | null }> };
    const failed = report.stages.find((s) => s.status === 'failed');
    assert.ok(failed?.code, `${context} fails`);
    const traced = Object.fromEntries(report.stages.map((s) => [s.name, s.status === 'warning' ? 'ok' : s.status]));
    assert.deepEqual(marks(await bar(failed.code as FailureCode)), traced, context);
  }
});
