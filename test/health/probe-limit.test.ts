/** The checks' pod count costs one small request: `limit=1`, the count from `remainingItemCount` (a lower bound without it). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probePods } from '../../src/core/client/probe.js';
import type { ClientSession } from '../../src/core/client/session.js';

function fakeSession(metadata: Record<string, unknown>): { session: ClientSession; queries: unknown[] } {
  const queries: unknown[] = [];
  const session = {
    callObject: (req: { query?: unknown }) => {
      queries.push(req.query);
      return Promise.resolve({
        ok: true,
        value: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata,
          columnDefinitions: [
            { name: 'Name', type: 'string' },
            { name: 'Status', type: 'string' },
          ],
          rows: [{ cells: ['web-1', 'Running'] }],
        },
      });
    },
  } as unknown as ClientSession;
  return { session, queries };
}

test('one pod asked for; the count is that pod plus remainingItemCount', async () => {
  const { session, queries } = fakeSession({ remainingItemCount: 311, continue: 'next' });
  const r = await probePods(session, { namespace: 'shop' });
  assert.deepEqual(queries, [{ limit: '1', includeObject: 'None' }]);
  assert.ok(r.ok);
  assert.equal(r.value.count, 312);
  assert.equal(r.value.estimate, false);
});

test('without remainingItemCount but with more to come, the count is a lower bound', async () => {
  const { session } = fakeSession({ continue: 'next' });
  const r = await probePods(session, { namespace: 'shop' });
  assert.ok(r.ok);
  assert.equal(r.value.count, 1);
  assert.equal(r.value.estimate, true);
});
