/**
 * Container logs: `GET /api/v1/namespaces/NS/pods/NAME/log` with container, follow, previous,
 * tailLines, sinceSeconds, sinceTime, timestamps and limitBytes, and kube-apiserver's and the
 * kubelet's errors. Lines are computed from the pod and the time (log-source.ts), never stored.
 * Hooks for tests and other scenarios: a chatty pod with a configurable rate, the last words of
 * crashed containers, and dropping open follow streams.
 */
import type { ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Cluster, ClusterEvent } from './cluster.js';
import * as st from './status.js';
import { queryBool } from './negotiate.js';
import { LogSource } from './log-source.js';
import { chooseContainer, chooseInstance } from './log-instance.js';

/** Settings of the simulated logs. */
export interface LogSettings {
  /** `namespace/name` of the pod whose first container writes fast. */
  fastPod?: string;
  /** Lines per second of the fast pod (default 500). */
  fastRate?: number;
}

/** How `dropStreams` ends the open follow streams. */
export interface DropOptions {
  /** 'reset' (default): the connection is cut; 'end': the response ends cleanly, as at a server timeout. */
  mode?: 'reset' | 'end';
  /** Cut in the middle of a line (half of the next line is sent first). */
  midLine?: boolean;
}

interface OpenStream {
  drop(opts: DropOptions): void;
}

const MAX_LINES_PER_WRITE = 20_000;

/** The simulated cluster's logs. */
export class PodLogs {
  fastPod: string | undefined;
  fastRate: number;
  private readonly words = new Map<string, string[]>();
  private readonly open = new Set<OpenStream>();

  constructor(
    private readonly cluster: Cluster,
    private readonly now: () => Date,
    settings: LogSettings = {},
  ) {
    this.fastPod = settings.fastPod;
    this.fastRate = settings.fastRate ?? 500;
  }

  /** Sets (or with undefined, clears) the lines a container wrote before it crashed. */
  setLastWords(namespace: string, pod: string, container: string, lines: string[] | undefined): void {
    const key = `${namespace}/${pod}/${container}`;
    if (lines) this.words.set(key, [...lines]);
    else this.words.delete(key);
  }

  /** Ends every open follow stream; returns how many there were. */
  dropStreams(opts: DropOptions = {}): number {
    const streams = [...this.open];
    for (const s of streams) s.drop(opts);
    return streams.length;
  }

  /** Number of follow streams open now. */
  get openStreams(): number {
    return this.open.size;
  }

