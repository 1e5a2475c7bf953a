/**
 * The permission pre-check: before offering a delete or a shell, kpods asks the server
 * (SelfSubjectAccessReview) and explains a "no" in one line naming the user and groups. The
 * answers are cached per namespace and action for a short time (the clock is injected).
 */
import type { Result } from '../failure.js';
import { neutralize } from '../terminal-text.js';

/** The actions whose permission kpods checks first. */
type CheckedAction = 'delete' | 'exec';

/** The access review for an action (verb, resource, subresource). */
export function reviewFor(action: CheckedAction, namespace: string, name?: string) {
  return action === 'delete'
    ? { verb: 'delete', resource: 'pods', namespace, ...(name ? { name } : {}) }
    : { verb: 'create', resource: 'pods', subresource: 'exec', namespace, ...(name ? { name } : {}) };
}

/** "you may not delete pods in shop: you are jane@example.com in groups developers". */
export function forbiddenExplanation(
  action: CheckedAction,
  namespace: string,
  who?: { username?: string; groups?: string[] },
  reason?: string,
): string {
  const what = action === 'delete' ? 'delete pods' : 'open a shell (create pods/exec)';
  const groups = (who?.groups ?? []).filter((g) => g !== 'system:authenticated');
  const user = who?.username ? `you are ${neutralize(who.username)}` : 'the server did not say who you are';
  const inGroups = who?.username ? (groups.length ? ` in groups ${groups.map(neutralize).join(', ')}` : ' in no groups') : '';
  const why = reason ? ` (${neutralize(reason)})` : '';
  return `you may not ${what} in ${neutralize(namespace)}: ${user}${inGroups}${why}`;
}

/** A short-lived cache of access-review answers, keyed by action and namespace. */
export class PermissionCache {
  private readonly answers = new Map<string, { at: number; allowed: boolean; reason?: string }>();
  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 30_000,
  ) {}

  /** The cached answer, or asks `review` (failures are not cached, and say nothing either way). */
  async check(
    action: CheckedAction,
    namespace: string,
    review: () => Promise<Result<{ allowed: boolean; reason?: string }>>,
  ): Promise<Result<{ allowed: boolean; reason?: string }>> {
    const key = `${action}\u0000${namespace}`;
    const hit = this.answers.get(key);
    if (hit && this.now() - hit.at < this.ttlMs)
      return { ok: true, value: hit.reason ? { allowed: hit.allowed, reason: hit.reason } : { allowed: hit.allowed } };
    const r = await review();
    if (r.ok) this.answers.set(key, { at: this.now(), ...r.value });
    return r;
  }

  /** Forgets every answer (context or user switched). */
  clear(): void {
    this.answers.clear();
  }
}
