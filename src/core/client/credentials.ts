/**
 * Credentials for one target, with kubectl's precedence: client certificate (TLS), then the
 * Authorization header from tokenFile > token > basic, else auth-provider or exec plugin;
 * impersonation headers always; nothing secret over plain http://. (The TLS material: tls-material.ts.)
 */
import { readTextFile } from '../read-text-file.js';
import { failure, type Failure, type Result } from '../failure.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';
import { shortenKeyMaterial, type SecretSink } from '../redact.js';
import { describeCert, describeToken } from './describe-credential.js';
import { ExecPlugin, describeExec, type ExecCredential } from './exec-plugin.js';
import type { ExecRunner } from './exec-runner.js';
import { oidcToken } from './oidc.js';
import type { LoadedTls } from './http-types.js';

export { loadTls } from './tls-material.js';

interface CredentialDeps {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  execRunner: ExecRunner;
  execTimeoutMs: number;
  onExecStderr?: (text: string) => void;
  secrets?: SecretSink;
  persistAuthProvider?: (target: Target, config: Record<string, string>) => Promise<Result<void>>;
  /** Told when an exec plugin starts (its name) and ends (undefined). */
  onExecRunning?: (plugin: string | undefined) => void;
  /** The request time limit, also for an OIDC refresh (0: none). */
  requestTimeoutMs?: number;
}

/** What goes on one request. */
export interface AppliedCredential {
  headers: Record<string, string | string[]>;
  /** A client certificate returned by an exec plugin (the transport must use it). */
  execCert?: { cert: string; key: string };
}

/** Impersonation headers in client-go's form. */
function impersonationHeaders(target: Target): Record<string, string | string[]> {
  const h: Record<string, string | string[]> = {};
  const imp = target.impersonate;
  if (imp.user) h['Impersonate-User'] = imp.user;
  if (imp.uid) h['Impersonate-Uid'] = imp.uid;
  if (imp.groups.length) h['Impersonate-Group'] = [...imp.groups];
  for (const [k, values] of Object.entries(imp.extra)) {
    const key = k.replace(/[^A-Za-z0-9\-._~]/g, (c) =>
      Array.from(Buffer.from(c, 'utf8'), (b) => '%' + b.toString(16).padStart(2, '0')).join(''),
    );
    h['Impersonate-Extra-' + key.charAt(0).toUpperCase() + key.slice(1)] = [...values];
  }
  return h;
}

/** The credential source of one target. */
export class CredentialSource {
  private readonly plugin: ExecPlugin | undefined;
  private readonly providerConfig: Record<string, string> | undefined;
  private tokenFileCache: { value: string; at: number } | undefined;
  /** What the last request carried, described only when asked (a certificate is X.509-parsed then, not on every request). */
  private lastSent: Array<() => string> = [];
  readonly https: boolean;

  constructor(
    private readonly target: Target,
    private readonly tls: LoadedTls,
    private readonly deps: CredentialDeps,
  ) {
    this.https = target.server.startsWith('https://');
    const exec = target.auth.exec;
    this.plugin = exec
      ? new ExecPlugin(exec, target, {
          env: deps.env,
          now: deps.now,
          runner: deps.execRunner,
          timeoutMs: deps.execTimeoutMs,
          ...(tls.ca ? { caPem: tls.ca } : {}),
          ...(deps.onExecStderr ? { onStderr: deps.onExecStderr } : {}),
          ...(deps.secrets ? { secrets: deps.secrets } : {}),
          ...(deps.onExecRunning ? { onRunning: deps.onExecRunning } : {}),
        })
      : undefined;
    this.providerConfig = target.auth.authProvider ? { ...target.auth.authProvider.config } : undefined;
  }

  /** How many times the exec plugin has run. */
  get execRuns(): number {
    return this.plugin?.runs ?? 0;
  }

  /** Warnings about the credential setup (e.g. credentials withheld over http://). */
  warnings(): string[] {
    if (this.https || !this.hasAnyCredential()) return [];
    return [
      `The server ${neutralize(this.target.server)} uses plain http://, so kpods sends no credentials to it (a token must never cross the network in clear text); requests go unauthenticated.`,
    ];
  }

  private hasAnyCredential(): boolean {
    const a = this.target.auth;
    return !!(a.token || a.tokenFile || a.username || a.password || a.exec || a.authProvider || this.tls.cert);
  }

  /** Lines describing what the last request carried (for a 401 explanation). */
  describeSent(): string[] {
    return this.lastSent.map((describe) => describe());
  }

  /** Called after a 401: the exec plugin runs again for the next request. */
  onUnauthorized(): void {
    this.plugin?.invalidate();
    this.tokenFileCache = undefined;
  }

