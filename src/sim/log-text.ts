/**
 * What the simulated containers write: believable lines for each kind of workload (web server,
 * Go, Node, Java and Python services, Postgres, Prometheus, DNS, proxies, init containers), made
 * on demand from a number, and the last words of a container that crashed (the kinds: log-family.ts).
 */
import { pick, type LogFamily } from './log-family.js';

const PATHS = [
  '/',
  '/cart',
  '/products',
  '/products/4711',
  '/api/v1/orders',
  '/healthz',
  '/static/app.3f9c2b.js',
  '/login',
  '/search?q=boots',
];
const API_PATHS = ['/v1/orders', '/v1/orders/8812', '/v1/customers/311', '/v1/items?page=2', '/v1/payments/authorize', '/readyz'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', 'kube-probe/1.32', 'curl/8.5.0', 'Go-http-client/2.0'];
const STATUS = [200, 200, 200, 200, 200, 200, 201, 204, 304, 404, 500] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats epoch microseconds as 2026-12-01T01:02:03.123Z (milliseconds). */
function isoMillis(us: number): string {
  const ms = Math.floor(us / 1000);
  return new Date(ms).toISOString();
}

function clf(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function ip(r: ReturnType<typeof pick>): string {
  return `10.244.${r.n(8)}.${2 + r.n(250)}`;
}

/** Lines a container writes when it starts. */
export function bootLines(family: LogFamily, app: string, port: number | undefined): string[] {
  const p = port ?? 8080;
  switch (family) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        'nginx: [notice] using the "epoll" event method',
        'nginx: [notice] start worker processes',
      ];
    case 'go':
      return [
        `{"level":"info","msg":"starting ${app}","version":"2.14.0","commit":"9f3c2e1"}`,
        `{"level":"info","msg":"connected to postgres","host":"ledger-0.ledger.payments.svc"}`,
        `{"level":"info","msg":"listening","addr":":${p}"}`,
      ];
    case 'node':
      return [`> ${app}@1.9.2 start`, '> node dist/server.js', '', `${app} listening on http://0.0.0.0:${p}`];
    case 'java':
      return [
        '  .   ____          _            __ _ _',
        " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
        ' :: Spring Boot ::                (v3.3.4)',
        `Starting ${app[0]!.toUpperCase()}${app.slice(1)}Application v3.2.1 using Java 21.0.5 with PID 1`,
        `Tomcat started on port ${p} (http) with context path '/'`,
      ];
    case 'python':
      return [
        'INFO:     Started server process [1]',
        'INFO:     Waiting for application startup.',
        'INFO:     Application startup complete.',
        `INFO:     Uvicorn running on http://0.0.0.0:${p} (Press CTRL+C to quit)`,
      ];
    case 'postgres':
      return [
        'PostgreSQL Database directory appears to contain a database; Skipping initialization',
        'LOG:  starting PostgreSQL 16.4 (Debian 16.4-1.pgdg120+2) on x86_64-pc-linux-gnu',
        'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
        'LOG:  database system is ready to accept connections',
      ];
    case 'prometheus':
      return [
        'level=info msg="Starting Prometheus Server" mode=server version="(version=2.54.1)"',
        'level=info msg="Server is ready to receive web requests."',
      ];
    case 'exporter':
      return ['level=info msg="Starting node_exporter" version="(version=1.8.2)"', 'level=info msg="Listening on" address=[::]:9100'];
    case 'coredns':
      return [
        '.:53',
        '[INFO] plugin/reload: Running configuration SHA512 = 591cf3288e2f1b7c4d2a',
        'CoreDNS-1.11.3',
        'linux/amd64, go1.21.11, a6338e9',
      ];
    case 'kube-proxy':
      return [
        'I1201 00:00:01.000000       1 server_linux.go:66] "Using iptables proxy"',
        'I1201 00:00:01.100000       1 server.go:677] "Successfully retrieved node IP(s)"',
      ];
    case 'job':
      return [`INFO ${app}: starting run`, `INFO ${app}: reading orders from postgres://ledger-0.ledger.payments.svc:5432/ledger`];
    case 'init':
      return [`${app}: starting`];
    case 'envoy':
      return ['info\tEnvoy proxy is ready', 'info\tReadiness succeeded in 1.02s'];
    case 'fluent-bit':
      return ['Fluent Bit v3.1.9', '[ info] [fluent bit] version=3.1.9, commit=5f7d33e', '[ info] [sp] stream processor started'];
    case 'hostile':
      return ['\u001b]0;you have been pwned\u0007starting', '\u001b[2J\u001b[Hscreen cleared?'];
  }
}

