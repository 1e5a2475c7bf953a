/**
 * The pod diagnosis on captured pods and events (test/fixtures/diagnosis/troubled.json: the
 * troubled namespace as the simulator serves it, managedFields dropped) and on variants built
 * from them with other real kubelet and scheduler texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/run-kpods.js';
import { diagnosePod, eventAge, FINDING_CODES, type DiagEvent, type Finding } from '../../../src/core/diagnosis/index.js';
import type { Pod } from '../../../src/core/pods/pod-types.js';

interface Fixture {
  expect: string;
  pod: Pod;
  events: DiagEvent[];
  logs: Record<string, string[]>;
}
const data = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/diagnosis/troubled.json'), 'utf8')) as {
  now: string;
  fixtures: Fixture[];
};
const NOW = new Date(data.now);
const byCode = (code: string) => structuredClone(data.fixtures.find((f) => f.expect === code)!);
const run = (f: Fixture, logs = f.logs) => diagnosePod({ pod: f.pod, events: f.events, logs, now: NOW });
const top = (f: Fixture): Finding => {
  const out = run(f);
  assert.ok(out.length > 0, `no finding for ${f.pod.metadata?.name}`);
  return out[0]!;
};
const all = (f: Finding) => [f.summary, ...f.evidence, ...f.hints].join('\n');

test('every code has a captured pod, whose top finding is that code, with evidence and hints', () => {
  for (const code of FINDING_CODES) {
    const f = byCode(code);
    assert.ok(f, code);
    const finding = top(f);
    assert.equal(finding.code, code, f.pod.metadata?.name);
    assert.ok(finding.evidence.length > 0, `${code} has evidence`);
    assert.ok(finding.hints.length > 0, `${code} has hints`);
    assert.match(finding.summary, /^[A-Z].*\.$/, `${code}: one sentence`);
  }
});

test('a healthy pod (Running and Ready, or Succeeded) has no findings', () => {
  const healthy = byCode('');
  assert.deepEqual(run(healthy), []);
  const done = structuredClone(healthy);
  done.pod.status!.phase = 'Succeeded';
  assert.deepEqual(run(done), []);
});

test('crash loop: exit code and reason, restarts, when, the previous log and the kubectl logs hint', () => {
  const f = top(byCode('pod.crash-loop'));
  assert.equal(f.container, 'orders');
  assert.ok(f.evidence.includes('last run: exit code 1 (Error): application error, ended 3m ago'));
  assert.ok(f.evidence.includes('12 restarts'));
  assert.ok(f.evidence.some((e) => /^event BackOff, 40s \(x52 over 46m\), kubelet: Back-off restarting failed container orders/.test(e)));
  assert.ok(f.evidence.some((e) => /connect: connection refused/.test(e)));
  assert.ok(f.hints.includes('Read the log of the failed run: kubectl logs orders-7f9c6d8b5-k2x7p -n troubled -c orders --previous'));
  const noLogs = run(byCode('pod.crash-loop'), {})[0]!;
  assert.ok(!noLogs.evidence.some((e) => /last log lines/.test(e)));
});

test('OOMKilled names the memory limit it hit', () => {
  const f = top(byCode('pod.oom-killed'));
  assert.match(f.summary, /out of memory \(limit 128Mi\)/);
  assert.ok(f.hints.some((h) => h.includes('Raise the memory limit of container reports above 128Mi or find the leak')));
});

test('exit codes are explained: 1, 126, 127, 137, 139, 143', () => {
  const meaning: Record<number, RegExp> = {
    1: /application error/,
    126: /not executable/,
    127: /command not found/,
    137: /SIGKILL/,
    139: /segmentation fault/,
    143: /SIGTERM/,
  };
  for (const [code, re] of Object.entries(meaning)) {
    const f = byCode('pod.exit-error');
    f.pod.status!.containerStatuses![0]!.state!.terminated!.exitCode = Number(code);
    const finding = top(f);
    assert.equal(finding.code, 'pod.exit-error');
    assert.match(finding.summary, re, code);
  }
  const f = top(byCode('pod.exit-error'));
  assert.ok(f.hints.some((h) => /not in image ghcr.io\/example\/exporter:2.0.1/.test(h)));
});

test('image pulls told apart by the kubelet text; the image named', () => {
  assert.match(top(byCode('pod.image-not-found')).hints[0]!, /Check the tag v9.9.9 exists in ghcr.io\/example\/storefront/);
  assert.match(all(top(byCode('pod.image-pull-auth'))), /Add an imagePullSecret for ghcr.io/);
  assert.match(top(byCode('pod.image-pull')).summary, /cannot resolve registry.internal.example/);
  const variants: Array<[string, string]> = [
    [
      'pod.image-not-found',
      'rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:1.99 not found: manifest unknown: manifest unknown',
    ],
    [
      'pod.image-pull-auth',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/acme/private:1": failed to resolve reference "docker.io/acme/private:1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    [
      'pod.image-pull-auth',
      'rpc error: code = Unknown desc = Error response from daemon: Head "https://quay.io/v2/acme/app/manifests/1": unauthorized: authentication required',
    ],
    [
      'pod.image-pull',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.',
    ],
  ];
  for (const [code, cause] of variants) {
    const f = byCode('pod.image-pull');
    for (const e of f.events) if (e.message?.startsWith('Failed to pull image')) e.message = `Failed to pull image "x": ${cause}`;
    assert.equal(top(f).code, code, cause);
  }
});

test('config errors name the missing ConfigMap, Secret or key', () => {
  assert.match(top(byCode('pod.config-missing')).hints[0]!, /Create ConfigMap app-config in troubled or fix the reference/);
  const f = byCode('pod.config-missing');
  f.pod.status!.containerStatuses![0]!.state!.waiting!.message = "couldn't find key DATABASE_URL in Secret troubled/db-credentials";
  const key = top(f);
  assert.match(key.summary, /key DATABASE_URL of Secret db-credentials does not exist/);
  f.pod.status!.containerStatuses![0]!.state!.waiting!.message = 'secret "api-token" not found';
  assert.match(top(f).hints[0]!, /Create Secret api-token in troubled/);
});

test('unschedulable: resources and taints, node selector, unbound PersistentVolumeClaim', () => {
  const f = top(byCode('pod.unschedulable'));
  assert.match(f.summary, /2 node\(s\) have too little free memory for the request of 12Gi/);
  assert.ok(f.hints.some((h) => /toleration for node-role.kubernetes.io\/control-plane/.test(h)));
  const texts: Array<[string, RegExp]> = [
    [
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      /nodeSelector/,
    ],
    [
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      /PersistentVolumeClaim/,
    ],
    [
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      /too little free cpu for the request of 2/,
    ],
  ];
  for (const [message, re] of texts) {
    const v = byCode('pod.unschedulable');
    v.pod.status!.conditions![0]!.message = message;
    assert.match(all(top(v)), re, message);
  }
});

test('init container failures, mounts, sandboxes, probes', () => {
  const init = top(byCode('pod.init-failed'));
  assert.equal(init.container, 'db-migrate');
  assert.match(init.summary, /Init container db-migrate keeps failing \(exit code 1/);
  assert.match(all(top(byCode('pod.mount-failed'))), /Create Secret ledger-tls in troubled/);
  assert.match(top(byCode('pod.sandbox-failed')).summary, /network plugin calico failed/);
  assert.match(top(byCode('pod.not-ready')).summary, /readiness probe fails \(HTTP probe failed with statuscode: 503\)/);
  const live = top(byCode('pod.liveness-restarts'));
  assert.match(live.summary, /5 restarts/);
  assert.ok(live.evidence.some((e) => /Liveness probe failed: Get "http:\/\/10.244.9.23:8080\/healthz"/.test(e)));
  assert.match(live.hints[0]!, /GET \/healthz on port 8080, timeout 1s/);
});

test('evicted, stuck terminating (finalizer, then a lost node), node lost, pending, unknown', () => {
  assert.match(top(byCode('pod.evicted')).summary, /low on ephemeral-storage/);
  const stuck = top(byCode('pod.stuck-terminating'));
  assert.match(stuck.summary, /finalizer example.com\/drain-connections has not been removed/);
  const lostNode = byCode('pod.node-lost');
  lostNode.pod.metadata!.deletionTimestamp = '2026-03-01T11:00:00Z';
  const lost = run(lostNode).map((f) => f.code);
  assert.deepEqual(lost, ['pod.node-lost', 'pod.stuck-terminating']);
  assert.match(run(lostNode)[1]!.summary, /node worker-3 is lost/);
  assert.match(top(byCode('pod.pending')).summary, /blocked by gate example.com\/quota-check/);
  assert.match(top(byCode('pod.unknown')).summary, /Unknown: the kubelet on worker-2 has not reported it/);
});

test("kubectl's event age: single, old-style count, new-style series", () => {
  const now = new Date('2026-03-01T12:00:00Z');
  assert.equal(eventAge({ firstTimestamp: '2026-03-01T11:13:00Z', lastTimestamp: '2026-03-01T11:13:00Z', count: 1 }, now), '47m');
  assert.equal(
    eventAge({ firstTimestamp: '2026-03-01T11:40:00Z', lastTimestamp: '2026-03-01T11:55:00Z', count: 3 }, now),
    '5m (x3 over 20m)',
  );
  assert.equal(
    eventAge({ eventTime: '2026-03-01T11:08:00.000000Z', series: { count: 14, lastObservedTime: '2026-03-01T11:56:00.000000Z' } }, now),
    '4m (x14 over 52m)',
  );
});

test('a termination time the kubelet did not fill in well is left out, never printed as "undefined ago"', () => {
  for (const code of ['pod.crash-loop', 'pod.liveness-restarts']) {
    const f = byCode(code);
    for (const s of f.pod.status?.containerStatuses ?? []) {
      if (s.lastState?.terminated) s.lastState.terminated.finishedAt = 'not a time';
    }
    const text = all(top(f));
    assert.doesNotMatch(text, /undefined/, `${code}: ${text}`);
  }
});
