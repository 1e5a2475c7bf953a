/**
 * Drives the real kpods binary in a tmux session of fixed size: send keys, read the screen each time
 * the pane changes until a predicate holds (with a deadline), and kill the private tmux server at the end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { watchPane, type PaneWatcher } from './tmux-control.js';

export { tmuxAvailable } from './tools.js';

export interface TmuxSession {
  socket: string;
  /** The visible screen, one string (lines joined by \n). */
  screen(): string;
  /** Sends tmux key names or literal text (`literal: true`). */
  send(keys: string, literal?: boolean): void;
  /** Polls the screen until `pred` holds; rejects with the screen after `timeoutMs`. */
  waitFor(pred: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Resizes the terminal (the program sees SIGWINCH). */
  resize(columns: number, rows: number): void;
  /** True while the command in the pane is still running. */
  alive(): boolean;
  kill(): void;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Starts `argv` in a new detached tmux session (its own server via `-L`), `columns`×`rows`, with
 * exactly `env` (plus PATH, TERM). The pane stays after the command exits so its end can be read.
 */
export function startTmux(argv: string[], env: Record<string, string>, columns = 100, rows = 30): TmuxSession {
  const socket = `kpods-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  // `env -i` gives the command exactly this environment (CI unset: Ink writes no frames under CI).
  const envArgs = Object.entries({ PATH: process.env['PATH'] ?? '/usr/bin:/bin', TERM: 'xterm-256color', ...env }).map(([k, v]) =>
    shellQuote(`${k}=${v}`),
  );
  const command = `env -i ${envArgs.join(' ')} ${argv.map(shellQuote).join(' ')}; echo "[exited $?]"; sleep 600`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', String(columns), '-y', String(rows), command]);
  // Started on the first wait: one tmux client for all the session's waits instead of one per look.
  let watcher: PaneWatcher | undefined;
  const session: TmuxSession = {
    socket,
    screen: () => tmux('capture-pane', '-p', '-t', '0'),
    send(keys, literal = false) {
      tmux('send-keys', '-t', '0', ...(literal ? ['-l', keys] : [keys]));
    },
    waitFor(pred, what, timeoutMs = 15_000) {
      watcher ??= watchPane(socket);
      return watcher.waitFor(pred, what, timeoutMs);
    },
    resize(columns, rows) {
      tmux('resize-window', '-t', '0', '-x', String(columns), '-y', String(rows));
    },
    alive: () => !session.screen().includes('[exited '),
    kill() {
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      watcher?.close();
    },
  };
  return session;
}

const SGR = /\u001b\[[0-9;]*m/g;
const REVERSE = /\u001b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/;

/** The plain screen lines and the index of the reverse-video (cursor) line (−1: none), from one capture with attributes. */
function cursorScreen(tmux: TmuxSession): { lines: string[]; cursor: number } {
  const styled = execFileSync('tmux', ['-L', tmux.socket, 'capture-pane', '-p', '-e', '-t', '0'], { encoding: 'utf8' }).split('\n');
  return { lines: styled.map((l) => l.replace(SGR, '')), cursor: styled.findIndex((l) => REVERSE.test(l)) };
}

/** The name on the reverse-video (cursor) row of the screen. */
export function cursorRow(tmux: TmuxSession): string | undefined {
  const { lines, cursor } = cursorScreen(tmux);
  return cursor < 0 ? undefined : lines[cursor]?.trim().split(/\s+/)[0];
}

/**
 * Moves the cursor onto the row of `name` with j/k, one row at a time, each step read from a
 * single capture (rows that arrive or move meanwhile do not throw the count off).
 */
export async function moveCursorTo(tmux: TmuxSession, name: string, maxSteps = 60): Promise<void> {
  for (let step = 0; ; step++) {
    let where = { lines: [] as string[], cursor: -1 };
    let target = -1;
    await tmux.waitFor(() => {
      where = cursorScreen(tmux);
      target = where.lines.findIndex((l) => l.startsWith(name + ' '));
      return where.cursor >= 0 && target >= 0;
    }, `the cursor and the row of ${name}`);
    if (target === where.cursor) return;
    if (step >= maxSteps) throw new Error(`the cursor did not reach ${name} in ${maxSteps} steps`);
    const before = where.lines[where.cursor];
    tmux.send(target > where.cursor ? 'j' : 'k');
    await tmux.waitFor(() => {
      const now = cursorScreen(tmux);
      return now.cursor >= 0 && now.lines[now.cursor] !== before;
    }, `the cursor to move towards ${name}`);
  }
}
