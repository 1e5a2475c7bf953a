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
  // The text's own indent (a detail line's two spaces) stays on its first line.
  const lead = /^ */.exec(text)?.[0] ?? '';
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? line + word : `${line} ${word}`;
    if (next.length > width && line.trim() !== '') {
      out.push(line);
      line = indent + word;
    } else line = next;
  }
  if (line !== '') out.push(line);
  // No lone short word ("1.") on a line of its own: the word before it moves down when it fits.
  const last = out[out.length - 1] ?? '';
  const prev = out[out.length - 2] ?? '';
  const cut = prev.lastIndexOf(' ');
  if (out.length > 1 && last.trim().length <= 3 && cut > prev.length - prev.trimStart().length) {
    const moved = `${indent}${prev.slice(cut + 1)} ${last.trim()}`;
    if (moved.length <= width) out.splice(-2, 2, prev.slice(0, cut), moved);
  }
  return out;
}

/** The pane's lines per failure and width: a render asks for them several times (layout, pane, `e` screen). */
const paneLinesMemo = new WeakMap<Failure, Map<number, readonly string[]>>();

/**
 * Every line of the pane for a failure, wrapped to `width`: the summary, the advice (hints), then
 * the details. Computed once per failure and width (the same array is returned again).
 */
export function allPaneLines(failure: Failure, width = 200): readonly string[] {
  let byWidth = paneLinesMemo.get(failure);
  if (!byWidth) paneLinesMemo.set(failure, (byWidth = new Map()));
  let lines = byWidth.get(width);
  if (!lines) byWidth.set(width, (lines = wrapPane(failure, width)));
  return lines;
}

function wrapPane(failure: Failure, width: number): string[] {
  // Every line is capped first: a 31 MB name in a failure must not be wrapped into thousands of lines.
  const cap = (s: string): string => capText(s, 1000);
  const lines = [
    ...wrap(cap(neutralize(failure.summary)), width),
    ...failure.hints.flatMap((h) => wrap(cap(`→ ${neutralize(hintText(h, 'browser'))}`), width)),
  ];
  if (failure.detail)
    for (const l of capLines(failure.detail, 1000).split('\n'))
      if (l.trim() !== '') lines.push(...wrap(`  ${neutralizeMultiline(l)}`, width, '    '));
  return lines;
}

/** The lines of the pane for a failure, at most `max` of them: the cut ones are behind `e` (the pane at full height). */
export function paneLines(failure: Failure, max: number, width = 200): readonly string[] {
  const lines = allPaneLines(failure, width);
  return lines.length > max
    ? [...lines.slice(0, Math.max(0, max - 1)), `… ${lines.length - max + 1} more line(s): press e to see all`]
    : lines;
}

export interface StatusPaneProps {
  failure?: Failure | undefined;
  resolved?: string | undefined;
  identity?: string | undefined;
  maxLines: number;
  color: boolean;
  width?: number;
  /** Rows from the last good list are still on screen: the title must not say "why no pods". */
  overRows?: boolean | undefined;
  /** The pane at full height (`e`): the first line shown, every line reachable by scrolling. */
  scroll?: number | undefined;
}

/** The number of lines the pane takes for these props (for the layout budget). */
export function paneHeight(p: Omit<StatusPaneProps, 'color'>): number {
  if (p.failure) return 2 + paneLines(p.failure, p.maxLines - 2, p.width).length;
  return 3;
}

/** The pane. */
export function StatusPane({ failure, resolved, identity, maxLines, color, width, overRows, scroll }: StatusPaneProps) {
  if (failure) {
    const room = Math.max(1, maxLines - 2);
    const all = scroll === undefined ? [] : allPaneLines(failure, width);
    const from = Math.max(0, Math.min(scroll ?? 0, all.length - room));
    const lines = scroll === undefined ? paneLines(failure, room, width) : all.slice(from, from + room);
    const where = scroll === undefined || all.length <= room ? '' : `(lines ${from + 1}–${from + lines.length} of ${all.length}) `;
    return (
      <>
        <Text wrap="truncate-end" {...fg(color && 'red')} bold>
          {`── ${overRows ? 'list not updated, last good rows shown' : 'why no pods'}: ${failure.code} ${where}`}
        </Text>
        <Text wrap="truncate-end">{stageLine(failure, width)}</Text>
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate-end" {...fg(color && i + from === 0 && 'red')}>
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
