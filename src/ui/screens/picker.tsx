/** The generic picker screen: title, note, typed filter, a window of entries; Enter reports the choice to `onChoose`. */
import { Text } from 'ink';
import { neutralize } from '../../core/terminal-text.js';
import {
  pickerChoice,
  pickerMove,
  pickerQuery,
  pickerToggleWorking,
  pickerView,
  type PickerItem,
  type PickerState,
} from './picker-model.js';
import { SELECTED_OFF, SELECTED_ON } from '../theme.js';
import type { CommandContext, ScreenDef } from './types.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The result column of an entry: a spinner while pending, the failing code in red. */
function StatusCell({ item, color, frame }: { item: PickerItem; color: boolean; frame: number }) {
  const st = item.status;
  if (!st) return null;
  if (st.tone === 'pending') return <Text dimColor>{`   ${SPINNER[frame % SPINNER.length] ?? '…'} checking`}</Text>;
  if (st.tone === 'failed') {
    const [code, ...rest] = neutralize(st.text).split(' · ');
    return (
      <>
        {'   '}
        <Text {...(color ? { color: 'red' } : {})} bold={!color}>
          {code}
        </Text>
        {rest.length ? <Text dimColor>{` · ${rest.join(' · ')}`}</Text> : null}
      </>
    );
  }
  return (
    <Text {...(color && st.tone === 'ok' ? { color: 'green' } : {})} dimColor={st.tone === 'skipped'}>{`   ${neutralize(st.text)}`}</Text>
  );
}

/** The picker, in `height` lines. */
export function PickerView({ picker, height, color, frame = 0 }: { picker: PickerState; height: number; color: boolean; frame?: number }) {
  const items = pickerView(picker);
  const listHeight = Math.max(1, height - 3);
  const top = Math.max(0, Math.min(picker.index - Math.floor(listHeight / 2), items.length - listHeight));
  const shown = items.slice(top, top + listHeight);
  const labelWidth = Math.min(40, Math.max(0, ...shown.map((i) => neutralize(i.label).length)));
  const query =
    picker.typing || picker.query
      ? `filter: ${picker.query}${picker.typing ? '▏' : ''}`
      : 'type / to filter, ↑↓ j/k to move, Enter to choose, Esc to close';
  const typed = picker.acceptTyped && picker.query.trim() !== '' && !items.some((i) => i.id === picker.query.trim());
  return (
    <>
      <Text bold {...(color ? { color: 'cyan' } : {})} wrap="truncate-end">
        {neutralize(picker.title)}
        {picker.loading ? ' (loading…)' : ''}
        {picker.onlyWorking ? ' (only working: Tab shows all)' : ''}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {neutralize(picker.note ?? '')}
      </Text>
      <Text wrap="truncate-end">{typed ? `${query}   (Enter uses "${neutralize(picker.query.trim())}")` : query}</Text>
      {shown.map((it, i) => (
        <Text key={it.id} wrap="truncate-end">
          {top + i === picker.index ? SELECTED_ON : ''}
          {it.current ? '* ' : '  '}
          {it.detail ? neutralize(it.label).padEnd(labelWidth) : neutralize(it.label)}
          {it.detail ? `   ${neutralize(it.detail)}` : ''}
          <StatusCell item={it} color={color} frame={frame} />
          {top + i === picker.index ? SELECTED_OFF : ''}
        </Text>
      ))}
    </>
  );
}

type Ctx = CommandContext<'picker'>;
const move =
  (delta: (c: Ctx) => number) =>
  (c: Ctx): void =>
    c.update(pickerMove(c.screen, delta(c)));
const page = (c: Ctx): number => Math.max(1, c.state.table.viewport);

export const pickerScreen: ScreenDef<'picker'> = {
  scopes: ['picker', 'picker.typing'],
  scope: (p) => (p.typing ? 'picker.typing' : 'picker'),
  commands: {
    down: move(() => 1),
    up: move(() => -1),
    'page-down': move(page),
    'page-up': move((c) => -page(c)),
    top: move(() => -1e9),
    bottom: move(() => 1e9),
    filter: ({ screen, update }) => update(pickerQuery(screen, '', true)),
    type: ({ screen, input, update }) => update(pickerQuery(screen, screen.typing ? screen.query + input : input, true)),
    'only-working': ({ screen, update }) => update(pickerToggleWorking(screen)),
    refresh: ({ screen, update }) => (screen.refresh ? screen.refresh() : update(pickerQuery(screen, 'r', true))),
    erase: ({ screen, update }) => update(pickerQuery(screen, screen.query.slice(0, -1), true)),
    select: ({ ui, screen }) => {
      const choice = pickerChoice(screen);
      ui.store.dispatch({ type: 'pop' });
      if (choice) screen.onChoose(choice);
    },
    back: ({ ui, screen, update }) => (screen.typing ? update(pickerQuery(screen, '', false)) : ui.store.dispatch({ type: 'pop' })),
  },
  View: ({ screen, height, color, now }) => (
    <PickerView picker={screen} height={height} color={color} frame={Math.floor(now.getTime() / 250)} />
  ),
};
