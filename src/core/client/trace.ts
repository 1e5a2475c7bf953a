/**
 * Walks the `kubectl get pods` pipeline for one target, one stage at a time: credentials,
 * connection (/version), authentication (SelfSubjectReview), authorization and response (a
 * one-item pod list). Each stage gets a status, its time, and an explanation.
 */
import type { Failure, Stage } from '../failure.js';
import { hintText } from '../hint.js';
import { passedBefore, stageOutcomes, type StageStatus } from '../stage-outcomes.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';
import type { KubeApiClient } from './client.js';
import { diagnose } from './diagnose.js';
import { probePods } from './probe.js';
import { probeMetrics } from '../metrics/api.js';

export type { StageStatus };

export interface TraceStage {
  name: Stage;
  status: StageStatus;
  code?: string;
  summary: string;
  hints: string[];
  detail?: string;
  ms: number;
}

export interface TraceReport {
  ok: boolean;
  context?: string;
  stages: TraceStage[];
  /** Who the server says we are (SelfSubjectReview), when it said. */
  identity?: string;
  /** Pods counted by the one-item list (`estimate`: the server gave no remainingItemCount). */
  pods?: { count: number; estimate: boolean };
  /** Informational checks after a passing trace (never a failure), e.g. whether the metrics API serves usage. */
  info?: TraceInfo[];
}

/** One informational check: a state word and one line why. */
export interface TraceInfo {
  name: string;
  status: string;
  summary: string;
  ms: number;
}

function fromFailure(f: Failure, ms: number): TraceStage {
  return {
    name: f.stage,
    status: 'failed',
    code: f.code,
    summary: f.summary,
    hints: f.hints.map((h) => hintText(h, 'cli')),
    ...(f.detail ? { detail: f.detail } : {}),
    ms,
  };
}

/** Fills in the stages not run, by the rule the browser's stage bar follows (core/stage-outcomes.ts). */
function complete(stages: TraceStage[], context: string | undefined): TraceReport {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const failedAt = stages.find((s) => s.status === 'failed');
  const checked = Object.fromEntries(stages.map((s) => [s.name, s.status]));
  const out: TraceStage[] = stageOutcomes(
    failedAt && { stage: failedAt.name, code: (failedAt.code ?? '') as Failure['code'] },
    checked,
  ).map(
    ({ name, status }) =>
      byName.get(name) ?? {
        name,
        status,
        summary:
          status !== 'skipped'
            ? `Passed: the ${failedAt?.name ?? 'last'} stage's answer shows it.`
            : failedAt
              ? `Not checked: the ${failedAt.name} stage failed.`
              : 'Not checked.',
        hints: [],
        ms: 0,
      },
  );
  return { ok: !failedAt, ...(context !== undefined ? { context } : {}), stages: out };
}

