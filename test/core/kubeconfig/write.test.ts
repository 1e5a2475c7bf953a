/**
 * Writing back: the same target files as kubectl use-context / set-context --current --namespace,
 * kubectl's lock files, atomic replacement, mode and every other field kept; real concurrent
 * writers (two kpods processes, kpods and kubectl) neither corrupt the file nor lose a write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadKubeconfig,
  renderConfigView,
  saveCurrentContext,
  saveKeepsFormatting,
  saveNamespace,
  type LoadedKubeconfig,
} from '../../../src/core/kubeconfig/index.js';
import type { Host } from '../../../src/core/target.js';
import { runKubectl } from '../../helpers/kubectl.js';
import { requireTool, toolPresent } from '../../helpers/tools.js';
import { hintText } from '../../../src/core/hint.js';

const root = mkdtempSync(join(tmpdir(), 'kpods-write-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

function scratch(): string {
  const d = join(root, `case-${++seq}`);
  mkdirSync(d, { recursive: true });
  return d;
}

const hostFor = (dir: string, env: Record<string, string>, home = join(dir, 'home')): Host => ({
  env,
  home,
  cwd: dir,
  now: () => new Date(0),
});

function loaded(h: Host, explicitPath?: string): LoadedKubeconfig {
  const r = loadKubeconfig(explicitPath ? { host: h, explicitPath } : { host: h });
  if (!r.ok) throw new Error(r.failure.summary);
  return r.value;
}

const A = `# a comment kubectl would drop too
apiVersion: v1
kind: Config
clusters:
- name: ca
  cluster:
    server: https://a
    insecure-skip-tls-verify: yes
    unknown-cluster-field: keep-me
    extensions:
    - name: my.ext/v1
      extension: {nested: {list: [1, "two", true]}, flag: on}
users:
- name: ua
  user: {token: ta, future-field: [x]}
contexts:
- name: ctx-a
  context: {cluster: ca, user: ua, namespace: ns-a}
- name: quoted
  context: {cluster: "yes", user: "0123"}
top-level-unknown: {kept: true}
`;
const B = `current-context: ctx-a
clusters:
- name: cb
  cluster: {server: "https://b"}
contexts:
- name: ctx-b
  context: {cluster: cb, user: ua}
`;

function setup(dir: string): { a: string; b: string } {
  const a = join(dir, 'a.yaml');
  const b = join(dir, 'b.yaml');
  writeFileSync(a, A);
  writeFileSync(b, B);
  chmodSync(a, 0o640);
  return { a, b };
}

test('use-context writes current-context into the first existing KUBECONFIG file, like kubectl', async () => {
  for (const order of [
    ['missing.yaml', 'a.yaml', 'b.yaml'],
    ['b.yaml', 'a.yaml'],
  ]) {
    const mine = scratch();
    const theirs = scratch();
    setup(mine);
    setup(theirs);
    const kc = order.join(delimiter);
    const r = await saveCurrentContext({ host: hostFor(mine, { KUBECONFIG: kc }), context: 'ctx-b' });
    assert.ok(r.ok, r.ok ? '' : r.failure.summary);
    assert.equal(r.value.file, join(mine, order[0] === 'missing.yaml' ? 'a.yaml' : 'b.yaml'));
    if (!toolPresent('kubectl', 'the kubectl half of the target-file check')) continue;
    const k = await runKubectl(['config', 'use-context', 'ctx-b'], { cwd: theirs, env: { KUBECONFIG: kc } });
    assert.equal(k.code, 0, k.stderr);
    for (const f of ['a.yaml', 'b.yaml']) {
      const cur = (dir: string): string | undefined => loaded(hostFor(dir, {}), join(dir, f)).currentContext;
      assert.equal(cur(mine), cur(theirs), `current-context of ${f} after ${kc}`);
    }
    assert.deepEqual(
      renderConfigView(loaded(hostFor(mine, { KUBECONFIG: kc }))),
      renderConfigView(loaded(hostFor(theirs, { KUBECONFIG: kc }))),
    );
  }
});

test('set-context --current --namespace writes to the context’s own file, like kubectl', async (t) => {
  const mine = scratch();
  const theirs = scratch();
  setup(mine);
  setup(theirs);
  const kc = ['b.yaml', 'a.yaml'].join(delimiter);
  const r = await saveNamespace({ host: hostFor(mine, { KUBECONFIG: kc }), namespace: 'changed' });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  assert.equal(r.value.file, join(mine, 'a.yaml'));
  assert.equal(loaded(hostFor(mine, { KUBECONFIG: kc })).contexts.find((c) => c.name === 'ctx-a')?.fields.namespace, 'changed');
  if (!requireTool(t, 'kubectl', 'the comparisons with kubectl config writes')) return;
  const k = await runKubectl(['config', 'set-context', '--current', '--namespace=changed'], { cwd: theirs, env: { KUBECONFIG: kc } });
  assert.equal(k.code, 0, k.stderr);
  assert.deepEqual(
    renderConfigView(loaded(hostFor(mine, { KUBECONFIG: kc }))),
    renderConfigView(loaded(hostFor(theirs, { KUBECONFIG: kc }))),
  );
  // and kubectl reads kpods' file exactly as kpods does
  const view = await runKubectl(['config', 'view', '--raw', '-o', 'json'], { cwd: mine, env: { KUBECONFIG: kc } });
  assert.deepEqual(JSON.parse(view.stdout), JSON.parse(JSON.stringify(renderConfigView(loaded(hostFor(mine, { KUBECONFIG: kc }))))));
});

test('every other field is kept: unknown fields, extensions, YAML 1.1 booleans, quoted strings; mode kept; no leftovers', async () => {
  const dir = scratch();
  const { a } = setup(dir);
  const before = renderConfigView(loaded(hostFor(dir, {}), a));
  const r = await saveNamespace({ host: hostFor(dir, {}), explicitPath: a, namespace: 'other', context: 'ctx-a' });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  const text = readFileSync(a, 'utf8');
  for (const kept of [
    'unknown-cluster-field: keep-me',
    'future-field:',
    'top-level-unknown:',
    'kept: true',
    'my.ext/v1',
    'insecure-skip-tls-verify: yes',
    'flag: on',
  ]) {
    assert.ok(text.includes(kept), `lost ${kept}:\n${text}`);
  }
  const after = renderConfigView(loaded(hostFor(dir, {}), a));
  const ctx = (after['contexts'] as Array<{ name: string; context: { namespace?: string } }>).find((c) => c.name === 'ctx-a');
  assert.equal(ctx?.context.namespace, 'other');
  if (ctx) ctx.context.namespace = 'ns-a';
  assert.deepEqual(after, before);
  assert.equal(statSync(a).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'b.yaml']);
  // removing the namespace
  const cleared = await saveNamespace({ host: hostFor(dir, {}), explicitPath: a, namespace: '', context: 'ctx-a' });
  assert.ok(cleared.ok);
  assert.equal(loaded(hostFor(dir, {}), a).contexts.find((c) => c.name === 'ctx-a')?.fields.namespace, undefined);
});

test('use-context refuses an unknown context (as kubectl does), writes an explicit file, and skips a no-op', async () => {
  const dir = scratch();
  const { a } = setup(dir);
  const missing = join(dir, 'new', 'config');
  const unknown = await saveCurrentContext({ host: hostFor(dir, { KUBECONFIG: missing }), context: 'ctx-a' });
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.equal(unknown.failure.code, 'kubeconfig.context-not-found');
  const explicit = await saveCurrentContext({
    host: hostFor(dir, { KUBECONFIG: join(dir, 'b.yaml') }),
    explicitPath: a,
    context: 'quoted',
  });
  assert.ok(explicit.ok);
  assert.equal(explicit.value.file, a, '--kubeconfig is the file written, KUBECONFIG ignored');
  assert.equal(loaded(hostFor(dir, {}), a).currentContext, 'quoted');
  assert.equal(loaded(hostFor(dir, {}), join(dir, 'b.yaml')).currentContext, 'ctx-a');
  const mtime = statSync(a).mtimeMs;
  const again = await saveCurrentContext({ host: hostFor(dir, {}), explicitPath: a, context: 'quoted' });
  assert.ok(again.ok);
  assert.equal(again.value.changed, false);
  assert.equal(statSync(a).mtimeMs, mtime);
  const ns = await saveNamespace({ host: hostFor(dir, {}), explicitPath: a, namespace: 'x' });
  assert.ok(ns.ok, ns.ok ? '' : ns.failure.summary);
  // The quoted "yes" and "0123" stay strings after the rewrite.
  assert.deepEqual(loaded(hostFor(dir, {}), a).contexts.find((c) => c.name === 'quoted')?.fields, {
    cluster: 'yes',
    user: '0123',
    namespace: 'x',
  });
});

test('contexts sharing one anchor are changed separately', async () => {
  const dir = scratch();
  const file = join(dir, 'config');
  writeFileSync(
    file,
    'clusters:\n- name: x\n  cluster: {server: "https://x"}\ncontexts:\n- name: a\n  context: &shared {cluster: x, user: ""}\n- name: b\n  context: *shared\ncurrent-context: a\n',
  );
  const r = await saveNamespace({ host: hostFor(dir, {}), explicitPath: file, namespace: 'only-a' });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  const cfg = loaded(hostFor(dir, {}), file);
  assert.deepEqual(
    cfg.contexts.map((c) => [c.name, c.fields.namespace]),
    [
      ['a', 'only-a'],
      ['b', undefined],
    ],
  );
});

test('a symlinked kubeconfig stays a symlink; the file it points to is replaced', async () => {
  const dir = scratch();
  const { a } = setup(dir);
  const link = join(dir, 'link.yaml');
  symlinkSync(a, link);
  const r = await saveCurrentContext({ host: hostFor(dir, {}), explicitPath: link, context: 'ctx-a' });
  assert.ok(r.ok);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(loaded(hostFor(dir, {}), a).currentContext, 'ctx-a');
});

test('kubectl’s lock files: a leftover lock makes the save fail, naming it; locks are removed after a save', async () => {
  const dir = scratch();
  const { a, b } = setup(dir);
  const h = hostFor(dir, { KUBECONFIG: [a, b].join(delimiter) });
  writeFileSync(`${b}.lock`, '');
  const r = await saveCurrentContext({ host: h, context: 'ctx-b', lockTimeoutMs: 50 });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.code, 'kubeconfig.write-failed');
    assert.ok(r.failure.summary.includes(`${b}.lock`));
    assert.match(r.failure.hints.map((h) => hintText(h, 'cli')).join(' '), /delete .*b\.yaml\.lock/);
  }
  assert.equal(statSync(`${a}.lock`, { throwIfNoEntry: false }), undefined, 'a.lock released after the failed attempt');
  rmSync(`${b}.lock`);
  const ok = await saveCurrentContext({ host: h, context: 'ctx-b' });
  assert.ok(ok.ok);
  assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'b.yaml']);
  if (!toolPresent('kubectl', 'the check that kubectl honours the lock')) return;
  // kubectl honours kpods' lock the same way: it refuses while a.yaml.lock exists.
  writeFileSync(`${a}.lock`, '');
  const k = await runKubectl(['config', 'use-context', 'ctx-a'], { cwd: dir, env: { KUBECONFIG: [a, b].join(delimiter) } });
  assert.notEqual(k.code, 0);
  assert.match(k.stderr, /a\.yaml\.lock: file exists/);
  rmSync(`${a}.lock`);
});

const worker = fileURLToPath(new URL('./save-worker.js', import.meta.url));

function run(cmd: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function manyContexts(n: number, prefixes: string[]): string {
  const lines = ['clusters:', '- name: c', '  cluster: {server: "https://c"}', 'users:', '- name: u', '  user: {token: t}', 'contexts:'];
  for (const p of prefixes)
    for (let i = 0; i < n; i++) lines.push(`- name: ${p}-${i}`, '  context: {cluster: c, user: u, namespace: start}');
  return lines.join('\n') + '\ncurrent-context: a-0\n';
}

test('two kpods processes writing at once: no corruption, no lost write', { timeout: 120_000 }, async () => {
  const dir = scratch();
  const file = join(dir, 'config');
  writeFileSync(file, manyContexts(8, ['a', 'b']));
  const names = (p: string): string[] => Array.from({ length: 8 }, (_, i) => `${p}-${i}`);
  const results = await Promise.all([
    run(process.execPath, [worker, file, 'A', ...names('a')], {}, dir),
    run(process.execPath, [worker, file, 'B', ...names('b')], {}, dir),
  ]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const cfg = loaded(hostFor(dir, {}), file);
  for (let i = 0; i < 8; i++) {
    assert.equal(cfg.contexts.find((c) => c.name === `a-${i}`)?.fields.namespace, `A-${i}`);
    assert.equal(cfg.contexts.find((c) => c.name === `b-${i}`)?.fields.namespace, `B-${i}`);
  }
  assert.ok(['a-7', 'b-7'].includes(cfg.currentContext ?? ''));
  assert.deepEqual(readdirSync(dir), ['config']);
});

test('kpods and kubectl writing at once: no corruption, and kpods never loses a kubectl write', { timeout: 120_000 }, async (t) => {
  if (!requireTool(t, 'kubectl', 'the comparisons with kubectl config writes')) return;
  const dir = scratch();
  const file = join(dir, 'config');
  writeFileSync(file, manyContexts(5, ['a', 'k']));
  let kubectlRuns = 0;
  const kubectlSide = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) {
      // kubectl fails at once on a held lock ("file exists"); retry like a user would.
      for (let attempt = 0; ; attempt++) {
        const r = await runKubectl(['config', 'set-context', `k-${i}`, `--namespace=K-${i}`], { cwd: dir, env: { KUBECONFIG: file } });
        kubectlRuns++;
        if (r.code === 0) break;
        assert.match(r.stderr, /\.lock: file exists/);
        assert.ok(attempt < 200, 'kubectl never got the lock');
      }
    }
  };
  const [kp] = await Promise.all([
    run(process.execPath, [worker, file, 'A', ...Array.from({ length: 5 }, (_, i) => `a-${i}`)], {}, dir),
    kubectlSide(),
  ]);
  assert.equal(kp.code, 0, kp.stderr);
  const cfg = loaded(hostFor(dir, {}), file);
  // kpods re-reads under the lock and changes one field: every kubectl write survives.
  for (let i = 0; i < 5; i++) assert.equal(cfg.contexts.find((c) => c.name === `k-${i}`)?.fields.namespace, `K-${i}`);
  // kubectl itself can undo a concurrent change: it edits the config it read *before* taking the lock and
  // writes back every stanza that differs (client-go ModifyConfig). So a kpods value is either kpods' or
  // the value kubectl had read ("start"), never anything else.
  for (let i = 0; i < 5; i++)
    assert.ok(['A-' + i, 'start'].includes(cfg.contexts.find((c) => c.name === `a-${i}`)?.fields.namespace ?? ''));
  assert.match(cfg.currentContext ?? '', /^a-\d$/);
  assert.ok(kubectlRuns >= 5);
  assert.deepEqual(readdirSync(dir), ['config']);
});

test('save keeps comments, quoting and list style: only the changed lines differ', async () => {
  const dir = scratch();
  const kc = join(dir, 'config');
  const original = [
    '# my clusters; do not reformat',
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c1 # the first one',
    '  cluster: {server: "https://127.0.0.1:1"}',
    'users:',
    '  - name: u1',
    '    user:',
    '      token: abc',
    'contexts:',
    '- context:',
    '    cluster: c1',
    '    user: u1   # the user',
    '  name: one',
    '- name: "two"',
    '  context:',
    '    cluster: c1',
    '    namespace: old # was here',
    '    user: u1',
    'current-context: one # the default',
    'preferences: {}',
    '',
  ].join('\n');
  writeFileSync(kc, original);
  const h = hostFor(dir, { KUBECONFIG: kc });
  const a = await saveCurrentContext({ host: h, context: 'two' });
  assert.ok(a.ok);
  const b = await saveNamespace({ host: h, context: 'two', namespace: 'shop' });
  assert.ok(b.ok);
  const c = await saveNamespace({ host: h, context: 'one', namespace: 'batch' });
  assert.ok(c.ok);
  const expected = original
    .replace('current-context: one # the default', 'current-context: two # the default')
    .replace('    namespace: old # was here', '    namespace: shop # was here')
    .replace('    cluster: c1\n    user: u1   # the user', '    namespace: batch\n    cluster: c1\n    user: u1   # the user');
  assert.equal(readFileSync(kc, 'utf8'), expected);
  const view = loaded(h);
  assert.equal(view.currentContext, 'two');
  assert.equal(view.contexts.find((x) => x.name === 'two')?.fields.namespace, 'shop');
  assert.equal(view.contexts.find((x) => x.name === 'one')?.fields.namespace, 'batch');
  assert.equal(saveKeepsFormatting(kc, { kind: 'context-namespace', context: 'two', namespace: 'web' }), true);
});

test('a layout that cannot be edited in place is re-dumped, and the preview says so first', async () => {
  const dir = scratch();
  const kc = join(dir, 'config');
  writeFileSync(
    kc,
    '# flow style\napiVersion: v1\nkind: Config\nclusters: [{name: c1, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u1, user: {token: abc}}]\ncontexts: [{name: one, context: {cluster: c1, user: u1}}]\ncurrent-context: one\n',
  );
  const h = hostFor(dir, { KUBECONFIG: kc });
  assert.equal(saveKeepsFormatting(kc, { kind: 'context-namespace', context: 'one', namespace: 'shop' }), false);
  assert.equal(saveKeepsFormatting(kc, { kind: 'current-context', value: 'one' }), true);
  const r = await saveNamespace({ host: h, context: 'one', namespace: 'shop' });
  assert.ok(r.ok);
  assert.equal(loaded(h).contexts[0]?.fields.namespace, 'shop');
});
