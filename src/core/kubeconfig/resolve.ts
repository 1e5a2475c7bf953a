/**
 * Picks context, cluster and user and applies kubectl's override flags, producing one
 * Target; where kubectl would silently guess (localhost:8080, a username prompt) this explains.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { failure, type Failure, type Result } from '../failure.js';
import type { AuthInfo, Host, Impersonation, Target, TlsMaterial } from '../target.js';
import { clusterNotFound, contextNotFound, invalidFile, noCurrentContext, notFound, userNotFound } from './errors.js';
import { detectInCluster, type InClusterInfo } from './in-cluster.js';
import { parseRequestTimeout, REQUEST_TIMEOUT_HELP, type TargetOverrides } from './overrides.js';
import type { ClusterEntry, LoadedKubeconfig, UserEntry } from './types.js';
import { quoteCapped } from '../terminal-text.js';

/** Options of resolveTarget that tests replace. */
export interface ResolveOptions {
  /** Where the pod's service account is mounted (default /var/run/secrets/kubernetes.io/serviceaccount). */
  serviceAccountDir?: string;
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

/** A kubeconfig path resolved against the directory of the file that defined it. */
export function resolveFrom(origin: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dirname(origin), p);
}

function usage(summary: string, hint: string): Failure {
  return failure('kubeconfig.invalid', summary, [hint]);
}

/** Resolves the target for the overrides: context, cluster, user, TLS, credentials, impersonation, namespace. */
export function resolveTarget(config: LoadedKubeconfig, o: TargetOverrides, host: Host, options: ResolveOptions = {}): Result<Target> {
  let requestTimeoutMs: number | undefined;
  if (o.requestTimeout !== undefined) {
    const ms = parseRequestTimeout(o.requestTimeout);
    if (ms === undefined)
      return {
        ok: false,
        failure: usage(`--request-timeout ${quoteCapped(o.requestTimeout)}: ${REQUEST_TIMEOUT_HELP}.`, 'Use e.g. --request-timeout=30s.'),
      };
    // 0 is kept: it means "no limit", where an absent flag lets the command choose its default.
    requestTimeoutMs = ms;
  }
  const pod = detectInCluster(host, options.serviceAccountDir);
  const contextName = o.context || config.currentContext || '';
  if (!contextName && !o.cluster) {
    if (pod) return inClusterTarget(pod, o, requestTimeoutMs, host);
    if (!o.server) {
      if (!config.files.some((f) => f.exists)) return { ok: false, failure: notFound(config) };
      return { ok: false, failure: noCurrentContext(config) };
    }
  }
  const ctx = contextName ? config.contexts.find((c) => c.name === contextName) : undefined;
  if (contextName && !ctx) return { ok: false, failure: contextNotFound(config, contextName, Boolean(o.context)) };
  const clusterName = o.cluster || ctx?.fields.cluster || '';
  const userName = o.user || ctx?.fields.user || '';
  const cluster = config.clusters.find((c) => c.name === clusterName);
  if (!cluster && !o.server) {
    return { ok: false, failure: clusterNotFound(config, clusterName, o.cluster ? undefined : contextName, ctx?.origin) };
  }
  const user = config.users.find((u) => u.name === userName);
  if (!user && userName !== '') {
    return { ok: false, failure: userNotFound(config, userName, o.user ? undefined : contextName, ctx?.origin) };
  }
  const tls = clusterTls(cluster, o, host);
  if (!tls.ok) return tls;
  const auth = userAuth(user, o);
  if (!auth.ok) return auth;
  const imp = impersonation(user, o);
  if (!imp.ok) return imp;
  const server = (o.server ?? cluster?.fields.server ?? '').replace(/\/+$/, '');
  if (!server) {
    const origin = cluster?.origin ?? '';
    return {
      ok: false,
      failure: invalidFile(
        origin,
        undefined,
        `cluster ${quoteCapped(clusterName)} has no server (kubectl would quietly use http://localhost:8080)`,
      ),
    };
  }
  const proxyUrl = cluster?.fields.proxyUrl;
  if (proxyUrl) {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(proxyUrl)?.[1];
    if (!scheme || !['http', 'https', 'socks5'].includes(scheme.toLowerCase())) {
      return {
        ok: false,
        failure: invalidFile(
          cluster?.origin ?? '',
          undefined,
          `cluster ${quoteCapped(clusterName)} has proxy-url ${quoteCapped(proxyUrl)}: the scheme must be http, https or socks5`,
        ),
      };
    }
  }
  let namespace = o.namespace;
  let namespaceSource: Target['namespaceSource'] = 'flag';
  if (!namespace && ctx?.fields.namespace) [namespace, namespaceSource] = [ctx.fields.namespace, 'context'];
  if (!namespace && pod?.namespace) [namespace, namespaceSource] = [pod.namespace, 'in-cluster'];
  if (!namespace) [namespace, namespaceSource] = ['default', 'default'];
  const { certFile, certData, keyFile, keyData, ...authOnly } = auth.value;
  if (certFile) tls.value.certFile = certFile;
  if (certData) tls.value.certData = certData;
  if (keyFile) tls.value.keyFile = keyFile;
  if (keyData) tls.value.keyData = keyData;
  const target: Target = {
    contextName,
    clusterName,
    userName,
    userOverridden: Boolean(o.user),
    server,
    namespace,
    namespaceSource,
    tls: tls.value,
    auth: authOnly,
    impersonate: imp.value,
    disableCompression: cluster?.fields.disableCompression ?? false,
    origins: {},
    inCluster: false,
  };
  if (proxyUrl) target.proxyUrl = proxyUrl;
  if (requestTimeoutMs !== undefined) target.requestTimeoutMs = requestTimeoutMs;
  const execExt = cluster?.fields.extensions?.find((e) => e.name === 'client.authentication.k8s.io/exec');
  if (execExt) target.execClusterConfig = execExt.extension;
  if (ctx) target.origins.context = ctx.origin;
  if (cluster) target.origins.cluster = cluster.origin;
  if (user) target.origins.user = user.origin;
  return { ok: true, value: target };
}

