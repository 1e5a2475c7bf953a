/**
 * Every command but list runs from the bundle the build makes (dist/bundle/cli.js and its chunks):
 * what it prints is what the modules print, a bundle older than the compiled modules or one that
 * does not load is never used, and KPODS_BUNDLE=off runs the modules.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runKpods } from '../helpers/run-kpods.js';
import { runBin, standInInstall } from '../helpers/stand-in-install.js';
import { startSimulator } from '../../src/sim/index.js';

test('the build leaves the bundle, and the commands print the same bytes from it as from the modules', async (t) => {
  assert.ok(existsSync(join(repoRoot, 'dist', 'bundle', 'cli.js')), 'npm run build makes dist/bundle/cli.js (scripts/bundle.js)');
  // Ink's per-frame text caches are carried from frame to frame in the bundle (scripts/bundle.js, inkFrameCaches).
  const chunks = readdirSync(join(repoRoot, 'dist', 'bundle')).map((f) => readFileSync(join(repoRoot, 'dist', 'bundle', f), 'utf8'));
  assert.equal(chunks.filter((c) => c.includes('caches=kpodsCarriedCaches.nextFrame()')).length, 1, "Ink's Output uses the carried caches");
  assert.equal(chunks.filter((c) => c.includes('get(){return kpodsFastGet(this,')).length, 1, "Ink's Output.get takes the fast lines");
  const at = new Date();
  const sim = await startSimulator({ pods: 60, churnPerSecond: 0, now: () => at });
  t.after(() => sim.close());
  const env = { HOME: sim.dir };
  const kc = ['--kubeconfig', sim.kubeconfigPath];
  for (const argv of [
    ['--help'],
    ['--version'],
    ['contexts', ...kc],
    ['trace', '--context', 'developer', ...kc],
    ['why', '-n', 'troubled', ...kc],
    ['top', '-n', 'shop', ...kc],
  ]) {
    const [bundled, modules] = await Promise.all([runKpods(argv, { env }), runKpods(argv, { env: { ...env, KPODS_BUNDLE: 'off' } })]);
    // trace prints how long each stage took: the numbers differ from run to run, the words may not.
    const words = (s: string): string => s.replace(/\d+ ms/g, 'N ms');
    assert.deepEqual({ ...bundled, stdout: words(bundled.stdout) }, { ...modules, stdout: words(modules.stdout) }, argv.join(' '));
  }
});

const MODULES = 'dist/src/cli.js';
const ENTRY = 'dist/bundle/cli.js';

/** A stand-in install whose bundle and modules say which one ran; `older` dated a minute back. */
function fakeInstall(t: TestContext, older: 'bundle' | 'modules'): { bin: string; entry: string } {
  const say = (who: string): string =>
    `export async function main(argv) { process.stdout.write('${who} ' + argv.join(' ') + '\\n'); return 4; }\n`;
  const { bin, root } = standInInstall(t, { [MODULES]: say('modules'), [ENTRY]: say('bundle') }, [older === 'bundle' ? ENTRY : MODULES]);
  return { bin, entry: join(root, ENTRY) };
}

test('a fresh bundle runs the command (its exit code reaches the shell); KPODS_BUNDLE=off runs the modules', (t) => {
  const f = fakeInstall(t, 'modules');
  assert.deepEqual(runBin(f.bin, ['trace', '-o', 'json']), { code: 4, out: 'bundle trace -o json\n' });
  assert.deepEqual(runBin(f.bin, []), { code: 4, out: 'bundle \n' });
  assert.deepEqual(runBin(f.bin, ['demo'], { KPODS_BUNDLE: 'off' }), { code: 4, out: 'modules demo\n' });
});

test('a bundle older than the compiled modules (tsc ran without the bundling step), or none, is not used', (t) => {
  const f = fakeInstall(t, 'bundle');
  assert.deepEqual(runBin(f.bin, ['contexts']), { code: 4, out: 'modules contexts\n' });
  rmSync(f.entry);
  assert.deepEqual(runBin(f.bin, ['contexts']), { code: 4, out: 'modules contexts\n' });
});

test('a bundle that does not load (a build cut short) is not used: the modules run, no stack trace', (t) => {
  const f = fakeInstall(t, 'modules');
  writeFileSync(f.entry, 'export async function main(argv) { process.stdout.write(');
  assert.deepEqual(runBin(f.bin, ['why']), { code: 4, out: 'modules why\n' });
  writeFileSync(f.entry, "import './chunk-gone.js';\nexport const main = 1;\n");
  assert.deepEqual(runBin(f.bin, ['why']), { code: 4, out: 'modules why\n' });
});
