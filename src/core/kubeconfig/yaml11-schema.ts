/**
 * The YAML 1.1 schema of go-yaml v2 (kubectl's decoder) for js-yaml: plain scalars that resolve to
 * booleans or numbers become PlainScalar values (kept with their text, for strict type checks), a
 * plain `<<` a MergeKey sentinel; nulls, !!binary and local tags as go-yaml reads them; no timestamps.
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
export class MergeKey {
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
export const KUBE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, mergeType],
  explicit: [binaryType, ...localTags],
});
