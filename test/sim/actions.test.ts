/**
 * Acting on pods in the simulator, with the real kubectl as the oracle: `kubectl delete pod`
 * (graceful, forced, 404, 403), the watch events a delete produces, the ReplicaSet replacement,
 * and `kubectl exec` over WebSocket (output, exit codes, stdin to EOF, missing binaries,
 * containers that are not running, finished pods, 403 on pods/exec) and `kubectl exec -it` in tmux.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKubectl, runKubectl, startTestSimulator, type Simulator } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';
import { startTmux } from '../helpers/tmux.js';
import type { ClusterEvent } from '../../src/sim/index.js';

let sim: Simulator;
const k = (args: string[], context = 'admin') => runKubectl(args, { kubeconfig: sim.kubeconfigPath, context });
const need = (t: { skip: (m: string) => void }) => requireTool(t, 'kubectl', 'the delete and exec tests with kubectl');

before(async () => {
  sim = await startTestSimulator({ pods: 60 });
});
after(async () => {
  await sim?.close();
});

/** A Running pod of a ReplicaSet in `ns` (optionally of app `app`) that nothing else touches. */
function runningPod(ns: string, app?: string, skip: string[] = []): string {
  for (const v of sim.cluster.iterate(ns)) {
    const p = v.pod;
    const name = p.metadata?.name ?? '';
    if (skip.includes(name) || p.metadata?.deletionTimestamp || (app && p.metadata?.labels?.['app'] !== app)) continue;
    if (p.status?.containerStatuses?.length === 1 && p.status.containerStatuses[0]?.state?.running) return name;
  }
  throw new Error(`no running pod in ${ns}`);
}
const used: string[] = [];
const pick = (ns: string, app?: string): string => {
  const name = runningPod(ns, app, used);
  used.push(name);
  return name;
};

/** Resolves with the events for one pod until `until` holds for the list. */
function eventsFor(ns: string, name: string, until: (types: string[]) => boolean, timeoutMs = 15_000): Promise<ClusterEvent[]> {
  return new Promise((resolve, reject) => {
    const seen: ClusterEvent[] = [];
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`events for ${name}: ${seen.map((e) => e.type).join(',')}`));
    }, timeoutMs);
    const stop = sim.cluster.subscribe((e) => {
      if (e.version.key !== `${ns}/${name}`) return;
      seen.push(e);
      if (until(seen.map((x) => x.type))) {
        clearTimeout(timer);
        stop();
        resolve(seen);
      }
    });
  });
}

test('kubectl delete pod: graceful (Terminating, MODIFIED then DELETED), and its ReplicaSet starts a replacement', async (t) => {
  if (!need(t)) return;
  const name = pick('default', 'web');
  const before = new Set([...sim.cluster.iterate('default')].map((v) => v.pod.metadata?.name));
  const events = eventsFor('default', name, (types) => types.includes('DELETED'));
  const r = await k(['delete', 'pod', name, '--grace-period=1']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `pod "${name}" deleted\n`);
  const seen = await events;
  assert.deepEqual(
    seen.map((e) => e.type),
    ['MODIFIED', 'DELETED'],
  );
  const terminating = seen[0]!.version.pod.metadata!;
  assert.equal(terminating.deletionGracePeriodSeconds, 1);
  assert.ok(terminating.deletionTimestamp);
  assert.equal(sim.cluster.getPod('default', name), undefined);
  const replacements = [...sim.cluster.iterate('default')].filter(
    (v) => !before.has(v.pod.metadata?.name) && v.pod.metadata?.labels?.['app'] === 'web',
  );
  assert.equal(replacements.length, 1);
  assert.match(replacements[0]!.pod.metadata!.name!, /^web-7c9d8b6f5-[a-z0-9]{5}$/);
  assert.notEqual(replacements[0]!.pod.metadata!.name, name);
});

test('a graceful delete shows Terminating for the grace period (kubectl get), the spec grace period by default', async (t) => {
  if (!need(t)) return;
  const name = pick('shop', 'cart');
  const r = await k(['delete', 'pod', name, '-n', 'shop', '--wait=false']);
  assert.equal(r.code, 0, r.stderr);
  const get = await k(['get', 'pod', name, '-n', 'shop']);
  assert.match(get.stdout, new RegExp(`\\n${name}\\s+\\d/\\d\\s+Terminating\\s+`));
  assert.equal(sim.cluster.getPod('shop', name)?.pod.metadata?.deletionGracePeriodSeconds, 30);
});

test('kubectl delete --grace-period=0 --force removes the pod at once (only DELETED)', async (t) => {
  if (!need(t)) return;
  const name = pick('shop', 'checkout');
  const events = eventsFor('shop', name, (types) => types.length > 0);
  const r = await k(['delete', 'pod', name, '-n', 'shop', '--grace-period=0', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`pod "${name}" force deleted`));
  assert.deepEqual(
    (await events).map((e) => e.type),
    ['DELETED'],
  );
  assert.equal(sim.cluster.getPod('shop', name), undefined);
});

