/**
 * The one request pipeline of a client: prepare (server URL, proxy, TLS, credential source) →
 * credentials (headers, and a client certificate from an exec plugin swapped into the transport)
 * → transport → classify → the kubeconfig entry to fix → one retry after a 401 with a fresh exec
 * token. Every request goes through it: object calls, lists, watches and log streams.
 */
import { failure, type Failure, type Result } from '../failure.js';
import { classifyError } from './classify.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';
import { CredentialSource, loadTls, type AppliedCredential } from './credentials.js';
import { createDefaultExecRunner } from './exec-runner.js';
import type { ClientDeps } from './deps.js';
import { locateFailure } from './locate.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from './limits.js';
import { proxySchemeProblem } from './proxy.js';
import { classifyStatus, isKubeObject, notKubernetes, parseJsonObject, type CallContext } from './status.js';
import { aborted, Transport, type HeaderMap, type HttpRequest, type HttpResponse, type HttpStream, type LoadedTls } from './transport.js';

export type { CallContext } from './status.js';

interface Ready {
  url: URL;
  tls: LoadedTls;
  creds: CredentialSource;
  transport: Transport;
  /** The exec plugin certificate the current transport presents (cert + key), if any. */
  certKey?: string;
}

/** How much of an error body of a stream is read for its explanation. */
const ERROR_BODY_LIMIT = 64 * 1024;

/** The request pipeline for one target; modules that add API calls take this. */
export class ClientSession {
  readonly target: Target;
  readonly deps: ClientDeps;
  private ready: Promise<Result<Ready>> | undefined;
  private closed = false;
  /** Pools replaced after an exec certificate changed, until their last stream ends. */
  private readonly retired = new Set<Transport>();

  constructor(target: Target, deps: ClientDeps) {
    this.target = target;
    this.deps = deps;
  }

  /** The injected clock. */
  clock(): Date {
    return this.deps.host.now();
  }

  /** Loads TLS and credentials once; the same failure is returned to every call. */
  prepare(): Promise<Result<Ready>> {
    this.ready ??= this.init();
    return this.ready;
  }

  private async init(): Promise<Result<Ready>> {
    const t = this.target;
    let url: URL;
    try {
      url = new URL(t.server);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      return {
        ok: false,
        failure: failure('kubeconfig.invalid', `The cluster's server "${neutralize(t.server)}" is not an http(s) URL.`, [
          'Fix clusters[].cluster.server in the kubeconfig, e.g. https://203.0.113.10:6443.',
        ]),
      };
    }
    if (t.proxyUrl) {
      const problem = proxySchemeProblem(t.proxyUrl);
      if (problem)
        return {
          ok: false,
          failure: failure('connection.proxy', `The cluster's proxy-url is not usable: ${neutralize(problem)}.`, [
            'Fix clusters[].cluster.proxy-url: use an http://, https:// or socks5:// URL.',
          ]),
        };
    }
    const loaded = await loadTls(t, this.deps.host.now());
    if (!loaded.ok) return loaded;
    const creds = new CredentialSource(t, loaded.value, {
      env: this.deps.host.env,
      now: this.deps.host.now,
      execRunner: this.deps.execRunner ?? createDefaultExecRunner(),
      execTimeoutMs: this.deps.execTimeoutMs ?? 60_000,
      ...(this.deps.onExecStderr ? { onExecStderr: this.deps.onExecStderr } : {}),
      ...(this.deps.secrets ? { secrets: this.deps.secrets } : {}),
      ...(this.deps.onExecRunning ? { onExecRunning: this.deps.onExecRunning } : {}),
      ...(this.deps.persistAuthProvider ? { persistAuthProvider: this.deps.persistAuthProvider } : {}),
      // An OIDC refresh keeps to the request time limit (undici alone would wait 300 s for an answer).
      requestTimeoutMs: t.requestTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    });
    const tls = url.protocol === 'https:' ? loaded.value : { insecureSkipVerify: loaded.value.insecureSkipVerify };
    return { ok: true, value: { url, tls, creds, transport: this.makeTransport(tls) } };
  }

