/**
 * The hostile-server harness: loopback-only HTTPS servers with a handler the test controls
 * (bounded: at most `maxRequests` answered, every socket destroyed on close), kubeconfigs that
 * point at them, and commands run in-process through CommandIo.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { createAuthority, type CertPair } from '../../src/sim/certs.js';
import type { Command, CommandIo } from '../../src/commands/io.js';

export interface Hostile {
  url: string;
  ca: string;
  requests: number;
  close(): Promise<void>;
}

let pair: Promise<{ ca: string; server: CertPair }> | undefined;
function certs(): Promise<{ ca: string; server: CertPair }> {
  pair ??= (async () => {
    const ca = await createAuthority('hostile-test-ca');
    return { ca: ca.cert, server: await ca.sign({ cn: '127.0.0.1' }, 'server', ['127.0.0.1']) };
  })();
  return pair;
}

/** Starts a loopback HTTPS server answering with `handler`; at most `maxRequests` requests are served. */
export async function hostileServer(
  handler: (req: IncomingMessage, res: ServerResponse, n: number) => void,
  maxRequests = 200,
): Promise<Hostile> {
  const c = await certs();
  const sockets = new Set<Socket>();
  const state = { requests: 0 };
  const server: Server = createServer({ cert: c.server.cert, key: c.server.key }, (req, res) => {
    state.requests++;
    if (state.requests > maxRequests) {
      res.socket?.destroy();
      return;
    }
    handler(req, res, state.requests);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    ca: c.ca,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'kpods-hostile-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a one-context kubeconfig for `server` with the given user fields (YAML via JSON). */
export function writeKubeconfig(
  dir: string,
  server: { url: string; ca: string },
  user: Record<string, unknown> = {},
  extra: { name?: string; cluster?: Record<string, unknown>; namespace?: string } = {},
): string {
  const path = join(dir, `${extra.name ?? 'config'}.yaml`);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'hostile',
    clusters: [
      {
        name: 'hostile-cluster',
        cluster: { server: server.url, 'certificate-authority-data': Buffer.from(server.ca).toString('base64'), ...extra.cluster },
      },
    ],
    users: [{ name: 'hostile-user', user }],
    contexts: [{ name: 'hostile', context: { cluster: 'hostile-cluster', user: 'hostile-user', namespace: extra.namespace ?? 'default' } }],
  };
  writeFileSync(path, JSON.stringify(doc, null, 2), { mode: 0o600 });
  return path;
}

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command in-process with the given kubeconfig and environment. */
export async function runCommand(
  cmd: Command,
  args: string[],
  opts: { env?: Record<string, string>; home?: string } = {},
): Promise<CommandRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  err.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const io: CommandIo = {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    host: { env: { PATH: process.env['PATH'], ...opts.env }, home: opts.home, cwd: process.cwd(), now: () => new Date() },
  };
  const t0 = performance.now();
  const code = await cmd(args, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr, ms: performance.now() - t0 };
}

/** Loopback only: an assertion for every hostile server a test starts. */
export function isLoopback(url: string): boolean {
  return new URL(url).hostname === '127.0.0.1';
}
