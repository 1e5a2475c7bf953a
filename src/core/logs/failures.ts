/**
 * Log failures explained for the log view. The client classifies a log request like any other
 * (403, 404, 400 with the server's words in the detail); here they become log answers: a
 * container still waiting (with its reason), no previous container (it has not restarted), the
 * pod gone while it was followed, and which permission a 403 lacks. The container's state from
 * the pod decides where it is known; the kubelet's fixed 400 texts are the fallback.
 */
import { failure, type Failure } from '../failure.js';
import { neutralize } from '../terminal-text.js';
import { hintText } from '../hint.js';

/** What was asked, and what is known of the container. */
export interface LogFailureContext {
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
  /** True when the log had been streaming before this failure (a 404 then means the pod went away). */
  afterStream?: boolean;
  /** The container's state from the pod, when known. */
  state?: { waitingReason?: string; waitingMessage?: string; hasPrevious?: boolean } | undefined;
}

const WAITING = /^The server said: container "[^"]*" in pod "[^"]*" is waiting to start(?::| -) (.*)$/m;
const NO_PREVIOUS = /^The server said: previous terminated container "[^"]*" in pod "[^"]*" not found$/m;

/** The log-specific explanation of a failure from openLog (others are returned unchanged). */
export function explainLogFailure(f: Failure, ctx: LogFailureContext): Failure {
  const pod = neutralize(ctx.pod);
  const ns = neutralize(ctx.namespace);
  const c = ctx.container ? neutralize(ctx.container) : undefined;
  const whose = c ? `container "${c}" of pod ${pod}` : `pod ${pod}`;
  if (f.code === 'authorization.forbidden') {
    return failure(
      'authorization.forbidden',
      `You may see pod ${pod} but not read its log: reading logs needs "get" on "pods/log" in namespace ${ns} (403 Forbidden).`,
      [
        'Ask a cluster administrator for a Role with get on pods/log in this namespace (the "view" ClusterRole grants it).',
        ...f.hints.filter((h) => !hintText(h, 'cli').startsWith('Ask a cluster administrator')),
      ],
      f.detail,
    );
  }
  if (f.code === 'response.not-found') {
    return failure(
      'response.pod-gone',
      ctx.afterStream ? `Pod ${pod} was deleted while its log was open.` : `Pod ${pod} was not found in namespace ${ns}.`,
      ctx.afterStream
        ? ['Its controller may have replaced it: press Esc and open the log of the new pod.']
        : ['It may have been deleted: press Esc to go back to the refreshed list.'],
      f.detail,
    );
  }
  if (f.code !== 'response.invalid') return f;
  const said = f.detail ?? '';
  const waiting = ctx.state?.waitingReason ?? WAITING.exec(said)?.[1];
  if (!ctx.previous && waiting !== undefined) {
    const reason = neutralize(waiting);
    return failure(
      'response.container-waiting',
      `The ${whose} has not started yet (${reason}), so it has no log to show.`,
      [
        /pull|image/i.test(reason)
          ? "The image cannot be pulled: check the image name and tag, and the pull secret; the pod's events say why."
          : "Wait for it to start (the log is retried); if it stays waiting, the pod's events say why.",
        ...(ctx.state?.waitingMessage ? [`The kubelet says: ${neutralize(ctx.state.waitingMessage)}`] : []),
      ],
      said || undefined,
    );
  }
  if (ctx.previous && (ctx.state?.hasPrevious === false || NO_PREVIOUS.test(said))) {
    return failure(
      'response.no-previous-container',
      `There is no previous log: the ${whose} has not restarted.`,
      ['Press p again to go back to the current log.'],
      said || undefined,
    );
  }
  return f;
}

/** True for failures a retry cannot fix (the view stops trying). */
export function isFinalLogFailure(f: Failure): boolean {
  if (f.code === 'response.container-waiting') return false;
  return f.stage !== 'connection' && !['response.server-error', 'response.throttled', 'response.timeout'].includes(f.code);
}

/** What finding the namespaces where logs may be read needs (the client's accessReview, the known namespaces). */
export interface LogAccessDeps {
  accessReview(
    attrs: { verb: string; resource: string; namespace?: string; subresource?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<{ ok: true; value: { allowed: boolean } } | { ok: false }>;
  /** Namespaces worth checking (the namespace list, or those the session knows of). */
  namespaces(signal?: AbortSignal): Promise<string[]>;
}

/** Adds to a pods/log 403 where reading logs is allowed (access reviews, at most `max` namespaces). */
export async function whereLogsAllowed(
  f: Failure,
  deps: LogAccessDeps,
  ctx: LogFailureContext,
  signal?: AbortSignal,
  max = 40,
): Promise<Failure> {
  if (f.code !== 'authorization.forbidden') return f;
  const candidates = (await deps.namespaces(signal)).filter((n) => n !== ctx.namespace).slice(0, max);
  const answers = await Promise.all(
    candidates.map(async (n) => ({
      n,
      r: await deps.accessReview({ verb: 'get', resource: 'pods', subresource: 'log', namespace: n }, signal),
    })),
  );
  const allowed = answers.filter((a) => a.r.ok && a.r.value.allowed).map((a) => neutralize(a.n));
  const hint = allowed.length
    ? `You may read logs in: ${allowed.slice(0, 10).join(', ')}${allowed.length > 10 ? `, and ${allowed.length - 10} more` : ''}.`
    : `You may read logs in none of the ${candidates.length} other namespaces kpods checked.`;
  return { ...f, hints: [hint, ...f.hints] };
}