/** The ordinary line number `k` of a container (deterministic for `seed` and `k`). */
export function steadyLine(family: LogFamily, app: string, seed: number, k: number, us: number): string {
  const r = pick(seed ^ Math.imul(k + 1, 0x9e3779b1));
  switch (family) {
    case 'nginx':
      return `${ip(r)} - - [${clf(us)}] "GET ${r.of(PATHS)} HTTP/1.1" ${r.of(STATUS)} ${200 + r.n(60_000)} "-" "${r.of(AGENTS)}"`;
    case 'go': {
      const status = r.of(STATUS);
      return `{"level":"${status >= 500 ? 'error' : 'info'}","ts":"${isoMillis(us)}","msg":"request","method":"${r.of(['GET', 'GET', 'POST'])}","path":"${r.of(API_PATHS)}","status":${status},"duration_ms":${(r.n(4000) / 100).toFixed(2)}}`;
    }
    case 'node': {
      const status = r.of(STATUS);
      // Like a colourising logger (winston/pino-pretty): SGR colours on the level.
      const level = status >= 500 ? '\u001b[31merror\u001b[39m' : '\u001b[32minfo\u001b[39m';
      return `[${isoMillis(us)}] ${level}: ${r.of(['GET', 'GET', 'POST'])} ${r.of(PATHS)} ${status} - ${(r.n(30_000) / 1000).toFixed(3)} ms`;
    }
    case 'java':
      return `${isoMillis(us)}  INFO 1 --- [${app}] [nio-8080-exec-${1 + r.n(10)}] c.e.${app}.OrderController         : Order ${10_000 + r.n(90_000)} placed (${1 + r.n(6)} items, EUR ${(r.n(30_000) / 100).toFixed(2)})`;
    case 'python':
      return `INFO:     ${ip(r)}:${30_000 + r.n(30_000)} - "GET /products?page=${1 + r.n(40)} HTTP/1.1" ${r.of(STATUS)} OK`;
    case 'postgres':
      return `${isoMillis(us).replace('T', ' ').replace('Z', ' UTC')} [${400 + r.n(100)}] LOG:  checkpoint complete: wrote ${r.n(900)} buffers (${(r.n(50) / 10).toFixed(1)}%); 0 WAL file(s) added, 0 removed, 1 recycled`;
    case 'prometheus':
      return `ts=${isoMillis(us)} caller=compact.go:576 level=info component=tsdb msg="write block" mint=${Math.floor(us / 1000) - 7_200_000} maxt=${Math.floor(us / 1000)} duration=${r.n(900)}ms`;
    case 'exporter':
      return `ts=${isoMillis(us)} caller=collector.go:173 level=info msg="collector succeeded" name=cpu duration_seconds=0.00${r.n(9)}`;
    case 'coredns':
      return `[INFO] ${ip(r)}:${30_000 + r.n(30_000)} - ${r.n(65_535)} "A IN ${r.of(['cart', 'catalog', 'checkout', 'ledger-0.ledger'])}.${r.of(['shop', 'payments'])}.svc.cluster.local. udp 51 false 512" NOERROR qr,aa,rd 104 0.000${100 + r.n(800)}s`;
    case 'kube-proxy':
      return `I1201 00:00:00.000000       1 proxier.go:818] "SyncProxyRules complete" elapsed="${(r.n(900) / 10).toFixed(1)}ms"`;
    case 'job':
      return `INFO ${app}: processed batch ${1 + (k % 120)}/120 (${(1 + (k % 120)) * 200} rows)`;
    case 'init':
      return r.n(3) === 0
        ? `${app}: waiting for ledger-0.ledger.payments.svc.cluster.local:5432`
        : `${app}: applying migration 00${40 + (k % 9)}_orders`;
    case 'envoy':
      return `[${isoMillis(us)}] "GET ${r.of(PATHS)} HTTP/1.1" ${r.of(STATUS)} - via_upstream - "-" 0 ${r.n(9000)} ${r.n(40)} ${r.n(40)} "-" "${r.of(AGENTS)}" "${ip(r)}:8080"`;
    case 'fluent-bit':
      return `[ info] [output:forward:forward.0] flushed ${r.n(500)} records to collector.monitoring.svc:24224`;
    case 'hostile':
      return r.of([
        'copied to your clipboard: \u001b]52;c;cm0gLXJmIH4=\u0007',
        '\u001b[31mred alert\u001b[0m and \u001b[5mblinking\u001b[0m text',
        'bidi \u202eoverride\u202c and a bell\u0007',
        'cursor \u001b[10Ajumps up and \u001b[Kerases',
      ]);
  }
}

