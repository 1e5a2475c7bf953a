/**
 * The log feed against the simulator: it resumes without losing or doubling lines when the
 * server drops the stream (mid-line or cleanly), and every failure is explained: pods/log 403
 * (with where logs may be read), a waiting container (the server's 400 text), no previous
 * container, the pod deleted while following.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSimulator, seededPod, withDevelopersReadingPodsOnly, simRequest } from '../../helpers/sim.js';
import { realSleep, simClient } from '../../helpers/sim-client.js';
import {
  containerNow,
  LineBuffer,
  LogFeed,
  whereLogsAllowed,
  type LogFeedDeps,
  type LogFeedStatus,
  type LogFeedTarget,
} from '../../../src/core/logs/index.js';
import type { LogLine } from '../../../src/core/logs/buffer.js';
import type { PodState } from '../../../src/sim/pod-states.js';
import type { Failure } from '../../../src/core/failure.js';

const sim = fileSimulator({ pods: 60, logs: { fastRate: 2000 } });

function podIn(state: PodState, namespace?: string): { namespace: string; pod: string } {
  const p = seededPod(sim(), state, namespace);
  return { namespace: p.namespace, pod: p.name };
}

/** Runs a feed, collecting lines and statuses; `until` decides when to act or stop. */
function run(target: LogFeedTarget, context = 'admin', more: Partial<LogFeedDeps> = {}) {
  const lines: LogLine[] = [];
  const statuses: LogFeedStatus[] = [];
  const waiters = new Set<() => void>();
  const client = simClient(sim(), context);
  const buffer = new LineBuffer(1_000_000);
  const feed = new LogFeed(
    { openLog: (ns, pod, opts, signal) => client.openLog(ns, pod, opts, signal), sleep: realSleep, ...more },
    target,
  );
  const done = feed.start({
    buffer,
    added: (n) => {
      lines.push(...buffer.slice(buffer.end - n, buffer.end));
      for (const w of [...waiters]) w();
    },
    status: (s) => {
      statuses.push(s);
      for (const w of [...waiters]) w();
    },
  });
  const until = (cond: () => boolean, what: string, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!cond()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; statuses: ${JSON.stringify(statuses.slice(-3))}`));
      }, ms);
      waiters.add(check);
      check();
    });
  /** Checks the `until` conditions now (for conditions on things other than lines and statuses). */
  const poke = () => {
    for (const w of [...waiters]) w();
  };
  return { feed, lines, statuses, done: done.finally(() => client.dispose()), until, client, poke };
}

const logLines = (lines: LogLine[]) => lines.filter((l) => !l.notice);
const failureOf = (statuses: LogFeedStatus[]): Failure | undefined => {
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i]!;
    if (s.state === 'failed') return s.failure;
  }
  return undefined;
};

test('the server drops the stream twice (mid-line, then cleanly): lines are neither lost nor doubled', async () => {
  const [namespace, pod] = sim().logs.fastPod!.split('/') as [string, string];
  const r = run({ namespace, pod, tailLines: 5 });
  await r.until(() => logLines(r.lines).length >= 800, '800 lines');
  assert.equal(sim().logs.dropStreams({ midLine: true }), 1);
  await r.until(() => r.statuses.filter((s) => s.state === 'streaming').length >= 2 && logLines(r.lines).length >= 1600, 'resumed');
  assert.equal(sim().logs.dropStreams({ mode: 'end' }), 1);
  await r.until(() => r.statuses.filter((s) => s.state === 'streaming').length >= 3 && logLines(r.lines).length >= 2400, 'resumed again');
  r.feed.stop();
  await r.done;
  // Stopping closed the stream: the server sees the connection go.
  for (let i = 0; i < 500 && sim().logs.openStreams > 0; i++) await new Promise((res) => setTimeout(res, 10));
  assert.equal(sim().logs.openStreams, 0);
  assert.ok(r.lines.some((l) => l.notice && /cut/.test(l.text)));
  assert.ok(r.lines.some((l) => l.notice && /ended/.test(l.text)));
  // Compare with the server's own record of the same span.
  const got = logLines(r.lines).map((l) => `${l.ts} ${l.text}`);
  const since = got[0]!.slice(0, 19) + 'Z';
  const whole = (await simRequest(sim(), `/api/v1/namespaces/${namespace}/pods/${pod}/log?timestamps=true&sinceTime=${since}`)).body.split(
    '\n',
  );
  const from = whole.indexOf(got[0]!);
  assert.ok(from >= 0);
  assert.deepEqual(got, whole.slice(from, from + got.length));
});

test('previous log of a crash-looping container: read whole, ends with the error that killed it', async () => {
  const r = run({ ...podIn('crashloop', 'default'), container: 'api', previous: true });
  await r.done;
  assert.equal(r.statuses.at(-1)?.state, 'complete');
  assert.match(logLines(r.lines).at(-1)!.text, /"level":"fatal"/);
});

test('no previous container: "it has not restarted", and no retry', async () => {
  const r = run({ ...podIn('running', 'shop'), previous: true });
  await r.done;
  const f = failureOf(r.statuses)!;
  assert.equal(f.code, 'response.no-previous-container');
  assert.match(f.summary, /has not restarted/);
  assert.match(f.detail ?? '', /The server said: previous terminated container ".*" not found/);
  assert.equal(r.statuses.filter((s) => s.state === 'connecting').length, 1);
});

test('a waiting container: explained with the server 400 text, and retried', async () => {
  const target = podIn('containercreating');
  const r = run(target);
  await r.until(() => r.statuses.some((s) => s.state === 'failed'), 'a failure');
  r.feed.stop();
  await r.done;
  const f = failureOf(r.statuses)!;
  assert.equal(f.code, 'response.container-waiting');
  assert.match(f.summary, /has not started yet \(ContainerCreating\)/);
  assert.equal(f.detail, `The server said: container "cart" in pod "${target.pod}" is waiting to start: ContainerCreating`);
  const failed = r.statuses.find((s) => s.state === 'failed');
  assert.ok(failed && failed.state === 'failed' && failed.retryInMs! > 0);
});

test('pods/log forbidden: which permission, and where logs may be read', async () => {
  await withDevelopersReadingPodsOnly(sim(), 'payments', async () => {
    const target = podIn('running', 'payments');
    const r = run(target, 'developer');
    await r.done;
    const f = failureOf(r.statuses)!;
    assert.equal(f.code, 'authorization.forbidden');
    assert.match(f.summary, /not read its log: reading logs needs "get" on "pods\/log" in namespace payments/);
    const dev = simClient(sim(), 'developer');
    try {
      const namespaces = async () => sim().cluster.namespaces.map((n) => n.name);
      const explained = await whereLogsAllowed(f, { accessReview: (a, signal) => dev.accessReview(a, signal), namespaces }, target);
      assert.equal(explained.hints[0], 'You may read logs in: shop.');
    } finally {
      await dev.dispose();
    }
  });
});

test('the pod deleted while following: the stream ends and the feed says the pod is gone', async () => {
  const target = podIn('running', 'kube-system');
  const r = run(target);
  await r.until(() => logLines(r.lines).length > 0, 'first lines');
  sim().cluster.deletePod(target.namespace, target.pod);
  await r.done;
  const f = failureOf(r.statuses)!;
  assert.equal(f.code, 'response.pod-gone');
  assert.match(f.summary, /was deleted while its log was open/);
});

test('a crash-looping container: its exit is said once, the feed waits for it to run again, then resumes without doubled lines', async () => {
  const { namespace, pod } = podIn('crashloop', 'default');
  let v = sim().cluster.getPod(namespace, pod)!;
  const seed = v.seed!;
  const container = v.pod.spec!.containers![0]!.name!;
  const client = simClient(sim());
  let looks = 0;
  let poke = () => {};
  const containerState: LogFeedDeps['containerState'] = async (ns, name, c, signal) => {
    const got = await client.getPodObject(ns, name, signal);
    looks++;
    setImmediate(poke);
    return got.ok ? containerNow(got.value, c) : undefined;
  };
  const fast = (ms: number, signal: AbortSignal) => realSleep(Math.min(ms, 20), signal);
  const r = run({ namespace, pod, container }, 'admin', { containerState, sleep: fast });
  poke = r.poke;
  try {
    await r.until(() => r.statuses.some((s) => s.state === 'exited'), 'the exit');
    const exited = r.statuses.find((s) => s.state === 'exited');
    assert.ok(exited?.state === 'exited' && exited.restarts === v.seed!.restarts && exited.reason === 'Error');
    // The last instance's log, ending with what killed it, then one notice.
    const before = logLines(r.lines);
    assert.match(before.at(-1)!.text, /"level":"fatal"/);
    await r.until(() => looks >= 5, 'the state looked at a few times');
    const notices = () => r.lines.filter((l) => l.notice).map((l) => l.text);
    assert.deepEqual(notices(), [`container exited (Error, exit code 1, restart ${v.seed!.restarts}); waiting for it to start again`]);
    // While it is down the log is not asked for again and again.
    assert.equal(r.statuses.filter((s) => s.state === 'connecting').length, 1);
    // It runs again: the feed says so and follows the new instance.
    sim().cluster.putSeed({ ...v.seed!, state: 'running', changedAt: Date.now() });
    v = sim().cluster.getPod(namespace, pod)!;
    await r.until(() => notices().length === 2 && logLines(r.lines).length > before.length + 5, 'the new instance');
    assert.match(notices()[1]!, /^container started again/);
    assert.equal(r.statuses.at(-1)?.state, 'streaming');
    const seen = logLines(r.lines).map((l) => `${l.ts} ${l.text}`);
    assert.equal(new Set(seen).size, seen.length, 'no line twice');
    const after = logLines(r.lines).slice(before.length);
    assert.ok(after[0]!.ts! > before.at(-1)!.ts!, 'the new instance comes after the old one');
  } finally {
    r.feed.stop();
    await r.done;
    await client.dispose();
    sim().cluster.putSeed(seed);
  }
});
