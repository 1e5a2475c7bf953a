/**
 * `kpods trace [-o text|json]`: walks the pipeline for the selected context stage by stage
 * (kubeconfig, credentials, connection, authentication, authorization, response) and explains it.
 */
import type { Command } from './io.js';
import { withRedaction } from './redacting-io.js';
import { EXIT, exitCodeFor, failure, type Failure } from '../core/failure.js';
import { capLines, neutralize, neutralizeMultiline, quoteCapped, terminalSafeJson } from '../core/terminal-text.js';
import type { OptionSpecs } from './kube-flags.js';
import { quietOnClosedPipe } from './output.js';
import { commandClientDeps, resolveForCommand } from './command-target.js';
import type { TraceReport, TraceStage } from '../core/client/trace.js';

const TRACE_OPTIONS = { output: { type: 'string', short: 'o' } } as const satisfies OptionSpecs;

const USAGE = `Usage: kpods trace [-o text|json] [kubeconfig flags]
Walks kubeconfig -> credentials -> connection -> authentication -> authorization -> response
for the selected context and explains each stage; then, informationally, whether the metrics API
serves CPU and memory usage (available, absent, forbidden or failing). Exit code: 0 when every stage passed, else the
code of the failed stage (3 kubeconfig, 4 credentials, 5 connection, 6 authentication,
7 authorization, 8 response).
`;

const MARK: Record<TraceStage['status'], string> = { ok: 'ok', failed: 'FAILED', warning: 'warning', skipped: 'skipped' };

/** Renders a trace as text, one stage at a time. */
function formatTraceText(r: TraceReport): string {
  const out: string[] = [`kpods trace${r.context !== undefined ? ` for context ${neutralize(quoteCapped(r.context))}` : ''}`, ''];
  r.stages.forEach((s, i) => {
    const ms = s.status === 'skipped' ? '' : ` (${Math.round(s.ms)} ms)`;
    out.push(`${i + 1}. ${s.name.padEnd(14)} ${MARK[s.status]}${ms}${s.code ? `  [${s.code}]` : ''}`);
    out.push(`   ${s.summary}`);
    if (s.detail) for (const d of s.detail.split('\n')) out.push(`   | ${d}`);
    for (const h of s.hints) out.push(`   -> ${h}`);
  });
  if (r.info?.length) {
    out.push('', 'Also checked (informational, never a failure):');
    for (const c of r.info) out.push(`   ${c.name.padEnd(14)} ${c.status} (${Math.round(c.ms)} ms)`, `   ${c.summary}`);
  }
  const failed = r.stages.find((s) => s.status === 'failed');
  out.push('', failed ? `Result: stopped at the ${failed.name} stage.` : 'Result: kpods can list pods with this context.');
  return capLines(neutralizeMultiline(out.join('\n'))) + '\n';
}

/** Renders the JSON form: {"ok","context","stages":[{name,status,code,summary,hints,detail,ms}]}. */
function formatTraceJson(r: TraceReport): string {
  return (
    terminalSafeJson(
      {
        ok: r.ok,
        context: r.context ?? null,
        stages: r.stages.map((s) => ({
          name: s.name,
          status: s.status,
          code: s.code ?? null,
          summary: s.summary,
          hints: s.hints,
          detail: s.detail ?? null,
          ms: Math.round(s.ms),
        })),
        info: (r.info ?? []).map((c) => ({ name: c.name, status: c.status, summary: c.summary, ms: Math.round(c.ms) })),
      },
      2,
    ) + '\n'
  );
}

export const traceCommand: Command = async (args, given) => {
  const io = withRedaction(given);
  const { parseCommandFlags } = await import('./kube-flags.js');
  const flags = parseCommandFlags(args, TRACE_OPTIONS, { prefix: 'kpods trace', usage: USAGE }, io);
  if (typeof flags === 'number') return flags;
  const output = flags.rest.values.output ?? 'text';
  if (output !== 'text' && output !== 'json') {
    io.stderr.write(`kpods trace: unsupported output format "${neutralizeMultiline(output)}" (use text or json)\n${USAGE}`);
    return EXIT.usage;
  }
  quietOnClosedPipe(io);
  const { traceTarget, traceKubeconfigFailure, createKubeClient } = await import('../core/client/index.js');
  const clock = (): number => io.host.now().getTime();
  const t0 = clock();
  const resolved = await resolveForCommand(flags, io);
  let report: TraceReport;
  if (!resolved.ok) {
    report = traceKubeconfigFailure(resolved.failure, clock() - t0, flags.overrides.context);
  } else {
    const { target, warnings, contextNamespaces } = resolved.value;
    const origin = target.origins.context ?? target.origins.user ?? target.origins.cluster;
    const kubeconfig: TraceStage = {
      name: 'kubeconfig',
      status: warnings.length ? 'warning' : 'ok',
      summary: `${target.inCluster ? 'In-cluster service account' : `Context "${target.contextName}"`}: cluster "${target.clusterName}" at ${target.server}, user "${target.userName}", namespace "${target.namespace}" (${target.namespaceSource})${origin ? `, from ${origin}` : ''}.`,
      hints: warnings,
      ms: clock() - t0,
    };
    const requestTimeoutMs = target.requestTimeoutMs ?? 15_000;
    const client = createKubeClient({ ...target, requestTimeoutMs }, { ...(await commandClientDeps(io, flags)), maxRetries: 2 });
    try {
      report = await traceTarget(target, client, kubeconfig, clock, undefined, contextNamespaces);
    } catch (err) {
      const f: Failure = failure(
        'response.invalid',
        'The trace stopped on an unexpected error.',
        ['This is a bug in kpods; please report it.'],
        err instanceof Error ? neutralize(err.message) : undefined,
      );
      report = traceKubeconfigFailure(f, 0, target.contextName);
    } finally {
      await client.close();
    }
  }
  io.stdout.write(output === 'json' ? formatTraceJson(report) : formatTraceText(report));
  const failed = report.stages.find((s) => s.status === 'failed');
  if (!failed) return EXIT.ok;
  return failed.code ? exitCodeFor({ stage: failed.name, code: failed.code as Failure['code'], summary: '', hints: [] }) : EXIT.unexpected;
};