  private makeTransport(tls: LoadedTls): Transport {
    const t = this.target;
    return new Transport({
      server: t.server,
      tls,
      ...(t.proxyUrl ? { proxyUrl: t.proxyUrl } : {}),
      env: this.deps.host.env,
      disableCompression: t.disableCompression,
      ...(t.requestTimeoutMs !== undefined ? { requestTimeoutMs: t.requestTimeoutMs } : {}),
      maxRetries: this.deps.maxRetries ?? 5,
      ...(this.deps.limits?.maxBodyBytes !== undefined ? { maxBodyBytes: this.deps.limits.maxBodyBytes } : {}),
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
      ...(this.deps.onRetry ? { onRetry: this.deps.onRetry } : {}),
      ...(this.deps.sharedPools ? { shared: this.deps.sharedPools } : {}),
      ...(this.deps.builtinHttp ? { builtinHttp: true } : {}),
    });
  }

  /** The TLS the next request presents: the kubeconfig's, with an exec plugin's client certificate in place of its own. */
  private tlsFor(ready: Ready, applied: AppliedCredential): LoadedTls {
    const c = applied.execCert;
    return c && ready.url.protocol === 'https:' ? { ...ready.tls, cert: c.cert, key: c.key } : ready.tls;
  }

  /** The transport for the credential: a new pool when an exec plugin hands out a (new) client certificate. */
  private transportFor(ready: Ready, applied: AppliedCredential): Transport {
    const c = applied.execCert;
    if (!c || ready.url.protocol !== 'https:') return ready.transport;
    const key = c.cert + c.key;
    if (ready.certKey !== key) {
      // The old pool is retired, not destroyed: a watch or log stream opened with the old certificate keeps running.
      const old = ready.transport;
      this.retired.add(old);
      void old.retire().then(() => this.retired.delete(old));
      ready.transport = this.makeTransport(this.tlsFor(ready, applied));
      ready.certKey = key;
    }
    return ready.transport;
  }

  /** Warnings about the credential setup (e.g. none sent over http://). */
  async warnings(): Promise<string[]> {
    const r = await this.prepare();
    return r.ok ? r.value.creds.warnings() : [];
  }

  /** Runs the credential step alone (for `kpods trace`): what will be sent, never the secret. */
  async checkCredentials(signal?: AbortSignal): Promise<Result<string[]>> {
    const r = await this.prepare();
    if (!r.ok) return { ok: false, failure: this.locate(r.failure) };
    const applied = await r.value.creds.apply(signal);
    if (!applied.ok) return { ok: false, failure: this.locate(applied.failure) };
    return { ok: true, value: r.value.creds.describeSent() };
  }

  /** How many times the exec plugin ran (for tests and trace). */
  async execRuns(): Promise<number> {
    const r = await this.prepare();
    return r.ok ? r.value.creds.execRuns : 0;
  }

  /** Adds which kubeconfig entry to fix: the cluster for TLS problems, the user for credential ones. */
  locate(f: Failure): Failure {
    return locateFailure(f, this.target);
  }

  /**
   * The pipeline itself: credentials, transport, `send`; a non-2xx answer is classified, except that
   * a 401 with an exec plugin's credential runs the plugin again and, when it gives a different token
   * or client certificate, the request is sent once more.
   */
  private async exchange<T extends { status: number }>(
    req: HttpRequest,
    ctx: CallContext,
    send: (transport: Transport, req: HttpRequest) => Promise<Result<T>>,
    errorResponse: (answer: T) => Promise<HttpResponse>,
  ): Promise<Result<T>> {
    if (this.closed) return { ok: false, failure: failure('response.invalid', 'The client was closed.', []) };
    const r = await this.prepare();
    if (!r.ok) return { ok: false, failure: this.locate(r.failure) };
    const ready = r.value;
    for (let attempt = 0; ; attempt++) {
      const applied = await ready.creds.apply(req.signal);
      if (!applied.ok) return { ok: false, failure: this.locate(applied.failure) };
      const transport = this.transportFor(ready, applied.value);
      const headers: HeaderMap = { ...(req.headers ?? {}), ...applied.value.headers };
      const sent = await send(transport, { ...req, headers });
      if (!sent.ok) return { ok: false, failure: this.locate(sent.failure) };
      const status = sent.value.status;
      if (status >= 200 && status < 300) return sent;
      const res = await errorResponse(sent.value);
      const described = ready.creds.describeSent();
      if (status === 401) {
        const hadExec = !!this.target.auth.exec && described.some((d) => d.includes('exec plugin'));
        ready.creds.onUnauthorized();
        if (hadExec && attempt === 0) {
          const again = await ready.creds.apply(req.signal);
          if (again.ok && changed(applied.value, again.value)) continue;
        }
      }
      const failed = classifyStatus(res, { ...ctx, credential: described, server: neutralize(this.target.server) });
      return { ok: false, failure: this.locate(failed) };
    }
  }