test('delete answers as kube-apiserver: 404 NotFound, 403 for the developer in shop', async (t) => {
  if (!need(t)) return;
  const missing = await k(['delete', 'pod', 'no-such-pod']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'Error from server (NotFound): pods "no-such-pod" not found\n');
  const name = runningPod('shop');
  const denied = await k(['delete', 'pod', name, '-n', 'shop'], 'developer');
  assert.equal(denied.code, 1);
  assert.equal(
    denied.stderr,
    `Error from server (Forbidden): pods "${name}" is forbidden: User "jane@example.com" cannot delete resource "pods" in API group "" in the namespace "shop"\n`,
  );
  assert.ok(sim.cluster.getPod('shop', name));
});

test('kubectl exec over WebSocket: output, exit codes, unknown commands', async (t) => {
  if (!need(t)) return;
  const name = runningPod('default', 'web');
  const hi = await k(['exec', name, '--', 'echo', 'hi']);
  assert.equal(hi.code, 0, hi.stderr);
  assert.equal(hi.stdout, 'hi\n');
  const host = await k(['exec', name, '--', 'cat', '/etc/hostname']);
  assert.equal(host.stdout, `${name}\n`);
  const three = await k(['exec', name, '--', 'sh', '-c', 'echo before; exit 3']);
  assert.equal(three.code, 3);
  assert.equal(three.stdout, 'before\n');
  assert.equal(three.stderr, 'command terminated with exit code 3\n');
  const unknown = await k(['exec', name, '--', 'sh', '-c', 'frobnicate']);
  assert.equal(unknown.code, 127);
  assert.match(unknown.stderr, /^sh: frobnicate: not found\n/);
});

test('kubectl exec -i: stdin reaches the command until it closes (v5 close of channel 0)', async (t) => {
  if (!need(t)) return;
  const kubectl = findKubectl()!;
  const name = runningPod('default', 'web');
  const home = mkdtempSync(join(tmpdir(), 'kpods-kubectl-'));
  try {
    const child = spawn(
      kubectl,
      ['--kubeconfig', sim.kubeconfigPath, '--context', 'admin', '--cache-dir', join(home, 'c'), 'exec', '-i', name, '--', 'cat'],
      {
        env: { PATH: process.env['PATH'] ?? '', HOME: home },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stdin.end('one\ntwo\n');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 0);
    assert.equal(out, 'one\ntwo\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('exec failures as the API server and the runtime report them', async (t) => {
  if (!need(t)) return;
  const coredns = runningPod('kube-system', 'coredns');
  const noShell = await k(['exec', '-n', 'kube-system', coredns, '--', '/bin/sh']);
  assert.equal(noShell.code, 1);
  assert.match(noShell.stderr, /OCI runtime exec failed: .*exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory: unknown\n$/);
  const web = runningPod('default', 'web');
  const noBash = await k(['exec', '-n', 'default', runningPod('default', 'api'), '--', 'bash']);
  assert.match(noBash.stderr, /exec: "bash": executable file not found in \$PATH/);
  const bash = await k(['exec', web, '--', 'bash', '-c', 'echo from bash']);
  assert.equal(bash.stdout, 'from bash\n');
  const crashing = [...sim.cluster.iterate('default')].find(
    (v) => v.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
  );
  const notRunning = await k(['exec', crashing!.pod.metadata!.name!, '--', 'sh']);
  assert.match(notRunning.stderr, /^error: Internal error occurred: unable to upgrade connection: container not found \("api"\)\n$/);
  const done = [...sim.cluster.iterate('batch')].find((v) => v.pod.status?.phase === 'Succeeded');
  const finished = await k(['exec', '-n', 'batch', done!.pod.metadata!.name!, '--', 'sh']);
  assert.equal(finished.stderr, 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  const viewer = await k(['exec', web, '--', 'echo', 'hi'], 'viewer-basic');
  assert.equal(viewer.code, 1);
  assert.match(
    viewer.stderr,
    new RegExp(`pods "${web}" is forbidden: User "ops" cannot create resource "pods/exec" in API group "" in the namespace "default"`),
  );
});

test('kubectl exec -it in tmux: the shell echoes, runs commands, follows resizes and returns the exit status', async (t) => {
  if (!need(t) || !requireTool(t, 'tmux', 'the kubectl exec -it test')) return;
  const home = mkdtempSync(join(tmpdir(), 'kpods-kubectl-'));
  const name = runningPod('default', 'web');
  const tmux = startTmux(
    [
      findKubectl()!,
      '--kubeconfig',
      sim.kubeconfigPath,
      '--context',
      'admin',
      '--cache-dir',
      join(home, 'c'),
      'exec',
      '-it',
      name,
      '--',
      'sh',
    ],
    { HOME: home },
    100,
    30,
  );
  try {
    await tmux.waitFor((s) => /^\/ #/m.test(s), 'the prompt');
    tmux.send('echo hi', true);
    tmux.send('Enter');
    await tmux.waitFor((s) => /\/ # echo hi\n+hi\n\/ #/.test(s), 'hi');
    tmux.resize(90, 25);
    tmux.send('stty size', true);
    tmux.send('Enter');
    await tmux.waitFor((s) => s.includes('\n25 90\n'), 'the new size');
    tmux.send('exit 3', true);
    tmux.send('Enter');
    const end = await tmux.waitFor((s) => s.includes('[exited 3]'), 'kubectl exits with 3');
    assert.match(end, /command terminated with exit code 3/);
  } finally {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  }
});
