/** Starts kpods' TUI in a tmux pane and watches its screen. */
import { join } from 'node:path';
import { shq, type Pane, type Tmux } from './tmux.js';
import type { SizeCtx } from './context.js';

/** A pod row on screen: a READY cell such as "1/1" followed by a STATUS cell. */
export const ROW_RE = /\s\d+\/\d+\s+\S/;

/** The screen size every TUI measurement uses. */
export const COLS = 120;
export const ROWS = 40;

/** Lines of the screen that show pod rows. */
export function rowLines(screen: string[]): string[] {
  return screen.filter((l) => ROW_RE.test(l));
}

/** Arguments that select what the TUI shows: every namespace, like `-A`. */
export const TUI_SCOPE = ['-A'];

/** A running TUI. */
export interface Tui {
  pane: Pane;
  /** Epoch ms just before the process was exec'd. */
  t0: number;
  pid: number;
}

let stamp = 0;

/** Starts `kpods` (the TUI) in a fresh pane against `kubeconfig`, with extra flags. */
export async function startTui(c: SizeCtx, tmux: Tmux, kubeconfig: string, extra: string[]): Promise<Tui> {
  const env = c.env({ TERM: 'xterm-256color', LANG: 'C.UTF-8' });
  const vars = Object.entries(env)
    .filter(([k, v]) => v !== undefined && ['PATH', 'HOME', 'TERM', 'LANG', 'NODE_ENV', 'TMPDIR'].includes(k))
    .map(([k, v]) => shq(`${k}=${v as string}`));
  const args = [c.kpodsBin, '--kubeconfig', kubeconfig, '--context', c.context, ...TUI_SCOPE, ...extra].map(shq);
  const command = `env -i ${vars.join(' ')} ${shq(process.execPath)} ${args.join(' ')}`;
  const pane = await tmux.open(command, COLS, ROWS, join(c.tmp, `start-${++stamp}.stamp`));
  const t0 = await pane.go();
  const pid = await pane.pid();
  return { pane, t0, pid };
}

/** Polls the screen every `everyMs` until `pred` holds; undefined on timeout or when the process died. */
export async function waitScreen(
  pane: Pane,
  pred: (screen: string[]) => boolean,
  timeoutMs: number,
  everyMs = 4,
): Promise<{ at: number; screen: string[] } | undefined> {
  const end = Date.now() + timeoutMs;
  let checks = 0;
  while (Date.now() < end) {
    const screen = await pane.capture();
    const at = Date.now();
    if (pred(screen)) return { at, screen };
    if (++checks % 50 === 0 && (await pane.dead())) return undefined;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return undefined;
}

/** Why the TUI showed no rows: the last screen, trimmed, for the report. */
export async function whyNoRows(pane: Pane): Promise<string> {
  const screen = await pane.capture().catch(() => [] as string[]);
  const text = screen
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .join(' | ');
  return text.length > 0 ? text.slice(0, 400) : 'empty screen';
}

/** Waits for the first painted pod rows; resolves to ms since process start, or a reason. */
export async function firstRows(tui: Tui, expected: number, timeoutMs: number): Promise<{ ms: number } | { reason: string }> {
  const want = Math.max(1, Math.min(5, expected));
  const r = await waitScreen(tui.pane, (s) => rowLines(s).length >= want, timeoutMs);
  if (!r) return { reason: await whyNoRows(tui.pane) };
  return { ms: r.at - tui.t0 };
}

/** Progress text the TUI shows while its first list loads ("loading…", "loaded 3,500 of ~10,000"). */
export const LOADING_RE = /\bloading\b|\bloaded [\d,]+/i;

/** Waits until rows show and no loading progress remains; ms since process start, or NaN. */
export async function fullyLoaded(tui: Tui, timeoutMs: number): Promise<number> {
  const r = await waitScreen(tui.pane, (s) => rowLines(s).length > 0 && !s.some((l) => LOADING_RE.test(l)), timeoutMs);
  return r ? r.at - tui.t0 : NaN;
}

/** Sleeps (benchmark windows only). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
