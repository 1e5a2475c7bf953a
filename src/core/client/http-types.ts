/**
 * The shapes the HTTP transport takes and gives: TLS material, requests, whole and streamed answers,
 * and the notice of a Retry-After wait.
 */
import type { Readable } from 'node:stream';

/** TLS material read from files or data, as PEM strings. */
export interface LoadedTls {
  insecureSkipVerify: boolean;
  serverName?: string;
  ca?: string;
  cert?: string;
  key?: string;
}

/** Request headers; a list is sent as one header line per value (Impersonate-Group). */
export type HeaderMap = Record<string, string | string[]>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Path below the server's base path, starting with '/'. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: HeaderMap;
  /** JSON text; sent as application/json unless the headers name another content-type (e.g. a merge patch). */
  body?: string;
  signal?: AbortSignal;
  /** Overrides the transport's request timeout; 0 disables it. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as the pieces it arrived in (the same text as `body`, without making one string of it). */
  pieces?: readonly string[];
  /** Wall time the request took, including retries. */
  elapsedMs: number;
}

export interface HttpStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The (decompressed) body; destroy it to end the request early. */
  body: Readable;
  /** Stops the request timer and the abort listener; call when done with the body. */
  cancelTimer: () => void;
}

/** A 429/5xx answer that carried Retry-After, about to be retried after `waitMs`. */
export interface RetryNotice {
  status: number;
  retryAfterSeconds: number;
  waitMs: number;
  /** 1 for the first retry. */
  attempt: number;
}
