/**
 * `kpods list` runs from the bundle the build makes (dist/kpods-list.cjs) with a V8 code cache
 * beside it: the bytes printed are those of the modules, a bundle older than the compiled list
 * command is never used, and the code cache is made by the first run and then taken.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runKpods } from '../helpers/run-kpods.js';
import { runBin, standInInstall } from '../helpers/stand-in-install.js';
import { startSimulator } from '../../src/sim/index.js';

test('the build leaves a bundle, and list prints the same bytes from it as from the modules', async (t) => {
  assert.ok(existsSync(join(repoRoot, 'dist', 'kpods-list.cjs')), 'npm run build makes dist/kpods-list.cjs (scripts/bundle.js)');
  // A stopped server clock: the two runs see the same ages.
  const at = new Date();
  const sim = await startSimulator({ pods: 300, churnPerSecond: 0, now: () => at });
  t.after(() => sim.close());
  const env = { HOME: sim.dir };
  for (const args of [['-A'], ['-n', 'shop', '-o', 'wide'], ['-n', 'nowhere'], ['--context', 'developer']]) {
    const argv = ['list', ...args, '--kubeconfig', sim.kubeconfigPath];
    const [bundled, modules] = await Promise.all([runKpods(argv, { env }), runKpods(argv, { env: { ...env, KPODS_LIST_BUNDLE: 'off' } })]);
    assert.deepEqual(bundled, modules, args.join(' '));
  }
});

const LIST_MODULE = 'dist/src/commands/list.js';
const BUNDLE = 'dist/kpods-list.cjs';

/** A stand-in install whose list "bundle" and "modules" say which one ran; `older` dated a minute back. */
function fakeInstall(t: TestContext, older: 'bundle' | 'listModule'): { bin: string; bundle: string } {
  const { bin, root } = standInInstall(
    t,
    {
      [LIST_MODULE]: 'export {};\n',
      'dist/src/cli.js': "export async function main(argv) { process.stdout.write('modules ' + argv.join(' ') + '\\n'); return 0; }\n",
      [BUNDLE]: "exports.runList = async (args) => { process.stdout.write('bundle ' + args.join(' ') + '\\n'); return 3; };\n",
    },
    [older === 'bundle' ? BUNDLE : LIST_MODULE],
  );
  return { bin, bundle: join(root, BUNDLE) };
}

test('a fresh bundle runs list (its exit code reaches the shell), and its code cache is made once and kept', (t) => {
  const f = fakeInstall(t, 'listModule');
  assert.deepEqual(runBin(f.bin, ['list', '-A']), { code: 3, out: 'bundle -A\n' });
  assert.ok(existsSync(f.bundle + '.cache'), 'the first run keeps the code cache');
  assert.deepEqual(runBin(f.bin, ['list', '-n', 'x']), { code: 3, out: 'bundle -n x\n' });
  assert.deepEqual(runBin(f.bin, ['contexts']), { code: 0, out: 'modules contexts\n' });
});

test('a bundle older than the compiled list command (tsc ran without the bundling step) is not used', (t) => {
  const f = fakeInstall(t, 'bundle');
  assert.deepEqual(runBin(f.bin, ['list', '-A']), { code: 0, out: 'modules list -A\n' });
  rmSync(f.bundle);
  assert.deepEqual(runBin(f.bin, ['list']), { code: 0, out: 'modules list\n' });
});

test('a damaged bundle (a build cut short) is not used: the modules run list, no stack trace', (t) => {
  const f = fakeInstall(t, 'listModule');
  writeFileSync(f.bundle, 'exports.runList = async (args) => { process.stdout.write(');
  assert.deepEqual(runBin(f.bin, ['list', '-A']), { code: 0, out: 'modules list -A\n' });
});
