/**
 * A poll that asks for the same list again gets the same row objects for pods that did not change
 * (the browser then sees what changed by identity), and new rows for those that did.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import type { PodRow } from '../../../src/core/client/index.js';
import { simClient } from '../../helpers/sim-client.js';

let sim: Simulator;

before(async () => {
  sim = await startSimulator({ pods: 40 });
});
after(async () => {
  await sim?.close();
});

const byKey = (rows: readonly PodRow[]): Map<string, PodRow> => new Map(rows.map((r) => [r.key, r]));

test('polls of an unchanged list give the same rows; a changed pod gets a new row with its new cells', async () => {
  const c = simClient(sim);
  try {
    const first = await c.listPods({}, { perNamespace: true });
    assert.ok(first.ok);
    for (const cached of [false, true]) {
      const again = await c.listPods({}, { perNamespace: true, cached });
      assert.ok(again.ok);
      const old = byKey(first.value.rows);
      // Every row whose cells are the same is the very same object (ages may tick in between).
      for (const r of again.value.rows) if (JSON.stringify(old.get(r.key)) === JSON.stringify(r)) assert.equal(r, old.get(r.key), r.key);
    }
    const target = first.value.rows.find((r) => r.restartCount < 100)!;
    assert.ok(
      sim.cluster.updatePod(target.namespace, target.name, (p) => {
        const cs = p.status?.containerStatuses?.[0];
        if (cs) cs.restartCount = 4321;
      }),
    );
    const changed = await c.listPods({}, { perNamespace: true, cached: true });
    assert.ok(changed.ok);
    const row = changed.value.rows.find((r) => r.key === target.key)!;
    assert.notEqual(row, target);
    assert.match(row.restarts, /^4321\b/);
    assert.equal(changed.value.rows.length, first.value.rows.length);
  } finally {
    await c.dispose();
  }
});

test('splitTable cuts a Table between its rows only, and gives up on any other layout', async () => {
  const { splitTable } = await import('../../../src/core/client/table-text.js');
  const head = '{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},"columnDefinitions":[{"name":"Name"}],';
  const a = '{"cells":["a \\"{\\"cells\\":[x]}\\" ,{"]}';
  const b = '{"cells":["b"]}';
  const split = splitTable(`${head}"rows":[${a},${b}]}\n`);
  assert.deepEqual(split, { head: `${head}"rows":[]}`, rows: [a, b] });
  assert.deepEqual(JSON.parse(split!.rows[0]!), JSON.parse(a));
  assert.deepEqual(splitTable(`${head}"rows":[]}`), { head: `${head}"rows":[]}`, rows: [] });
  // Rows not last, or not starting with their cells: parsed whole instead.
  assert.equal(splitTable(`${head}"rows":[${b}],"x":1}`), undefined);
  assert.equal(splitTable(`${head}"rows":[{"object":null,"cells":["b"]}]}`), undefined);
  assert.equal(splitTable(`${head.slice(0, -1)}}`), undefined);
});

test('splitTable over the pieces a body arrived in gives what it gives over the whole text, wherever the cuts fall', async () => {
  const { splitTable } = await import('../../../src/core/client/table-text.js');
  const head = '{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},"columnDefinitions":[{"name":"Name"}],';
  const rows = Array.from({ length: 40 }, (_, i) => `{"cells":["pod-${i}${'x'.repeat(i * 7)}","1/1","Running ]}\\",{",${i},"é${i}"]}`);
  const texts = [
    `${head}"rows":[${rows.join(',')}]}\n`,
    `${head}"rows":[${rows[0]}]}`,
    `${head}"rows":[]}`,
    // Laid out otherwise: undefined whole or in pieces.
    `${head}"rows":[${rows.slice(0, 3).join(',')}],"x":1}`,
    `${head}"rows":[{"object":null,"cells":["b"]}]}`,
    `${head.slice(0, -1)}}`,
  ];
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (const text of texts) {
    const whole = splitTable(text);
    for (let round = 0; round < 200; round++) {
      // Cuts anywhere, often (one-character pieces) or rarely, the marker and row starts included.
      const cuts = new Set<number>();
      const count = random(round % 3 === 0 ? text.length : 12) + 1;
      for (let i = 0; i < count; i++) cuts.add(random(text.length + 1));
      const at = [0, ...[...cuts].sort((x, y) => x - y), text.length];
      const pieces = at.slice(1).map((end, i) => text.slice(at[i], end));
      assert.deepEqual(splitTable(pieces), whole, `cut at ${at.join(',')}`);
    }
  }
  assert.equal(splitTable(texts[0]!)!.rows.length, 40);
});

test('a long poll answer is read a thousand rows at a time when the caller gives a pause (before each slice), with the same rows', async () => {
  const { ROWS_BETWEEN_PAUSES } = await import('../../../src/core/client/table-text.js');
  const big = await startSimulator({ pods: 9000, churnPerSecond: 0 });
  const c = simClient(big);
  try {
    const first = await c.listPods({}, { perNamespace: true });
    assert.ok(first.ok);
    const perNamespace = new Map<string, number>();
    for (const r of first.value.rows) perNamespace.set(r.namespace, (perNamespace.get(r.namespace) ?? 0) + 1);
    const largest = Math.max(...perNamespace.values());
    assert.ok(largest > ROWS_BETWEEN_PAUSES, `a namespace holds more than ${ROWS_BETWEEN_PAUSES} pods (${largest})`);
    let pauses = 0;
    const paused = await c.listPods({}, { perNamespace: true, cached: true, pause: async () => void pauses++ });
    assert.ok(paused.ok);
    // Before every slice, the first of each namespace's answer too (answers arriving together take turns).
    const slices = [...perNamespace.values()].reduce((n, pods) => n + Math.ceil(pods / ROWS_BETWEEN_PAUSES), 0);
    assert.equal(pauses, slices, `paused ${pauses} times`);
    const plain = await c.listPods({}, { perNamespace: true, cached: true });
    assert.ok(plain.ok);
    assert.deepEqual(
      paused.value.rows.map((r) => r.key),
      plain.value.rows.map((r) => r.key),
    );
  } finally {
    await c.dispose();
    await big.close();
  }
});

test('sameText: two texts in pieces cut in different places are compared as texts', async () => {
  const { sameText } = await import('../../../src/core/client/text-pieces.js');
  assert.ok(sameText(['abc', 'def'], ['a', 'bcde', 'f']));
  assert.ok(sameText(['abcdef'], ['abc', '', 'def']));
  assert.ok(sameText([], ['']));
  assert.ok(!sameText(['abc', 'def'], ['abc', 'deg']));
  assert.ok(!sameText(['abc', 'def'], ['abcdef', 'g']));
  assert.ok(!sameText(['abd', 'ef'], ['ab', 'cef']));
});

test('a list read once (kpods list) keeps no row texts: the next list of it is parsed whole', async () => {
  const afterFirst = async (first: { once?: boolean }): Promise<number> => {
    const c = simClient(sim);
    try {
      let pauses = 0;
      assert.ok((await c.listPods({}, { perNamespace: true, ...first })).ok);
      assert.ok((await c.listPods({}, { perNamespace: true, cached: true, pause: async () => void pauses++ })).ok);
      return pauses;
    } finally {
      await c.dispose();
    }
  };
  assert.equal(await afterFirst({ once: true }), 0, 'nothing kept: parsed whole');
  // After a list read as the browser reads its first one, the next is read row by row through the memo.
  assert.ok((await afterFirst({})) > 0);
});
