/** Kubeconfig limits: aliases are counted before anything expands; a big file without aliases is no "alias bomb". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKubeconfig } from '../../../src/core/kubeconfig/index.js';
import { expandDocument, MAX_ALIASES } from '../../../src/core/kubeconfig/expand.js';
import { tempDir } from '../../helpers/hostile.js';

const host = (home: string) => ({ env: {}, home, cwd: home, now: () => new Date() });

test('a kubeconfig with more aliases than the cap is refused before it is parsed or expanded', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  // 3 M values once expanded, from a 180 kB file: refused on the alias count, not after expanding.
  const aliases = Array(60_000).fill('*a').join(',');
  const path = join(dir, 'bomb.yaml');
  writeFileSync(path, `apiVersion: v1\nkind: Config\nx: &a [${Array(50).fill('"x"').join(',')}]\ny: [${aliases}]\n`);
  const t0 = performance.now();
  const r = loadKubeconfig({ explicitPath: path, host: host(dir) });
  const ms = performance.now() - t0;
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.failure.summary, new RegExp(`more than ${MAX_ALIASES.toLocaleString('en-US')} YAML aliases`));
  assert.match(r.failure.summary, /before expanding/);
  t.diagnostic(`refused in ${Math.round(ms)} ms`);
});

test('a document with many values and no aliases is not an alias bomb', () => {
  // Wider than the expansion cap (a small one: the rule, not the size, is under test), but every
  // node appears once: nothing was aliased.
  const cap = 1000;
  const users = Array.from({ length: cap / 4 + 10 }, (_, i) => ({ name: `u${i}`, user: { token: 't' } }));
  const r = expandDocument({ apiVersion: 'v1', users }, new WeakMap(), cap);
  assert.equal(r.ok, true, r.ok ? '' : r.reason);
  // The same width with a node used twice (early, where the count sees it) is refused.
  const aliased = { apiVersion: 'v1', users: [users[0], ...users] };
  assert.equal(expandDocument(aliased, new WeakMap(), cap).ok, false);
});

test('a document whose aliases expand past the cap is still refused, naming aliases', () => {
  const shared = Array.from({ length: 1000 }, () => 'x');
  const doc = { a: Array.from({ length: 3000 }, () => shared) };
  const r = expandDocument(doc, new WeakMap());
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /aliases/);
});
