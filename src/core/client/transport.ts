/**
 * The HTTP layer of the client: one connection pool per target (undici's, or for a short-lived
 * command Node's built-in client, node-pool.ts), TLS from the kubeconfig, proxies, gzip,
 * per-request timeouts, bounded Retry-After retries, abort.
 */
import type { Dispatcher, Socks5ProxyAgent } from 'undici';
import { agentClass, proxyAgents } from './undici-lite.js';
import { NodePool, type PoolAnswer, type PoolRequest } from './node-pool.js';
import { Readable, pipeline, type Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Result } from '../failure.js';
import type { HeaderMap, HttpRequest, HttpResponse, HttpStream, LoadedTls, RetryNotice } from './http-types.js';
import { aborted, connectTimeoutFailure, timeoutFailure } from './transport-failures.js';
import { defaultSleep, retryAfterSeconds } from './retry-after.js';
import { classifyError } from './classify.js';
import { chooseProxy } from './proxy.js';
import { bodyTooLarge, MAX_BODY_BYTES } from './limits.js';
import type { SharedPools } from './shared-pools.js';

export type { HeaderMap, HttpRequest, HttpResponse, HttpStream, LoadedTls, RetryNotice } from './http-types.js';
export { aborted } from './transport-failures.js';

export interface TransportOptions {
  server: string;
  tls: LoadedTls;
  proxyUrl?: string;
  /** Environment used only for HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  env: Readonly<Record<string, string | undefined>>;
  disableCompression: boolean;
  requestTimeoutMs?: number;
  maxRetries: number;
  /** Waits between retries; injectable so tests can observe the wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each Retry-After wait (the UI says what it is waiting for). */
  onRetry?: (notice: RetryNotice) => void;
  /** Largest body read, after decompression (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Pools shared with other clients (same server, TLS and proxy); the transport then never closes its pool. */
  shared?: SharedPools;
  /**
   * Use Node's built-in HTTP client instead of undici (for a short-lived command: nothing of undici
   * is loaded). Ignored when a proxy is used or pools are shared: those need undici.
   */
  builtinHttp?: boolean;
}

