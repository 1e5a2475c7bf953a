/**
 * The pod detail's pure parts: describe-like sections on a captured crash-looping pod, and the
 * YAML view compared with `kubectl get pod -o yaml` on the same simulator (parsed, equal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { repoRoot } from '../../helpers/run-kpods.js';
import { runKubectl, simRequest, withSimulator } from '../../helpers/sim.js';
import { requireTool } from '../../helpers/tools.js';
import { podDetailSections } from '../../../src/core/pods/pod-detail.js';
import { podYaml } from '../../../src/core/pods/pod-yaml.js';
import type { Pod } from '../../../src/core/pods/pod-types.js';
import type { KubeEvent } from '../../../src/core/client/types.js';

const data = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/diagnosis/troubled.json'), 'utf8')) as {
  now: string;
  fixtures: Array<{ expect: string; pod: Pod; events: KubeEvent[] }>;
};

test('detail sections of a crash-looping pod: overview, containers with the exit code, conditions, events with kubectl ages', () => {
  const f = data.fixtures.find((x) => x.expect === 'pod.crash-loop')!;
  const sections = podDetailSections(f.pod, f.events, new Date(data.now));
  assert.deepEqual(
    sections.map((s) => s.id),
    ['overview', 'containers', 'conditions', 'events'],
  );
  const text = (id: string) => sections.find((s) => s.id === id)!.lines.map((l) => l.text);
  assert.ok(text('overview').includes('Controlled By:   ReplicaSet/orders-7f9c6d8b5'));
  assert.ok(text('overview').some((l) => /^Node:\s+worker-\d\/172\.18\.0\.\d$/.test(l)));
  assert.ok(text('overview').some((l) => /^QoS Class:\s+Burstable$/.test(l)));
  const containers = text('containers').join('\n');
  assert.match(containers, /Last State: {4}Terminated\n {4}Reason: {6}Error\n {4}Exit Code: {3}1\n/);
  assert.match(containers, /Restart Count: 12/);
  assert.match(containers, /Requests: {6}cpu: 100m, memory: 128Mi/);
  assert.match(text('conditions').join('\n'), /Ready\s+False \(ContainersNotReady\)/);
  const events = sections.find((s) => s.id === 'events')!.lines;
  const backOff = events.find((l) => /BackOff/.test(l.text))!;
  assert.equal(backOff.tone, 'warning');
  assert.match(backOff.text, /^Warning\s+BackOff\s+40s \(x52 over 46m\)\s+kubelet\s+Back-off restarting failed container orders/);
  assert.equal(events.find((l) => /Scheduled/.test(l.text))!.tone, undefined);
  const unread = podDetailSections(f.pod, undefined, new Date(data.now), 'You may not list events in troubled.');
  assert.deepEqual(unread[3]!.lines, [{ text: 'You may not list events in troubled.' }]);
});

test('the YAML view has the content of kubectl get pod -o yaml; managedFields only when toggled', async (t) => {
  if (!requireTool(t, 'kubectl', 'the YAML comparison with kubectl')) return;
  await withSimulator({ pods: 10, troubled: true }, async (sim) => {
    for (const name of ['orders-7f9c6d8b5-k2x7p', 'analytics-8c9d7f6b5-r7t9v', 'legacy-sync-5b7c9d8f6-k8m2n']) {
      const res = await simRequest(sim, `/api/v1/namespaces/troubled/pods/${name}`);
      const pod = JSON.parse(res.body) as Pod;
      const theirs = await runKubectl(['get', 'pod', '-n', 'troubled', name, '-o', 'yaml'], {
        kubeconfig: sim.kubeconfigPath,
        context: 'admin',
      });
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.deepEqual(yaml.load(podYaml(pod)), yaml.load(theirs.stdout), name);
      const withFields = yaml.load(podYaml(pod, { managedFields: true })) as Pod;
      assert.ok(Array.isArray(withFields.metadata?.managedFields) && withFields.metadata.managedFields.length > 0);
    }
  });
});
