/**
 * `kpods why` in-process (CommandIo) against the simulator: every troubled pod's code, the
 * evidence that names the thing and the hint; healthy namespaces; events and logs forbidden;
 * usage errors and a missing pod; and the cost bounds of the scope diagnosis on a fake client.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { whyCommand } from '../../src/commands/why.js';
import type { CommandIo } from '../../src/commands/io.js';
import { diagnoseScope, type DiagnosisClient } from '../../src/core/diagnosis/scope.js';
import type { Pod } from '../../src/core/pods/pod-types.js';

let sim: Simulator;
const NOW = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));

before(async () => {
  sim = await startSimulator({ pods: 30, now: () => NOW, troubled: true });
  // A calm namespace: two copies of the troubled namespace's healthy pod.
  const healthy = sim.cluster.getPod('troubled', 'frontend-5c7f8d9b64-b2d4f')!.pod;
  for (const name of ['frontend-a', 'frontend-b']) {
    const p = structuredClone(healthy);
    p.metadata = { ...p.metadata, name, namespace: 'calm', uid: `calm-${name}` };
    sim.cluster.putPod(p);
  }
});
after(async () => {
  await sim?.close();
});

async function why(args: string[], context = 'admin'): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CommandIo = { stdout, stderr, stdin: new PassThrough(), host: { env: {}, home: sim.dir, cwd: sim.dir, now: () => NOW } };
  const code = await whyCommand([...args, '--kubeconfig', sim.kubeconfigPath, '--context', context], io);
  return { code, stdout: out, stderr: err };
}

interface JsonPod {
  namespace: string;
  name: string;
  phase: string;
  healthy: boolean;
  findings: Array<{ code: string; container: string | null; summary: string; evidence: string[]; hints: string[] }>;
}
interface JsonDoc {
  scope: Record<string, unknown>;
  pods: JsonPod[];
  unhealthy: number;
  total: number;
  notes: string[];
}

// pod name → [code, evidence that names the thing, the hint]
const EXPECT: Record<string, [string, RegExp, RegExp]> = {
  'orders-7f9c6d8b5-k2x7p': [
    'pod.crash-loop',
    /exit code 1 \(Error\)|database unreachable/,
    /kubectl logs orders-7f9c6d8b5-k2x7p -n troubled -c orders --previous/,
  ],
  'reports-5b8d7c9f6-m4n8q': [
    'pod.oom-killed',
    /memory limit 128Mi/,
    /Raise the memory limit of container reports above 128Mi or find the leak/,
  ],
  'nightly-export-29012340-x8k2m': [
    'pod.exit-error',
    /exit code 127 \(Error\): command not found/,
    /not in image ghcr.io\/example\/exporter:2.0.1/,
  ],
  'storefront-6c8d9b7f5-p3v8w': ['pod.image-not-found', /ghcr.io\/example\/storefront:v9.9.9: not found/, /Check the tag v9.9.9 exists/],
  'billing-7d5f8c9b6-t5r2n': ['pod.image-pull-auth', /401 Unauthorized/, /Add an imagePullSecret for ghcr.io/],
  'search-5f6d7c8b9-w2q4z': ['pod.image-pull', /no such host/, /nodes' DNS resolves it/],
  'settings-6b7c8d9f5-h6j8k': [
    'pod.config-missing',
    /configmap "app-config" not found/,
    /Create ConfigMap app-config in troubled or fix the reference/,
  ],
  'analytics-8c9d7f6b5-r7t9v': ['pod.unschedulable', /2 Insufficient memory/, /Lower the memory request \(12Gi\)/],
  'migrator-6f8b7c9d5-j3k5m': ['pod.init-failed', /relation "orders" does not exist/, /-c db-migrate --previous/],
  'ledger-api-5d7f9c8b6-n2p4r': ['pod.mount-failed', /secret "ledger-tls" not found/, /Create Secret ledger-tls in troubled/],
  'edge-proxy-7b9c8d6f5-s8d2f': ['pod.sandbox-failed', /plugin type="calico" failed/, /calico pods on node/],
  'inventory-5c8d7b9f6-v4w6x': ['pod.not-ready', /Readiness probe failed: HTTP probe failed with statuscode: 503/, /readiness check fails/],
  'cache-6d9f8c7b5-z5x7c': ['pod.liveness-restarts', /failed liveness probe, will be restarted/, /GET \/healthz on port 8080/],
  'worker-7c8b9d6f5-q9r3t': ['pod.evicted', /low on resource: ephemeral-storage/, /requests and limits of ephemeral-storage/],
  'legacy-sync-5b7c9d8f6-k8m2n': ['pod.stuck-terminating', /finalizers: example.com\/drain-connections/, /remove the finalizer/],
  'payments-api-6b8c7d9f5-f3g5h': ['pod.node-lost', /NodeNotReady/, /kubectl describe node worker-3/],
  'batch-loader-7d9c8b6f5-c6v8b': ['pod.pending', /schedulingGates: example.com\/quota-check/, /example.com\/quota-check/],
  'notifier-5f9b8c7d6-l7n9p': ['pod.unknown', /phase Unknown/, /Check node worker-2/],
};

test('why -n troubled -o json: every troubled pod with its code, evidence and hint; worst first', async () => {
  const r = await why(['-n', 'troubled', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as JsonDoc;
  assert.deepEqual(doc.scope, { context: 'admin', namespace: 'troubled', allNamespaces: false });
  assert.equal(doc.total, 19);
  assert.equal(doc.unhealthy, 18);
  assert.deepEqual(doc.notes, []);
  for (const [name, [code, evidence, hint]] of Object.entries(EXPECT)) {
    const p = doc.pods.find((x) => x.name === name)!;
    assert.ok(p, name);
    assert.equal(p.healthy, false, name);
    const f = p.findings[0]!;
    assert.equal(f.code, code, name);
    assert.match(f.evidence.join('\n'), evidence, name);
    assert.match(f.hints.join('\n'), hint, name);
  }
  assert.equal(doc.pods[0]!.findings[0]!.code, 'pod.node-lost');
  const last = doc.pods[doc.pods.length - 1]!;
  assert.deepEqual([last.name, last.healthy, last.findings], ['frontend-5c7f8d9b64-b2d4f', true, []]);
  assert.deepEqual(Object.keys(doc.pods[0]!), ['namespace', 'name', 'phase', 'healthy', 'findings']);
});

test('why -n troubled (text): one block per unhealthy pod, then "18 of 19 pods unhealthy"', async () => {
  const r = await why(['-n', 'troubled']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[lines.length - 1], '18 of 19 pods unhealthy');
  assert.match(lines[0]!, /^troubled\/payments-api-6b8c7d9f5-f3g5h {2}NodeLost {2}ready 0\/1/);
  assert.match(r.stdout, /\n {2}\[pod\.crash-loop\] container orders\n {2}Container orders keeps crashing: exit code 1/);
  assert.doesNotMatch(r.stdout, /frontend-5c7f8d9b64-b2d4f/);
});

test('why POD: one pod, its events by field selector; a healthy pod says so', async () => {
  const r = await why(['orders-7f9c6d8b5-k2x7p', '-n', 'troubled']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /event BackOff, 40s \(x52 over 46m\), kubelet/);
  assert.match(r.stdout, /\n1 of 1 pod unhealthy\n$/);
  const ok = await why(['frontend-5c7f8d9b64-b2d4f', '-n', 'troubled']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^troubled\/frontend-5c7f8d9b64-b2d4f: healthy \(Running, 1\/1 ready\)\.\n\n0 of 1 pod unhealthy\n$/);
});

test('a healthy namespace has no findings', async () => {
  const r = await why(['-n', 'calm', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as JsonDoc;
  assert.equal(doc.unhealthy, 0);
  assert.equal(doc.total, 2);
  for (const p of doc.pods) assert.deepEqual(p.findings, []);
  const text = await why(['-n', 'calm']);
  assert.equal(text.stdout, '0 of 2 pods unhealthy\n');
});

test('events forbidden: the developer in shop gets a note naming the permission, and findings from the status', async () => {
  const r = await why(['-n', 'shop'], 'developer');
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /note: Events in namespace shop could not be read \(you may not list events there: RBAC verb list on resource events\)/,
  );
  assert.match(r.stdout, /\[pod\.image-pull\] container catalog/);
  assert.doesNotMatch(r.stdout, /\n0 of \d+ pods unhealthy/);
});

test('logs forbidden: a note naming pods/log, the crash loop still diagnosed', async () => {
  sim.access.bind({
    name: 'dev-troubled',
    role: 'pod-and-event-reader',
    namespace: 'troubled',
    subject: { kind: 'Group', name: 'developers' },
    rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'events'] }],
  });
  try {
    const r = await why(['-n', 'troubled', '-o', 'json'], 'developer');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as JsonDoc;
    assert.deepEqual(doc.notes, [
      'Logs in namespace troubled could not be read (you may not get pods/log there: RBAC verb get on resource pods/log); no log lines shown.',
    ]);
    const orders = doc.pods.find((p) => p.name === 'orders-7f9c6d8b5-k2x7p')!;
    assert.equal(orders.findings[0]!.code, 'pod.crash-loop');
    assert.ok(!orders.findings[0]!.evidence.some((e) => /last log lines/.test(e)));
  } finally {
    sim.access.unbind('dev-troubled', 'troubled');
  }
});

test('usage errors exit 2; a missing pod exits as list does (8) and names the pod', async () => {
  assert.equal((await why(['a', 'b', '-n', 'troubled'])).code, 2);
  assert.equal((await why(['a', '-A'])).code, 2);
  assert.equal((await why(['-o', 'yaml'])).code, 2);
  const missing = await why(['no-such-pod', '-n', 'troubled']);
  assert.equal(missing.code, 8, missing.stderr);
  assert.match(missing.stderr, /no-such-pod/);
});

test('cost at scale: events once per namespace with an unhealthy pod, bounded parallel log reads', async () => {
  const NOW2 = new Date(Date.UTC(2026, 2, 1));
  const crashing = (ns: string, i: number): Pod => ({
    metadata: { name: `p-${i}`, namespace: ns, uid: `u-${ns}-${i}` },
    spec: { containers: [{ name: 'app', image: 'x:1' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [
        {
          name: 'app',
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    },
  });
  const healthy = (ns: string, i: number): Pod => ({
    metadata: { name: `h-${i}`, namespace: ns },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const pods: Pod[] = [];
  for (let i = 0; i < 10_000; i++) pods.push(i % 50 === 0 ? crashing(`ns-${i % 3}`, i) : healthy(`ns-${3 + (i % 7)}`, i));
  let events = 0;
  let logs = 0;
  let open = 0;
  let maxOpen = 0;
  const slow = async <T>(v: T): Promise<T> => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    await new Promise((r) => setImmediate(r));
    open--;
    return v;
  };
  const client: DiagnosisClient = {
    listPodObjects: async () => ({ ok: true, value: { items: pods } }),
    getPodObject: async () => ({ ok: true, value: pods[0]! }),
    listEvents: async () => {
      events++;
      return slow({ ok: true, value: [] });
    },
    readLog: async () => {
      logs++;
      return slow({ ok: true, value: 'boom\n' });
    },
  };
  const r = await diagnoseScope(client, {}, { now: NOW2 });
  assert.ok(r.ok);
  assert.equal(r.value.total, 10_000);
  assert.equal(r.value.unhealthy, 200);
  assert.equal(events, 3, 'one event list per namespace with an unhealthy pod');
  assert.equal(logs, 20, 'logs bounded');
  assert.ok(maxOpen <= 4, `at most 4 reads at once (saw ${maxOpen})`);
  assert.deepEqual(r.value.notes, ['Logs were read for the first 20 of 200 failed containers only.']);
});
