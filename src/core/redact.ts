/**
 * Secrets never printed: every credential kpods holds (tokens, passwords, key material, what an
 * exec plugin or an OIDC issuer returned, URL userinfo) is replaced by "<redacted>" in every
 * string kpods prints, whatever the string's origin (a server's error body, a plugin's stderr,
 * a kubeconfig field echoed in an error). Known values are replaced exactly; shapes that are
 * secret by nature (Authorization schemes, private-key PEM blocks, JWTs, URL userinfo) are
 * replaced even when kpods never held the value. Pure: no I/O, no globals.
 */
import type { LoadedKubeconfig } from './kubeconfig/types.js';
import type { Target } from './target.js';

const REDACTED = '<redacted>';

/** Where credentials learnt at run time (exec plugin results, refreshed tokens) are registered. */
export interface SecretSink {
  add(value: string | Uint8Array | undefined | null): void;
}

/** Values shorter than this are not replaced by value (they would mangle ordinary words). */
const MIN_SECRET = 6;
/** Names of map entries (auth-provider config, exec env) whose values are secret. */
const SECRET_NAME = /token|secret|password|passwd|credential|key|auth|cookie|session/i;

const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
// A credential after an Authorization scheme: 8+ characters with a digit or a base64/token symbol
// (so "Basic authentication." in prose is left alone).
const AUTH_SCHEME = /\b(Bearer|Basic|Negotiate|Token)(\s+|%20)(?=[A-Za-z.:-]*[0-9+/=_~])([A-Za-z0-9._~+/=:-]{8,})/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/)([^\s/?#@"'<>]+)@/gi;
const SECRET_QUERY = /([?&](?:access_token|id_token|refresh_token|token|client_secret|password)=)[^&\s"'#]+/gi;

/** Replaces the shapes that are secret by nature, whoever wrote them. */
export function redactPatterns(text: string): string {
  if (text === '') return text;
  return text
    .replace(PEM_PRIVATE, `${REDACTED} private key`)
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`)
    .replace(SECRET_QUERY, (_m, key: string) => `${key}${REDACTED}`);
}

/** The userinfo part of a URL (`user:password`), when it has one. */
function userinfoOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url);
  return m?.[1] || undefined;
}

const KEYISH_RUN = /[A-Za-z0-9+/=]{64,}/;

/**
 * A path or field value that looks like key material (a pasted PEM block or a long base64 run)
 * is shown shortened: its first characters and its length, never the material itself.
 */
export function shortenKeyMaterial(value: string): string {
  const pem = value.indexOf('-----BEGIN');
  const run = KEYISH_RUN.exec(value);
  const at = pem >= 0 ? pem : run ? run.index : -1;
  if (at < 0) return value;
  const kept = value.slice(0, Math.min(value.length, at + 8));
  return `${kept}… (${value.length - kept.length} more characters that look like key material, not a path)`;
}

/** The credentials kpods holds for one session; redact() removes them (and secret shapes) from text. */
export class SecretSet implements SecretSink {
  private readonly values = new Set<string>();
  private sorted: string[] | undefined = [];

  /** Adds a secret value (and its base64 form, as it travels in headers and kubeconfig `*-data`). */
  add(value: string | Uint8Array | undefined | null): void {
    if (value === undefined || value === null) return;
    const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
    for (const v of [text, text.trim()]) {
      if (v.length < MIN_SECRET || this.values.has(v)) continue;
      this.values.add(v);
      this.values.add(Buffer.from(v, 'utf8').toString('base64'));
      this.sorted = undefined;
    }
  }

  /** Adds the values of a map whose entry names look secret (auth-provider config, exec env). */
  addNamed(entries: Iterable<[string, string | undefined]> | undefined): void {
    if (!entries) return;
    for (const [name, value] of entries) if (SECRET_NAME.test(name)) this.add(value);
  }

  /** Adds a URL's userinfo (and its password alone). */
  addUrl(url: string | undefined): void {
    const info = userinfoOf(url);
    if (!info) return;
    this.add(info);
    const colon = info.indexOf(':');
    if (colon >= 0) {
      this.add(info.slice(colon + 1));
      this.add(safeDecode(info.slice(colon + 1)));
    }
  }

  /** Every credential of a resolved target. */
  addTarget(t: Target): void {
    const a = t.auth;
    this.add(a.token);
    this.add(a.password);
    if (a.username !== undefined && a.password !== undefined) this.add(`${a.username}:${a.password}`);
    this.add(t.tls.keyData);
    this.addNamed(Object.entries(a.authProvider?.config ?? {}));
    this.addNamed(a.exec?.env.map((e) => [e.name, e.value] as [string, string]));
    this.addUrl(t.server);
    this.addUrl(t.proxyUrl);
  }

  /** Every credential of every user and cluster of a loaded kubeconfig. */
  addKubeconfig(c: Pick<LoadedKubeconfig, 'users' | 'clusters'>): void {
    for (const u of c.users) {
      const f = u.fields;
      this.add(f.token);
      this.add(f.password);
      if (f.username !== undefined && f.password !== undefined) this.add(`${f.username}:${f.password}`);
      this.add(f.clientKeyData);
      this.addNamed(Object.entries(f.authProvider?.config ?? {}));
      this.addNamed(f.exec?.env?.map((e) => [e.name, e.value] as [string, string]));
    }
    for (const cl of c.clusters) {
      this.addUrl(cl.fields.server);
      this.addUrl(cl.fields.proxyUrl);
    }
  }

  /** True when some known secret begins with `text` (a secret whose end has not arrived yet). */
  startsSecret(text: string): boolean {
    if (text === '') return false;
    for (const v of this.values) if (v.startsWith(text)) return true;
    return false;
  }

  /** Whether any secret is known. */
  get size(): number {
    return this.values.size;
  }

  /** `text` with every known secret replaced (no shape patterns: cheap enough for every table cell). */
  redactKnown(text: string): string {
    if (this.values.size === 0 || text.length < MIN_SECRET) return text;
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** `text` with every known secret and every secret shape replaced by "<redacted>". */
  redact(text: string): string {
    if (text === '') return text;
    let out = text;
    if (this.values.size > 0) {
      this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
      for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return redactPatterns(out);
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
