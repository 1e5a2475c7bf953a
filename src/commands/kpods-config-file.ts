/** Reads kpods' own config file for the commands (the parsing is pure, in src/core/config). */
import { readFileSync } from 'node:fs';
import { describeProblem, loadConfig, type LoadedConfig } from '../core/config/index.js';
import type { Host } from '../core/target.js';

/** The config file's settings and problems, with one line summarising the problems for the UI. */
export function loadKpodsConfig(host: Pick<Host, 'env' | 'home'>): LoadedConfig & { summary: string } {
  const loaded = loadConfig(
    (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (err) {
        return (err as { code?: unknown }).code === 'ENOENT' ? undefined : (err as Error);
      }
    },
    host.env,
    host.home ?? '/nonexistent',
  );
  const first = loaded.problems[0];
  const more = loaded.problems.length > 1 ? ` (and ${loaded.problems.length - 1} more)` : '';
  return { ...loaded, summary: first ? `kpods config: ${describeProblem(first)}${more}` : '' };
}
