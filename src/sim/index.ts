/**
 * The simulated Kubernetes API server: `startSimulator()` creates certificates in a private
 * temporary folder, generates a living cluster, serves it over HTTPS on 127.0.0.1, and writes a
 * kubeconfig with one context per scenario (see scenarios.ts). `close()` removes everything.
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeDemoKubeconfig } from './demo-file.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createAuthority } from './certs.js';
import { Cluster } from './cluster.js';
import { AccessControl, type Account } from './access.js';
import { createHandler, type HandlerContext, type SimStats } from './server.js';
import type { Credentials } from './authn.js';
import { createUpgradeHandler } from './exec/upgrade.js';
import { generateSeeds } from './generate.js';
import { startChurn } from './churn.js';
import { stopDeletions } from './delete.js';
import { kubeconfigYaml } from './scenarios.js';
import { SimMetrics, metricsReaderBinding } from './metrics.js';
import { addTroubled } from './troubled.js';
import { PodLogs, type LogSettings } from './logs.js';

export { SCENARIOS, type ScenarioInfo } from './scenarios.js';
export { Cluster, type Fault, type ClusterEvent } from './cluster.js';
export { AccessControl, type Account, type Binding, type Rule } from './access.js';
export { SimMetrics, type MetricsMode } from './metrics.js';
export { PodLogs, type LogSettings, type DropOptions } from './logs.js';

/** Options of startSimulator; all optional. */
export interface SimulatorOptions {
  /** Number of generated pods (default 60; 0 to 50,000+). The first 24 show every notable status. */
  pods?: number;
  /** Changes per second (default 0: a still cluster). */
  churnPerSecond?: number;
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Also write the kubeconfig to this path (left in place on close). */
  kubeconfigOut?: string;
  /** Seed of the pod generator (default 1). */
  seed?: number;
  /** The server clock (default: the real clock). */
  now?: () => Date;
  /** Interval between watch bookmarks, ms (default 60,000). */
  bookmarkIntervalMs?: number;
  /** Delay of the `slow` scenario and fault, ms (default 1,500). */
  slowMs?: number;
  /** Add the `troubled` namespace: one pod per diagnosis, with events (default false; the demo turns it on). */
  troubled?: boolean;
  /** Container logs: the fast pod (default: the first generated pod) and its lines per second (default 500). */
  logs?: LogSettings;
}

