/** The pod detail screen's pure model: sections, YAML, search, deleted pod. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-kpods.js';
import { detailFindings, detailLines, detailState, nextHit, searchHits, showSection } from '../../src/ui/screens/detail-model.js';
import type { Pod } from '../../src/core/pods/pod-types.js';
import type { KubeEvent } from '../../src/core/client/types.js';

const data = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/diagnosis/troubled.json'), 'utf8')) as {
  now: string;
  fixtures: Array<{ expect: string; pod: Pod; events: KubeEvent[] }>;
};
const NOW = new Date(data.now);
const f = data.fixtures.find((x) => x.expect === 'pod.crash-loop')!;

test('the header diagnosis, sections by number or wrapping, the YAML view with managedFields on request', () => {
  const s = { ...detailState('troubled', f.pod.metadata!.name!), pod: f.pod, events: f.events };
  assert.equal(detailFindings(s, NOW)[0]!.code, 'pod.crash-loop');
  assert.match(detailLines(s, NOW)[0]!.text, /^Name:\s+orders-7f9c6d8b5-k2x7p$/);
  const events = showSection(s, 3);
  assert.ok(detailLines(events, NOW).some((l) => l.tone === 'warning' && /BackOff/.test(l.text)));
  assert.equal(showSection(events, 4).section, 0);
  assert.equal(showSection(s, -1).section, 3);
  const y = { ...s, yaml: true };
  assert.equal(detailLines(y, NOW)[0]!.text, 'apiVersion: v1');
  assert.ok(!detailLines(y, NOW).some((l) => /managedFields/.test(l.text)));
});

test('search within the view (smart case) and a deleted pod', () => {
  const s = showSection({ ...detailState('troubled', 'x'), pod: f.pod, events: f.events }, 1);
  const lines = detailLines(s, NOW);
  const hits = searchHits(lines, 'exit code');
  assert.equal(hits.length, 1);
  assert.equal(nextHit({ ...s, search: 'exit code' }, lines), hits[0]);
  assert.deepEqual(searchHits(lines, 'Exit code'), []);
  const gone = { ...detailState('troubled', 'orders-7f9c6d8b5-k2x7p'), deleted: true };
  assert.deepEqual(detailLines(gone, NOW), [{ text: 'Pod orders-7f9c6d8b5-k2x7p was deleted.' }]);
});

test('a render reuses what it computed for the same pod object: findings and events once a second, sections and YAML once', () => {
  const s = { ...detailState('troubled', f.pod.metadata!.name!), pod: f.pod, events: f.events };
  const later = new Date(NOW.getTime() + 400);
  assert.equal(detailFindings(s, NOW), detailFindings(s, later), 'the same second: the same findings');
  assert.notEqual(detailFindings(s, NOW), detailFindings(s, new Date(NOW.getTime() + 1000)), 'a new second: computed again');
  assert.equal(detailLines(s, NOW), detailLines(s, new Date(NOW.getTime() + 60_000)), 'the overview does not depend on the clock');
  const events = showSection(s, 3);
  assert.equal(detailLines(events, NOW), detailLines(events, later));
  const yaml = { ...s, yaml: true };
  assert.equal(detailLines(yaml, NOW), detailLines({ ...yaml, scroll: 5 }, later));
  assert.notEqual(detailLines(yaml, NOW), detailLines({ ...yaml, managedFields: true }, NOW), 'with managedFields is another view');
  const reread = { ...s, pod: structuredClone(f.pod) };
  assert.notEqual(detailLines(reread, NOW), detailLines(s, NOW), 'a re-read pod is computed again');
  assert.deepEqual(detailLines(reread, NOW), detailLines(s, NOW));
});
