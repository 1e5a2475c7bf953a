/** `kpods contexts` (run in-process) against kubectl config get-contexts, the JSON shape, and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../helpers/run-kpods.js';
import { runCommand } from '../helpers/run-command.js';
import { runKubectl } from '../helpers/kubectl.js';
import { requireTool } from '../helpers/tools.js';

const dir = join(repoRoot, 'test', 'fixtures', 'kubeconfig', 'oracle');
const home = mkdtempSync(join(tmpdir(), 'kpods-contexts-home-'));
test.after(() => rmSync(home, { recursive: true, force: true }));

const env = (kubeconfig?: string): Record<string, string> =>
  kubeconfig === undefined ? { HOME: home } : { HOME: home, KUBECONFIG: kubeconfig };

test('the text form has kubectl get-contexts columns, aligned the same, plus ORIGIN', async (t) => {
  if (!requireTool(t, 'kubectl', 'the comparison with kubectl config get-contexts')) return;
  const chains = [['a.yaml', 'b.yaml', 'names.yaml', 'json.json'], ['d.yaml'], ['c.yaml', 'exec.yaml']].map((l) => l.join(delimiter));
  const runs = await Promise.all(
    chains.map((kc) =>
      Promise.all([
        runCommand(['contexts'], { env: env(kc), cwd: dir }),
        runKubectl(['config', 'get-contexts'], { cwd: dir, env: { KUBECONFIG: kc }, home }),
      ]),
    ),
  );
  for (const [i, [mine, theirs]] of runs.entries()) {
    const kc = chains[i];
    assert.equal(mine.code, 0, mine.stderr);
    assert.equal(theirs.code, 0, theirs.stderr);
    const myLines = mine.stdout.split('\n');
    const theirLines = theirs.stdout.split('\n');
    assert.equal(myLines.length, theirLines.length);
    const originAt = (myLines[0] ?? '').indexOf('ORIGIN');
    assert.ok(originAt > 0);
    myLines.forEach((line, i) => {
      assert.equal(line.slice(0, originAt).trimEnd(), (theirLines[i] ?? '').trimEnd(), `line ${i} for ${kc}`);
    });
    // Every data row ends with the absolute origin of its context.
    for (const line of myLines.slice(1, -1))
      assert.match(line.slice(originAt), new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`));
  }
});

test('-o json has the documented shape, with origins and auth kinds', async () => {
  const r = await runCommand(['contexts', '-o', 'json'], { env: env(['a.yaml', 'missing.yaml', 'b.yaml'].join(delimiter)), cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['current', 'files', 'contexts', 'clusters', 'users']);
  assert.equal(doc['current'], 'ctx-b');
  assert.deepEqual(doc['files'], [
    { path: join(dir, 'a.yaml'), exists: true },
    { path: join(dir, 'missing.yaml'), exists: false },
    { path: join(dir, 'b.yaml'), exists: true },
  ]);
  const contexts = doc['contexts'] as Array<Record<string, unknown>>;
  assert.deepEqual(
    contexts.find((c) => c['name'] === 'shared-ctx'),
    {
      name: 'shared-ctx',
      cluster: 'shared',
      user: 'shared-user',
      namespace: null,
      server: 'https://shared-from-a',
      origin: join(dir, 'a.yaml'),
    },
  );
  assert.deepEqual(
    contexts.map((c) => c['name']),
    ['ctx-a', 'ctx-b', 'shared-ctx'],
  );
  assert.deepEqual(doc['clusters'], [
    { name: 'cow-cluster', server: 'https://cow.a.example:6443', origin: join(dir, 'a.yaml') },
    { name: 'donkey-cluster', server: 'https://donkey.example', origin: join(dir, 'b.yaml') },
    { name: 'shared', server: 'https://shared-from-a', origin: join(dir, 'a.yaml') },
  ]);
  assert.deepEqual(doc['users'], [
    { name: 'red-user', auth: 'token', origin: join(dir, 'a.yaml') },
    { name: 'shared-user', auth: 'client-certificate', origin: join(dir, 'a.yaml') },
    { name: 'yellow-user', auth: 'basic', origin: join(dir, 'b.yaml') },
  ]);
});

test('-o json reports every auth kind', async () => {
  const r = await runCommand(['contexts', '-o', 'json', '--kubeconfig', 'exec.yaml'], { env: env(), cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const users = (JSON.parse(r.stdout) as { users: Array<{ name: string; auth: string }> }).users;
  assert.deepEqual(Object.fromEntries(users.map((u) => [u.name, u.auth])), {
    'empty-user': 'none',
    'exec-bare': 'exec',
    'exec-v1': 'exec',
    'exec-v1beta1': 'exec',
    impersonate: 'token',
    'no-user-key': 'none',
    provider: 'auth-provider',
  });
  const r2 = await runCommand(['contexts', '-o', 'json', '--kubeconfig', 'dir1/.kubeconfig'], { env: env(), cwd: dir });
  assert.deepEqual(
    (JSON.parse(r2.stdout) as { users: Array<{ auth: string }> }).users.map((u) => u.auth),
    ['client-certificate'],
  );
});

test('errors: code, summary and hint on stderr, exit 3; usage errors exit 2', async () => {
  const cases: Array<{ args: string[]; env: Record<string, string>; code: number; match: RegExp }> = [
    { args: ['contexts'], env: env('nope.yaml'), code: 3, match: /kubeconfig\.not-found[\s\S]*nope\.yaml[\s\S]*try: /m },
    { args: ['contexts', '-o', 'json'], env: env(), code: 3, match: /kubeconfig\.not-found[\s\S]*\.kube\/config/ },
    { args: ['contexts', '--kubeconfig', 'nope.yaml'], env: env('a.yaml'), code: 3, match: /kubeconfig\.not-found/ },
    {
      args: ['contexts', '-o', 'json'],
      env: env(['a.yaml', 'yes-string.yaml'].join(delimiter)),
      code: 3,
      match: /yes-string\.yaml[\s\S]*line 1[\s\S]*kubeconfig\.invalid/,
    },
    {
      args: ['contexts', 'ghost'],
      env: env('a.yaml'),
      code: 3,
      match: /"ghost" named by the command line[\s\S]*kubeconfig\.context-not-found/,
    },
    { args: ['contexts', '--bogus'], env: env('a.yaml'), code: 2, match: /Unknown option '--bogus'[\s\S]*Usage: kpods contexts/ },
    { args: ['contexts', '-o', 'yaml'], env: env('a.yaml'), code: 2, match: /unsupported output format/ },
  ];
  const results = await Promise.all(cases.map((c) => runCommand(c.args, { env: c.env, cwd: dir })));
  for (const [i, c] of cases.entries()) {
    const r = results[i]!;
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, c.match);
    assert.equal(r.stdout, '');
  }
});

test('--help, --version, -o name, a name filter, and warnings on stderr', async () => {
  const help = await runCommand(['contexts', '--help'], { env: env(), cwd: dir });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: kpods contexts/);
  const ver = await runCommand(['contexts', '--version'], { env: env(), cwd: dir });
  assert.equal(ver.code, 0);
  assert.match(ver.stdout, /^kpods \d+\.\d+\.\d+/);
  const names = await runCommand(['contexts', '-o', 'name'], { env: env(['a.yaml', 'b.yaml'].join(delimiter)), cwd: dir });
  assert.equal(names.stdout, 'ctx-a\nctx-b\nshared-ctx\n');
  const one = await runCommand(['contexts', 'ctx-a', '-o', 'json'], { env: env(['a.yaml', 'b.yaml'].join(delimiter)), cwd: dir });
  assert.deepEqual(
    (JSON.parse(one.stdout) as { contexts: Array<{ name: string }> }).contexts.map((c) => c.name),
    ['ctx-a'],
  );
  const warn = await runCommand(['contexts'], { env: env('yes-bool.yaml'), cwd: dir });
  assert.equal(warn.code, 0);
  assert.match(warn.stderr, /warning: .*yes-bool\.yaml:5: .*insecure-skip-tls-verify: the unquoted yes is read as true/);
  const dangling = await runCommand(['contexts'], { env: env('dup-user-free.yaml'), cwd: dir });
  assert.equal(dangling.code, 0);
  assert.match(dangling.stderr, /warning: context "ctx-a" \(.*dup-user-free\.yaml\) names cluster "nowhere", which no file defines/);
  assert.match(dangling.stderr, /warning: context "ctx-a" .* names user "nobody", which no file defines/);
  // A context naming the cluster "" is fine when a cluster has that name; an empty user is no reference.
  const named = await runCommand(['contexts'], { env: env('names.yaml'), cwd: dir });
  assert.doesNotMatch(named.stderr, /which no file defines/);
});

test('HOME unset reads ./.kube/config; KUBECONFIG set never falls back to home', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const cwd = mkdtempSync(join(tmpdir(), 'kpods-contexts-cwd-'));
  try {
    mkdirSync(join(cwd, '.kube'));
    writeFileSync(join(cwd, '.kube', 'config'), 'contexts:\n- name: from-cwd\n  context: {cluster: x}\n');
    const r = await runCommand(['contexts', '-o', 'json'], { env: {}, cwd });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { files: unknown; contexts: Array<{ name: string; origin: string }> };
    assert.deepEqual(doc.files, [{ path: join(cwd, '.kube', 'config'), exists: true }]);
    assert.deepEqual(
      doc.contexts.map((c) => [c.name, c.origin]),
      [['from-cwd', join(cwd, '.kube', 'config')]],
    );
    const noFallback = await runCommand(['contexts'], { env: { HOME: cwd, KUBECONFIG: 'missing' }, cwd });
    assert.equal(noFallback.code, 3);
    assert.match(noFallback.stderr, /none of the files in KUBECONFIG exists/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
