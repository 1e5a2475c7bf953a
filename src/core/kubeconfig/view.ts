/**
 * Renders a merged kubeconfig in the exact shape of `kubectl config view --raw -o json`, so the
 * oracle tests can compare kpods' merge with kubectl's: entries sorted by name in byte order,
 * empty lists as null, `*-data` as canonical base64, and kubectl's omit-empty rules.
 */
import type { ClusterFields, ContextFields, LoadedKubeconfig, NamedExtension, UserFields } from './types.js';

type Json = Record<string, unknown>;

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function byteOrder(a: { name: string }, b: { name: string }): number {
  const x = Buffer.from(a.name);
  const y = Buffer.from(b.name);
  return Buffer.compare(x, y);
}

function put(o: Json, key: string, v: unknown): void {
  if (v === undefined || v === '' || v === false || v === null) return;
  if (Array.isArray(v) && v.length === 0) return;
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.keys(v as object).length === 0) return;
  o[key] = v instanceof Uint8Array ? b64(v) : v;
}

function extensions(list: NamedExtension[] | undefined): unknown {
  if (!list || list.length === 0) return undefined;
  return [...list].sort(byteOrder).map((e) => ({ name: e.name, extension: e.extension ?? null }));
}

function cluster(f: ClusterFields): Json {
  const o: Json = { server: f.server ?? '' };
  put(o, 'tls-server-name', f.tlsServerName);
  put(o, 'insecure-skip-tls-verify', f.insecureSkipTlsVerify);
  put(o, 'certificate-authority', f.certificateAuthority);
  if (f.certificateAuthorityData?.length) o['certificate-authority-data'] = b64(f.certificateAuthorityData);
  put(o, 'proxy-url', f.proxyUrl);
  put(o, 'disable-compression', f.disableCompression);
  put(o, 'extensions', extensions(f.extensions));
  return o;
}

function user(f: UserFields): Json {
  const o: Json = {};
  put(o, 'client-certificate', f.clientCertificate);
  if (f.clientCertificateData?.length) o['client-certificate-data'] = b64(f.clientCertificateData);
  put(o, 'client-key', f.clientKey);
  if (f.clientKeyData?.length) o['client-key-data'] = b64(f.clientKeyData);
  put(o, 'token', f.token);
  put(o, 'tokenFile', f.tokenFile);
  put(o, 'as', f.as);
  put(o, 'as-uid', f.asUid);
  put(o, 'as-groups', f.asGroups);
  put(o, 'as-user-extra', f.asUserExtra);
  put(o, 'username', f.username);
  put(o, 'password', f.password);
  if (f.authProvider) {
    const ap: Json = {
      name: f.authProvider.name,
      config: f.authProvider.config && Object.keys(f.authProvider.config).length > 0 ? f.authProvider.config : null,
    };
    o['auth-provider'] = ap;
  }
  if (f.exec) {
    const e = f.exec;
    const ex: Json = { command: e.command, args: e.args ?? null, env: e.env ?? null };
    put(ex, 'apiVersion', e.apiVersion);
    put(ex, 'installHint', e.installHint);
    ex['provideClusterInfo'] = e.provideClusterInfo;
    put(ex, 'interactiveMode', e.interactiveMode);
    o['exec'] = ex;
  }
  put(o, 'extensions', extensions(f.extensions));
  return o;
}

function context(f: ContextFields): Json {
  const o: Json = { cluster: f.cluster, user: f.user };
  put(o, 'namespace', f.namespace);
  put(o, 'extensions', extensions(f.extensions));
  return o;
}

function list<T extends { name: string }>(items: T[], render: (x: T) => Json): Json[] | null {
  return items.length === 0 ? null : [...items].sort(byteOrder).map(render);
}

/** The merged config as `kubectl config view --raw -o json` prints it (a JSON-ready value). */
export function renderConfigView(config: LoadedKubeconfig): Json {
  const preferences: Json = {};
  put(preferences, 'colors', config.colors);
  put(preferences, 'extensions', extensions(config.preferenceExtensions));
  const out: Json = {
    kind: 'Config',
    apiVersion: 'v1',
    preferences,
    clusters: list(config.clusters, (c) => ({ name: c.name, cluster: cluster(c.fields) })),
    users: list(config.users, (u) => ({ name: u.name, user: user(u.fields) })),
    contexts: list(config.contexts, (c) => ({ name: c.name, context: context(c.fields) })),
    'current-context': config.currentContext ?? '',
  };
  put(out, 'extensions', extensions(config.extensions));
  return out;
}
