/**
 * The pod actions in the UI: Space marks, Ctrl-D deletes and Ctrl-K kills through the Confirm
 * screen (or says why not: read-only, or the server's "no" from the access review), each result
 * reported and the row shown Terminating; `s` opens a shell in the selected container (a picker
 * when several run) with the terminal handed over, and says how it ended when kpods is back.
 */
import type { PodAction } from '../core/actions/index.js';
import { upgradeAuthOf } from '../core/client/exec-auth.js';
import { diagnoseExec } from '../core/client/exec-diagnose.js';
import type { PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { prepareDelete, shellTargets, type ActionDeps, type ActionResult, type PodRef } from './pod-actions.js';
import { openPicker } from './pickers.js';
import { openConfirm } from './save.js';
import type { UiContext } from './screens/types.js';
import { runShellInTerminal } from './shell-terminal.js';
import type { UiState } from './state.js';

export type { ActionsContext } from './actions-context.js';

/** True when action keys apply: an actions context and not read-only for the current target. */
export function actionsEnabled(ui: Pick<UiContext, 'actions'>, state: Pick<UiState, 'target'>): boolean {
  return ui.actions !== undefined && !ui.actions.readOnly(state.target).readonly;
}

function selectedRow(state: UiState): PodRow | undefined {
  return state.table.view[state.table.cursor];
}

/** The marked rows still listed, else the selected row. */
function actedOn(state: UiState): PodRow[] {
  const marked = [...state.marks].map((k) => state.table.rows.get(k)).filter((r): r is PodRow => r !== undefined);
  if (marked.length) return marked;
  const row = selectedRow(state);
  return row ? [row] : [];
}

function refOf(row: PodRow, state: UiState): PodRef {
  return { namespace: row.namespace || state.target?.namespace || 'default', name: row.name };
}

function say(ui: UiContext, text: string): void {
  ui.store.dispatch({ type: 'message', text });
}

/** Space: marks or unmarks the selected row. */
export function toggleMark(ui: UiContext, state: UiState): void {
  const row = selectedRow(state);
  if (!row) return say(ui, 'no pod to mark');
  ui.store.dispatch({ type: 'mark', key: row.key });
  ui.store.dispatch({ type: 'move', delta: 1 });
}

function depsOf(ui: UiContext, state: UiState): ActionDeps | string {
  const client = ui.session?.client;
  const t = state.target;
  if (!ui.actions) return 'actions are not available here';
  if (!client || !t) return 'not connected to a cluster';
  return {
    client,
    place: { context: t.context, cluster: t.cluster, server: t.server },
    readonly: ui.actions.readOnly(t).readonly,
    permissions: ui.actions.permissions,
    ...(ui.session ? { signal: ui.session.signal } : {}),
  };
}

/** Ctrl-D / Ctrl-K: the pre-check, then the Confirm screen; confirming acts and reports. */
export function requestPodAction(ui: UiContext, state: UiState, action: PodAction): void {
  const rows = actedOn(state);
  if (rows.length === 0) return say(ui, 'no pod selected');
  const deps = depsOf(ui, state);
  if (typeof deps === 'string') return say(ui, deps);
  say(ui, `checking whether you may ${action} ${rows.length === 1 ? 'this pod' : `${rows.length} pods`}…`);
  void (async () => {
    const refs = rows.map((r) => refOf(r, state));
    const prepared = await prepareDelete(deps, action, refs);
    if (deps.signal?.aborted) return;
    if (prepared.kind === 'explain') return say(ui, prepared.text);
    say(ui, '');
    openConfirm(ui.store, {
      title: prepared.confirmation.title,
      lines: prepared.confirmation.lines,
      onConfirm: () => void act(ui, new Map(rows.map((r, i) => [`${refs[i]!.namespace}/${r.name}`, r])), action, prepared.run),
    });
  })();
}

async function act(ui: UiContext, rows: Map<string, PodRow>, action: PodAction, run: () => Promise<ActionResult[]>): Promise<void> {
  say(
    ui,
    `${action === 'delete' ? 'deleting' : 'killing'} ${rows.size === 1 ? neutralize([...rows.values()][0]!.name) : `${rows.size} pods`}…`,
  );
  const results = await run();
  const hit = results.filter((r) => r.ok).flatMap((r) => rows.get(`${r.pod.namespace}/${r.pod.name}`) ?? []);
  // The row says Terminating at once (the server agrees); a killed pod is gone.
  ui.store.dispatch({
    type: 'changes',
    upserts: action === 'delete' ? hit.map((r) => Object.freeze({ ...r, status: 'Terminating' })) : [],
    deletes: action === 'kill' ? hit.map((r) => r.key) : [],
    at: ui.store.getState().table.lastGood ?? new Date(0),
  });
  ui.store.dispatch({ type: 'marks-clear' });
  ui.session?.refresh();
  if (results.length === 1) return say(ui, results[0]!.line);
  const failed = results.filter((r) => !r.ok).length;
  say(
    ui,
    `${action}: ${results.length - failed} of ${results.length} pods ${action === 'delete' ? 'deleting' : 'killed'}${failed ? `, ${failed} failed` : ''}`,
  );
  openConfirm(ui.store, {
    title: `${action === 'delete' ? 'Delete' : 'Kill'}: ${results.length - failed} of ${results.length} done`,
    lines: results.map((r) => r.line),
    onConfirm: () => undefined,
    footer: 'any key closes',
  });
}

/** `s`: a shell in the selected pod's container (a picker when several run). */
export function requestShell(ui: UiContext, state: UiState): void {
  const row = selectedRow(state);
  if (!row) return say(ui, 'no pod selected');
  const deps = depsOf(ui, state);
  if (typeof deps === 'string') return say(ui, deps);
  const ref = refOf(row, state);
  say(ui, `opening a shell in ${neutralize(ref.name)}…`);
  void (async () => {
    const t = await shellTargets(deps, ref);
    if (deps.signal?.aborted) return;
    if (!t.ok) return say(ui, t.failure.summary);
    const { containers, running } = t.value;
    if (running.length === 1) return startShell(ui, deps, ref, running[0]!);
    say(ui, '');
    const fill = openPicker(ui.store, `Containers of ${neutralize(ref.name)}`, (c) => void startShell(ui, deps, ref, c.id));
    fill({
      items: containers.map((c) => ({ id: c, label: running.includes(c) ? c : `${c} (not running)` })),
      note: 'the shell opens in the chosen container',
    });
  })();
}

async function startShell(ui: UiContext, deps: ActionDeps, ref: PodRef, container: string): Promise<void> {
  const actions = ui.actions;
  const client = ui.session?.client;
  if (!actions || !client) return;
  const command = actions.shell;
  const where = `${neutralize(ref.namespace)}/${neutralize(ref.name)}, container ${neutralize(container)}`;
  say(ui, '');
  const result = await actions.stepAside(() =>
    runShellInTerminal({
      stdin: actions.stdin,
      stdout: actions.stdout,
      banner: `kpods: ${neutralize(command.join(' '))} in ${where}; exit the shell to return to kpods.\r\n`,
      open: async (out) => {
        const auth = await upgradeAuthOf(client, deps.signal);
        if (!auth.ok) return auth;
        // Loaded on the first shell: undici's WebSocket is not needed to browse.
        const { openExec } = await import('../core/client/exec-ws.js');
        return openExec(auth.value, { namespace: ref.namespace, pod: ref.name, container, command, stdin: true, tty: true }, out, {
          ...(deps.signal ? { signal: deps.signal } : {}),
          diagnose: () => diagnoseExec(client, { namespace: ref.namespace, pod: ref.name, container }, deps.signal),
        });
      },
    }),
  );
  say(ui, result.ok ? `shell in ${where} exited with status ${result.value.exitCode}` : `shell in ${where}: ${result.failure.summary}`);
}
