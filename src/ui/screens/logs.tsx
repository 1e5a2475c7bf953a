/**
 * The log screen: a title with where the stream is, the rows that fit (core/logs/view.ts), and a
 * status line (lines kept, held with N new lines, search matches, messages). Failures of the log
 * request are explained in place. Keys: p f t w c / n N g G j k PgUp PgDn s Esc (keymap.ts).
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import {
  MatchCounter,
  nextMatch,
  scrollBy,
  searchLog,
  searchQuery,
  shownText,
  toEnd,
  toggleFollow,
  toStart,
  unseenCount,
  visibleRows,
  type LogFeedStatus,
  type LogRow,
} from '../../core/logs/index.js';
import { neutralize } from '../../core/terminal-text.js';
import { hintText } from '../../core/hint.js';
import { saveLogBuffer } from '../log-save.js';
import { logSettings, switchPrevious } from '../logs-open.js';
import { logTitle, type LogsState } from './logs-model.js';
import type { CommandContext, ScreenDef } from './types.js';

type Ctx = CommandContext<'logs'>;

const n = (x: number) => x.toLocaleString('en-US');

function streamText(st: LogFeedStatus): string {
  switch (st.state) {
    case 'connecting':
      return st.resuming ? 'reconnecting…' : 'connecting…';
    case 'streaming':
      return 'streaming';
    case 'ended':
      return `stream ${st.cut ? 'cut' : 'ended'}; resuming in ${Math.ceil(st.retryInMs / 1000)} s`;
    case 'exited':
      return 'container exited; waiting for it to start again';
    case 'complete':
      return 'complete (the instance has ended)';
    case 'failed':
      return st.retryInMs ? `failed; retrying in ${Math.ceil(st.retryInMs / 1000)} s` : 'failed';
    case 'stopped':
      return 'closed';
  }
}

function Row({ row, color }: { row: LogRow; color: boolean }): ReactNode {
  if (row.notice)
    return (
      <Text dimColor wrap="truncate-end">
        {row.text}
      </Text>
    );
  if (row.highlights.length > 0) {
    const parts: ReactNode[] = [];
    let at = 0;
    row.highlights.forEach(([a, b], i) => {
      if (a > at) parts.push(row.text.slice(at, a));
      parts.push(
        <Text key={i} inverse {...(color && row.current ? { color: 'yellow' } : {})}>
          {row.text.slice(a, b)}
        </Text>,
      );
      at = b;
    });
    parts.push(row.text.slice(at));
    return <Text wrap="truncate-end">{parts}</Text>;
  }
  if (row.segments && color)
    return (
      <Text wrap="truncate-end">
        {row.segments.map((s, i) => (
          <Text key={i} {...s.style}>
            {s.text}
          </Text>
        ))}
      </Text>
    );
  return <Text wrap="truncate-end">{row.text}</Text>;
}

/** The lines explaining a failed log request (each one screen line). */
function failureLines(st: Extract<LogFeedStatus, { state: 'failed' }>, height: number): string[] {
  const f = st.failure;
  return [f.summary, ...f.hints.map((h) => `→ ${hintText(h, 'browser')}`), ...(f.detail ? f.detail.split('\n') : []), `[${f.code}]`]
    .map((l) => neutralize(l))
    .slice(0, Math.max(1, height));
}

/** Search match counts per buffer, kept up to date as lines arrive. */
const counters = new WeakMap<object, MatchCounter>();

function statusLine(s: LogsState): string {
  const buf = s.session.buffer;
  const v = s.view;
  const parts: string[] = [];
  if (s.draft !== undefined) return `/${s.draft}▏`;
  if (s.message) parts.push(s.message);
  if (v.follow) parts.push('following');
  else {
    const unseen = unseenCount(v, buf);
    parts.push(unseen > 0 ? `held · ${n(unseen)} new lines below (G follows)` : 'held (G follows)');
  }
  parts.push(`${n(buf.length)} lines${buf.dropped ? ` (${n(buf.dropped)} older dropped)` : ''}`);
  if (v.search?.text) {
    const q = searchQuery(v.search.text);
    let counter = counters.get(buf);
    if (!counter) counters.set(buf, (counter = new MatchCounter()));
    const key = `${v.timestamps ? 't' : ''}${v.colour ? 'c' : ''}`;
    const { total, index } = counter.count(buf, q, key, (seq) => shownText(buf.get(seq)!, v), v.search.at);
    parts.push(total ? `"${neutralize(v.search.text)}" ${index || '–'}/${n(total)}` : `"${neutralize(v.search.text)}" not found`);
  }
  const toggles = [v.timestamps ? 'timestamps' : '', v.wrap ? 'wrap' : '', v.colour ? 'colours' : ''].filter(Boolean);
  if (toggles.length) parts.push(toggles.join(' '));
  return parts.join(' · ');
}

