/** The interactive browser's own flags (besides kubectl's), its usage text, and the --interval parser. */
import type { OptionSpecs } from './kube-flags.js';

/** The browser's own flags (besides kubectl's); the README lists each one (test/readme-flags.test.ts). */
export const TUI_OPTIONS = {
  interval: { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  'no-color': { type: 'boolean' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  'log-tail': { type: 'string' },
  'log-buffer': { type: 'string' },
  readonly: { type: 'boolean' },
  'readonly-contexts': { type: 'string', multiple: true },
  shell: { type: 'string' },
  selector: { type: 'string', short: 'l' },
  output: { type: 'string', short: 'o' },
} as const satisfies OptionSpecs;

export const USAGE = `Usage: kpods [--interval DURATION] [--watch] [--no-color] [-A] [-l SELECTOR] [-o wide] [--log-tail N]
             [--log-buffer N] [--readonly] [--readonly-contexts PATTERNS] [--shell CMD] [kubeconfig flags]
Opens the interactive pod browser. --interval sets the refresh period (default 2s); --watch keeps
the list live with list+watch instead of polling. -l starts with that label selector (applied by the
server, as kpods list -l; / shows it, Esc clears it); -o wide shows kubectl's wide columns (IP, NODE…)
before the usage columns when room is short. A pod's log (l) starts with its last --log-tail
lines (default 200) and keeps at most --log-buffer lines (default 10000). --readonly removes delete,
kill and shell (also for contexts or clusters matching --readonly-contexts globs such as prod-*);
--shell is what \`s\` runs in a container (default /bin/sh). Defaults come from
~/.config/kpods/config.yaml. Press ? inside for the keys.
`;

/** Parses a duration like "2s", "500ms" or "3" (seconds) into milliseconds. */
export async function parseInterval(text: string | undefined): Promise<number | undefined> {
  if (text === undefined) return 2000;
  const { parseRequestTimeout } = await import('../core/kubeconfig/index.js');
  const ms = parseRequestTimeout(text);
  return ms !== undefined && ms >= 100 ? ms : undefined;
}