/** A running simulator. */
export interface Simulator {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The kubeconfig (inside `dir`, or `kubeconfigOut` when given). */
  kubeconfigPath: string;
  /** The private temporary folder (mode 700), removed on close. */
  dir: string;
  cluster: Cluster;
  access: AccessControl;
  /** The simulated metrics-server: `metrics.setMode('absent' | 'unavailable' | 'available')`. */
  metrics: SimMetrics;
  /** Container logs: setLastWords, dropStreams, fastPod, fastRate. */
  logs: PodLogs;
  /** Credentials written into the kubeconfig (for tests that build their own). */
  secrets: {
    developerToken: string;
    execToken: string;
    expiredToken: string;
    basic: { username: string; password: string };
    caPem: string;
    admin: { cert: string; key: string };
  };
  /** Requests served and bytes sent since start; `paths`: requests per URL path (the first 10,000 paths). */
  stats: SimStats;
  /** Absolute path of the shipped exec plugin (run with `node`). */
  execPluginPath: string;
  /** TCP connections open now, on every listener (also those still in their TLS handshake). */
  openConnections(): number;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

/** Absolute path of the exec credential plugin shipped with kpods. */
const EXEC_PLUGIN_PATH = fileURLToPath(new URL('./plugins/exec-credential.js', import.meta.url));

function listen(server: Server | ReturnType<typeof createNetServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function deadPort(): Promise<number> {
  const s = createNetServer();
  const port = await listen(s, 0);
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts the simulator. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? (() => new Date());
  const dir = mkdtempSync(join(tmpdir(), 'kpods-sim-'));
  chmodSync(dir, 0o700);
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  let stopChurn = () => {};
  let stopWarm = () => {};
  let stopActions = () => {};
  let stopMetrics = () => {};
  // If the process exits without close() (a crash, process.exit), the private folder still goes.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const close = async () => {
    process.off('exit', removeDir);
    stopChurn();
    stopWarm();
    stopActions();
    stopMetrics();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((r) => {
            s.close(() => r());
            // Every connection, not only those HTTP knows (closeAllConnections misses one still in
            // its TLS handshake, which then lives on as a client's keep-alive and holds close()).
            for (const socket of sockets) socket.destroy();
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ca = await createAuthority('kpods-simulator-ca');
    const wrongCa = await createAuthority('some-other-ca');
    const [serverCert, mismatchCert, adminCert] = await Promise.all([
      ca.sign({ cn: 'kube-apiserver' }, 'server', ['127.0.0.1', 'localhost', 'kubernetes', 'kubernetes.default.svc']),
      ca.sign({ cn: 'kube-apiserver' }, 'server', ['kubernetes.internal.example', '10.96.0.1']),
      ca.sign({ cn: 'kpods-admin', groups: ['system:masters'] }, 'client'),
    ]);
    const cluster = new Cluster(now().getTime());
    cluster.slowMs = options.slowMs ?? 1500;
    const seeds = generateSeeds(options.pods ?? 60, options.seed ?? 1, now().getTime());
    cluster.seedPods(seeds);
    const fastPod = options.logs?.fastPod ?? (seeds[0] ? `${seeds[0].namespace}/${seeds[0].name}` : undefined);
    const logs = new PodLogs(cluster, now, { ...options.logs, ...(fastPod ? { fastPod } : {}) });
    if (options.troubled) addTroubled(cluster, now().getTime(), (ns, pod, c, lines) => logs.setLastWords(ns, pod, c, lines));
    stopWarm = cluster.warmInBackground();
    stopActions = () => stopDeletions(cluster);
    const access = new AccessControl();
    access.bind(metricsReaderBinding());
    const metrics = new SimMetrics(cluster, now().getTime());
    const metricsTimer = setInterval(() => metrics.tick(now().getTime()), 1000);
    metricsTimer.unref();
    stopMetrics = () => clearInterval(metricsTimer);
    const secret = () => randomBytes(24).toString('base64url');
    const developer: Account = { username: 'jane@example.com', uid: '4f1c7b2e-5d8a-4c3e-9b7f-1a2b3c4d5e6f', groups: ['developers'] };
    const secrets = {
      developerToken: secret(),
      execToken: secret(),
      expiredToken: secret(),
      basic: { username: 'ops', password: secret() },
      caPem: ca.cert,
      admin: adminCert,
    };
    const credentials: Credentials = {
      tokens: new Map([
        [secrets.developerToken, developer],
        [secrets.execToken, { username: 'exec-user@example.com', uid: '9a8b7c6d-0000-4000-8000-00000000e8ec', groups: ['viewers'] }],
      ]),
      basic: new Map([[`${secrets.basic.username}:${secrets.basic.password}`, { username: 'ops', groups: ['viewers'] }]]),
    };
    const stats: SimStats = { requests: 0, bytes: 0, paths: new Map() };
    let address = '';
    const handlerContext: HandlerContext = {
      cluster,
      access,
      credentials,
      stats,
      logs,
      now,
      metrics,
      scenarioFaults: { 'html-login': 'html', throttled: 'throttle', flaky: 'flaky', slow: 'slow', reset: 'reset' },
      serverAddress: () => address,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    };
    const handler = createHandler(handlerContext);
    const upgrade = createUpgradeHandler(handlerContext);
    const tlsOptions = { ca: ca.cert, requestCert: true, rejectUnauthorized: false };
    const main = createServer({ ...tlsOptions, cert: serverCert.cert, key: serverCert.key }, handler);
    const mismatch = createServer({ ...tlsOptions, cert: mismatchCert.cert, key: mismatchCert.key }, handler);
    servers.push(main, mismatch);
    for (const s of servers) {
      s.on('upgrade', upgrade);
      s.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
    }
    const port = await listen(main, options.port ?? 0);
    const mismatchPort = await listen(mismatch, 0);
    address = `127.0.0.1:${port}`;
    const url = `https://127.0.0.1:${port}`;
    const yaml = kubeconfigYaml({
      url,
      mismatchUrl: `https://127.0.0.1:${mismatchPort}`,
      deadUrl: `https://127.0.0.1:${await deadPort()}`,
      caPem: ca.cert,
      wrongCaPem: wrongCa.cert,
      admin: adminCert,
      developerToken: secrets.developerToken,
      expiredToken: secrets.expiredToken,
      basic: secrets.basic,
      execToken: secrets.execToken,
      nodePath: process.execPath,
      pluginPath: EXEC_PLUGIN_PATH,
    });
    const kubeconfigPath = options.kubeconfigOut ?? join(dir, 'kubeconfig');
    writeFileSync(join(dir, 'ca.crt'), ca.cert, { mode: 0o600 });
    if (options.kubeconfigOut) writeDemoKubeconfig(options.kubeconfigOut, yaml);
    else writeFileSync(kubeconfigPath, yaml, { mode: 0o600 });
    stopChurn = startChurn(cluster, options.churnPerSecond ?? 0, options.seed ?? 1, () => now().getTime(), options.pods ?? 60);
    return {
      url,
      port,
      kubeconfigPath,
      dir,
      cluster,
      access,
      metrics,
      logs,
      secrets,
      stats,
      execPluginPath: EXEC_PLUGIN_PATH,
      openConnections: () => sockets.size,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
