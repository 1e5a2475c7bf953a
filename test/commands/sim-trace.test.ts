/**
 * `kpods trace` (text and JSON) and `kpods list` on every simulator scenario: the right stage
 * fails with the right code, and no output ever carries a secret or a raw control character.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSimulator, SCENARIOS, type Simulator } from '../../src/sim/index.js';
import type { RunResult } from '../helpers/run-kpods.js';
import { runCommand } from '../helpers/run-command.js';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ pods: 40, slowMs: 5000 });
});
after(async () => {
  await sim?.close();
});

/**
 * The failed stage's code per scenario; undefined = every stage passes. A scenario missing here
 * fails its test. `flaky` fails every other request: its first command (the JSON trace, run before
 * its others) meets a failure; what its later commands meet depends on how many requests came before.
 */
const EXPECTED: Record<string, string | undefined> = {
  admin: undefined,
  developer: 'authorization.forbidden',
  'viewer-basic': undefined,
  'expired-token': 'authentication.unauthorized',
  'wrong-ca': 'connection.tls-unknown-authority',
  'hostname-mismatch': 'connection.tls-hostname-mismatch',
  'nothing-listening': 'connection.refused',
  'exec-ok': undefined,
  'exec-missing': 'credentials.exec-not-found',
  'exec-fails': 'credentials.exec-failed',
  'html-login': 'response.not-kubernetes',
  throttled: 'response.throttled',
  slow: 'response.timeout',
  reset: 'connection.reset',
  flaky: 'response.server-error',
  hostile: undefined,
  'no-metrics': undefined,
};
const EXIT: Record<string, number> = { kubeconfig: 3, credentials: 4, connection: 5, authentication: 6, authorization: 7, response: 8 };

interface TraceJson {
  ok: boolean;
  context: string;
  stages: Array<{ name: string; status: string; code: string | null; summary: string; hints: string[]; detail: string | null }>;
}

const outputs: Array<{ what: string; r: RunResult }> = [];

function secrets(): string[] {
  const yaml = readFileSync(sim.kubeconfigPath, 'utf8');
  const keyB64 = /client-key-data: (\S+)/.exec(yaml)?.[1] ?? '';
  const keyPem = Buffer.from(keyB64, 'base64').toString('utf8');
  const keyBody = keyPem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  const s = sim.secrets;
  return [
    s.developerToken,
    s.execToken,
    s.expiredToken,
    s.basic.password,
    keyB64.slice(0, 40),
    keyBody.slice(0, 40),
    'plugin-secret-token',
  ].filter((x) => x.length >= 8);
}

/** The three commands of a scenario: at once, except for `flaky`, whose outcome depends on the order of its requests. */
async function runScenario(context: string): Promise<{ text: RunResult; json: RunResult; list: RunResult }> {
  const base = ['--kubeconfig', sim.kubeconfigPath, '--context', context, ...(context === 'slow' ? ['--request-timeout=2s'] : [])];
  const env = { HOME: sim.dir, KUBECONFIG: undefined };
  const json = (): Promise<RunResult> => runCommand(['trace', '-o', 'json', ...base], { env });
  const text = (): Promise<RunResult> => runCommand(['trace', ...base], { env });
  // Throttled lists wait for Retry-After (5 retries); the trace already covers that scenario.
  const list = (): Promise<RunResult> =>
    context === 'throttled' ? Promise.resolve({ code: 8, stdout: '', stderr: '' }) : runCommand(['list', ...base], { env });
  if (context === 'flaky') return { json: await json(), text: await text(), list: await list() };
  const [t, j, l] = await Promise.all([text(), json(), list()]);
  return { text: t, json: j, list: l };
}

// The scenarios are independent (each has its own context, and only flaky's requests count toward its failures):
// four at a time, so a loaded machine still answers the slow scenario's handshake within its time limit.
describe('every scenario', { concurrency: 4 }, () => {
  for (const { context } of SCENARIOS) {
    test(`trace and list on scenario ${context}`, async () => {
      assert.ok(context in EXPECTED, `scenario ${context} has no expected outcome in EXPECTED`);
      const expected = EXPECTED[context];
      const { text, json, list } = await runScenario(context);
      outputs.push(
        { what: `${context} trace`, r: text },
        { what: `${context} trace -o json`, r: json },
        { what: `${context} list`, r: list },
      );
      const report = JSON.parse(json.stdout) as TraceJson;
      assert.equal(report.context, context);
      assert.deepEqual(
        report.stages.map((s) => s.name),
        ['kubeconfig', 'credentials', 'connection', 'authentication', 'authorization', 'response'],
      );
      const failed = report.stages.find((s) => s.status === 'failed');
      assert.equal(failed?.code ?? undefined, expected, json.stdout);
      assert.equal(report.ok, expected === undefined);
      if (expected) {
        const stage = expected.slice(0, expected.indexOf('.'));
        assert.equal(json.code, EXIT[stage]);
        assert.ok(failed!.hints.length > 0, 'a failure says what to try');
        const after = report.stages.slice(report.stages.indexOf(failed!) + 1);
        assert.ok(after.every((s) => s.status === 'skipped'));
        if (context !== 'flaky') {
          assert.equal(text.code, EXIT[stage]);
          assert.match(text.stdout, new RegExp(`FAILED \\(\\d+ ms\\)  \\[${expected.replace('.', '\\.')}\\]`));
        }
      } else {
        assert.equal(json.code, 0);
        const auth = report.stages.find((s) => s.name === 'authentication')!;
        assert.equal(auth.status, 'ok');
        assert.match(auth.summary, /^Authenticated as "[^"]+" in groups .*system:authenticated/);
        assert.equal(list.code, 0, list.stderr);
      }
    });
  }
});

test('no output of any scenario carries a secret or a raw control character', () => {
  assert.ok(outputs.length >= SCENARIOS.length * 3);
  const found: string[] = [];
  for (const { what, r } of outputs) {
    for (const s of secrets()) if (r.stdout.includes(s) || r.stderr.includes(s)) found.push(`${what}: secret ${s.slice(0, 4)}…`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(r.stdout + r.stderr)) found.push(`${what}: control character`);
  }
  assert.deepEqual(found, []);
});
