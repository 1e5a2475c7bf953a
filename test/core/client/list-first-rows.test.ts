/**
 * A list that takes more than one answer hands its first rows over before the rest arrives (as
 * kubectl prints its first page at once): once, and they are the top of the whole list.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import type { PodQuery, PodRow } from '../../../src/core/client/types.js';
import { simClient } from '../../helpers/sim-client.js';

let sim: Simulator;
let client: ReturnType<typeof simClient>;
before(async () => {
  sim = await startSimulator({ pods: 600, churnPerSecond: 0 });
  // Pages of 50: every namespace of the simulator takes several.
  client = simClient(sim, 'admin', { pageSize: 50 });
});
after(async () => {
  await client?.dispose();
  await sim?.close();
});

async function listWithFirst(query: PodQuery, perNamespace: boolean): Promise<{ all: readonly PodRow[]; first: Array<readonly PodRow[]> }> {
  const first: Array<readonly PodRow[]> = [];
  const r = await client.listPods(query, { perNamespace, onFirstRows: (rows) => first.push(rows) });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  return { all: r.value.rows, first };
}

const keys = (rows: readonly PodRow[]): string[] => rows.map((r) => r.key);

test('one namespace over several pages: the first page, once, before the rest', async () => {
  const { all, first } = await listWithFirst({ namespace: 'default' }, false);
  assert.ok(all.length > 100, `${all.length} pods in default`);
  assert.equal(first.length, 1);
  assert.deepEqual(keys(first[0]!), keys(all.slice(0, 50)));
});

test('all namespaces, one list each: the first namespaces in the server order, once', async () => {
  const { all, first } = await listWithFirst({}, true);
  assert.equal(first.length, 1);
  const top = first[0]!;
  assert.ok(top.length > 0 && top.length < all.length, `${top.length} of ${all.length}`);
  assert.deepEqual(keys(top), keys(all.slice(0, top.length)));
});

test('all namespaces in one paged list (a watch needs it): the first page', async () => {
  const { all, first } = await listWithFirst({}, false);
  assert.equal(first.length, 1);
  assert.deepEqual(keys(first[0]!), keys(all.slice(0, 50)));
});

test('a list of one answer has no first rows apart from the whole', async () => {
  const small = ['kube-system', 'shop', 'payments', 'batch', 'monitoring'].find((ns) => [...sim.cluster.iterate(ns)].length <= 50);
  assert.ok(small, 'a namespace of one page');
  const { all, first } = await listWithFirst({ namespace: small }, false);
  assert.ok(all.length > 0 && all.length <= 50, `${all.length}`);
  assert.deepEqual(first, []);
});
