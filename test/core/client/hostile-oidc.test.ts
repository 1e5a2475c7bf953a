/**
 * Issue 17 items 2 and 4 (OIDC): an issuer that accepts and never answers is held to the request
 * time limit (undici alone waits 300 s), and the tokens an issuer returns are secrets from then on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listCommand } from '../../../src/commands/list.js';
import { hostileServer, runCommand, tempDir, writeKubeconfig } from '../../helpers/hostile.js';

function oidcUser(issuer: { url: string; ca: string }, extra: Record<string, string> = {}): Record<string, unknown> {
  return {
    'auth-provider': {
      name: 'oidc',
      config: {
        'idp-issuer-url': issuer.url,
        'idp-certificate-authority-data': Buffer.from(issuer.ca).toString('base64'),
        'client-id': 'kpods',
        'refresh-token': 'refresh-hostile-1',
        ...extra,
      },
    },
  };
}

test('an OIDC issuer that accepts and never answers is held to --request-timeout', async (t) => {
  const issuer = await hostileServer(() => undefined, 5); // accepts, reads, never answers
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await issuer.close()));
  const kc = writeKubeconfig(dir, issuer, oidcUser(issuer));
  const r = await runCommand(listCommand, ['--kubeconfig', kc, '--request-timeout', '1s'], { home: dir });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /credentials\.oidc-failed/);
  assert.match(r.stderr, /did not answer within 1 s/);
  assert.ok(r.ms < 8_000, `took ${r.ms} ms`);
  assert.equal(issuer.requests, 1, 'one discovery request, no retries');
});

test('the id-token and refresh-token an OIDC issuer returns are redacted when a server echoes them', async (t) => {
  const ID_TOKEN = 'opaque0oidc0idtoken0471';
  const REFRESH = 'opaque0oidc0refresh0815';
  let url = '';
  const srv = await hostileServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ issuer: url, token_endpoint: `${url}/token` }));
    }
    if (req.url === '/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id_token: ID_TOKEN, refresh_token: REFRESH }));
    }
    // The API server echoes the credential without its scheme, and the refresh token too.
    const sent = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 401, message: `invalid credential ${sent} (refresh ${REFRESH})` }));
  }, 20);
  url = srv.url;
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, oidcUser(srv));
  const r = await runCommand(listCommand, ['--kubeconfig', kc, '--request-timeout', '5s'], { home: dir });
  const out = r.stdout + r.stderr;
  assert.match(out, /invalid credential <redacted>/, out);
  assert.equal(out.includes(ID_TOKEN), false, out);
  assert.equal(out.includes(REFRESH), false, out);
});
