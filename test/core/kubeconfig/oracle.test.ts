/**
 * The kubectl oracle: for each case, kpods' merged kubeconfig rendered as `kubectl config view
 * --raw -o json` must equal what the real kubectl prints for the same files and environment;
 * where kubectl refuses a file, kpods must refuse it too, naming the same file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig, renderConfigView } from '../../../src/core/kubeconfig/index.js';
import { repoRoot } from '../../helpers/run-kpods.js';
import { mapLimit, runKubectl } from '../../helpers/kubectl.js';
import { requireTool } from '../../helpers/tools.js';

const dir = join(repoRoot, 'test', 'fixtures', 'kubeconfig', 'oracle');

interface Case {
  name: string;
  /** KUBECONFIG entries, relative to the fixture folder (joined with path.delimiter). */
  env?: string[];
  /** A raw KUBECONFIG value (for empty entries and delimiters). */
  rawEnv?: string;
  /** `--kubeconfig`. */
  explicit?: string;
  /** KUBECONFIG set together with --kubeconfig (to show it is ignored). */
  alsoEnv?: string[];
  /** Expect both to fail. */
  fails?: boolean;
}

const CASES: Case[] = [
  // Cases that concern loading and merging
  { name: 'three missing files: empty config', env: ['missing-1.yaml', 'missing-2.yaml', 'missing-3.yaml'] },
  { name: 'a file holding "bogus value" is refused', explicit: 'bogus.yaml', fails: true },
  { name: 'a directory is refused', explicit: 'dir1', fails: true },
  { name: '--kubeconfig is the whole chain, KUBECONFIG ignored', explicit: 'a.yaml', alsoEnv: ['b.yaml'] },
  { name: 'A:B, conflicts: first definition wins whole, current-context from B', env: ['a.yaml', 'b.yaml'] },
  { name: 'disjoint files: the union, sorted', env: ['c.yaml', 'd.yaml', 'exec.yaml', 'json.json'] },
  { name: 'only current-context: empty collections', env: ['only-current.yaml'] },
  { name: 'duplicate cluster in one file', env: ['dup-cluster.yaml'], fails: true },
  { name: 'duplicate context in one file', env: ['dup-context.yaml'], fails: true },
  { name: 'duplicate user in one file', env: ['dup-user.yaml'], fails: true },
  { name: 'duplicate extension in one file', env: ['dup-extension.yaml'], fails: true },
  { name: 'relative paths are printed as written', env: ['dir1/.kubeconfig', 'dir2/.kubeconfig'] },
  { name: 'exec v1, v1beta1 (interactiveMode default), relative command', env: ['exec.yaml'] },
  { name: 'duplicates in KUBECONFIG are read once', env: ['a.yaml', 'a.yaml', 'b.yaml', 'b.yaml', 'c.yaml', 'b.yaml'] },
  { name: '/env/a:/other/b order', env: ['c.yaml', 'a.yaml'] },
  { name: 'extra delimiters are ignored', rawEnv: `${delimiter}c.yaml${delimiter}` },
  { name: 'two files, current-context from the first that sets it', env: ['c.yaml', 'b.yaml'] },
  { name: 'a later duplicate of a name is no error', env: ['a.yaml', 'dup-user-free.yaml', 'b.yaml'] },
  { name: 'empty user, "" names, context without user', env: ['names.yaml'] },
  // orderings and overlaps
  { name: 'B:A reverses who wins', env: ['b.yaml', 'a.yaml'] },
  { name: 'A:B:C three-way overlap', env: ['a.yaml', 'b.yaml', 'c.yaml'] },
  { name: 'missing entries in the middle are skipped', env: ['a.yaml', 'nope.yaml', 'b.yaml'] },
  { name: 'an explicit "" current-context does not block a later one', env: ['empty-current.yaml', 'b.yaml'] },
  { name: 'byte-order sort of names (10 9 B a b)', env: ['d.yaml'] },
  { name: 'a and ./a are different entries', rawEnv: ['a.yaml', './a.yaml', 'b.yaml'].join(delimiter) },
  // values and types
  { name: 'impersonation, auth-provider, extensions, preferences', env: ['exec.yaml'] },
  { name: '*-data with newlines is re-encoded', env: ['data.yaml'] },
  { name: '*-data with a space is refused', env: ['bad-b64-space.yaml'], fails: true },
  { name: '*-data without padding is refused', env: ['bad-b64-nopad.yaml'], fails: true },
  { name: 'a JSON file', env: ['json.json'] },
  { name: 'anchors, aliases and merge keys', env: ['anchors.yaml'] },
  { name: 'merge-key order as go-yaml reads it', env: ['merge-order.yaml'] },
  { name: 'yes/on in boolean fields are true', env: ['yes-bool.yaml'] },
  { name: 'yes in a string field is refused', env: ['yes-string.yaml'], fails: true },
  { name: 'y in a list of strings is refused', env: ['y-in-list.yaml'], fails: true },
  { name: 'a number as a name is refused', env: ['number-name.yaml'], fails: true },
  { name: 'an octal-looking name is refused', env: ['octal-name.yaml'], fails: true },
  { name: '"true" (quoted) in a boolean field is refused', env: ['quoted-true.yaml'], fails: true },
  { name: 'clusters written as a map is refused', env: ['map-clusters.yaml'], fails: true },
  { name: 'apiVersion v2 is refused', env: ['v2.yaml'], fails: true },
  { name: 'kind Pod is refused', env: ['pod.yaml'], fails: true },
  { name: 'tab indentation is refused', env: ['tab.yaml'], fails: true },
  { name: 'a flow error is refused', env: ['flow-error.yaml'], fails: true },
  { name: 'one bad file breaks the whole chain', env: ['a.yaml', 'bogus.yaml'], fails: true },
  { name: 'CRLF line ends', env: ['crlf.yaml'] },
  { name: 'a byte-order mark', env: ['bom.yaml'] },
  { name: 'multi-document YAML: first document only', env: ['multidoc.yaml'] },
  { name: 'duplicate keys: the last wins', env: ['dupkey.yaml'] },
  { name: 'unknown and wrong-case keys are ignored', env: ['unknown-keys.yaml'] },
  { name: 'empty, comment-only and null files', env: ['empty.yaml', 'comment-only.yaml', 'null.yaml', 'c.yaml'] },
  { name: 'null lists', env: ['null-lists.yaml'] },
  { name: 'extension values: YAML 1.1 numbers and keys, tags, timestamps as strings, null name', env: ['extension-values.yaml'] },
  { name: 'YAML: double-quoted escapes (\\x41, \\u00e9, \\t)', env: ['syntax-esc2.yaml'] },
  { name: 'YAML: an explicit ? key', env: ['syntax-complexkey.yaml'] },
  { name: 'YAML: a %YAML 1.1 directive', env: ['syntax-directive.yaml'] },
  { name: 'YAML: a %YAML 1.2 directive is refused', env: ['syntax-directive12.yaml'], fails: true },
  { name: 'YAML: text after a ... document end is ignored', env: ['syntax-docend.yaml'] },
  { name: 'YAML: an empty key', env: ['syntax-emptykey.yaml'] },
  { name: 'YAML: a folded scalar', env: ['syntax-folded.yaml'] },
  { name: 'YAML: an anchored string used as a name', env: ['syntax-anchorname.yaml'] },
  { name: 'YAML: a local tag (!foo) is ignored', env: ['syntax-localtag.yaml'] },
  { name: 'YAML: !!str yes is a string', env: ['syntax-tagstr.yaml'] },
  { name: 'YAML: a tab after the colon', env: ['syntax-tabvalue.yaml'] },
  { name: 'YAML: 1:20 is a string (no base 60)', env: ['syntax-sexa.yaml'] },
  { name: 'YAML: ~ for current-context and clusters', env: ['syntax-nulltilde.yaml'] },
  { name: 'YAML: numeric keys in extensions (1.50, 1e2, 010)', env: ['syntax-floatkey.yaml'] },
  { name: 'YAML: y/n/yes/No/on/OFF/TRUE in an extension list are booleans', env: ['syntax-ylist.yaml'] },
  { name: 'YAML: UTF-16 with a byte-order mark', env: ['syntax-utf16.yaml'] },
  { name: 'YAML: .nan in an extension is refused', env: ['syntax-nanext.yaml'], fails: true },
  { name: 'YAML: extension numbers: -0x10, +12, 1e400 (a string)', env: ['syntax-bigint.yaml'] },
  { name: 'YAML: \\/ in a double-quoted string is refused (YAML 1.2 only)', env: ['syntax-esc-slash.yaml'], fails: true },
  { name: 'YAML: \\/ in plain and single-quoted strings, and \\\\/ quoted, are fine', env: ['syntax-esc-ok.yaml'] },
  { name: 'YAML: an escaped tab in a double-quoted string', env: ['syntax-esc-tab.yaml'] },
  { name: 'YAML: a null mapping key is refused', env: ['syntax-null-key.yaml'], fails: true },
  { name: 'YAML: null values and a quoted "null" key are fine', env: ['syntax-null-values.yaml'] },
  { name: '*-data as a list of byte values', env: ['data-byte-list.yaml'] },
  { name: '*-data list with a value over 255 is refused', env: ['data-byte-list-bad.yaml'], fails: true },
  { name: 'YAML: !!null "" and !!str 5', env: ['syntax-explicit-null.yaml'] },
  { name: 'YAML: a merge key with a scalar value is refused', env: ['merge-scalar.yaml'], fails: true },
  { name: 'YAML: .inf in an unknown field is refused', env: ['syntax-inf-unknown.yaml'], fails: true },
  { name: 'YAML: !!binary values are decoded to strings', env: ['syntax-binary.yaml'] },
  { name: 'YAML: !!binary with a space is refused', env: ['syntax-binary-bad.yaml'], fails: true },
  { name: 'multi-document YAML: what only the second document has is ignored', env: ['multidoc-second-bad.yaml'] },
  { name: 'odd shapes: null entries, empty exec and auth-provider, unicode byte order, empty lists', env: ['odd-shapes.yaml'] },
];

