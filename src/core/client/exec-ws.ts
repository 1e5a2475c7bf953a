/**
 * Exec in a container over the Kubernetes WebSocket protocol, natively: undici's WebSocket with
 * the same credentials and TLS as every other request (from the session's upgradeAuth), offering
 * v5.channel.k8s.io then v4.channel.k8s.io. stdin goes to channel 0, channels 1 and 2 come back,
 * resizes go on channel 4, the exit status comes on channel 3. Failures are classified: a refused
 * upgrade is diagnosed by the caller (403 on pods/exec, container not running, …), a missing
 * program says which and what to try.
 */
import { Agent, WebSocket } from 'undici';
import { failure, type Failure, type Result } from '../failure.js';
import { neutralize } from '../terminal-text.js';
import {
  CHANNEL,
  EXEC_PROTOCOLS,
  closeMessage,
  decodeChannel,
  encodeChannel,
  outcomeOfStatus,
  resizeMessage,
  type ExecProtocol,
} from './exec-frames.js';
import type { LoadedTls } from './transport.js';

/** What to run where. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

/** The credentials and TLS of the session (session.upgradeAuth). */
export interface ExecAuth {
  headers: Record<string, string | string[]>;
  tls: LoadedTls;
  url: URL;
}

/** Output handlers. */
export interface ExecOutput {
  stdout(data: Uint8Array): void;
  stderr(data: Uint8Array): void;
}

/** An open exec stream. */
export interface ExecStream {
  protocol: ExecProtocol;
  /** Bytes typed by the user. */
  write(data: Uint8Array): void;
  /** The terminal's size (sent at once, and on every change). */
  resize(columns: number, rows: number): void;
  /** No more input (v5 tells the server; v4 cannot). */
  closeStdin(): void;
  /** Resolves with the exit code, or a classified failure, when the command ends. */
  done: Promise<Result<{ exitCode: number }>>;
  /** Ends the stream (the command may keep running in the container). */
  close(): void;
}

export interface OpenExecOptions {
  signal?: AbortSignal;
  /** Subprotocols to offer (default v5 then v4). */
  protocols?: readonly ExecProtocol[];
  /** Explains a refused upgrade (the WebSocket API hides the HTTP status): asks the server why. */
  diagnose?: () => Promise<Failure | undefined>;
}

/** The exec URL (ws/wss) with kubectl's query parameters. */
function execUrl(base: URL, req: ExecRequest): URL {
  const url = new URL(base.href);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/exec`;
  const q = new URLSearchParams();
  for (const c of req.command) q.append('command', c);
  if (req.container) q.set('container', req.container);
  if (req.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  if (!req.tty) q.set('stderr', 'true');
  if (req.tty) q.set('tty', 'true');
  url.search = q.toString();
  return url;
}

/** Classifies the failure status a server sent on channel 3. */
function classifyExecError(message: string, req: ExecRequest): Failure {
  const said = `The server said: ${neutralize(message)}`;
  const program = neutralize(req.command[0] ?? '');
  if (/executable file not found|no such file or directory|not found in \$PATH/.test(message))
    return failure(
      'response.exec-not-found',
      `exec: ${program}: not found, try --shell /bin/bash or a debug container`,
      [
        `The image of container ${neutralize(req.container ?? '')} has no ${program}. Try another shell with --shell (e.g. --shell /bin/bash), or debug it with an ephemeral container: kubectl debug -it ${neutralize(req.pod)} -n ${neutralize(req.namespace)} --image=busybox --target=${neutralize(req.container ?? '')}.`,
      ],
      said,
    );
  if (/container not found|is not running|container .* is waiting/.test(message))
    return failure(
      'response.container-not-running',
      `Container ${neutralize(req.container ?? '')} of pod ${neutralize(req.pod)} is not running, so there is nothing to open a shell in.`,
      ['Wait until it runs (see its status and events), or look at its logs instead.'],
      said,
    );
  return failure('response.server-error', 'The command could not be run in the container.', [], said);
}

/** Opens the exec WebSocket. */
export async function openExec(auth: ExecAuth, req: ExecRequest, out: ExecOutput, opts: OpenExecOptions = {}): Promise<Result<ExecStream>> {
  const tls = auth.tls;
  const dispatcher = new Agent({
    connect: {
      rejectUnauthorized: !tls.insecureSkipVerify,
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
      ...(tls.serverName ? { servername: tls.serverName } : {}),
    },
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(auth.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const ws = new WebSocket(execUrl(auth.url, req), { protocols: [...(opts.protocols ?? EXEC_PROTOCOLS)], dispatcher, headers });
  ws.binaryType = 'arraybuffer';
  const cleanup = (): void => void dispatcher.close().catch(() => undefined);
  const opened = await new Promise<boolean>((resolve) => {
    const onAbort = (): void => ws.close();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    ws.addEventListener('open', () => resolve(true), { once: true });
    ws.addEventListener('close', () => resolve(false), { once: true });
  });
  if (!opened) {
    cleanup();
    if (opts.signal?.aborted) return { ok: false, failure: failure('response.timeout', 'The request was cancelled.', []) };
    const why = (await opts.diagnose?.()) ?? refused(req);
    return { ok: false, failure: why };
  }
  const protocol = ws.protocol as ExecProtocol;
  let settle: (r: Result<{ exitCode: number }>) => void = () => undefined;
  const done = new Promise<Result<{ exitCode: number }>>((resolve) => (settle = resolve));
  let outcome: Result<{ exitCode: number }> | undefined;
  ws.addEventListener('message', (ev) => {
    const data = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : new TextEncoder().encode(String(ev.data));
    const msg = decodeChannel(data);
    if (!msg) return;
    if (msg.channel === CHANNEL.stdout) out.stdout(msg.data);
    else if (msg.channel === CHANNEL.stderr) out.stderr(msg.data);
    else if (msg.channel === CHANNEL.error) {
      const o = outcomeOfStatus(msg.data);
      outcome =
        o.kind === 'exited' ? { ok: true, value: { exitCode: o.exitCode } } : { ok: false, failure: classifyExecError(o.message, req) };
    }
  });
  ws.addEventListener('close', (ev) => {
    cleanup();
    if (outcome) return settle(outcome);
    if (ev.code === 1000) return settle({ ok: true, value: { exitCode: 0 } });
    settle({
      ok: false,
      failure: failure(
        'connection.reset',
        'The exec connection ended before the command reported how it ended.',
        ['The network or a proxy may have cut the connection; try again.'],
        `WebSocket close code ${ev.code}${ev.reason ? `: ${neutralize(ev.reason)}` : ''}`,
      ),
    });
  });
  const send = (m: Uint8Array): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(m);
  };
  return {
    ok: true,
    value: {
      protocol,
      write: (data) => send(encodeChannel(CHANNEL.stdin, data)),
      resize: (columns, rows) => send(resizeMessage(columns, rows)),
      closeStdin: () => {
        if (protocol === 'v5.channel.k8s.io') send(closeMessage(CHANNEL.stdin));
      },
      done,
      close: () => ws.close(),
    },
  };
}

function refused(req: ExecRequest): Failure {
  return failure(
    'response.invalid',
    `The server refused to open an exec stream to pod ${neutralize(req.pod)} in namespace ${neutralize(req.namespace)}.`,
    ["The WebSocket upgrade was refused; run kubectl exec against the same pod to see the server's answer."],
  );
}
