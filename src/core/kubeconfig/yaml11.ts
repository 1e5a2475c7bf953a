/**
 * Reads YAML the way kubectl's decoder (go-yaml v2, YAML 1.1) does, on top of js-yaml: plain
 * scalars that resolve to booleans, numbers or merge keys are kept as marked values with their
 * line, so the decoder can type-check them strictly and report where YAML 1.1 reads differently
 * (the schema: yaml11-schema.ts). Only the first document counts; what go-yaml refuses is refused.
 */
import yaml from 'js-yaml';
import { KUBE_SCHEMA, MergeKey, PlainScalar } from './yaml11-schema.js';

/** A YAML syntax error with its 1-based line. */
interface YamlSyntaxError {
  line: number | undefined;
  reason: string;
}

/** A parsed document: the value, the lines of plain `<<` keys, and the starting line of each mapping or sequence. */
interface ParsedDocument {
  doc: unknown;
  mergeLines: number[];
  lines: WeakMap<object, number>;
  /** The first line where each string value appears (for error messages). */
  stringLines: Map<string, number>;
}

/** The first document of `text`, with PlainScalar values, sentinel merge keys and the lines of merge keys. */
export function parseFirstDocument(text: string): ParsedDocument | { error: YamlSyntaxError } {
  const mergeLines: number[] = [];
  const lines = new WeakMap<object, number>();
  const stringLines = new Map<string, number>();
  const opened: Array<[number, number]> = [];
  let badEscapeLine: number | undefined;
  let nullKeyLine: number | undefined;
  let nonFiniteLine: number | undefined;
  const listener = (event: string, state: yaml.State): void => {
    if (event === 'open') {
      opened.push([state.line + 1, state.position]);
      return;
    }
    const [openLine, openPos] = opened.pop() ?? [undefined, 0];
    if (
      typeof state.result === 'string' &&
      badEscapeLine === undefined &&
      hasYaml12OnlyEscape(state.input.slice(openPos, state.position))
    ) {
      badEscapeLine = state.line + 1;
    }
    // A plain null used as a mapping key (`~: x`): kubectl cannot turn it into JSON and refuses the file.
    if (
      state.result === null &&
      (state as unknown as { tag?: string }).tag === 'tag:yaml.org,2002:null' &&
      nullKeyLine === undefined &&
      /^[ \t]*:([ \t\r\n,}\]]|$)/.test(state.input.slice(state.position, state.position + 64))
    ) {
      nullKeyLine = state.line + 1;
    }
    if (typeof state.result === 'object' && state.result !== null && openLine !== undefined && !lines.has(state.result)) {
      lines.set(state.result, openLine);
    }
    if (typeof state.result === 'string' && openLine !== undefined && !stringLines.has(state.result))
      stringLines.set(state.result, openLine);
    if (state.result instanceof PlainScalar && state.result.line === undefined) {
      state.result.line = state.line + 1;
      if (typeof state.result.value === 'number' && !Number.isFinite(state.result.value) && nonFiniteLine === undefined)
        nonFiniteLine = state.result.line;
    }
    if (state.result instanceof MergeKey) mergeLines.push(state.line + 1);
  };
  const load = (input: string): unknown[] => {
    const docs: unknown[] = [];
    yaml.loadAll(input, (d) => docs.push(d), { schema: KUBE_SCHEMA, json: true, listener });
    return docs;
  };
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.1' && directive.index < (firstDocumentEnd(text) ?? text.length)) {
    return {
      error: {
        line: lineOf(text, directive.index),
        reason: `found incompatible YAML document (%YAML ${directive[1] ?? ''}; kubectl reads YAML 1.1)`,
      },
    };
  }
  try {
    const docs = load(text);
    const cutAt = docs.length > 1 ? firstDocumentEnd(text) : undefined;
    if (cutAt !== undefined) {
      // go-yaml reads only the first document: check (and take) only that one.
      mergeLines.length = 0;
      badEscapeLine = nullKeyLine = nonFiniteLine = undefined;
      docs.splice(0, docs.length, ...load(text.slice(0, cutAt)));
    }
    const doc = docs[0] ?? null;
    if (badEscapeLine !== undefined)
      return { error: { line: badEscapeLine, reason: 'found unknown escape character \\/ (YAML 1.2 only; kubectl reads YAML 1.1)' } };
    if (nullKeyLine !== undefined)
      return { error: { line: nullKeyLine, reason: 'a mapping key is null (~ or null); kubectl cannot use a null key' } };
    if (nonFiniteLine !== undefined)
      return {
        error: { line: nonFiniteLine, reason: '.inf or .nan cannot be written as JSON, and kubectl refuses it anywhere in the file' },
      };
    return { doc, mergeLines, lines, stringLines };
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string };
    const line = e.mark?.line !== undefined ? e.mark.line + 1 : undefined;
    // go-yaml reads only the first document: retry on the text before the second one.
    const cut = firstDocumentEnd(text);
    if (cut !== undefined && line !== undefined && line > lineOf(text, cut)) {
      mergeLines.length = 0;
      badEscapeLine = undefined;
      try {
        const doc = load(text.slice(0, cut))[0] ?? null;
        if (badEscapeLine !== undefined)
          return { error: { line: badEscapeLine, reason: 'found unknown escape character \\/ (YAML 1.2 only; kubectl reads YAML 1.1)' } };
        return { doc, mergeLines, lines, stringLines };
      } catch {
        /* report the original error */
      }
    }
    return { error: { line, reason: e.reason ?? e.message ?? 'invalid YAML' } };
  }
}

/** True when the raw text of a double-quoted scalar uses `\\/`, an escape YAML 1.1 (go-yaml) rejects. */
function hasYaml12OnlyEscape(raw: string): boolean {
  const body = raw.replace(/^(\s*[&!][^\s]*)*\s*/, '');
  if (!body.startsWith('"')) return false;
  for (let i = 1; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') return false;
    if (ch === '\\') {
      if (body[i + 1] === '/') return true;
      i++;
    }
  }
  return false;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Offset of the `---` or `...` line that ends the first document with content, if any. */
function firstDocumentEnd(text: string): number | undefined {
  const re = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let sawContent = false;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text
      .slice(last, m.index)
      .replace(/#[^\n]*/g, '')
      .trim();
    if (before.length > 0 && !/^%/.test(before)) sawContent = true;
    if (sawContent) return m.index;
    last = m.index + m[0].length;
  }
  return undefined;
}

/** Dumps a document read by parseFirstDocument back to YAML that kubectl reads the same way. */
export function dumpDocument(doc: unknown): string {
  return yaml.dump(doc, { schema: KUBE_SCHEMA, lineWidth: -1, noRefs: true });
}
