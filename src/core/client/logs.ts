/** Container logs (GET …/pods/NAME/log): a byte stream, or the whole (capped) text. */
import type { Result } from '../failure.js';
import { aborted } from './transport.js';
import { podPath } from './pod-calls.js';
import type { ClientSession } from './session.js';
import type { LogOptions, LogStream } from './types.js';

/** readLog's cap when the caller sets none: 1 MiB. */
const DEFAULT_LOG_LIMIT = 1024 * 1024;

/** kubectl logs' query parameters (only those set; booleans as "true"). */
function logQuery(opts: LogOptions): Record<string, string | undefined> {
  const num = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(Math.trunc(n)));
  return {
    container: opts.container || undefined,
    follow: opts.follow ? 'true' : undefined,
    previous: opts.previous ? 'true' : undefined,
    tailLines: num(opts.tailLines),
    sinceSeconds: num(opts.sinceSeconds),
    sinceTime: opts.sinceTime || undefined,
    timestamps: opts.timestamps ? 'true' : undefined,
    limitBytes: num(opts.limitBytes),
  };
}

/** Opens a log stream; a follow stream has no request timeout (it lasts as long as the container writes). */
export async function openLog(
  session: ClientSession,
  namespace: string,
  pod: string,
  opts: LogOptions,
  signal?: AbortSignal,
): Promise<Result<LogStream>> {
  const opened = await session.open(
    {
      method: 'GET',
      path: `${podPath(namespace, pod)}/log`,
      query: logQuery(opts),
      headers: { accept: 'application/json, */*' },
      ...(opts.follow ? { timeoutMs: 0 } : {}),
      ...(signal ? { signal } : {}),
    },
    { verb: 'get', resource: 'pods', subresource: 'log', namespace, name: pod },
  );
  if (!opened.ok) return opened;
  const stream = opened.value;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    stream.cancelTimer();
    stream.body.destroy();
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for await (const c of stream.body) yield Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    } catch (err) {
      // close() (or the caller's abort) ends the iteration quietly; a cut connection is an error for the reader
      if (!closed && !signal?.aborted) throw err;
    } finally {
      close();
    }
  }
  return { ok: true, value: { chunks: chunks(), close } };
}

/** Reads a log whole (never follows), at most `opts.limitBytes` bytes (default 1 MiB), as UTF-8 text. */
export async function readLog(
  session: ClientSession,
  namespace: string,
  pod: string,
  opts: LogOptions,
  signal?: AbortSignal,
): Promise<Result<string>> {
  const limit = opts.limitBytes ?? DEFAULT_LOG_LIMIT;
  const opened = await openLog(session, namespace, pod, { ...opts, follow: false, limitBytes: limit }, signal);
  if (!opened.ok) return opened;
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const c of opened.value.chunks) {
      const room = limit - size;
      parts.push(c.length > room ? c.subarray(0, room) : c);
      size += Math.min(c.length, room);
      if (size >= limit) break;
    }
  } catch (err) {
    return { ok: false, failure: session.midStreamFailure(err) };
  } finally {
    opened.value.close();
  }
  if (signal?.aborted) return { ok: false, failure: aborted() };
  return { ok: true, value: new TextDecoder().decode(Buffer.concat(parts)) };
}
