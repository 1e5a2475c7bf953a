/**
 * Authentication and RBAC-like authorisation for the simulator: accounts (client certificate,
 * token, basic), bindings of rules to users or groups (cluster-wide or per namespace), and the
 * answers of access reviews, all derived from the same grants.
 */

/** An authenticated caller. */
export interface Account {
  username: string;
  uid?: string;
  groups: string[];
}

/** One RBAC rule. */
export interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A (Cluster)RoleBinding: rules granted to a user or group, in one namespace or cluster-wide. */
export interface Binding {
  /** The binding's name (appears in SSAR reasons). */
  name: string;
  /** The (Cluster)Role's name. */
  role: string;
  subject: { kind: 'User' | 'Group'; name: string };
  /** A RoleBinding's namespace; undefined for a ClusterRoleBinding. */
  namespace?: string;
  rules: Rule[];
}

/** What a request asks to do. */
export type Attributes =
  | {
      kind: 'resource';
      verb: string;
      group: string;
      resource: string;
      subresource?: string | undefined;
      namespace?: string | undefined;
      name?: string | undefined;
    }
  | { kind: 'path'; verb: string; path: string };

const READ = ['get', 'list', 'watch'];

/** The bindings every simulated cluster starts with. */
function defaultBindings(): Binding[] {
  return [
    {
      name: 'cluster-admin',
      role: 'cluster-admin',
      subject: { kind: 'Group', name: 'system:masters' },
      rules: [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ],
    },
    {
      name: 'system:basic-user',
      role: 'system:basic-user',
      subject: { kind: 'Group', name: 'system:authenticated' },
      rules: [
        { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
        { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
      ],
    },
    {
      name: 'system:discovery',
      role: 'system:discovery',
      subject: { kind: 'Group', name: 'system:authenticated' },
      rules: [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/livez',
            '/openapi',
            '/openapi/*',
            '/readyz',
            '/version',
            '/version/',
          ],
        },
      ],
    },
    {
      name: 'system:public-info-viewer',
      role: 'system:public-info-viewer',
      subject: { kind: 'Group', name: 'system:unauthenticated' },
      rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }],
    },
    {
      name: 'dev-pods',
      role: 'pod-reader',
      namespace: 'shop',
      subject: { kind: 'Group', name: 'developers' },
      // Developers may look and open a shell in shop, but not delete there (kpods explains the refusal).
      rules: [
        { verbs: READ, apiGroups: [''], resources: ['pods', 'pods/log'] },
        { verbs: ['create', 'get'], apiGroups: [''], resources: ['pods/exec'] },
      ],
    },
    // As OpenShift projects and Rancher grant: members may get their own namespace by name, which
    // makes it visible in every rules review (the developers' only way to learn where they belong).
    {
      name: 'dev-namespace-shop',
      role: 'namespace-shop-viewer',
      subject: { kind: 'Group', name: 'developers' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['shop'] }],
    },
    {
      name: 'viewers',
      role: 'view',
      subject: { kind: 'Group', name: 'viewers' },
      rules: [{ verbs: READ, apiGroups: [''], resources: ['pods', 'pods/log', 'namespaces'] }],
    },
  ];
}

function matches(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === value);
}

function pathMatches(list: string[] | undefined, path: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === path || (x.endsWith('*') && path.startsWith(x.slice(0, -1))));
}

function ruleAllows(rule: Rule, a: Attributes): boolean {
  if (!matches(rule.verbs, a.verb)) return false;
  if (a.kind === 'path') return pathMatches(rule.nonResourceURLs, a.path);
  if (!rule.resources) return false;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (!matches(rule.apiGroups, a.group) || !matches(rule.resources, resource)) return false;
  return !rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name));
}

function applies(b: Binding, who: Account): boolean {
  return b.subject.kind === 'User' ? b.subject.name === who.username : who.groups.includes(b.subject.name);
}

function describe(b: Binding): string {
  const role = b.namespace ? `Role "${b.role}"` : `ClusterRole "${b.role}"`;
  const where = b.namespace ? `RoleBinding "${b.name}/${b.namespace}"` : `ClusterRoleBinding "${b.name}"`;
  return `RBAC: allowed by ${where} of ${role} to ${b.subject.kind} "${b.subject.name}"`;
}

/** The bindings and their decisions. */
export class AccessControl {
  constructor(readonly bindings: Binding[] = defaultBindings()) {}

  /** Adds a binding (replacing one of the same name and namespace). */
  bind(binding: Binding): void {
    this.unbind(binding.name, binding.namespace);
    this.bindings.push(binding);
  }

  /** Removes a binding. */
  unbind(name: string, namespace?: string): void {
    const i = this.bindings.findIndex((b) => b.name === name && b.namespace === namespace);
    if (i >= 0) this.bindings.splice(i, 1);
  }

  /** Decides a request; `reason` is RBAC's description of the allowing binding. */
  authorize(who: Account, a: Attributes): { allowed: boolean; reason?: string } {
    for (const b of this.bindings) {
      if (!applies(b, who)) continue;
      if (b.namespace !== undefined && (a.kind === 'path' || a.namespace !== b.namespace)) continue;
      if (b.rules.some((r) => ruleAllows(r, a))) return { allowed: true, reason: describe(b) };
    }
    return { allowed: false };
  }

  /** SelfSubjectRulesReview status for a namespace. */
  rulesFor(who: Account, namespace: string): { resourceRules: unknown[]; nonResourceRules: unknown[]; incomplete: boolean } {
    const resourceRules: unknown[] = [];
    const nonResourceRules: unknown[] = [];
    for (const b of this.bindings) {
      if (!applies(b, who) || (b.namespace !== undefined && b.namespace !== namespace)) continue;
      for (const r of b.rules) {
        if (r.nonResourceURLs) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
        else {
          resourceRules.push({
            verbs: r.verbs,
            apiGroups: r.apiGroups ?? [],
            resources: r.resources ?? [],
            ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
          });
        }
      }
    }
    return { resourceRules, nonResourceRules, incomplete: false };
  }
}

/** kube-apiserver's 403 message for a denied request (forbiddenMessage + NewForbidden). */
export function forbiddenMessage(who: Account, a: Attributes): string {
  if (a.kind === 'path') return `forbidden: User "${who.username}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const what = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${what} "${a.name}"` : what;
  return `${subject} is forbidden: User "${who.username}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
}
