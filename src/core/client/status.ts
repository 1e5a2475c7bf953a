/**
 * HTTP error responses as Failures: 401, 403, 404, 410, 429, 5xx, and bodies that are not
 * Kubernetes at all. Classified by HTTP status and Status.reason codes, never by message text.
 */
import { failure, type Failure } from '../failure.js';
import { act } from '../hint.js';
import { neutralize } from '../terminal-text.js';
import type { HttpResponse } from './transport.js';

/** What a call is, for explanations: the API verb and resource (plural, as in RBAC), and the object when it has a name. */
export interface CallContext {
  verb: string;
  resource: string;
  namespace?: string;
  /** The object's name (get/delete of one object, a subresource of one object). */
  name?: string;
  /** e.g. "log" for GET pods/NAME/log. */
  subresource?: string;
}

/** A call plus what the pipeline knows about the request that was sent. */
interface RequestContext extends CallContext {
  /** Lines describing the credential that was sent (never the secret itself). */
  credential: string[];
  server: string;
}

/** A decoded metav1.Status (every field optional). */
interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { retryAfterSeconds?: number; causes?: Array<{ type?: string; reason?: string }> };
}

/** Parses JSON, returning undefined for anything that is not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when the body looks like a Kubernetes object (has a string kind). */
export function isKubeObject(v: Record<string, unknown> | undefined): v is Record<string, unknown> & { kind: string } {
  return !!v && typeof v['kind'] === 'string';
}

function contentType(res: HttpResponse): string {
  const raw = res.headers['content-type'];
  return (Array.isArray(raw) ? raw[0] : raw) ?? '';
}

function serverMessage(st: KubeStatus | undefined): string | undefined {
  return typeof st?.message === 'string' && st.message !== '' ? `The server said: ${neutralize(st.message.slice(0, 400))}` : undefined;
}

/** "pods" -> "pod": the singular of a resource for wording about one object. */
function singular(resource: string): string {
  if (resource.endsWith('ies')) return resource.slice(0, -3) + 'y';
  if (resource.endsWith('sses')) return resource.slice(0, -2);
  return resource.endsWith('s') ? resource.slice(0, -1) : resource;
}

/** One named object, e.g. `pod "web-1" in namespace "shop"`. */
function objectOf(ctx: CallContext & { name: string }): string {
  const ns = ctx.namespace ? ` in namespace "${neutralize(ctx.namespace)}"` : '';
  return `${singular(ctx.resource)} "${neutralize(ctx.name)}"${ns}`;
}

function what(ctx: RequestContext): string {
  if (ctx.name !== undefined) {
    const named = { ...ctx, name: ctx.name };
    return ctx.subresource ? `${ctx.verb} the ${ctx.subresource} of ${objectOf(named)}` : `${ctx.verb} ${objectOf(named)}`;
  }
  if (ctx.namespace) return `${ctx.verb} ${ctx.resource} in namespace "${ctx.namespace}"`;
  return ctx.resource === 'pods'
    ? `${ctx.verb} ${ctx.resource} in all namespaces (cluster scope)`
    : `${ctx.verb} ${ctx.resource} (cluster scope)`;
}

/** Describes a body that is not a Kubernetes answer. */
export function notKubernetes(res: HttpResponse, ctx: RequestContext): Failure {
  const ct = neutralize(contentType(res) || 'no content type');
  const html = /html/i.test(ct) || /^\s*<(!doctype|html)/i.test(res.body.slice(0, 200));
  return failure(
    'response.not-kubernetes',
    `The server at ${ctx.server} answered, but not like a Kubernetes API server (HTTP ${res.status}, ${ct}).`,
    [
      html
        ? 'It sent a web page (perhaps a login page or a corporate proxy): check the server URL in the kubeconfig and whether you must sign in through a VPN or an auth proxy first.'
        : 'Check that the server URL in the kubeconfig points at the API server itself, including any path prefix.',
    ],
    `first bytes: ${neutralize(res.body.slice(0, 120))}`,
  );
}

