/** Issue 10 item 14: the README's flag list is complete (every flag of the browser), `kpods --help` lists -A, and no placeholder is left. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TUI_OPTIONS } from '../src/commands/tui.js';
import { HELP } from '../src/cli.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

test('the README names every flag of the browser, with its short form', () => {
  for (const [name, spec] of Object.entries(TUI_OPTIONS)) {
    assert.ok(readme.includes(`--${name}`), `README lacks --${name}`);
    const short = (spec as { short?: string }).short;
    if (short) assert.ok(readme.includes(`\`-${short}`), `README lacks -${short}`);
  }
});

test('kpods --help lists -A and the browser flags -l and -o wide; the README has no <owner> placeholder', () => {
  assert.match(HELP, /-A, --all-namespaces/);
  assert.match(HELP, /-l SELECTOR/);
  assert.match(HELP, /-o wide/);
  assert.doesNotMatch(readme, /<owner>|<your[- ]/i);
});

test("the README explains npm's install-scripts warning (issue 10 item 16)", () => {
  assert.match(readme, /npm warn install-scripts/);
  assert.match(readme, /npm install-scripts ls/);
});
