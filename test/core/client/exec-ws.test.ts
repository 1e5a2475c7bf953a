/**
 * The native exec client against the simulator: output and exit codes, an interactive TTY with
 * resize, stdin to EOF (v5 close), v4 when only v4 is offered, token and certificate
 * credentials, and the classified failures (no shell, container not running, 403 on pods/exec).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import { loadKubeconfig, resolveTarget } from '../../../src/core/kubeconfig/index.js';
import { createKubeClient, type KubeApiClient } from '../../../src/core/client/index.js';
import { openExec, type ExecRequest, type OpenExecOptions } from '../../../src/core/client/exec-ws.js';
import { upgradeAuthOf } from '../../../src/core/client/exec-auth.js';
import { diagnoseExec } from '../../../src/core/client/exec-diagnose.js';
import type { Host } from '../../../src/core/target.js';
import { until } from '../../helpers/until.js';

let sim: Simulator;
let dir: string;
before(async () => {
  sim = await startSimulator({ pods: 60 });
  dir = mkdtempSync(join(tmpdir(), 'kpods-exec-'));
});
after(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const host = (): Host => ({ env: { PATH: process.env['PATH'] }, home: dir, cwd: dir, now: () => new Date() });

async function withClient<T>(context: string, fn: (c: KubeApiClient) => Promise<T>): Promise<T> {
  const loaded = loadKubeconfig({ explicitPath: sim.kubeconfigPath, host: host() });
  assert.ok(loaded.ok);
  const t = resolveTarget(loaded.value, { context }, host());
  assert.ok(t.ok);
  const c = createKubeClient(t.value, { host: host() });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

interface Run {
  out: string;
  err: string;
  result: Awaited<ReturnType<typeof openExec>>;
}

async function run(
  context: string,
  req: ExecRequest,
  opts: OpenExecOptions = {},
  drive?: (s: import('../../../src/core/client/exec-ws.js').ExecStream, out: () => string) => Promise<void>,
) {
  return withClient(context, async (c) => {
    const auth = await upgradeAuthOf(c);
    assert.ok(auth.ok);
    let out = '';
    let err = '';
    const result = await openExec(
      auth.value,
      req,
      { stdout: (d) => (out += Buffer.from(d).toString()), stderr: (d) => (err += Buffer.from(d).toString()) },
      {
        diagnose: () =>
          diagnoseExec(c, {
            namespace: req.namespace,
            pod: req.pod,
            ...(req.container ? { container: req.container } : {}),
          }),
        ...opts,
      },
    );
    if (!result.ok) return { out, err, result, done: undefined };
    if (drive) await drive(result.value, () => out);
    const done = await result.value.done;
    return { out, err, result, done } as Run & { done: typeof done };
  });
}

function running(ns: string, app: string): string {
  for (const v of sim.cluster.iterate(ns))
    if (
      v.pod.metadata?.labels?.['app'] === app &&
      v.pod.status?.containerStatuses?.length === 1 &&
      v.pod.status.containerStatuses[0]?.state?.running
    )
      return v.pod.metadata.name!;
  throw new Error(`no running ${app}`);
}

const waitFor = async (pred: () => boolean, what: string): Promise<void> => {
  await until(pred, what, 10_000);
};

test('a command: stdout and stderr apart, exit codes from channel 3, v5 negotiated', async () => {
  const pod = running('default', 'web');
  const r = await run('admin', {
    namespace: 'default',
    pod,
    command: ['sh', '-c', 'echo hi; cat /nope; exit 3'],
    stdin: false,
    tty: false,
  });
  assert.ok(r.result.ok);
  assert.equal(r.result.value.protocol, 'v5.channel.k8s.io');
  assert.equal(r.out, 'hi\n');
  assert.equal(r.err, "cat: can't open '/nope': No such file or directory\n");
  assert.deepEqual(r.done, { ok: true, value: { exitCode: 3 } });
  const ok = await run('admin', { namespace: 'default', pod, command: ['echo', 'hi'], stdin: false, tty: false });
  assert.deepEqual(ok.done, { ok: true, value: { exitCode: 0 } });
});

test('an interactive shell with a TTY: echo, resize on channel 4, exit status', async () => {
  const pod = running('default', 'web');
  const r = await run('admin', { namespace: 'default', pod, command: ['/bin/sh'], stdin: true, tty: true }, {}, async (s, out) => {
    s.resize(120, 40);
    await waitFor(() => out().includes('/ # '), 'the prompt');
    s.write(new TextEncoder().encode('echo hi\r'));
    await waitFor(() => out().includes('hi\r\n/ # '), 'hi');
    s.write(new TextEncoder().encode('stty size\r'));
    await waitFor(() => out().includes('40 120'), 'the size');
    s.write(new TextEncoder().encode('exit 3\r'));
  });
  assert.match(r.out, /^\/ # echo hi\r\nhi\r\n/);
  assert.deepEqual(r.done, { ok: true, value: { exitCode: 3 } });
});

test('stdin to EOF: closeStdin ends `cat` (v5); a v4-only offer still works', async () => {
  const pod = running('default', 'web');
  const r = await run('admin', { namespace: 'default', pod, command: ['cat'], stdin: true, tty: false }, {}, async (s) => {
    s.write(new TextEncoder().encode('one\n'));
    s.closeStdin();
  });
  assert.equal(r.out, 'one\n');
  assert.deepEqual(r.done, { ok: true, value: { exitCode: 0 } });
  const v4 = await run(
    'admin',
    { namespace: 'default', pod, command: ['echo', 'four'], stdin: false, tty: false },
    { protocols: ['v4.channel.k8s.io'] },
  );
  assert.ok(v4.result.ok);
  assert.equal(v4.result.value.protocol, 'v4.channel.k8s.io');
  assert.equal(v4.out, 'four\n');
});

test('a bearer token (the developer in shop) works as on any request', async () => {
  const pod = running('shop', 'cart');
  const r = await run('developer', { namespace: 'shop', pod, command: ['hostname'], stdin: false, tty: false });
  assert.equal(r.out, `${pod}\n`);
});

test('no shell in the image: exec: /bin/sh: not found, try --shell', async () => {
  const pod = running('kube-system', 'coredns');
  const r = await run('admin', { namespace: 'kube-system', pod, container: 'coredns', command: ['/bin/sh'], stdin: true, tty: true });
  assert.equal(r.done?.ok, false);
  const f = !r.done!.ok ? r.done!.failure : undefined;
  assert.equal(f?.code, 'response.exec-not-found');
  assert.equal(f?.summary, 'exec: /bin/sh: not found, try --shell /bin/bash or a debug container');
  assert.match(f?.detail ?? '', /stat \/bin\/sh: no such file or directory/);
});

test('a container that is not running, and 403 on pods/exec, are explained', async () => {
  const crashing = [...sim.cluster.iterate('default')].find(
    (v) => v.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
  )!;
  const r = await run('admin', { namespace: 'default', pod: crashing.pod.metadata!.name!, command: ['sh'], stdin: true, tty: true });
  assert.equal(!r.done!.ok && r.done!.failure.code, 'response.container-not-running');
  const pod = running('default', 'web');
  const denied = await run('viewer-basic', { namespace: 'default', pod, command: ['sh'], stdin: true, tty: true });
  assert.equal(denied.result.ok, false);
  const f = !denied.result.ok ? denied.result.failure : undefined;
  assert.equal(f?.code, 'authorization.forbidden');
  assert.equal(f?.summary, `You are not allowed to open a shell in pod ${pod} in namespace default (create pods/exec).`);
  const finished = [...sim.cluster.iterate('batch')].find((v) => v.pod.status?.phase === 'Succeeded')!;
  const done = await run('admin', { namespace: 'batch', pod: finished.pod.metadata!.name!, command: ['sh'], stdin: true, tty: true });
  assert.equal(!done.result.ok && done.result.failure.code, 'response.container-not-running');
});
