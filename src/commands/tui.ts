/**
 * `kpods [flags]`: the interactive pod browser. Parses kubectl's flags plus --interval, --watch,
 * --no-color and -A (tui-flags.ts); with no kubeconfig anywhere it explains where it looked and offers the demo.
 */
import type { CommandIo } from './io.js';
import { EXIT } from '../core/failure.js';
import { neutralize } from '../core/terminal-text.js';
import { parseInterval, TUI_OPTIONS, USAGE } from './tui-flags.js';

export { parseInterval, TUI_OPTIONS } from './tui-flags.js';

/** Options for starting the UI on a kubeconfig (the demo passes its own). */
interface TuiStart {
  args: string[];
  io: CommandIo;
  /** Used instead of --kubeconfig / KUBECONFIG (the demo's kubeconfig). */
  kubeconfigPath?: string;
  /** Opens the demo from the no-kubeconfig screen; undefined hides the offer. */
  demo?: () => Promise<number>;
  /** A description per context name (the demo's scenarios), shown in the context picker. */
  contextNotes?: Readonly<Record<string, string>>;
  /** Ends kpods as SIGTERM does, at any point of its start (the demo's signals, caught before kpods could). */
  ended?: AbortSignal;
}

/** Runs the UI until quit; resolves to the exit code. */
export async function runTui(o: TuiStart): Promise<number> {
  const { io } = o;
  const { parseCommandFlags } = await import('./kube-flags.js');
  const flags = parseCommandFlags(o.args, TUI_OPTIONS, { prefix: 'kpods', usage: USAGE }, io);
  if (typeof flags === 'number') return flags;
  const v = flags.rest.values;
  // kpods' own config file: defaults under the flags; its problems are shown, never fatal.
  const { loadKpodsConfig } = await import('./kpods-config-file.js');
  const kc = loadKpodsConfig(io.host);
  const intervalMs =
    typeof v['interval'] !== 'string' && kc.config.intervalMs !== undefined
      ? kc.config.intervalMs
      : await parseInterval(typeof v['interval'] === 'string' ? v['interval'] : undefined);
  if (intervalMs === undefined) {
    io.stderr.write(`kpods: --interval must be a duration of at least 100ms, like 2s or 500ms\n${USAGE}`);
    return EXIT.usage;
  }
  const output = v['output'];
  if (output !== undefined && output !== 'wide') {
    io.stderr.write(`kpods: the browser accepts -o wide only (for json, use kpods list -o json)\n${USAGE}`);
    return EXIT.usage;
  }
  const count = (name: 'log-tail' | 'log-buffer', min: number): number | undefined | string => {
    const text = v[name];
    if (typeof text !== 'string') return undefined;
    return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= 10_000_000
      ? Number(text)
      : `--${name} must be a whole number from ${min} to 10000000`;
  };
  const logTail = count('log-tail', 0);
  const logBuffer = count('log-buffer', 1);
  for (const bad of [logTail, logBuffer])
    if (typeof bad === 'string') {
      io.stderr.write(`kpods: ${bad}\n${USAGE}`);
      return EXIT.usage;
    }
  const stdin = io.stdin as NodeJS.ReadStream;
  const stdout = io.stdout as NodeJS.WriteStream;
  if (!stdin.isTTY || !stdout.isTTY) {
    io.stderr.write(
      'kpods: the interactive browser needs a terminal (stdin and stdout must be a TTY).\nFor output to a pipe or a file, use `kpods list` (see kpods --help).\n',
    );
    return EXIT.usage;
  }
  const explicitPath = o.kubeconfigPath ?? flags.kubeconfig;
  const [{ resolveTarget, loadingChain }, { loadSource }, { firstFrame, LEAVE_ALT, SHOW_CURSOR }, { SecretSet }] = await Promise.all([
    import('../core/kubeconfig/index.js'),
    import('../ui/load-source.js'),
    import('../ui/first-frame.js'),
    import('../core/redact.js'),
  ]);
  const secrets = new SecretSet();
  // Loaded and merged once (each load registers its credentials as secrets); followed on disk below.
  const source = loadSource(io.host, explicitPath, secrets);
  const loaded = source.current();
  const probe = loaded.ok ? resolveTarget(loaded.value, flags.overrides, io.host) : loaded;
  // The header and "connecting…" show before anything else loads (the client, Ink) or answers.
  // The terminal may close under kpods at any point (SIGHUP): the writes that follow fail (EIO), and
  // a failed write to a terminal that is gone is no crash; the clean-up still runs.
  stdout.on('error', () => undefined);
  let drawn = false;
  if (probe.ok) {
    stdout.write(
      firstFrame({
        context: probe.value.contextName,
        server: probe.value.server,
        user: probe.value.userName,
        namespace: v['all-namespaces'] === true ? undefined : probe.value.namespace,
        columns: stdout.columns || 80,
      }),
    );
    drawn = true;
  }
  // Set once Ink is mounted; the plugin runner reads it to hand the terminal over.
  const mounted: { ui?: import('../ui/run.js').RunningUi } = {};
  const browse = async (): Promise<number> => {
    // The data side starts first, so the first list loads while Ink (the slow import) loads.
    const [
      { createStore },
      { kubeDeps },
      { createTtyExecRunner },
      { colorEnabled },
      { initialState },
      { UiSession },
      { drawEarlyFrames, untilFirstRows, INK_AT_THE_LATEST_MS },
    ] = await Promise.all([
      import('../ui/store.js'),
      import('../ui/kube-deps.js'),
      import('../ui/tty-exec-runner.js'),
      import('../ui/theme.js'),
      import('../ui/state.js'),
      import('../ui/session.js'),
      import('../ui/early-frame.js'),
    ]);
    // Ink (the slow import) loads once the first rows are on screen, the first list failed, or a
    // second has passed (see untilFirstRows): until then the CPU goes to the first rows.
    let inkLoading: Promise<typeof import('../ui/run.js')> | undefined;
    const loadInk = (): Promise<typeof import('../ui/run.js')> => (inkLoading ??= import('../ui/run.js'));
    const color = colorEnabled(io.host.env, v['no-color'] === true);
    const { redactingStore } = await import('../ui/redacting-store.js');
    if (probe.ok) secrets.addTarget(probe.value);
    const store = redactingStore(createStore(initialState()), secrets);
    const base = { store, color, now: io.host.now, stdin, stdout, stderr: io.stderr as NodeJS.WriteStream };

    if (!probe.ok && probe.failure.code === 'kubeconfig.not-found') {
      // Nothing to browse: explain where kpods looked and offer the demo cluster.
      store.dispatch({ type: 'base', screen: { id: 'noconfig', state: { failure: probe.failure } } });
      let wantDemo = false;
      const { startUi } = await loadInk();
      const ui = startUi({ ...base, ...(o.demo ? { onDemo: () => ((wantDemo = true), ui.quit()) } : {}) });
      await ui.done;
      if (wantDemo && o.demo) return o.demo();
      return EXIT.ok;
    }

    // A plugin that needs the terminal before Ink is mounted keeps it: mounting waits for it.
    let beforeUi: Promise<unknown> = Promise.resolve();
    // Rows that arrive before Ink has loaded are drawn at once (early-frame.ts), until Ink mounts
    // or a plugin takes the terminal.
    let stopEarly = (): void => undefined;
    const runner = createTtyExecRunner({
      interactiveAvailable: true,
      stepAside: (fn) => {
        if (mounted.ui) return mounted.ui.stepAside(fn);
        stopEarly();
        const run = beforeUi.then(fn, fn);
        beforeUi = run.catch(() => undefined);
        return run;
      },
      stderr: io.stderr,
      secrets,
      onExpiry: (at) => store.dispatch({ type: 'identity', expiry: at }),
      banner: (req) =>
        `kpods: the credential plugin "${neutralize(req.command)}" needs the terminal; kpods resumes when it exits (Ctrl-C cancels it).\n`,
    });
    const deps = kubeDeps({
      host: io.host,
      source,
      ...(explicitPath ? { explicitPath } : {}),
      overrides: flags.overrides,
      execRunner: runner,
      secrets,
      ...(o.contextNotes ? { contextNotes: o.contextNotes } : {}),
      onExecStderr: (text) => {
        if (!runner.wasShown(text)) store.dispatch({ type: 'message', text: `plugin: ${text.split('\n')[0] ?? ''}` });
      },
    });
    const initial = {
      context: flags.overrides.context ?? (loaded.ok ? (loaded.value.currentContext ?? '') : ''),
      ...(flags.overrides.user ? { user: flags.overrides.user } : {}),
      ...(v['all-namespaces'] === true ? { namespace: null } : flags.overrides.namespace ? { namespace: flags.overrides.namespace } : {}),
    };
    const session = new UiSession(
      store,
      deps,
      { intervalMs, watch: v['watch'] === true || (v['watch'] === undefined && kc.config.watch === true) },
      initial,
    );
    if (kc.problems.length) store.dispatch({ type: 'message', text: kc.summary });
    if (output === 'wide') store.dispatch({ type: 'wide-first', on: true });
    if (typeof v['selector'] === 'string' && v['selector'] !== '') session.startWithSelector(v['selector']);
    if (drawn) {
      const early = drawEarlyFrames(store, stdout, () => ({
        columns: stdout.columns || 80,
        rows: stdout.rows || 24,
        now: io.host.now(),
        color,
      }));
      stopEarly = () => early.stop();
    }
    // Until Ink is mounted (it handles them from then on), SIGTERM or a closed terminal ends kpods cleanly.
    let signalled = false;
    let onEarlySignal = (): void => undefined;
    const earlySignal = new Promise<void>(
      (resolve) =>
        (onEarlySignal = () => {
          signalled = true;
          stopEarly();
          resolve();
        }),
    );
    process.on('SIGTERM', onEarlySignal);
    process.on('SIGHUP', onEarlySignal);
    o.ended?.addEventListener('abort', onEarlySignal, { once: true });
    if (o.ended?.aborted) onEarlySignal();
    const offEarlySignals = (): void => {
      process.off('SIGTERM', onEarlySignal);
      process.off('SIGHUP', onEarlySignal);
      o.ended?.removeEventListener('abort', onEarlySignal);
    };
    session.start();
    (await import('../ui/pickers.js')).openContextPickerIfMissing(store, session);
    // Another terminal's `kubectl config use-context` (or an edit) reaches kpods without a restart.
    const { followKubeconfig } = await import('../ui/follow-kubeconfig.js');
    const following = followKubeconfig(loadingChain(explicitPath, io.host).absolute, source, session, store, {
      pinnedContext: flags.overrides.context !== undefined,
    });
    const warning = loaded.ok ? loaded.value.warnings[0] : undefined;
    if (warning) {
      const more = loaded.ok && loaded.value.warnings.length > 1 ? ` (and ${loaded.value.warnings.length - 1} more)` : '';
      store.dispatch({
        type: 'message',
        text: `kubeconfig warning: ${warning.file}${warning.line ? `:${warning.line}` : ''}: ${warning.message}${more}`,
      });
    }
    if (drawn) await Promise.race([untilFirstRows(store, INK_AT_THE_LATEST_MS), earlySignal]);
    // The log screen's settings: before Ink (no log opens sooner), after the first request (its modules load late).
    const { configureLogs } = await import('../ui/logs-open.js');
    configureLogs({ tail: logTail as number | undefined, buffer: logBuffer as number | undefined });
    const { startUi } = signalled ? { startUi: undefined } : await loadInk();
    stopEarly();
    for (let pending = beforeUi; ; pending = beforeUi) {
      await pending;
      if (pending === beforeUi) break;
    }
    if (signalled || !startUi) {
      offEarlySignals();
      following.close();
      await session.stop();
      return EXIT.ok;
    }
    const { createActionsContext } = await import('../ui/actions-setup.js');
    const actions = createActionsContext({
      flags: {
        readonly: v['readonly'] === true,
        readonlyContexts: Array.isArray(v['readonly-contexts'])
          ? v['readonly-contexts'].filter((x): x is string => typeof x === 'string')
          : [],
        shell: typeof v['shell'] === 'string' ? v['shell'] : undefined,
      },
      config: kc.config,
      contextExtensions: (name) => {
        const cur = source.current();
        return cur.ok ? cur.value.contexts.find((c) => c.name === name)?.fields.extensions : undefined;
      },
      stepAside: (fn) => (mounted.ui ? mounted.ui.stepAside(fn) : fn()),
      stdin,
      stdout,
      now: io.host.now,
    });
    const ui = startUi({ ...base, session, saver: deps, actions });
    mounted.ui = ui;
    // The early listeners stay until the UI has its own: a signal in between (the terminal closed
    // while Ink loaded) would otherwise end the process before the clean-up (the demo's folder).
    offEarlySignals();
    o.ended?.addEventListener('abort', () => ui.quit(), { once: true });
    if (signalled || o.ended?.aborted) ui.quit();
    await ui.done;
    following.close();
    return EXIT.ok;
  };
  try {
    return await browse();
  } finally {
    // Ink takes the screen over (and gives it back on quit); if it never mounted, it goes back here.
    if (drawn && !mounted.ui) stdout.write(SHOW_CURSOR + LEAVE_ALT);
  }
}
