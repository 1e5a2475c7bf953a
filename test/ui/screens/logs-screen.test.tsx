/**
 * The log screen on the simulator (ink-testing-library): l opens the selected pod's log and lines
 * arrive while following; f holds the view and counts new lines; t, / and n; the container picker
 * for a sidecar pod; p shows a crash-looping pod's previous log; Esc returns to the same row;
 * no frame is taller than the terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../../helpers/app-on-sim.js';
import { KEYS } from '../../helpers/ink.js';
import type { Simulator } from '../../../src/sim/index.js';

const ROWS = 24;

function podOf(sim: Simulator, state: string, namespace?: string): string {
  for (const v of sim.cluster.iterate(namespace)) if (v.seed?.state === state) return v.key.slice(v.namespace.length + 1);
  throw new Error(`no ${state} pod`);
}

test('l opens the log, lines stream in, f holds with a counter, t and search, Esc returns to the same row', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60, logs: { fastRate: 200 } },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: 'default' },
    rows: ROWS,
  });
  const fast = sim.logs.fastPod!.split('/')[1]!;
  await ui.waitFor((x) => x.includes(fast), 'the table');
  await ui.press(`/${fast}`, (x) => x.includes(`/${fast}`), 'filter typed');
  await ui.press(KEYS.enter, (x) => x.includes(fast) && x.includes('1/1'), 'filtered');
  let f = await ui.press('l', (x) => x.includes(`Logs default/${fast}`) && /GET .* HTTP\/1\.1/.test(x), 'the log', 20_000);
  assert.match(f, /following/);
  // New lines arrive while following.
  const last = (s: string) =>
    s
      .split('\n')
      .filter((l) => /HTTP\/1\.1/.test(l))
      .at(-1);
  const before = last(f);
  f = await ui.waitFor((x) => last(x) !== before, 'a new line');
  // f: held, and new lines are counted.
  f = await ui.press('f', (x) => /held/.test(x), 'held');
  await ui.waitFor((x) => /held · [\d,]+ new lines below/.test(x), 'the counter');
  // t: the timestamp column.
  f = await ui.press('t', (x) => /\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z +\S/.test(x), 'timestamps');
  await ui.press('G', (x) => /following/.test(x), 'following again');
  // Search: / then Enter; the status line counts matches.
  await ui.press('/', (x) => x.includes('/▏'), 'typing a search');
  f = await ui.press('GET /login', (x) => x.includes('/GET /login▏'), 'typed');
  f = await ui.press(KEYS.enter, (x) => /"GET \/login" \d+\/[\d,]+/.test(x), 'matches counted');
  await ui.press('n', (x) => /"GET \/login" \d+\/[\d,]+/.test(x), 'next match');
  for (const frame of ui.frames) assert.ok(frame.split('\n').length <= ROWS - 1, `a frame of ${frame.split('\n').length} lines`);
  // Esc: the table, the cursor on the same pod; the stream is closed.
  f = await ui.press(KEYS.escape, (x) => x.includes('NAME') && x.includes(fast) && !x.includes('Logs '), 'back to the table');
  for (let i = 0; i < 200 && sim.logs.openStreams > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(sim.logs.openStreams, 0);
});

test('a sidecar pod asks for the container (init/sidecar listed with state); p shows the previous log', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: 'shop' },
    rows: ROWS,
  });
  const pod = podOf(sim, 'sidecar', 'shop');
  await ui.waitFor((x) => x.includes(pod), 'the table');
  await ui.press(`/${pod}`, (x) => x.includes(`/${pod}`), 'filter typed');
  await ui.press(KEYS.enter, (x) => x.includes(pod), 'filtered');
  let f = await ui.press('l', (x) => x.includes(`Containers of ${pod}`) && x.includes('istio-proxy'), 'the picker', 20_000);
  assert.match(f, /istio-proxy\s+sidecar · Running · 2 restarts/);
  assert.match(f, /cart\s+Running/);
  f = await ui.press('j', (x) => x.includes('Containers'), 'moved');
  f = await ui.press(KEYS.enter, (x) => x.includes(`Logs shop/${pod} › cart`), 'the cart container');
  f = await ui.press('p', (x) => x.includes('(previous)') && /complete/.test(x), 'the previous log', 20_000);
  assert.match(f, /ECONNREFUSED|Node\.js v20/);
  await ui.press(KEYS.escape, (x) => x.includes('NAME') && x.includes(pod), 'back');
  // The choice is remembered: the picker offers it first.
  f = await ui.press('l', (x) => x.includes('Containers of') && x.includes('last time: cart'), 'remembered', 20_000);
});

test('a waiting container is explained in the view with the server text', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: 'shop' },
    rows: ROWS,
  });
  const pod = podOf(sim, 'containercreating', 'shop');
  await ui.waitFor((x) => x.includes(pod), 'the table');
  await ui.press(`/${pod}`, (x) => x.includes(`/${pod}`), 'filter typed');
  await ui.press(KEYS.enter, (x) => x.includes(pod), 'filtered');
  const f = await ui.press('l', (x) => x.includes('has not started yet (ContainerCreating)'), 'explained', 20_000);
  assert.match(f, /The server said: container "cart" in pod ".*" is waiting to start: ContainerCreating/);
  assert.match(f, /response\.container-waiting/);
});
