/**
 * The resolved target of a request: everything the client needs to reach one API server as
 * one user. Produced by the kubeconfig engine (src/core/kubeconfig), consumed by the client
 * (src/core/client). All file paths are absolute; all `*-data` fields are already decoded.
 */

/** Where a kubeconfig entry was defined. */
interface Origins {
  context?: string;
  cluster?: string;
  user?: string;
}

/** TLS settings for the API server connection. PEM strings, not base64. */
export interface TlsMaterial {
  insecureSkipVerify: boolean;
  /** SNI and the name verified against the certificate (kubeconfig `tls-server-name`). */
  serverName?: string;
  caFile?: string;
  caData?: string;
  certFile?: string;
  certData?: string;
  keyFile?: string;
  keyData?: string;
}

/** An exec credential plugin, as configured (kubeconfig `users[].user.exec`). */
export interface ExecConfig {
  apiVersion: string;
  /** The command; resolved against the defining file's folder when it contains a path separator. */
  command: string;
  args: string[];
  env: Array<{ name: string; value: string }>;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always' | string;
}

/** The credential fields of a user, after overrides. Several may be set; the client applies kubectl's precedence. */
export interface AuthInfo {
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: { name: string; config: Record<string, string> };
}

/** Impersonation (`--as`, `--as-group`, kubeconfig `as`, `as-groups`, `as-uid`, `as-user-extra`). */
export interface Impersonation {
  user?: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** One API server as one user, in one namespace. */
export interface Target {
  contextName: string;
  clusterName: string;
  userName: string;
  /** True when the user came from `--user` (or the UI's user picker) instead of the context. */
  userOverridden: boolean;
  /** Base URL of the API server, as written (path prefix kept, no trailing slash). */
  server: string;
  namespace: string;
  /** Where the namespace came from: a flag, the context, in-cluster, or the default. */
  namespaceSource: 'flag' | 'context' | 'in-cluster' | 'default';
  tls: TlsMaterial;
  auth: AuthInfo;
  impersonate: Impersonation;
  proxyUrl?: string;
  disableCompression: boolean;
  /** From `--request-timeout`: 0 means no limit; undefined lets the caller choose (commands: 30 s). */
  requestTimeoutMs?: number;
  /** The cluster's `extensions` entry named `client.authentication.k8s.io/exec`, verbatim. */
  execClusterConfig?: unknown;
  origins: Origins;
  /** True when built from the in-cluster service account instead of a kubeconfig. */
  inCluster: boolean;
}

/** The injected view of the process: environment, home directory, working directory, clock. */
export interface Host {
  env: Readonly<Record<string, string | undefined>>;
  /** `undefined` when HOME is unset. */
  home: string | undefined;
  cwd: string;
  now: () => Date;
}
