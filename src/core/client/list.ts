/**
 * Pod lists: Table format paged with limit/continue like kubectl (rows as the server computed
 * them), or full PodList objects for -o json.
 */
import { failure, type Result } from '../failure.js';
import type { Pod } from '../pods/index.js';
import { TABLE_ACCEPT } from './accept.js';
import type { ClientSession } from './session.js';
import { listNamespaces } from './calls.js';
import { checkListShape } from './body-shape.js';
import { MAX_LIST_PAGES, repeatedContinue, tooManyPages } from './limits.js';
import type { Failure } from '../failure.js';

/** Why a list must stop before the next page: its page limit, or a continue token seen before. */
function pageLimit(session: ClientSession, page: number, token: string, seen: Set<string>): Failure | undefined {
  const max = session.deps.limits?.maxListPages ?? MAX_LIST_PAGES;
  if (seen.has(token)) return repeatedContinue(page);
  if (page + 1 >= max) return tooManyPages(max);
  seen.add(token);
  return undefined;
}
import { rowFromPod, rowsFromTable, tableColumns } from './pod-rows.js';
import type { ListOptions, PodList, PodQuery, PodRow } from './types.js';
import { listMemo, type ListMemo } from './row-memo.js';
import { rememberTexts, tableFromText } from './table-text.js';
import { lengthOf, sameText } from './text-pieces.js';
import type { CallContext } from './status.js';
import { isKubeObject, notKubernetes, parseJsonObject } from './status.js';
import { neutralize } from '../terminal-text.js';
import type { HttpRequest } from './transport.js';

type LastBody = NonNullable<ListMemo['body']>;

/**
 * A list's answer: its parsed body and text pieces (and its rows when `quick` read them), or `last`
 * itself when the text is the same as last time's.
 */
async function readList(
  session: ClientSession,
  req: HttpRequest,
  ctx: CallContext,
  last: LastBody | undefined,
  quick: ((pieces: readonly string[]) => Promise<{ body: Record<string, unknown>; rows: PodRow[] } | undefined>) | undefined,
): Promise<Result<{ body: Record<string, unknown>; pieces: readonly string[]; rows?: PodRow[] } | { same: LastBody }>> {
  const res = await session.call(req, ctx);
  if (!res.ok) return res;
  const pieces = res.value.pieces ?? [res.value.body];
  if (last !== undefined && sameText(pieces, last.pieces)) return { ok: true, value: { same: last } };
  const read = await quick?.(pieces);
  if (read) return { ok: true, value: { ...read, pieces } };
  const body = parseJsonObject(res.value.body);
  if (!isKubeObject(body)) {
    return { ok: false, failure: notKubernetes(res.value, { ...ctx, credential: [], server: neutralize(session.target.server) }) };
  }
  return { ok: true, value: { body, pieces } };
}

/** The longest answer whose text is kept to be recognised next time (~5,000 Table(None) rows). */
const KEEP_BODY_CHARS = 1 << 20;

/** The path of a pod list. */
export function podsPath(query: PodQuery): string {
  return query.namespace !== undefined ? `/api/v1/namespaces/${encodeURIComponent(query.namespace)}/pods` : '/api/v1/pods';
}

function meta(obj: Record<string, unknown>): { resourceVersion?: string; continue?: string; remainingItemCount?: number } {
  const m = obj['metadata'];
  if (!m || typeof m !== 'object') return {};
  const r = m as Record<string, unknown>;
  return {
    ...(typeof r['resourceVersion'] === 'string' ? { resourceVersion: r['resourceVersion'] } : {}),
    ...(typeof r['continue'] === 'string' && r['continue'] !== '' ? { continue: r['continue'] } : {}),
    ...(typeof r['remainingItemCount'] === 'number' ? { remainingItemCount: r['remainingItemCount'] } : {}),
  };
}

/** etcd key order of namespaces (`/registry/pods/<ns>/`): "ns-a" sorts before "ns". */
function byKeyOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a + '/'), Buffer.from(b + '/'));
}

