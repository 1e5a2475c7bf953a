/**
 * `kpods list` into a pipe whose reader is slow: the process must not end before its output is
 * written, so what the reader finally gets is the whole table, byte for byte what the command
 * prints in-process. The process and its pipe are the point here, so the real binary runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  // A 'readable' listener reads nothing yet, but marks the stream as read: Node would otherwise drain
  // (and drop) a stdout nobody reads once the child exits.
  child.stdout.on('readable', () => undefined);
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

/**
 * What the pipe and the reader hold before a writer must wait: the socket pair's kernel buffer (the
 * sender's, net.core.wmem_default; 208 KiB here, 1 MiB assumed where it cannot be read) and the
 * reader's stream buffer (64 KiB at most).
 */
function pipeHolds(): number {
  try {
    return Number(readFileSync('/proc/sys/net/core/wmem_default', 'utf8').trim()) + 64 * 1024;
  } catch {
    return 1024 * 1024;
  }
}

test('kpods list into a slowly read pipe: the output is complete and identical to the in-process output', async (t) => {
  // A still server clock: the ages the server computes are the same in both runs.
  const fixed = new Date('2026-01-15T12:00:00Z');
  // 4,000 pods: the wide table of all of them is about 700 kB and the JSON list of one namespace
  // about 5 MB, both more than twice what the pipe and the reader hold (checked below).
  const sim = await startSimulator({ pods: 4000, churnPerSecond: 0, now: () => fixed });
  t.after(() => sim.close());
  const env = { PATH: process.env['PATH'], HOME: sim.dir };
  const sizes: Record<string, number> = {};
  for (const args of [
    // The two outputs that do not fit the pipe: a table and a JSON document.
    ['list', '-A', '-o', 'wide', '--kubeconfig', sim.kubeconfigPath],
    ['list', '-n', 'default', '-o', 'json', '--kubeconfig', sim.kubeconfigPath],
  ]) {
    const expected = await runCommand(args, { env });
    assert.equal(expected.code, 0, expected.stderr);
    const piped = await slowlyRead(args, env);
    assert.equal(piped.code, 0, piped.err);
    assert.equal(piped.err, '');
    assert.equal(piped.out.length, expected.stdout.length, `${args.join(' ')}: all of the output arrives`);
    assert.ok(piped.out === expected.stdout, `${args.join(' ')}: the piped output is byte-identical`);
    sizes[args.slice(1, -2).join(' ')] = expected.stdout.length;
  }
  // The wide table and the JSON list are each more than twice what the pipe (a socket pair) and the
  // reader's buffer hold together, so kpods had to wait for the reader with most of its output unwritten.
  const holds = pipeHolds();
  for (const what of ['-A -o wide', '-n default -o json'])
    assert.ok((sizes[what] ?? 0) > 2 * holds, `${what}: ${sizes[what]} bytes, the pipe and reader hold ${holds}`);
});
