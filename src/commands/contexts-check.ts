/**
 * `kpods contexts --check [-o text|json] [--timeout DURATION]`: the trace pipeline for every
 * context at once, as a table (or JSON) with one result per context and a summary line.
 */
import type { CommandIo } from './io.js';
import { EXIT } from '../core/failure.js';
import { neutralize, terminalSafeJson } from '../core/terminal-text.js';
import { plural } from '../core/plural.js';
import type { LoadedKubeconfig } from '../core/kubeconfig/index.js';
import type { ContextCheck } from '../core/health/index.js';
import { resultCell } from '../core/health/format.js';

export { resultCell };
import type { KubeFlags } from './kube-flags.js';
import { tabwrite } from '../core/client/print-table.js';

/** Exit code when one or more checked contexts failed. */
const EXIT_SOME_FAILED = 10;

/** The summary line: "9 of 16 contexts work", plus how many were not checked. */
function summaryLine(checks: ContextCheck[]): string {
  const ok = checks.filter((c) => c.result === 'ok').length;
  const skipped = checks.filter((c) => c.result === 'skipped').length;
  const n = checks.length;
  return `${ok} of ${plural(n, 'context')} work${n === 1 ? 's' : ''}${skipped ? `; ${skipped} not checked (needs a terminal)` : ''}`;
}

/** The text table and summary line. */
function checkTable(checks: ContextCheck[]): string {
  const rows = [['CURRENT', 'NAME', 'CLUSTER', 'USER', 'NAMESPACE', 'RESULT']];
  for (const c of checks)
    rows.push([c.current ? '*' : '', c.name, c.cluster, c.user, c.namespace, resultCell(c)].map((s) => neutralize(s)));
  return tabwrite(rows) + '\n' + summaryLine(checks) + '\n';
}

/** The JSON document (every key always present; null where a field does not apply). */
function checkJson(checks: ContextCheck[]): string {
  const count = (r: ContextCheck['result']): number => checks.filter((c) => c.result === r).length;
  const doc = {
    contexts: checks.map((c) => ({
      name: c.name,
      current: c.current,
      cluster: c.cluster,
      user: c.user,
      namespace: c.namespace,
      result: c.result,
      stage: c.stage ?? null,
      code: c.code ?? null,
      summary: c.summary ?? null,
      hints: c.hints,
      identity: c.identity !== undefined ? neutralize(c.identity) : null,
      pods: c.pods ?? null,
      ms: Math.round(c.ms),
    })),
    ok: count('ok'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  return terminalSafeJson(doc) + '\n';
}

/** Runs the check for `names` (already validated) and prints it; resolves to the exit code. */
export async function runContextsCheck(
  config: LoadedKubeconfig,
  names: string[],
  flags: KubeFlags,
  io: CommandIo,
  opts: { output: 'text' | 'json'; timeoutMs: number },
): Promise<number> {
  const { checkContexts } = await import('../core/health/index.js');
  const { commandClientDeps } = await import('./command-target.js');
  const { quietOnClosedPipe } = await import('./output.js');
  const { contextNamespaces } = await import('../core/kubeconfig/index.js');
  quietOnClosedPipe(io);
  // Plugins' stderr is not passed through: eight of them at once would interleave (a failed one's is in its result).
  const { onExecStderr: _ignored, ...clientDeps } = await commandClientDeps(io, flags);
  const { context: _context, ...overrides } = flags.overrides;
  // Ctrl-C reaches the plugins too (same process group), so nothing is left running.
  const checks = await checkContexts(names, {
    config,
    host: io.host,
    clientDeps,
    overrides,
    terminal: (io.stdin as { isTTY?: boolean }).isTTY === true,
    timeoutMs: opts.timeoutMs,
    candidateNamespaces: contextNamespaces(config),
  });
  io.stdout.write(opts.output === 'json' ? checkJson(checks) : checkTable(checks));
  return checks.some((c) => c.result === 'failed') ? EXIT_SOME_FAILED : EXIT.ok;
}
