/**
 * The composition root: `main` reads the process environment, home directory and working folder,
 * makes the clock, and hands them to the command named by the first argument (or the TUI). The TUI
 * and the demo are wired to each other here, so neither command module imports the other.
 */
import type { Command, CommandIo } from './commands/io.js';
import { EXIT } from './core/failure.js';
import { reportUnexpected } from './commands/unexpected.js';
import { processIo } from './process-io.js';

/** The interactive browser; `d` on its no-kubeconfig screen opens the demo. */
const tui: Command = async (args, io) => {
  const { runTui } = await import('./commands/tui.js');
  return runTui({ args, io, demo: () => demo([], io) });
};

/** The browser on the demo's kubeconfig, its contexts described in the picker. */
const demoUi = async (
  kubeconfigPath: string,
  io: CommandIo,
  notes: Readonly<Record<string, string>>,
  ended: AbortSignal,
): Promise<number> => {
  const { runTui } = await import('./commands/tui.js');
  return runTui({ args: ['--kubeconfig', kubeconfigPath], io, contextNotes: notes, demo: () => demo([], io), ended });
};

/** `kpods demo`: the simulated cluster, with the browser opened on it in a terminal. */
const demo: Command = async (args, io) => {
  const { runDemo } = await import('./commands/demo.js');
  return runDemo(args, io, { openUi: demoUi });
};

const COMMANDS: Record<string, () => Promise<Command>> = {
  contexts: async () => (await import('./commands/contexts.js')).contextsCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  trace: async () => (await import('./commands/trace.js')).traceCommand,
  top: async () => (await import('./commands/top.js')).topCommand,
  why: async () => (await import('./commands/why.js')).whyCommand,
  demo: async () => demo,
};

export const HELP = `kpods: browse Kubernetes pods, and see why a cluster will not show them

Usage
  kpods [flags]                 open the interactive pod browser
  kpods demo                    open kpods on a built-in simulated cluster
  kpods demo --serve [...]      run only the simulated cluster (prints its kubeconfig path)
  kpods list [-n NS | -A] [-l SEL] [-o wide|json]
                                print pods as kubectl get pods does
  kpods why [POD] [-n NS | -A] [-l SEL] [-o text|json]
                                why pods are unhealthy: findings, evidence, what to do
  kpods trace [-o text|json]    walk the pipeline for a context, stage by stage
  kpods top [-n NS | -A] [-l SEL] [--containers]
                                pod CPU and memory, printed as kubectl top pods does
  kpods contexts [-o json]      list contexts and the file each came from
  kpods contexts --check [-o text|json] [--timeout DURATION]
                                which contexts work right now (all checked at once)

Kubeconfig flags (as kubectl)
  --kubeconfig PATH  --context NAME  --cluster NAME  --user NAME  -n, --namespace NS
  --server URL  --token TOKEN  --certificate-authority PATH  --insecure-skip-tls-verify
  --tls-server-name NAME  --as USER  --as-group GROUP  --request-timeout DURATION

Other
  -A, --all-namespaces  -l SELECTOR  -o wide  --interval DURATION  --watch  --no-color
  --readonly  --readonly-contexts PATTERNS  --shell CMD  --log-tail N  --log-buffer N
  -h, --help  -v, --version

Exit codes: 0 ok, 1 unexpected, 2 usage, 3 kubeconfig, 4 credentials, 5 connection,
6 authentication, 7 authorization, 8 response, 10 contexts --check: a context failed.
`;

/** Runs kpods in this process with the given arguments; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  return run(argv, processIo());
}

/** Runs kpods with the given arguments on `io` (tests pass their own streams and host); resolves to the exit code. */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    const { version } = await import('./commands/version.js');
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
    return await tui(argv, io);
  } catch (err) {
    return reportUnexpected(err, io);
  }
}
