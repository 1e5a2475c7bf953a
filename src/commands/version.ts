/** The kpods version, as `kpods --version` and `kpods contexts --version` print it. */
import { readFileSync } from 'node:fs';

/** The package version, read from package.json at the package root (dist/src/commands → ../../..). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
