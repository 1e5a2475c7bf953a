/**
 * Loads the kubeconfig chain as kubectl does: reads each existing file, rejects what kubectl
 * rejects (naming the file and line), and merges with "first file to define a name wins".
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Result } from '../failure.js';
import type { Host } from '../target.js';
import { defaultFile, loadingChain } from './chain.js';
import { decodeConfig } from './decode.js';
import { invalidFile, notFound } from './errors.js';
import { countAliases, expandDocument, MAX_ALIASES } from './expand.js';
import type { ConsideredFile, FileConfig, KubeconfigWarning, LoadedKubeconfig, NamedExtension } from './types.js';
import { parseFirstDocument } from './yaml11.js';

/** Files larger than this are refused rather than parsed (kubeconfigs are kilobytes). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** File-system access used by the loader; replaceable in tests (e.g. to delete a file between stat and read). */
export interface LoaderFs {
  stat: (path: string) => { isDirectory(): boolean; isFile(): boolean; isCharacterDevice(): boolean; size: number };
  readFile: (path: string) => Buffer;
}

const realFs: LoaderFs = { stat: (p) => statSync(p), readFile: readBounded };

/** Reads at most MAX_FILE_BYTES + 1 bytes (enough to tell a file is too long), whatever the file claims. */
function readBounded(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, MAX_FILE_BYTES + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) break;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Options of loadKubeconfig. */
export interface LoadOptions {
  /** `--kubeconfig`; an empty string counts as unset. */
  explicitPath?: string;
  host: Host;
  fs?: LoaderFs;
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Reads and decodes one file; `undefined` when it does not exist (kubectl skips it). */
export function readKubeconfigFile(
  path: string,
  fs: LoaderFs = realFs,
): Result<{ config: FileConfig; warnings: KubeconfigWarning[] } | undefined> {
  let bytes: Buffer;
  try {
    const st = fs.stat(path);
    if (st.isDirectory()) return { ok: false, failure: invalidFile(path, undefined, 'it is a directory, not a file') };
    // A FIFO or socket could block forever: refuse it. Devices are read with a bound (/dev/null is a common empty kubeconfig).
    if (!st.isFile() && !st.isCharacterDevice())
      return { ok: false, failure: invalidFile(path, undefined, 'it is not a regular file (a pipe or socket)') };
    if (st.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        failure: invalidFile(path, undefined, `it is ${st.size} bytes long, more than the ${MAX_FILE_BYTES} kpods reads`),
      };
    }
    bytes = fs.readFile(path);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: true, value: undefined };
    if (code === 'EACCES' || code === 'EPERM') {
      return {
        ok: false,
        failure: invalidFile(path, undefined, 'permission denied when reading it', [
          `Make ${path} readable by the user running kpods (e.g. chmod 600 and chown to that user); kubectl cannot read it either.`,
          'Or leave the file out: pass --kubeconfig with another file, or remove it from KUBECONFIG.',
        ]),
      };
    }
    if (code === 'EISDIR') return { ok: false, failure: invalidFile(path, undefined, 'it is a directory, not a file') };
    return { ok: false, failure: invalidFile(path, undefined, `reading it failed (${code ?? String(err)})`) };
  }
  if (bytes.length > MAX_FILE_BYTES)
    return { ok: false, failure: invalidFile(path, undefined, `it is more than ${MAX_FILE_BYTES} bytes long`) };
  let text: string;
  try {
    // Like go-yaml, accept UTF-16 with a byte-order mark.
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, failure: invalidFile(path, undefined, 'it is not text (binary data or invalid UTF-8)') };
  }
  if (text.includes('\u0000')) return { ok: false, failure: invalidFile(path, undefined, 'it is not text (it contains NUL bytes)') };
  if (countAliases(text, MAX_ALIASES) > MAX_ALIASES) {
    const why = `it uses more than ${MAX_ALIASES.toLocaleString('en-US')} YAML aliases (*name), refused before expanding them (an alias bomb?)`;
    return { ok: false, failure: invalidFile(path, undefined, why) };
  }
  const parsed = parseFirstDocument(text);
  if ('error' in parsed) return { ok: false, failure: invalidFile(path, parsed.error.line, `invalid YAML: ${parsed.error.reason}`) };
  const expanded = expandDocument(parsed.doc, parsed.lines);
  if (!expanded.ok) return { ok: false, failure: invalidFile(path, expanded.line, expanded.reason) };
  const decoded = decodeConfig(path, expanded.doc, parsed.lines, parsed.stringLines);
  if (!decoded.ok) return { ok: false, failure: invalidFile(path, decoded.error.line, decoded.error.message) };
  const warnings = [...decoded.warnings];
  for (const line of [...new Set(parsed.mergeLines)]) {
    warnings.push({
      file: path,
      line,
      message: 'a `<<` merge key is expanded the way kubectl does (go-yaml v2); other YAML tools may read it differently',
    });
  }
  for (const line of [...new Set(expanded.conflictLines)]) {
    const w: KubeconfigWarning = {
      file: path,
      message:
        'a `<<` merge key replaces a key written before it in the same map: kubectl (and kpods) keep the merged value, YAML 1.2 tools keep the written one',
    };
    if (line > 0) w.line = line;
    warnings.push(w);
  }
  return { ok: true, value: { config: decoded.config, warnings } };
}

