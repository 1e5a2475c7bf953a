/**
 * The one entry that wires kpods: reads the process environment, home directory and clock
 * once, and hands them to the command named by the first argument (or the TUI).
 */
import { homedir } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Command, CommandIo } from './commands/io.js';
import { EXIT } from './core/failure.js';

const COMMANDS: Record<string, () => Promise<Command>> = {
  contexts: async () => (await import('./commands/contexts.js')).contextsCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  trace: async () => (await import('./commands/trace.js')).traceCommand,
  top: async () => (await import('./commands/top.js')).topCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
};

export const HELP = `kpods: browse Kubernetes pods, and see why a cluster will not show them

Usage
  kpods [flags]                 open the interactive pod browser
  kpods demo                    open kpods on a built-in simulated cluster
  kpods demo --serve [...]      run only the simulated cluster (prints its kubeconfig path)
  kpods list [-n NS | -A] [-l SEL] [-o wide|json]
                                print pods as kubectl get pods does
  kpods trace [-o text|json]    walk the pipeline for a context, stage by stage
  kpods top [-n NS | -A] [-l SEL] [--containers]
                                pod CPU and memory, printed as kubectl top pods does
  kpods contexts [-o json]      list contexts and the file each came from

Kubeconfig flags (as kubectl)
  --kubeconfig PATH  --context NAME  --cluster NAME  --user NAME  -n, --namespace NS
  --server URL  --token TOKEN  --certificate-authority PATH  --insecure-skip-tls-verify
  --tls-server-name NAME  --as USER  --as-group GROUP  --request-timeout DURATION

Other
  -A, --all-namespaces  --interval DURATION  --watch  --no-color  -h, --help  -v, --version

Exit codes: 0 ok, 1 unexpected, 2 usage, 3 kubeconfig, 4 credentials, 5 connection,
6 authentication, 7 authorization, 8 response.
`;

/** The package version, read from package.json next to dist/. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Runs kpods with the given arguments; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const io: CommandIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    host: { env: process.env, home: process.env['HOME'] ? homedir() : undefined, cwd: process.cwd(), now: () => new Date() },
  };
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`kpods ${version()}\n`);
    return EXIT.ok;
  }
  try {
    if (first !== undefined && !first.startsWith('-')) {
      const load = COMMANDS[first];
      if (!load) {
        io.stderr.write(`kpods: unknown command "${first}"\n\n${HELP}`);
        return EXIT.usage;
      }
      return await (
        await load()
      )(rest, io);
    }
    const { tuiCommand } = await import('./commands/tui.js');
    return await tuiCommand(argv, io);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`kpods: unexpected error: ${message}\nThis is a bug in kpods; please report it with the command you ran.\n`);
    return EXIT.unexpected;
  }
}
