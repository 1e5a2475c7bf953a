/**
 * test/ mirrors src/: a test of src/core/client/x.ts lives in test/core/client/. Besides the
 * mirrored folders, test/ has its own: e2e (the spawned binary), tmux (a real terminal), helpers,
 * fixtures, and bench (which mirrors the top-level bench/ folder).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './helpers/run-kpods.js';

const OWN_FOLDERS = ['e2e', 'tmux', 'helpers', 'fixtures'];
const MIRRORS_TOP_LEVEL = ['bench'];

function folders(dir: string): string[] {
  return readdirSync(dir)
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isDirectory())
    .flatMap((p) => [p, ...folders(p)]);
}

/** The folders of test/ that hold test files but have no folder of the same path under src/. */
function strays(testRoot: string, srcRoot: string): string[] {
  return folders(testRoot)
    .map((d) => relative(testRoot, d))
    .filter((d) => {
      const top = d.split(sep)[0] ?? d;
      if (OWN_FOLDERS.includes(top)) return false;
      if (MIRRORS_TOP_LEVEL.includes(top)) return !existsSync(join(testRoot, '..', d));
      return readdirSync(join(testRoot, d)).some((n) => /\.test\.tsx?$/.test(n)) && !existsSync(join(srcRoot, d));
    });
}

test('every folder of test files under test/ has a matching folder under src/ (or is one of its own)', () => {
  assert.deepEqual(strays(join(repoRoot, 'test'), join(repoRoot, 'src')), []);
});

test('the layout check does catch a test file in a folder src/ does not have', (t) => {
  // A src/ with only core/: test/core/client and test/ui are then strays; test/tmux is still its own.
  const src = mkdtempSync(join(tmpdir(), 'kpods-layout-'));
  t.after(() => rmSync(src, { recursive: true, force: true }));
  mkdirSync(join(src, 'core'));
  const found = strays(join(repoRoot, 'test'), src);
  assert.ok(found.includes(join('core', 'client')), found.join(', '));
  assert.ok(found.includes('ui'), found.join(', '));
  assert.ok(!found.includes('core') && !found.includes('tmux'), found.join(', '));
});
