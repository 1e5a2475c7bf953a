/**
 * The KubeClient for one Target: credentials, one transport (pool), and the API calls, each
 * resolving to a Result with an explained Failure.
 */
import { failure, type Failure, type Result } from '../failure.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';
import { CredentialSource, loadTls } from './credentials.js';
import { createDefaultExecRunner } from './exec-runner.js';
import type { ClientDeps } from './deps.js';
import { proxySchemeProblem } from './proxy.js';
import { classifyStatus, isKubeObject, notKubernetes, parseJsonObject, type RequestContext } from './status.js';
import { Transport, type HttpRequest, type HttpResponse, type LoadedTls } from './transport.js';
import { watchStream } from './watch.js';
import { listPodRows, listPodObjects } from './list.js';
import type { Identity, KubeClient, ListOptions, PodEvent, PodList, PodQuery, PodRow, ResourceRule } from './types.js';
import * as calls from './calls.js';
import type { Pod } from '../pods/index.js';

/** The Accept header kubectl sends for human-readable output. */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** What a call is, for explanations. */
export interface CallContext {
  verb: string;
  resource: string;
  namespace?: string;
}

interface Ready {
  tls: LoadedTls;
  creds: CredentialSource;
  transport: Transport;
  certKey?: string;
}

/** The client; implements KubeClient plus the calls the headless commands need. */
export class KubeApiClient implements KubeClient {
  readonly target: Target;
  private readonly deps: ClientDeps;
  private ready: Promise<Result<Ready>> | undefined;
  private closed = false;

  constructor(target: Target, deps: ClientDeps) {
    this.target = target;
    this.deps = deps;
  }

  private now(): number {
    return this.deps.host.now().getTime();
  }

  /** The injected clock. */
  clock(): Date {
    return this.deps.host.now();
  }

  /** Loads TLS and credentials once; the same failure is returned to every call. */
  prepare(): Promise<Result<Ready>> {
    this.ready ??= this.init();
    return this.ready;
  }

  private async init(): Promise<Result<Ready>> {
    const t = this.target;
    let url: URL;
    try {
      url = new URL(t.server);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      return {
        ok: false,
        failure: failure('kubeconfig.invalid', `The cluster's server "${neutralize(t.server)}" is not an http(s) URL.`, [
          'Fix clusters[].cluster.server in the kubeconfig, e.g. https://203.0.113.10:6443.',
        ]),
      };
    }
    if (t.proxyUrl) {
      const problem = proxySchemeProblem(t.proxyUrl);
      if (problem)
        return {
          ok: false,
          failure: failure('connection.proxy', `The cluster's proxy-url is not usable: ${neutralize(problem)}.`, [
            'Fix clusters[].cluster.proxy-url: use an http://, https:// or socks5:// URL.',
          ]),
        };
    }
    const tls = await loadTls(t, this.deps.host.now());
    if (!tls.ok) return tls;
    const creds = new CredentialSource(t, tls.value, {
      env: this.deps.host.env,
      now: this.deps.host.now,
      execRunner: this.deps.execRunner ?? createDefaultExecRunner(),
      execTimeoutMs: this.deps.execTimeoutMs ?? 60_000,
      ...(this.deps.onExecStderr ? { onExecStderr: this.deps.onExecStderr } : {}),
      ...(this.deps.secrets ? { secrets: this.deps.secrets } : {}),
      ...(this.deps.persistAuthProvider ? { persistAuthProvider: this.deps.persistAuthProvider } : {}),
    });
    const transport = this.makeTransport(url.protocol === 'https:' ? tls.value : { insecureSkipVerify: tls.value.insecureSkipVerify });
    return { ok: true, value: { tls: tls.value, creds, transport } };
  }

  private makeTransport(tls: LoadedTls): Transport {
    const t = this.target;
    return new Transport({
      server: t.server,
      tls,
      ...(t.proxyUrl ? { proxyUrl: t.proxyUrl } : {}),
      env: this.deps.host.env,
      disableCompression: t.disableCompression,
      ...(t.requestTimeoutMs !== undefined ? { requestTimeoutMs: t.requestTimeoutMs } : {}),
      maxRetries: this.deps.maxRetries ?? 5,
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    });
  }

  /** Warnings about the credential setup (e.g. none sent over http://). */
  async warnings(): Promise<string[]> {
    const r = await this.prepare();
    return r.ok ? r.value.creds.warnings() : [];
  }

  /** Describes the credential last sent (never the secret). */
  async credentialDescription(): Promise<string[]> {
    const r = await this.prepare();
    return r.ok ? r.value.creds.describeSent() : [];
  }

  /** Runs the credential step alone (for `kpods trace`). */
  async checkCredentials(signal?: AbortSignal): Promise<Result<string[]>> {
    const r = await this.prepare();
    if (!r.ok) return { ok: false, failure: this.locate(r.failure) };
    const applied = await r.value.creds.apply(signal);
    if (!applied.ok) return { ok: false, failure: this.locate(applied.failure) };
    return { ok: true, value: r.value.creds.describeSent() };
  }

  /** How many times the exec plugin ran (for tests and trace). */
  async execRuns(): Promise<number> {
    const r = await this.prepare();
    return r.ok ? r.value.creds.execRuns : 0;
  }

  private async transportFor(ready: Ready, execCert: { cert: string; key: string } | undefined): Promise<Transport> {
    if (!execCert) return ready.transport;
    const key = execCert.cert + execCert.key;
    if (ready.certKey !== key) {
      const old = ready.transport;
      ready.transport = this.makeTransport({ ...ready.tls, cert: execCert.cert, key: execCert.key });
      ready.certKey = key;
      void old.close();
    }
    return ready.transport;
  }

