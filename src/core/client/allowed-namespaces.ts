/**
 * Where may the caller list pods, when the server will not list namespaces? Asks an access
 * review (and, where that fails, the rules review) for each known namespace; the cluster-wide
 * rules in a rules review may also name namespaces (a ClusterRole
 * granting `get` on `namespaces` with resourceNames, as OpenShift projects and Rancher do), and
 * every namespace found that way is checked too.
 */
import { neutralize } from '../terminal-text.js';
import type { KubeClient, ResourceRule } from './types.js';

const READ_VERBS = ['get', 'list', 'watch', '*'];

/** True when the rules allow listing pods. */
export function rulesAllowListPods(rules: ResourceRule[]): boolean {
  return rules.some(
    (r) =>
      (r.verbs.includes('list') || r.verbs.includes('*')) &&
      (r.apiGroups.includes('') || r.apiGroups.includes('*')) &&
      (r.resources.includes('pods') || r.resources.includes('*')),
  );
}

/** Namespace names that rules grant access to by name (`namespaces` with resourceNames). */
export function namespacesNamedByRules(rules: ResourceRule[]): string[] {
  const names: string[] = [];
  for (const r of rules) {
    if (!r.verbs.some((v) => READ_VERBS.includes(v))) continue;
    if (!(r.apiGroups.includes('') || r.apiGroups.includes('*'))) continue;
    if (!(r.resources.includes('namespaces') || r.resources.includes('*'))) continue;
    names.push(...r.resourceNames);
  }
  return names;
}

interface AllowedNamespaces {
  /** Namespaces where listing pods is allowed. */
  allowed: string[];
  /** Every namespace that was checked (for explanations), neutralised for display. */
  checked: string[];
}

/** Checks `known` namespaces (and those named by their rules) for permission to list pods. */
export async function findNamespacesAllowingPods(
  client: KubeClient,
  known: string[],
  signal?: AbortSignal,
  max = 40,
): Promise<AllowedNamespaces> {
  const queue = [...new Set(known.filter((n) => n !== ''))];
  const checked = new Set<string>();
  const allowed: string[] = [];
  while (queue.length && checked.size < max) {
    const batch = queue.splice(0, max - checked.size).filter((n) => !checked.has(n));
    batch.forEach((n) => checked.add(n));
    // An access review decides (rules reviews may be incomplete); the rules review names namespaces.
    const answers = await Promise.all(
      batch.map(async (n) => ({ n, can: await client.canI('list', 'pods', n, signal), r: await client.rules(n, signal) })),
    );
    for (const { n, can, r } of answers) {
      if (can.ok ? can.value : r.ok && rulesAllowListPods(r.value)) allowed.push(n);
      if (!r.ok) continue;
      for (const named of namespacesNamedByRules(r.value)) if (!checked.has(named) && !queue.includes(named)) queue.push(named);
    }
  }
  return { allowed, checked: [...checked].map((n) => neutralize(n)) };
}
