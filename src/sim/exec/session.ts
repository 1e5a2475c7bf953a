/**
 * One exec in a simulated container: runs the requested command, or an interactive `sh` whose
 * TTY behaves like a pty (echo, backspace, Ctrl-C, Ctrl-D, CRLF output), reading stdin bytes
 * and resize messages, until the process exits.
 */
import { parseLine, processEnv, resolveProgram, runCommand, type ContainerView, type ProcessIo } from './shell.js';

interface ExecOptions {
  tty: boolean;
  stdin: boolean;
}

const PROMPT = '/ # ';

/** A running process; feed it input and resizes. */
export class ExecSession {
  private line = '';
  private escape = '';
  private exited = false;
  private size = { rows: 24, columns: 80 };
  private readonly env: Record<string, string>;
  private mode: 'interactive' | 'lines' | 'cat' | 'done' = 'done';
  private status = 0;

  constructor(
    private readonly argv: string[],
    private readonly view: ContainerView,
    private readonly opts: ExecOptions,
    private readonly io: ProcessIo,
  ) {
    this.env = processEnv(view, opts.tty);
  }

  /** Starts the process (the caller checked that argv[0] exists in the image). */
  start(): void {
    const [cmd = '', ...args] = this.argv;
    const program = resolveProgram(this.view, cmd);
    if (program === 'sh') {
      const c = args.indexOf('-c');
      if (c >= 0) return this.finish(this.script(args[c + 1] ?? ''));
      if (this.opts.tty) {
        this.mode = 'interactive';
        this.out(PROMPT);
        return;
      }
      if (this.opts.stdin) {
        this.mode = 'lines';
        return;
      }
      return this.finish(0);
    }
    if (program === 'cat' && args.length === 0) {
      if (this.opts.stdin) {
        this.mode = 'cat';
        return;
      }
      return this.finish(0);
    }
    this.finish(runCommand(this.argv, this.view, this.env, this.writers(), this.opts.tty, this.size));
  }

  /** The terminal was resized. */
  resize(columns: number, rows: number): void {
    this.size = { rows, columns };
  }

  /** Bytes from the user's stdin. */
  input(data: Uint8Array): void {
    if (this.exited) return;
    const text = Buffer.from(data).toString('utf8');
    if (this.mode === 'cat') return this.out(text);
    if (this.mode === 'lines') {
      this.line += text;
      let nl: number;
      while (!this.exited && (nl = this.line.indexOf('\n')) >= 0) {
        const l = this.line.slice(0, nl);
        this.line = this.line.slice(nl + 1);
        const r = this.script(l);
        if (r.exit !== undefined) return this.finish(r);
      }
      return;
    }
    if (this.mode === 'interactive') for (const ch of text) if (!this.exited) this.key(ch);
  }

  /** The user's stdin ended (v5 close of channel 0, or the connection went). */
  endInput(): void {
    if (this.exited) return;
    if (this.mode === 'lines' && this.line.trim() !== '') {
      const r = this.script(this.line);
      this.line = '';
      if (r.exit !== undefined) return this.finish(r);
    }
    if (this.mode === 'cat' || this.mode === 'lines') this.finish(this.status);
  }

  private key(ch: string): void {
    if (this.escape) {
      // Swallow cursor keys and other CSI/SS3 sequences (no history or cursor movement here).
      if (this.escape.length === 1) this.escape = ch === '[' || ch === 'O' ? this.escape + ch : '';
      else if (this.escape === '\u001bO' || /[@-~]/.test(ch)) this.escape = '';
      else this.escape += ch;
      return;
    }
    switch (ch) {
      case '\u001b':
        this.escape = ch;
        return;
      case '\r':
      case '\n': {
        this.out('\n');
        const l = this.line;
        this.line = '';
        const r = this.script(l);
        if (r.exit !== undefined) return this.finish(r);
        this.out(PROMPT);
        return;
      }
      case '\u007f':
      case '\b':
        if (this.line.length > 0) {
          this.line = [...this.line].slice(0, -1).join('');
          this.out('\b \b');
        }
        return;
      case '\u0003':
        this.line = '';
        this.out('^C\n' + PROMPT);
        return;
      case '\u0004':
        if (this.line === '') {
          this.out('exit\n');
          return this.finish(this.status);
        }
        return;
      case '\u0015':
        this.out('\b \b'.repeat([...this.line].length));
        this.line = '';
        return;
      default:
        if (ch >= ' ') {
          this.line += ch;
          this.out(ch);
        }
    }
  }

  /** Runs a script; `exit` is set when it ran `exit`. */
  private script(text: string): { status: number; exit?: number } {
    for (const words of parseLine(text, { ...this.env, '?': String(this.status) })) {
      const [cmd = '', ...args] = words;
      if (cmd === 'exit') {
        const n = args[0] === undefined ? this.status : Number(args[0]);
        if (!Number.isInteger(n)) {
          this.err(`sh: exit: Illegal number: ${args[0]}\n`);
          return { status: 2, exit: 2 };
        }
        return { status: n & 255, exit: n & 255 };
      }
      const program = resolveProgram(this.view, cmd);
      if (program === 'sh' && args[0] === '-c') {
        const inner = this.script(args[1] ?? '');
        this.status = inner.exit ?? inner.status;
        continue;
      }
      this.status = runCommand(words, this.view, this.env, this.writers(), this.opts.tty, this.size);
    }
    return { status: this.status };
  }

  private writers(): Pick<ProcessIo, 'stdout' | 'stderr'> {
    return { stdout: (t) => this.out(t), stderr: (t) => this.err(t) };
  }

  private out(text: string): void {
    this.io.stdout(this.opts.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  }

  private err(text: string): void {
    if (this.opts.tty) this.out(text);
    else this.io.stderr(text);
  }

  private finish(r: number | { status: number; exit?: number }): void {
    if (this.exited) return;
    this.exited = true;
    this.mode = 'done';
    this.io.exit(typeof r === 'number' ? r : (r.exit ?? r.status));
  }
}
