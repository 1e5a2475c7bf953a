/**
 * A connection pool on node:https (and node:http) with the few calls the transport makes of an
 * undici dispatcher. Headless commands send one request or a few; Node's built-in HTTP client
 * starts without loading undici's JavaScript and WebAssembly parser, which costs a short-lived
 * process more than the request itself. Errors carry the same Node codes (TLS verification,
 * ECONNREFUSED, ECONNRESET…), so the transport classifies them as it does undici's.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { secureContextOf } from './secure-context.js';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';

/** What the transport asks of a pool (undici's Agent has the same shape). */
export interface PoolRequest {
  origin: string;
  path: string;
  method: string;
  /** A list is sent as one header line per value. */
  headers: Record<string, string | string[]>;
  body?: string;
  signal: AbortSignal;
}

export interface PoolAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface ConnectOptions {
  rejectUnauthorized: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  /** Time limit for TCP and TLS set-up, in ms. */
  timeout: number;
}

/**
 * The TLS options with the CA, certificate and key read once into one SecureContext (the one the
 * check before the first connection made, see secure-context.ts): given as PEM, Node parses them
 * (and the private key) again for every new connection, and a server that closes idle connections
 * makes that every request. Material that does not parse stays as PEM, so the connection fails as it did.
 */
function oneSecureContext(tls: Omit<ConnectOptions, 'timeout'>): HttpsAgentOptions {
  const { ca, cert, key, ...rest } = tls;
  try {
    return { ...rest, secureContext: secureContextOf({ ca, cert, key }) };
  } catch {
    return tls;
  }
}

/** A pool of kept-alive connections to one origin over node:http(s). */
export class NodePool {
  private readonly agent: HttpAgent;
  private readonly secure: boolean;
  private readonly connectTimeoutMs: number;
  private readonly sockets = new Set<Socket>();
  private connected = 0;
  private closed = false;

  constructor(
    private readonly origin: string,
    connect: ConnectOptions,
    pool: { connections: number; keepAliveTimeout: number },
  ) {
    this.secure = new URL(origin).protocol === 'https:';
    this.connectTimeoutMs = connect.timeout;
    const common = { keepAlive: true, maxSockets: pool.connections, timeout: pool.keepAliveTimeout };
    const { timeout: _unused, ...tls } = connect;
    void _unused;
    this.agent = this.secure ? new HttpsAgent({ ...common, ...oneSecureContext(tls) }) : new HttpAgent(common);
  }

  /** Open connections, keyed by origin as undici's Agent reports them. */
  get stats(): Record<string, { connected: number }> {
    return { [this.origin]: { connected: this.connected } };
  }

  request(opts: PoolRequest): Promise<PoolAnswer> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(Object.assign(new Error('The client is destroyed'), { code: 'UND_ERR_DESTROYED' }));
        return;
      }
      const url = new URL(opts.path, opts.origin);
      const headers: OutgoingHttpHeaders = { ...opts.headers };
      if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
      const send = this.secure ? httpsRequest : httpRequest;
      let req;
      try {
        req = send(url, { method: opts.method, headers, agent: this.agent, signal: opts.signal });
      } catch (err) {
        // Node checks header names and values before sending (a token with a line break).
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      req.on('socket', (socket: Socket) => this.watch(socket));
      req.on('error', reject);
      req.on('response', (res: IncomingMessage) => {
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
      });
      req.end(opts.body);
    });
  }

  /** Counts a new socket once connected, and gives up a connection not set up in time. */
  private watch(socket: Socket): void {
    if (this.sockets.has(socket)) return; // a kept-alive connection, counted already
    this.sockets.add(socket);
    let up = false;
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error('Connect timeout'), { code: 'ETIMEDOUT' }));
    }, this.connectTimeoutMs);
    socket.once(this.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      up = true;
      this.connected++;
    });
    socket.once('close', () => {
      clearTimeout(timer);
      if (up) this.connected--;
      this.sockets.delete(socket);
    });
  }

  /** No new requests; idle connections close now, busy ones (an open stream) when their answer ends. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.agent.on('free', (socket: Socket) => socket.destroy());
      for (const list of Object.values(this.agent.freeSockets)) for (const s of list ?? []) s.destroy();
    }
    return Promise.resolve();
  }

  /** Closes every connection now; requests in flight fail. */
  destroy(): Promise<void> {
    this.closed = true;
    for (const s of this.sockets) s.destroy();
    this.agent.destroy();
    return Promise.resolve();
  }
}
