/**
 * `kpods contexts [-o json|name] [NAME...]`: the contexts of the merged kubeconfig as
 * `kubectl config get-contexts` lists them, plus the file each came from (ORIGIN).
 */
import type { Command } from './io.js';
import { withRedaction } from './redacting-io.js';
import { EXIT, exitCodeFor } from '../core/failure.js';
import { neutralize, neutralizeMultiline, quoteCapped, terminalSafeJson } from '../core/terminal-text.js';
import {
  authKind,
  contextNotFound,
  loadKubeconfig,
  notFound,
  parseRequestTimeout,
  type LoadedKubeconfig,
} from '../core/kubeconfig/index.js';
import { tabwrite } from '../core/client/print-table.js';
import { formatFailure } from './output.js';
import { parseCommandFlags, type OptionSpecs } from './kube-flags.js';
import { version } from './version.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  version: { type: 'boolean', short: 'v' },
  check: { type: 'boolean' },
  timeout: { type: 'string' },
} as const satisfies OptionSpecs;

const USAGE = `Usage: kpods contexts [-o json|name] [NAME...] [--kubeconfig PATH]
       kpods contexts --check [-o text|json] [--timeout DURATION] [NAME...] [--kubeconfig PATH]
Lists the contexts of the merged kubeconfig as kubectl config get-contexts does, plus the file
each context came from (ORIGIN). The JSON form also lists the files read, clusters and users.
With --check, runs the kpods trace pipeline (credentials, connection, authentication, listing
pods in the context's namespace) for every context at once (8 at a time, each within --timeout,
default 10s) and prints each one's result. Exec plugins that need a terminal are not run.
Exit codes: 0 ok (with --check: every checked context works), 2 usage, 3 kubeconfig,
10 (--check) one or more contexts failed.
`;

const byName = (a: { name: string }, b: { name: string }): number => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));

/** The JSON document of `kpods contexts -o json`. */
function contextsJson(config: LoadedKubeconfig, names?: Set<string>): unknown {
  const server = (cluster: string): string | null => config.clusters.find((c) => c.name === cluster)?.fields.server ?? null;
  return {
    current: config.currentContext ?? null,
    files: config.files.map((f) => ({ path: f.path, exists: f.exists })),
    contexts: [...config.contexts]
      .filter((c) => !names || names.has(c.name))
      .sort(byName)
      .map((c) => ({
        name: c.name,
        cluster: c.fields.cluster,
        user: c.fields.user,
        namespace: c.fields.namespace ?? null,
        server: server(c.fields.cluster),
        origin: c.origin,
      })),
    clusters: [...config.clusters].sort(byName).map((c) => ({ name: c.name, server: c.fields.server ?? null, origin: c.origin })),
    users: [...config.users].sort(byName).map((u) => ({ name: u.name, auth: authKind(u.fields), origin: u.origin })),
  };
}

/** The text table: kubectl's five columns, then ORIGIN. */
function contextsTable(config: LoadedKubeconfig, names?: Set<string>): string {
  const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE', 'ORIGIN']];
  for (const c of [...config.contexts].sort(byName)) {
    if (names && !names.has(c.name)) continue;
    const f = c.fields;
    rows.push([c.name === config.currentContext ? '*' : '', c.name, f.cluster, f.user, f.namespace ?? '', c.origin].map(neutralize));
  }
  return tabwrite(rows);
}

/** Contexts that name a cluster or user no file defines (kubectl would guess; kpods says so). */
function danglingReferences(config: LoadedKubeconfig): string[] {
  const clusters = new Set(config.clusters.map((c) => c.name));
  const users = new Set(config.users.map((u) => u.name));
  const notes: string[] = [];
  for (const c of [...config.contexts].sort(byName)) {
    if (!clusters.has(c.fields.cluster))
      notes.push(`context ${quoteCapped(c.name)} (${c.origin}) names cluster ${quoteCapped(c.fields.cluster)}, which no file defines`);
    if (c.fields.user !== '' && !users.has(c.fields.user))
      notes.push(`context ${quoteCapped(c.name)} (${c.origin}) names user ${quoteCapped(c.fields.user)}, which no file defines`);
  }
  return notes;
}

