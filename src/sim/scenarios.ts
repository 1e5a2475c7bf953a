/**
 * The demo/test scenarios: one kubeconfig context each, named for what it shows. Healthy and
 * credential scenarios use the main server's root URL; fault scenarios use a path prefix
 * (`https://127.0.0.1:PORT/s/<name>`), which kubectl and kpods keep in front of every API path;
 * TLS scenarios use another CA or a second server with a certificate for another host name.
 */
import { dump } from 'js-yaml';

/** One scenario: its context name and a one-line description. */
export interface ScenarioInfo {
  context: string;
  description: string;
}

/** Every scenario context, in the order the demo lists them. */
export const SCENARIOS: ScenarioInfo[] = [
  { context: 'admin', description: 'full access with a client certificate (CN kpods-admin, O system:masters)' },
  {
    context: 'developer',
    description: 'bearer token for jane@example.com, who may list pods only in "shop"; the context points at "default" (403)',
  },
  { context: 'viewer-basic', description: 'basic auth as "ops", who may read pods and namespaces cluster-wide' },
  { context: 'expired-token', description: 'a bearer token the server no longer accepts (401 Unauthorized)' },
  { context: 'wrong-ca', description: 'the kubeconfig trusts a different CA than the one that signed the server (unknown authority)' },
  { context: 'hostname-mismatch', description: 'the server certificate is for kubernetes.internal.example, not 127.0.0.1' },
  { context: 'nothing-listening', description: 'a loopback port where nothing listens (connection refused)' },
  { context: 'exec-ok', description: 'a token from an exec credential plugin shipped with kpods' },
  { context: 'exec-missing', description: 'an exec credential plugin that is not installed (with installHint)' },
  { context: 'exec-fails', description: 'an exec credential plugin that exits 1 with a message on stderr' },
  { context: 'html-login', description: 'an SSO login page (HTML) answers instead of the Kubernetes API' },
  { context: 'throttled', description: 'every request is refused with 429 Too Many Requests and Retry-After: 1 (text body)' },
  { context: 'flaky', description: 'every other request fails with 500 InternalError' },
  { context: 'slow', description: 'every response is delayed (1.5 s by default)' },
  { context: 'reset', description: 'the connection is reset halfway through every response body' },
  { context: 'hostile', description: 'namespace "hostile": a pod whose status text carries terminal escape sequences' },
  { context: 'no-metrics', description: 'a cluster without metrics-server: no metrics.k8s.io in discovery (kubectl top fails)' },
];

/** Inputs for writing the kubeconfig. */
interface KubeconfigInputs {
  url: string;
  mismatchUrl: string;
  deadUrl: string;
  caPem: string;
  wrongCaPem: string;
  admin: { cert: string; key: string };
  developerToken: string;
  expiredToken: string;
  basic: { username: string; password: string };
  execToken: string;
  nodePath: string;
  pluginPath: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Builds the kubeconfig YAML with one context per scenario (current context: admin). */
export function kubeconfigYaml(k: KubeconfigInputs): string {
  const cluster = (name: string, server: string, ca = k.caPem) => ({ name, cluster: { server, 'certificate-authority-data': b64(ca) } });
  const adminUser = { 'client-certificate-data': b64(k.admin.cert), 'client-key-data': b64(k.admin.key) };
  const exec = (args: string[], env: Array<{ name: string; value: string }>) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: k.nodePath,
      args,
      env,
      interactiveMode: 'Never',
      provideClusterInfo: true,
    },
  });
  const clusters = [
    cluster('sim', k.url),
    cluster('sim-wrong-ca', k.url, k.wrongCaPem),
    cluster('sim-hostname-mismatch', k.mismatchUrl),
    cluster('sim-nothing-listening', k.deadUrl),
    ...['html-login', 'throttled', 'flaky', 'slow', 'reset'].map((s) => cluster(`sim-${s}`, `${k.url}/s/${s}`)),
    cluster('sim-no-metrics', `${k.url}/s/no-metrics`),
  ];
  const users = [
    { name: 'admin', user: adminUser },
    { name: 'developer', user: { token: k.developerToken } },
    { name: 'ops', user: { username: k.basic.username, password: k.basic.password } },
    { name: 'expired', user: { token: k.expiredToken } },
    { name: 'exec-ok', user: exec([k.pluginPath], [{ name: 'KPODS_SIM_EXEC_TOKEN', value: k.execToken }]) },
    {
      name: 'exec-missing',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'kpods-sim-login',
          args: ['get-token'],
          interactiveMode: 'IfAvailable',
          installHint: 'kpods-sim-login is not installed. Install it from https://example.com/kpods-sim-login or use another context.',
        },
      },
    },
    { name: 'exec-fails', user: exec([k.pluginPath, '--fail'], []) },
  ];
  const ctx = (name: string, clusterName: string, user: string, namespace = 'default') => ({
    name,
    context: { cluster: clusterName, user, namespace },
  });
  const contexts = [
    ctx('admin', 'sim', 'admin'),
    ctx('developer', 'sim', 'developer'),
    ctx('viewer-basic', 'sim', 'ops'),
    ctx('expired-token', 'sim', 'expired'),
    ctx('wrong-ca', 'sim-wrong-ca', 'admin'),
    ctx('hostname-mismatch', 'sim-hostname-mismatch', 'admin'),
    ctx('nothing-listening', 'sim-nothing-listening', 'admin'),
    ctx('exec-ok', 'sim', 'exec-ok'),
    ctx('exec-missing', 'sim', 'exec-missing'),
    ctx('exec-fails', 'sim', 'exec-fails'),
    ...['html-login', 'throttled', 'flaky', 'slow', 'reset'].map((s) => ctx(s, `sim-${s}`, 'admin')),
    ctx('hostile', 'sim', 'admin', 'hostile'),
    ctx('no-metrics', 'sim-no-metrics', 'admin'),
  ];
  return dump(
    { apiVersion: 'v1', kind: 'Config', preferences: {}, 'current-context': 'admin', clusters, users, contexts },
    { lineWidth: -1 },
  );
}
