/**
 * A small server side of RFC 6455 on a raw socket (Node's 'upgrade' event): the handshake,
 * frame parsing (masked client frames, fragments, 16/64-bit lengths), unmasked server frames,
 * ping/pong and the closing handshake. Enough for the exec channel protocol; no extensions.
 */
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_MESSAGE = 16 * 1024 * 1024;

/** The Sec-WebSocket-Accept value for a client's key. */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/** One frame (before reassembly of fragments). */
interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Parses frames from a byte stream; bytes may arrive in any split. */
class FrameParser {
  private buf: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns the complete frames, or an error text for a protocol violation. */
  push(chunk: Buffer): Frame[] | string {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      if (this.buf.length < 2) return frames;
      const b0 = this.buf[0]!;
      const b1 = this.buf[1]!;
      if ((b0 & 0x70) !== 0) return 'reserved bits set';
      if ((b1 & 0x80) === 0) return 'client frame not masked';
      let len = b1 & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buf.length < 4) return frames;
        len = this.buf.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return frames;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE)) return 'frame too large';
        len = Number(big);
        offset = 10;
      }
      if (this.buf.length < offset + 4 + len) return frames;
      const mask = this.buf.subarray(offset, offset + 4);
      const payload = Buffer.from(this.buf.subarray(offset + 4, offset + 4 + len));
      for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i & 3]!;
      frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload });
      this.buf = this.buf.subarray(offset + 4 + len);
    }
  }
}

/** A server frame (unmasked). */
function encodeFrame(opcode: number, payload: Uint8Array): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Callbacks of an open WebSocket. */
interface SocketEvents {
  /** A complete binary (or text) message. */
  message(data: Buffer): void;
  /** The connection ended (close frame, error or socket end). */
  closed(): void;
}

/** An open server-side WebSocket on `socket`. */
export class ServerWebSocket {
  private readonly parser = new FrameParser();
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private done = false;
  private closeSent = false;

  constructor(
    private readonly socket: Duplex,
    private readonly events: SocketEvents,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.finish());
    socket.on('close', () => this.finish());
    socket.on('end', () => this.finish());
  }

  /** Sends a binary message. */
  send(data: Uint8Array): void {
    if (this.done || this.closeSent) return;
    this.socket.write(encodeFrame(0x2, data));
  }

  /** Starts the closing handshake (1000 normal closure) and ends the socket shortly after. */
  close(code = 1000, reason = ''): void {
    if (this.done || this.closeSent) return;
    this.closeSent = true;
    const r = Buffer.from(reason);
    const payload = Buffer.alloc(2 + r.length);
    payload.writeUInt16BE(code, 0);
    r.copy(payload, 2);
    this.socket.write(encodeFrame(0x8, payload));
    // Wait briefly for the client's close frame, then end the TCP connection ourselves.
    const t = setTimeout(() => this.socket.end(), 1000);
    t.unref();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.events.closed();
  }

  private onData(chunk: Buffer): void {
    const frames = this.parser.push(chunk);
    if (typeof frames === 'string') {
      this.close(1002, frames);
      this.socket.end();
      this.finish();
      return;
    }
    for (const f of frames) {
      if (f.opcode === 0x8) {
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(encodeFrame(0x8, f.payload.subarray(0, 2)));
        }
        this.socket.end();
        this.finish();
        return;
      }
      if (f.opcode === 0x9) {
        if (!this.closeSent) this.socket.write(encodeFrame(0xa, f.payload));
        continue;
      }
      if (f.opcode === 0xa) continue;
      if (f.opcode === 0x0 || f.opcode === 0x1 || f.opcode === 0x2) {
        this.fragments.push(f.payload);
        this.fragmentBytes += f.payload.length;
        if (this.fragmentBytes > MAX_MESSAGE) {
          this.close(1009, 'message too big');
          return;
        }
        if (f.fin) {
          const whole = this.fragments.length === 1 ? this.fragments[0]! : Buffer.concat(this.fragments);
          this.fragments = [];
          this.fragmentBytes = 0;
          this.events.message(whole);
        }
      }
    }
  }
}
