/**
 * Reads YAML the way kubectl's decoder (go-yaml v2, YAML 1.1) does, on top of js-yaml: plain
 * scalars that resolve to booleans, numbers or merge keys are kept as marked values with their
 * line, so the decoder can type-check them strictly and report where YAML 1.1 reads differently.
 */
import yaml from 'js-yaml';
import { decodeGoBase64 } from './base64.js';

/** A plain (unquoted) scalar that YAML 1.1 resolves to a boolean or a number. */
export class PlainScalar {
  line: number | undefined;
  constructor(
    readonly kind: 'bool' | 'int' | 'float',
    readonly value: boolean | number,
    readonly text: string,
  ) {}
  get [Symbol.toStringTag](): string {
    return 'PlainScalar';
  }
  /** The key string kubectl's YAML-to-JSON conversion would use. */
  toString(): string {
    return String(this.value);
  }
  /** True when YAML 1.2 (and so most other tools) would read the text differently. */
  get differsFromYaml12(): boolean {
    if (this.kind === 'bool') return !/^(true|True|TRUE|false|False|FALSE)$/.test(this.text);
    if (this.kind === 'int') return /^[-+]?0[0-7]|_|^[-+]0b/.test(this.text);
    return false;
  }
}

const MERGE_PREFIX = '\u0000kpods-merge:';
let mergeCounter = 0;

/** A plain `<<` key; stringifies to a unique sentinel so the merge order can be replayed like go-yaml. */
class MergeKey {
  readonly id = ++mergeCounter;
  get [Symbol.toStringTag](): string {
    return 'MergeKey';
  }
  toString(): string {
    return MERGE_PREFIX + String(this.id);
  }
}

/** True for a mapping key produced by a plain `<<`. */
export function isMergeKey(key: string): boolean {
  return key.startsWith(MERGE_PREFIX);
}

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);

const boolType = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && (BOOL_TRUE.has(s) || BOOL_FALSE.has(s)),
  construct: (s: string) => new PlainScalar('bool', BOOL_TRUE.has(s), s),
  instanceOf: PlainScalar,
  predicate: (o: unknown) => o instanceof PlainScalar && o.kind === 'bool',
  represent: (o: object) => (o as PlainScalar).text,
});

/** go-yaml v2: strconv.ParseInt(s without "_", base 0), plus `0b` binary. */
function parseGoInt(s: string): number | undefined {
  const t = s.replace(/_/g, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|0|[1-9][0-9]*)$/.exec(t);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2] ?? '';
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  return sign * v;
}

const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS: Record<string, number> = {
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
};

const intType = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && /^[-+0-9]/.test(s) && parseGoInt(s) !== undefined,
  construct: (s: string) => new PlainScalar('int', parseGoInt(s) ?? 0, s),
  instanceOf: PlainScalar,
  predicate: (o: unknown) => o instanceof PlainScalar && o.kind === 'int',
  represent: (o: object) => (o as PlainScalar).text,
});

const floatType = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  // go-yaml keeps a float that overflows (1e400) as a string.
  resolve: (s: string | null) =>
    s !== null && (s in SPECIAL_FLOATS || (FLOAT_RE.test(s.replace(/_/g, '')) && Number.isFinite(Number(s.replace(/_/g, ''))))),
  construct: (s: string) => new PlainScalar('float', SPECIAL_FLOATS[s] ?? Number(s.replace(/_/g, '')), s),
  instanceOf: PlainScalar,
  predicate: (o: unknown) => o instanceof PlainScalar && o.kind === 'float',
  represent: (o: object) => (o as PlainScalar).text,
});

const mergeType = new yaml.Type('tag:kpods:merge-key', {
  kind: 'scalar',
  resolve: (s: string | null) => s === '<<',
  construct: () => new MergeKey(),
  instanceOf: MergeKey,
  represent: () => '<<',
});

const NULLS = new Set(['~', 'null', 'Null', 'NULL', '']);
const nullType = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string | null) => s === null || NULLS.has(s),
  construct: () => null,
  predicate: (o: unknown) => o === null,
  represent: () => 'null',
});

/** `!!binary`: go-yaml decodes the base64 and uses the bytes as a string. */
const binaryType = new yaml.Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && decodeGoBase64(s).ok,
  construct: (s: string) => {
    const r = decodeGoBase64(s);
    return r.ok ? Buffer.from(r.bytes).toString('utf8') : '';
  },
});

/** go-yaml ignores local tags (`!foo x` is the string "x"): accept any `!`-tag as its plain content. */
const localTags = (['scalar', 'sequence', 'mapping'] as const).map(
  (kind) =>
    new yaml.Type('!', {
      kind,
      multi: true,
      construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {}),
    }),
);

/** The schema: YAML 1.1 booleans and numbers as PlainScalar, merge keys as sentinels, no timestamps. */
const KUBE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, mergeType],
  explicit: [binaryType, ...localTags],
});

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