/** `kpods contexts`: lists the merged contexts (text, JSON or names); kubeconfig failures exit 3, usage errors 2. */
export const contextsCommand: Command = async (args, given) => {
  const io = withRedaction(given);
  const flags = parseCommandFlags(args, OPTIONS, { prefix: 'kpods contexts', usage: USAGE, allowPositionals: true }, io);
  if (typeof flags === 'number') return flags;
  if (flags.rest.values.version === true) {
    io.stdout.write(`kpods ${version()}\n`);
    return EXIT.ok;
  }
  const output = flags.rest.values.output;
  const check = flags.rest.values['check'] === true;
  let timeoutMs = 10_000; // DEFAULT_CHECK_TIMEOUT_MS (not imported: plain listing loads no client)
  if (check) {
    if (output !== undefined && output !== 'json' && output !== 'text') {
      io.stderr.write(
        `kpods contexts: unsupported output format ${quoteCapped(String(output))} with --check: use -o text or -o json\n\n${USAGE}`,
      );
      return EXIT.usage;
    }
    const raw = flags.rest.values['timeout'];
    if (typeof raw === 'string') {
      const ms = parseRequestTimeout(raw);
      if (ms === undefined || ms <= 0) {
        io.stderr.write(`kpods contexts: invalid --timeout ${quoteCapped(raw)}: use a positive duration such as 10s or 1m\n\n${USAGE}`);
        return EXIT.usage;
      }
      timeoutMs = ms;
    }
  } else if (flags.rest.values['timeout'] !== undefined) {
    io.stderr.write(`kpods contexts: --timeout needs --check\n\n${USAGE}`);
    return EXIT.usage;
  } else if (output !== undefined && output !== 'json' && output !== 'name') {
    io.stderr.write(`kpods contexts: unsupported output format ${quoteCapped(String(output))}: use -o json or -o name\n\n${USAGE}`);
    return EXIT.usage;
  }
  const loaded = loadKubeconfig({ host: io.host, ...(flags.kubeconfig ? { explicitPath: flags.kubeconfig } : {}) });
  if (!loaded.ok) {
    io.stderr.write(formatFailure(loaded.failure, 'contexts'));
    return exitCodeFor(loaded.failure);
  }
  const config = loaded.value;
  io.secrets.addKubeconfig(config);
  if (!config.files.some((f) => f.exists)) {
    const f = notFound(config);
    io.stderr.write(formatFailure(f, 'contexts'));
    return exitCodeFor(f);
  }
  for (const w of config.warnings)
    io.stderr.write(
      neutralizeMultiline(`kpods contexts: warning: ${w.file}${w.line === undefined ? '' : `:${w.line}`}: ${w.message}`) + '\n',
    );
  for (const note of danglingReferences(config)) io.stderr.write(neutralize(`kpods contexts: warning: ${note}`) + '\n');
  const wanted = [...flags.rest.positionals, ...(check && flags.overrides.context ? [flags.overrides.context] : [])];
  for (const name of wanted) {
    if (!config.contexts.some((c) => c.name === name)) {
      const f = contextNotFound(config, name, 'the command line');
      io.stderr.write(formatFailure(f, 'contexts'));
      return exitCodeFor(f);
    }
  }
  const names = wanted.length > 0 ? new Set(wanted) : undefined;
  if (check) {
    const { runContextsCheck } = await import('./contexts-check.js');
    const list = [...config.contexts].sort(byName).filter((c) => !names || names.has(c.name));
    return runContextsCheck(
      config,
      list.map((c) => c.name),
      flags,
      io,
      { output: output === 'json' ? 'json' : 'text', timeoutMs },
    );
  }
  if (output === 'json') io.stdout.write(terminalSafeJson(contextsJson(config, names)) + '\n');
  else if (output === 'name')
    io.stdout.write(
      [...config.contexts]
        .filter((c) => !names || names.has(c.name))
        .sort(byName)
        .map((c) => neutralize(c.name) + '\n')
        .join(''),
    );
  else io.stdout.write(contextsTable(config, names));
  return EXIT.ok;
};
