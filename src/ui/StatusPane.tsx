/**
 * The status pane: the six stages on one line with the failing one marked, the summary, the
 * hints and the server's own answers. When the failure clears it says so (then closes).
 *
 * @example
 *   kubeconfig ✓ › credentials ✓ › connection ✓ › authentication ✓ › [authorization ✗] › response ·
 *   alice may not list pods in namespace "prod".
 *   → you may list pods in: dev, staging
 */
import { fg } from './theme.js';
import { Text } from 'ink';
import { STAGES, type Failure } from '../core/failure.js';
import { stageOutcomes } from '../core/stage-outcomes.js';
import { hintText } from '../core/hint.js';
import { capLines, capText, neutralize, neutralizeMultiline } from '../core/terminal-text.js';

/**
 * The stage line: passed stages ✓, the failing one ✗ in brackets, stages before it that were not
 * checked ? (an HTML page or a 429 says nothing of authentication), later ones unreached ·.
 * The outcomes are the ones `kpods trace` reports (core/stage-outcomes.ts).
 */
export function stageLine(failure: Failure | undefined, width = 200): string {
  const outcomes = stageOutcomes(failure);
  const at = failure ? STAGES.indexOf(failure.stage) : STAGES.length;
  const mark = (s: string, i: number): string => {
    const status = outcomes[i]?.status;
    if (status === 'failed') return `[${s} ✗]`;
    if (status === 'ok' || status === 'warning') return `${s} ✓`;
    return i < at ? `${s} ?` : `${s} ·`;
  };
  const line = (names: readonly string[]): string => names.map(mark).join(' › ');
  const full = line(STAGES);
  return full.length <= width ? full : line(SHORT);
}

const SHORT = ['kubecfg', 'creds', 'conn', 'authn', 'authz', 'resp'] as const;

/** Word-wraps `text` to `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = '  '): string[] {
  if (width < 20 || text.length <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length > width && line.trim() !== '') {
      out.push(line);
      line = indent + word;
    } else line = next;
  }
  if (line !== '') out.push(line);
  return out;
}

/** The lines of the pane for a failure, wrapped to `width`, at most `max` of them. */
export function paneLines(failure: Failure, max: number, width = 200): string[] {
  // Every line is capped first: a 31 MB name in a failure must not be wrapped into thousands of lines.
  const cap = (s: string): string => capText(s, 1000);
  const lines = [
    ...wrap(cap(neutralize(failure.summary)), width),
    ...failure.hints.flatMap((h) => wrap(cap(`→ ${neutralize(hintText(h, 'browser'))}`), width)),
  ];
  if (failure.detail)
    for (const l of capLines(failure.detail, 1000).split('\n'))
      if (l.trim() !== '') lines.push(...wrap(`  ${neutralizeMultiline(l)}`, width, '    '));
  return lines.length > max
    ? [...lines.slice(0, Math.max(0, max - 1)), `… ${lines.length - max + 1} more line(s): see \`kpods trace\``]
    : lines;
}

export interface StatusPaneProps {
  failure?: Failure | undefined;
  resolved?: string | undefined;
  identity?: string | undefined;
  maxLines: number;
  color: boolean;
  width?: number;
}

/** The number of lines the pane takes for these props (for the layout budget). */
export function paneHeight(p: Omit<StatusPaneProps, 'color'>): number {
  if (p.failure) return 2 + paneLines(p.failure, p.maxLines - 2, p.width).length;
  return 3;
}

/** The pane. */
export function StatusPane({ failure, resolved, identity, maxLines, color, width }: StatusPaneProps) {
  if (failure) {
    return (
      <>
        <Text wrap="truncate-end" {...fg(color && 'red')} bold>
          {`── why no pods: ${failure.code} `}
        </Text>
        <Text wrap="truncate-end">{stageLine(failure, width)}</Text>
        {paneLines(failure, maxLines - 2, width).map((l, i) => (
          <Text key={i} wrap="truncate-end" {...fg(color && i === 0 && 'red')}>
            {l}
          </Text>
        ))}
      </>
    );
  }
  return (
    <>
      <Text wrap="truncate-end" {...fg(color && 'green')} bold>
        {resolved ? '── resolved ' : '── status '}
      </Text>
      <Text wrap="truncate-end">{stageLine(undefined, width)}</Text>
      <Text wrap="truncate-end">
        {resolved
          ? `The server answers again (was: ${neutralize(resolved).replace(/[.!]+$/, '')}).`
          : `All stages pass${identity ? `; the server says you are ${identity}` : ''}.`}
      </Text>
    </>
  );
}
