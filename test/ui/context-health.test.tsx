/**
 * The context picker's result column against the simulator: checks start when the picker opens,
 * results fill in while the user keeps typing, Tab shows only working contexts, and closing the
 * picker leaves nothing running; the header then says when the current context checked fine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

const line = (frame: string, name: string): string => frame.split('\n').find((l) => new RegExp(`^[* ] ${name} `).test(l)) ?? '';

test('the context picker fills in results while typing continues; Tab: only working; nothing runs after it closes', async (t) => {
  const { session, ui } = await startAppOnSim(t, {
    sim: { pods: 30, slowMs: 300 },
    feed: { intervalMs: 60_000, watch: false },
    selection: { context: 'admin' },
    columns: 200,
    rows: 40,
  });
  await ui.waitFor((x) => x.includes('you are: kpods-admin'), 'admin rows');

  // Typing starts right after opening, while the checks are still pending.
  let f = await ui.press('c/ex', (x) => x.includes('Contexts') && x.includes('filter: ex'), 'picker open and a filter typed');
  assert.ok(session.health!.active > 0 || /checking/.test(f), 'checks run in the background');
  f = await ui.waitFor(
    (x) => /ok · \d+ pods · exec-user@example\.com/.test(line(x, 'exec-ok')) && /credentials\.exec-failed/.test(line(x, 'exec-fails')),
    'exec results filled in',
    20_000,
  );
  assert.match(line(f, 'exec-missing'), /skipped: needs a terminal/);
  assert.equal(line(f, 'admin'), '', 'the filter still applies');

  // Typing goes on: the filter changes, results stay.
  f = await ui.press('ec-o', (x) => x.includes('filter: exec-o'), 'more typed');
  assert.match(line(f, 'exec-ok'), /ok · /);
  assert.equal(line(f, 'exec-fails'), '');

  // Clear the filter, wait for the fast contexts, then only the working ones.
  await ui.press(KEYS.escape, (x) => !x.includes('filter:'), 'filter cleared');
  f = await ui.waitFor(
    (x) => /authentication\.unauthorized/.test(line(x, 'expired-token')) && /connection\.tls-unknown-authority/.test(line(x, 'wrong-ca')),
    'failures filled in',
    20_000,
  );
  assert.match(line(f, 'admin'), /ok · \d+ pods · kpods-admin/);
  f = await ui.press('\t', (x) => x.includes('only working: Tab'), 'only working');
  assert.equal(line(f, 'wrong-ca'), '');
  assert.equal(line(f, 'expired-token'), '');
  assert.match(line(f, 'admin'), /ok · /);
  f = await ui.press('\t', (x) => !x.includes('only working: Tab'), 'all again');
  assert.match(line(f, 'wrong-ca'), /connection\.tls-unknown-authority/);

  // r checks again: entries go back to pending.
  await ui.press('r', (x) => /checking/.test(line(x, 'admin')) || /checking/.test(x), 'checks again');

  await ui.press(KEYS.escape, (x) => !x.includes('Contexts'), 'picker closed');
  await ui.waitFor(() => session.health!.active === 0, 'no check left running');
  await ui.waitFor((x) => /context checked ok \d+s ago/.test(x), 'header: when the current context last checked fine');
});
