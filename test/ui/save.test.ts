import test from 'node:test';
import assert from 'node:assert/strict';
import { requestSave, type SaveDeps } from '../../src/ui/save.js';
import { createStore } from '../../src/ui/store.js';
import type { UiSession } from '../../src/ui/session.js';
import type { ConfirmState } from '../../src/ui/screens/confirm-model.js';

const session = { selection: { context: 'prod' }, saveNamespace: () => 'shop' } as unknown as UiSession;

/** Confirms the save screen and waits (with a deadline) for the footer's message. */
async function saveWith(save: SaveDeps['save']): Promise<string> {
  const store = createStore();
  requestSave(store, session, { savePreview: () => 'will change /x/config', save });
  const top = store.getState().stack.at(-1);
  assert.equal(top?.id, 'confirm');
  (top as unknown as { state: ConfirmState }).state.onConfirm();
  const deadline = Date.now() + 5000;
  while (store.getState().message === undefined) {
    assert.ok(Date.now() < deadline, 'no message');
    await new Promise((r) => setImmediate(r));
  }
  return store.getState().message!;
}

test('a save that throws (disk full) says so in plain words with a hint, not the system message', async () => {
  const text = await saveWith(() => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })));
  assert.match(text, /^not saved: Could not write the kubeconfig: the disk is full\. → Free some space/);
  assert.doesNotMatch(text, /no space left on device/);
});

test('a refused save shows the failure summary and its first hint', async () => {
  const text = await saveWith(() =>
    Promise.resolve({
      ok: false,
      failure: {
        stage: 'kubeconfig',
        code: 'kubeconfig.write-failed',
        summary: 'Could not save: the lock file /x/config.lock is held.',
        hints: ['Another kubectl is saving.', 'Delete it.'],
      },
    }),
  );
  assert.equal(text, 'not saved: Could not save: the lock file /x/config.lock is held. → Another kubectl is saving.');
});
