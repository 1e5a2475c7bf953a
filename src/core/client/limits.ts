/**
 * The limits kpods enforces on what a server sends: a hostile or broken server cannot
 * hold a command forever, exhaust memory, or make kpods request pages without end. Each breach
 * is a classified failure that names the limit.
 */
import { failure, type Failure } from '../failure.js';

/** Default per-request time limit of the headless commands when --request-timeout is not given (0 = none). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
/** Largest response body kpods reads, after decompression (below V8's longest string, ~512 MiB). */
export const MAX_BODY_BYTES = 500 * 1024 * 1024;
/** Most pages one list may take (500,000 pods at kubectl's 500 per page; 10M at kpods list's 5,000). */
export const MAX_LIST_PAGES = 2_000;
/** Largest single watch event (one line of the stream). */
export const MAX_WATCH_EVENT_BYTES = 64 * 1024 * 1024;
/**
 * Longest silence of a watch (no event, no bookmark) before it is called stale and the list is
 * read again. kpods asks for bookmarks (allowWatchBookmarks), which API servers send about once a minute.
 */
export const WATCH_IDLE_MS = 3 * 60_000;

const MiB = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** The configurable limits (ClientDeps.limits); unset fields take the defaults above. */
export interface ClientLimits {
  maxBodyBytes?: number;
  maxListPages?: number;
  maxWatchEventBytes?: number;
  /** Longest silence of a watch before it is stale (default WATCH_IDLE_MS; 0: none). */
  watchIdleMs?: number;
}

export function bodyTooLarge(limit: number): Failure {
  return failure(
    'response.invalid',
    `The server's answer is larger than kpods' response limit of ${MiB(limit)} (counted after decompression); kpods stopped reading it.`,
    [
      'A server or proxy sent an endless or decompression-bomb body. If the list is really this large, narrow it with -n NAMESPACE or -l SELECTOR.',
    ],
    `limit: response body ${limit} bytes`,
  );
}

export function tooManyPages(limit: number): Failure {
  return failure(
    'response.invalid',
    `The server kept returning a continue token: kpods stopped after ${limit} pages (its page limit for one list).`,
    ['The API server or a proxy in front of it is misbehaving; narrow the list with -n or -l, or report it to the cluster administrator.'],
    `limit: ${limit} pages per list`,
  );
}

export function repeatedContinue(page: number): Failure {
  return failure(
    'response.invalid',
    `The server sent the same continue token twice (page ${page + 1}); kpods stopped instead of asking for the same page forever.`,
    ['The API server or a proxy in front of it is misbehaving; try again, or report it to the cluster administrator.'],
    'limit: a continue token is followed once',
  );
}

export function watchEventTooLarge(limit: number): Failure {
  return failure(
    'response.invalid',
    `A watch event is larger than kpods' limit of ${MiB(limit)} per event; kpods closed the watch.`,
    ['A server or proxy sent an oversized event; kpods re-reads the list instead.'],
    `limit: watch event ${limit} bytes`,
  );
}

export function watchSilent(ms: number): Failure {
  return failure(
    'response.timeout',
    `The watch sent nothing (no event, no bookmark) for ${Math.round(ms / 1000)} s; kpods closed it and reads the list again.`,
    [
      'A proxy or load balancer may be holding the stream open without passing events through; the rows may be stale until the list is read.',
    ],
    `limit: ${ms} ms of watch silence`,
  );
}
