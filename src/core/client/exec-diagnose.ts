/**
 * Why an exec could not start, asked of the server the way kubectl would learn it from the
 * refused upgrade: may the user create pods/exec, does the pod exist, has it finished, is the
 * container there and running. Also used before opening, to pick the container.
 */
import { failure, type Failure, type Result } from '../failure.js';
import type { Pod } from '../pods/pod-types.js';
import { neutralize } from '../terminal-text.js';

/** The client verbs the diagnosis uses (a part of KubeClient). */
interface ExecDiagnosisClient {
  accessReview(
    attrs: { verb: string; resource: string; namespace?: string; subresource?: string; name?: string; group?: string },
    signal?: AbortSignal,
  ): Promise<Result<{ allowed: boolean; reason?: string }>>;
  getPodObject(namespace: string, name: string, signal?: AbortSignal): Promise<Result<Pod>>;
}

/** Problems with the pod or container itself (no requests). */
export function containerProblem(pod: Pod, container: string | undefined): Failure | undefined {
  const name = neutralize(pod.metadata?.name ?? '');
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return failure(
      'response.container-not-running',
      `Pod ${name} has finished (${neutralize(phase)}): there is no container to open a shell in.`,
      ['Look at its logs instead, or start a copy with kubectl debug --copy-to.'],
    );
  if (!pod.spec?.nodeName)
    return failure('response.container-not-running', `Pod ${name} is not scheduled on a node yet, so none of its containers runs.`, [
      'See its events for why it is not scheduled.',
    ]);
  const names = (pod.spec?.containers ?? []).map((c) => c.name ?? '');
  const c = container ?? (names.length === 1 ? names[0] : undefined);
  if (c === undefined) return undefined;
  if (!names.includes(c))
    return failure('response.invalid', `Pod ${name} has no container ${neutralize(c)} (it has ${names.map(neutralize).join(', ')}).`, [
      'Pick one of its containers.',
    ]);
  const state = pod.status?.containerStatuses?.find((s) => s.name === c)?.state;
  if (state && !state.running) {
    const how = state.waiting
      ? `waiting: ${neutralize(state.waiting.reason ?? '')}`
      : state.terminated
        ? `terminated: ${neutralize(state.terminated.reason ?? 'exit ' + String(state.terminated.exitCode ?? '?'))}`
        : 'not running';
    return failure(
      'response.container-not-running',
      `Container ${neutralize(c)} of pod ${name} is not running (${how}), so there is nothing to open a shell in.`,
      ['Wait until it runs (see its status and events), or look at its logs instead.'],
    );
  }
  return undefined;
}

/** Asks the server why an exec upgrade was refused; undefined when nothing explains it. */
export async function diagnoseExec(
  client: ExecDiagnosisClient,
  target: { namespace: string; pod: string; container?: string },
  signal?: AbortSignal,
): Promise<Failure | undefined> {
  const review = await client.accessReview(
    { verb: 'create', resource: 'pods', subresource: 'exec', namespace: target.namespace, name: target.pod },
    signal,
  );
  if (review.ok && !review.value.allowed)
    return failure(
      'authorization.forbidden',
      `You are not allowed to open a shell in pod ${neutralize(target.pod)} in namespace ${neutralize(target.namespace)} (create pods/exec).`,
      ['Ask a cluster administrator for a Role that grants create on pods/exec in this namespace.'],
    );
  const pod = await client.getPodObject(target.namespace, target.pod, signal);
  if (!pod.ok) return pod.failure;
  return containerProblem(pod.value, target.container);
}
