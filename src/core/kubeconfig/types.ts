/**
 * The kubeconfig model after loading: the files considered, the merged entries with the file
 * each came from, and the warnings met on the way. Field values are as written in the file
 * (paths unresolved); `*Data` fields hold the decoded bytes.
 */

/** One file of the loading chain. */
export interface ConsideredFile {
  /** Absolute path. */
  path: string;
  exists: boolean;
}

/** Something kpods noticed while reading a file that kubectl would treat silently or differently. */
export interface KubeconfigWarning {
  file: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

/** A named `extensions` entry (kubeconfig `extensions: [{name, extension}]`). */
export interface NamedExtension {
  name: string;
  extension: unknown;
}

/** `clusters[].cluster`. */
export interface ClusterFields {
  server?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  certificateAuthority?: string;
  certificateAuthorityData?: Uint8Array;
  proxyUrl?: string;
  disableCompression?: boolean;
  extensions?: NamedExtension[];
}

/** `users[].user.exec`. */
export interface ExecFields {
  command: string;
  /** `undefined` when absent (kubectl prints `null`). */
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode?: string;
}

/** `users[].user`. */
export interface UserFields {
  clientCertificate?: string;
  clientCertificateData?: Uint8Array;
  clientKey?: string;
  clientKeyData?: Uint8Array;
  token?: string;
  tokenFile?: string;
  as?: string;
  asUid?: string;
  asGroups?: string[];
  /** A key written with no value is kept as null (kubectl prints it so). */
  asUserExtra?: Record<string, string[] | null>;
  username?: string;
  password?: string;
  authProvider?: { name: string; config?: Record<string, string> };
  exec?: ExecFields;
  extensions?: NamedExtension[];
}

/** `contexts[].context`. */
export interface ContextFields {
  cluster: string;
  user: string;
  namespace?: string;
  extensions?: NamedExtension[];
}

/** A merged entry: its name, its fields, and the absolute path of the file that defined it. */
export interface Entry<F> {
  name: string;
  fields: F;
  origin: string;
}

/** A merged cluster. */
export type ClusterEntry = Entry<ClusterFields>;
/** A merged user. */
export type UserEntry = Entry<UserFields>;
/** A merged context. */
export type ContextEntry = Entry<ContextFields>;

/** One parsed file, before merging. */
export interface FileConfig {
  path: string;
  clusters: Array<{ name: string; fields: ClusterFields }>;
  users: Array<{ name: string; fields: UserFields }>;
  contexts: Array<{ name: string; fields: ContextFields }>;
  currentContext?: string;
  colors?: boolean;
  preferenceExtensions?: NamedExtension[];
  extensions?: NamedExtension[];
}

/** Where the loading chain came from. */
export type ChainSource = 'flag' | 'env' | 'home';

/** The merged kubeconfig, as kubectl would see it, plus where every entry came from. */
export interface LoadedKubeconfig {
  /** Files considered, in order (missing ones included, `exists: false`). */
  files: ConsideredFile[];
  source: ChainSource;
  /** Entries in first-defined order (not sorted). */
  clusters: ClusterEntry[];
  users: UserEntry[];
  contexts: ContextEntry[];
  currentContext: string | undefined;
  /** The file whose `current-context` won, when one did. */
  currentContextOrigin?: string;
  colors: boolean;
  preferenceExtensions: Array<NamedExtension & { origin: string }>;
  extensions: Array<NamedExtension & { origin: string }>;
  warnings: KubeconfigWarning[];
  /** The file `use-context` writes to (kubectl's "default file"), absolute. */
  defaultFile: string;
  /** The explicit `--kubeconfig` value, when given (needed to write back the same way). */
  explicitPath?: string;
}
