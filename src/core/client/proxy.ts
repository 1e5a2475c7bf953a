/**
 * Which proxy a request goes through: the cluster's proxy-url, else HTTPS_PROXY/HTTP_PROXY
 * minus NO_PROXY from the injected environment. Loopback servers are never proxied by the env.
 */
import { isIP } from 'node:net';

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/** True for localhost and loopback addresses. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** True when NO_PROXY (comma-separated hosts, domains, IPs, CIDRs, `*`) covers the URL. */
export function noProxyMatches(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
    if (cidr && isIP(host) === 4) {
      const bits = Number(cidr[2]);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if ((ipv4ToInt(host) & mask) >>> 0 === (ipv4ToInt(cidr[1] ?? '') & mask) >>> 0) return true;
      continue;
    }
    const hp = /^(.*):(\d+)$/.exec(entry);
    if (hp && !entry.includes('::')) {
      if (hp[2] !== port) continue;
      entry = hp[1] ?? '';
    }
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith('.' + entry)) {
      return true;
    }
  }
  return false;
}

/** The proxy URL to use for `server`, or undefined for a direct connection. */
export function chooseProxy(
  server: URL,
  proxyUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (proxyUrl) return proxyUrl;
  if (isLoopback(server.hostname)) return undefined;
  const fromEnv = server.protocol === 'https:' ? envValue(env, 'HTTPS_PROXY') : envValue(env, 'HTTP_PROXY');
  if (!fromEnv) return undefined;
  if (noProxyMatches(server, envValue(env, 'NO_PROXY'))) return undefined;
  return /^[a-z0-9+.-]+:\/\//i.test(fromEnv) ? fromEnv : 'http://' + fromEnv;
}

/** Checks a proxy URL's scheme as kubectl does; returns an error text or undefined. */
export function proxySchemeProblem(proxyUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    return `could not parse proxy-url "${proxyUrl}"`;
  }
  if (!['http:', 'https:', 'socks5:'].includes(url.protocol)) {
    return `unsupported scheme "${url.protocol.replace(/:$/, '')}", must be http, https, or socks5`;
  }
  return undefined;
}