/** Runs the trace for a resolved target; `kubeconfig` is the already-computed first stage. */
export async function traceTarget(
  target: Target,
  client: KubeApiClient,
  kubeconfig: TraceStage,
  clock: () => number,
  signal?: AbortSignal,
  candidateNamespaces: string[] = [],
): Promise<TraceReport> {
  const stages: TraceStage[] = [kubeconfig];
  const ctx = target.contextName;
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = clock();
    const v = await fn();
    return [v, clock() - t0];
  };
  const ns = target.namespace;
  let identity: string | undefined;

  // credentials
  const [cred, credMs] = await timed(() => client.checkCredentials(signal));
  if (!cred.ok) return complete([...stages, fromFailure(cred.failure, credMs)], ctx);
  const warnings = await client.warnings();
  const sent = cred.value;
  stages.push({
    name: 'credentials',
    status: warnings.length || sent.length === 0 ? 'warning' : 'ok',
    summary:
      warnings[0] ??
      (sent.length ? `Will send: ${sent.join('; ')}.` : 'No credentials are configured for this user; requests go anonymous.'),
    hints:
      sent.length || warnings.length
        ? []
        : ['Add a token, client certificate or exec plugin to the kubeconfig user, or expect 401/403 answers.'],
    ms: credMs,
  });

  // connection
  const [ver, verMs] = await timed(() => client.version(signal));
  if (!ver.ok && (ver.failure.stage === 'connection' || (ver.failure.stage === 'response' && ver.failure.code !== 'response.not-found'))) {
    if (passedBefore(ver.failure).includes('connection')) {
      const what =
        ver.failure.code === 'response.not-kubernetes' ? 'the answer was not from a Kubernetes API server' : 'it answered with an error';
      stages.push({
        name: 'connection',
        status: 'ok',
        summary: `Reached ${neutralize(target.server)}, but ${what}.`,
        hints: [],
        ms: verMs,
      });
      return complete([...stages, fromFailure(ver.failure, 0)], ctx);
    }
    return complete([...stages, fromFailure(ver.failure, verMs)], ctx);
  }
  const tlsWord = target.server.startsWith('https://')
    ? target.tls.insecureSkipVerify
      ? 'over TLS WITHOUT verifying the server certificate (insecure-skip-tls-verify)'
      : 'over TLS, server certificate verified'
    : 'over plain http (unencrypted)';
  stages.push({
    name: 'connection',
    status: target.tls.insecureSkipVerify || !target.server.startsWith('https://') ? 'warning' : 'ok',
    summary: `Connected to ${neutralize(target.server)} ${tlsWord}${ver.ok && ver.value.gitVersion ? `; Kubernetes ${neutralize(ver.value.gitVersion)}` : ''}.`,
    hints: target.tls.insecureSkipVerify
      ? ['Set certificate-authority-data instead of insecure-skip-tls-verify so the server is verified.']
      : [],
    ms: verMs,
  });

  // authentication
  const [who, whoMs] = await timed(() => client.whoAmI(signal));
  if (!who.ok) {
    if (who.failure.stage === 'authentication' || who.failure.stage === 'connection' || who.failure.stage === 'credentials')
      return complete([...stages, fromFailure(who.failure, whoMs)], ctx);
    stages.push({
      name: 'authentication',
      status: 'warning',
      summary: 'The server accepted the request but would not say who you are (SelfSubjectReview not allowed or not enabled).',
      hints: [],
      ...(who.failure.code ? { code: who.failure.code } : {}),
      ms: whoMs,
    });
  } else {
    const id = who.value;
    if (id.username !== undefined) identity = id.username;
    stages.push({
      name: 'authentication',
      status: 'ok',
      summary: `Authenticated as "${neutralize(id.username ?? '(no name)')}"${id.groups.length ? ` in groups ${id.groups.map((g) => neutralize(g)).join(', ')}` : ''}.`,
      hints: [],
      ms: whoMs,
    });
  }

  // authorization + response: one real list request
  const [probe, probeMs] = await timed(() => probePods(client.session, { namespace: ns }, signal));
  if (!probe.ok) {
    let f = probe.failure;
    if (f.code === 'authorization.forbidden')
      f = await diagnose(f, client, { namespace: ns, contextNamespace: ns, candidateNamespaces, ...(signal ? { signal } : {}) });
    // Only an answer the API gives after authorizing shows the list was allowed (not a 429, a 500 or a web page).
    if (f.stage === 'response' && passedBefore(f).includes('authorization'))
      stages.push({
        name: 'authorization',
        status: 'ok',
        summary: `Allowed to list pods in namespace "${neutralize(ns)}".`,
        hints: [],
        ms: 0,
      });
    return complete([...stages, fromFailure(f, probeMs)], ctx);
  }
  stages.push({
    name: 'authorization',
    status: 'ok',
    summary: `Allowed to list pods in namespace "${neutralize(ns)}".`,
    hints: [],
    ms: probeMs,
  });
  const p = probe.value;
  stages.push({
    name: 'response',
    status: 'ok',
    summary:
      p.count === 0
        ? `The server answered with a valid pod table: no pods in namespace "${neutralize(ns)}".`
        : `The server answered with a valid pod table: ${p.estimate ? `about ${p.count}` : p.count} pod${p.count === 1 ? '' : 's'} in namespace "${neutralize(ns)}"${p.first ? `, e.g. ${neutralize(p.first)}` : ''}.`,
    hints: [],
    ms: 0,
  });
  const report = {
    ...complete(stages, ctx),
    ...(identity !== undefined ? { identity } : {}),
    pods: { count: p.count, estimate: p.estimate },
  };
  const [metrics, metricsMs] = await timed(() => probeMetrics(client.session, ns, signal));
  report.info = [{ name: 'metrics', status: metrics.state, summary: metrics.why, ms: metricsMs }];
  return report;
}

/** The trace when the kubeconfig stage itself failed. */
export function traceKubeconfigFailure(f: Failure, ms: number, context?: string): TraceReport {
  return complete([fromFailure(f, ms)], context);
}
