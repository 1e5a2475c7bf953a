/**
 * kpods' own config file: `$XDG_CONFIG_HOME/kpods/config.yaml`, else `~/.config/kpods/config.yaml`.
 * Defaults for the refresh interval, watch, read-only mode and patterns, log tail and buffer,
 * and the shell. A problem is explained with the file and line and never stops the browser:
 * the valid settings still apply. Reading the file is injected; parsing is pure.
 */
import yaml from 'js-yaml';
import { parseRequestTimeout } from '../kubeconfig/overrides.js';
import { neutralize } from '../terminal-text.js';

/** The settings (all optional; flags win over them). */
export interface KpodsConfig {
  /** Refresh period in ms (`interval: 2s`). */
  intervalMs?: number;
  watch?: boolean;
  readonly?: boolean;
  /** Context or cluster name globs that make a context read-only (`readonly-contexts: [prod-*]`). */
  readonlyContexts?: string[];
  /** Lines of log to start with (`logs: {tail: 200}`). */
  logTail?: number;
  /** Lines of log kept in memory (`logs: {buffer: 10000}`). */
  logBuffer?: number;
  /** The shell `s` opens (`shell: /bin/bash`). */
  shell?: string;
}

/** A problem in the file, with its 1-based line when known. */
interface ConfigProblem {
  file: string;
  line?: number;
  message: string;
}

export interface LoadedConfig {
  /** The file looked at (it may not exist). */
  path: string;
  exists: boolean;
  config: KpodsConfig;
  problems: ConfigProblem[];
}

/** Where the config file is, from the environment and the home directory (both injected). */
export function configPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  // The XDG spec ignores a relative XDG_CONFIG_HOME.
  if (xdg && xdg.startsWith('/')) return `${xdg.replace(/\/+$/, '')}/kpods/config.yaml`;
  return `${home.replace(/\/+$/, '')}/.config/kpods/config.yaml`;
}

const TOP_KEYS = ['interval', 'watch', 'readonly', 'readonly-contexts', 'logs', 'shell'];
const LOG_KEYS = ['tail', 'buffer'];

/** The 1-based line of `key` (under `parent`, when given), found in the text. */
function lineOf(text: string, key: string, parent?: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let start = 0;
  let indent = -1;
  if (parent) {
    const p = lines.findIndex((l) => new RegExp(`^\\s*${escape(parent)}\\s*:`).test(l));
    if (p < 0) return undefined;
    start = p + 1;
    indent = /^\s*/.exec(lines[p]!)![0].length;
  }
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (parent && l.trim() !== '' && !l.trim().startsWith('#') && /^\s*/.exec(l)![0].length <= indent) break;
    if (new RegExp(`^\\s*["']?${escape(key)}["']?\\s*:`).test(l)) return i + 1;
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function show(v: unknown): string {
  return neutralize(typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));
}

/** Parses the file's text; invalid entries become problems and are left out. */
export function parseConfig(text: string, file: string): { config: KpodsConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (message: string, key?: string, parent?: string): void => {
    const line = key ? lineOf(text, key, parent) : undefined;
    problems.push({ file, ...(line ? { line } : {}), message });
  };
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false });
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string };
    problems.push({
      file,
      ...(typeof e.mark?.line === 'number' ? { line: e.mark.line + 1 } : {}),
      message: `not valid YAML: ${neutralize(e.reason ?? e.message ?? String(err))}`,
    });
    return { config: {}, problems };
  }
  if (doc === undefined || doc === null) return { config: {}, problems };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    problem('the file must be a mapping of settings (interval, watch, readonly, readonly-contexts, logs, shell)');
    return { config: {}, problems };
  }
  const config: KpodsConfig = {};
  for (const [key, v] of Object.entries(doc as Record<string, unknown>)) {
    switch (key) {
      case 'interval': {
        const ms = typeof v === 'string' ? parseRequestTimeout(v) : typeof v === 'number' ? v * 1000 : undefined;
        if (ms === undefined || ms < 100) problem(`interval must be a duration of at least 100ms, like 2s or 500ms (got ${show(v)})`, key);
        else config.intervalMs = ms;
        break;
      }
      case 'watch':
      case 'readonly':
        if (typeof v !== 'boolean') problem(`${key} must be true or false (got ${show(v)})`, key);
        else config[key] = v;
        break;
      case 'readonly-contexts': {
        const list = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x !== ''))
          problem(`readonly-contexts must be a list of context name patterns, like [prod-*, "*-live"] (got ${show(v)})`, key);
        else config.readonlyContexts = list as string[];
        break;
      }
      case 'shell':
        if (typeof v !== 'string' || v.trim() === '') problem(`shell must be a command, like /bin/bash (got ${show(v)})`, key);
        else config.shell = v;
        break;
      case 'logs':
        readLogs(v, config, problem);
        break;
      default:
        problem(`unknown setting ${show(key)} (known: ${TOP_KEYS.join(', ')})`, key);
    }
  }
  return { config, problems };
}

function readLogs(v: unknown, config: KpodsConfig, problem: (m: string, key?: string, parent?: string) => void): void {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    problem(`logs must be a mapping with tail and buffer (got ${show(v)})`, 'logs');
    return;
  }
  for (const [key, n] of Object.entries(v as Record<string, unknown>)) {
    if (!LOG_KEYS.includes(key)) {
      problem(`unknown setting logs.${neutralize(key)} (known: ${LOG_KEYS.join(', ')})`, key, 'logs');
      continue;
    }
    const min = key === 'tail' ? 0 : 100;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
      problem(`logs.${key} must be a whole number of lines, at least ${min} (got ${show(n)})`, key, 'logs');
      continue;
    }
    if (key === 'tail') config.logTail = n;
    else config.logBuffer = n;
  }
}

/** Reads and parses the config file; `read` returns the text, undefined when the file does not exist, or an Error. */
export function loadConfig(
  read: (path: string) => string | undefined | Error,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): LoadedConfig {
  const path = configPath(env, home);
  const text = read(path);
  if (text === undefined) return { path, exists: false, config: {}, problems: [] };
  if (text instanceof Error) {
    const code = (text as { code?: unknown }).code;
    return {
      path,
      exists: true,
      config: {},
      problems: [{ file: path, message: `cannot be read${typeof code === 'string' ? ` (${code})` : ''}; the defaults apply` }],
    };
  }
  return { path, exists: true, ...parseConfig(text, path) };
}

/** One line per problem: "FILE:LINE: message". */
export function describeProblem(p: ConfigProblem): string {
  return `${neutralize(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`;
}