/** Classifies a non-2xx response. */
export function classifyStatus(res: HttpResponse, ctx: RequestContext): Failure {
  const obj = parseJsonObject(res.body);
  const st: KubeStatus | undefined = obj && obj['kind'] === 'Status' ? (obj as KubeStatus) : undefined;
  const said = serverMessage(st);
  const reason = typeof st?.reason === 'string' ? st.reason : undefined;
  const detailOf = (...lines: Array<string | undefined>): string | undefined => {
    const d = lines.filter((l): l is string => !!l).join('\n');
    return d === '' ? undefined : d;
  };
  if (res.status === 401) {
    return failure(
      'authentication.unauthorized',
      `The API server did not accept your credentials (401 Unauthorized) when trying to ${what(ctx)}.`,
      [
        ...(ctx.credential.length
          ? []
          : ['No credential was sent: the kubeconfig user has no token, certificate, exec plugin or auth-provider usable here.']),
        'The token may have expired or been revoked, or the certificate may not be trusted by this cluster: get fresh credentials (re-run your cloud login command, or ask for a new kubeconfig).',
        'Check that the context uses the user meant for this cluster (kubectl config get-contexts).',
      ],
      detailOf(ctx.credential.length ? `Sent: ${ctx.credential.join('; ')}` : 'Sent: no credential', said),
    );
  }
  if (res.status === 403) {
    return failure(
      'authorization.forbidden',
      `You are authenticated, but not allowed to ${what(ctx)} (403 Forbidden).`,
      [
        // A RoleBinding grants within one namespace: a request at cluster scope needs a ClusterRoleBinding.
        act(
          ctx.namespace || ctx.name !== undefined
            ? 'Ask a cluster administrator for a Role/RoleBinding that grants this, or use a namespace where you have access ({}).'
            : 'Ask a cluster administrator for a ClusterRole/ClusterRoleBinding that grants this (a RoleBinding covers one namespace only), or use a namespace where you have access ({}).',
          '-n NAMESPACE',
          'press n',
        ),
      ],
      detailOf(said),
    );
  }
  if (res.status === 404 && ctx.name !== undefined && st) {
    const ns = ctx.namespace ? ` in namespace "${neutralize(ctx.namespace)}"` : '';
    return failure(
      'response.not-found',
      `The ${singular(ctx.resource)} "${neutralize(ctx.name)}" was not found${ns} (404 Not Found).`,
      [
        ctx.verb === 'delete'
          ? 'It may have been deleted already; list again to see what is there now.'
          : 'Check the name and namespace; it may have been deleted or replaced (list again to see what is there now).',
      ],
      detailOf(said),
    );
  }
  if (res.status === 404) {
    return failure(
      'response.not-found',
      `The server has no ${ctx.resource} at this address (404 Not Found).`,
      ['Check the name and namespace, and that the server URL (with any path prefix) points at the Kubernetes API.'],
      detailOf(said),
    );
  }
  if (res.status === 410 || reason === 'Expired' || reason === 'Gone') {
    return failure(
      'response.gone',
      'The list changed too much while it was being read (410 Expired).',
      ['Run the command again to read a fresh list.'],
      detailOf(said),
    );
  }
  if (res.status === 429) {
    return failure(
      'response.throttled',
      'The API server is rate-limiting requests (429 Too Many Requests) and kept asking to try later.',
      ['Wait a little and try again; if it persists, other clients may be overloading the API server (API Priority and Fairness).'],
      detailOf(said ?? (st ? undefined : `The server said: ${neutralize(res.body.trim().slice(0, 200))}`)),
    );
  }
  if (res.status === 504 || reason === 'Timeout') {
    return failure(
      'response.timeout',
      `The API server timed out while serving the request (HTTP ${res.status}).`,
      ['Try again in a moment.'],
      detailOf(said),
    );
  }
  if (res.status >= 500) {
    if (!st && !obj) return notKubernetesOr5xx(res, ctx);
    return failure(
      'response.server-error',
      `The API server failed while serving the request (HTTP ${res.status}${reason ? ' ' + neutralize(reason) : ''}).`,
      ['This is a problem on the cluster side; try again, and tell the cluster administrator if it persists.'],
      detailOf(said),
    );
  }
  if (!st) return notKubernetes(res, ctx);
  if (ctx.name !== undefined)
    return failure(
      'response.invalid',
      `The API server refused to ${what(ctx)} (HTTP ${res.status}${reason ? ' ' + neutralize(reason) : ''}).`,
      [
        ctx.subresource === 'log'
          ? 'Check the container name, and that the container has started (or, for the previous log, that it ran before).'
          : 'Check the request and try again.',
      ],
      detailOf(said),
    );
  return failure(
    'response.invalid',
    `The API server rejected the request (HTTP ${res.status}${reason ? ' ' + neutralize(reason) : ''}).`,
    ['Check the selectors and flags you passed.'],
    detailOf(said),
  );
}

function notKubernetesOr5xx(res: HttpResponse, ctx: RequestContext): Failure {
  return failure(
    'response.server-error',
    `The server at ${ctx.server} failed while serving the request (HTTP ${res.status}).`,
    ['This is a problem on the cluster side or in a proxy in front of it; try again, and tell the cluster administrator if it persists.'],
    `first bytes: ${neutralize(res.body.trim().slice(0, 120))}`,
  );
}
