/**
 * Opening a pod's log from the table: the container is asked for when the pod has several (init
 * and sidecar containers too, with their state), and the choice is remembered for that pod; `p`
 * switches between the current and the previous instance. Each open log is a LogSession whose
 * changes reach the screen at most once a frame.
 */
import type { KubeClient } from '../core/client/types.js';
import {
  containerChoices,
  containerNow,
  initialLogView,
  onlyContainer,
  whereLogsAllowed,
  type ContainerChoice,
  type LogFeedTarget,
} from '../core/logs/index.js';
import { neutralize } from '../core/terminal-text.js';
import { LogSession } from './log-session.js';
import { openPicker } from './pickers.js';
import type { LogsState } from './screens/logs-model.js';
import type { Store } from './store.js';

/** --log-tail and --log-buffer, and where `s` saves (default: the current folder, else the temporary one). */
export const logSettings: { tail: number; buffer: number; saveDirs?: string[] | undefined } = { tail: 200, buffer: 10_000 };

/** Sets --log-tail, --log-buffer or the folders `s` saves to. */
export function configureLogs(o: { tail?: number | undefined; buffer?: number | undefined; saveDirs?: string[] | undefined }): void {
  if (o.tail !== undefined) logSettings.tail = o.tail;
  if (o.buffer !== undefined) logSettings.buffer = o.buffer;
  if (o.saveDirs !== undefined) logSettings.saveDirs = o.saveDirs;
}

/** The container chosen for each pod (server/namespace/pod) while kpods runs. */
const chosen = new Map<string, string>();

/** A sleep that ends early on abort (and leaves no listener behind: a crash loop sleeps many times). */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

/** Namespaces kpods has seen this session (where to look for logs one may read after a 403). */
export type KnownNamespaces = () => string[];

let known: KnownNamespaces | undefined;

function session(client: KubeClient, store: Store, key: number, target: LogFeedTarget): LogSession {
  const deps = {
    openLog: client.openLog.bind(client),
    sleep,
    // When a stream ends: has the container exited (a crash loop) or is it still running?
    containerState: async (ns: string, pod: string, container: string | undefined, signal: AbortSignal) => {
      const got = await client.getPodObject(ns, pod, signal);
      return got.ok ? containerNow(got.value, container) : undefined;
    },
  };
  // A 403 on pods/log: where may this user read logs? (the namespace list, else those seen)
  const namespaces = async (signal?: AbortSignal) => {
    const listed = await client.listNamespaces(signal);
    return listed.ok ? listed.value : (known?.() ?? []);
  };
  return new LogSession(deps, target, {
    bufferLines: logSettings.buffer,
    explain: (f, signal) => whereLogsAllowed(f, { accessReview: client.accessReview.bind(client), namespaces }, target, signal),
    onChange: () => {
      const entry = store.getState().stack.find((e) => e.key === key);
      if (entry?.id !== 'logs') return;
      store.dispatch({ type: 'update', key, screen: { id: 'logs', state: { ...entry.state, version: entry.state.version + 1 } } });
    },
  });
}

function stateFor(choice: ContainerChoice | undefined): LogFeedTarget['state'] {
  if (!choice) return undefined;
  return {
    hasPrevious: choice.hasPrevious,
    ...(choice.waitingReason ? { waitingReason: choice.waitingReason } : {}),
    ...(choice.waitingMessage ? { waitingMessage: choice.waitingMessage } : {}),
  };
}

/** Pushes the log screen for one container and starts reading. */
export function showLog(
  store: Store,
  client: KubeClient,
  where: { namespace: string; pod: string; container?: string | undefined; choice?: ContainerChoice | undefined },
  signal?: AbortSignal,
): void {
  const key = store.getState().nextKey;
  const target: LogFeedTarget = {
    namespace: where.namespace,
    pod: where.pod,
    ...(where.container ? { container: where.container } : {}),
    tailLines: logSettings.tail,
    resumeTailLines: logSettings.buffer,
    ...(where.choice ? { state: stateFor(where.choice) } : {}),
  };
  const s = session(client, store, key, target);
  const state: LogsState = {
    namespace: where.namespace,
    pod: where.pod,
    container: where.container,
    previous: false,
    session: s,
    view: initialLogView(),
    version: 0,
    dims: { height: 20, width: 80 },
  };
  store.dispatch({ type: 'push', screen: { id: 'logs', state } });
  // A new target (or the session's end) closes the stream.
  signal?.addEventListener('abort', () => s.stop(), { once: true });
  s.start();
}

/** `p`: the same container's previous instance, or back to the current one. */
export function switchPrevious(store: Store, client: KubeClient, key: number, s: LogsState, signal?: AbortSignal): void {
  s.session.stop();
  const previous = !s.previous;
  const target: LogFeedTarget = {
    ...s.session.target,
    previous,
    // The previous instance has ended: read it whole (up to the buffer).
    tailLines: previous ? logSettings.buffer : logSettings.tail,
  };
  const next = session(client, store, key, target);
  store.dispatch({
    type: 'update',
    key,
    screen: {
      id: 'logs',
      state: {
        ...s,
        previous,
        session: next,
        view: initialLogView({ timestamps: s.view.timestamps, wrap: s.view.wrap, colour: s.view.colour }),
        version: s.version + 1,
        message: undefined,
      },
    },
  });
  signal?.addEventListener('abort', () => next.stop(), { once: true });
  next.start();
}

/** `l` on the table: asks for the container when the pod has several, then shows its log. */
export async function openLogFor(
  store: Store,
  client: KubeClient,
  server: string,
  namespace: string,
  pod: string,
  signal: AbortSignal,
  namespaces?: KnownNamespaces,
): Promise<void> {
  known = namespaces;
  const got = await client.getPodObject(namespace, pod, signal);
  if (signal.aborted) return;
  // Without the pod object (not allowed to get it), the server chooses a lone container.
  if (!got.ok) return showLog(store, client, { namespace, pod }, signal);
  const choices = containerChoices(got.value);
  const only = onlyContainer(choices);
  if (only !== undefined) return showLog(store, client, { namespace, pod, container: only, choice: choices[0] }, signal);
  const memo = `${server}/${namespace}/${pod}`;
  const remembered = chosen.get(memo);
  const fill = openPicker(store, `Containers of ${neutralize(pod)}`, (c) => {
    chosen.set(memo, c.id);
    showLog(store, client, { namespace, pod, container: c.id, choice: choices.find((x) => x.name === c.id) }, signal);
  });
  const label = { init: 'init', sidecar: 'sidecar', app: '' } as const;
  fill({
    items: choices.map((c) => ({
      id: c.name,
      label: neutralize(c.name),
      detail: [label[c.kind], c.state, c.restarts ? `${c.restarts} restarts` : ''].filter(Boolean).join(' · '),
      current: c.name === remembered,
    })),
    note: remembered ? `last time: ${neutralize(remembered)}` : 'init and sidecar containers are listed first',
  });
}
