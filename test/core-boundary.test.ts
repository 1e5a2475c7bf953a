/** The core stays pure: no React or Ink, and no environment, home-directory or clock reads (all injected). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers/run-kpods.js';

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"](react|ink|ink-[a-z-]+)['"]/, 'imports React or Ink'],
  [/from ['"]\.\.\/(\.\.\/)*ui\//, 'imports the UI layer'],
  [/process\.env/, 'reads process.env'],
  [/homedir\s*\(/, 'reads the home directory'],
  [/Date\.now\s*\(/, 'reads the clock (Date.now)'],
  [/new Date\(\s*\)/, 'reads the clock (new Date())'],
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('src/core has no React, Ink, environment, home-directory or clock reads', () => {
  const problems: string[] = [];
  for (const file of tsFiles(join(repoRoot, 'src', 'core'))) {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, why] of FORBIDDEN) if (pattern.test(text)) problems.push(`${file.slice(repoRoot.length)} ${why}`);
  }
  assert.deepEqual(problems, []);
});

test('the boundary check does catch a violation', () => {
  assert.ok(FORBIDDEN.some(([p]) => p.test("const h = process.env['HOME'];")));
  assert.ok(FORBIDDEN.some(([p]) => p.test("import { Box } from 'ink';")));
});
