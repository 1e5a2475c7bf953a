/**
 * `kpods list` into a pipe whose reader is slow: the process must not end before its output is
 * written, so what the reader finally gets is the whole table, byte for byte what the command
 * prints in-process. The process and its pipe are the point here, so the real binary runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { kpodsBin } from '../helpers/run-kpods.js';
import { runCommand } from '../helpers/run-command.js';
import { startSimulator } from '../../src/sim/index.js';

/** Runs the binary with stdout into a pipe nobody reads for a while, then reads it a little at a time. */
async function slowlyRead(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [kpodsBin, ...args], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdout.pause();
  // The deliberate slow reader: nothing is read while kpods fetches, formats and writes (and, if it
  // did not wait for its output, would exit); then one chunk at a time with a pause between them.
  await delay(400);
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout) {
    chunks.push(chunk as Buffer);
    await delay(2);
  }
  return { code: await closed, out: Buffer.concat(chunks).toString('utf8'), err };
}

test('kpods list into a slowly read pipe: the output is complete and identical to the in-process output', async (t) => {
  // A still server clock: the ages the server computes are the same in both runs.
  const fixed = new Date('2026-01-15T12:00:00Z');
  const sim = await startSimulator({ pods: 8000, churnPerSecond: 0, now: () => fixed });
  t.after(() => sim.close());
  const env = { PATH: process.env['PATH'], HOME: sim.dir };
  for (const args of [
    ['list', '-A', '-o', 'wide', '--kubeconfig', sim.kubeconfigPath],
    ['list', '-n', 'default', '--kubeconfig', sim.kubeconfigPath],
    ['list', '-n', 'default', '-o', 'json', '--kubeconfig', sim.kubeconfigPath],
  ]) {
    const expected = await runCommand(args, { env });
    assert.equal(expected.code, 0, expected.stderr);
    const piped = await slowlyRead(args, env);
    assert.equal(piped.code, 0, piped.err);
    assert.equal(piped.err, '');
    assert.equal(piped.out.length, expected.stdout.length, `${args.join(' ')}: all of the output arrives`);
    assert.ok(piped.out === expected.stdout, `${args.join(' ')}: the piped output is byte-identical`);
  }
  // The wide table is larger than the pipe (a socket pair, with kernel buffers of a few hundred kB) and the
  // reader's buffer hold together, so kpods had to wait for the reader.
  const all = await runCommand(['list', '-A', '-o', 'wide', '--kubeconfig', sim.kubeconfigPath], { env });
  assert.ok(all.stdout.length > 1024 * 1024, `${all.stdout.length} bytes`);
});
