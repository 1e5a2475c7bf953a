/**
 * The health of one context: the `kpods trace` pipeline (kubeconfig, credentials, connection,
 * authentication, authorization for listing pods in the context's namespace) reduced to one
 * result. The failure fields are the failing stage's, exactly as `kpods trace -o json` gives them.
 */
import type { Stage } from '../failure.js';
import { failure } from '../failure.js';
import type { Host, Target } from '../target.js';
import type { LoadedKubeconfig, TargetOverrides } from '../kubeconfig/index.js';
import { resolveTarget } from '../kubeconfig/index.js';
import { neutralize } from '../terminal-text.js';
import type { ClientDeps } from '../client/deps.js';
import { createKubeClient } from '../client/client.js';
import { traceKubeconfigFailure, traceTarget, type TraceReport, type TraceStage } from '../client/trace.js';

export type CheckResult = 'ok' | 'failed' | 'skipped';

/** One context's answer. Failure fields are set when `result` is 'failed' (stage and summary also when skipped). */
export interface ContextCheck {
  name: string;
  current: boolean;
  cluster: string;
  user: string;
  namespace: string;
  result: CheckResult;
  stage?: Stage;
  code?: string;
  summary?: string;
  hints: string[];
  /** Who the server says the user is. */
  identity?: string;
  /** Pods in the namespace (`podsEstimate`: a lower bound, the server gave no remainingItemCount). */
  pods?: number;
  podsEstimate?: boolean;
  ms: number;
}

export interface CheckContextOptions {
  config: LoadedKubeconfig;
  host: Host;
  /** Client dependencies (the checker adds its shared pools and the time limits). */
  clientDeps: ClientDeps;
  /** Overrides applied to every context (e.g. --namespace); the context itself comes from the list. */
  overrides?: Omit<TargetOverrides, 'context'>;
  /** Whether a terminal could be handed to a plugin (decides IfAvailable plugins). */
  terminal: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  candidateNamespaces?: string[];
}

/** The exec plugin mode that decides whether a context is checked: plugins that need a terminal are not run. */
export function needsTerminal(target: Target, terminal: boolean): boolean {
  const a = target.auth;
  const e = a.exec;
  // kubectl's precedence: any of these is sent instead of running the plugin.
  if (!e || a.token || a.tokenFile || a.username || a.password || a.authProvider) return false;
  const mode = e.interactiveMode || (e.apiVersion.endsWith('/v1') ? undefined : 'IfAvailable');
  return mode === 'Always' || (mode === 'IfAvailable' && !terminal);
}

/** The message of a skipped context. */
export function skippedSummary(context: string): string {
  return `needs a terminal (run kpods trace --context ${neutralize(context)})`;
}

/** Reduces a trace to the check's fields: the first failed stage, or identity and pod count. */
export function fromTrace(
  report: TraceReport,
): Pick<ContextCheck, 'result' | 'stage' | 'code' | 'summary' | 'hints' | 'identity' | 'pods' | 'podsEstimate'> {
  const failed: TraceStage | undefined = report.stages.find((s) => s.status === 'failed');
  if (failed)
    return {
      result: 'failed',
      stage: failed.name,
      ...(failed.code ? { code: failed.code } : {}),
      summary: failed.summary,
      hints: failed.hints,
    };
  return {
    result: 'ok',
    hints: [],
    ...(report.identity !== undefined ? { identity: report.identity } : {}),
    ...(report.pods ? { pods: report.pods.count, podsEstimate: report.pods.estimate } : {}),
  };
}

/** Checks one context within `timeoutMs`; aborting `signal` stops its requests and plugin process. */
export async function checkContext(name: string, opts: CheckContextOptions): Promise<ContextCheck> {
  const clock = (): number => opts.host.now().getTime();
  const t0 = clock();
  const entry = opts.config.contexts.find((c) => c.name === name);
  const base = {
    name,
    current: opts.config.currentContext === name,
    cluster: entry?.fields.cluster ?? '',
    user: entry?.fields.user ?? '',
    namespace: opts.overrides?.namespace || entry?.fields.namespace || 'default',
  };
  const resolved = resolveTarget(opts.config, { ...(opts.overrides ?? {}), context: name }, opts.host);
  if (!resolved.ok) return { ...base, ...fromTrace(traceKubeconfigFailure(resolved.failure, clock() - t0, name)), ms: clock() - t0 };
  const target = resolved.value;
  const info = { ...base, namespace: target.namespace };
  if (needsTerminal(target, opts.terminal))
    return { ...info, result: 'skipped', stage: 'credentials', summary: skippedSummary(name), hints: [], ms: 0 };

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onAbort = (): void => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();
  // As `kpods trace`: a 15 s request limit unless the kubeconfig or flags set one, here never beyond the check's limit.
  const requestTimeoutMs = Math.min(target.requestTimeoutMs ?? 15_000, opts.timeoutMs);
  const client = createKubeClient(
    { ...target, requestTimeoutMs },
    { maxRetries: 2, ...opts.clientDeps, execTimeoutMs: Math.min(opts.clientDeps.execTimeoutMs ?? 60_000, opts.timeoutMs) },
  );
  const kubeconfig: TraceStage = { name: 'kubeconfig', status: 'ok', summary: `Context "${neutralize(name)}".`, hints: [], ms: 0 };
  let report: TraceReport;
  try {
    report = await traceTarget(target, client, kubeconfig, clock, controller.signal, opts.candidateNamespaces ?? []);
  } catch (err) {
    const f = failure(
      'response.invalid',
      'The trace stopped on an unexpected error.',
      ['This is a bug in kpods; please report it.'],
      err instanceof Error ? neutralize(err.message) : undefined,
    );
    report = traceKubeconfigFailure(f, 0, name);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    await client.close();
  }
  const out: ContextCheck = { ...info, ...fromTrace(report), ms: clock() - t0 };
  if (timedOut && out.result === 'failed') {
    const secs = opts.timeoutMs / 1000;
    return {
      ...out,
      code: 'response.timeout',
      summary: `The check did not finish within ${secs} s (it stopped at the ${out.stage ?? 'response'} stage).`,
      hints: [`Run kpods trace --context ${neutralize(name)} to see where it waits, or raise --timeout.`],
    };
  }
  return out;
}
