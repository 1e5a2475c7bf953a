/**
 * AGE equals what `kubectl get pods` prints at the same second, in every mode (poll one
 * namespace, poll all, watch one, watch all), also a day later: the simulator and the UIs share
 * one clock, which the test moves (a frozen server clock keeps kubectl's cells exact).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageCell } from '../../src/ui/age.js';
import { startAppOnSim, type AppOnSim } from '../helpers/app-on-sim.js';
import { runKubectl, startTestSimulator as startSimulator, type Simulator } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';

/** kubectl's AGE column by namespace/name. */
async function kubectlAges(sim: Simulator, namespace: string | null): Promise<Map<string, string>> {
  const args = ['get', 'pods', ...(namespace === null ? ['-A'] : ['-n', namespace])];
  const r = await runKubectl(args, { kubeconfig: sim.kubeconfigPath, context: 'admin' });
  assert.equal(r.code, 0, r.stderr);
  const [header, ...lines] = r.stdout.trimEnd().split('\n');
  const ageAt = header!.indexOf('AGE');
  const out = new Map<string, string>();
  for (const l of lines) {
    const words = l.split(/\s+/);
    const key = namespace === null ? `${words[0]}/${words[1]}` : `${namespace}/${words[0]}`;
    out.set(key, l.slice(ageAt).trim().split(/\s+/)[0]!);
  }
  return out;
}

const MODES = [
  { name: 'poll, one namespace', namespace: 'shop', watch: false },
  { name: 'poll, all namespaces', namespace: null, watch: false },
  { name: 'watch, one namespace', namespace: 'shop', watch: true },
  { name: 'watch, all namespaces', namespace: null, watch: true },
] as const;

/** Every app's AGE cells against kubectl's at `now` (kubectl asked once per namespace choice). */
async function same(sim: Simulator, apps: AppOnSim[], now: Date, when: string): Promise<void> {
  const [one, all] = await Promise.all([kubectlAges(sim, 'shop'), kubectlAges(sim, null)]);
  MODES.forEach((mode, i) => {
    const want = mode.namespace === null ? all : one;
    const rows = [...apps[i]!.store.getState().table.rows.values()];
    assert.equal(rows.length, want.size, `${mode.name}, ${when}: kpods has every pod kubectl lists`);
    const wrong = rows
      .map((r) => ({ pod: `${r.namespace}/${r.name}`, kpods: ageCell(r, now), kubectl: want.get(`${r.namespace}/${r.name}`) }))
      .filter((x) => x.kpods !== x.kubectl);
    assert.deepEqual(wrong, [], `${mode.name}, ${when}: AGE differs from kubectl`);
  });
}

test("AGE equals kubectl's at the same second in every mode (poll or watch, one namespace or all), now and 23h59m later", async (t) => {
  if (!requireTool(t, 'kubectl', 'exact AGE against kubectl')) return;
  let clock = new Date('2026-06-01T12:00:00Z');
  const now = (): Date => clock;
  // One simulator for the four apps: they and kubectl read the same pods at the same clock.
  const sim = await startSimulator({ pods: 60, now });
  const apps = await Promise.all(
    MODES.map((mode) =>
      startAppOnSim(t, {
        simulator: sim,
        now,
        feed: { intervalMs: mode.watch ? 3_600_000 : 200, watch: mode.watch },
        selection: { context: 'admin', namespace: mode.namespace },
      }),
    ),
  );
  // Added after the apps' own clean-up, so it runs after they stopped polling.
  t.after(() => sim.close());
  await Promise.all(apps.map((app, i) => app.ui.waitFor(() => app.store.getState().table.hasData, `rows (${MODES[i]!.name})`, 20_000)));
  await same(sim, apps, clock, 'at start');
  // Long enough for every day-old pod to cross into the next day (the old estimate then lagged a unit).
  clock = new Date(clock.getTime() + (23 * 60 + 59) * 60_000);
  const moved = clock.getTime();
  await Promise.all(
    apps.map((app, i) =>
      MODES[i]!.watch
        ? undefined
        : app.ui.waitFor(
            () => (app.store.getState().table.lastGood?.getTime() ?? 0) >= moved,
            `a poll after the clock moved (${MODES[i]!.name})`,
            20_000,
          ),
    ),
  );
  await same(sim, apps, clock, '23h59m later');
});
