/**
 * The pod detail screen: the diagnosis as a header, then overview / containers / conditions /
 * events (or the YAML), a search within the view, live refresh while open, Esc back to the table
 * (whose cursor never moved). The pod and its events are read by openDetail and re-read at the
 * table's refresh period while the screen is on the stack; a pod that is gone says so.
 */
import { Box, Text } from 'ink';
import { neutralize } from '../../core/terminal-text.js';
import type { UiContext } from './types.js';
import { usageDetailLines } from '../ContainerUsage.js';
import type { ScreenDef, ScreenViewProps } from './types.js';
import {
  SECTION_TITLES,
  clampScroll,
  detailFindings,
  detailLines,
  detailState,
  nextHit,
  showSection,
  type DetailState,
} from './detail-model.js';

/** The detail is re-read as often as the table is (--interval, 2 s by default), as k9s does; this when no feed says. */
const DEFAULT_REFRESH_MS = 2000;
const HEADER_LINES = 4;

/** Opens the detail of the table's selected pod, reads it and keeps it fresh while open. */
export function openDetail(ui: UiContext): void {
  const st = ui.store.getState();
  const row = st.table.view[st.table.cursor];
  if (!row) return;
  ui.store.dispatch({ type: 'push', screen: { id: 'detail', state: detailState(row.namespace, row.name) } });
  const entry = ui.store.getState().stack.at(-1);
  if (!entry || entry.id !== 'detail') return;
  const key = entry.key;
  const current = (): DetailState | undefined => {
    const e = ui.store.getState().stack.find((x) => x.key === key);
    return e?.id === 'detail' ? e.state : undefined;
  };
  const load = async () => {
    const client = ui.session?.client;
    const signal = ui.session?.signal;
    const before = current();
    if (!client || !before) return;
    const pod = await client.getPodObject(row.namespace, row.name, signal);
    const now = current();
    if (!now) return;
    if (!pod.ok) {
      const gone = pod.failure.code === 'response.not-found';
      ui.store.dispatch({
        type: 'update',
        key,
        screen: { id: 'detail', state: { ...now, deleted: gone, ...(gone ? {} : { error: pod.failure.summary }) } },
      });
      return;
    }
    const ev = await client.listEvents(
      row.namespace,
      { name: row.name, kind: 'Pod', ...(pod.value.metadata?.uid ? { uid: pod.value.metadata.uid } : {}) },
      signal,
    );
    const latest = current();
    if (!latest) return;
    const next: DetailState = { ...latest, pod: pod.value, deleted: false };
    delete next.error;
    if (ev.ok) {
      next.events = ev.value;
      delete next.eventsNote;
    } else
      next.eventsNote =
        ev.failure.code === 'authorization.forbidden'
          ? `You may not list events in namespace ${row.namespace} (RBAC verb list on resource events).`
          : `Events could not be read: ${ev.failure.summary}`;
    ui.store.dispatch({ type: 'update', key, screen: { id: 'detail', state: next } });
  };
  const tick = () => {
    if (!current()) return;
    void load().finally(() => {
      if (current()) setTimeout(tick, ui.store.getState().target?.feed?.intervalMs ?? DEFAULT_REFRESH_MS).unref?.();
    });
  };
  tick();
}

function bodyHeight(height: number): number {
  return Math.max(1, height - HEADER_LINES);
}

function DetailView({ state, screen, height, width, now, color }: ScreenViewProps<'detail'>) {
  const findings = detailFindings(screen, now);
  const top = findings[0];
  // The containers section ends with their usage against requests and limits (metrics-server).
  const usage =
    !screen.yaml && SECTION_TITLES[screen.section] !== undefined && screen.section === 1
      ? usageDetailLines(state.table.usage?.get(`${screen.namespace}/${screen.name}`), state.table.metrics)
      : [];
  const lines = [...detailLines(screen, now), ...(usage.length ? [{ text: '' }, ...usage] : [])];
  const h = bodyHeight(height);
  const scroll = clampScroll(screen.scroll, lines.length, h);
  const tabs = SECTION_TITLES.map((t, i) => (!screen.yaml && i === screen.section ? `[${i + 1} ${t}]` : ` ${i + 1} ${t} `)).join(' ');
  const head = screen.deleted
    ? `Pod ${screen.name} was deleted${screen.pod ? ' (last known state below)' : ''}.`
    : !screen.pod
      ? (screen.error ?? 'Loading…')
      : top
        ? `[${top.code}] ${top.summary}`
        : 'Healthy: no findings.';
  const warn = color ? { color: 'yellow' as const } : {};
  const hits = screen.search;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {neutralize(`${screen.namespace}/${screen.name}`)}
      </Text>
      <Text wrap="truncate-end" {...(top && color ? { color: 'red' as const } : {})}>
        {neutralize(head)}
      </Text>
      <Text wrap="truncate-end">{top?.hints[0] ? `-> ${neutralize(top.hints[0])}` : ' '}</Text>
      <Text wrap="truncate-end">
        {screen.yaml ? ` YAML${screen.managedFields ? ' (with managedFields)' : ''}  (y: back to sections)` : tabs}
      </Text>
      {lines.slice(scroll, scroll + h).map((l, i) => (
        <Text
          key={scroll + i}
          wrap="truncate-end"
          {...(l.tone === 'warning' ? warn : {})}
          bold={l.tone === 'heading'}
          inverse={hits !== '' && l.text.toLowerCase().includes(hits.toLowerCase())}
        >
          {neutralize(l.text)}
        </Text>
      ))}
    </Box>
  );
}

const scrollBy =
  (delta: (h: number) => number) =>
  ({ screen, update }: { screen: DetailState; update: (s: DetailState) => void }) =>
    update({ ...screen, scroll: Math.max(0, screen.scroll + delta(20)) });

export const detailScreen: ScreenDef<'detail'> = {
  scopes: ['detail', 'detail.search'],
  scope: (s) => (s.searching ? 'detail.search' : 'detail'),
  commands: {
    'next-section': ({ screen, update }) => update(showSection(screen, screen.section + 1)),
    'prev-section': ({ screen, update }) => update(showSection(screen, screen.section - 1)),
    section: ({ screen, update, input }) => update(showSection(screen, Number(input) - 1)),
    yaml: ({ screen, update }) => update({ ...screen, yaml: !screen.yaml, scroll: 0 }),
    'managed-fields': ({ screen, update }) => update({ ...screen, managedFields: !screen.managedFields, yaml: true }),
    search: ({ screen, update }) => update({ ...screen, searching: true, search: '' }),
    'next-hit': ({ ui, screen, update }) =>
      update({ ...screen, scroll: nextHit({ ...screen, scroll: screen.scroll }, detailLines(screen, ui.now())) }),
    down: scrollBy(() => 1),
    up: scrollBy(() => -1),
    'page-down': scrollBy((h) => h),
    'page-up': scrollBy((h) => -h),
    type: ({ screen, update, input }) => update({ ...screen, search: screen.search + input }),
    erase: ({ screen, update }) => update({ ...screen, search: screen.search.slice(0, -1) }),
    apply: ({ ui, screen, update }) => {
      const s = { ...screen, searching: false };
      update({ ...s, scroll: nextHit({ ...s, scroll: -1 }, detailLines(s, ui.now())) });
    },
    back: ({ ui, screen, update }) =>
      screen.searching ? update({ ...screen, searching: false, search: '' }) : ui.store.dispatch({ type: 'pop' }),
  },
  View: (p) => <DetailView {...p} />,
  prompt: (s) => (s.searching ? `/${s.search}` : undefined),
};