/** Loads and merges the kubeconfig chain for `--kubeconfig` (explicitPath), `$KUBECONFIG` or the home file. */
export function loadKubeconfig(options: LoadOptions): Result<LoadedKubeconfig> {
  const fs = options.fs ?? realFs;
  const chain = loadingChain(options.explicitPath, options.host);
  const files: ConsideredFile[] = [];
  const configs: FileConfig[] = [];
  const warnings: KubeconfigWarning[] = [];
  const paths = [...chain.absolute];
  const legacy = chain.source === 'home' ? legacyHomeFile(paths[0] ?? '', fs) : undefined;
  if (legacy) {
    paths.push(legacy);
    warnings.push({
      file: legacy,
      message: `${paths[0] ?? ''} does not exist: kubectl would copy this old-style file there first; kpods reads it in place and copies nothing`,
    });
  }
  for (const path of paths) {
    const r = readKubeconfigFile(path, fs);
    if (!r.ok) return r;
    files.push({ path, exists: r.value !== undefined });
    if (r.value) {
      configs.push(r.value.config);
      warnings.push(...r.value.warnings);
    }
  }
  const exists = (p: string): boolean => files.some((f) => f.path === p && f.exists);
  const written = legacy ? legacy : defaultFile(chain, exists);
  const merged: LoadedKubeconfig = {
    files,
    source: chain.source,
    clusters: [],
    users: [],
    contexts: [],
    currentContext: undefined,
    colors: false,
    preferenceExtensions: [],
    extensions: [],
    warnings,
    defaultFile: written,
  };
  if (chain.explicitPath !== undefined) merged.explicitPath = chain.explicitPath;
  if (chain.source === 'flag' && !files[0]?.exists) return { ok: false, failure: notFound(merged) };
  if (chain.source === 'env' && files.length > 0 && !files.some((f) => f.exists)) {
    warnings.push({ file: files[0]?.path ?? '', message: `Config not found: ${files.map((f) => f.path).join(', ')}` });
  }
  for (const c of configs) mergeFile(merged, c);
  return { ok: true, value: merged };
}

const seenNames = new WeakMap<object, Set<string>>();

/** `~/.kube/.kubeconfig` when `~/.kube/config` is missing and it exists (kubectl's Migrate case). */
function legacyHomeFile(homeConfig: string, fs: LoaderFs): string | undefined {
  const old = join(dirname(homeConfig), '.kubeconfig');
  const isFile = (p: string): boolean => {
    try {
      return !fs.stat(p).isDirectory();
    } catch {
      return false;
    }
  };
  return !isFile(homeConfig) && isFile(old) ? old : undefined;
}

function mergeNamed<T extends { name: string }>(into: Array<T & { origin: string }>, items: T[] | undefined, origin: string): void {
  let seen = seenNames.get(into);
  if (!seen) seenNames.set(into, (seen = new Set(into.map((x) => x.name))));
  for (const item of items ?? []) {
    if (seen.has(item.name)) continue;
    seen.add(item.name);
    into.push({ ...item, origin });
  }
}

/** Adds one file's entries: names already defined by an earlier file are dropped whole. */
function mergeFile(m: LoadedKubeconfig, c: FileConfig): void {
  mergeNamed(m.clusters, c.clusters, c.path);
  mergeNamed(m.users, c.users, c.path);
  mergeNamed(m.contexts, c.contexts, c.path);
  mergeNamed<NamedExtension>(m.extensions, c.extensions, c.path);
  mergeNamed<NamedExtension>(m.preferenceExtensions, c.preferenceExtensions, c.path);
  if (!m.currentContext && c.currentContext) {
    m.currentContext = c.currentContext;
    m.currentContextOrigin = c.path;
  }
  if (c.colors) m.colors = true;
}

/** The distinct namespaces the kubeconfig's contexts name (places worth checking when the server will not list namespaces). */
export function contextNamespaces(config: LoadedKubeconfig): string[] {
  return [...new Set(config.contexts.map((c) => c.fields.namespace).filter((n): n is string => typeof n === 'string' && n !== ''))];
}
