import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, labelSelectorOf, parseLabelSelector, sortRows, statusClass } from '../../src/ui/rows.js';
import { ageCell, parseAgeCell } from '../../src/ui/age.js';
import { humanDuration } from '../../src/core/pods/human-duration.js';
import { fit, layoutColumns } from '../../src/ui/columns.js';
import { colorEnabled } from '../../src/ui/theme.js';
import { row } from './fake-client.js';
import type { PodRow } from '../../src/core/client/types.js';

/** A row that carries only the server's AGE cell (Table with includeObject=None). */
function cellRow(name: string, ageCell: string): PodRow {
  const { createdAt: _c, ...rest } = row(name);
  return { ...rest, ageCell };
}

test('label selectors parse like kubectl -l', () => {
  assert.deepEqual(parseLabelSelector('app=web,tier!=db'), [
    { op: '=', key: 'app', value: 'web' },
    { op: '!=', key: 'tier', value: 'db' },
  ]);
  assert.deepEqual(parseLabelSelector('env in (a, b),!legacy,gpu'), [
    { op: 'in', key: 'env', values: ['a', 'b'] },
    { op: '!exists', key: 'legacy' },
    { op: 'exists', key: 'gpu' },
  ]);
  assert.equal(parseLabelSelector('app=(x'), undefined);
});

test('filter: name substring (case-insensitive), labels, both, and a bad selector matches nothing', () => {
  const rows = [row('Web-1', { labels: { app: 'web' } }), row('web-2', { labels: { app: 'api' } }), row('db', { labels: {} })];
  assert.deepEqual(
    filterRows(rows, 'web').map((r) => r.name),
    ['Web-1', 'web-2'],
  );
  assert.deepEqual(
    filterRows(rows, '-l app=web').map((r) => r.name),
    ['Web-1'],
  );
  assert.deepEqual(
    filterRows(rows, '2 -l app').map((r) => r.name),
    ['web-2'],
  );
  assert.deepEqual(
    filterRows(rows, '-l app notin (web,api)').map((r) => r.name),
    ['db'],
  );
  assert.deepEqual(filterRows(rows, '-l app=('), []);
  assert.equal(filterRows(rows, ''), rows);
});

test('sorts by name, status, restarts (most first) and age (youngest first)', () => {
  const old = new Date('2020-01-01T00:00:00Z');
  const young = new Date('2026-01-01T00:00:00Z');
  const unknownAge = row('c', { status: 'Error', restartCount: 2 });
  delete unknownAge.createdAt;
  const rows = [
    row('b', { status: 'Pending', restartCount: 1, createdAt: old }),
    row('a', { status: 'Running', restartCount: 3, createdAt: young }),
    unknownAge,
  ];
  assert.deepEqual(
    sortRows(rows, 'name').map((r) => r.name),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    sortRows(rows, 'status').map((r) => r.name),
    ['c', 'b', 'a'],
  );
  assert.deepEqual(
    sortRows(rows, 'restarts').map((r) => r.name),
    ['a', 'c', 'b'],
  );
  assert.deepEqual(
    sortRows(rows, 'age').map((r) => r.name),
    ['a', 'b', 'c'],
  );
});

test('status classes: running green, pending yellow, failing red', () => {
  assert.equal(statusClass('Running'), 'ok');
  for (const s of ['Pending', 'ContainerCreating', 'Init:0/2', 'Terminating', 'PodInitializing'])
    assert.equal(statusClass(s), 'pending', s);
  for (const s of ['CrashLoopBackOff', 'Error', 'ImagePullBackOff', 'Init:CrashLoopBackOff', 'OOMKilled', 'Unknown', 'NodeLost'])
    assert.equal(statusClass(s), 'failing', s);
  assert.equal(statusClass('Completed'), 'done');
});

test('NO_COLOR and --no-color turn colour off', () => {
  assert.equal(colorEnabled({}, false), true);
  assert.equal(colorEnabled({ NO_COLOR: '1' }, false), false);
  assert.equal(colorEnabled({ NO_COLOR: '' }, false), true);
  assert.equal(colorEnabled({}, true), false);
});

test('AGE as kubectl prints it', () => {
  const cases: Array<[number, string]> = [
    [5, '5s'],
    [119, '119s'],
    [150, '2m30s'],
    [600, '10m'],
    [3 * 3600 + 60, '3h1m'],
    [8 * 3600, '8h'],
    [50 * 3600, '2d2h'],
    [9 * 86400, '9d'],
    [800 * 86400, '2y70d'],
    [9 * 365 * 86400, '9y'],
  ];
  for (const [s, want] of cases) assert.equal(humanDuration(s * 1000), want, `${s}s`);
});

