/**
 * `kpods demo`: starts the simulated cluster on a free loopback port and shows kpods on it.
 * `kpods demo --serve [--port N] [--pods N] [--churn R] [--log-rate N] [--kubeconfig-out PATH]` runs only the
 * server: the kubeconfig path is the first line on stdout; SIGINT or SIGTERM stops it, removes
 * its private temporary folder and exits 0.
 */
import { parseArgs } from 'node:util';
import { demoStartFailure } from './demo-start-failure.js';
import type { CommandIo } from './io.js';
import { EXIT } from '../core/failure.js';
import { neutralizeMultiline } from '../core/terminal-text.js';
import type { Simulator, SimulatorOptions } from '../sim/index.js';

export const DEMO_USAGE = `Usage: kpods demo [--serve] [--port N] [--pods N] [--churn R] [--log-rate N] [--kubeconfig-out PATH]
  --serve               run only the simulated cluster; print its kubeconfig path; stop on Ctrl-C
  --port N              listen on 127.0.0.1:N (default: a free port)
  --pods N              number of pods, 0 to 200000 (default 300)
  --churn R             pod changes per second (default 2)
  --log-rate N          lines per second the demo's fast-writing pod logs, 1 to 100000 (default 500)
  --kubeconfig-out PATH also write the kubeconfig to PATH
`;

/** Demo settings parsed from the command line. */
interface DemoOptions extends SimulatorOptions {
  serve: boolean;
}

/** Parses `kpods demo` arguments; a string is a usage error. */
export function parseDemoArgs(args: string[]): DemoOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        serve: { type: 'boolean' },
        port: { type: 'string' },
        pods: { type: 'string' },
        churn: { type: 'string' },
        'log-rate': { type: 'string' },
        'kubeconfig-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    return (err as Error).message;
  }
  const v = parsed.values;
  if (v.help) return '';
  const int = (name: string, text: string | undefined, max: number, min = 0): number | string | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) > max || Number(text) < min)
      return `--${name} must be a whole number from ${min} to ${max}, got "${text}"`;
    return Number(text);
  };
  const port = int('port', v.port, 65535);
  const pods = int('pods', v.pods, 200_000);
  if (typeof port === 'string') return port;
  if (typeof pods === 'string') return pods;
  const logRate = int('log-rate', v['log-rate'], 100_000, 1);
  if (typeof logRate === 'string') return logRate;
  let churn: number | undefined;
  if (v.churn !== undefined) {
    churn = Number(v.churn);
    if (!/^\d+(\.\d+)?$/.test(v.churn) || churn > 10_000)
      return `--churn must be a number of changes per second from 0 to 10000, got "${v.churn}"`;
  }
  return {
    serve: v.serve ?? false,
    ...(port !== undefined ? { port } : {}),
    pods: pods ?? 300,
    churnPerSecond: churn ?? 2,
    ...(logRate !== undefined ? { logs: { fastRate: logRate } } : {}),
    troubled: true,
    ...(v['kubeconfig-out'] ? { kubeconfigOut: v['kubeconfig-out'] } : {}),
  };
}

/** Starts the simulator for the demo. */
export async function startDemo(options: SimulatorOptions): Promise<Simulator> {
  const { startSimulator } = await import('../sim/index.js');
  return startSimulator(options);
}

/**
 * Turns `signals` into an abort from now until `off()`: the demo then ends through its clean-up
 * (the simulator's folder is removed) instead of by the signal's default action.
 */
function signalGuard(signals: NodeJS.Signals[]): { signal: AbortSignal; off(): void } {
  const controller = new AbortController();
  const on = (): void => controller.abort();
  for (const s of signals) process.on(s, on);
  return { signal: controller.signal, off: () => signals.forEach((s) => process.off(s, on)) };
}

/** The "what to try" text for a running demo cluster. */
export async function demoGuide(sim: Simulator): Promise<string> {
  const { SCENARIOS } = await import('../sim/index.js');
  const width = Math.max(...SCENARIOS.map((s) => s.context.length));
  return [
    `Simulated cluster at ${sim.url} with ${sim.cluster.size} pods. Contexts in the kubeconfig:`,
    ...SCENARIOS.map((s) => `  ${s.context.padEnd(width)}  ${s.description}`),
    '',
    ...(sim.logs.fastPod ? [`The pod ${sim.logs.fastPod} writes ${sim.logs.fastRate} log lines a second (--log-rate).`, ''] : []),
    'Try:',
    `  kpods --kubeconfig ${sim.kubeconfigPath}`,
    `  kpods list -A --kubeconfig ${sim.kubeconfigPath}`,
    `  kpods trace --context wrong-ca --kubeconfig ${sim.kubeconfigPath}`,
    `  kubectl --kubeconfig ${sim.kubeconfigPath} --context developer get pods`,
    'Press Ctrl-C to stop; the temporary folder is removed.',
    '',
  ].join('\n');
}

/** What `kpods demo` needs from outside: how to open the interactive UI on the demo's kubeconfig (cli.ts wires the TUI in); `ended` aborts on SIGTERM or SIGHUP. */
interface DemoWiring {
  /** `notes`: each demo context's scenario description (the context picker shows it). */
  openUi: (kubeconfigPath: string, io: CommandIo, notes: Readonly<Record<string, string>>, ended: AbortSignal) => Promise<number>;
}

/** `kpods demo [--serve]`: runs the simulated cluster and, unless --serve, the UI on it (through `wiring`). */
export async function runDemo(args: string[], io: CommandIo, wiring: DemoWiring): Promise<number> {
  const opts = parseDemoArgs(args);
  if (typeof opts === 'string') {
    if (opts !== '') io.stderr.write(`kpods demo: ${neutralizeMultiline(opts)}\n`);
    (opts === '' ? io.stdout : io.stderr).write(DEMO_USAGE);
    return opts === '' ? EXIT.ok : EXIT.usage;
  }
  const { serve, ...simOptions } = opts;
  // Without --serve, in a terminal: the interactive UI on the demo cluster.
  const ui = !serve && (io.stdin as NodeJS.ReadStream).isTTY && (io.stdout as NodeJS.WriteStream).isTTY;
  // From before the simulator exists until it is gone, a signal ends the demo through its clean-up;
  // the UI gets SIGTERM and SIGHUP (the terminal closed) as an abort, Ctrl-C is a key there.
  const guard = signalGuard(ui ? ['SIGTERM', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP']);
  try {
    let sim: Simulator;
    try {
      sim = await startDemo(simOptions);
    } catch (err) {
      io.stderr.write(demoStartFailure(err, simOptions));
      return EXIT.unexpected;
    }
    try {
      if (guard.signal.aborted) return EXIT.ok;
      if (ui) {
        const { SCENARIOS } = await import('../sim/index.js');
        const notes = Object.fromEntries(SCENARIOS.map((s) => [s.context, s.description]));
        return await wiring.openUi(sim.kubeconfigPath, io, notes, guard.signal);
      }
      io.stderr.write(await demoGuide(sim));
      io.stdout.write(`${sim.kubeconfigPath}\n`);
      if (!guard.signal.aborted) await new Promise((resolve) => guard.signal.addEventListener('abort', resolve, { once: true }));
      return EXIT.ok;
    } finally {
      await sim.close();
    }
  } finally {
    guard.off();
  }
}
