/**
 * Turns one parsed kubeconfig document into typed entries, as strictly as kubectl's decoder:
 * a boolean or number where a string belongs, a map where a list belongs, bad base64 in a
 * `*-data` field, or a duplicate name in one list is an error naming the field and the line.
 */
import { PlainScalar } from './yaml11.js';
import { decodeGoBase64 } from './base64.js';
import type { ClusterFields, ContextFields, ExecFields, FileConfig, KubeconfigWarning, NamedExtension, UserFields } from './types.js';

/** A decode error: what is wrong, and where. */
interface DecodeError {
  line?: number;
  message: string;
}

class Stop extends Error {
  constructor(readonly error: DecodeError) {
    super(error.message);
  }
}

type Obj = Record<string, unknown>;

/** Decodes the document of file `path`; `lines` maps each mapping/sequence to its starting line. */
export function decodeConfig(
  path: string,
  doc: unknown,
  lines: WeakMap<object, number>,
  stringLines: Map<string, number> = new Map(),
): { ok: true; config: FileConfig; warnings: KubeconfigWarning[] } | { ok: false; error: DecodeError } {
  const warnings: KubeconfigWarning[] = [];
  const d = new Decoder(path, lines, warnings, stringLines);
  try {
    return { ok: true, config: d.config(doc), warnings };
  } catch (err) {
    if (err instanceof Stop) return { ok: false, error: err.error };
    throw err;
  }
}

function describe(v: unknown): string {
  if (v instanceof PlainScalar) {
    const what = v.kind === 'bool' ? 'a boolean' : 'a number';
    return v.differsFromYaml12 ? `${what} (YAML 1.1 reads the unquoted ${v.text} as ${String(v.value)})` : `${what} (${v.text})`;
  }
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'a map';
  if (typeof v === 'string') return 'a string';
  return typeof v;
}

class Decoder {
  constructor(
    private readonly path: string,
    private readonly lines: WeakMap<object, number>,
    private readonly warnings: KubeconfigWarning[],
    private readonly stringLines: Map<string, number>,
  ) {}

  private fail(where: string, v: unknown, parent: unknown, expected: string): never {
    const line = (v instanceof PlainScalar ? v.line : undefined) ?? this.lineOf(v) ?? this.lineOf(parent);
    let message = `${where || 'the document'} must be ${expected}, not ${describe(v)}`;
    if (v instanceof PlainScalar && expected === 'a string') message += '; quote the value';
    throw new Stop(line === undefined ? { message } : { line, message });
  }

  private lineOf(v: unknown): number | undefined {
    if (typeof v === 'string') return this.stringLines.get(v);
    return typeof v === 'object' && v !== null ? this.lines.get(v) : undefined;
  }

