/**
 * A private tmux server for driving kpods in a real pseudo-terminal of a fixed size. Keys and
 * screen captures go through one tmux control-mode client (`tmux -C`), so polling the screen
 * costs no process start and a keystroke reaches the pane within about a millisecond.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';

const run = promisify(execFile);

/** One pane running one command, started on demand (`go`) so its start time is exact. */
export interface Pane {
  session: string;
  /** Releases the gate; resolves to the command's start time (epoch ms, taken just before exec). */
  go(): Promise<number>;
  pid(): Promise<number>;
  /** Whether the command has exited. */
  dead(): Promise<boolean>;
  /** The visible screen, one string per row. */
  capture(): Promise<string[]>;
  /** Sends tmux key names (Enter, PageDown, Escape, C-c, ...). */
  keys(...keys: string[]): Promise<void>;
  /** Types literal text. */
  type(text: string): Promise<void>;
  kill(): Promise<void>;
}

/** Quotes a word for sh (and for tmux's command parser, which accepts the same single quotes). */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface Pending {
  resolve: (lines: string[]) => void;
  reject: (e: Error) => void;
}

/** A tmux server on its own socket, with one control client. */
export class Tmux {
  private n = 0;
  private ctl?: ChildProcessWithoutNullStreams | undefined;
  private queue: Pending[] = [];
  private block?: string[] | undefined;

  constructor(readonly socket = `kpods-bench-${process.pid}`) {}

  /** Runs one tmux command through a new client process. */
  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { maxBuffer: 16 << 20 });
    return stdout;
  }

  /** Runs one command line through the control client; resolves to its output lines. */
  async cmd(line: string): Promise<string[]> {
    const ctl = this.ctl ?? (await this.startControl());
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      ctl.stdin.write(`${line}\n`);
    });
  }

  private async startControl(): Promise<ChildProcessWithoutNullStreams> {
    await this.tmux('new-session', '-d', '-s', 'ctl', '-x', '80', '-y', '5', 'sleep 86400');
    const ctl = spawn('tmux', ['-L', this.socket, '-C', 'attach', '-t', 'ctl'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ctl = ctl;
    createInterface({ input: ctl.stdout }).on('line', (line) => {
      if (this.block) {
        if (/^%(end|error) \d+ \d+ 1$/.test(line)) {
          const p = this.queue.shift();
          const lines = this.block;
          this.block = undefined;
          if (line.startsWith('%error')) p?.reject(new Error(`tmux: ${lines.join(' ')}`));
          else p?.resolve(lines);
        } else this.block.push(line);
      } else if (/^%begin \d+ \d+ 1$/.test(line)) this.block = [];
    });
    ctl.on('exit', () => {
      for (const p of this.queue.splice(0)) p.reject(new Error('tmux control client exited'));
      this.ctl = undefined;
    });
    return ctl;
  }

  /** Opens a cols×rows pane whose shell waits for `go()`, then runs `command` (a sh command line). */
  async open(command: string, cols: number, rows: number, stampFile: string): Promise<Pane> {
    const session = `b${++this.n}`;
    const gated = `read _gate; date +%s%N > ${shq(stampFile)}; exec ${command}`;
    await this.tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), `sh -c ${shq(gated)}`);
    await this.tmux('set-option', '-t', session, 'remain-on-exit', 'on');
    const target = `${session}:0.0`;
    const pane: Pane = {
      session,
      go: async () => {
        await this.cmd(`send-keys -t ${target} Enter`);
        for (let i = 0; i < 1000; i++) {
          if (existsSync(stampFile)) {
            const ns = readFileSync(stampFile, 'utf8').trim();
            if (ns.length > 6) return Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        throw new Error('the pane never started its command');
      },
      pid: async () => Number((await this.cmd(`display-message -p -t ${target} '#{pane_pid}'`))[0]),
      dead: async () => (await this.cmd(`display-message -p -t ${target} '#{pane_dead}'`))[0] === '1',
      capture: () => this.cmd(`capture-pane -p -t ${target}`),
      keys: async (...keys) => void (await this.cmd(`send-keys -t ${target} ${keys.map(shq).join(' ')}`)),
      type: async (text) => void (await this.cmd(`send-keys -t ${target} -l ${shq(text)}`)),
      kill: async () => {
        const pid = await pane.pid().catch(() => 0);
        await this.cmd(`kill-session -t ${session}`).catch(() => undefined);
        if (pid > 0) await killHard(pid);
      },
    };
    return pane;
  }

  /** Stops the control client, the tmux server and everything in it, and removes its socket. */
  async close(): Promise<void> {
    const socketPath = (await this.tmux('display-message', '-p', '#{socket_path}').catch(() => '')).trim();
    this.ctl?.stdin.end();
    await this.tmux('kill-server').catch(() => undefined);
    if (socketPath) rmSync(socketPath, { force: true });
  }
}

/** Waits up to 2 s for a process to exit after its terminal closed, then SIGKILLs it. */
async function killHard(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (!existsSync(`/proc/${pid}`)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

/** Whether tmux can be run here. */
export async function tmuxAvailable(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}
