/** The generic Confirm screen: a title, what will happen, y or Enter confirms, anything else cancels. */
import { Text } from 'ink';
import { neutralize } from '../../core/terminal-text.js';
import type { ScreenDef } from './types.js';

export const confirmScreen: ScreenDef<'confirm'> = {
  scopes: ['confirm'],
  scope: () => 'confirm',
  commands: {
    confirm: ({ ui, screen }) => {
      ui.store.dispatch({ type: 'pop' });
      screen.onConfirm();
    },
    cancel: ({ ui }) => ui.store.dispatch({ type: 'pop' }),
  },
  View: ({ screen, height }) => (
    <>
      <Text bold wrap="truncate-end">
        {neutralize(screen.title)}
      </Text>
      {screen.lines.slice(0, Math.max(0, height - 2)).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {neutralize(l)}
        </Text>
      ))}
      <Text>{screen.footer ?? 'y or Enter confirms, any other key cancels'}</Text>
    </>
  ),
};
