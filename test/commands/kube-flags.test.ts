/** kubectl's target flags as kpods parses them, with a command's own options plugged in. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKubeFlags } from '../../src/commands/kube-flags.js';

test('kubectl spellings: --flag=value, --flag value, -n value, -nvalue, -n=value, repeatable --as-group', () => {
  const r = parseKubeFlags([
    '--kubeconfig=/k',
    '--context',
    'ctx',
    '--cluster=c',
    '--user',
    'u',
    '-nns',
    '--server=https://s',
    '--token',
    't',
    '--certificate-authority=ca.crt',
    '--insecure-skip-tls-verify',
    '--tls-server-name=x.test',
    '--as',
    'alice',
    '--as-group',
    'g1',
    '--as-group=g2',
    '--request-timeout=1m30s',
  ]);
  assert.ok(r.ok);
  assert.equal(r.value.kubeconfig, '/k');
  assert.deepEqual(r.value.overrides, {
    context: 'ctx',
    cluster: 'c',
    user: 'u',
    namespace: 'ns',
    server: 'https://s',
    token: 't',
    certificateAuthority: 'ca.crt',
    tlsServerName: 'x.test',
    as: 'alice',
    requestTimeout: '1m30s',
    insecureSkipTlsVerify: true,
    asGroups: ['g1', 'g2'],
  });
  const short = parseKubeFlags(['-n=team']);
  assert.ok(short.ok);
  assert.equal(short.value.overrides.namespace, 'team');
  const spaced = parseKubeFlags(['-n', 'team', '--namespace=other']);
  assert.ok(spaced.ok);
  assert.equal(spaced.value.overrides.namespace, 'other', 'the last one wins, as in kubectl');
});

test('--insecure-skip-tls-verify=true|false, empty values count as unset', () => {
  const t = parseKubeFlags(['--insecure-skip-tls-verify=true']);
  assert.ok(t.ok && t.value.overrides.insecureSkipTlsVerify === true);
  const f = parseKubeFlags(['--insecure-skip-tls-verify=false']);
  assert.ok(f.ok && f.value.overrides.insecureSkipTlsVerify === undefined);
  const e = parseKubeFlags(['--kubeconfig=', '--context=']);
  assert.ok(e.ok);
  assert.equal(e.value.kubeconfig, undefined);
  assert.deepEqual(e.value.overrides, {});
});

test('a command plugs in its own options; positionals only when allowed', () => {
  const extra = {
    'all-namespaces': { type: 'boolean', short: 'A' },
    selector: { type: 'string', short: 'l' },
    output: { type: 'string', short: 'o' },
    interval: { type: 'string' },
    watch: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  } as const;
  const r = parseKubeFlags(['-A', '-l', 'app=web', '-o', 'wide', '--interval=2s', '--watch', '--no-color', '-n', 'x'], extra);
  assert.ok(r.ok);
  assert.deepEqual(r.value.rest.values, {
    'all-namespaces': true,
    selector: 'app=web',
    output: 'wide',
    interval: '2s',
    watch: true,
    'no-color': true,
  });
  assert.equal(r.value.overrides.namespace, 'x');
  assert.deepEqual(r.value.rest.positionals, []);
  const pos = parseKubeFlags(['name', '--context=c'], {}, { allowPositionals: true });
  assert.ok(pos.ok);
  assert.deepEqual(pos.value.rest.positionals, ['name']);
  assert.equal(parseKubeFlags(['name']).ok, false);
});

test('usage errors: unknown flags, missing values, bad --request-timeout', () => {
  for (const args of [['--bogus'], ['--context'], ['-x'], ['--request-timeout=abc'], ['--request-timeout', '5x']]) {
    const r = parseKubeFlags(args);
    assert.equal(r.ok, false, args.join(' '));
    if (!r.ok) assert.ok(r.usage.length > 0);
  }
  const bad = parseKubeFlags(['--request-timeout=abc']);
  assert.ok(!bad.ok && /Invalid timeout value/.test(bad.usage));
  const help = parseKubeFlags(['-h']);
  assert.ok(help.ok && help.value.help);
});

test('a value that starts with a dash is the value, as kubectl reads it (never Node\'s "argument is ambiguous")', () => {
  const r = parseKubeFlags(['--interval', '-1s', '-n', '-weird'], { interval: { type: 'string' } });
  assert.ok(r.ok, r.ok ? '' : r.usage);
  assert.equal(r.value.rest.values['interval'], '-1s');
  assert.equal(r.value.overrides.namespace, '-weird');
});
