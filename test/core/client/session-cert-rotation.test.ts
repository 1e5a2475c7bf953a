/**
 * An exec plugin's client certificate changes (after a 401) while a log stream is open: the new
 * requests use the new certificate, and the stream opened with the old one keeps running.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createKubeClient } from '../../../src/core/client/index.js';
import { caAndLeaf, type Pem } from './tls-fixtures.js';
import { makeTarget } from './target-helper.js';
import { repoRoot } from '../../helpers/run-kpods.js';

const plugin = join(repoRoot, 'test', 'fixtures', 'client', 'plugin.mjs');
let server: Server;
let url = '';
let serverCa = '';
let dir = '';
let one: Pem;
let two: Pem;
const sockets = new Set<Socket>();
const seenCn: string[] = [];
let logRes: ServerResponse | undefined;
let logOpened: () => void = () => {};

before(async () => {
  const validity = { notBefore: new Date(Date.now() - 86400_000), notAfter: new Date(Date.now() + 86400_000) };
  const srv = await caAndLeaf({ usage: 'server', cn: 'local', ...validity });
  const c1 = await caAndLeaf({ usage: 'client', cn: 'one', ...validity });
  const c2 = await caAndLeaf({ usage: 'client', cn: 'two', ...validity });
  one = c1.leaf;
  two = c2.leaf;
  serverCa = srv.ca.cert;
  dir = mkdtempSync(join(tmpdir(), 'kpods-rotation-'));
  server = createServer({ cert: srv.leaf.cert, key: srv.leaf.key, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    // Which certificate the client presented (both test CAs share one subject name, so none is "authorized").
    const cn = String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '');
    seenCn.push(`${cn} ${req.url ?? ''}`);
    if ((req.url ?? '').includes('/log')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first\n');
      logRes = res;
      logOpened();
      return;
    }
    if (cn !== 'two') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'shop' } }));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('a new exec certificate does not cut a stream opened with the old one', async () => {
  const certFile = join(dir, 'c.pem');
  const keyFile = join(dir, 'k.pem');
  writeFileSync(certFile, one.cert);
  writeFileSync(keyFile, one.key);
  const target = makeTarget(url, {
    tls: { insecureSkipVerify: false, caData: serverCa },
    auth: {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        env: [
          { name: 'PLUGIN_MODE', value: 'cert' },
          { name: 'PLUGIN_CERT_FILE', value: certFile },
          { name: 'PLUGIN_KEY_FILE', value: keyFile },
        ],
        provideClusterInfo: false,
        interactiveMode: 'Never',
      },
    },
  });
  const c = createKubeClient(target, { host: { env: { PATH: process.env['PATH'] }, now: () => new Date() } });
  try {
    const opened = new Promise<void>((r) => (logOpened = r));
    const log = await c.openLog('shop', 'web-1', { follow: true });
    assert.ok(log.ok, JSON.stringify(!log.ok && log.failure));
    await opened;
    const it = log.value.chunks[Symbol.asyncIterator]();
    assert.equal(Buffer.from((await it.next()).value as Uint8Array).toString(), 'first\n');
    // The plugin now hands out another certificate; the server rejects the old one for new requests.
    writeFileSync(certFile, two.cert);
    writeFileSync(keyFile, two.key);
    const pod = await c.getPodObject('shop', 'web-1');
    assert.ok(pod.ok, JSON.stringify(seenCn) + JSON.stringify(!pod.ok && pod.failure));
    assert.equal(await c.execRuns(), 2, '401 with certificate one, plugin run again, retried with certificate two');
    assert.deepEqual(
      seenCn.map((s) => s.split(' ')[0]),
      ['one', 'one', 'two'],
    );
    logRes!.write('second\n');
    assert.equal(Buffer.from((await it.next()).value as Uint8Array).toString(), 'second\n', 'the stream on the old pool still runs');
    log.value.close();
  } finally {
    await c.close();
  }
});
