/** A modal picker: title, note, typed filter, and a window of entries around the highlight. */
import { Text } from 'ink';
import { neutralize } from '../core/terminal-text.js';
import { pickerView, type PickerState } from './state.js';

const TITLES = { contexts: 'Contexts', users: 'Users (applied to the current cluster)', namespaces: 'Namespaces' } as const;

/** The picker, in `height` lines. */
export function Picker({ picker, height, color }: { picker: PickerState; height: number; color: boolean }) {
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
      <Text bold color={color ? 'cyan' : undefined} wrap="truncate-end">
        {TITLES[picker.kind]}
        {picker.loading ? ' (loading…)' : ''}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {neutralize(picker.note ?? '')}
      </Text>
      <Text wrap="truncate-end">{typed ? `${query}   (Enter uses "${neutralize(picker.query.trim())}")` : query}</Text>
      {shown.map((it, i) => (
        <Text key={it.id} wrap="truncate-end" inverse={top + i === picker.index}>
          {it.current ? '* ' : '  '}
          {it.detail ? neutralize(it.label).padEnd(labelWidth) : neutralize(it.label)}
          {it.detail ? `   ${neutralize(it.detail)}` : ''}
        </Text>
      ))}
    </>
  );
}
