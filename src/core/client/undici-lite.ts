/**
 * undici's Agent and request API without its package index, which also loads fetch, WebSocket,
 * caches and mocks: about 0.1 s less CPU at start-up. Proxy agents load only when a proxy is used.
 */
import { createRequire } from 'node:module';
import type {
  Agent as AgentClass,
  Dispatcher as DispatcherClass,
  ProxyAgent as ProxyAgentClass,
  Socks5ProxyAgent as Socks5Class,
} from 'undici';

const load = createRequire(import.meta.url);

const Dispatcher = load('undici/lib/dispatcher/dispatcher.js') as typeof DispatcherClass;
// What undici's index does: the request/stream/pipeline/connect/upgrade API on every dispatcher.
Object.assign(Dispatcher.prototype, load('undici/lib/api/index.js') as object);

/** undici's Agent (a connection pool per origin). */
export const Agent = load('undici/lib/dispatcher/agent.js') as typeof AgentClass;

/** undici's proxy agents, loaded on first use. */
export function proxyAgents(): { ProxyAgent: typeof ProxyAgentClass; Socks5ProxyAgent: typeof Socks5Class } {
  return {
    ProxyAgent: load('undici/lib/dispatcher/proxy-agent.js') as typeof ProxyAgentClass,
    Socks5ProxyAgent: load('undici/lib/dispatcher/socks5-proxy-agent.js') as typeof Socks5Class,
  };
}