function kubeconfigEnv(c: Case): string | undefined {
  if (c.rawEnv !== undefined) return c.rawEnv;
  const list = c.env ?? c.alsoEnv;
  return list?.join(delimiter);
}

test('the kubectl oracle corpus has at least 30 cases', () => {
  assert.ok(CASES.length >= 30, `only ${CASES.length} cases`);
});

test('kpods merges kubeconfig exactly as `kubectl config view --raw -o json` prints it', { timeout: 120_000 }, async (t) => {
  if (!requireTool(t, 'kubectl', 'the kubectl oracle comparisons')) return;
  const home = mkdtempSync(join(tmpdir(), 'kpods-oracle-home-'));
  try {
    const results = await mapLimit(CASES, 4, async (c) => {
      const env: Record<string, string> = {};
      const kc = kubeconfigEnv(c);
      if (kc !== undefined) env['KUBECONFIG'] = kc;
      const args = ['config', 'view', '--raw', '-o', 'json'];
      if (c.explicit) args.push(`--kubeconfig=${c.explicit}`);
      const k = await runKubectl(args, { cwd: dir, env, home });
      const mine = loadKubeconfig({
        host: { env, home, cwd: dir, now: () => new Date(0) },
        ...(c.explicit ? { explicitPath: c.explicit } : {}),
      });
      return { c, k, mine };
    });
    const problems: string[] = [];
    for (const { c, k, mine } of results) {
      if (k.code !== 0) {
        if (!c.fails) problems.push(`${c.name}: kubectl failed unexpectedly: ${k.stderr}`);
        if (mine.ok) {
          problems.push(`${c.name}: kubectl refused (${k.stderr.trim()}) but kpods loaded it`);
          continue;
        }
        const file = /config file "([^"]+)"/.exec(k.stderr)?.[1] ?? /read ([^:]+): is a directory/.exec(k.stderr)?.[1];
        if (!file) problems.push(`${c.name}: could not find the file in kubectl's error: ${k.stderr}`);
        else if (!mine.failure.summary.includes(join(dir, file)))
          problems.push(`${c.name}: kpods' failure does not name ${file}: ${mine.failure.summary}`);
        if (mine.failure.code !== 'kubeconfig.invalid') problems.push(`${c.name}: expected kubeconfig.invalid, got ${mine.failure.code}`);
        // Facts kubectl states precisely must be stated the same way.
        for (const fact of [/illegal base64 data at input byte \d+/, /duplicate name "[^"]*" in list/]) {
          const theirs = fact.exec(k.stderr)?.[0];
          if (theirs && !mine.failure.summary.includes(theirs))
            problems.push(`${c.name}: kubectl says "${theirs}", kpods says: ${mine.failure.summary}`);
        }
        continue;
      }
      if (c.fails) problems.push(`${c.name}: expected kubectl to refuse, it printed ${k.stdout}`);
      if (!mine.ok) {
        problems.push(`${c.name}: kpods failed (${mine.failure.summary}) where kubectl succeeded`);
        continue;
      }
      try {
        assert.deepStrictEqual(JSON.parse(JSON.stringify(renderConfigView(mine.value))), JSON.parse(k.stdout));
      } catch (err) {
        problems.push(`${c.name}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test(
  'relative paths resolve against the defining file, as `kubectl config view --minify --flatten` reads them',
  { timeout: 60_000 },
  async (t) => {
    if (!requireTool(t, 'kubectl', 'the kubectl oracle comparisons')) return;
    const root = mkdtempSync(join(tmpdir(), 'kpods-oracle-paths-'));
    try {
      const { mkdirSync, writeFileSync, symlinkSync, readFileSync } = await import('node:fs');
      const { resolveTarget } = await import('../../../src/core/kubeconfig/index.js');
      for (const d of ['real/sub', 'real/ca', 'linkdir', 'real/~']) mkdirSync(join(root, d), { recursive: true });
      const put = (p: string, s: string): void => writeFileSync(join(root, p), s);
      put('real/ca/one.crt', 'CA-ONE');
      put('real/sub/client.crt', 'CERT-SUB');
      put('real/sub/client.key', 'KEY-SUB');
      put('real/~/ca.crt', 'CA-TILDE');
      put('linkdir/client.crt', 'CERT-VIA-LINK-DIR');
      put('linkdir/client.key', 'KEY-VIA-LINK-DIR');
      put(
        'real/sub/kc',
        [
          'clusters:',
          '- name: c1',
          '  cluster: {server: "https://c1", certificate-authority: ../ca/one.crt}',
          '- name: c2',
          '  cluster: {server: "https://c2", certificate-authority: ~/ca.crt}',
          'users:',
          '- name: u1',
          '  user: {client-certificate: client.crt, client-key: ./client.key}',
          'contexts:',
          '- name: x1',
          '  context: {cluster: c1, user: u1}',
          '- name: x2',
          '  context: {cluster: c2, user: u1}',
          'current-context: x1',
        ].join('\n'),
      );
      put('real/~/../sub/.keep', '');
      symlinkSync(join(root, 'real/sub/kc'), join(root, 'linkdir/kc')); // symlinks are not followed
      const cases = [
        { kubeconfig: 'real/sub/kc', context: 'x1' },
        { kubeconfig: 'real/sub/kc', context: 'x2' },
        { kubeconfig: 'linkdir/kc', context: 'x1' },
      ];
      const answers = await mapLimit(cases, 4, (c) =>
        runKubectl(['config', 'view', '--raw', '--minify', '--flatten', '-o', 'json', `--context=${c.context}`], {
          cwd: root,
          env: { KUBECONFIG: c.kubeconfig },
        }),
      );
      for (const [i, c] of cases.entries()) {
        const k = answers[i]!;
        const h = { env: { KUBECONFIG: c.kubeconfig }, home: root, cwd: root, now: () => new Date(0) };
        const loaded = loadKubeconfig({ host: h });
        assert.ok(loaded.ok);
        const target = resolveTarget(loaded.value, { context: c.context }, h, { serviceAccountDir: join(root, 'none') });
        assert.ok(target.ok, target.ok ? '' : target.failure.summary);
        const read = (p: string | undefined): string | undefined => (p ? readFileSync(p).toString('base64') : undefined);
        if (k.code !== 0) {
          // kubectl names the absolute path it could not read; kpods must point at the same path.
          const missing = /open ([^:]+): no such file/.exec(k.stderr)?.[1];
          assert.ok(missing, k.stderr);
          assert.ok(
            [target.value.tls.caFile, target.value.tls.certFile, target.value.tls.keyFile].includes(missing),
            `${missing} not among kpods' paths`,
          );
          continue;
        }
        const view = JSON.parse(k.stdout) as {
          clusters: Array<{ cluster: Record<string, string> }>;
          users: Array<{ user: Record<string, string> }>;
        };
        assert.equal(
          read(target.value.tls.caFile),
          view.clusters[0]?.cluster['certificate-authority-data'],
          `${c.kubeconfig} ${c.context} CA`,
        );
        assert.equal(read(target.value.tls.certFile), view.users[0]?.user['client-certificate-data'], `${c.kubeconfig} ${c.context} cert`);
        assert.equal(read(target.value.tls.keyFile), view.users[0]?.user['client-key-data'], `${c.kubeconfig} ${c.context} key`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);

test(
  'which files are read: home file, no fallback once KUBECONFIG is set, HOME unset, ~ never expanded, legacy file',
  { timeout: 60_000 },
  async (t) => {
    if (!requireTool(t, 'kubectl', 'the kubectl oracle comparisons')) return;
    const { mkdirSync, writeFileSync, existsSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'kpods-oracle-chain-'));
    const cfg = (name: string): string => `current-context: ${name}\nclusters:\n- name: ${name}\n  cluster: {server: "https://${name}"}\n`;
    const cases: Array<{
      name: string;
      env: Record<string, string>;
      home: string | null;
      setup: (dir: string, home: string) => void;
      explicit?: string;
    }> = [
      { name: 'KUBECONFIG unset: $HOME/.kube/config', env: {}, home: 'h', setup: (_d, h) => put(join(h, '.kube', 'config'), cfg('home')) },
      {
        name: 'KUBECONFIG set to a missing file: no fallback to home',
        env: { KUBECONFIG: 'missing' },
        home: 'h',
        setup: (_d, h) => put(join(h, '.kube', 'config'), cfg('home')),
      },
      {
        name: 'KUBECONFIG set to the delimiter alone: no fallback',
        env: { KUBECONFIG: delimiter },
        home: 'h',
        setup: (_d, h) => put(join(h, '.kube', 'config'), cfg('home')),
      },
      { name: 'HOME unset: ./.kube/config', env: {}, home: null, setup: (d) => put(join(d, '.kube', 'config'), cfg('cwd')) },
      { name: 'HOME empty: ./.kube/config', env: { HOME: '' }, home: null, setup: (d) => put(join(d, '.kube', 'config'), cfg('cwd')) },
      {
        name: '~ in KUBECONFIG is a folder named ~',
        env: { KUBECONFIG: '~/kc' },
        home: 'h',
        setup: (d, h) => (put(join(d, '~', 'kc'), cfg('tilde')), put(join(h, 'kc'), cfg('home'))),
      },
      {
        name: '--kubeconfig= (empty) counts as unset',
        env: { KUBECONFIG: 'e' },
        home: 'h',
        explicit: '',
        setup: (d) => put(join(d, 'e'), cfg('env')),
      },
      {
        name: 'relative KUBECONFIG entries resolve against the working directory',
        env: { KUBECONFIG: `sub/x${delimiter}./sub/x` },
        home: 'h',
        setup: (d) => put(join(d, 'sub', 'x'), cfg('sub')),
      },
      {
        name: 'only ~/.kube/.kubeconfig exists',
        env: {},
        home: 'h',
        setup: (_d, h) => put(join(h, '.kube', '.kubeconfig'), cfg('legacy')),
      },
    ];
    function put(p: string, s: string): void {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, s);
    }
    try {
      const dirs = cases.map((c, i) => {
        const theirs = join(root, `k${i + 1}`);
        const mine = join(root, `m${i + 1}`);
        for (const d of [theirs, mine]) {
          mkdirSync(join(d, 'h'), { recursive: true });
          c.setup(d, join(d, 'h'));
        }
        return { theirs, mine };
      });
      const answers = await mapLimit(cases, 4, (c) => {
        const { theirs } = dirs[cases.indexOf(c)]!;
        const args = ['config', 'view', '--raw', '-o', 'json', ...(c.explicit !== undefined ? [`--kubeconfig=${c.explicit}`] : [])];
        return runKubectl(args, { cwd: theirs, env: { ...c.env }, home: c.home === null ? null : join(theirs, c.home) });
      });
      const n = cases.length;
      for (const [i, c] of cases.entries()) {
        const { mine } = dirs[i]!;
        const env = { ...c.env };
        const k = answers[i]!;
        assert.equal(k.code, 0, `${c.name}: ${k.stderr}`);
        const home = c.home === null || c.env['HOME'] === '' ? undefined : join(mine, c.home);
        const r = loadKubeconfig({
          host: { env, home, cwd: mine, now: () => new Date(0) },
          ...(c.explicit !== undefined ? { explicitPath: c.explicit } : {}),
        });
        assert.ok(r.ok, `${c.name}: ${r.ok ? '' : r.failure.summary}`);
        assert.deepEqual(JSON.parse(JSON.stringify(renderConfigView(r.value))), JSON.parse(k.stdout), c.name);
      }
      // kubectl copies the legacy file; kpods reads it in place and copies nothing.
      assert.ok(existsSync(join(root, `k${n}`, 'h', '.kube', 'config')));
      assert.ok(!existsSync(join(root, `m${n}`, 'h', '.kube', 'config')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
