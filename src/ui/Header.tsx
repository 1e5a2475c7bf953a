/** The two header lines: where kpods points, who the server says you are, and how fresh the rows are (texts: header-text.ts). */
import { fg } from './theme.js';
import { Text } from 'ink';
import { neutralize } from '../core/terminal-text.js';
import type { UiState } from './state.js';
import { secondLine } from './header-text.js';

export interface HeaderProps {
  state: UiState;
  now: Date;
  width: number;
  color: boolean;
  /** Read-only mode: no action keys; the header says so. */
  readOnly?: boolean;
}

/** The header. */
export function Header({ state, now, width, color, readOnly }: HeaderProps) {
  const t = state.target;
  const ctx = t ? neutralize(t.context) : '-';
  const user = t && t.user !== '' ? neutralize(t.user) + (t.userOverridden ? ' (override)' : '') : '-';
  const ns = t ? (t.namespace !== undefined ? neutralize(t.namespace) : t.unresolved ? '-' : 'all') : '-';
  const second = secondLine(state, now, ns);
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>kpods</Text>
        {readOnly ? (
          <Text bold {...fg(color ? 'red' : undefined)}>
            {'  READ-ONLY'}
          </Text>
        ) : null}
        {'  ctx: '}
        <Text bold>{ctx}</Text>
        {'  server: '}
        {t ? neutralize(t.server) || '-' : '-'}
        {'  user: '}
        <Text {...fg(color && t?.userOverridden === true && 'magenta')}>{user}</Text>
      </Text>
      <Text wrap="truncate-end" {...fg(color && state.table.stale && 'red')}>
        {second.slice(0, Math.max(0, width * 2))}
      </Text>
    </>
  );
}
