/**
 * The contract between the API client (src/core/client) and its users (commands, UI).
 * The client owner may extend these types; changing existing fields needs the UI's agreement.
 */
import type { Result } from '../failure.js';
import type { Pod } from '../pods/index.js';

/** One pod as a row, with kubectl's cells. AGE is computed at render time from `createdAt`. */
export interface PodRow {
  /** metadata.uid; falls back to `namespace/name` when the server gave none. */
  key: string;
  namespace: string;
  name: string;
  /** "1/2" */
  ready: string;
  /** kubectl's STATUS cell, e.g. "Running", "CrashLoopBackOff", "Init:0/2", "Terminating". */
  status: string;
  /** kubectl's RESTARTS cell, e.g. "0", "3 (5m ago)". */
  restarts: string;
  /** Total restarts as a number, for sorting. */
  restartCount: number;
  /** metadata.creationTimestamp; undefined when unknown. */
  createdAt?: Date;
  /** The server's AGE cell, used only when `createdAt` is unknown. */
  ageCell?: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
  labels: Record<string, string>;
}

/** Which pods to list. `namespace` undefined means all namespaces. */
export interface PodQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Called as pages arrive on a large list: rows loaded so far, and the server's estimate of the total. */
  onProgress?: (loaded: number, estimatedTotal?: number) => void;
  /**
   * Called once, before the rest arrives, with the first rows of a list that takes more than one
   * answer (the first page; all namespaces: the first namespaces in the server's order): the top
   * of what the whole list will be, as kubectl prints its first page at once.
   */
  onFirstRows?: (rows: readonly PodRow[]) => void;
  /**
   * What each Table row carries besides the cells. 'none' (default for one namespace) is ~25x
   * smaller: rows then have no uid/createdAt/labels (key = namespace/name, AGE = the server's cell).
   * 'metadata' (default for all namespaces, where the namespace is needed) adds uid, createdAt, labels.
   */
  objects?: 'none' | 'metadata';
  /**
   * For all namespaces: list the namespaces, then each one as a small Table(None), merged in the
   * server's order (~20x fewer bytes than Table(Metadata)). Falls back to one cluster-wide list
   * when namespaces cannot be listed or there are more than 200. Rows then carry no uid/createdAt,
   * and resourceVersion is unset (not suitable for starting a watch).
   */
  perNamespace?: boolean;
  /**
   * Asks for what the API server can serve from its watch cache (`resourceVersion=0`, in one
   * request per list: the server ignores `limit` then): any recent state, possibly a moment old.
   * For repeated polls, where a consistent read from etcd is not worth its cost every interval.
   */
  cached?: boolean;
  /**
   * Awaited between slices of a long answer's rows while they are read (the browser: a turn of the
   * event loop, so keystrokes are handled in between); without it, an answer is read in one go.
   */
  pause?: () => Promise<void>;
  /** The list is read once (`kpods list`): its row texts are not kept for a next read of it. */
  once?: boolean;
}

export interface PodList {
  rows: PodRow[];
  resourceVersion?: string;
}

/** A change from a watch. */
export type PodEvent =
  { type: 'ADDED' | 'MODIFIED' | 'DELETED'; row: PodRow; resourceVersion?: string } | { type: 'BOOKMARK'; resourceVersion?: string };

/** Who the server says the caller is (SelfSubjectReview). */
export interface Identity {
  username?: string;
  uid?: string;
  groups: string[];
}

/** One rule from SelfSubjectRulesReview. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

/** What an access review asks about (SelfSubjectAccessReview resourceAttributes; group '' = core). */
export interface AccessAttributes {
  verb: string;
  resource: string;
  namespace?: string;
  subresource?: string;
  name?: string;
  group?: string;
}

/** The server's answer to an access review. */
export interface AccessDecision {
  allowed: boolean;
  /** Why, when the authorizer says (e.g. the RBAC binding that allowed it). */
  reason?: string;
}

/** Query parameters of a container log (kubectl logs' flags). */
export interface LogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** A log as it arrives. */
export interface LogStream {
  /** Raw bytes as they arrive; ends when the server closes the stream (or after close()). */
  chunks: AsyncIterable<Uint8Array>;
  /** Ends the request; the iteration of `chunks` then ends. */
  close(): void;
}

/** A core/v1 Event (every field optional, as the server may omit any). */
export interface KubeEvent {
  metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** The object whose events are wanted (kubectl describe's involvedObject field selector). */
export interface InvolvedObject {
  name: string;
  uid?: string;
  kind?: string;
}

/** A client for one Target. Every call resolves to a Result; none throws for expected failures. */
export interface KubeClient {
  listPods(query: PodQuery, opts?: ListOptions): Promise<Result<PodList>>;
  /** Watches from `resourceVersion`; resolves when the stream ends (timeout, abort, error). */
  watchPods(
    query: PodQuery,
    resourceVersion: string,
    onEvent: (event: PodEvent) => void,
    signal?: AbortSignal,
  ): Promise<Result<{ resourceVersion?: string }>>;
  listNamespaces(signal?: AbortSignal): Promise<Result<string[]>>;
  whoAmI(signal?: AbortSignal): Promise<Result<Identity>>;
  canI(verb: string, resource: string, namespace: string | undefined, signal?: AbortSignal): Promise<Result<boolean>>;
  rules(namespace: string, signal?: AbortSignal): Promise<Result<ResourceRule[]>>;
  version(signal?: AbortSignal): Promise<Result<{ gitVersion?: string }>>;
  /** The full Pod object (GET …/pods/NAME, plain JSON). */
  getPodObject(namespace: string, name: string, signal?: AbortSignal): Promise<Result<Pod>>;
  /**
   * core/v1 Events of a namespace; with `involved`, only that object's (field selector on
   * involvedObject name/namespace/uid/kind, as kubectl describe does). In the server's order.
   */
  listEvents(namespace: string, involved?: InvolvedObject, signal?: AbortSignal): Promise<Result<KubeEvent[]>>;
  /** Opens a container's log as a byte stream (GET …/pods/NAME/log); a non-2xx answer is a classified failure. */
  openLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<LogStream>>;
  /** Reads a log whole (never follows) as text, at most opts.limitBytes (default 1 MiB). */
  readLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<string>>;
  /** Deletes a pod (gracePeriodSeconds 0 = kill at once); the server's answer: the pod (with deletionTimestamp) or undefined. */
  deletePod(
    namespace: string,
    name: string,
    opts?: { gracePeriodSeconds?: number },
    signal?: AbortSignal,
  ): Promise<Result<Pod | undefined>>;
  /** SelfSubjectAccessReview for any verb/resource (canI is the short form). */
  accessReview(attrs: AccessAttributes, signal?: AbortSignal): Promise<Result<AccessDecision>>;
  /** Releases the connection pool. */
  close(): Promise<void>;
}