  /** Serves a log request (authorisation already checked); a Reply for errors, undefined when streaming. */
  serve(
    namespace: string,
    name: string,
    params: URLSearchParams,
    res: ServerResponse,
    headers: Record<string, string>,
  ): st.Reply | undefined {
    const opts = parseOptions(name, params);
    if ('code' in opts) return opts;
    const version = this.cluster.getPod(namespace, name);
    if (!version) return st.notFound('pods', name);
    const pod = version.pod;
    const chosen = chooseContainer(pod, name, params.get('container'));
    if ('error' in chosen) return st.badRequest(chosen.error);
    if (!pod.spec?.nodeName) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/plain', 'Content-Length': '0' });
      res.end();
      return undefined;
    }
    const instance = chooseInstance(pod, chosen.container, opts.previous);
    if ('error' in instance) return st.badRequest(instance.error);
    const key = `${namespace}/${name}`;
    const fast = key === this.fastPod && pod.spec.containers?.[0]?.name === chosen.container;
    const lastWords = this.words.get(`${key}/${chosen.container}`);
    const source = new LogSource({
      podKey: key,
      ...instance.spec,
      ...(fast ? { rate: this.fastRate } : {}),
      ...(lastWords ? { lastWords } : {}),
    });
    res.writeHead(200, { ...headers, 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    this.stream(source, key, instance.running && opts.follow, opts, res);
    return undefined;
  }

  private stream(source: LogSource, key: string, follow: boolean, opts: LogRequest, res: ServerResponse): void {
    const nowUs = () => this.now().getTime() * 1000;
    const total = source.count(nowUs());
    let next = source.firstKept(total);
    if (opts.tailLines !== undefined) next = Math.max(next, total - opts.tailLines);
    const sinceUs =
      opts.sinceTime !== undefined
        ? Math.floor(opts.sinceTime / 1000) * 1e6
        : opts.sinceSeconds !== undefined
          ? nowUs() - opts.sinceSeconds * 1e6
          : undefined;
    if (sinceUs !== undefined) next = source.firstAtOrAfter(sinceUs, next, total);
    let budget = opts.limitBytes ?? Infinity;
    let unsubscribe = () => {};
    let timer: NodeJS.Timeout | undefined = undefined;
    let paused = false;
    let finished = false;
    const write = (upTo: number): void => {
      while (next < upTo && budget > 0 && !paused) {
        const end = Math.min(upTo, next + MAX_LINES_PER_WRITE);
        let chunk = '';
        for (; next < end; next++) chunk += source.line(next, opts.timestamps);
        let bytes = Buffer.from(chunk);
        if (bytes.length > budget) bytes = bytes.subarray(0, budget);
        budget -= bytes.length;
        if (!res.write(bytes)) {
          paused = true;
          res.once('drain', () => {
            paused = false;
            if (!finished) write(source.count(nowUs()));
          });
        }
      }
      if (budget <= 0) finish();
    };
    const cleanup = () => {
      finished = true;
      clearInterval(timer);
      unsubscribe();
      this.open.delete(handle);
    };
    const finish = () => {
      if (finished) return;
      cleanup();
      if (!res.writableEnded) res.end();
    };
    const handle: OpenStream = {
      drop: ({ mode = 'reset', midLine = false }) => {
        if (finished) return;
        cleanup();
        if (midLine) {
          const text = source.line(next, opts.timestamps);
          res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        }
        if (mode === 'end') res.end();
        else resetSocket(res);
      },
    };
    res.on('close', cleanup);
    write(total);
    if (!follow || finished) return finish();
    this.open.add(handle);
    // The container stops (deleted, restarted, crashed): the kubelet ends the stream.
    unsubscribe = this.cluster.subscribe((e: ClusterEvent) => {
      if (e.version.key === key) {
        write(source.count(nowUs()));
        finish();
      }
    });
    const tickMs = source.spec.rate && source.spec.rate > 20 ? 25 : 250;
    timer = setInterval(() => write(source.count(nowUs())), tickMs);
  }
}

interface LogRequest {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** Epoch ms. */
  sinceTime?: number;
  limitBytes?: number;
}

/** Reads and validates the query (ValidatePodLogOptions). */
function parseOptions(name: string, params: URLSearchParams): LogRequest | st.Reply {
  const out: LogRequest = {
    follow: queryBool(params, 'follow'),
    previous: queryBool(params, 'previous'),
    timestamps: queryBool(params, 'timestamps'),
  };
  for (const field of ['tailLines', 'sinceSeconds', 'limitBytes'] as const) {
    const text = params.get(field);
    if (text === null) continue;
    if (!/^-?\d+$/.test(text)) return st.badRequest(`strconv.ParseInt: parsing "${text}": invalid syntax`);
    out[field] = Number(text);
  }
  const since = params.get('sinceTime');
  if (since !== null) {
    const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(since) ? Date.parse(since) : NaN;
    if (!Number.isFinite(t))
      return st.badRequest(`parsing time "${since}" as "2006-01-02T15:04:05Z07:00": cannot parse "${since}" as "2006"`);
    out.sinceTime = t;
  }
  const problems: string[] = [];
  if (out.tailLines !== undefined && out.tailLines < 0)
    problems.push(`tailLines: Invalid value: ${out.tailLines}: must be greater than or equal to 0`);
  if (out.limitBytes !== undefined && out.limitBytes < 1)
    problems.push(`limitBytes: Invalid value: ${out.limitBytes}: must be greater than 0`);
  if (out.sinceSeconds !== undefined && out.sinceTime !== undefined)
    problems.push('Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  else if (out.sinceSeconds !== undefined && out.sinceSeconds < 1)
    problems.push(`sinceSeconds: Invalid value: ${out.sinceSeconds}: must be greater than 0`);
  if (problems.length > 0) {
    const list = problems.length === 1 ? problems[0]! : `[${problems.join(', ')}]`;
    return st.statusReply(422, 'Invalid', `PodLogOptions "${name}" is invalid: ${list}`, { name, kind: 'PodLogOptions' });
  }
  return out;
}

function resetSocket(res: ServerResponse): void {
  const socket = res.socket as TLSSocket | null;
  const raw = (socket as unknown as { _parent?: { resetAndDestroy?: () => void } } | null)?._parent;
  try {
    if (raw?.resetAndDestroy) raw.resetAndDestroy();
    else socket?.destroy();
  } catch {
    socket?.destroy();
  }
}
