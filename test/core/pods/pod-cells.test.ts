/** The pod columns against cases checked on kubectl. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, podCells, podRowConditions, restartsCell, type Pod, type ContainerStatus } from '../../../src/core/pods/index.js';

const NOW = new Date('2026-01-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

test('humanDuration matches the kubectl-verified AGE boundaries', () => {
  const cases: Array<[number, string]> = [
    [-3 * S, '<invalid>'],
    [-1 * S, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [121 * S, '2m1s'],
    [3 * M + 19 * S, '3m19s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 1 * S, '10m'],
    [59 * M + 59 * S, '59m'],
    [2 * H + 59 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [7 * H + 59 * M + 59 * S, '7h59m'],
    [8 * H, '8h'],
    [24 * H, '24h'],
    [47 * H + 59 * M + 59 * S, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H + 59 * M, '7d23h'],
    [8 * D, '8d'],
    [45 * D, '45d'],
    [729 * D + 23 * H, '729d'],
    [2 * Y + 40 * D, '2y40d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [10 * Y + 100 * D, '10y'],
    [0, '0s'],
    [1500, '1s'],
    [-1500, '0s'],
    [-2000, '<invalid>'],
    [120 * S, '2m'],
    [180 * M, '3h'],
    [48 * H, '2d'],
    [192 * H, '8d'],
    [730 * D, '2y'],
    [3 * Y + 40 * D, '3y40d'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms} ms`);
});

const running = (name = 'app', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(H) } },
  ...extra,
});
const pod = (p: Pod): Pod => ({
  metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(2 * D + 3 * H), ...p.metadata },
  spec: { containers: [{ name: 'app' }], nodeName: 'worker-1', ...p.spec },
  status: { phase: 'Running', podIPs: [{ ip: '10.244.1.18' }], ...p.status },
});
const cells = (p: Pod) => {
  const c = podCells(pod(p), NOW);
  return [c.ready, c.status, c.restarts];
};

test('STATUS / READY / RESTARTS: the common cases checked on kubectl', () => {
  assert.deepEqual(cells({ status: { containerStatuses: [running()] } }), ['1/1', 'Running', '0']);
  assert.deepEqual(
    cells({
      status: {
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 17,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * M) } },
          },
        ],
      },
    }),
    ['0/1', 'CrashLoopBackOff', '17 (5m ago)'],
  );
  for (const reason of ['ImagePullBackOff', 'ErrImagePull', 'ContainerCreating']) {
    assert.deepEqual(
      cells({
        status: { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason } } }] },
      }),
      ['0/1', reason, '0'],
    );
  }
  assert.deepEqual(
    cells({
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    }),
    ['0/1', 'Completed', '0'],
  );
  assert.deepEqual(
    cells({
      status: { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] },
    }),
    ['0/1', 'OOMKilled', '0'],
  );
  assert.deepEqual(cells({ status: { containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] } }), [
    '0/1',
    'ExitCode:2',
    '0',
  ]);
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'b', state: { running: {} } },
        ],
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }],
      },
    }),
    ['0/1', 'Init:1/2', '0'],
  );
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'a' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'a',
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * M + 5 * S) } },
          },
        ],
      },
    }),
    ['0/1', 'Init:CrashLoopBackOff', '4 (2m5s ago)'],
  );
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'a' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'a', restartCount: 3, state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      },
    }),
    ['0/1', 'Init:Error', '3'],
  );
  assert.deepEqual(cells({ metadata: { deletionTimestamp: ago(S) }, status: { containerStatuses: [running()] } }), [
    '1/1',
    'Terminating',
    '0',
  ]);
  assert.deepEqual(cells({ metadata: { deletionTimestamp: ago(S) }, status: { reason: 'NodeLost', containerStatuses: [running()] } }), [
    '1/1',
    'Unknown',
    '0',
  ]);
  assert.deepEqual(cells({ status: { phase: 'Failed', reason: 'Evicted' } }), ['0/1', 'Evicted', '0']);
  assert.deepEqual(
    cells({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }),
    ['0/1', 'SchedulingGated', '0'],
  );
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      status: {
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [running('proxy', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(7 * M) } } })],
        containerStatuses: [running()],
      },
    }),
    ['2/2', 'Running', '2 (7m ago)'],
  );
  assert.deepEqual(
    cells({
      spec: { containers: [{ name: 'helper' }, { name: 'main' }] },
      status: {
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'helper', state: { terminated: { exitCode: 0, reason: 'Completed' } } }, running('main')],
      },
    }),
    ['1/2', 'NotReady', '0'],
  );
});

test('own cases: signals, sidecar not started, Terminating plus Completed, earliest reason wins', () => {
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'a' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, signal: 9 } } }] },
    }),
    ['0/1', 'Init:Signal:9', '0'],
  );
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'a' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] },
    }),
    ['0/1', 'Init:ExitCode:3', '0'],
  );
  assert.deepEqual(cells({ status: { containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 143, signal: 15 } } }] } }), [
    '0/1',
    'Signal:15',
    '0',
  ]);
  // A sidecar that has not started yet holds initialisation at Init:0/1.
  assert.deepEqual(
    cells({
      spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'proxy', started: false, state: { running: {} } }] },
    }),
    ['0/2', 'Init:0/1', '0'],
  );
  // Finished pods being deleted keep their status.
  assert.deepEqual(
    cells({
      metadata: { deletionTimestamp: ago(S) },
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    }),
    ['0/1', 'Completed', '0'],
  );
  assert.deepEqual(
    cells({
      metadata: { deletionTimestamp: ago(S) },
      status: { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
    }),
    ['0/1', 'Error', '0'],
  );
  // The walk runs backwards: the first container with a reason wins.
  assert.deepEqual(
    cells({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        containerStatuses: [
          { name: 'a', state: { waiting: { reason: 'ErrImagePull' } } },
          { name: 'b', state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    }),
    ['0/2', 'ErrImagePull', '0'],
  );
  // Restarts add up and the newest termination is used.
  assert.deepEqual(
    cells({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        containerStatuses: [
          running('a', { restartCount: 2, lastState: { terminated: { finishedAt: ago(3 * H) } } }),
          running('b', { restartCount: 1, lastState: { terminated: { finishedAt: ago(90 * S) } } }),
        ],
      },
    }),
    ['2/2', 'Running', '3 (90s ago)'],
  );
  // Restarts without a last termination time are just a number.
  assert.deepEqual(cells({ status: { containerStatuses: [running('app', { restartCount: 4 })] } }), ['1/1', 'Running', '4']);
});

test('wide cells, readiness gates, AGE, row conditions and an empty pod', () => {
  const c = podCells(
    pod({
      spec: { readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }, { conditionType: 'c' }] },
      status: {
        nominatedNodeName: 'worker-9',
        conditions: [
          { type: 'a', status: 'True' },
          { type: 'b', status: 'False' },
        ],
      },
    }),
    NOW,
  );
  assert.deepEqual([c.ip, c.node, c.nominatedNode, c.readinessGates, c.age], ['10.244.1.18', 'worker-1', 'worker-9', '1/3', '2d3h']);
  const empty = podCells({}, NOW);
  assert.deepEqual(empty, {
    name: '',
    ready: '0/0',
    status: '',
    restarts: '0',
    restartCount: 0,
    age: '<unknown>',
    ip: '<none>',
    node: '<none>',
    nominatedNode: '<none>',
    readinessGates: '<none>',
  });
  const crash = podCells(
    pod({ status: { containerStatuses: [running('app', { restartCount: 3, lastState: { terminated: { finishedAt: ago(90 * S) } } })] } }),
    NOW,
  );
  assert.equal(crash.lastRestartAt, NOW.getTime() - 90 * S);
  assert.equal(crash.createdAt, NOW.getTime() - 2 * D - 3 * H);
  assert.equal(restartsCell(3, crash.lastRestartAt, new Date(NOW.getTime() + 60 * S)), '3 (2m30s ago)');
  assert.equal(restartsCell(0, crash.lastRestartAt, NOW), '0');
  assert.equal(podCells({ metadata: { creationTimestamp: ago(5 * S + 500) } }, NOW).age, '5s');
  assert.equal(podCells({ metadata: { creationTimestamp: '2026-01-10T11:59:42.500Z' } }, NOW).age, '17s');
  assert.deepEqual(podRowConditions({ status: { phase: 'Failed' } }), [
    { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
  ]);
  assert.equal(podRowConditions({ status: { phase: 'Running' } }), undefined);
});