  /** Sends one request with credentials; 2xx bodies are returned, others classified and located in the kubeconfig. */
  async call(req: HttpRequest, ctx: CallContext): Promise<Result<HttpResponse>> {
    const r = await this.callRaw(req, ctx);
    return r.ok ? r : { ok: false, failure: this.locate(r.failure) };
  }

  /** Adds which kubeconfig entry to fix: the cluster for TLS problems, the user for credential ones. */
  private locate(f: Failure): Failure {
    const t = this.target;
    const where = (kind: string, name: string, file: string | undefined): string =>
      `kubeconfig ${kind} "${neutralize(name)}"${file ? ` in ${neutralize(file)}` : ''}`;
    let line: string | undefined;
    if (f.code.startsWith('connection.tls') || f.code === 'connection.proxy')
      line = `To fix: ${where('cluster', t.clusterName, t.origins.cluster)}.`;
    else if (f.stage === 'credentials' || f.code === 'authentication.unauthorized')
      line = `To fix: ${where('user', t.userName, t.origins.user)}.`;
    if (!line || t.inCluster || (f.detail ?? '').includes(line)) return f;
    return { ...f, detail: f.detail ? `${f.detail}\n${line}` : line };
  }

  private async callRaw(req: HttpRequest, ctx: CallContext): Promise<Result<HttpResponse>> {
    if (this.closed) return { ok: false, failure: failure('response.invalid', 'The client was closed.', []) };
    const r = await this.prepare();
    if (!r.ok) return r;
    const ready = r.value;
    for (let attempt = 0; ; attempt++) {
      const applied = await ready.creds.apply(req.signal);
      if (!applied.ok) return applied;
      const transport = await this.transportFor(ready, applied.value.execCert);
      const headers = { ...(req.headers ?? {}), ...flatten(applied.value.headers) };
      const sent = await transport.send({ ...req, headers: headers as Record<string, string> }, () => this.now());
      if (!sent.ok) return sent;
      const res = sent.value;
      if (res.status >= 200 && res.status < 300) return sent;
      const described = ready.creds.describeSent();
      if (res.status === 401) {
        const hadExec = !!this.target.auth.exec && described.some((d) => d.includes('exec plugin'));
        ready.creds.onUnauthorized();
        if (hadExec && attempt === 0) {
          const again = await ready.creds.apply(req.signal);
          if (again.ok && again.value.headers['Authorization'] !== applied.value.headers['Authorization']) continue;
        }
      }
      const rc: RequestContext = { ...ctx, credential: described, server: neutralize(this.target.server) };
      return { ok: false, failure: classifyStatus(res, rc) };
    }
  }

  /** A call whose 2xx body must be a Kubernetes JSON object. */
  async callObject(req: HttpRequest, ctx: CallContext, requireKind = true): Promise<Result<Record<string, unknown>>> {
    const res = await this.call(req, ctx);
    if (!res.ok) return res;
    const obj = parseJsonObject(res.value.body);
    if (!obj || (requireKind && !isKubeObject(obj))) {
      return { ok: false, failure: notKubernetes(res.value, { ...ctx, credential: [], server: neutralize(this.target.server) }) };
    }
    return { ok: true, value: obj };
  }

  listPods(query: PodQuery, opts: ListOptions = {}): Promise<Result<PodList>> {
    return listPodRows(this, query, opts, this.deps.pageSize ?? 500);
  }

  /** Lists full Pod objects (for -o json). */
  listPodObjects(query: PodQuery, signal?: AbortSignal): Promise<Result<{ items: Pod[]; resourceVersion?: string }>> {
    return listPodObjects(this, query, signal, this.deps.pageSize ?? 500);
  }

  async watchPods(
    query: PodQuery,
    resourceVersion: string,
    onEvent: (event: PodEvent) => void,
    signal?: AbortSignal,
  ): Promise<Result<{ resourceVersion?: string }>> {
    const r = await this.prepare();
    if (!r.ok) return r;
    return watchStream(this, r.value.creds, r.value.transport, query, resourceVersion, onEvent, signal);
  }

  /** Gets one pod as a row (Table format with metadata). */
  getPod(namespace: string, name: string, signal?: AbortSignal): Promise<Result<PodRow>> {
    return calls.getPod(this, namespace, name, signal);
  }

  listNamespaces(signal?: AbortSignal): Promise<Result<string[]>> {
    return calls.listNamespaces(this, signal);
  }

  whoAmI(signal?: AbortSignal): Promise<Result<Identity>> {
    return calls.whoAmI(this, signal);
  }

  canI(verb: string, resource: string, namespace: string | undefined, signal?: AbortSignal): Promise<Result<boolean>> {
    return calls.canI(this, verb, resource, namespace, signal);
  }

  rules(namespace: string, signal?: AbortSignal): Promise<Result<ResourceRule[]>> {
    return calls.rules(this, namespace, signal);
  }

  version(signal?: AbortSignal): Promise<Result<{ gitVersion?: string }>> {
    return calls.version(this, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.ready) return;
    const r = await this.ready;
    if (r.ok) await r.value.transport.close();
  }
}

function flatten(h: Record<string, string | string[]>): Record<string, string | string[]> {
  return h;
}

/** Creates a client for one target; nothing is read or sent until the first call. */
export function createKubeClient(target: Target, deps: ClientDeps): KubeApiClient {
  return new KubeApiClient(target, deps);
}