function clusterTls(cluster: ClusterEntry | undefined, o: TargetOverrides, host: Host): Result<TlsMaterial> {
  const f = cluster?.fields ?? {};
  const tls: TlsMaterial = { insecureSkipVerify: f.insecureSkipTlsVerify ?? false };
  const serverName = o.tlsServerName ?? (o.server ? undefined : f.tlsServerName);
  if (serverName) tls.serverName = serverName;
  if (o.insecureSkipTlsVerify || o.certificateAuthority) {
    // kubectl: either override replaces the kubeconfig's CA file, CA data and insecure flag together.
    tls.insecureSkipVerify = o.insecureSkipTlsVerify ?? false;
    if (o.certificateAuthority) tls.caFile = resolve(host.cwd, o.certificateAuthority);
  } else {
    if (f.certificateAuthority && f.certificateAuthorityData && cluster) {
      return {
        ok: false,
        failure: invalidFile(
          cluster.origin,
          undefined,
          `cluster ${quoteCapped(cluster.name)} sets both certificate-authority and certificate-authority-data (kubectl refuses this)`,
        ),
      };
    }
    if (f.certificateAuthority && cluster) tls.caFile = resolveFrom(cluster.origin, f.certificateAuthority);
    if (f.certificateAuthorityData) tls.caData = text(f.certificateAuthorityData);
  }
  if (tls.insecureSkipVerify && (tls.caFile || tls.caData)) {
    const where = o.insecureSkipTlsVerify
      ? '--insecure-skip-tls-verify with --certificate-authority'
      : `cluster ${quoteCapped(cluster?.name ?? '')} sets insecure-skip-tls-verify together with a certificate authority`;
    return {
      ok: false,
      failure: failure(
        'kubeconfig.invalid',
        `${where}: kubectl refuses a CA together with the insecure flag.`,
        ['Keep either the CA or insecure-skip-tls-verify, not both.'],
        cluster ? `file: ${cluster.origin}` : undefined,
      ),
    };
  }
  return { ok: true, value: tls };
}

