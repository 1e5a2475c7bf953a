/** The footer: the top screen's prompt and key hints from the keymap, or a one-line message. */
import { Text } from 'ink';
import { neutralize } from '../core/terminal-text.js';
import { footerHints, type Capabilities, type Scope } from './keymap.js';

/** The footer line. */
export function Footer({
  scope,
  caps,
  prompt,
  message,
}: {
  scope: Scope;
  caps: Capabilities;
  prompt?: string | undefined;
  message?: string | undefined;
}) {
  if (prompt !== undefined) return <Text wrap="truncate-end">{`${neutralize(prompt)}  ${footerHints(scope, caps).join('  ')}`}</Text>;
  if (message) return <Text wrap="truncate-end">{neutralize(message)}</Text>;
  return (
    <Text wrap="truncate-end" dimColor>
      {footerHints(scope, caps).join('  ')}
    </Text>
  );
}
