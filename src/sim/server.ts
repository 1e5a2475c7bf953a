/**
 * The simulator's HTTPS request handler: scenario prefixes and faults, authorisation, and routing
 * to discovery, pods, namespaces, watches and access reviews (who is asking: authn.ts; writing the
 * reply: respond.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster, Fault } from './cluster.js';
import { forbiddenMessage, type AccessControl, type Account, type Attributes } from './access.js';
import { authenticate, impersonate, type Credentials } from './authn.js';
import { baseHeaders, readBody, send } from './respond.js';
import * as st from './status.js';
import { negotiate, queryBool } from './negotiate.js';
import { apiGroupList, apiVersions, coreResources, groupResources, versionInfo } from './discovery.js';
import { getPod, listPods, namespaces } from './lists.js';
import { watchNamespaces, watchPods } from './watch.js';
import { deletePod } from './delete.js';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews.js';
import type { SimMetrics } from './metrics.js';
import { isMetricsPath, metricsAttributes, serveMetrics, withMetricsGroup } from './metrics-api.js';
import { eventsRoute } from './events.js';
import type { PodLogs } from './logs.js';

/** Requests served and bytes sent since start; requests per URL path (the first 10,000 paths). */
export interface SimStats {
  requests: number;
  bytes: number;
  paths: Map<string, number>;
}