function userAuth(
  user: UserEntry | undefined,
  o: TargetOverrides,
): Result<AuthInfo & Pick<TlsMaterial, 'certFile' | 'certData' | 'keyFile' | 'keyData'>> {
  const auth: AuthInfo = {};
  if (!user) {
    if (o.token) auth.token = o.token;
    return { ok: true, value: auth };
  }
  const f = user.fields;
  const bad = (reason: string): Result<never> => ({
    ok: false,
    failure: invalidFile(user.origin, undefined, `user ${quoteCapped(user.name)} ${reason}`),
  });
  if (f.clientCertificate && f.clientCertificateData)
    return bad('sets both client-certificate and client-certificate-data (kubectl refuses this)');
  if (f.clientKey && f.clientKeyData) return bad('sets both client-key and client-key-data (kubectl refuses this)');
  if ((f.clientCertificate || f.clientCertificateData) && !(f.clientKey || f.clientKeyData))
    return bad('has a client certificate but no client-key or client-key-data');
  if (o.token) auth.token = o.token;
  else {
    if (f.token) auth.token = f.token;
    if (f.tokenFile) auth.tokenFile = resolveFrom(user.origin, f.tokenFile);
  }
  if (f.username || f.password) {
    if (auth.token || auth.tokenFile)
      return bad('sets both a token and a username/password; kubectl allows only one authentication method');
    if (f.username) auth.username = f.username;
    if (f.password) auth.password = f.password;
  }
  if (f.authProvider) auth.authProvider = { name: f.authProvider.name, config: { ...(f.authProvider.config ?? {}) } };
  if (f.exec) {
    const e = f.exec;
    const command = e.command.includes('/') ? resolveFrom(user.origin, e.command) : e.command;
    auth.exec = {
      apiVersion: e.apiVersion ?? '',
      command,
      args: [...(e.args ?? [])],
      env: (e.env ?? []).map((x) => ({ ...x })),
      provideClusterInfo: e.provideClusterInfo,
    };
    if (e.installHint) auth.exec.installHint = e.installHint;
    if (e.interactiveMode) auth.exec.interactiveMode = e.interactiveMode;
  }
  const out: AuthInfo & Pick<TlsMaterial, 'certFile' | 'certData' | 'keyFile' | 'keyData'> = auth;
  if (f.clientCertificate) out.certFile = resolveFrom(user.origin, f.clientCertificate);
  if (f.clientCertificateData) out.certData = text(f.clientCertificateData);
  if (f.clientKey) out.keyFile = resolveFrom(user.origin, f.clientKey);
  if (f.clientKeyData) out.keyData = text(f.clientKeyData);
  return { ok: true, value: out };
}

function impersonation(user: UserEntry | undefined, o: TargetOverrides): Result<Impersonation> {
  const f = user?.fields ?? {};
  const imp: Impersonation = {
    groups: [...(o.asGroups?.length ? o.asGroups : (f.asGroups ?? []))],
    extra: Object.fromEntries(Object.entries(f.asUserExtra ?? {}).map(([k, v]) => [k, v ?? []])),
  };
  const as = o.as || f.as;
  if (as) imp.user = as;
  if (f.asUid) imp.uid = f.asUid;
  if (!imp.user && (imp.uid || imp.groups.length > 0 || Object.keys(imp.extra).length > 0)) {
    return {
      ok: false,
      failure: failure(
        'kubeconfig.invalid',
        `Impersonation groups, uid or extra are set for user ${quoteCapped(user?.name ?? '')} without a user to impersonate.`,
        ['Add --as USER (or `as:` in the kubeconfig user), as kubectl requires.'],
        user ? `file: ${user.origin}` : undefined,
      ),
    };
  }
  return { ok: true, value: imp };
}

function inClusterTarget(pod: InClusterInfo, o: TargetOverrides, requestTimeoutMs: number | undefined, host: Host): Result<Target> {
  const tls: TlsMaterial = { insecureSkipVerify: o.insecureSkipTlsVerify ?? false };
  if (o.certificateAuthority) tls.caFile = resolve(host.cwd, o.certificateAuthority);
  else if (pod.caFile && !tls.insecureSkipVerify) tls.caFile = pod.caFile;
  if (o.tlsServerName) tls.serverName = o.tlsServerName;
  const auth: AuthInfo = o.token ? { token: o.token } : { tokenFile: pod.tokenFile };
  const imp: Impersonation = { groups: [...(o.asGroups ?? [])], extra: {} };
  if (o.as) imp.user = o.as;
  let namespace = o.namespace;
  let namespaceSource: Target['namespaceSource'] = 'flag';
  if (!namespace && pod.namespace) [namespace, namespaceSource] = [pod.namespace, 'in-cluster'];
  if (!namespace) [namespace, namespaceSource] = ['default', 'default'];
  const target: Target = {
    contextName: '',
    clusterName: '',
    userName: '',
    userOverridden: false,
    server: (o.server ?? pod.server).replace(/\/+$/, ''),
    namespace,
    namespaceSource,
    tls,
    auth,
    impersonate: imp,
    disableCompression: false,
    origins: {},
    inCluster: true,
  };
  if (requestTimeoutMs !== undefined) target.requestTimeoutMs = requestTimeoutMs;
  return { ok: true, value: target };
}
