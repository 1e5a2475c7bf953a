#!/usr/bin/env node
/**
 * The exec credential plugin shipped for the simulator's `exec-ok` and `exec-fails` contexts.
 * Prints an ExecCredential with the token from KPODS_SIM_EXEC_TOKEN; with `--fail` it fails
 * the way a real plugin does (message on stderr, exit 1). When KPODS_SIM_EXEC_INFO_FILE is set,
 * it writes the KUBERNETES_EXEC_INFO it received to that file (for tests).
 */
import { writeFileSync } from 'node:fs';

const infoFile = process.env['KPODS_SIM_EXEC_INFO_FILE'];
if (infoFile) writeFileSync(infoFile, process.env['KUBERNETES_EXEC_INFO'] ?? '', { mode: 0o600 });
if (process.argv.includes('--fail')) {
  process.stderr.write(
    'error: refreshing credentials: the identity provider rejected the refresh token (invalid_grant); run "example-login" to sign in again\n',
  );
  process.exit(1);
}
const token = process.env['KPODS_SIM_EXEC_TOKEN'] ?? '';
const apiVersion = (() => {
  try {
    const info = JSON.parse(process.env['KUBERNETES_EXEC_INFO'] ?? '{}') as { apiVersion?: string };
    return info.apiVersion ?? 'client.authentication.k8s.io/v1';
  } catch {
    return 'client.authentication.k8s.io/v1';
  }
})();
const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
process.stdout.write(
  JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: { interactive: false }, status: { expirationTimestamp: expiration, token } }) +
    '\n',
);
