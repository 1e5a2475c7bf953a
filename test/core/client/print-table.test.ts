/** kubectl's tabwriter layout and the kubectl JSON encoder, on hand-checked cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPodTable, tabwrite } from '../../../src/core/client/print-table.js';
import { goMarshalIndent } from '../../../src/core/client/go-json.js';
import type { PodRow } from '../../../src/core/client/types.js';

test('tabwrite: 3 spaces of padding, minimum width 6, runes not bytes, no trailing spaces', () => {
  assert.equal(tabwrite([['A', 'BB'], ['ccc', 'd'], ['x']]), 'A     BB\nccc   d\nx\n');
  assert.equal(
    tabwrite([
      ['NAME', 'X'],
      ['éééé', 'y'],
    ]),
    'NAME   X\néééé   y\n',
  );
  assert.equal(
    tabwrite([
      ['LONGNAME', 'READY', 'S'],
      ['a', '1/1', 'Running'],
    ]),
    'LONGNAME   READY   S\na          1/1     Running\n',
  );
});

test('formatPodTable: NAMESPACE first with -A, wide columns, hostile cells neutralised', () => {
  const row: PodRow = {
    key: 'k',
    namespace: 'ns',
    name: 'p\u001b[2J',
    ready: '1/1',
    status: 'Running',
    restarts: '0',
    restartCount: 0,
    ageCell: '5m',
    ip: '10.0.0.1',
    node: 'n1',
    nominatedNode: '<none>',
    readinessGates: '<none>',
    labels: {},
  };
  assert.equal(
    formatPodTable([row], { allNamespaces: true, wide: false }),
    'NAMESPACE   NAME     READY   STATUS    RESTARTS   AGE\nns          p^[[2J   1/1     Running   0          5m\n',
  );
  assert.match(
    formatPodTable([row], { allNamespaces: false, wide: true }),
    /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\n/,
  );
});

test('goMarshalIndent: sorted keys, 4-space indent, HTML characters escaped like Go', () => {
  assert.equal(
    goMarshalIndent({ b: [], a: { z: '<&>', y: {} }, c: [1, true, null] }),
    '{\n    "a": {\n        "y": {},\n        "z": "\\u003c\\u0026\\u003e"\n    },\n    "b": [],\n    "c": [\n        1,\n        true,\n        null\n    ]\n}',
  );
});
