/**
 * Edits one value of a kubeconfig file in its own text, so that a save keeps the file's comments,
 * quoting and list style (kubectl re-dumps the whole file and drops them). Only block-style layouts
 * are edited; anything else answers undefined and the caller falls back to a full re-dump.
 * The caller verifies the edited text parses to the intended document before using it.
 */

/** One change a save makes. An empty namespace removes the field. */
export type TextEdit = { kind: 'current-context'; value: string } | { kind: 'context-namespace'; context: string; namespace: string };

interface Lines {
  lines: string[];
  eol: string;
}

function split(text: string): Lines {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { lines: text.split(/\r?\n/), eol };
}

const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_.:eExXoObB+-]*)$/i;

/** A YAML scalar for `value`: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._/@-]*$/.test(value) && !RESERVED.test(value)) return value;
  return JSON.stringify(value);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** The plain or quoted scalar at the start of `raw` (a trailing comment dropped); undefined when it is not one. */
function readScalar(raw: string): string | undefined {
  const t = raw.trim();
  if (t.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(t);
    if (!m) return undefined;
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return undefined;
    }
  }
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(t);
    return m ? (m[1] ?? '').replace(/''/g, "'") : undefined;
  }
  if (/^[[{&*!|>]/.test(t)) return undefined;
  return t.replace(/\s+#.*$/, '');
}

function editCurrentContext({ lines, eol }: Lines, value: string): string | undefined {
  const at = lines.findIndex((l) => /^current-context\s*:/.test(l));
  const line = `current-context: ${yamlScalar(value)}`;
  if (at >= 0) {
    const rest = lines[at]!.replace(/^current-context\s*:/, '');
    if (readScalar(rest) === undefined && rest.trim() !== '') return undefined;
    // A value continued on the next lines (a folded plain scalar) is not edited in place.
    const next = lines[at + 1];
    if (next !== undefined && !isBlankOrComment(next) && indentOf(next) > 0) return undefined;
    const comment = /\s+(#.*)$/.exec(rest.trim().startsWith('"') || rest.trim().startsWith("'") ? '' : rest);
    lines[at] = comment ? `${line} ${comment[1]}` : line;
    return lines.join(eol);
  }
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  out.push(line, '');
  return out.join(eol);
}

/** The [start, end) line range of the top-level block sequence under `key`. */
function topLevelBlock(lines: string[], key: string): [number, number] | undefined {
  const head = lines.findIndex((l) => new RegExp(`^${key}\\s*:\\s*(#.*)?$`).test(l));
  if (head < 0) return undefined;
  let end = head + 1;
  while (end < lines.length) {
    const l = lines[end]!;
    if (!isBlankOrComment(l) && indentOf(l) === 0 && !l.startsWith('-')) break;
    end++;
  }
  return [head + 1, end];
}

function editContextNamespace({ lines, eol }: Lines, context: string, namespace: string): string | undefined {
  const block = topLevelBlock(lines, 'contexts');
  if (!block) return undefined;
  const [start, end] = block;
  const first = lines.slice(start, end).findIndex((l) => /^\s*- /.test(l));
  if (first < 0) return undefined;
  const itemIndent = indentOf(lines[start + first]!);
  const keyCol = itemIndent + 2;
  // Split the sequence into items.
  const items: Array<[number, number]> = [];
  for (let i = start + first; i < end; i++) {
    const l = lines[i]!;
    if (indentOf(l) === itemIndent && l.trimStart().startsWith('- ')) items.push([i, end]);
    else if (!isBlankOrComment(l) && indentOf(l) <= itemIndent) return undefined;
  }
  for (let k = 0; k + 1 < items.length; k++) items[k]![1] = items[k + 1]![0];
  const keyAt = (i: number): { key: string; value: string } | undefined => {
    const l = lines[i]!;
    const m = new RegExp(`^(?: {${itemIndent}}- | {${keyCol}})([A-Za-z-]+)\\s*:(.*)$`).exec(l);
    return m ? { key: m[1]!, value: m[2]! } : undefined;
  };
  for (const [s, e] of items) {
    let name: string | undefined;
    let ctxLine = -1;
    for (let i = s; i < e; i++) {
      if (i > s && indentOf(lines[i]!) !== keyCol) continue;
      const kv = keyAt(i);
      if (!kv) continue;
      if (kv.key === 'name') name = readScalar(kv.value);
      if (kv.key === 'context') ctxLine = i;
    }
    if (name !== context) continue;
    if (ctxLine < 0) return undefined;
    if (keyAt(ctxLine)!.value.trim().replace(/#.*$/, '') !== '') return undefined;
    let childEnd = ctxLine + 1;
    let childIndent = -1;
    while (childEnd < e) {
      const l = lines[childEnd]!;
      if (!isBlankOrComment(l)) {
        if (indentOf(l) <= keyCol) break;
        if (childIndent < 0) childIndent = indentOf(l);
      }
      childEnd++;
    }
    if (childIndent < 0) childIndent = keyCol + 2;
    const pad = ' '.repeat(childIndent);
    const nsAt = lines.slice(ctxLine + 1, childEnd).findIndex((l) => l.startsWith(`${pad}namespace:`) && indentOf(l) === childIndent);
    const out = [...lines];
    if (nsAt >= 0) {
      const at = ctxLine + 1 + nsAt;
      if (namespace === '') out.splice(at, 1);
      else {
        const comment = /^[^'"#]*?\s(#.*)$/.exec(out[at]!.slice(pad.length + 'namespace:'.length));
        out[at] = `${pad}namespace: ${yamlScalar(namespace)}${comment ? ` ${comment[1]}` : ''}`;
      }
    } else if (namespace !== '') {
      out.splice(ctxLine + 1, 0, `${pad}namespace: ${yamlScalar(namespace)}`);
    } else return lines.join(eol);
    return out.join(eol);
  }
  return undefined;
}

/** The file's text with `edit` applied in place, or undefined when its layout cannot be edited safely. */
export function editText(text: string, edit: TextEdit): string | undefined {
  if (text.trim() === '') return undefined;
  const l = split(text);
  return edit.kind === 'current-context' ? editCurrentContext(l, edit.value) : editContextNamespace(l, edit.context, edit.namespace);
}
