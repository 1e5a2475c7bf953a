/**
 * The simulated container's tiny busybox-like userland: `sh` (interactive with a prompt and
 * line editing on a TTY, reading lines without one, or `sh -c SCRIPT`), and the commands
 * `echo`, `ls`, `env`, `cat`, `hostname`, `pwd`, `stty size`, `true`, `false`, `exit N`.
 */

/** What the container looks like from inside. */
export interface ContainerView {
  hostname: string;
  namespace: string;
  podIP: string;
  env: Record<string, string>;
  /** False for images without a shell (distroless, scratch): only sh is missing then, and everything else. */
  hasShell: boolean;
  /** True for images that ship bash as well. */
  hasBash: boolean;
}

/** Where a process writes and how it ends. */
export interface ProcessIo {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const COMMANDS = new Set(['echo', 'ls', 'env', 'cat', 'hostname', 'pwd', 'stty', 'true', 'false', 'sh']);
const ROOT = ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var'];

/** The program a command names, or undefined when the image does not have it (the runtime's "not found"). */
export function resolveProgram(view: ContainerView, command: string): string | undefined {
  if (!view.hasShell) return undefined;
  const base = command.slice(command.lastIndexOf('/') + 1);
  if (command.includes('/') && !/^\/(usr\/)?s?bin\/[^/]+$/.test(command)) return undefined;
  if (base === 'bash') return view.hasBash ? 'sh' : undefined;
  return COMMANDS.has(base) ? base : undefined;
}

/** The OCI runtime's message for a command the image does not have. */
export function notFoundMessage(command: string): string {
  const why = command.includes('/')
    ? `exec: "${command}": stat ${command}: no such file or directory`
    : `exec: "${command}": executable file not found in $PATH`;
  return `error executing command in container: failed to exec in container: failed to start exec "7f3c9a1e5b2d": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`;
}

/** Splits a command line into words (single and double quotes, $VAR expansion, `;` separates commands). */
export function parseLine(line: string, env: Record<string, string>): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  const expand = (i: number): [string, number] => {
    const m = /^\$(\w+|\?)|^\$\{(\w+)\}/.exec(line.slice(i));
    if (!m) return ['$', i + 1];
    return [env[m[1] ?? m[2] ?? ''] ?? '', i + m[0].length];
  };
  for (let i = 0; i < line.length;) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
      i++;
    } else if (c === '$') {
      const [text, next] = expand(i);
      word += text;
      inWord = true;
      i = next;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else word += c;
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === ';') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      if (c === ';') {
        if (words.length) commands.push(words);
        words = [];
      }
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length) commands.push(words);
  return commands;
}

/** The environment a process sees. */
export function processEnv(view: ContainerView, tty: boolean): Record<string, string> {
  return {
    PATH,
    HOSTNAME: view.hostname,
    ...(tty ? { TERM: 'xterm' } : {}),
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    ...view.env,
    HOME: '/root',
  };
}

const FILES = (v: ContainerView): Record<string, string> => ({
  '/etc/hostname': `${v.hostname}\n`,
  '/etc/hosts': `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${v.podIP}\t${v.hostname}\n`,
  '/etc/resolv.conf': `search ${v.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
});
const DIRS: Record<string, string[]> = { '/': ROOT, '/etc': ['hostname', 'hosts', 'passwd', 'resolv.conf'], '/tmp': [], '/root': [] };

/** Runs one non-shell command to completion; returns its exit status. `size` is the terminal's (rows, columns). */
export function runCommand(
  argv: string[],
  view: ContainerView,
  env: Record<string, string>,
  io: Pick<ProcessIo, 'stdout' | 'stderr'>,
  tty: boolean,
  size: { rows: number; columns: number },
): number {
  const [cmd = '', ...args] = argv;
  const name = resolveProgram(view, cmd);
  switch (name) {
    case 'echo': {
      const noNewline = args[0] === '-n';
      io.stdout(args.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'));
      return 0;
    }
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'pwd':
      io.stdout('/\n');
      return 0;
    case 'hostname':
      io.stdout(`${view.hostname}\n`);
      return 0;
    case 'env':
      io.stdout(
        Object.entries(env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      return 0;
    case 'stty':
      if (args[0] !== 'size') {
        io.stderr('stty: only "stty size" is simulated\n');
        return 1;
      }
      if (!tty) {
        io.stderr('stty: standard input: Inappropriate ioctl for device\n');
        return 1;
      }
      io.stdout(`${size.rows} ${size.columns}\n`);
      return 0;
    case 'ls': {
      const paths = args.filter((a) => !a.startsWith('-'));
      let status = 0;
      for (const p of paths.length ? paths : ['/']) {
        const dir = DIRS[p.replace(/(.)\/+$/, '$1')];
        if (!dir) {
          if (FILES(view)[p] !== undefined) io.stdout(`${p}\n`);
          else {
            io.stderr(`ls: ${p}: No such file or directory\n`);
            status = 1;
          }
          continue;
        }
        if (paths.length > 1) io.stdout(`${p}:\n`);
        if (dir.length) io.stdout(tty ? `${dir.join('  ')}\n` : dir.map((d) => `${d}\n`).join(''));
      }
      return status;
    }
    case 'cat': {
      let status = 0;
      for (const p of args) {
        const text = FILES(view)[p];
        if (text === undefined) {
          io.stderr(`cat: can't open '${p}': No such file or directory\n`);
          status = 1;
        } else io.stdout(text);
      }
      return status;
    }
    default:
      io.stderr(`sh: ${cmd}: not found\n`);
      return 127;
  }
}
