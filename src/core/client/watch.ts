/**
 * Pod watches in Table form (as `kubectl get pods -w`): newline-delimited events, column
 * definitions only on the first event, ERROR events carrying a Status, bookmarks.
 */
import { failure, type Result } from '../failure.js';
import { MAX_WATCH_EVENT_BYTES, WATCH_IDLE_MS, watchEventTooLarge, watchSilent } from './limits.js';
import { neutralize } from '../terminal-text.js';
import type { Pod } from '../pods/index.js';
import { TABLE_ACCEPT } from './accept.js';
import { podsPath } from './list.js';
import { rowFromPod, rowFromTableRow, tableColumns, type TableColumns } from './pod-rows.js';
import type { ClientSession } from './session.js';
import type { PodEvent, PodQuery } from './types.js';

/** Handles one decoded event line; returns a failure for an ERROR event. */
function handleEvent(
  line: string,
  state: { columns?: TableColumns | undefined; rv?: string },
  fallbackNs: string,
  now: Date,
  onEvent: (e: PodEvent) => void,
): Result<void> | undefined {
  let ev: unknown;
  try {
    ev = JSON.parse(line);
  } catch {
    return {
      ok: false,
      failure: failure('response.not-kubernetes', 'The watch stream carried a line that is not JSON.', [
        'Check that nothing between kpods and the API server rewrites responses.',
      ]),
    };
  }
  const e = (ev !== null && typeof ev === 'object' ? ev : {}) as { type?: unknown; object?: unknown };
  const hasObject = e.object !== null && typeof e.object === 'object' && !Array.isArray(e.object);
  const obj = (hasObject ? e.object : {}) as Record<string, unknown>;
  const metaRv = (obj['metadata'] as { resourceVersion?: unknown } | undefined)?.resourceVersion;
  const rv = typeof metaRv === 'string' ? metaRv : undefined;
  if (e.type === 'ERROR') {
    const st = obj as { code?: unknown; reason?: unknown; message?: unknown };
    const status = typeof st.code === 'number' ? st.code : 500;
    if (status === 410 || st.reason === 'Expired' || st.reason === 'Gone') {
      return {
        ok: false,
        failure: failure('response.gone', 'The watch fell too far behind (410 Expired); the list must be read again.', [
          'kpods re-reads the list automatically.',
        ]),
      };
    }
    return {
      ok: false,
      failure: failure(
        status >= 500 ? 'response.server-error' : 'response.invalid',
        `The watch ended with an error from the server (${status}).`,
        ['Try again.'],
        typeof st.message === 'string' ? `The server said: ${neutralize(st.message.slice(0, 300))}` : undefined,
      ),
    };
  }
  if (e.type === 'BOOKMARK') {
    if (rv) state.rv = rv;
    onEvent({ type: 'BOOKMARK', ...(rv ? { resourceVersion: rv } : {}) });
    return undefined;
  }
  if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return undefined;
  // An event without an object (object: null) carries no pod: no phantom row.
  if (!hasObject) return undefined;
  if (rv) state.rv = rv;
  if (obj['kind'] === 'Table') {
    state.columns = tableColumns(obj['columnDefinitions']) ?? state.columns;
    if (!state.columns) return undefined;
    const rows = Array.isArray(obj['rows']) ? (obj['rows'] as unknown[]) : [];
    for (const r of rows) {
      const row = rowFromTableRow(r, state.columns, fallbackNs);
      if (row) onEvent({ type: e.type, row, ...(rv ? { resourceVersion: rv } : {}) });
    }
  } else {
    onEvent({ type: e.type, row: rowFromPod(obj as Pod, now, fallbackNs), ...(rv ? { resourceVersion: rv } : {}) });
  }
  return undefined;
}

/** Runs one watch until the server closes it, the signal aborts, or an error arrives. */
export async function watchStream(
  session: ClientSession,
  query: PodQuery,
  resourceVersion: string,
  onEvent: (event: PodEvent) => void,
  signal?: AbortSignal,
): Promise<Result<{ resourceVersion?: string }>> {
  const ns = query.namespace;
  const opened = await session.open(
    {
      method: 'GET',
      path: podsPath(query),
      query: {
        watch: '1',
        resourceVersion,
        allowWatchBookmarks: 'true',
        labelSelector: query.labelSelector || undefined,
        fieldSelector: query.fieldSelector || undefined,
        // Metadata in every view: a row's creationTimestamp keeps AGE exact between events (a None row carries only the AGE of its event).
        includeObject: 'Metadata',
      },
      headers: { accept: TABLE_ACCEPT },
      timeoutMs: 0,
      ...(signal ? { signal } : {}),
    },
    { verb: 'watch', resource: 'pods', ...(ns !== undefined ? { namespace: ns } : {}) },
  );
  if (!opened.ok) return opened;
  const res = opened.value;
  const state: { columns?: TableColumns | undefined; rv?: string } = { rv: resourceVersion };
  // A stream that stays silent past the bound (no event, no bookmark) is stale: closed, so the list is read again.
  const idleMs = session.deps.limits?.watchIdleMs ?? WATCH_IDLE_MS;
  let silent = false;
  const idle =
    idleMs > 0
      ? setTimeout(() => {
          silent = true;
          res.body.destroy(new Error('watch silent'));
        }, idleMs)
      : undefined;
  try {
    let buffered = '';
    const maxEvent = session.deps.limits?.maxWatchEventBytes ?? MAX_WATCH_EVENT_BYTES;
    res.body.setEncoding('utf8');
    for await (const chunk of res.body as AsyncIterable<string>) {
      buffered += chunk;
      // Only a chunk with a newline can end an event: a huge event is not rescanned per chunk, and is cut at the limit.
      if (!chunk.includes('\n')) {
        if (buffered.length > maxEvent) return { ok: false, failure: watchEventTooLarge(maxEvent) };
        continue;
      }
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        // Only a whole event counts as a sign of life (a drip of blanks does not).
        idle?.refresh();
        const out = handleEvent(line, state, ns ?? '', session.clock(), onEvent);
        if (out && !out.ok) return out;
      }
      if (buffered.length > maxEvent) return { ok: false, failure: watchEventTooLarge(maxEvent) };
    }
    if (buffered.trim() !== '') {
      const out = handleEvent(buffered.trim(), state, ns ?? '', session.clock(), onEvent);
      if (out && !out.ok) return out;
    }
    return { ok: true, value: state.rv ? { resourceVersion: state.rv } : {} };
  } catch (err) {
    if (signal?.aborted) return { ok: true, value: state.rv ? { resourceVersion: state.rv } : {} };
    if (silent) return { ok: false, failure: watchSilent(idleMs) };
    return { ok: false, failure: session.midStreamFailure(err) };
  } finally {
    if (idle) clearTimeout(idle);
    res.cancelTimer();
    res.body.destroy();
  }
}
