/** A counting TCP proxy on loopback: forwards bytes untouched (TLS passes through) and counts them. */
import net from 'node:net';

/** Byte counters since the proxy started. */
export interface ProxyCounts {
  toClient: number;
  toServer: number;
  connections: number;
  /** The simulator's own counters (requests served, body bytes sent), when it has them. */
  serverRequests?: number | undefined;
  serverBytes?: number | undefined;
  /** Pod lists started (first pages), by namespace ("*" for all namespaces). */
  listStarts?: Record<string, number>;
  /** CPU time (user+sys) of the simulator process so far, in ms: the server's cost of serving kpods. */
  serverCpuMs?: number | undefined;
}

export interface CountingProxy {
  port: number;
  counts(): ProxyCounts;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (ephemeral port) forwarding to 127.0.0.1:targetPort. */
export function startCountingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CountingProxy> {
  const counts: ProxyCounts = { toClient: 0, toServer: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (d) => (counts.toServer += d.length));
    upstream.on('data', (d) => (counts.toClient += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        counts: () => ({ ...counts }),
        close: () =>
          new Promise<void>((res) => {
            for (const s of sockets) s.destroy();
            server.close(() => res());
          }),
      });
    });
  });
}
