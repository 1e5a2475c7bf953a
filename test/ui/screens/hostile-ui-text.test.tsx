/** In the browser, kubeconfig names in pickers and live plugin stderr are neutralised. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { PickerView } from '../../../src/ui/screens/picker.js';
import { fillPicker, newPicker } from '../../../src/ui/screens/picker-model.js';
import { runWithTerminal } from '../../../src/ui/tty-exec-runner.js';
import { SecretSet } from '../../../src/core/redact.js';
import { renderSized } from '../../helpers/ink.js';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const OSC_CLIP = '\u001b]52;c;ZXZpbA==\u0007';

test("the user picker's note (the cluster name from the kubeconfig) is neutralised", async () => {
  const r = renderSized(
    <PickerView
      picker={fillPicker(
        newPicker('Users', () => undefined),
        { items: [{ id: 'u', label: `alice${OSC_TITLE}` }], note: `applied to cluster evil${OSC_TITLE}${OSC_CLIP}\u009b31m` },
      )}
      height={10}
      color={false}
    />,
  );
  try {
    await r.waitFor((f) => f.includes('alice'), 'the picker');
    const raw = r.frames.join('');
    assert.equal(raw.includes('\u001b]'), false, 'an OSC sequence reached the terminal');
    assert.equal(raw.includes('\u009b'), false, 'a C1 CSI reached the terminal');
    assert.ok(r.frame().includes('evil^[]0;pwned^G'), r.frame());
  } finally {
    r.unmount();
  }
});

test("an interactive plugin's live stderr is neutralised (no OSC title, clipboard write or SGR)", async () => {
  const term = new PassThrough();
  let seen = '';
  term.on('data', (d: Buffer) => (seen += d.toString('utf8')));
  const res = await runWithTerminal(
    {
      command: process.execPath,
      args: ['-e', `process.stderr.write(${JSON.stringify(`${OSC_TITLE}${OSC_CLIP}\u001b[31mred\nPassword: `)})`],
      env: { PATH: '' },
      interactive: false,
      timeoutMs: 10_000,
    },
    term,
    new SecretSet(),
  );
  assert.equal(res.exitCode, 0);
  assert.equal(/[\u001b\u0007\u009b]/.test(seen), false, JSON.stringify(seen));
  assert.ok(seen.includes('red\nPassword: '), JSON.stringify(seen));
});
