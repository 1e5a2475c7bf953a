/** kube-apiserver's metav1.Status bodies, as the simulator sends them. */

/** An HTTP answer the server writes in one go. */
export interface Reply {
  code: number;
  /** The body, whole or as parts written in order. */
  body: string | string[];
  contentType?: string;
  headers?: Record<string, string>;
}

/** A Status reply. */
export function statusReply(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
  extra?: Record<string, unknown>,
): Reply {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: extra?.['metadata'] ?? {},
    status: 'Failure',
    message,
    reason,
  };
  if (details && Object.keys(details).length > 0) body['details'] = details;
  body['code'] = code;
  const headers: Record<string, string> = {};
  const retry = details?.['retryAfterSeconds'];
  if (typeof retry === 'number' && retry > 0) headers['Retry-After'] = String(retry);
  return { code, body: JSON.stringify(body), headers };
}

/** 401 for bad or missing credentials. */
export const unauthorized = (): Reply => statusReply(401, 'Unauthorized', 'Unauthorized');

/** 404 for a path the server does not serve. */
export const notFoundPath = (): Reply => statusReply(404, 'NotFound', 'the server could not find the requested resource');

/** 404 for a missing named object. */
export const notFound = (resource: string, name: string): Reply =>
  statusReply(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });

/** 400 BadRequest with a message. */
export const badRequest = (message: string): Reply => statusReply(400, 'BadRequest', message);

/** 405 for a verb the simulator does not implement on a path. */
export const methodNotAllowed = (): Reply =>
  statusReply(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

/** 500 InternalError as an etcd failure would produce. */
export const internalError = (err: string): Reply =>
  statusReply(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] });

/** 503 ServiceUnavailable. */
export const unavailable = (message: string): Reply => statusReply(503, 'ServiceUnavailable', message);

/** 429 as API Priority and Fairness sends it: plain text with Retry-After, not a Status. */
export const throttled = (): Reply => ({
  code: 429,
  body: 'Too many requests, please try again later.\n',
  contentType: 'text/plain; charset=utf-8',
  headers: { 'Retry-After': '1', 'X-Content-Type-Options': 'nosniff' },
});

/** The message of a 410 for a stale continue token. */
export const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** A login page, as an SSO proxy in front of a cluster might answer. */
export const htmlLogin = (): Reply => ({
  code: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html>\n<html><head><title>Sign in - Example Corp SSO</title></head>\n<body><h1>Sign in to continue</h1>\n<form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form>\n</body></html>\n',
});
