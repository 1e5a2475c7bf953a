/**
 * The typed reads kubectl's decoder makes of a kubeconfig document: a string, boolean, list, map,
 * base64 `*-data`, extension or unique name where one belongs, else an error naming the field and the line.
 */
import { PlainScalar } from './yaml11-schema.js';
import { decodeGoBase64 } from './base64.js';
import type { KubeconfigWarning, NamedExtension } from './types.js';

/** A decode error: what is wrong, and where. */
export interface DecodeError {
  line?: number;
  message: string;
}

export class Stop extends Error {
  constructor(readonly error: DecodeError) {
    super(error.message);
  }
}

export type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v instanceof PlainScalar) {
    const what = v.kind === 'bool' ? 'a boolean' : 'a number';
    return v.differsFromYaml12 ? `${what} (YAML 1.1 reads the unquoted ${v.text} as ${String(v.value)})` : `${what} (${v.text})`;
  }
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'a map';
  if (typeof v === 'string') return 'a string';
  return typeof v;
}

/** Reads typed values out of a parsed document, failing (with the line) on the wrong type. */
export class FieldReader {
  constructor(
    protected readonly path: string,
    protected readonly lines: WeakMap<object, number>,
    protected readonly warnings: KubeconfigWarning[],
    protected readonly stringLines: Map<string, number>,
  ) {}

  protected fail(where: string, v: unknown, parent: unknown, expected: string): never {
    const line = (v instanceof PlainScalar ? v.line : undefined) ?? this.lineOf(v) ?? this.lineOf(parent);
    let message = `${where || 'the document'} must be ${expected}, not ${describe(v)}`;
    if (v instanceof PlainScalar && expected === 'a string') message += '; quote the value';
    throw new Stop(line === undefined ? { message } : { line, message });
  }

  protected lineOf(v: unknown): number | undefined {
    if (typeof v === 'string') return this.stringLines.get(v);
    return typeof v === 'object' && v !== null ? this.lines.get(v) : undefined;
  }

  protected obj(v: unknown, where: string, parent: unknown): Obj | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || v instanceof PlainScalar) this.fail(where, v, parent, 'a map');
    return v as Obj;
  }

  protected list(v: unknown, where: string, parent: unknown): unknown[] {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) this.fail(where, v, parent, 'a list');
    return v;
  }

  protected str(o: Obj, key: string, where: string): string | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(at(where, key), v, o, 'a string');
    return v;
  }

  protected bool(o: Obj, key: string, where: string): boolean | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    if (!(v instanceof PlainScalar) || v.kind !== 'bool') return this.fail(at(where, key), v, o, 'a boolean (true or false, unquoted)');
    if (v.differsFromYaml12) this.warnYaml11(v, at(where, key));
    return v.value as boolean;
  }

  protected warnYaml11(v: PlainScalar, where: string): void {
    const w: KubeconfigWarning = {
      file: this.path,
      message: `${where}: the unquoted ${v.text} is read as ${String(v.value)} (YAML 1.1, as kubectl reads it); YAML 1.2 tools read it as the string "${v.text}"`,
    };
    if (v.line !== undefined) w.line = v.line;
    this.warnings.push(w);
  }

  protected strList(o: Obj, key: string, where: string): string[] | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    return this.list(v, at(where, key), o).map((item, i) => {
      if (item === null) return '';
      if (typeof item !== 'string') this.fail(`${at(where, key)}[${i}]`, item, v, 'a string');
      return item;
    });
  }

  protected strMap(o: Obj, key: string, where: string): Record<string, string> | undefined {
    const m = this.obj(o[key], at(where, key), o);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const k of Object.keys(m)) out[k] = this.str(m, k, at(where, key)) ?? '';
    return out;
  }

  protected data(o: Obj, key: string, where: string): Uint8Array | undefined {
    const raw = o[key];
    if (Array.isArray(raw)) {
      // Go's JSON decoding also takes a list of byte values for a []byte field.
      return Uint8Array.from(
        raw.map((b, i) => {
          if (!(b instanceof PlainScalar) || b.kind !== 'int' || (b.value as number) < 0 || (b.value as number) > 255)
            this.fail(`${at(where, key)}[${i}]`, b, raw, 'a byte value (0-255)');
          return b.value as number;
        }),
      );
    }
    const s = this.str(o, key, where);
    if (s === undefined) return undefined;
    const r = decodeGoBase64(s);
    if (r.ok) return r.bytes;
    const line = this.lineOf(s) ?? this.lineOf(o);
    const message = `${at(where, key)} is not valid base64: illegal base64 data at input byte ${r.offset}`;
    throw new Stop(line === undefined ? { message } : { line, message });
  }

  protected extensions(o: Obj, key: string, where: string): NamedExtension[] | undefined {
    const v = o[key];
    if (v === null || v === undefined) return undefined;
    const seen = new Set<string>();
    return this.list(v, at(where, key), o).map((item, i) => {
      const e = this.obj(item, `${at(where, key)}[${i}]`, v) ?? {};
      const name = this.str(e, 'name', `${at(where, key)}[${i}]`) ?? '';
      this.dup(seen, name, at(where, key), e);
      return { name, extension: this.json(e['extension'], `${at(where, key)}[${i}].extension`) };
    });
  }

  /** Arbitrary extension content as JSON values (the size was bounded before decoding). */
  protected json(v: unknown, where: string): unknown {
    if (v instanceof PlainScalar) {
      if (typeof v.value === 'number' && !Number.isFinite(v.value)) {
        const message = `${where}: ${v.text} cannot be written as JSON (kubectl refuses it too)`;
        throw new Stop(v.line === undefined ? { message } : { line: v.line, message });
      }
      if (v.differsFromYaml12) this.warnYaml11(v, where);
      return v.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => this.json(x, `${where}[${i}]`));
    if (typeof v === 'object' && v !== null) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v as Obj)) out[k] = this.json(x, `${where}.${k}`);
      return out;
    }
    return v === undefined ? null : v;
  }

  protected dup(seen: Set<string>, name: string, where: string, entry: unknown): void {
    if (seen.has(name)) {
      const line = this.lineOf(entry);
      const message = `${where}: duplicate name "${name}" in list`;
      throw new Stop(line === undefined ? { message } : { line, message });
    }
    seen.add(name);
  }
}

/** A field path: `clusters[0].cluster.server`, or the bare key at the top level. */
export function at(where: string, key: string): string {
  return where === '' ? key : `${where}.${key}`;
}