test('columns: wide columns appear when they fit and drop by priority when narrow', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const rows = [row('frontend-5f7d8c9b4d-abcde', { node: 'worker-node-001', ip: '10.244.1.17' })];
  const ids = (w: number, all = false): string[] => layoutColumns(rows, all, w, now).map((c) => c.id);
  assert.deepEqual(ids(200), ['name', 'ready', 'status', 'restarts', 'age', 'ip', 'node', 'nominated', 'gates']);
  assert.deepEqual(ids(100), ['name', 'ready', 'status', 'restarts', 'age', 'ip', 'node']);
  assert.deepEqual(ids(80), ['name', 'ready', 'status', 'restarts', 'age', 'ip']);
  // At 60 the name would have to be cut: RESTARTS gives way first (issue 10 item 5).
  assert.deepEqual(ids(60), ['name', 'ready', 'status', 'age']);
  // At 50 columns NAME is truncated to fit.
  const narrow = layoutColumns(rows, true, 50, now);
  assert.ok(narrow.reduce((n, c) => n + c.width, 0) + 3 * (narrow.length - 1) <= 60);
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.deepEqual(
    layoutColumns(rows, false, 200, now, 'restarts')
      .map((c) => c.title)
      .slice(0, 5),
    ['NAME', 'READY', 'STATUS', 'RESTARTS↓', 'AGE'],
  );
});

test('the -l part of the filter is extracted for the server', () => {
  assert.equal(labelSelectorOf('web -l app=web,tier!=db'), 'app=web,tier!=db');
  assert.equal(labelSelectorOf('-l=app in (a,b)'), 'app in (a,b)');
  assert.equal(labelSelectorOf('web'), undefined);
  assert.equal(labelSelectorOf('-l app=('), 'app=(', 'the server explains a bad selector');
});

test('AGE: rows with a creation time count at render time; rows with only the server cell show it as sent, never rewritten', () => {
  assert.equal(parseAgeCell('2d3h'), (2 * 24 + 3) * 3600_000);
  assert.equal(parseAgeCell('5m30s'), 330_000);
  assert.equal(parseAgeCell('<unknown>'), undefined);
  const created = row('a', { createdAt: new Date('2026-05-31T23:57:00Z') });
  assert.equal(ageCell(created, new Date('2026-06-01T00:10:00Z')), '13m');
  const cellOnly = Object.freeze(cellRow('x', '19d'));
  assert.equal(ageCell(cellOnly, new Date('2026-06-01T00:00:00Z')), '19d');
  assert.equal(ageCell(cellOnly, new Date('2026-06-01T23:59:00Z')), '19d', 'the cell stays as the server sent it until the next answer');
  assert.equal(humanDuration(90_000), '90s');
  // Sorting by age orders cell-only rows by the age they state (youngest first), unknown ages last.
  const sorted = sortRows([cellRow('old', '19d'), cellRow('new', '7d23h'), cellRow('unk', '<unknown>')], 'age');
  assert.deepEqual(
    sorted.map((r) => r.name),
    ['new', 'old', 'unk'],
  );
});

test('decoded rows are settled and frozen: nobody writes into the client rows', async () => {
  const { rowsFromTable, tableColumns } = await import('../../src/core/client/pod-rows.js');
  const defs = ['Name', 'Ready', 'Status', 'Restarts', 'Age'].map((name) => ({ name }));
  const table = {
    rows: [
      { cells: ['a', '1/1', 'Running', 0, '19d'] },
      {
        cells: ['b', '1/1', 'Running', 0, '5m'],
        object: { metadata: { name: 'b', namespace: 'x', creationTimestamp: '2026-05-31T23:55:00Z' } },
      },
    ],
  };
  const [a, b] = rowsFromTable(table, tableColumns(defs)!, 'x');
  assert.ok(Object.isFrozen(a) && Object.isFrozen(b) && Object.isFrozen(a!.labels));
  assert.equal(a!.createdAt, undefined, 'no creation time is made up from the AGE cell');
  assert.equal(ageCell(a!, new Date('2026-06-02T00:00:00Z')), '19d');
  assert.equal(ageCell(b!, new Date('2026-06-01T00:00:00Z')), '5m');
});
