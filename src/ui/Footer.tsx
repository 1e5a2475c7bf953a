/** The footer: key hints from the keymap, or a one-line message. */
import { Text } from 'ink';
import { neutralize } from '../core/terminal-text.js';
import { footerHints, type KeyScreen } from './keymap.js';

/** The footer line. */
export function Footer({ screen, message }: { screen: KeyScreen; message?: string }) {
  if (message) return <Text wrap="truncate-end">{neutralize(message)}</Text>;
  const hints = footerHints(screen).join('  ');
  return (
    <Text wrap="truncate-end" dimColor>
      {hints}
    </Text>
  );
}