/** The calls the transport makes of a connection pool: undici's Agent and NodePool both have them. */
export interface Pool {
  request(opts: PoolRequest & { headersTimeout: number; bodyTimeout: number }): Promise<PoolAnswer>;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** A gunzip stream; node:zlib loads with the first compressed answer (small answers come uncompressed). */
function gunzip(): Transform {
  return process.getBuiltinModule('node:zlib').createGunzip();
}

/** Builds the query string in alphabetical key order, as kubectl does. */
export function queryString(query: Record<string, string | undefined> | undefined): string {
  if (!query) return '';
  const keys = Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .sort();
  if (keys.length === 0) return '';
  return '?' + keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k] ?? '')}`).join('&');
}

/** The HTTP transport for one target. */
/**
 * A whole answer: its body as the pieces it arrived in, and as one string made only when asked for
 * (a list read through the row memo never asks: see table-text.ts).
 */
function responseOf(status: number, headers: HttpResponse['headers'], pieces: readonly string[], elapsedMs: number): HttpResponse {
  let text: string | undefined;
  return {
    status,
    headers,
    get body(): string {
      return (text ??= pieces.length === 1 ? pieces[0]! : pieces.join(''));
    },
    pieces,
    elapsedMs,
  };
}

export class Transport {
  readonly origin: string;
  readonly basePath: string;
  readonly proxy: string | undefined;
  private readonly dispatcher: Pool;
  private readonly opts: TransportOptions;
  /** False when the pool belongs to a SharedPools owner. */
  private readonly owned: boolean;

  constructor(opts: TransportOptions) {
    this.opts = opts;
    const url = new URL(opts.server);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    const connect = {
      rejectUnauthorized: !opts.tls.insecureSkipVerify,
      ...(opts.tls.ca ? { ca: opts.tls.ca } : {}),
      ...(opts.tls.cert && opts.tls.key ? { cert: opts.tls.cert, key: opts.tls.key } : {}),
      ...(opts.tls.serverName ? { servername: opts.tls.serverName } : {}),
      timeout: opts.requestTimeoutMs ? opts.requestTimeoutMs : 30_000,
    };
    this.proxy = chooseProxy(url, opts.proxyUrl, opts.env);
    const proxy = this.proxy;
    const pool = { connections: 8, keepAliveTimeout: 30_000 };
    const make = (): Dispatcher => {
      if (!proxy) return new (agentClass())({ ...pool, connect });
      if (proxy.startsWith('socks5:')) {
        const socksOptions = { ...pool, requestTls: connect } as unknown as Socks5ProxyAgent.Options;
        return new (proxyAgents().Socks5ProxyAgent)(proxy, socksOptions);
      }
      const { ProxyAgent } = proxyAgents();
      return new ProxyAgent({ ...pool, uri: proxy, requestTls: connect, ...(proxy.startsWith('https:') ? { proxyTls: {} } : {}) });
    };
    const builtin = !!opts.builtinHttp && !proxy;
    const own = (): Pool => (builtin ? new NodePool(this.origin, connect, pool) : make());
    this.owned = !opts.shared;
    this.dispatcher = opts.shared ? opts.shared.get({ origin: this.origin, connect, proxy, builtin }, own) : own();
  }

  /** Full URL path (with base path and query) for a request. */
  pathFor(req: Pick<HttpRequest, 'path' | 'query'>): string {
    return this.basePath + req.path + queryString(req.query);
  }

  /** Sends a request and reads the whole body; retries 429/5xx only when Retry-After is present. */
  async send(req: HttpRequest, now: () => number): Promise<Result<HttpResponse>> {
    const started = now();
    for (let attempt = 0; ; attempt++) {
      const opened = await this.open(req);
      if (!opened.ok) return opened;
      const res = opened.value;
      const body = await this.readBody(res, req);
      if (!body.ok) return body;
      const wait = retryAfterSeconds(res.headers);
      const retryable = res.status === 429 || res.status >= 500;
      const limit = req.timeoutMs ?? this.opts.requestTimeoutMs;
      const waitMs = Math.min(wait ?? 0, 10) * 1000;
      // A wait that would end after the request time limit is not taken: the answer is reported now.
      const withinLimit = !limit || now() - started + waitMs < limit;
      if (retryable && wait !== undefined && attempt < this.opts.maxRetries && !req.signal?.aborted && withinLimit) {
        this.opts.onRetry?.({ status: res.status, retryAfterSeconds: wait, waitMs, attempt: attempt + 1 });
        await (this.opts.sleep ?? defaultSleep)(waitMs, req.signal);
        if (req.signal?.aborted) return { ok: false, failure: aborted() };
        continue;
      }
      return { ok: true, value: responseOf(res.status, res.headers, body.value, now() - started) };
    }
  }

  /** Opens a request and returns the (decompressed) body stream; for watches. */
  async open(req: HttpRequest): Promise<Result<HttpStream>> {
    const timeoutMs = req.timeoutMs ?? this.opts.requestTimeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    let connectedAtTimeout = true;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          connectedAtTimeout = this.connectedCount() !== 0;
          controller.abort();
        }, timeoutMs)
      : undefined;
    const onAbort = (): void => controller.abort();
    if (req.signal) {
      if (req.signal.aborted) controller.abort();
      else req.signal.addEventListener('abort', onAbort, { once: true });
    }
    const cancelTimer = (): void => {
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    };
    const headers: HeaderMap = { 'user-agent': 'kpods/0.1', ...(req.headers ?? {}) };
    if (!this.opts.disableCompression) headers['accept-encoding'] = 'gzip';
    if (req.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path: this.pathFor(req),
        method: req.method,
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal: controller.signal,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      let body: Readable = res.body;
      const encoding = res.headers['content-encoding'];
      // pipeline (not pipe): a connection cut mid-body must error the gunzip stream too, or readers hang.
      if (encoding === 'gzip') body = pipeline(res.body, gunzip(), () => undefined);
      (body as Readable & { kpodsTimedOut?: () => boolean }).kpodsTimedOut = () => timedOut;
      return { ok: true, value: { status: res.statusCode, headers: res.headers, body, cancelTimer } };
    } catch (err) {
      cancelTimer();
      if (timedOut)
        return {
          ok: false,
          failure: connectedAtTimeout
            ? timeoutFailure(timeoutMs ?? 0, 'first-byte')
            : connectTimeoutFailure(this.opts.server, timeoutMs ?? 0),
        };
      if (req.signal?.aborted) return { ok: false, failure: aborted() };
      return { ok: false, failure: classifyError(err, { server: this.opts.server, proxy: this.proxy }) };
    }
  }

  private async readBody(res: HttpStream, req: HttpRequest): Promise<Result<string[]>> {
    const timedOut = (res.body as Readable & { kpodsTimedOut?: () => boolean }).kpodsTimedOut;
    const max = this.opts.maxBodyBytes ?? MAX_BODY_BYTES;
    try {
      // Each piece is decoded as it arrives (a character cut between pieces is kept for the next):
      // a long answer is not copied and decoded in one go at its end (5 MB: ~20 ms in a CPU profile).
      const decoder = new StringDecoder('utf8');
      const parts: string[] = [];
      let total = 0;
      for await (const chunk of res.body) {
        total += (chunk as Buffer).length;
        // Counted after gunzip: a decompression bomb or an endless body stops at the limit.
        if (total > max) {
          res.body.destroy();
          return { ok: false, failure: bodyTooLarge(max) };
        }
        const piece = decoder.write(chunk as Buffer);
        if (piece !== '') parts.push(piece);
      }
      const last = decoder.end();
      if (last !== '') parts.push(last);
      return { ok: true, value: parts };
    } catch (err) {
      if (timedOut?.()) return { ok: false, failure: timeoutFailure(req.timeoutMs ?? this.opts.requestTimeoutMs ?? 0, 'body') };
      if (req.signal?.aborted) return { ok: false, failure: aborted() };
      return { ok: false, failure: classifyError(err, { server: this.opts.server, proxy: this.proxy, midBody: true }) };
    } finally {
      res.cancelTimer();
    }
  }

  /** Open connections to the origin (undefined when the dispatcher does not say, e.g. through a proxy). */
  private connectedCount(): number | undefined {
    const stats = (this.dispatcher as unknown as { stats?: Record<string, { connected?: number }> }).stats;
    return stats?.[this.origin]?.connected ?? (stats ? 0 : undefined);
  }

  /** Retires the pool: no new requests; those in flight (an open watch or log stream) run to their end. */
  retire(): Promise<void> {
    if (!this.owned) return Promise.resolve();
    return this.dispatcher.close().catch(() => undefined);
  }

  /** Closes the pool; in-flight requests are destroyed. */
  async close(): Promise<void> {
    if (!this.owned) return;
    await this.dispatcher.destroy().catch(() => undefined);
  }
}
