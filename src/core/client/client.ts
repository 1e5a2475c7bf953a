/**
 * The KubeClient for one Target: a façade over the request pipeline (session.ts) and the call
 * modules, each call resolving to a Result with an explained Failure.
 */
import type { Result } from '../failure.js';
import type { Pod } from '../pods/index.js';
import type { Target } from '../target.js';
import type { ClientDeps } from './deps.js';
import { ClientSession, type CallContext } from './session.js';
import type { HttpRequest, HttpResponse, HttpStream } from './transport.js';
import { watchStream } from './watch.js';
import { listPodRows, listPodObjects } from './list.js';
import * as calls from './calls.js';
import { listEvents } from './events.js';
import { openLog, readLog } from './logs.js';
import { deletePod, getPodObject } from './pod-calls.js';
import type {
  AccessAttributes,
  AccessDecision,
  Identity,
  InvolvedObject,
  KubeClient,
  KubeEvent,
  ListOptions,
  LogOptions,
  LogStream,
  PodEvent,
  PodList,
  PodQuery,
  PodRow,
  ResourceRule,
} from './types.js';

export { TABLE_ACCEPT } from './accept.js';
export type { CallContext } from './session.js';

/** The client; implements KubeClient plus the calls the headless commands need. */
export class KubeApiClient implements KubeClient {
  readonly target: Target;
  /** The request pipeline every call goes through; pass it to modules that add calls. */
  readonly session: ClientSession;
  private readonly pageSize: number;

  constructor(target: Target, deps: ClientDeps) {
    this.target = target;
    this.session = new ClientSession(target, deps);
    this.pageSize = deps.pageSize ?? 500;
  }

  /** The injected clock. */
  clock(): Date {
    return this.session.clock();
  }

  /** Warnings about the credential setup (e.g. none sent over http://). */
  warnings(): Promise<string[]> {
    return this.session.warnings();
  }

  /** Runs the credential step alone (for `kpods trace`). */
  checkCredentials(signal?: AbortSignal): Promise<Result<string[]>> {
    return this.session.checkCredentials(signal);
  }

  /** How many times the exec plugin ran (for tests and trace). */
  execRuns(): Promise<number> {
    return this.session.execRuns();
  }

  /** Sends one request with credentials; 2xx bodies are returned, others classified and located in the kubeconfig. */
  call(req: HttpRequest, ctx: CallContext): Promise<Result<HttpResponse>> {
    return this.session.call(req, ctx);
  }

  /** A call whose 2xx body must be a Kubernetes JSON object. */
  callObject(req: HttpRequest, ctx: CallContext, requireKind = true): Promise<Result<Record<string, unknown>>> {
    return this.session.callObject(req, ctx, requireKind);
  }

  /** Opens a streaming request through the same pipeline. */
  open(req: HttpRequest, ctx: CallContext): Promise<Result<HttpStream>> {
    return this.session.open(req, ctx);
  }

  listPods(query: PodQuery, opts: ListOptions = {}): Promise<Result<PodList>> {
    return listPodRows(this.session, query, opts, this.pageSize);
  }

  /** Lists full Pod objects (for -o json). */
  listPodObjects(query: PodQuery, signal?: AbortSignal): Promise<Result<{ items: Pod[]; resourceVersion?: string }>> {
    return listPodObjects(this.session, query, signal, this.pageSize);
  }

  watchPods(
    query: PodQuery,
    resourceVersion: string,
    onEvent: (event: PodEvent) => void,
    signal?: AbortSignal,
  ): Promise<Result<{ resourceVersion?: string }>> {
    return watchStream(this.session, query, resourceVersion, onEvent, signal);
  }

  /** Gets one pod as a row (Table format with metadata). */
  getPod(namespace: string, name: string, signal?: AbortSignal): Promise<Result<PodRow>> {
    return calls.getPod(this.session, namespace, name, signal);
  }

  getPodObject(namespace: string, name: string, signal?: AbortSignal): Promise<Result<Pod>> {
    return getPodObject(this.session, namespace, name, signal);
  }

  listEvents(namespace: string, involved?: InvolvedObject, signal?: AbortSignal): Promise<Result<KubeEvent[]>> {
    return listEvents(this.session, namespace, involved, signal);
  }

  openLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<LogStream>> {
    return openLog(this.session, namespace, pod, opts, signal);
  }

  readLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<string>> {
    return readLog(this.session, namespace, pod, opts, signal);
  }

  deletePod(
    namespace: string,
    name: string,
    opts?: { gracePeriodSeconds?: number },
    signal?: AbortSignal,
  ): Promise<Result<Pod | undefined>> {
    return deletePod(this.session, namespace, name, opts, signal);
  }

  accessReview(attrs: AccessAttributes, signal?: AbortSignal): Promise<Result<AccessDecision>> {
    return calls.accessReview(this.session, attrs, signal);
  }

  listNamespaces(signal?: AbortSignal): Promise<Result<string[]>> {
    return calls.listNamespaces(this.session, signal);
  }

  whoAmI(signal?: AbortSignal): Promise<Result<Identity>> {
    return calls.whoAmI(this.session, signal);
  }

  canI(verb: string, resource: string, namespace: string | undefined, signal?: AbortSignal): Promise<Result<boolean>> {
    return calls.canI(this.session, verb, resource, namespace, signal);
  }

  rules(namespace: string, signal?: AbortSignal): Promise<Result<ResourceRule[]>> {
    return calls.rules(this.session, namespace, signal);
  }

  version(signal?: AbortSignal): Promise<Result<{ gitVersion?: string }>> {
    return calls.version(this.session, signal);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** Creates a client for one target; nothing is read or sent until the first call. */
export function createKubeClient(target: Target, deps: ClientDeps): KubeApiClient {
  return new KubeApiClient(target, deps);
}