/** The log screen's body: title, rows, status line; exactly `height` lines at most. */
export function LogsView({ screen: s, height, width, color }: { screen: LogsState; height: number; width: number; color: boolean }) {
  const rowsHeight = Math.max(1, height - 2);
  s.dims.height = rowsHeight;
  s.dims.width = Math.max(1, width);
  const st = s.session.status;
  const rows = visibleRows(s.view, s.session.buffer, rowsHeight, s.dims.width);
  const failed = st.state === 'failed' && rows.length === 0 ? failureLines(st, rowsHeight) : undefined;
  const used = failed ? failed.length : Math.max(1, rows.length);
  return (
    <>
      <Text bold wrap="truncate-end" {...(color ? { color: 'cyan' } : {})}>
        {`Logs ${neutralize(logTitle(s))}  ·  ${streamText(st)}`}
      </Text>
      {failed ? (
        failed.map((l, i) => (
          <Text key={i} wrap="truncate-end" {...(i === 0 && color ? { color: 'red' } : {})} dimColor={i > 0 && l.startsWith('[')}>
            {l}
          </Text>
        ))
      ) : rows.length === 0 ? (
        <Text dimColor>{st.state === 'streaming' || st.state === 'complete' ? '(no log lines yet)' : ' '}</Text>
      ) : (
        rows.map((r, i) => <Row key={i} row={r} color={color} />)
      )}
      {Array.from({ length: Math.max(0, rowsHeight - used) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      <Text wrap="truncate-end" inverse={s.draft !== undefined}>
        {statusLine(s)}
      </Text>
    </>
  );
}

const withView = (c: Ctx, view: LogsState['view'], extra: Partial<LogsState> = {}) =>
  c.update({ ...c.screen, view, message: undefined, ...extra });
const dims = (c: Ctx) => c.screen.dims;
const scroll = (delta: (c: Ctx) => number) => (c: Ctx) =>
  withView(c, scrollBy(c.screen.view, c.screen.session.buffer, delta(c), dims(c).height, dims(c).width));

export const logsScreen: ScreenDef<'logs'> = {
  scopes: ['logs', 'logs.search'],
  scope: (s) => (s.draft !== undefined ? 'logs.search' : 'logs'),
  commands: {
    down: scroll(() => 1),
    up: scroll(() => -1),
    'page-down': scroll((c) => Math.max(1, dims(c).height - 1)),
    'page-up': scroll((c) => -Math.max(1, dims(c).height - 1)),
    top: (c) => withView(c, toStart(c.screen.view, c.screen.session.buffer)),
    bottom: (c) => withView(c, toEnd(c.screen.view, c.screen.session.buffer)),
    follow: (c) => withView(c, toggleFollow(c.screen.view, c.screen.session.buffer, dims(c).height, dims(c).width)),
    timestamps: (c) => withView(c, { ...c.screen.view, timestamps: !c.screen.view.timestamps }),
    wrap: (c) => withView(c, { ...c.screen.view, wrap: !c.screen.view.wrap }),
    colour: (c) => withView(c, { ...c.screen.view, colour: !c.screen.view.colour }),
    filter: (c) => c.update({ ...c.screen, draft: c.screen.view.search?.text ?? '' }),
    type: (c) => c.update({ ...c.screen, draft: (c.screen.draft ?? '') + c.input }),
    erase: (c) => c.update({ ...c.screen, draft: (c.screen.draft ?? '').slice(0, -1) }),
    apply: (c) =>
      withView(c, searchLog(c.screen.view, c.screen.session.buffer, c.screen.draft ?? '', dims(c).height, dims(c).width), {
        draft: undefined,
      }),
    'next-match': (c) => withView(c, nextMatch(c.screen.view, c.screen.session.buffer, 1, dims(c).height, dims(c).width)),
    'prev-match': (c) => withView(c, nextMatch(c.screen.view, c.screen.session.buffer, -1, dims(c).height, dims(c).width)),
    previous: (c) => {
      const client = c.ui.session?.client;
      if (client) switchPrevious(c.ui.store, client, c.key, c.screen, c.ui.session?.signal);
      else c.update({ ...c.screen, message: 'not connected' });
    },
    save: (c) => {
      const s = c.screen;
      const saved = saveLogBuffer(s.session.buffer, {
        namespace: s.namespace,
        pod: s.pod,
        container: s.container,
        previous: s.previous,
        timestamps: s.view.timestamps,
        now: c.ui.now(),
        ...(logSettings.saveDirs ? { dirs: logSettings.saveDirs } : {}),
      });
      const message = saved.ok
        ? `saved ${n(saved.lines)} lines to ${saved.path}`
        : `could not save: ${saved.failure.summary} (${saved.failure.hint}) [save.${saved.failure.code}]`;
      c.update({ ...s, message: neutralize(message) });
    },
    back: (c) => {
      if (c.screen.draft !== undefined) return c.update({ ...c.screen, draft: undefined });
      c.screen.session.stop();
      c.ui.store.dispatch({ type: 'pop' });
    },
  },
  View: ({ screen, height, width, color }) => <LogsView screen={screen} height={height} width={width} color={color} />,
};
