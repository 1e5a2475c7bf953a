/** The kubectl override flags, and `--request-timeout` parsing. */

/** Values of kubectl's target flags, as typed by the user. All optional. */
export interface TargetOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  token?: string;
  certificateAuthority?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  as?: string;
  asGroups?: string[];
  /** As typed: `30`, `30s`, `1m30s`, `0` (no limit). */
  requestTimeout?: string;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses `--request-timeout` like kubectl: a bare integer is seconds, otherwise a Go duration
 * (`1m30s`, `500ms`). Returns milliseconds (0 = no limit), or undefined when invalid.
 */
export function parseRequestTimeout(value: string): number | undefined {
  if (/^[0-9]+$/.test(value)) return Number(value) * 1000;
  if (value === '' || !/^([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+$/.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/g)) {
    const n = Number(m[1]);
    if (m[1] === '' || m[1] === '.' || Number.isNaN(n)) return undefined;
    total += n * (UNITS[m[2] ?? 's'] ?? 0);
  }
  return total;
}

/** kubectl's message for an invalid `--request-timeout`. */
export const REQUEST_TIMEOUT_HELP =
  'Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';
