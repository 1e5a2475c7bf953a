/**
 * `GET /api/v1/namespaces/NS/pods/NAME/exec?command=…&stdin=…&stdout=…&stderr=…&tty=…&container=…`
 * upgraded to a WebSocket (v5.channel.k8s.io, else v4.channel.k8s.io), as kube-apiserver and
 * the kubelet answer it: the checks and texts before the upgrade (401, 403 on pods/exec, 404,
 * 400 for a bad container or a finished pod), then the process on the channels, the runtime's
 * errors (container not running, no such executable) and the exit status on channel 3.
 */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { Pod } from '../../core/pods/pod-types.js';
import {
  CHANNEL,
  EXEC_PROTOCOLS,
  decodeChannel,
  encodeChannel,
  parseResize,
  statusForError,
  statusForExit,
} from '../../core/client/exec-frames.js';
import { forbiddenMessage, type Account } from '../access.js';
import { authenticate, impersonate } from '../authn.js';
import type { HandlerContext } from '../server.js';
import * as st from '../status.js';
import { ExecSession } from './session.js';
import { notFoundMessage, resolveProgram, type ContainerView } from './shell.js';
import { ServerWebSocket, acceptKey } from './websocket.js';

/** Images with no shell at all (built FROM scratch or distroless). */
const NO_SHELL = /coredns|distroless|pause/;
/** Debian-based images that also have bash. */
const HAS_BASH = /nginx|postgres/;

function refuse(socket: Duplex, reply: st.Reply): void {
  const body = typeof reply.body === 'string' ? reply.body : reply.body.join('');
  const headers = {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    'Content-Type': reply.contentType ?? 'application/json',
    ...reply.headers,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${reply.code} ${STATUS_CODES[reply.code] ?? ''}\r\n${head}\r\n${body}`);
}

function flag(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  return v === 'true' || v === '1';
}

function viewOf(pod: Pod, container: string): ContainerView {
  const spec = pod.spec?.containers?.find((c) => c.name === container);
  const image = spec?.image ?? '';
  const env: Record<string, string> = {};
  const list = spec?.['env'];
  if (Array.isArray(list))
    for (const e of list as Array<{ name?: unknown; value?: unknown }>)
      if (typeof e.name === 'string' && typeof e.value === 'string') env[e.name] = e.value;
  return {
    hostname: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    podIP: pod.status?.podIP ?? '',
    env,
    hasShell: !NO_SHELL.test(image),
    hasBash: HAS_BASH.test(image),
  };
}

/** The pre-upgrade checks of the API server; a refusal, or the container to run in. */
function check(
  ctx: HandlerContext,
  account: Account,
  ns: string,
  name: string,
  params: URLSearchParams,
): st.Reply | { pod: Pod; container: string } {
  const attrs = { kind: 'resource' as const, verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: ns, name };
  if (!ctx.access.authorize(account, attrs).allowed)
    return st.statusReply(403, 'Forbidden', forbiddenMessage(account, attrs), { name, kind: 'pods' });
  const v = ctx.cluster.getPod(ns, name);
  if (!v) return st.notFound('pods', name);
  const pod = v.pod;
  if (params.getAll('command').length === 0) return st.badRequest('you must specify at least 1 command');
  const names = (pod.spec?.containers ?? []).map((c) => c.name ?? '');
  let container = params.get('container') ?? '';
  if (container === '') {
    if (names.length !== 1) return st.badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    container = names[0]!;
  }
  if (!names.includes(container)) return st.badRequest(`container ${container} is not valid for pod ${name}`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return st.badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  if (!pod.spec?.nodeName) return st.badRequest(`pod ${name} does not have a host assigned`);
  return { pod, container };
}

/** The 'upgrade' listener of the simulator's HTTPS servers. */
export function createUpgradeHandler(ctx: HandlerContext): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    ctx.stats.requests++;
    socket.on('error', () => undefined);
    if (head.length > 0) socket.unshift(head);
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const path = url.pathname.replace(/^\/s\/[\w-]+(?=\/)/, '');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(path);
    if (!m) return refuse(socket, st.notFoundPath());
    const who = authenticate(req, ctx.credentials);
    if (who === 'invalid' || who === undefined) return refuse(socket, st.unauthorized());
    const account = impersonate(req, who, ctx.access);
    if ('kind' in account) return refuse(socket, st.statusReply(403, 'Forbidden', forbiddenMessage(who, account)));
    const [ns, name] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
    const checked = check(ctx, account, ns, name, url.searchParams);
    if ('code' in checked) return refuse(socket, checked);
    if (String(req.headers.upgrade).toLowerCase() !== 'websocket' || req.method !== 'GET')
      return refuse(socket, st.badRequest('the simulated cluster serves exec over WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io)'));
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const protocol = offered.find((p): p is (typeof EXEC_PROTOCOLS)[number] => (EXEC_PROTOCOLS as readonly string[]).includes(p));
    const key = req.headers['sec-websocket-key'];
    if (!protocol || typeof key !== 'string')
      return refuse(
        socket,
        st.badRequest(
          `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${EXEC_PROTOCOLS.join(' ')}]`,
        ),
      );
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
    );
    serve(socket, checked.pod, checked.container, url.searchParams, protocol === 'v5.channel.k8s.io');
  };
}

function serve(socket: Duplex, pod: Pod, container: string, params: URLSearchParams, v5: boolean): void {
  const argv = params.getAll('command');
  const tty = flag(params, 'tty');
  const running: { session?: ExecSession } = {};
  const ws = new ServerWebSocket(socket, {
    message(data) {
      const msg = decodeChannel(data);
      const session = running.session;
      if (!msg || !session) return;
      if (msg.channel === CHANNEL.stdin) session.input(msg.data);
      else if (msg.channel === CHANNEL.resize) {
        const size = parseResize(msg.data);
        if (size) session.resize(size.width, size.height);
      } else if (v5 && msg.channel === CHANNEL.close && msg.data[0] === CHANNEL.stdin) session.endInput();
    },
    closed() {
      running.session?.endInput();
    },
  });
  const fail = (message: string): void => {
    ws.send(encodeChannel(CHANNEL.error, statusForError(message)));
    ws.close();
  };
  const state = pod.status?.containerStatuses?.find((c) => c.name === container)?.state;
  if (!state?.running) return fail(`unable to upgrade connection: container not found ("${container}")`);
  const view = viewOf(pod, container);
  if (!resolveProgram(view, argv[0] ?? '')) return fail(notFoundMessage(argv[0] ?? ''));
  const stdout = flag(params, 'stdout');
  const stderr = flag(params, 'stderr') && !tty;
  const session = (running.session = new ExecSession(
    argv,
    view,
    { tty, stdin: flag(params, 'stdin') },
    {
      stdout: (t) => stdout && ws.send(encodeChannel(CHANNEL.stdout, t)),
      stderr: (t) => stderr && ws.send(encodeChannel(CHANNEL.stderr, t)),
      exit: (code) => {
        ws.send(encodeChannel(CHANNEL.error, statusForExit(code, argv)));
        ws.close();
      },
    },
  ));
  session.start();
}
