/** Delete/kill orchestration with a recording client: pre-check, explanation, confirmation, one request per pod, read-only sends nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PermissionCache } from '../../src/core/actions/index.js';
import { prepareDelete, shellCommand, shellTargets, type ActionClient, type ActionDeps } from '../../src/ui/pod-actions.js';
import type { Pod } from '../../src/core/pods/pod-types.js';
import { failure } from '../../src/core/failure.js';

function fakeClient(allowed: (ns: string) => boolean) {
  const sent: string[] = [];
  const pod = (ns: string, name: string): Pod => ({
    metadata: { namespace: ns, name, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9d8b6f5', controller: true }] },
    spec: { nodeName: 'w', terminationGracePeriodSeconds: 30, containers: [{ name: 'app' }, { name: 'side' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'app', state: { running: {} } },
        { name: 'side', state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  });
  const client: ActionClient = {
    async deletePod(ns, name, opts) {
      sent.push(`DELETE ${ns}/${name} grace=${opts?.gracePeriodSeconds ?? 'default'}`);
      return name === 'gone'
        ? { ok: false, failure: failure('response.not-found', `pod ${name} was not found in namespace ${ns}`) }
        : { ok: true, value: undefined };
    },
    async accessReview(a) {
      sent.push(`SSAR ${a.verb} ${a.resource}${a.subresource ? '/' + a.subresource : ''} ${a.namespace}`);
      return { ok: true, value: { allowed: allowed(a.namespace ?? '') } };
    },
    async getPodObject(ns, name) {
      return name === 'vanished' ? { ok: false, failure: failure('response.not-found', 'gone') } : { ok: true, value: pod(ns, name) };
    },
    async whoAmI() {
      return { ok: true, value: { username: 'jane@example.com', groups: ['developers', 'system:authenticated'] } };
    },
  };
  return { client, sent };
}

const deps = (client: ActionClient, over: Partial<ActionDeps> = {}): ActionDeps => ({
  client,
  place: { context: 'admin', cluster: 'sim', server: 'https://127.0.0.1:1' },
  readonly: false,
  permissions: new PermissionCache(() => 0),
  ...over,
});

test('delete: the access review first, then a confirmation; run deletes each pod and reports each', async () => {
  const { client, sent } = fakeClient(() => true);
  const p = await prepareDelete(deps(client), 'delete', [
    { namespace: 'default', name: 'web-1' },
    { namespace: 'default', name: 'gone' },
  ]);
  assert.equal(p.kind, 'confirm');
  if (p.kind !== 'confirm') return;
  assert.equal(p.confirmation.title, 'Delete 2 pods?');
  assert.deepEqual(sent, ['SSAR delete pods default']);
  assert.deepEqual(
    (await p.run()).map((r) => r.line),
    ['pod web-1: deleting (Terminating until it is gone)', 'pod gone: not deleted: pod gone was not found in namespace default'],
  );
  assert.deepEqual(sent.slice(1), ['DELETE default/web-1 grace=default', 'DELETE default/gone grace=default']);
});

test('kill sends grace period 0', async () => {
  const { client, sent } = fakeClient(() => true);
  const p = await prepareDelete(deps(client), 'kill', [{ namespace: 'default', name: 'web-1' }]);
  assert.ok(p.kind === 'confirm');
  assert.match(p.confirmation.lines.join('\n'), /force: the container is not given time to shut down/);
  await p.run();
  assert.equal(sent.at(-1), 'DELETE default/web-1 grace=0');
});

test('forbidden: the explanation replaces the confirmation, and nothing is deleted', async () => {
  const { client, sent } = fakeClient((ns) => ns !== 'shop');
  const p = await prepareDelete(deps(client), 'delete', [{ namespace: 'shop', name: 'cart-1' }]);
  assert.deepEqual(p, { kind: 'explain', text: 'you may not delete pods in shop: you are jane@example.com in groups developers' });
  assert.ok(!sent.some((s) => s.startsWith('DELETE')));
});

test('read-only: nothing is asked or sent', async () => {
  const { client, sent } = fakeClient(() => true);
  const p = await prepareDelete(deps(client, { readonly: true }), 'delete', [{ namespace: 'default', name: 'web-1' }]);
  assert.equal(p.kind, 'explain');
  assert.deepEqual(sent, []);
  const s = await shellTargets(deps(client, { readonly: true }), { namespace: 'default', name: 'web-1' });
  assert.equal(s.ok, false);
  assert.deepEqual(sent, []);
});

test('a pod already gone is said, not confirmed', async () => {
  const { client } = fakeClient(() => true);
  assert.deepEqual(await prepareDelete(deps(client), 'delete', [{ namespace: 'default', name: 'vanished' }]), {
    kind: 'explain',
    text: 'already gone: vanished',
  });
});

test('shell: the access review on pods/exec, the running containers, --shell split into words', async () => {
  const { client, sent } = fakeClient(() => true);
  const s = await shellTargets(deps(client), { namespace: 'default', name: 'web-1' });
  assert.deepEqual(s, { ok: true, value: { containers: ['app', 'side'], running: ['app'] } });
  assert.deepEqual(sent, ['SSAR create pods/exec default']);
  assert.deepEqual(shellCommand(undefined), ['/bin/sh']);
  assert.deepEqual(shellCommand(' bash  -l '), ['bash', '-l']);
});
