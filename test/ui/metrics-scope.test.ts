/** The usage the table needs: the namespaces on screen, or all pods when sorted by usage or spread over many namespaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SCOPED_NAMESPACES, metricsScope } from '../../src/ui/metrics-scope.js';
import { initialTable, reduceTable } from '../../src/ui/screens/table-model.js';
import { row } from './fake-client.js';

test('metrics scope: the namespaces of the rows on screen; all when sorted by usage or over too many namespaces', () => {
  const rows = ['a', 'a', 'b', 'c', 'd', 'e'].map((ns, i) => row(`p${i}`, { namespace: ns }));
  let t = reduceTable(initialTable(), { type: 'pods', rows, at: new Date(0) });
  t = reduceTable(t, { type: 'viewport', rows: 3 });
  assert.deepEqual(metricsScope(t), ['a', 'b']);
  t = reduceTable(t, { type: 'viewport', rows: 6 });
  assert.equal(metricsScope(t), undefined, `more than ${MAX_SCOPED_NAMESPACES} namespaces`);
  t = reduceTable(reduceTable(t, { type: 'viewport', rows: 2 }), { type: 'sort', key: 'cpu' });
  assert.equal(metricsScope(t), undefined, 'a usage sort needs every pod');
});