/** All-namespace rows from one Table(None) list per namespace, in the server's order. */
async function listPerNamespace(
  session: ClientSession,
  query: PodQuery,
  opts: ListOptions,
  pageSize: number,
): Promise<Result<PodList> | undefined> {
  const names = await listNamespaces(session, opts.signal, opts.cached === true);
  if (!names.ok || names.value.length > 200) return undefined;
  const sorted = [...names.value].sort(byKeyOrder);
  const results: Array<Result<PodList>> = new Array(sorted.length);
  let next = 0;
  let loaded = 0;
  // The namespaces answered so far from the first one on, in order: their rows are the top of the list.
  let prefix = 0;
  let firstShown = opts.onFirstRows === undefined;
  const showFirst = (): void => {
    while (prefix < sorted.length && results[prefix]?.ok) prefix++;
    if (firstShown || prefix === sorted.length || prefix === 0) return;
    const top: PodRow[] = [];
    for (let i = 0; i < prefix; i++) {
      const r = results[i];
      if (r?.ok) for (const row of r.value.rows) top.push(row);
    }
    if (top.length === 0) return;
    firstShown = true;
    opts.onFirstRows?.(top);
  };
  const worker = async (): Promise<void> => {
    while (next < sorted.length) {
      const i = next++;
      const ns = sorted[i] ?? '';
      const r = await listPodRows(
        session,
        { ...query, namespace: ns },
        {
          ...(opts.signal ? { signal: opts.signal } : {}),
          objects: 'none',
          ...(opts.cached ? { cached: true } : {}),
          ...(opts.pause ? { pause: opts.pause } : {}),
          ...(opts.once ? { once: true } : {}),
        },
        pageSize,
      );
      results[i] = r;
      if (r.ok) {
        loaded += r.value.rows.length;
        opts.onProgress?.(loaded);
        showFirst();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, sorted.length) }, worker));
  const rows: PodRow[] = [];
  for (const r of results) {
    if (!r) continue;
    if (!r.ok) return r.failure.code === 'authorization.forbidden' ? undefined : r;
    for (const row of r.value.rows) rows.push(row);
  }
  return { ok: true, value: { rows } };
}

