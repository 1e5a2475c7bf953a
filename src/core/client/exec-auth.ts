/**
 * The credentials and TLS an exec WebSocket needs, from a client: the same as every other
 * request (client certificate, token or plugin headers, impersonation, CA). Interim adapter
 * until the session's upgradeAuth lands (CLIENT-API.md); same shape.
 */
import type { Result } from '../failure.js';
import type { KubeApiClient } from './client.js';
import type { ExecAuth } from './exec-ws.js';

/** What a WebSocket (exec) needs: headers, TLS and the server URL. */
export async function upgradeAuthOf(client: KubeApiClient, signal?: AbortSignal): Promise<Result<ExecAuth>> {
  const ready = await client.prepare();
  if (!ready.ok) return ready;
  const applied = await ready.value.creds.apply(signal);
  if (!applied.ok) return applied;
  const cert = applied.value.execCert;
  const tls = cert ? { ...ready.value.tls, cert: cert.cert, key: cert.key } : ready.value.tls;
  return { ok: true, value: { headers: applied.value.headers, tls, url: new URL(client.target.server) } };
}
