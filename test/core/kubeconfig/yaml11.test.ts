/** Where YAML 1.1 (kubectl) and YAML 1.2 (most tools) read a kubeconfig differently, kpods says so, with the line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from '../../../src/core/kubeconfig/index.js';
import { dumpDocument, parseFirstDocument } from '../../../src/core/kubeconfig/yaml11.js';

const root = mkdtempSync(join(tmpdir(), 'kpods-yaml11-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

function load(name: string, text: string) {
  const p = join(root, name);
  writeFileSync(p, text);
  return { path: p, result: loadKubeconfig({ explicitPath: p, host: { env: {}, home: root, cwd: root, now: () => new Date(0) } }) };
}

test('yes/on/off in boolean fields are read as kubectl reads them, with a warning naming file and line', () => {
  const { path, result } = load(
    'bools',
    'clusters:\n- name: c\n  cluster:\n    server: https://c\n    insecure-skip-tls-verify: yes\n    disable-compression: Off\npreferences: {colors: true}\n',
  );
  assert.ok(result.ok);
  assert.equal(result.value.clusters[0]?.fields.insecureSkipTlsVerify, true);
  assert.equal(result.value.clusters[0]?.fields.disableCompression, false);
  assert.deepEqual(
    result.value.warnings.map((w) => [w.file, w.line]),
    [
      [path, 5],
      [path, 6],
    ],
  );
  assert.match(result.value.warnings[0]?.message ?? '', /unquoted yes is read as true.*YAML 1\.2 tools read it as the string "yes"/);
});

test('merge keys are reported, and a merge overriding an explicit key is reported as such', () => {
  const { result } = load(
    'merge',
    'd: &d {server: "https://merged"}\nclusters:\n- name: c\n  cluster:\n    server: https://explicit\n    <<: *d\n',
  );
  assert.ok(result.ok);
  assert.equal(result.value.clusters[0]?.fields.server, 'https://merged');
  const messages = result.value.warnings.map((w) => `${w.line}: ${w.message}`);
  assert.ok(
    messages.some((m) => /^6: a `<<` merge key is expanded/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /replaces a key written before it/.test(m)),
    messages.join('\n'),
  );
});

test('numbers in extensions follow go-yaml (octal 0123 is 83) and are reported', () => {
  const { result } = load('ext', 'extensions:\n- name: e\n  extension: {octal: 0123, hex: 0x1F, under: 1_000, f: 1.5, s: "0123"}\n');
  assert.ok(result.ok);
  assert.deepEqual(result.value.extensions[0]?.extension, { octal: 83, hex: 31, under: 1000, f: 1.5, s: '0123' });
  assert.ok(result.value.warnings.some((w) => /0123/.test(w.message) && w.line === 3));
});

test('a rewrite keeps YAML 1.1 values as kubectl reads them', () => {
  const text = 'a: yes\nb: "yes"\nc: 0123\nd: "0123"\ne: on\nf: ~\ng: 1.0\n';
  const parsed = parseFirstDocument(text);
  assert.ok(!('error' in parsed));
  const again = parseFirstDocument(dumpDocument(parsed.doc));
  assert.ok(!('error' in again));
  const plain = (d: unknown): unknown =>
    JSON.parse(
      JSON.stringify(d, (_k, v: unknown) =>
        typeof v === 'object' && v !== null && 'kind' in v && 'text' in v
          ? `${(v as { kind: string }).kind}:${(v as { text: string }).text}`
          : v,
      ),
    );
  assert.deepEqual(plain(again.doc), plain(parsed.doc));
  assert.deepEqual(plain(parsed.doc), { a: 'bool:yes', b: 'yes', c: 'int:0123', d: '0123', e: 'bool:on', f: null, g: 'float:1.0' });
});
