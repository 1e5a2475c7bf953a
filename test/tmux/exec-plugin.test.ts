/** Interactive exec plugins: kpods steps aside, the plugin gets the terminal, kpods resumes after it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { kpodsBin, repoRoot } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

function mfaKubeconfig(sim: Simulator, dir: string): string {
  const path = join(dir, 'config');
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  writeFileSync(
    path,
    dump({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'mfa',
      clusters: [{ name: 'sim', cluster: { server: sim.url, 'certificate-authority-data': b64(sim.secrets.caPem) } }],
      users: [
        {
          name: 'mfa-user',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: process.execPath,
              args: [join(repoRoot, 'test/fixtures/ui/mfa-plugin.mjs')],
              env: [{ name: 'KPODS_SIM_EXEC_TOKEN', value: sim.secrets.execToken }],
              interactiveMode: 'Always',
              provideClusterInfo: false,
            },
          },
        },
      ],
      contexts: [{ name: 'mfa', context: { cluster: 'sim', user: 'mfa-user', namespace: 'default' } }],
    }),
    { mode: 0o600 },
  );
  return path;
}

async function setup(t: test.TestContext) {
  const sim = await startSimulator({ pods: 20 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-mfa-'));
  const kc = mfaKubeconfig(sim, home);
  const tmux = startTmux([process.execPath, kpodsBin, '--kubeconfig', kc], { HOME: home }, 100, 24);
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  return tmux;
}

test('an interactive plugin gets the terminal; kpods resumes with rows when it exits', async (t) => {
  if (!requireTool(t, 'tmux', 'the interactive exec plugin tests')) return;
  const tmux = await setup(t);
  await tmux.waitFor(
    (x) => x.includes('MFA code for the test cluster:') && x.includes('needs the terminal'),
    'the plugin prompts on the terminal',
  );
  tmux.send('123456', true);
  tmux.send('Enter');
  const s = await tmux.waitFor((x) => x.includes('ctx: mfa') && x.includes('Running'), 'kpods resumes with rows', 20_000);
  assert.doesNotMatch(s, /MFA code/);
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});

test('Ctrl-C in the plugin returns to kpods with the failure explained', async (t) => {
  if (!requireTool(t, 'tmux', 'the interactive exec plugin tests')) return;
  const tmux = await setup(t);
  await tmux.waitFor((x) => x.includes('MFA code for the test cluster:'), 'the plugin prompts');
  tmux.send('C-c');
  const s = await tmux.waitFor((x) => x.includes('ctx: mfa') && x.includes('[credentials ✗]'), 'kpods explains the failed plugin', 20_000);
  assert.match(s, /Press r to try again/);
  assert.ok(tmux.alive(), 'kpods is still running');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});
