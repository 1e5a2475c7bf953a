/** The terminal hand-over for a shell: keys to the stream, output to the terminal, resizes, raw mode restored. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { runShellInTerminal } from '../../src/ui/shell-terminal.js';
import type { ExecOutput, ExecStream } from '../../src/core/client/exec-ws.js';

test('keys go to channel 0, output to the terminal, size at once and on resize; raw mode on, then off', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[] }) as unknown as NodeJS.ReadStream & {
    raw: boolean[];
  };
  stdin.setRawMode = (m: boolean) => (stdin.raw.push(m), stdin);
  let written = '';
  const stdout = Object.assign(new EventEmitter(), {
    columns: 100,
    rows: 30,
    write: (d: string | Uint8Array) => ((written += Buffer.from(d).toString()), true),
  }) as unknown as NodeJS.WriteStream;
  const sent: string[] = [];
  const sizes: string[] = [];
  let finish!: (code: number) => void;
  let out!: ExecOutput;
  const stream: ExecStream = {
    protocol: 'v5.channel.k8s.io',
    write: (d) => sent.push(Buffer.from(d).toString()),
    resize: (c, r) => sizes.push(`${c}x${r}`),
    closeStdin: () => undefined,
    done: new Promise((r) => (finish = (code) => r({ ok: true, value: { exitCode: code } }))),
    close: () => undefined,
  };
  const running = runShellInTerminal({
    stdin,
    stdout,
    banner: 'shell in web-1\r\n',
    open: async (o) => ((out = o), { ok: true, value: stream }),
  });
  await new Promise((r) => setImmediate(r));
  out.stdout(new TextEncoder().encode('/ # '));
  stdin.write('echo hi\r');
  await new Promise((r) => setImmediate(r));
  (stdout as unknown as { columns: number }).columns = 90;
  (stdout as unknown as EventEmitter).emit('resize');
  finish(3);
  assert.deepEqual(await running, { ok: true, value: { exitCode: 3 } });
  assert.equal(written, 'shell in web-1\r\n/ # ');
  assert.deepEqual(sent, ['echo hi\r']);
  assert.deepEqual(sizes, ['100x30', '90x30']);
  assert.deepEqual(stdin.raw, [true, false]);
  assert.equal(stdin.listenerCount('readable'), 0);
  assert.equal((stdout as unknown as EventEmitter).listenerCount('resize'), 0);
});

test('a failure to open leaves the terminal alone', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.ReadStream;
  let raw = 0;
  stdin.setRawMode = () => (raw++, stdin);
  const stdout = Object.assign(new EventEmitter(), { write: () => true }) as unknown as NodeJS.WriteStream;
  const failure = { stage: 'authorization' as const, code: 'authorization.forbidden' as const, summary: 'no', hints: [] };
  assert.deepEqual(await runShellInTerminal({ stdin, stdout, open: async () => ({ ok: false, failure }) }), { ok: false, failure });
  assert.equal(raw, 0);
});