  private async tokenFromFile(): Promise<Result<string | undefined>> {
    const file = this.target.auth.tokenFile;
    if (!file) return { ok: true, value: undefined };
    const now = this.deps.now().getTime();
    if (this.tokenFileCache && now - this.tokenFileCache.at < 50_000) return { ok: true, value: this.tokenFileCache.value };
    try {
      const value = (await readTextFile(file)).trim();
      this.tokenFileCache = { value, at: now };
      return { ok: true, value: value === '' ? undefined : value };
    } catch (err) {
      if (this.target.auth.token) return { ok: true, value: undefined };
      const code = (err as { code?: unknown }).code;
      return {
        ok: false,
        failure: failure(
          'credentials.file-unreadable',
          `The token file ${neutralize(shortenKeyMaterial(file))} cannot be read${typeof code === 'string' ? ` (${code})` : ''}.`,
          ['Check users[].user.tokenFile in the kubeconfig: the file must exist and be readable.'],
        ),
      };
    }
  }

  /** The headers (and any exec certificate) for the next request. */
  async apply(signal?: AbortSignal): Promise<Result<AppliedCredential>> {
    const headers = impersonationHeaders(this.target);
    const sent: Array<() => string> = [];
    const now = this.deps.now();
    if (!this.https) {
      this.lastSent = [() => 'nothing (plain http:// server; credentials withheld)'];
      return { ok: true, value: { headers } };
    }
    const tlsCert = this.tls.cert;
    if (tlsCert)
      sent.push(() =>
        describeCert(tlsCert, this.target.tls.certFile ? `file ${neutralize(this.target.tls.certFile)}` : 'client-certificate-data', now),
      );
    const a = this.target.auth;
    let execCert: { cert: string; key: string } | undefined;
    const fromFile = await this.tokenFromFile();
    if (!fromFile.ok) return fromFile;
    if (fromFile.value) {
      headers['Authorization'] = `Bearer ${fromFile.value}`;
      const fileToken = fromFile.value;
      sent.push(() => describeToken(fileToken, `tokenFile ${neutralize(a.tokenFile ?? '')}`, now));
    } else if (a.token) {
      headers['Authorization'] = `Bearer ${a.token}`;
      const token = a.token;
      sent.push(() => describeToken(token, 'the kubeconfig (token)', now));
    } else if (a.username || a.password) {
      headers['Authorization'] = `Basic ${Buffer.from(`${a.username ?? ''}:${a.password ?? ''}`).toString('base64')}`;
      sent.push(() => `basic auth as user "${neutralize(a.username ?? '')}"`);
    } else if (a.authProvider) {
      const name = a.authProvider.name;
      if (name === 'gcp' || name === 'azure') return { ok: false, failure: removedProvider(name) };
      if (name !== 'oidc' || !this.providerConfig) {
        return {
          ok: false,
          failure: failure('credentials.invalid', `No auth-provider named "${neutralize(name)}" exists.`, [
            'kpods (like kubectl) knows only the oidc auth-provider; use an exec credential plugin instead.',
          ]),
        };
      }
      const tok = await oidcToken(this.providerConfig, {
        now: this.deps.now,
        ...(signal ? { signal } : {}),
        ...(this.deps.requestTimeoutMs !== undefined ? { timeoutMs: this.deps.requestTimeoutMs } : {}),
        ...(this.deps.secrets ? { secrets: this.deps.secrets } : {}),
        ...(this.deps.persistAuthProvider
          ? { persist: (cfg: Record<string, string>) => this.deps.persistAuthProvider!(this.target, cfg) }
          : {}),
      });
      if (!tok.ok) return tok;
      headers['Authorization'] = `Bearer ${tok.value}`;
      sent.push(() => describeToken(tok.value, 'the oidc auth-provider', now));
    } else if (this.plugin && a.exec) {
      const cred = await this.plugin.get(signal);
      if (!cred.ok) return cred;
      const c: ExecCredential = cred.value;
      if (c.token) {
        headers['Authorization'] = `Bearer ${c.token}`;
        const { token } = c;
        const exec = a.exec;
        sent.push(() => describeToken(token, `exec plugin ${describeExec(exec)}`, now));
      }
      if (c.cert && c.key) {
        execCert = { cert: c.cert, key: c.key };
        const { cert } = c;
        const exec = a.exec;
        sent.push(() => describeCert(cert, `exec plugin ${describeExec(exec)}`, now));
      }
    }
    this.lastSent = sent;
    return { ok: true, value: { headers, ...(execCert ? { execCert } : {}) } };
  }
}

function removedProvider(name: 'gcp' | 'azure'): Failure {
  return name === 'gcp'
    ? failure('credentials.auth-provider-removed', 'The gcp auth plugin has been removed from Kubernetes clients.', [
        'Install gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin) and re-run: gcloud container clusters get-credentials CLUSTER.',
        'See https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
      ])
    : failure('credentials.auth-provider-removed', 'The azure auth plugin has been removed from Kubernetes clients.', [
        'Install kubelogin (https://github.com/Azure/kubelogin) and convert the kubeconfig: kubelogin convert-kubeconfig -l azurecli.',
      ]);
}
