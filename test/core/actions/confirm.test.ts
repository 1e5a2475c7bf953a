/** The delete and kill confirmations, case by case, and the per-pod result lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmation, podFacts, resultLine, type PodFacts } from '../../../src/core/actions/index.js';
import type { Pod } from '../../../src/core/pods/pod-types.js';

const place = { context: 'admin', cluster: 'kpods-sim', server: 'https://127.0.0.1:6443' };
const rsPod: Pod = {
  metadata: {
    name: 'web-7c9d8b6f5-abcde',
    namespace: 'default',
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9d8b6f5', controller: true }],
  },
  spec: { nodeName: 'worker-1', terminationGracePeriodSeconds: 30 },
  status: { phase: 'Running' },
};
const facts = (pod: Pod): PodFacts => podFacts(pod, { namespace: 'x', name: 'y' });

test('delete of a ReplicaSet pod: graceful with the spec grace period, a replacement comes', () => {
  const c = confirmation('delete', [facts(rsPod)], place);
  assert.equal(c.title, 'Delete pod web-7c9d8b6f5-abcde?');
  assert.deepEqual(c.lines, [
    'pod web-7c9d8b6f5-abcde in namespace default',
    'context admin, cluster kpods-sim (https://127.0.0.1:6443)',
    'graceful, 30 s grace period from the pod spec',
    'its ReplicaSet web-7c9d8b6f5 will create a replacement (with a new name)',
  ]);
  assert.equal(c.keys, 'y or Enter deletes, any other key cancels');
});

test('delete of a bare pod with its own grace period: it will not come back', () => {
  const bare: Pod = { metadata: { name: 'debug', namespace: 'shop' }, spec: { nodeName: 'w', terminationGracePeriodSeconds: 5 } };
  const c = confirmation('delete', [facts(bare)], place);
  assert.deepEqual(c.lines.slice(2), ['graceful, 5 s grace period from the pod spec', 'a bare pod: it will not come back']);
});

test('kill says plainly that the container gets no time; the owner line stays', () => {
  const c = confirmation('kill', [facts(rsPod)], place);
  assert.equal(c.title, 'Kill pod web-7c9d8b6f5-abcde?');
  assert.equal(c.lines[2], 'force: the container is not given time to shut down (grace period 0)');
  assert.equal(c.keys, 'y or Enter kills, any other key cancels');
});

test('other owners, unscheduled and finished pods, pods already terminating, a missing grace period', () => {
  const owned = (kind: string, name: string): Pod => ({
    ...rsPod,
    metadata: { ...rsPod.metadata, ownerReferences: [{ kind, name, controller: true }] },
  });
  const line = (p: Pod) => confirmation('delete', [facts(p)], place).lines[3];
  assert.equal(line(owned('StatefulSet', 'ledger')), 'its StatefulSet ledger will recreate it with the same name');
  assert.equal(line(owned('DaemonSet', 'node-exporter')), 'its DaemonSet node-exporter will recreate it on the same node');
  assert.equal(line(owned('Job', 'report-1')), 'its Job report-1 will start another pod if the job has not finished');
  assert.match(line(owned('Node', 'worker-1'))!, /^a static pod of node worker-1/);
  const pending: Pod = { metadata: { name: 'p', namespace: 'd' }, spec: {} };
  assert.equal(confirmation('delete', [facts(pending)], place).lines[2], 'removed at once: it is not running on a node');
  const done: Pod = { ...rsPod, status: { phase: 'Succeeded' } };
  assert.equal(confirmation('delete', [facts(done)], place).lines[2], 'removed at once: it is not running on a node');
  const dying: Pod = { ...rsPod, metadata: { ...rsPod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
  assert.match(confirmation('delete', [facts(dying)], place).lines[2]!, /already terminating/);
  const noGrace: Pod = { ...rsPod, spec: { nodeName: 'w' } };
  assert.equal(confirmation('delete', [facts(noGrace)], place).lines[2], 'graceful, 30 s grace period from the pod spec');
});

test('several marked pods: count, namespaces, one line each, long lists shortened', () => {
  const pods = Array.from({ length: 10 }, (_, i) => facts({ ...rsPod, metadata: { ...rsPod.metadata, name: `web-${i}` } }));
  const c = confirmation('delete', pods, place);
  assert.equal(c.title, 'Delete 10 pods?');
  assert.equal(c.lines[0], '10 pods in namespace default');
  assert.equal(c.lines[2], 'graceful, 30 s grace period from the pod spec');
  assert.equal(c.lines[3], '  web-0: its ReplicaSet web-7c9d8b6f5 will create a replacement (with a new name)');
  assert.equal(c.lines.at(-1), '  … and 2 more');
  const mixed = confirmation(
    'kill',
    [facts(rsPod), facts({ metadata: { name: 'solo', namespace: 'shop' }, spec: { nodeName: 'w' } })],
    place,
  );
  assert.equal(mixed.lines[0], '2 pods in namespaces default, shop');
  assert.deepEqual(mixed.lines.slice(3), [
    '  default/web-7c9d8b6f5-abcde: its ReplicaSet web-7c9d8b6f5 will create a replacement (with a new name)',
    '  shop/solo: a bare pod: it will not come back',
  ]);
});

test('names from the cluster are neutralised', () => {
  const evil: Pod = { metadata: { name: 'x\u001b[2Jy', namespace: 'n' }, spec: { nodeName: 'w' } };
  const c = confirmation('delete', [facts(evil)], { ...place, server: 'https://h\u0007' });
  for (const l of [c.title, ...c.lines]) assert.doesNotMatch(l, /[\u0000-\u001f]/);
});

test('result lines per pod', () => {
  assert.equal(resultLine('delete', 'a', { ok: true }), 'pod a: deleting (Terminating until it is gone)');
  assert.equal(resultLine('kill', 'a', { ok: true }), 'pod a: killed');
  assert.equal(
    resultLine('delete', 'a', { ok: false, summary: 'pod a was not found in namespace x' }),
    'pod a: not deleted: pod a was not found in namespace x',
  );
});
