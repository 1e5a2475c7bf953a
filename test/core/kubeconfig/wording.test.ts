/** The words of kubeconfig failures read as English whether or not anything is defined. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextNotFound, noCurrentContext } from '../../../src/core/kubeconfig/index.js';
import type { LoadedKubeconfig } from '../../../src/core/kubeconfig/index.js';
import { hintText } from '../../../src/core/hint.js';

function config(contexts: string[]): LoadedKubeconfig {
  return {
    files: [{ path: '/k/config', exists: true }],
    contexts: contexts.map((name) => ({ name, origin: '/k/config', fields: {} })),
    clusters: [],
    users: [],
  } as unknown as LoadedKubeconfig;
}

test('no contexts: "No contexts are defined", never "Contexts none are defined"', () => {
  const a = contextNotFound(config([]), 'nope', true);
  assert.ok(
    a.hints.some((h) => hintText(h, 'cli').startsWith('No contexts are defined; list them with: kpods contexts.')),
    a.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
  const b = noCurrentContext(config([]));
  assert.ok(
    b.hints.some((h) => hintText(h, 'cli').includes('(no contexts are defined)')),
    b.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
  for (const h of [...a.hints, ...b.hints]) assert.doesNotMatch(hintText(h, 'cli'), /none are defined/);
});

test('some contexts: they are named', () => {
  const a = contextNotFound(config(['dev', 'prod']), 'nope', true);
  assert.ok(
    a.hints.some((h) => hintText(h, 'cli').startsWith('Contexts defined: "dev", "prod"')),
    a.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
  const b = noCurrentContext(config(['dev']));
  assert.ok(
    b.hints.some((h) => hintText(h, 'cli').includes('(contexts defined: "dev")')),
    b.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
});
