/**
 * The credentials and TLS an exec WebSocket needs, from a client: the same as every other
 * request (the session's upgradeAuth: client certificate, token or plugin headers,
 * impersonation, CA). Clients that are not the real one (test fakes) cannot exec.
 */
import { failure, type Result } from '../failure.js';
import { KubeApiClient } from './client.js';
import type { ExecAuth } from './exec-ws.js';
import type { KubeClient } from './types.js';

/** What a WebSocket (exec) needs for `client`: headers, TLS and the server URL. */
export function upgradeAuthOf(client: KubeClient, signal?: AbortSignal): Promise<Result<ExecAuth>> {
  if (client instanceof KubeApiClient) return client.session.upgradeAuth(signal);
  return Promise.resolve({ ok: false, failure: failure('response.invalid', 'This client cannot open an exec stream.', []) });
}
