/**
 * Enriches a Failure with the server's own answers: for a 403, who the server thinks you are
 * (SelfSubjectReview) and where you may list pods instead (access and rules reviews).
 */
import type { Failure } from '../failure.js';
import { act } from '../hint.js';
import { neutralize } from '../terminal-text.js';
import { findNamespacesAllowingPods } from './allowed-namespaces.js';
import type { KubeClient } from './types.js';

export interface DiagnoseContext {
  /** The namespace the failed request was about (undefined = all namespaces). */
  namespace?: string;
  /** The namespace of the context, checked with a rules review when namespaces cannot be listed. */
  contextNamespace?: string;
  signal?: AbortSignal;
  /**
   * Namespaces the caller knows of (the kubeconfig's contexts, those seen this session): checked
   * when the server will not list namespaces, and checked first when it does.
   */
  candidateNamespaces?: string[];
  /** At most this many namespaces are checked with access reviews (default 40). */
  maxNamespaces?: number;
}

/** Returns `f` with extra hints and detail from the server; never fails (checks that fail are skipped). */
export async function diagnose(f: Failure, client: KubeClient, ctx: DiagnoseContext = {}): Promise<Failure> {
  if (f.code !== 'authorization.forbidden') return f;
  const hints = [...f.hints];
  const details: string[] = f.detail ? [f.detail] : [];
  const who = await client.whoAmI(ctx.signal);
  if (who.ok) {
    const id = who.value;
    details.unshift(
      `The server knows you as "${neutralize(id.username ?? '(no name)')}"${id.groups.length ? `, in groups ${id.groups.map((g) => neutralize(g)).join(', ')}` : ''}.`,
    );
  } else {
    details.push('(Could not ask the server who you are: SelfSubjectReview is not allowed or not enabled.)');
  }
  const allowed: string[] = [];
  const nsList = await client.listNamespaces(ctx.signal);
  if (nsList.ok) {
    // The namespaces the caller already knows of (the session's) are checked first, then the rest of the list.
    const listed = new Set(nsList.value);
    const known = (ctx.candidateNamespaces ?? []).filter((n) => listed.has(n));
    const candidates = [...new Set([...known, ...nsList.value])].filter((n) => n !== ctx.namespace).slice(0, ctx.maxNamespaces ?? 40);
    const answers = await Promise.all(candidates.map(async (n) => ({ n, r: await client.canI('list', 'pods', n, ctx.signal) })));
    for (const { n, r } of answers) if (r.ok && r.value) allowed.push(n);
  } else {
    // The failing namespace is probed too: its rules review also lists the cluster-wide rules.
    const probe = [ctx.namespace, ctx.contextNamespace, ...(ctx.candidateNamespaces ?? []), 'default'].filter((n): n is string => !!n);
    const found = await findNamespacesAllowingPods(client, probe, ctx.signal, ctx.maxNamespaces ?? 40);
    allowed.push(...found.allowed.filter((n) => n !== ctx.namespace));
    if (!allowed.length) {
      hints.push(
        `The server does not let you list namespaces; kpods checked ${found.checked.length ? `the namespaces it knows of (${found.checked.join(', ')})` : 'no other namespace'} and may list pods in none of them. Ask your administrator which namespaces you may use.`,
      );
    }
  }
  if (ctx.namespace !== undefined) {
    const cluster = await client.canI('list', 'pods', undefined, ctx.signal);
    if (cluster.ok && cluster.value)
      hints.unshift(act('You may list pods in all namespaces: {}.', 'try -A', 'press n and choose all namespaces'));
  }
  if (allowed.length) {
    const shown =
      allowed
        .slice(0, 10)
        .map((n) => neutralize(n))
        .join(', ') + (allowed.length > 10 ? `, and ${allowed.length - 10} more` : '');
    const first = neutralize(allowed[0] ?? '');
    hints.unshift(act(`You may list pods in: ${shown} ({}).`, `e.g. -n ${first}`, `press n and choose ${first}`));
  }
  return { ...f, hints, ...(details.length ? { detail: details.join('\n') } : {}) };
}
