/**
 * Issue 10 item 17: saving into a file of the KUBECONFIG chain where the key is new (no
 * current-context yet, a context without a namespace) keeps the file's comments and list style;
 * where the layout cannot be kept, saveKeepsFormatting (what the preview reads) says so first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig, saveCurrentContext, saveKeepsFormatting, saveNamespace } from '../../../src/core/kubeconfig/index.js';
import type { Host } from '../../../src/core/target.js';

const FIRST = `# team clusters: keep these comments
apiVersion: v1
kind: Config
clusters:
  - name: ca   # indented list style
    cluster:
      server: https://a
users:
  - name: ua
    user: {token: ta}
contexts:
  - name: block
    context:
      cluster: ca   # no namespace yet
      user: ua
  - name: flow
    context: {cluster: ca, user: ua}
`;
const SECOND = `current-context: flow
contexts:
- name: other
  context: {cluster: ca, user: ua}
`;

function setup(t: { after(fn: () => void): void }): { host: Host; first: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-save-new-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = join(dir, 'first.yaml');
  const second = join(dir, 'second.yaml');
  writeFileSync(first, FIRST);
  writeFileSync(second, SECOND);
  return {
    host: { env: { KUBECONFIG: [first, second].join(delimiter) }, home: join(dir, 'home'), cwd: dir, now: () => new Date(0) },
    first,
  };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

test('a new current-context key in the first file of the chain keeps its comments and list style', async (t) => {
  const { host, first } = setup(t);
  assert.equal(saveKeepsFormatting(first, { kind: 'current-context', value: 'block' }), true);
  const r = await saveCurrentContext({ host, context: 'block' });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  assert.equal(r.value.file, first);
  const after = readFileSync(first, 'utf8');
  const missing = lines(FIRST).filter((l) => !lines(after).includes(l));
  assert.deepEqual(missing, [], `lines lost:\n${after}`);
  assert.deepEqual(
    lines(after).filter((l) => !lines(FIRST).includes(l)),
    ['current-context: block'],
  );
  const loaded = loadKubeconfig({ host });
  assert.ok(loaded.ok);
  assert.equal(loaded.value.currentContext, 'block');
});

test('a new namespace key in a context keeps the comments; where the layout cannot be kept, it is said before saving', async (t) => {
  for (const context of ['block', 'flow']) {
    const { host, first } = setup(t);
    const keeps = saveKeepsFormatting(first, { kind: 'context-namespace', context, namespace: 'shop' });
    const r = await saveNamespace({ host, context, namespace: 'shop' });
    assert.ok(r.ok, r.ok ? '' : r.failure.summary);
    const after = readFileSync(first, 'utf8');
    const lost = lines(FIRST).filter((l) => !lines(after).includes(l));
    if (context === 'block') assert.equal(keeps, true);
    // Besides the flow context's own line (the edit), nothing is lost unless the preview said so first.
    const others = lost.filter((l) => l !== '    context: {cluster: ca, user: ua}');
    if (keeps) assert.deepEqual(others, [], `formatting lost without warning:\n${after}`);
    const loaded = loadKubeconfig({ host });
    assert.ok(loaded.ok);
    assert.equal(loaded.value.contexts.find((c) => c.name === context)?.fields.namespace, 'shop');
  }
});
