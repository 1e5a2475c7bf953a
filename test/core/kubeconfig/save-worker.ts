/**
 * A separate process for the concurrency tests: sets the namespace of each named context (and
 * optionally current-context) through the compiled engine, one locked write at a time.
 * Usage: node save-worker.js KUBECONFIG_FILE NAMESPACE_PREFIX CONTEXT...
 */
import { saveCurrentContext, saveNamespace } from '../../../src/core/kubeconfig/index.js';

const [file, prefix, ...contexts] = process.argv.slice(2);
const host = { env: { KUBECONFIG: file }, home: undefined, cwd: process.cwd(), now: () => new Date() };
let failures = 0;
for (const [i, context] of contexts.entries()) {
  const r = await saveNamespace({ host, context, namespace: `${prefix}-${i}`, lockTimeoutMs: 30_000 });
  if (!r.ok) {
    failures++;
    process.stderr.write(`${context}: ${r.failure.code} ${r.failure.summary}\n`);
  }
  const c = await saveCurrentContext({ host, context, lockTimeoutMs: 30_000 });
  if (!c.ok) {
    failures++;
    process.stderr.write(`use ${context}: ${c.failure.code} ${c.failure.summary}\n`);
  }
}
process.exitCode = failures === 0 ? 0 : 1;
