/**
 * client.authentication.k8s.io exec credential plugins (v1 and v1beta1), as client-go runs them:
 * KUBERNETES_EXEC_INFO, env, interactive mode, kubectl's output checks, caching until
 * expirationTimestamp, and a re-run after a 401.
 */
import { failure, type Failure, type Result } from '../failure.js';
import type { ExecConfig, Target } from '../target.js';
import { createSecureContext } from 'node:tls';
import { neutralize, neutralizeMultiline } from '../terminal-text.js';
import { SecretSet, type SecretSink } from '../redact.js';
import type { ExecRunner } from './exec-runner.js';

const VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** A credential produced by a plugin. Never printed. */
export interface ExecCredential {
  token?: string;
  cert?: string;
  key?: string;
  expiresAt?: Date;
}

interface ExecPluginDeps {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  runner: ExecRunner;
  timeoutMs: number;
  /** The CA bytes of the cluster (PEM), for provideClusterInfo. */
  caPem?: string;
  /** Receives the plugin's stderr (already neutralised), as kubectl passes it through. */
  onStderr?: (text: string) => void;
  /** Told the credentials the plugin returned (so no output shows them). */
  secrets?: SecretSink;
  /** Told when a run starts (the plugin's name) and ends (undefined), so a UI can say what it waits for. */
  onRunning?: (plugin: string | undefined) => void;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Validates a plugin's stdout with kubectl's checks; the error text never quotes the output. */
export function parseExecOutput(stdout: string, apiVersion: string): Result<ExecCredential> {
  const invalid = (why: string): Result<ExecCredential> => ({
    ok: false,
    failure: failure('credentials.exec-invalid-output', `The credential plugin's output was not a valid ExecCredential: ${why}.`, [
      'Update the plugin, or check that its apiVersion matches the one in the kubeconfig user (exec.apiVersion).',
    ]),
  });
  let obj: unknown;
  try {
    obj = JSON.parse(stdout);
  } catch {
    return invalid("decoding stdout: couldn't get version/kind; json parse error");
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return invalid("couldn't get version/kind");
  const o = obj as Record<string, unknown>;
  if (typeof o['apiVersion'] !== 'string' || typeof o['kind'] !== 'string') return invalid("couldn't get version/kind");
  if (o['apiVersion'] !== apiVersion)
    return invalid(
      `exec plugin is configured to use API version ${apiVersion}, plugin returned version ${neutralize(o['apiVersion'].slice(0, 80))}`,
    );
  if (o['kind'] !== 'ExecCredential') return invalid(`plugin returned kind ${neutralize(o['kind'].slice(0, 80))}, not ExecCredential`);
  const status = o['status'];
  if (!status || typeof status !== 'object') return invalid("exec plugin didn't return a status field");
  const s = status as Record<string, unknown>;
  const token = typeof s['token'] === 'string' && s['token'] !== '' ? s['token'] : undefined;
  const cert = typeof s['clientCertificateData'] === 'string' && s['clientCertificateData'] !== '' ? s['clientCertificateData'] : undefined;
  const key = typeof s['clientKeyData'] === 'string' && s['clientKeyData'] !== '' ? s['clientKeyData'] : undefined;
  if ((cert === undefined) !== (key === undefined)) return invalid('exec plugin returned only certificate or key, not both');
  if (!token && !cert) return invalid("exec plugin didn't return a token or cert/key pair");
  if (cert && key) {
    // Checked here, where it is the plugin's fault, instead of failing later as a TLS connection error.
    try {
      createSecureContext({ cert, key });
    } catch {
      return invalid('clientCertificateData/clientKeyData is not a valid PEM client certificate and matching key');
    }
  }
  let expiresAt: Date | undefined;
  const exp = s['expirationTimestamp'];
  if (exp !== undefined && exp !== null) {
    if (typeof exp !== 'string' || !RFC3339.test(exp) || Number.isNaN(Date.parse(exp)))
      return invalid('expirationTimestamp is not an RFC 3339 time');
    expiresAt = new Date(Date.parse(exp));
  }
  return { ok: true, value: { ...(token ? { token } : {}), ...(cert && key ? { cert, key } : {}), ...(expiresAt ? { expiresAt } : {}) } };
}

/** The KUBERNETES_EXEC_INFO value for a run. */
function execInfo(exec: ExecConfig, target: Target, interactive: boolean, caPem: string | undefined): string {
  const spec: Record<string, unknown> = { interactive };
  if (exec.provideClusterInfo) {
    const cluster: Record<string, unknown> = { server: target.server };
    if (target.tls.serverName) cluster['tls-server-name'] = target.tls.serverName;
    if (target.tls.insecureSkipVerify) cluster['insecure-skip-tls-verify'] = true;
    if (caPem) cluster['certificate-authority-data'] = Buffer.from(caPem, 'utf8').toString('base64');
    if (target.proxyUrl) cluster['proxy-url'] = target.proxyUrl;
    if (target.disableCompression) cluster['disable-compression'] = true;
    if (target.execClusterConfig !== undefined) cluster['config'] = target.execClusterConfig;
    spec['cluster'] = cluster;
  }
  return JSON.stringify({ kind: 'ExecCredential', apiVersion: exec.apiVersion, spec });
}

/** The plugin's short name for a status line: the command's last path element, neutralised and capped. */
function pluginName(command: string): string {
  const base =
    command
      .split(/[\\/]/)
      .filter((p) => p !== '')
      .pop() ?? command;
  return neutralize(base.slice(0, 60));
}

/** Describes the plugin for messages: command and arguments (arguments are config, not secrets). */
export function describeExec(exec: ExecConfig): string {
  return neutralize([exec.command, ...exec.args].join(' ').slice(0, 200));
}

/** One configured plugin with its in-memory credential cache. */
export class ExecPlugin {
  private cached: ExecCredential | undefined;
  private pending: Promise<Result<ExecCredential>> | undefined;
  /** How many times the plugin has run in this process. */
  runs = 0;

  constructor(
    private readonly exec: ExecConfig,
    private readonly target: Target,
    private readonly deps: ExecPluginDeps,
  ) {}

  /** Drops the cached credential (after a 401) so the next request runs the plugin again. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The credential, from cache while unexpired, else from a fresh run. */
  async get(signal?: AbortSignal): Promise<Result<ExecCredential>> {
    const c = this.cached;
    if (c && (!c.expiresAt || c.expiresAt.getTime() > this.deps.now().getTime())) return { ok: true, value: c };
    if (!this.pending) {
      this.pending = this.run(signal).finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private configProblem(): Failure | undefined {
    const e = this.exec;
    if (!VERSIONS.includes(e.apiVersion)) {
      return failure('credentials.invalid', `The exec plugin's apiVersion "${neutralize(e.apiVersion)}" is not supported.`, [
        `Set users[].user.exec.apiVersion to ${VERSIONS.join(' or ')} (v1alpha1 was removed).`,
      ]);
    }
    const mode = e.interactiveMode;
    if (e.apiVersion.endsWith('/v1') && (mode === undefined || mode === '')) {
      return failure(
        'credentials.invalid',
        `The exec plugin of user "${neutralize(this.target.userName)}" must set interactiveMode (apiVersion v1 requires it).`,
        ['Add interactiveMode: Never (or IfAvailable / Always) under users[].user.exec in the kubeconfig.'],
      );
    }
    if (mode !== undefined && mode !== '' && !['Never', 'IfAvailable', 'Always'].includes(mode)) {
      return failure(
        'credentials.invalid',
        `Invalid interactiveMode "${neutralize(mode)}" for user "${neutralize(this.target.userName)}".`,
        ['Use Never, IfAvailable or Always.'],
      );
    }
    return undefined;
  }

  private async run(signal?: AbortSignal): Promise<Result<ExecCredential>> {
    const problem = this.configProblem();
    if (problem) return { ok: false, failure: problem };
    const e = this.exec;
    const mode = e.interactiveMode || 'IfAvailable';
    const available = this.deps.runner.interactiveAvailable;
    if (mode === 'Always' && !available) {
      return {
        ok: false,
        failure: failure(
          'credentials.exec-interactive',
          `The credential plugin ${describeExec(e)} needs a terminal to ask you something (interactiveMode: Always), but none is available.`,
          ["Run kpods in an interactive terminal, or log in first with the plugin's own command so it can answer without asking."],
        ),
      };
    }
    const interactive = mode !== 'Never' && available;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.deps.env)) if (v !== undefined) env[k] = v;
    for (const { name, value } of e.env) env[name] = value;
    env['KUBERNETES_EXEC_INFO'] = execInfo(e, this.target, interactive, this.deps.caPem);
    this.runs++;
    this.deps.onRunning?.(pluginName(e.command));
    const res = await this.deps.runner
      .run({
        command: e.command,
        args: e.args,
        env,
        interactive,
        timeoutMs: interactive ? Math.max(this.deps.timeoutMs, 300_000) : this.deps.timeoutMs,
        ...(signal ? { signal } : {}),
      })
      .finally(() => this.deps.onRunning?.(undefined));
    // What the plugin printed on stdout is registered as secret before its stderr is shown anywhere.
    const parsed = res.exitCode === 0 && !res.timedOut ? parseExecOutput(res.stdout, e.apiVersion) : undefined;
    const returned = new SecretSet();
    if (parsed?.ok)
      for (const v of [parsed.value.token, parsed.value.key]) {
        returned.add(v);
        this.deps.secrets?.add(v);
      }
    const stderr = res.stderr.trim() === '' ? undefined : returned.redact(neutralizeMultiline(res.stderr.trim().slice(-1000)));
    // A successful plugin's stderr is passed through (as kubectl does); a failed one's goes into the failure.
    if (stderr && this.deps.onStderr && res.exitCode === 0 && !res.timedOut) this.deps.onStderr(stderr);
    const cmd = describeExec(e);
    if (res.spawnErrorCode === 'ENOENT') {
      const bare = !e.command.includes('/');
      return {
        ok: false,
        failure: failure(
          'credentials.exec-not-found',
          bare
            ? `The credential plugin "${neutralize(e.command)}" is not installed (not found on PATH).`
            : `The credential plugin ${neutralize(e.command)} does not exist.`,
          [
            ...(e.installHint ? [`Install hint from the kubeconfig: ${neutralize(e.installHint.trim())}`] : []),
            bare
              ? 'Install the plugin and make sure its folder is on PATH, then try again.'
              : "Fix users[].user.exec.command in the kubeconfig (relative paths are resolved against the kubeconfig's folder).",
            'See https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins',
          ],
        ),
      };
    }
    if (res.spawnErrorCode) {
      return {
        ok: false,
        failure: failure(
          'credentials.exec-failed',
          `The credential plugin ${cmd} could not be started (${neutralize(res.spawnErrorCode)}).`,
          ['Check that the file is an executable program (chmod +x) and that you may run it.'],
        ),
      };
    }
    if (res.timedOut) {
      return {
        ok: false,
        failure: failure(
          'credentials.exec-failed',
          `The credential plugin ${cmd} did not finish within ${Math.round(this.deps.timeoutMs / 1000)} s and was stopped.`,
          ['Run the plugin command yourself to see whether it waits for input or for the network.'],
          stderr ? `plugin stderr: ${stderr}` : undefined,
        ),
      };
    }
    if (res.exitCode !== 0) {
      const how = res.exitCode === null ? `was killed by ${neutralize(res.signal ?? 'a signal')}` : `failed with exit code ${res.exitCode}`;
      return {
        ok: false,
        failure: failure(
          'credentials.exec-failed',
          `The credential plugin ${cmd} ${how}.`,
          ['Run the plugin command yourself to see its full message; often you need to log in again with your cloud or SSO tool.'],
          stderr ? `plugin stderr: ${stderr}` : undefined,
        ),
      };
    }
    if (!parsed) return { ok: false, failure: failure('credentials.exec-failed', `The credential plugin ${cmd} failed.`) };
    if (!parsed.ok) return { ok: false, failure: { ...parsed.failure, detail: `plugin: ${cmd}` } };
    this.cached = parsed.value;
    return parsed;
  }
}
