/**
 * `kpods why [POD] [-n NS | -A] [-l SEL] [-o text|json]`: why pods are unhealthy, from the
 * cluster's own evidence (status, events, the last log lines of crashed containers). Exit codes
 * as `list`: 0 when the diagnosis ran, whatever it found; 3-8 when the pods could not be read.
 */
import type { Command } from './io.js';
import { withRedaction } from './redacting-io.js';
import { EXIT, exitCodeFor, type Failure } from '../core/failure.js';
import { neutralizeMultiline } from '../core/terminal-text.js';
import type { OptionSpecs } from './kube-flags.js';
import { formatFailure, quietOnClosedPipe } from './output.js';
import { commandClientDeps, resolveForCommand } from './command-target.js';

const WHY_OPTIONS = {
  'all-namespaces': { type: 'boolean', short: 'A' },
  selector: { type: 'string', short: 'l' },
  output: { type: 'string', short: 'o' },
} as const satisfies OptionSpecs;

const USAGE = `Usage: kpods why [POD] [-n NAMESPACE | -A] [-l SELECTOR] [-o text|json] [kubeconfig flags]
Explains why pods are unhealthy from their status, events and last log lines: with POD that pod,
without every unhealthy pod in scope, worst first. Exit codes as kpods list: 0 when the diagnosis
ran (whatever it found), 2 usage, 3-8 when the pods could not be read.
`;

export const whyCommand: Command = async (args, given) => {
  const io = withRedaction(given);
  quietOnClosedPipe(io);
  const { parseKubeFlags } = await import('./kube-flags.js');
  const parsed = parseKubeFlags(args, WHY_OPTIONS, { allowPositionals: true });
  if (!parsed.ok) {
    io.stderr.write(`kpods why: ${neutralizeMultiline(parsed.usage)}\n${USAGE}`);
    return EXIT.usage;
  }
  const flags = parsed.value;
  if (flags.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const v = flags.rest.values;
  const output = typeof v['output'] === 'string' ? v['output'] : 'text';
  const positionals = flags.rest.positionals;
  const problem =
    output !== 'text' && output !== 'json'
      ? `unsupported output format "${output}" (use text or json)`
      : positionals.length > 1
        ? 'give at most one pod name'
        : positionals.length === 1 && v['all-namespaces'] === true
          ? 'a pod name cannot be combined with -A (name its namespace with -n)'
          : positionals.length === 1 && typeof v['selector'] === 'string'
            ? 'a pod name cannot be combined with -l'
            : undefined;
  if (problem) {
    io.stderr.write(`kpods why: ${neutralizeMultiline(problem)}\n${USAGE}`);
    return EXIT.usage;
  }
  const pod = positionals[0];
  const allNamespaces = v['all-namespaces'] === true;
  const selector = typeof v['selector'] === 'string' && v['selector'] !== '' ? v['selector'] : undefined;
  const resolved = await resolveForCommand(flags, io);
  if (!resolved.ok) {
    io.stderr.write(formatFailure(resolved.failure, 'why'));
    return exitCodeFor(resolved.failure);
  }
  const { target, contextNamespaces } = resolved.value;
  const { createKubeClient, diagnose } = await import('../core/client/index.js');
  const { diagnoseScope } = await import('../core/diagnosis/scope.js');
  const { formatWhyJson, formatWhyText } = await import('./why-format.js');
  const client = createKubeClient(target, { ...(await commandClientDeps(io, flags)), pageSize: 5000 });
  try {
    for (const w of await client.warnings()) io.stderr.write(`kpods why: warning: ${neutralizeMultiline(w)}\n`);
    const namespace = allNamespaces ? undefined : target.namespace;
    const scope = {
      ...(namespace !== undefined ? { namespace } : {}),
      ...(pod ? { pod } : {}),
      ...(selector ? { labelSelector: selector } : {}),
    };
    const now = io.host.now();
    const result = await diagnoseScope(client, scope, { now });
    if (!result.ok) {
      const f: Failure = pod
        ? result.failure
        : await diagnose(result.failure, client, {
            ...(namespace !== undefined ? { namespace } : {}),
            contextNamespace: target.namespace,
            candidateNamespaces: contextNamespaces,
          });
      io.stderr.write(formatFailure(f, 'why'));
      return exitCodeFor(f);
    }
    if (output === 'json') {
      io.stdout.write(
        formatWhyJson(result.value, {
          context: target.contextName,
          ...(namespace !== undefined ? { namespace } : {}),
          allNamespaces,
          ...(pod ? { pod } : {}),
          ...(selector ? { selector } : {}),
        }),
      );
    } else io.stdout.write(formatWhyText(result.value, now, pod !== undefined));
    return EXIT.ok;
  } finally {
    await client.close();
  }
};
