/**
 * Writing the simulator's replies: kube-apiserver's response headers, gzip for large bodies,
 * back-pressure, and the half-sent reply of the connection-reset fault; and reading request bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { createGzip } from 'node:zlib';
import type * as st from './status.js';

/** The headers kube-apiserver puts on every reply. */
export function baseHeaders(): Record<string, string> {
  return {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    'X-Kubernetes-Pf-Flowschema-Uid': '7a6d8f2e-1c3b-4e5f-9a8b-0c1d2e3f4a5b',
    'X-Kubernetes-Pf-Prioritylevel-Uid': '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d',
  };
}

/** Sends a reply (gzip above 128 KiB when asked for; half of it, then a reset, for the reset fault), counting the bytes sent. */
export function send(req: IncomingMessage, res: ServerResponse, reply: st.Reply, stats: { bytes: number }, reset: boolean): void {
  const headers: Record<string, string> = { ...baseHeaders(), 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers };
  const parts = typeof reply.body === 'string' ? [reply.body] : reply.body;
  let length = 0;
  for (const p of parts) length += Buffer.byteLength(p);
  if (length > 128 * 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && !reset && req.method !== 'HEAD') {
    headers['Content-Encoding'] = 'gzip';
    res.writeHead(reply.code, headers);
    const gz = createGzip({ level: 1 });
    gz.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
    gz.pipe(res);
    writeParts(gz, parts, 64 * 1024);
    return;
  }
  headers['Content-Length'] = String(length);
  stats.bytes += length;
  res.writeHead(reply.code, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (reset) {
    const whole = Buffer.from(parts.join(''));
    res.write(whole.subarray(0, Math.max(1, Math.floor(whole.length / 2))), () => resetSocket(req.socket as TLSSocket));
    return;
  }
  writeParts(res, parts, 64 * 1024);
}

/** Writes string parts in batches of about `batch` characters, respecting back-pressure. */
function writeParts(out: NodeJS.WritableStream, parts: string[], batch: number): void {
  let i = 0;
  const pump = () => {
    while (i < parts.length) {
      let chunk = '';
      while (i < parts.length && chunk.length < batch) chunk += parts[i++];
      if (!out.write(chunk)) {
        out.once('drain', pump);
        return;
      }
    }
    out.end();
  };
  pump();
}

/** Resets the TCP connection under a TLS socket (RST where Node allows it, else an abrupt close). */
function resetSocket(socket: TLSSocket): void {
  const raw = (socket as unknown as { _parent?: { resetAndDestroy?: () => void } })._parent;
  try {
    if (raw?.resetAndDestroy) raw.resetAndDestroy();
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

/** A request's whole body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