  /** Sends one request; 2xx bodies are returned as text, anything else is a classified, located failure. */
  call(req: HttpRequest, ctx: CallContext): Promise<Result<HttpResponse>> {
    return this.exchange(
      req,
      ctx,
      (transport, r) => transport.send(r, () => this.clock().getTime()),
      (res) => Promise.resolve(res),
    );
  }

  /** A call whose 2xx body must be a JSON object (a Kubernetes object, with a kind, unless `requireKind` is false). */
  async callObject(req: HttpRequest, ctx: CallContext, requireKind = true): Promise<Result<Record<string, unknown>>> {
    const res = await this.call(req, ctx);
    if (!res.ok) return res;
    const obj = parseJsonObject(res.value.body);
    if (!obj || (requireKind && !isKubeObject(obj))) {
      return { ok: false, failure: notKubernetes(res.value, { ...ctx, credential: [], server: neutralize(this.target.server) }) };
    }
    return { ok: true, value: obj };
  }

  /**
   * Opens a streaming request (watch, log). A 2xx answer is returned with its body unread: the caller
   * reads it and calls `cancelTimer()` and `body.destroy()` when done. Other answers are classified.
   */
  open(req: HttpRequest, ctx: CallContext): Promise<Result<HttpStream>> {
    return this.exchange(
      req,
      ctx,
      (transport, r) => transport.open(r),
      async (stream) => ({ status: stream.status, headers: stream.headers, body: await drain(stream), elapsedMs: 0 }),
    );
  }

  /** Explains an error thrown while a stream's body was being read (connection cut, timeout, abort). */
  midStreamFailure(err: unknown, signal?: AbortSignal): Failure {
    if (signal?.aborted) return aborted();
    return this.locate(classifyError(err, { server: this.target.server, midBody: true }));
  }

  /** What a WebSocket (exec, attach) needs: the same credentials, TLS and server URL as every other request. */
  async upgradeAuth(signal?: AbortSignal): Promise<Result<{ headers: HeaderMap; tls: LoadedTls; url: URL }>> {
    if (this.closed) return { ok: false, failure: failure('response.invalid', 'The client was closed.', []) };
    const r = await this.prepare();
    if (!r.ok) return { ok: false, failure: this.locate(r.failure) };
    const applied = await r.value.creds.apply(signal);
    if (!applied.ok) return { ok: false, failure: this.locate(applied.failure) };
    return { ok: true, value: { headers: applied.value.headers, tls: this.tlsFor(r.value, applied.value), url: new URL(r.value.url) } };
  }

  /** Releases the connection pool; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.ready) return;
    const r = await this.ready;
    await Promise.all([...this.retired].map((t) => t.close()));
    if (r.ok) await r.value.transport.close();
  }
}

/** True when the plugin gave a different credential (token or client certificate) than the one rejected. */
function changed(before: AppliedCredential, after: AppliedCredential): boolean {
  const cert = (a: AppliedCredential): string => (a.execCert ? a.execCert.cert + a.execCert.key : '');
  return after.headers['Authorization'] !== before.headers['Authorization'] || cert(after) !== cert(before);
}

/** Reads at most ERROR_BODY_LIMIT bytes of an error answer's body, then releases the stream. */
async function drain(stream: HttpStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of stream.body) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
      chunks.push(b);
      size += b.length;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // a body cut short still explains what arrived
  } finally {
    stream.cancelTimer();
    stream.body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT);
}
