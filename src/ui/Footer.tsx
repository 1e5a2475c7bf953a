/** The footer: key hints from the keymap, or a one-line message. */
import { Text } from 'ink';
import { footerHints, type KeyScreen } from './keymap.js';

/** The footer line. */
export function Footer({ screen, message, sortLabel }: { screen: KeyScreen; message?: string; sortLabel?: string }) {
  if (message) return <Text wrap="truncate-end">{message}</Text>;
  const hints = footerHints(screen).join('  ');
  return (
    <Text wrap="truncate-end" dimColor>
      {sortLabel ? `sort:${sortLabel}  ` : ''}
      {hints}
    </Text>
  );
}
