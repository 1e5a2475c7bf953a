/** What the client needs from its host: injected so core stays pure and the TUI can take over plugins. */
import type { Result } from '../failure.js';
import type { Host, Target } from '../target.js';
import type { ExecRunner } from './exec-runner.js';
import type { SecretSink } from '../redact.js';
import type { ClientLimits } from './limits.js';
import type { SharedPools } from './shared-pools.js';
import type { RetryNotice } from './transport.js';

export interface ClientDeps {
  /** Environment (for HTTPS_PROXY/NO_PROXY and exec plugins) and the clock. */
  host: Pick<Host, 'env' | 'now'>;
  /** Runs exec credential plugins; defaults to a non-interactive runner (stdin ignored). */
  execRunner?: ExecRunner;
  /** Time limit for a non-interactive exec plugin run (default 60 s). */
  execTimeoutMs?: number;
  /** Receives an exec plugin's stderr, neutralised (kubectl passes it through). */
  onExecStderr?: (text: string) => void;
  /** Told when an exec plugin starts (its name) and ends (undefined): the browser shows the wait. */
  onExecRunning?: (plugin: string | undefined) => void;
  /** Persists a refreshed oidc auth-provider config to the user's origin file. */
  persistAuthProvider?: (target: Target, config: Record<string, string>) => Promise<Result<void>>;
  /** Retries of 429/5xx answers that carry Retry-After (default 5). */
  maxRetries?: number;
  /** Waits before a retry; injectable for tests (default: a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each Retry-After wait (status, seconds asked, attempt). */
  onRetry?: (notice: RetryNotice) => void;
  /** Told every credential learnt at run time (exec plugin results), so output can redact it. */
  secrets?: SecretSink;
  /** Response limits (body size, pages per list, watch event size); defaults in limits.ts. */
  limits?: ClientLimits;
  /** Page size for pod lists (default 500, kubectl's chunk size). */
  pageSize?: number;
  /** Connection pools shared with other clients (the context checker); their owner closes them. */
  sharedPools?: SharedPools;
  /** Requests go through Node's built-in HTTP client, not undici (a short-lived command; undici still serves proxies). */
  builtinHttp?: boolean;
}