/** The lines a crashed container wrote last: the error that killed it (exit code and reason of its termination). */
export function lastWords(family: LogFamily, app: string, exitCode: number, reason: string | undefined): string[] {
  if (reason === 'OOMKilled') {
    if (family === 'java')
      return ['WARN  [GC] heap usage 241Mi of 256Mi after full collection', 'WARN  [GC] allocation failure, pausing 812ms'];
    return [`warning: ${app} memory usage 248Mi of 256Mi limit`];
  }
  if (exitCode === 0) {
    return family === 'job' ? [`INFO ${app}: wrote 24000 rows to s3://reports/daily.csv`, `INFO ${app}: done in 44.8s`] : [`${app}: done`];
  }
  switch (family) {
    case 'go':
      return [
        '{"level":"error","msg":"database ping failed","error":"dial tcp 10.96.112.40:5432: connect: connection refused"}',
        '{"level":"fatal","msg":"cannot start: database unavailable after 5 attempts"}',
      ];
    case 'node':
      return [
        'node:internal/process/promises:391',
        '    triggerUncaughtException(err, true /* fromPromise */);',
        'Error: connect ECONNREFUSED 10.96.0.42:6379',
        '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {',
        "  errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '10.96.0.42', port: 6379",
        '}',
        'Node.js v20.18.0',
      ];
    case 'java':
      return [
        'ERROR 1 --- [main] o.s.boot.SpringApplication               : Application run failed',
        'java.lang.IllegalStateException: Failed to load ApplicationContext: missing property payment.gateway.url',
        '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)',
        '\tat com.example.checkout.CheckoutApplication.main(CheckoutApplication.java:12)',
      ];
    case 'python':
    case 'job':
      return [
        'Traceback (most recent call last):',
        '  File "/app/main.py", line 42, in <module>',
        '    bucket = os.environ["REPORT_BUCKET"]',
        "KeyError: 'REPORT_BUCKET'",
      ];
    case 'nginx':
      return ['nginx: [emerg] host not found in upstream "api:8080" in /etc/nginx/conf.d/default.conf:14'];
    case 'postgres':
      return ['FATAL:  could not write lock file "postmaster.pid": No space left on device'];
    case 'init':
      return [
        `${app}: ERROR: migration 0042_add_index failed: relation "orders" does not exist`,
        `${app}: exiting with status ${exitCode}`,
      ];
    case 'envoy':
      return ['critical\tenvoy: error initializing configuration: listener 0.0.0.0:15001: address already in use'];
    case 'hostile':
      return ['\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2Jgoodbye'];
    case 'prometheus':
    case 'exporter':
    case 'coredns':
    case 'kube-proxy':
    case 'fluent-bit':
      return [`level=error msg="${app} exiting" err="open /etc/${app}/config.yaml: no such file or directory"`];
  }
}
