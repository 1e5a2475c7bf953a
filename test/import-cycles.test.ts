/** src/ has no import circles: every relative import, static or dynamic, followed from every file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './helpers/run-kpods.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
    const base = join(dirname(file), (m[1] ?? '').replace(/\.js$/, ''));
    for (const ext of ['.ts', '.tsx']) if (existsSync(base + ext)) out.push(base + ext);
  }
  return out;
}

test('src/ has no import circles', () => {
  const files = sources(join(repoRoot, 'src'));
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      circles.push([...path.slice(at), file].map((f) => relative(repoRoot, f)).join(' -> '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(circles, []);
});
