/**
 * The Kubernetes remote-command channel protocol over WebSocket (v4.channel.k8s.io and
 * v5.channel.k8s.io): each binary message starts with its channel byte (0 stdin, 1 stdout,
 * 2 stderr, 3 error/status JSON, 4 resize; v5 adds 255 = "I closed this channel"), and the
 * status on channel 3 says how the command ended. Pure: used by the client and the simulator.
 */

/** The subprotocols, most preferred first. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;
export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** One decoded message. */
interface ChannelMessage {
  channel: number;
  data: Uint8Array;
}

const encoder = new TextEncoder();

/** A message for `channel` carrying `data` (text is sent as UTF-8). */
export function encodeChannel(channel: number, data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = channel;
  out.set(bytes, 1);
  return out;
}

/** Splits a message into its channel and payload; undefined for an empty message (it carries no channel). */
export function decodeChannel(message: Uint8Array): ChannelMessage | undefined {
  if (message.length === 0) return undefined;
  return { channel: message[0]!, data: message.subarray(1) };
}

/** The resize message (channel 4): the terminal's size in columns and rows. */
export function resizeMessage(columns: number, rows: number): Uint8Array {
  const w = Math.max(0, Math.floor(columns));
  const h = Math.max(0, Math.floor(rows));
  return encodeChannel(CHANNEL.resize, JSON.stringify({ Width: w, Height: h }));
}

/** Reads a resize payload; undefined when it is not one. */
export function parseResize(data: Uint8Array): { width: number; height: number } | undefined {
  try {
    const v = JSON.parse(new TextDecoder().decode(data)) as { Width?: unknown; Height?: unknown };
    if (typeof v.Width !== 'number' || typeof v.Height !== 'number') return undefined;
    return { width: v.Width, height: v.Height };
  } catch {
    return undefined;
  }
}

/** v5 only: tells the other side that `channel` (normally stdin) is closed. */
export function closeMessage(channel: number): Uint8Array {
  return new Uint8Array([CHANNEL.close, channel]);
}

/** How a command ended, read from the channel-3 status. */
type ExecOutcome =
  | { kind: 'exited'; exitCode: number }
  /** The command never ran or the server failed: the server's message, neutralise before display. */
  | { kind: 'failed'; message: string; reason?: string; code?: number };

/** Reads the metav1.Status sent on channel 3. */
export function outcomeOfStatus(data: Uint8Array | string): ExecOutcome {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  let v: {
    status?: unknown;
    message?: unknown;
    reason?: unknown;
    code?: unknown;
    details?: { causes?: Array<{ reason?: unknown; message?: unknown }> };
  };
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    // v1-v3 servers sent the error text itself.
    return { kind: 'failed', message: text };
  }
  if (v.status === 'Success') return { kind: 'exited', exitCode: 0 };
  const causes = Array.isArray(v.details?.causes) ? v.details.causes : [];
  if (v.reason === 'NonZeroExitCode') {
    const cause = causes.find((c) => c.reason === 'ExitCode');
    const n = Number(cause?.message);
    if (Number.isInteger(n) && n >= 0) return { kind: 'exited', exitCode: n };
  }
  return {
    kind: 'failed',
    message: typeof v.message === 'string' ? v.message : text,
    ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
    ...(typeof v.code === 'number' ? { code: v.code } : {}),
  };
}

/** The channel-3 status a kubelet sends when a command ends with `exitCode` (`argv` as run). */
export function statusForExit(exitCode: number, argv: readonly string[]): string {
  if (exitCode === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  });
}

/** An InternalError status (the command could not be started, the container is gone, …). */
export function statusForError(message: string): string {
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  });
}
