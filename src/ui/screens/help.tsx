/** The `?` help screen, generated from the keymap: the keys of the screen you came from first, then the others. */
import { Text } from 'ink';
import { displayKey, KEYMAP, SCOPES, type Binding, type Capabilities, type Scope } from '../keymap.js';
import { screenBelow, type UiState } from '../state.js';
import type { ScreenDef } from './types.js';

/** The help lines: one section per scope (the scope below the help screen first), then the keys that work everywhere. */
export function helpLines(first: Scope | undefined, caps: Capabilities): string[] {
  const order = [...(first ? [first] : []), ...(Object.keys(SCOPES) as Scope[]).filter((s) => s !== first && s !== 'help')];
  const lines: string[] = [];
  const keysText = (b: Binding): string => b.keys.map(displayKey).join(', ');
  // One key column for every line, as wide as the widest key list ("PgDn, Ctrl-F"), so labels align.
  const keyWidth = Math.max(...KEYMAP.map((b) => keysText(b).length));
  const section = (title: string, on: (b: Binding) => boolean): void => {
    const bs = KEYMAP.filter((b) => on(b) && (b.when?.(caps) ?? true));
    if (bs.length === 0) return;
    lines.push(`── ${title}`);
    for (const b of bs) lines.push(`${keysText(b).padEnd(keyWidth)} ${b.label}`);
  };
  order.forEach((scope, i) => {
    section(SCOPES[scope].title, (b) => b.scopes.includes(scope));
    if (i === 0) section('Everywhere', (b) => b.scopes.includes('global') || b.scopes.includes('always'));
  });
  return lines;
}

/** One line on why the table has no usage columns (metrics API absent, forbidden or failing); none otherwise. */
function metricsHelpLine(state: UiState): string[] {
  const m = state.table.metrics;
  if (!m || m.state === 'available') return [];
  return [`No CPU/MEM columns (metrics ${m.state}): ${m.why}`];
}

/** The scope of the screen under the help screen. */
function scopeBelow(state: UiState, scopeOf: (s: UiState) => Scope | undefined): Scope | undefined {
  return screenBelow(state) ? scopeOf(state) : undefined;
}

/** Help in at most `height` lines (two columns when one does not fit). */
function HelpView({ lines, height, width, note }: { lines: string[]; height: number; width: number; note?: string | undefined }) {
  const top = note === undefined ? 1 : 2;
  const cols = lines.length + top > height ? 2 : 1;
  const colWidth = cols === 2 ? Math.floor(width / 2) : width;
  const perCol = Math.max(1, height - top);
  const rows: string[] = [];
  for (let i = 0; i < perCol && i < lines.length; i++)
    rows.push(
      [lines[i] ?? '', ...(cols === 2 ? [lines[i + perCol] ?? ''] : [])]
        .map((l) => (l.length >= colWidth ? l.slice(0, colWidth - 2) + '… ' : l.padEnd(colWidth)))
        .join(''),
    );
  return (
    <>
      <Text bold wrap="truncate-end">
        Keys (Esc or ? to go back)
      </Text>
      {note === undefined ? null : (
        <Text wrap="truncate-end" dimColor>
          {note}
        </Text>
      )}
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate-end">
          {r.trimEnd()}
        </Text>
      ))}
    </>
  );
}

/** Built by the registry, which knows every screen's scope. */
export function makeHelpScreen(scopeOfBelow: (s: UiState) => Scope | undefined): ScreenDef<'help'> {
  return {
    scopes: ['help'],
    scope: () => 'help',
    commands: {
      back: ({ ui }) => ui.store.dispatch({ type: 'pop' }),
    },
    View: ({ state, height, width, caps }) => (
      <HelpView lines={helpLines(scopeBelow(state, scopeOfBelow), caps)} height={height} width={width} note={metricsHelpLine(state)[0]} />
    ),
  };
}
