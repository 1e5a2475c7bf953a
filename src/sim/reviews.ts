/** SelfSubjectReview, SelfSubjectAccessReview and SelfSubjectRulesReview, from JSON or protobuf bodies. */
import type { AccessControl, Account, Attributes } from './access.js';
import { decodeAccessReviewSpec, decodeRulesReviewSpec, isProtobufEnvelope, unwrapEnvelope } from './protobuf.js';
import { badRequest, type Reply } from './status.js';

function created(body: unknown): Reply {
  return { code: 201, body: JSON.stringify(body) };
}

function parseSpec(body: Buffer, decode: (raw: Buffer) => Record<string, unknown>): Record<string, unknown> | string {
  try {
    if (isProtobufEnvelope(body)) return decode(unwrapEnvelope(body).raw);
    const parsed = JSON.parse(body.toString('utf8') || '{}') as { spec?: Record<string, unknown> };
    return parsed.spec ?? {};
  } catch (err) {
    return `the body of the request was in an unknown format: ${(err as Error).message}`;
  }
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

/** POST …/selfsubjectreviews. */
export function selfSubjectReview(who: Account, now: Date, version: string): Reply {
  const userInfo: Record<string, unknown> = { username: who.username };
  if (who.uid) userInfo['uid'] = who.uid;
  userInfo['groups'] = who.groups;
  return created({
    kind: 'SelfSubjectReview',
    apiVersion: `authentication.k8s.io/${version}`,
    metadata: { creationTimestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    status: { userInfo },
  });
}

/** POST …/selfsubjectaccessreviews. */
export function selfSubjectAccessReview(who: Account, access: AccessControl, body: Buffer): Reply {
  const spec = parseSpec(body, decodeAccessReviewSpec);
  if (typeof spec === 'string') return badRequest(spec);
  const ra = spec['resourceAttributes'] as Record<string, string> | undefined;
  const nra = spec['nonResourceAttributes'] as Record<string, string> | undefined;
  let attrs: Attributes;
  const echo: Record<string, unknown> = {};
  if (ra) {
    attrs = {
      kind: 'resource',
      verb: ra['verb'] ?? '',
      group: ra['group'] ?? '',
      resource: ra['resource'] ?? '',
      subresource: ra['subresource'] || undefined,
      namespace: ra['namespace'] || undefined,
      name: ra['name'] || undefined,
    };
    echo['resourceAttributes'] = compact(ra);
  } else if (nra) {
    attrs = { kind: 'path', verb: nra['verb'] ?? '', path: nra['path'] ?? '' };
    echo['nonResourceAttributes'] = compact(nra);
  } else {
    return {
      code: 422,
      body: JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        reason: 'Invalid',
        details: { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' },
        code: 422,
      }),
    };
  }
  const decision = access.authorize(who, attrs);
  return created({
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: echo,
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  });
}

/** POST …/selfsubjectrulesreviews. */
export function selfSubjectRulesReview(who: Account, access: AccessControl, body: Buffer): Reply {
  const spec = parseSpec(body, decodeRulesReviewSpec);
  if (typeof spec === 'string') return badRequest(spec);
  const namespace = String(spec['namespace'] ?? '');
  return created({
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: compact({ namespace }),
    status: access.rulesFor(who, namespace),
  });
}
