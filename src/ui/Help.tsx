/** The `?` help screen, generated from the keymap. */
import { Text } from 'ink';
import { displayKey, KEYMAP } from './keymap.js';

/** Help, in at most `height` lines (two columns of bindings when tall enough is not needed at 24 rows). */
export function Help({ height, width }: { height: number; width: number }) {
  const lines = KEYMAP.map(
    (b) =>
      `${b.keys.map(displayKey).join(', ').padEnd(11)} ${b.label}${b.screen === 'picker' ? ' (in a picker)' : b.screen === 'save' ? ' (when saving)' : ''}`,
  );
  const cols = lines.length + 1 > height ? 2 : 1;
  const colWidth = cols === 2 ? Math.floor(width / 2) : width;
  const perCol = Math.ceil(lines.length / cols);
  const rows: string[] = [];
  for (let i = 0; i < perCol; i++)
    rows.push(
      lines
        .slice(i, i + 1)
        .concat(cols === 2 ? (lines[i + perCol] ?? '') : [])
        .map((l) => (l.length >= colWidth ? l.slice(0, colWidth - 2) + '… ' : l.padEnd(colWidth)))
        .join(''),
    );
  return (
    <>
      <Text bold wrap="truncate-end">
        Keys (Esc or ? to go back)
      </Text>
      {rows.slice(0, Math.max(0, height - 1)).map((r, i) => (
        <Text key={i} wrap="truncate-end">
          {r.trimEnd()}
        </Text>
      ))}
    </>
  );
}
