/**
 * kubectl's target flags (`--kubeconfig`, `--context`, `-n`, `--server`, `--as-group`…) parsed
 * with node:util parseArgs (strict), plus whatever options the calling command adds.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseRequestTimeout, REQUEST_TIMEOUT_HELP, type TargetOverrides } from '../core/kubeconfig/overrides.js';
import { EXIT } from '../core/failure.js';
import { neutralizeMultiline } from '../core/terminal-text.js';
import type { CommandIo } from './io.js';

/** parseArgs option specs, as a command passes its own extra options. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The kubectl flags every kubeconfig-reading command accepts. */
export const KUBE_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  cluster: { type: 'string' },
  user: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  server: { type: 'string', short: 's' },
  token: { type: 'string' },
  'certificate-authority': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
  'tls-server-name': { type: 'string' },
  as: { type: 'string' },
  'as-group': { type: 'string', multiple: true },
  'request-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** The value one option spec parses to: a string or a boolean, a list of them when `multiple`. */
type OptionValue<S> = S extends { type: 'boolean' }
  ? S extends { multiple: true }
    ? boolean[]
    : boolean
  : S extends { multiple: true }
    ? string[]
    : string;

/** The values of a command's options by long name, typed from its specs (absent when not given). */
export type OptionValues<E extends OptionSpecs> = { [K in keyof E]?: OptionValue<E[K]> };

/** Parsed flags: the kubeconfig path, the target overrides, and the command's own options. */
export interface KubeFlags<E extends OptionSpecs = OptionSpecs> {
  kubeconfig?: string;
  overrides: TargetOverrides;
  help: boolean;
  /** Values of the extra options (by long name) and the positional arguments. */
  rest: { values: OptionValues<E>; positionals: string[] };
}

/** The result of parsing: the flags, or a usage error message (exit code 2). */
export type KubeFlagsResult<E extends OptionSpecs = OptionSpecs> = { ok: true; value: KubeFlags<E> } | { ok: false; usage: string };

/**
 * Rewrites kubectl spellings parseArgs does not take: `--bool=true|false`, `-n=VALUE`, and a
 * string flag followed by a value that starts with a dash (`--interval -1s`: like kubectl, the
 * next argument is the value, so the command's own check explains it).
 */
function normalise(args: string[], specs: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const long = /^--([^=]+)=(true|false)$/.exec(a);
    if (long && specs[long[1] as string]?.type === 'boolean') {
      if (long[2] === 'true') out.push(`--${long[1]}`);
      continue;
    }
    const named = /^--([^=]+)$/.exec(a)?.[1] ?? Object.keys(specs).find((k) => /^-[a-zA-Z]$/.test(a) && specs[k]?.short === a[1]);
    const next = args[i + 1];
    if (named !== undefined && specs[named]?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '--') {
      out.push(`--${named}=${next}`);
      i++;
      continue;
    }
    const short = /^-([a-zA-Z])=(.*)$/.exec(a);
    if (short && Object.values(specs).some((s) => s.short === short[1] && s.type === 'string')) {
      out.push(`-${short[1]}`, short[2] as string);
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Parses kubectl's target flags and the command's `extra` options; unknown flags are usage errors. */
export function parseKubeFlags<E extends OptionSpecs = Record<never, never>>(
  args: string[],
  extra: E = {} as E,
  opts: { allowPositionals?: boolean } = {},
): KubeFlagsResult<E> {
  const options: OptionSpecs = { ...KUBE_OPTIONS, ...extra };
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: normalise(args, options), options, strict: true, allowPositionals: opts.allowPositionals ?? false });
  } catch (err) {
    return { ok: false, usage: (err as Error).message };
  }
  const v = parsed.values;
  const str = (k: string): string | undefined => {
    const x = v[k];
    return typeof x === 'string' && x !== '' ? x : undefined;
  };
  const overrides: TargetOverrides = {};
  const map: Array<[keyof TargetOverrides, string]> = [
    ['context', 'context'],
    ['cluster', 'cluster'],
    ['user', 'user'],
    ['namespace', 'namespace'],
    ['server', 'server'],
    ['token', 'token'],
    ['certificateAuthority', 'certificate-authority'],
    ['tlsServerName', 'tls-server-name'],
    ['as', 'as'],
    ['requestTimeout', 'request-timeout'],
  ];
  for (const [key, flag] of map) {
    const x = str(flag);
    if (x !== undefined) (overrides as Record<string, unknown>)[key] = x;
  }
  if (v['insecure-skip-tls-verify'] === true) overrides.insecureSkipTlsVerify = true;
  const groups = v['as-group'];
  if (Array.isArray(groups) && groups.length > 0) overrides.asGroups = groups.map(String);
  if (overrides.requestTimeout !== undefined && parseRequestTimeout(overrides.requestTimeout) === undefined) {
    return { ok: false, usage: `--request-timeout ${JSON.stringify(overrides.requestTimeout)}: ${REQUEST_TIMEOUT_HELP}` };
  }
  // parseArgs checked every value against its spec, so each has the type OptionValues<E> gives it.
  const restValues: Record<string, unknown> = {};
  for (const k of Object.keys(extra)) if (v[k] !== undefined) restValues[k] = v[k];
  const out: KubeFlags<E> = {
    overrides,
    help: v['help'] === true,
    rest: { values: restValues as OptionValues<E>, positionals: parsed.positionals },
  };
  const kc = str('kubeconfig');
  if (kc !== undefined) out.kubeconfig = kc;
  return { ok: true, value: out };
}

/**
 * Parses a command's flags as kubectl does; on a usage error or `--help` it writes the message
 * and usage text itself and returns the exit code instead of the flags.
 */
export function parseCommandFlags<E extends OptionSpecs>(
  args: string[],
  extra: E,
  cmd: { prefix: string; usage: string; allowPositionals?: boolean },
  io: CommandIo,
): KubeFlags<E> | number {
  const parsed = parseKubeFlags(args, extra, { allowPositionals: cmd.allowPositionals ?? false });
  if (!parsed.ok) {
    io.stderr.write(`${cmd.prefix}: ${neutralizeMultiline(parsed.usage)}\n${cmd.usage}`);
    return EXIT.usage;
  }
  if (parsed.value.help) {
    io.stdout.write(cmd.usage);
    return EXIT.ok;
  }
  return parsed.value;
}
