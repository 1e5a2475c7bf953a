/**
 * The `oidc` auth-provider: the id-token is used while its exp is more than 10 s away; after
 * that the refresh token is exchanged at the issuer's token endpoint and the new tokens persisted.
 */
import { readTextFile } from '../read-text-file.js';
import { failure, type Failure, type Result } from '../failure.js';
import { neutralize } from '../terminal-text.js';
import { decodeJwt } from './describe-credential.js';
import { redactUrl } from './classify.js';
import type { SecretSink } from '../redact.js';

interface OidcDeps {
  now: () => Date;
  /** Writes the new auth-provider config to the user's origin file. */
  persist?: (config: Record<string, string>) => Promise<Result<void>>;
  signal?: AbortSignal;
  /** The request time limit for the whole refresh (discovery and token exchange); 0 or absent: none. */
  timeoutMs?: number;
  /** Told the tokens the issuer returns, so output can redact them. */
  secrets?: SecretSink;
}

function oidcFailed(summary: string, hints: string[], detail?: string): Result<never> {
  return { ok: false, failure: failure('credentials.oidc-failed', summary, hints, detail) };
}

/** True when the id-token's exp is more than 10 s in the future. */
function idTokenValid(idToken: string | undefined, now: Date): boolean {
  if (!idToken) return false;
  const exp = decodeJwt(idToken)?.exp;
  return exp !== undefined && exp * 1000 - now.getTime() > 10_000;
}

async function json(res: { statusCode: number; body: { text(): Promise<string> } }): Promise<Record<string, unknown> | undefined> {
  const text = await res.body.text();
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Returns a usable id-token, refreshing (and persisting) when needed. `config` is updated in place. */
export async function oidcToken(config: Record<string, string>, deps: OidcDeps): Promise<Result<string>> {
  const issuer = config['idp-issuer-url'];
  if (!issuer)
    return {
      ok: false,
      failure: failure('credentials.invalid', 'The oidc auth-provider has no idp-issuer-url.', [
        'Add idp-issuer-url under users[].user.auth-provider.config.',
      ]),
    };
  if (!config['client-id'])
    return {
      ok: false,
      failure: failure('credentials.invalid', 'The oidc auth-provider has no client-id.', [
        'Add client-id under users[].user.auth-provider.config.',
      ]),
    };
  const idToken = config['id-token'];
  if (idToken && idTokenValid(idToken, deps.now())) return { ok: true, value: idToken };
  const refreshToken = config['refresh-token'];
  if (!refreshToken) {
    return oidcFailed('The OIDC id-token is missing or expired, and there is no refresh-token to renew it.', [
      'Log in again with your OIDC helper (for example kubectl oidc-login) to get a fresh id-token.',
    ]);
  }
  let ca = config['idp-certificate-authority-data']
    ? Buffer.from(config['idp-certificate-authority-data'], 'base64').toString('utf8')
    : undefined;
  if (!ca && config['idp-certificate-authority']) {
    try {
      ca = await readTextFile(config['idp-certificate-authority']);
    } catch {
      return {
        ok: false,
        failure: failure(
          'credentials.file-unreadable',
          `The OIDC issuer's CA file ${neutralize(config['idp-certificate-authority'])} cannot be read.`,
          ['Fix idp-certificate-authority in the auth-provider config.'],
        ),
      };
    }
  }
  // Loaded only for a refresh: the whole of undici is not needed at every start-up.
  const { Agent, request } = await import('undici');
  const limit = deps.timeoutMs && deps.timeoutMs > 0 ? deps.timeoutMs : undefined;
  // undici's own limits (300 s for headers) must not outlast the request time limit.
  const agent = new Agent({
    connect: { ...(ca ? { ca } : {}), ...(limit ? { timeout: limit } : {}) },
    ...(limit ? { headersTimeout: limit, bodyTimeout: limit } : {}),
  });
  const where = neutralize(redactUrl(issuer));
  const timeout = new AbortController();
  let timedOut = false;
  const timer = limit
    ? setTimeout(() => {
        timedOut = true;
        timeout.abort();
      }, limit)
    : undefined;
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout.signal]) : timeout.signal;
  try {
    const discoveryUrl = issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration';
    const disc = await request(discoveryUrl, { dispatcher: agent, signal });
    const doc = await json(disc);
    const tokenEndpoint = doc?.['token_endpoint'];
    if (disc.statusCode !== 200 || typeof tokenEndpoint !== 'string') {
      return oidcFailed(`The OIDC issuer ${where} did not return a usable discovery document (HTTP ${disc.statusCode}).`, [
        'Check idp-issuer-url in the auth-provider config.',
      ]);
    }
    const basic = Buffer.from(`${encodeURIComponent(config['client-id'])}:${encodeURIComponent(config['client-secret'] ?? '')}`).toString(
      'base64',
    );
    const res = await request(tokenEndpoint, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      signal,
    });
    const tok = await json(res);
    if (res.statusCode !== 200 || typeof tok?.['id_token'] !== 'string') {
      return oidcFailed(
        `The OIDC issuer ${where} refused to refresh the token (HTTP ${res.statusCode}).`,
        ['The refresh token may have expired or been revoked: log in again with your OIDC helper.'],
        typeof tok?.['error'] === 'string' ? `issuer error: ${neutralize(tok['error'].slice(0, 100))}` : undefined,
      );
    }
    config['id-token'] = tok['id_token'];
    deps.secrets?.add(tok['id_token']);
    if (typeof tok['refresh_token'] === 'string') {
      config['refresh-token'] = tok['refresh_token'];
      deps.secrets?.add(tok['refresh_token']);
    }
    if (deps.persist) {
      const saved = await deps.persist({ ...config });
      if (!saved.ok) return { ok: true, value: config['id-token'] };
    }
    return { ok: true, value: config['id-token'] };
  } catch (err) {
    if (timedOut && limit)
      return oidcFailed(
        `The OIDC issuer ${where} did not answer within ${limit / 1000} s (the request time limit); the token was not refreshed.`,
        [
          'Check the network path to the identity provider, or change the limit with --request-timeout (e.g. --request-timeout=60s; 0 means no limit).',
        ],
        `limit: request timeout ${limit / 1000} s`,
      );
    const code = (err as { code?: unknown }).code;
    const f: Failure = failure(
      'credentials.oidc-failed',
      `Could not reach the OIDC issuer ${where} to refresh the token.`,
      ['Check the network path to the identity provider and idp-certificate-authority in the auth-provider config.'],
      typeof code === 'string' ? `error code: ${neutralize(code)}` : undefined,
    );
    return { ok: false, failure: f };
  } finally {
    if (timer) clearTimeout(timer);
    await agent.destroy().catch(() => undefined);
  }
}
