/** Renders the whole interactive App against a simulated cluster (a fresh one unless given), with clean-up registered on `t`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import { App } from '../../src/ui/App.js';
import type { ActionsContext } from '../../src/ui/actions-ui.js';
import { UiSession } from '../../src/ui/session.js';
import type { Selection } from '../../src/ui/session-types.js';
import { followKubeconfig } from '../../src/ui/follow-kubeconfig.js';
import { kubeDeps, loadSource } from '../../src/ui/kube-deps.js';
import { createStore, type Store } from '../../src/ui/store.js';
import { renderSized, type Rendered } from './ink.js';

export interface AppOnSim {
  sim: Simulator;
  store: Store;
  session: UiSession;
  ui: Rendered;
}

export interface AppOnSimOptions {
  sim?: SimulatorOptions;
  /** A running simulator to use instead of starting one (the caller closes it). */
  simulator?: Simulator;
  feed: { intervalMs: number; watch: boolean };
  selection: Selection;
  columns?: number;
  rows?: number;
  /** Follow the kubeconfig file on disk, as `kpods` does. */
  follow?: boolean;
  /** The clock of both the simulator and the UI (default: the real one). */
  now?: () => Date;
  /** Pod actions (delete, kill, marks, shell). */
  actions?: ActionsContext;
}

/** Starts the simulator and the App on it; everything is stopped and removed when `t` ends. */
export async function startAppOnSim(t: TestContext, o: AppOnSimOptions): Promise<AppOnSim> {
  const now = o.now ?? (() => new Date());
  // Torn down last-in first-out: the App and its session stop before the simulator closes, so
  // nothing polls a closing server (node:test runs `after` hooks in the order they were added).
  const teardown: (() => void | Promise<void>)[] = [];
  t.after(async () => {
    for (const step of teardown.reverse()) await step();
  });
  const sim = o.simulator ?? (await startSimulator({ ...o.sim, now }));
  const home = mkdtempSync(join(tmpdir(), 'kpods-ui-home-'));
  teardown.push(async () => {
    if (!o.simulator) await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  const host = { env: {}, home, cwd: home, now };
  const store = createStore();
  const source = loadSource(host, sim.kubeconfigPath);
  const deps = kubeDeps({ host, explicitPath: sim.kubeconfigPath, overrides: {}, source });
  const session = new UiSession(store, deps, o.feed, o.selection);
  if (o.follow) {
    const following = followKubeconfig([sim.kubeconfigPath], source, session, store, { pinnedContext: false, debounceMs: 50 });
    teardown.push(() => following.close());
  }
  const ui = renderSized(
    <App store={store} session={session} saver={deps} color={false} now={host.now} onQuit={() => undefined} actions={o.actions} />,
    o.columns ?? 120,
    o.rows ?? 30,
  );
  teardown.push(async () => {
    ui.unmount();
    await session.stop();
  });
  session.start();
  return { sim, store, session, ui };
}
