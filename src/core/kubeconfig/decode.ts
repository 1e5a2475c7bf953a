/**
 * Turns one parsed kubeconfig document into typed entries, as strictly as kubectl's decoder:
 * a boolean or number where a string belongs, a map where a list belongs, bad base64 in a
 * `*-data` field, or a duplicate name in one list is an error naming the field and the line
 * (the typed reads: decode-fields.ts).
 */
import type { ClusterFields, ContextFields, ExecFields, FileConfig, KubeconfigWarning, UserFields } from './types.js';
import { FieldReader, Stop, type DecodeError, type Obj } from './decode-fields.js';

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

/** The kubeconfig structure: preferences, the named clusters, users and contexts, current-context, extensions. */
class Decoder extends FieldReader {
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

/** Sets an optional field only when a value is present (keeps objects free of `undefined`). */
function set<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
