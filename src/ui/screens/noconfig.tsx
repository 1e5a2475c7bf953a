/** The base screen when there is no kubeconfig: where kpods looked, what to do, and the demo offer. */
import { Text } from 'ink';
import { neutralize } from '../../core/terminal-text.js';
import { hintText } from '../../core/hint.js';
import type { ScreenDef } from './types.js';

export const noconfigScreen: ScreenDef<'noconfig'> = {
  scopes: ['noconfig'],
  scope: () => 'noconfig',
  commands: {
    demo: ({ ui }) => ui.demo?.(),
    quit: ({ ui }) => ui.quit(),
  },
  View: ({ screen, color, caps }) => {
    const f = screen.failure;
    return (
      <>
        <Text bold {...(color ? { color: 'red' } : {})} wrap="truncate-end">
          {f ? neutralize(f.summary) : 'No kubeconfig found.'}
        </Text>
        {(f?.hints ?? []).map((h, i) => (
          <Text key={i} wrap="truncate-end">{`→ ${neutralize(hintText(h, 'browser'))}`}</Text>
        ))}
        {f?.detail ? <Text wrap="truncate-end">{neutralize(f.detail)}</Text> : null}
        <Text> </Text>
        <Text bold>{caps.demo ? 'Press d to open kpods on the built-in demo cluster, q to quit.' : 'Press q to quit.'}</Text>
      </>
    );
  },
};