/** What the handler needs. */
export interface HandlerContext {
  cluster: Cluster;
  access: AccessControl;
  credentials: Credentials;
  /** Faults tied to a scenario path prefix (/s/<name>/…). */
  scenarioFaults: Record<string, Fault>;
  serverAddress: () => string;
  now: () => Date;
  bookmarkIntervalMs: number;
  /** Counts served requests (for the benchmarks and tests). */
  stats: SimStats;
  /** The simulated metrics-server (absent from discovery when not given, or for the /s/no-metrics prefix). */
  metrics?: SimMetrics;
  /** Container logs (pods/log). */
  logs: PodLogs;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

/** Returns the request handler bound to a context. */
export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  let flakyCounter = 0;
  return (req, res) => {
    ctx.stats.requests++;
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(req, res, st.internalError(err instanceof Error ? err.message : String(err)), ctx.stats, false);
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    let path = url.pathname;
    const served = ctx.stats.paths;
    if (served.size < 10_000 || served.has(path)) served.set(path, (served.get(path) ?? 0) + 1);
    let fault: Fault | undefined;
    const prefix = /^\/s\/([\w-]+)(\/.*)?$/.exec(path);
    if (prefix) {
      fault = ctx.scenarioFaults[prefix[1]!];
      path = prefix[2] ?? '/';
    }
    fault ??= ctx.cluster.fault ?? undefined;
    const nsMatch = /^\/api\/v1\/namespaces\/([^/]+)\/pods/.exec(path);
    if (!fault && nsMatch) fault = ctx.cluster.namespaceFault(decodeURIComponent(nsMatch[1]!));
    let reset = false;
    if (fault === 'slow') await new Promise((r) => setTimeout(r, ctx.cluster.slowMs));
    else if (fault === 'html') return send(req, res, st.htmlLogin(), ctx.stats, false);
    else if (fault === 'throttle') return send(req, res, st.throttled(), ctx.stats, false);
    else if (fault === 'server-error') return send(req, res, st.internalError('etcdserver: request timed out'), ctx.stats, false);
    else if (fault === 'unavailable')
      return send(req, res, st.unavailable('the server is currently unable to handle the request'), ctx.stats, false);
    else if (fault === 'flaky' && flakyCounter++ % 2 === 0)
      return send(req, res, st.internalError('etcdserver: leader changed'), ctx.stats, false);
    else if (fault === 'reset') reset = true;
    const reply = await route(req, res, path, url.searchParams, prefix?.[1]);
    if (reply) send(req, res, reply, ctx.stats, reset);
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    params: URLSearchParams,
    scenario: string | undefined,
  ): Promise<st.Reply | undefined> {
    const who = authenticate(req, ctx.credentials);
    if (who === 'invalid') return st.unauthorized();
    const method = req.method ?? 'GET';
    const verbOf = (named: boolean) => (queryBool(params, 'watch') ? 'watch' : named ? 'get' : 'list');
    if (who === undefined && !(PUBLIC_PATHS.has(path) && method === 'GET')) return st.unauthorized();
    const caller: Account = who ?? { username: 'system:anonymous', groups: ['system:unauthenticated'] };
    const acting = who ? impersonate(req, who, ctx.access) : caller;
    if ('kind' in acting)
      return st.statusReply(403, 'Forbidden', forbiddenMessage(caller, acting), {
        name: (acting as { name?: string }).name,
        kind: (acting as { resource: string }).resource,
      });
    const account: Account = acting;
    const allow = (a: Attributes): st.Reply | undefined => {
      if (ctx.access.authorize(account, a).allowed) return undefined;
      const details: Record<string, unknown> = {};
      if (a.kind === 'resource') {
        if (a.name) details['name'] = a.name;
        if (a.group) details['group'] = a.group;
        details['kind'] = a.resource;
      }
      return st.statusReply(403, 'Forbidden', forbiddenMessage(account, a), details);
    };
    const neg = negotiate(req.headers.accept);
    const segs = path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const now = ctx.now();
    const metricsMode = !ctx.metrics || scenario === 'no-metrics' ? 'absent' : ctx.metrics.mode;

    if (ctx.metrics && isMetricsPath(segs)) {
      if (method !== 'GET') return st.methodNotAllowed();
      const a = metricsAttributes(segs);
      const denied =
        a === undefined || a === 'discovery'
          ? allow({ kind: 'path', verb: 'get', path })
          : allow({ kind: 'resource', group: 'metrics.k8s.io', ...a });
      return denied ?? serveMetrics(ctx.metrics, metricsMode, ctx.cluster, segs, params, now);
    }

    // Non-resource endpoints.
    if ((segs[0] !== 'api' && segs[0] !== 'apis') || segs.length <= (segs[0] === 'api' ? 2 : 3)) {
      if (method !== 'GET' && method !== 'HEAD') return st.methodNotAllowed();
      const denied = allow({ kind: 'path', verb: 'get', path });
      if (denied) return denied;
      if (path === '/livez' || path === '/readyz' || path === '/healthz')
        return { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8', headers: { 'X-Content-Type-Options': 'nosniff' } };
      if (path === '/version' || path === '/version/') return { code: 200, body: JSON.stringify(versionInfo(), null, 2) };
      if (path === '/api') return { code: 200, body: JSON.stringify(apiVersions(ctx.serverAddress())) };
      if (path === '/apis') return { code: 200, body: JSON.stringify(withMetricsGroup(apiGroupList(), metricsMode)) };
      if (path === '/api/v1') return { code: 200, body: JSON.stringify(coreResources()) };
      if (segs[0] === 'apis' && segs.length === 3) {
        const doc = groupResources(segs[1]!, segs[2]!);
        if (doc) return { code: 200, body: JSON.stringify(doc) };
      }
      return st.notFoundPath();
    }

    // Access reviews.
    if (segs[0] === 'apis' && method === 'POST' && segs.length === 4) {
      const [, group, version, resource] = segs as [string, string, string, string];
      const denied = allow({ kind: 'resource', verb: 'create', group, resource });
      if (group === 'authentication.k8s.io' && resource === 'selfsubjectreviews' && version === 'v1') {
        return denied ?? selfSubjectReview(account, now, version);
      }
      if (group === 'authorization.k8s.io' && version === 'v1') {
        const body = await readBody(req);
        if (resource === 'selfsubjectaccessreviews') return denied ?? selfSubjectAccessReview(account, ctx.access, body);
        if (resource === 'selfsubjectrulesreviews') return denied ?? selfSubjectRulesReview(account, ctx.access, body);
      }
      return st.notFoundPath();
    }
    if (segs[0] !== 'api' || segs[1] !== 'v1') return st.notFoundPath();
    if (method === 'DELETE' && segs.length === 6 && segs[2] === 'namespaces' && segs[4] === 'pods') {
      const [ns, name] = [segs[3]!, segs[5]!];
      return (
        allow({ kind: 'resource', verb: 'delete', group: '', resource: 'pods', namespace: ns, name }) ??
        deletePod(ctx.cluster, ctx.now, ns, name, params, await readBody(req))
      );
    }
    if (method !== 'GET') return st.methodNotAllowed();
    if (!neg) {
      return st.statusReply(
        406,
        'NotAcceptable',
        'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      );
    }
    const rest = segs.slice(2);
    // /api/v1/pods
    if (rest.length === 1 && rest[0] === 'pods') {
      const denied = allow({ kind: 'resource', verb: verbOf(false), group: '', resource: 'pods' });
      if (denied) return denied;
      if (queryBool(params, 'watch')) return watchPods(ctx.cluster, undefined, params, neg, res, watchOpts(), baseHeaders());
      return listPods(ctx.cluster, undefined, params, neg, now);
    }
    const events = eventsRoute(rest, params, neg, now, ctx.cluster, allow, verbOf);
    if (events) return events;
    if (rest[0] === 'namespaces') {
      const ns = rest[1];
      if (rest.length <= 2) {
        const denied = allow({ kind: 'resource', verb: verbOf(ns !== undefined), group: '', resource: 'namespaces', name: ns });
        if (denied) return denied;
        if (queryBool(params, 'watch')) return watchNamespaces(ctx.cluster, params, neg, res, watchOpts(), baseHeaders());
        return namespaces(ctx.cluster, ns, params, neg, now);
      }
      if (rest[2] === 'pods' && rest[4] === 'log' && rest.length === 5 && ns !== undefined) {
        const attrs = {
          kind: 'resource',
          verb: 'get',
          group: '',
          resource: 'pods',
          subresource: 'log',
          namespace: ns,
          name: rest[3],
        } as const;
        return allow(attrs) ?? ctx.logs.serve(ns, rest[3]!, params, res, baseHeaders());
      }
      if (rest[2] === 'pods' && rest.length <= 4 && ns !== undefined) {
        const name = rest[3];
        const denied = allow({ kind: 'resource', verb: verbOf(name !== undefined), group: '', resource: 'pods', namespace: ns, name });
        if (denied) return denied;
        if (name !== undefined) return getPod(ctx.cluster, ns, name, params, neg, now);
        if (queryBool(params, 'watch')) return watchPods(ctx.cluster, ns, params, neg, res, watchOpts(), baseHeaders());
        return listPods(ctx.cluster, ns, params, neg, now);
      }
    }
    return st.notFoundPath();
  }

  function watchOpts() {
    return { bookmarkIntervalMs: ctx.bookmarkIntervalMs, defaultTimeoutSeconds: 1800, now: ctx.now };
  }
}