/** Lists pods as rows (Table format, paged), reporting progress per page. */
export async function listPodRows(session: ClientSession, query: PodQuery, opts: ListOptions, pageSize: number): Promise<Result<PodList>> {
  if (query.namespace === undefined && opts.perNamespace) {
    const merged = await listPerNamespace(session, query, opts, pageSize);
    if (merged) return merged;
  }
  const objects = opts.objects ?? (query.namespace === undefined ? 'metadata' : 'none');
  const fallbackNs = query.namespace ?? '';
  const rows: PodRow[] = [];
  let cont: string | undefined;
  let resourceVersion: string | undefined;
  let columns = undefined as ReturnType<typeof tableColumns>;
  const seen = new Set<string>();
  // A poll asks for the same list again and again: an unchanged answer gives the same rows.
  const memo = listMemo(session, JSON.stringify([podsPath(query), query.labelSelector, query.fieldSelector, objects, fallbackNs]));
  memo.rows.begin();
  memo.texts.begin();
  let quickly = true;
  // Table(None) rows are their cells: only rows whose text changed are parsed.
  const quick = objects === 'none' ? (pieces: readonly string[]) => tableFromText(pieces, fallbackNs, memo, opts.pause) : undefined;
  const last = opts.cached ? memo.body : undefined;
  for (let page = 0; ; page++) {
    const read = await readList(
      session,
      {
        method: 'GET',
        path: podsPath(query),
        query: {
          // From the watch cache, the whole list comes in one answer (a limit would be ignored, and
          // continue pages would go to etcd); otherwise pages of pageSize, like kubectl.
          ...(opts.cached ? { resourceVersion: '0' } : { limit: String(pageSize), continue: cont }),
          labelSelector: query.labelSelector || undefined,
          fieldSelector: query.fieldSelector || undefined,
          includeObject: objects === 'none' ? 'None' : 'Metadata',
        },
        headers: { accept: TABLE_ACCEPT },
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      { verb: 'list', resource: 'pods', ...(query.namespace !== undefined ? { namespace: query.namespace } : {}) },
      page === 0 ? last : undefined,
      quick,
    );
    if (!read.ok) return read;
    if ('same' in read.value) {
      const { same } = read.value;
      opts.onProgress?.(same.rows.length);
      return { ok: true, value: { rows: [...same.rows], ...(same.resourceVersion ? { resourceVersion: same.resourceVersion } : {}) } };
    }
    const body = read.value.body;
    const bad = checkListShape(body);
    if (bad) return { ok: false, failure: bad };
    const m = meta(body);
    if (page === 0) resourceVersion = m.resourceVersion;
    if (body['kind'] === 'Table') {
      columns = tableColumns(body['columnDefinitions']) ?? columns;
      if (!columns || !columns.has('name')) {
        return {
          ok: false,
          failure: failure('response.invalid', 'The server sent a table without a Name column for pods.', [
            'The API server or a proxy in front of it returned an unexpected format.',
          ]),
        };
      }
      if (read.value.rows) for (const r of read.value.rows) rows.push(r);
      else {
        memo.rows.columns(columns);
        const decoded = rowsFromTable(body, columns, fallbackNs, memo.rows);
        if (objects !== 'none' || opts.once === true || !rememberTexts(read.value.pieces, decoded, memo)) quickly = false;
        for (const r of decoded) rows.push(r);
      }
    } else if (body['kind'] === 'PodList') {
      const items = Array.isArray(body['items']) ? (body['items'] as Pod[]) : [];
      const now = session.clock();
      for (const p of items) if (p && typeof p === 'object') rows.push(rowFromPod(p, now, fallbackNs));
    } else {
      return {
        ok: false,
        failure: failure(
          'response.not-kubernetes',
          `The server answered a pod list with a "${String(body['kind'])
            .slice(0, 40)
            .replace(/[^\w.-]/g, '?')}" object.`,
          ['Check that the server URL points at the Kubernetes API server.'],
        ),
      };
    }
    opts.onProgress?.(rows.length, m.remainingItemCount !== undefined ? rows.length + m.remainingItemCount : undefined);
    if (page === 0 && m.continue && rows.length > 0) opts.onFirstRows?.(rows.slice());
    if (!m.continue) {
      memo.rows.commit();
      memo.texts.commit(quickly);
      // One answer from the watch cache: the same text next time gives these rows.
      // Not a long one (those mostly differ in some AGE cell each time): kept, it would live until the
      // next poll, past the young generation, and be garbage only a full collection frees.
      if (opts.cached && page === 0 && body['kind'] === 'Table' && lengthOf(read.value.pieces) <= KEEP_BODY_CHARS)
        memo.body = { pieces: read.value.pieces, rows: rows.slice(), resourceVersion };
      else delete memo.body;
      break;
    }
    const stop = pageLimit(session, page, m.continue, seen);
    if (stop) return { ok: false, failure: stop };
    cont = m.continue;
  }
  return { ok: true, value: { rows, ...(resourceVersion ? { resourceVersion } : {}) } };
}

/** Lists full Pod objects (PodList JSON, paged), as `kubectl get pods -o json` does. */
export async function listPodObjects(
  session: ClientSession,
  query: PodQuery,
  signal: AbortSignal | undefined,
  pageSize: number,
): Promise<Result<{ items: Pod[]; resourceVersion?: string }>> {
  const items: Pod[] = [];
  let cont: string | undefined;
  let resourceVersion: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; ; page++) {
    const res = await session.callObject(
      {
        method: 'GET',
        path: podsPath(query),
        query: {
          limit: String(pageSize),
          continue: cont,
          labelSelector: query.labelSelector || undefined,
          fieldSelector: query.fieldSelector || undefined,
        },
        headers: { accept: 'application/json' },
        ...(signal ? { signal } : {}),
      },
      { verb: 'list', resource: 'pods', ...(query.namespace !== undefined ? { namespace: query.namespace } : {}) },
    );
    if (!res.ok) return res;
    const bad = checkListShape(res.value);
    if (bad) return { ok: false, failure: bad };
    const m = meta(res.value);
    if (page === 0) resourceVersion = m.resourceVersion;
    if (res.value['kind'] !== 'PodList') {
      return {
        ok: false,
        failure: failure('response.not-kubernetes', 'The server did not answer the pod list with a PodList.', [
          'Check that the server URL points at the Kubernetes API server.',
        ]),
      };
    }
    const list = Array.isArray(res.value['items']) ? (res.value['items'] as unknown[]) : [];
    for (const p of list) if (p && typeof p === 'object') items.push(p as Pod);
    if (!m.continue) break;
    const stop = pageLimit(session, page, m.continue, seen);
    if (stop) return { ok: false, failure: stop };
    cont = m.continue;
  }
  return { ok: true, value: { items, ...(resourceVersion ? { resourceVersion } : {}) } };
}
