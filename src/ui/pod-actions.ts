/**
 * Delete and kill, from key to result, without the screens: refuse in read-only mode, ask the
 * server first whether the user may delete pods in each namespace (cached briefly) and explain a
 * "no" instead of confirming, read each pod to say what will happen, then delete each pod and
 * report each result. Also the container choice for a shell.
 */
import {
  confirmation,
  forbiddenExplanation,
  podFacts,
  resultLine,
  reviewFor,
  type ActionPlace,
  type Confirmation,
  type PermissionCache,
  type PodAction,
  type PodFacts,
} from '../core/actions/index.js';
import { containerProblem } from '../core/client/exec-diagnose.js';
import type { Failure, Result } from '../core/failure.js';
import type { Pod } from '../core/pods/pod-types.js';
import { neutralize } from '../core/terminal-text.js';

/** The client verbs actions use (a part of KubeClient). */
export interface ActionClient {
  deletePod(
    namespace: string,
    name: string,
    opts?: { gracePeriodSeconds?: number },
    signal?: AbortSignal,
  ): Promise<Result<Pod | undefined>>;
  accessReview(
    attrs: { verb: string; resource: string; namespace?: string; subresource?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<Result<{ allowed: boolean; reason?: string }>>;
  getPodObject(namespace: string, name: string, signal?: AbortSignal): Promise<Result<Pod>>;
  whoAmI(signal?: AbortSignal): Promise<Result<{ username?: string; groups: string[] }>>;
}

export interface ActionDeps {
  client: ActionClient;
  place: ActionPlace;
  readonly: boolean;
  permissions: PermissionCache;
  signal?: AbortSignal;
}

/** A pod the user pointed at (the selected row, or the marked ones). */
export interface PodRef {
  namespace: string;
  name: string;
}

/** What happened to one pod. */
export interface ActionResult {
  pod: PodRef;
  ok: boolean;
  line: string;
}

/** What the key leads to. */
type Prepared = { kind: 'confirm'; confirmation: Confirmation; run: () => Promise<ActionResult[]> } | { kind: 'explain'; text: string };

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** May the user `action` in every namespace of `pods`? The explanation of the first "no", if any. */
async function permissionProblem(deps: ActionDeps, check: 'delete' | 'exec', pods: readonly PodRef[]): Promise<string | undefined> {
  for (const ns of [...new Set(pods.map((p) => p.namespace))]) {
    const attrs = reviewFor(check, ns, check === 'exec' ? pods[0]?.name : undefined);
    const r = await deps.permissions.check(check, ns, () => deps.client.accessReview(attrs, deps.signal));
    // A review that fails says nothing: the action itself will be explained if it fails.
    if (!r.ok || r.value.allowed) continue;
    const who = await deps.client.whoAmI(deps.signal);
    return forbiddenExplanation(check, ns, who.ok ? who.value : undefined);
  }
  return undefined;
}

/** Prepares a delete or kill of `pods`: an explanation, or a confirmation whose `run` acts and reports. */
export async function prepareDelete(deps: ActionDeps, action: PodAction, pods: readonly PodRef[]): Promise<Prepared> {
  if (deps.readonly) return { kind: 'explain', text: 'read-only mode: kpods does not delete or kill pods here' };
  if (pods.length === 0) return { kind: 'explain', text: 'no pod selected' };
  const denied = await permissionProblem(deps, 'delete', pods);
  if (denied) return { kind: 'explain', text: denied };
  const read = await mapLimited(pods, 8, (p) => deps.client.getPodObject(p.namespace, p.name, deps.signal));
  const facts: PodFacts[] = [];
  const gone: string[] = [];
  read.forEach((r, i) => {
    const ref = pods[i]!;
    if (r.ok) facts.push(podFacts(r.value, ref));
    else if (r.failure.code === 'response.not-found') gone.push(ref.name);
    else facts.push({ ...ref, graceSeconds: 30, terminating: false, immediate: false });
  });
  if (facts.length === 0) return { kind: 'explain', text: `already gone: ${gone.map(neutralize).join(', ')}` };
  const c = confirmation(action, facts, deps.place);
  if (gone.length) c.lines.push(`already gone: ${gone.map(neutralize).join(', ')}`);
  return {
    kind: 'confirm',
    confirmation: c,
    run: () => deletePods(deps, action, facts),
  };
}

/** Deletes each pod (grace 0 for kill); one result per pod, in order. */
async function deletePods(deps: ActionDeps, action: PodAction, pods: readonly PodRef[]): Promise<ActionResult[]> {
  const ref = (p: PodRef): PodRef => ({ namespace: p.namespace, name: p.name });
  if (deps.readonly)
    return pods.map((p) => ({ pod: ref(p), ok: false, line: resultLine(action, p.name, { ok: false, summary: 'read-only mode' }) }));
  return mapLimited(pods, 8, async (p) => {
    const r = await deps.client.deletePod(p.namespace, p.name, action === 'kill' ? { gracePeriodSeconds: 0 } : {}, deps.signal);
    return { pod: ref(p), ok: r.ok, line: resultLine(action, p.name, r.ok ? { ok: true } : { ok: false, summary: r.failure.summary }) };
  });
}

/** The containers a shell can open in, or why none can. */
export async function shellTargets(
  deps: Pick<ActionDeps, 'client' | 'signal' | 'readonly' | 'permissions'>,
  pod: PodRef,
): Promise<Result<{ containers: string[]; running: string[] }>> {
  if (deps.readonly) return { ok: false, failure: explained('read-only mode: kpods does not open shells here') };
  const denied = await permissionProblem({ ...deps, place: { context: '', cluster: '', server: '' } }, 'exec', [pod]);
  if (denied) return { ok: false, failure: explained(denied) };
  const r = await deps.client.getPodObject(pod.namespace, pod.name, deps.signal);
  if (!r.ok) return r;
  const containers = (r.value.spec?.containers ?? []).map((c) => c.name ?? '').filter((n) => n !== '');
  const running = containers.filter((c) => !containerProblem(r.value, c));
  const problem = containerProblem(r.value, containers.length === 1 ? containers[0] : undefined);
  if (problem || running.length === 0) return { ok: false, failure: problem ?? containerProblem(r.value, containers[0])! };
  return { ok: true, value: { containers, running } };
}

function explained(summary: string): Failure {
  return { stage: 'authorization', code: 'authorization.forbidden', summary, hints: [] };
}

/** The command for --shell (split on spaces; default /bin/sh). */
export function shellCommand(shell: string | undefined): string[] {
  const words = (shell ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.length ? words : ['/bin/sh'];
}
