/** The exec channel protocol: channel bytes, resize, v5 close, and the status on channel 3 as an exit code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHANNEL,
  closeMessage,
  decodeChannel,
  encodeChannel,
  outcomeOfStatus,
  parseResize,
  resizeMessage,
  statusForError,
  statusForExit,
} from '../../../src/core/client/exec-frames.js';

test('channels: the first byte names the stream, the rest is the payload as sent', () => {
  const msg = encodeChannel(CHANNEL.stdin, 'é\n');
  assert.deepEqual([...msg], [0, 0xc3, 0xa9, 0x0a]);
  const out = decodeChannel(new Uint8Array([1, 104, 105]));
  assert.equal(out?.channel, CHANNEL.stdout);
  assert.equal(new TextDecoder().decode(out?.data), 'hi');
  assert.equal(decodeChannel(new Uint8Array([2]))?.data.length, 0);
  assert.equal(decodeChannel(new Uint8Array([])), undefined);
  const bytes = new Uint8Array([0, 255, 3]);
  assert.deepEqual([...encodeChannel(CHANNEL.stdin, bytes)], [0, 0, 255, 3]);
});

test('resize: channel 4 with Width and Height, whole non-negative numbers', () => {
  const msg = resizeMessage(120.7, 40);
  assert.equal(msg[0], 4);
  assert.equal(new TextDecoder().decode(msg.subarray(1)), '{"Width":120,"Height":40}');
  assert.deepEqual(parseResize(msg.subarray(1)), { width: 120, height: 40 });
  assert.equal(parseResize(new TextEncoder().encode('{"Width":"x"}')), undefined);
  assert.equal(parseResize(new TextEncoder().encode('not json')), undefined);
  assert.equal(new TextDecoder().decode(resizeMessage(-3, 2).subarray(1)), '{"Width":0,"Height":2}');
});

test('close (v5): channel 255 naming the closed channel', () => {
  assert.deepEqual([...closeMessage(CHANNEL.stdin)], [255, 0]);
});

test('exit status: Success is 0, NonZeroExitCode carries the code, anything else is a failure with the message', () => {
  assert.deepEqual(outcomeOfStatus(statusForExit(0, ['sh'])), { kind: 'exited', exitCode: 0 });
  assert.deepEqual(outcomeOfStatus('{"metadata":{},"status":"Success"}'), { kind: 'exited', exitCode: 0 });
  const three = statusForExit(3, ['sh', '-c', 'exit 3']);
  assert.match(three, /"message":"command terminated with non-zero exit code: error executing command \[sh -c exit 3\], exit code 3"/);
  assert.deepEqual(outcomeOfStatus(three), { kind: 'exited', exitCode: 3 });
  assert.deepEqual(outcomeOfStatus(new TextEncoder().encode(statusForExit(130, ['sh']))), { kind: 'exited', exitCode: 130 });
  const missing = outcomeOfStatus(statusForError('exec: "sh": executable file not found in $PATH'));
  assert.deepEqual(missing, {
    kind: 'failed',
    message: 'Internal error occurred: exec: "sh": executable file not found in $PATH',
    reason: 'InternalError',
    code: 500,
  });
  const badCode =
    '{"status":"Failure","reason":"NonZeroExitCode","message":"m","details":{"causes":[{"reason":"ExitCode","message":"x"}]}}';
  assert.deepEqual(outcomeOfStatus(badCode), { kind: 'failed', message: 'm', reason: 'NonZeroExitCode' });
  assert.deepEqual(outcomeOfStatus('plain text from an old server'), { kind: 'failed', message: 'plain text from an old server' });
});