  private obj(v: unknown, where: string, parent: unknown): Obj | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || v instanceof PlainScalar) this.fail(where, v, parent, 'a map');
    return v as Obj;
  }

  private list(v: unknown, where: string, parent: unknown): unknown[] {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) this.fail(where, v, parent, 'a list');
    return v;
  }

  private str(o: Obj, key: string, where: string): string | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(at(where, key), v, o, 'a string');
    return v;
  }

  private bool(o: Obj, key: string, where: string): boolean | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    if (!(v instanceof PlainScalar) || v.kind !== 'bool') return this.fail(at(where, key), v, o, 'a boolean (true or false, unquoted)');
    if (v.differsFromYaml12) this.warnYaml11(v, at(where, key));
    return v.value as boolean;
  }

  private warnYaml11(v: PlainScalar, where: string): void {
    const w: KubeconfigWarning = {
      file: this.path,
      message: `${where}: the unquoted ${v.text} is read as ${String(v.value)} (YAML 1.1, as kubectl reads it); YAML 1.2 tools read it as the string "${v.text}"`,
    };
    if (v.line !== undefined) w.line = v.line;
    this.warnings.push(w);
  }

  private strList(o: Obj, key: string, where: string): string[] | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    return this.list(v, at(where, key), o).map((item, i) => {
      if (item === null) return '';
      if (typeof item !== 'string') this.fail(`${at(where, key)}[${i}]`, item, v, 'a string');
      return item;
    });
  }

  private strMap(o: Obj, key: string, where: string): Record<string, string> | undefined {
    const m = this.obj(o[key], at(where, key), o);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const k of Object.keys(m)) out[k] = this.str(m, k, at(where, key)) ?? '';
    return out;
  }

  private data(o: Obj, key: string, where: string): Uint8Array | undefined {
    const raw = o[key];
    if (Array.isArray(raw)) {
      // Go's JSON decoding also takes a list of byte values for a []byte field.
      return Uint8Array.from(
        raw.map((b, i) => {
          if (!(b instanceof PlainScalar) || b.kind !== 'int' || (b.value as number) < 0 || (b.value as number) > 255)
            this.fail(`${at(where, key)}[${i}]`, b, raw, 'a byte value (0-255)');
          return b.value as number;
        }),
      );
    }
    const s = this.str(o, key, where);
    if (s === undefined) return undefined;
    const r = decodeGoBase64(s);
    if (r.ok) return r.bytes;
    const line = this.lineOf(s) ?? this.lineOf(o);
    const message = `${at(where, key)} is not valid base64: illegal base64 data at input byte ${r.offset}`;
    throw new Stop(line === undefined ? { message } : { line, message });
  }

  private extensions(o: Obj, key: string, where: string): NamedExtension[] | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    const seen = new Set<string>();
    return this.list(v, at(where, key), o).map((item, i) => {
      const e = this.obj(item, `${at(where, key)}[${i}]`, v) ?? {};
      const name = this.str(e, 'name', `${at(where, key)}[${i}]`) ?? '';
      this.dup(seen, name, at(where, key), e);
      return { name, extension: this.json(e['extension'], `${at(where, key)}[${i}].extension`) };
    });
  }

  /** Arbitrary extension content as JSON values (the size was bounded before decoding). */
  private json(v: unknown, where: string): unknown {
    if (v instanceof PlainScalar) {
      if (typeof v.value === 'number' && !Number.isFinite(v.value)) {
        const message = `${where}: ${v.text} cannot be written as JSON (kubectl refuses it too)`;
        throw new Stop(v.line === undefined ? { message } : { line: v.line, message });
      }
      if (v.differsFromYaml12) this.warnYaml11(v, where);
      return v.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => this.json(x, `${where}[${i}]`));
    if (typeof v === 'object' && v !== null) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v as Obj)) out[k] = this.json(x, `${where}.${k}`);
      return out;
    }
    return v === undefined ? null : v;
  }

  private dup(seen: Set<string>, name: string, where: string, entry: unknown): void {
    if (seen.has(name)) {
      const line = this.lineOf(entry);
      const message = `${where}: duplicate name "${name}" in list`;
      throw new Stop(line === undefined ? { message } : { line, message });
    }
    seen.add(name);
  }

  config(doc: unknown): FileConfig {
    const out: FileConfig = { path: this.path, clusters: [], users: [], contexts: [] };
    const root = this.obj(doc, '', doc);
    if (!root) return out;
    const apiVersion = this.str(root, 'apiVersion', '');
    const kind = this.str(root, 'kind', '');
    if (
      (apiVersion !== undefined && apiVersion !== '' && apiVersion !== 'v1') ||
      (kind !== undefined && kind !== '' && kind !== 'Config')
    ) {
      throw new Stop({
        line: 1,
        message: `no kind "${kind || 'Config'}" is registered for version "${apiVersion || 'v1'}": a kubeconfig is apiVersion v1, kind Config`,
      });
    }
    const prefs = this.obj(root['preferences'], 'preferences', root);
    if (prefs) {
      const colors = this.bool(prefs, 'colors', 'preferences');
      if (colors !== undefined) out.colors = colors;
      const ext = this.extensions(prefs, 'extensions', 'preferences');
      if (ext) out.preferenceExtensions = ext;
    }
    out.clusters = this.namedList(root, 'clusters', 'cluster', (f, w) => this.cluster(f, w));
    out.users = this.namedList(root, 'users', 'user', (f, w) => this.user(f, w));
    out.contexts = this.namedList(root, 'contexts', 'context', (f, w) => this.context(f, w));
    const current = this.str(root, 'current-context', '');
    if (current !== undefined) out.currentContext = current;
    const ext = this.extensions(root, 'extensions', '');
    if (ext) out.extensions = ext;
    return out;
  }

  /** Decodes `clusters`, `users` or `contexts`: named entries, names unique, the inner map by `decode`. */
  private namedList<F>(
    root: Obj,
    key: string,
    inner: string,
    decode: (fields: Obj, where: string) => F,
  ): Array<{ name: string; fields: F }> {
    const seen = new Set<string>();
    return this.list(root[key], key, root).map((item, i) => {
      const where = `${key}[${i}]`;
      const e = this.obj(item, where, root[key]) ?? {};
      const name = this.str(e, 'name', where) ?? '';
      this.dup(seen, name, key, e);
      return { name, fields: decode(this.obj(e[inner], `${where}.${inner}`, e) ?? {}, `${where}.${inner}`) };
    });
  }

  private cluster(c: Obj, w: string): ClusterFields {
    const f: ClusterFields = {};
    set(f, 'server', this.str(c, 'server', w));
    set(f, 'tlsServerName', this.str(c, 'tls-server-name', w));
    set(f, 'insecureSkipTlsVerify', this.bool(c, 'insecure-skip-tls-verify', w));
    set(f, 'certificateAuthority', this.str(c, 'certificate-authority', w));
    set(f, 'certificateAuthorityData', this.data(c, 'certificate-authority-data', w));
    set(f, 'proxyUrl', this.str(c, 'proxy-url', w));
    set(f, 'disableCompression', this.bool(c, 'disable-compression', w));
    set(f, 'extensions', this.extensions(c, 'extensions', w));
    return f;
  }

  private user(u: Obj, w: string): UserFields {
    const f: UserFields = {};
    set(f, 'clientCertificate', this.str(u, 'client-certificate', w));
    set(f, 'clientCertificateData', this.data(u, 'client-certificate-data', w));
    set(f, 'clientKey', this.str(u, 'client-key', w));
    set(f, 'clientKeyData', this.data(u, 'client-key-data', w));
    set(f, 'token', this.str(u, 'token', w));
    set(f, 'tokenFile', this.str(u, 'tokenFile', w));
    set(f, 'as', this.str(u, 'as', w));
    set(f, 'asUid', this.str(u, 'as-uid', w));
    set(f, 'asGroups', this.strList(u, 'as-groups', w));
    const extra = this.obj(u['as-user-extra'], `${w}.as-user-extra`, u);
    if (extra) {
      const out: Record<string, string[] | null> = {};
      for (const k of Object.keys(extra)) out[k] = this.strList(extra, k, `${w}.as-user-extra`) ?? null;
      f.asUserExtra = out;
    }
    set(f, 'username', this.str(u, 'username', w));
    set(f, 'password', this.str(u, 'password', w));
    const ap = this.obj(u['auth-provider'], `${w}.auth-provider`, u);
    if (ap) {
      const config = this.strMap(ap, 'config', `${w}.auth-provider`);
      f.authProvider = { name: this.str(ap, 'name', `${w}.auth-provider`) ?? '' };
      if (config) f.authProvider.config = config;
    }
    const ex = this.obj(u['exec'], `${w}.exec`, u);
    if (ex) f.exec = this.exec(ex, `${w}.exec`);
    set(f, 'extensions', this.extensions(u, 'extensions', w));
    return f;
  }

  private exec(e: Obj, w: string): ExecFields {
    const f: ExecFields = { command: this.str(e, 'command', w) ?? '', provideClusterInfo: this.bool(e, 'provideClusterInfo', w) ?? false };
    set(f, 'args', this.strList(e, 'args', w));
    const env = e['env'];
    if (env !== null && env !== undefined) {
      f.env = this.list(env, `${w}.env`, e).map((item, i) => {
        const v = this.obj(item, `${w}.env[${i}]`, env) ?? {};
        return { name: this.str(v, 'name', `${w}.env[${i}]`) ?? '', value: this.str(v, 'value', `${w}.env[${i}]`) ?? '' };
      });
    }
    set(f, 'apiVersion', this.str(e, 'apiVersion', w));
    set(f, 'installHint', this.str(e, 'installHint', w));
    set(f, 'interactiveMode', this.str(e, 'interactiveMode', w));
    // kubectl's v1beta1 decoding defaults interactiveMode to IfAvailable; v1 gets no default.
    if (f.apiVersion === 'client.authentication.k8s.io/v1beta1' && !f.interactiveMode) f.interactiveMode = 'IfAvailable';
    return f;
  }

  private context(c: Obj, w: string): ContextFields {
    const f: ContextFields = { cluster: this.str(c, 'cluster', w) ?? '', user: this.str(c, 'user', w) ?? '' };
    set(f, 'namespace', this.str(c, 'namespace', w));
    set(f, 'extensions', this.extensions(c, 'extensions', w));
    return f;
  }
}

/** A field path: `clusters[0].cluster.server`, or the bare key at the top level. */
function at(where: string, key: string): string {
  return where === '' ? key : `${where}.${key}`;
}

/** Sets an optional field only when a value is present (keeps objects free of `undefined`). */
function set<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
