/**
 * undici's Agent and request API without its package index, which also loads fetch, WebSocket,
 * caches and mocks: about 0.1 s less CPU at start-up. Each part loads on first use, so a client on
 * Node's built-in HTTP client (node-pool.ts) loads none of undici.
 */
import type {
  Agent as AgentClass,
  Dispatcher as DispatcherClass,
  ProxyAgent as ProxyAgentClass,
  Socks5ProxyAgent as Socks5Class,
} from 'undici';

let required: NodeJS.Require | undefined;
/** undici's files, required on first use (node:module, which loads the ES module loader, only then). */
const load = (id: string): unknown => (required ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);

let apiAdded = false;

/** What undici's index does: the request/stream/pipeline/connect/upgrade API on every dispatcher. */
function addApi(): void {
  if (apiAdded) return;
  const Dispatcher = load('undici/lib/dispatcher/dispatcher.js') as typeof DispatcherClass;
  Object.assign(Dispatcher.prototype, load('undici/lib/api/index.js') as object);
  apiAdded = true;
}

/** undici's Agent (a connection pool per origin), loaded on first use. */
export function agentClass(): typeof AgentClass {
  addApi();
  return load('undici/lib/dispatcher/agent.js') as typeof AgentClass;
}

/** undici's proxy agents, loaded on first use. */
export function proxyAgents(): { ProxyAgent: typeof ProxyAgentClass; Socks5ProxyAgent: typeof Socks5Class } {
  addApi();
  return {
    ProxyAgent: load('undici/lib/dispatcher/proxy-agent.js') as typeof ProxyAgentClass,
    Socks5ProxyAgent: load('undici/lib/dispatcher/socks5-proxy-agent.js') as typeof Socks5Class,
  };
}
