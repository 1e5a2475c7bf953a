/**
 * Replays `<<` merge keys the way go-yaml v2 does (in key order, later keys overwrite earlier
 * ones; in a list of maps the first map wins) and bounds the size of the document once aliases
 * are expanded, so an alias bomb is refused before anything walks it.
 */
import { isMergeKey } from './yaml11-schema.js';

/** The largest number of values a kubeconfig may expand to through aliases. */
const MAX_EXPANDED_NODES = 2_000_000;
export const MAX_ALIASES = 10_000;

/** What expanding found: the document, the lines where a merge changed an explicit value, or an error. */
type ExpandResult = { ok: true; doc: unknown; conflictLines: number[] } | { ok: false; reason: string; line?: number };

class ExpandError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(reason);
  }
}

/** Expands merge keys (memoized per shared node) and checks the expanded size against `maxNodes` (tests pass a small one). */
export function expandDocument(doc: unknown, lines: WeakMap<object, number>, maxNodes = MAX_EXPANDED_NODES): ExpandResult {
  const memo = new Map<object, unknown>();
  const conflictLines: number[] = [];
  const expand = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null || !isContainer(node)) return node;
    const done = memo.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      memo.set(node, out);
      for (const item of node) out.push(expand(item));
      copyLine(lines, node, out);
      return out;
    }
    const src = node as Record<string, unknown>;
    const hasMerge = Object.keys(src).some(isMergeKey);
    if (!hasMerge) {
      const out: Record<string, unknown> = {};
      memo.set(node, out);
      for (const [k, v] of Object.entries(src)) out[k] = expand(v);
      copyLine(lines, node, out);
      return out;
    }
    const out: Record<string, unknown> = {};
    memo.set(node, out);
    copyLine(lines, node, out);
    const explicit = new Set<string>();
    for (const [k, v] of Object.entries(src)) {
      if (!isMergeKey(k)) {
        out[k] = expand(v);
        explicit.add(k);
        continue;
      }
      const value = expand(v);
      const maps = Array.isArray(value) ? [...value].reverse() : [value];
      for (const m of maps) {
        if (typeof m !== 'object' || m === null || Array.isArray(m) || !isContainer(m)) {
          throw new ExpandError('map merge requires map or sequence of maps as the value', lines.get(node));
        }
        for (const [mk, mv] of Object.entries(m as Record<string, unknown>)) {
          if (explicit.has(mk) && out[mk] !== mv) conflictLines.push(lines.get(node) ?? 0);
          out[mk] = mv;
        }
      }
    }
    return out;
  };
  try {
    const expanded = expand(doc);
    const shared = { seen: false };
    const size = expandedSize(expanded, maxNodes, shared);
    // Without a shared node nothing was aliased: the file size already bounds the document.
    if (size > maxNodes && shared.seen) {
      return {
        ok: false,
        reason: `the document expands to more than ${maxNodes} values through YAML aliases (an alias bomb?)`,
      };
    }
    return { ok: true, doc: expanded, conflictLines };
  } catch (err) {
    if (err instanceof ExpandError)
      return err.line === undefined ? { ok: false, reason: err.reason } : { ok: false, reason: err.reason, line: err.line };
    throw err;
  }
}

/**
 * Counts YAML alias tokens (`*name` after a blank, `[`, `{` or `,`) in the raw text, stopping
 * past `limit`: a cheap scan that runs before the YAML parser, so a file made of aliases is
 * refused in milliseconds instead of after seconds of parsing and expanding. Quoted text is not
 * excluded, so it may over-count; real kubeconfigs use a handful of aliases at most.
 */
export function countAliases(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + 1];
    if (after === undefined || ' \t\r\n,[]{}'.includes(after)) continue;
    if (before === ' ' || before === '\t' || before === '\n' || before === '[' || before === '{' || before === ',') {
      if (++count > limit) return count;
    }
  }
  return count;
}

function isContainer(node: object): boolean {
  if (Array.isArray(node)) return true;
  const proto = Object.getPrototypeOf(node) as unknown;
  return proto === Object.prototype || proto === null;
}

function copyLine(lines: WeakMap<object, number>, from: object, to: object): void {
  const l = lines.get(from);
  if (l !== undefined) lines.set(to, l);
}

/**
 * The size of the tree with every alias expanded, computed once per shared node; stops past
 * `limit`. `shared.seen` is set when some node is reached twice (an alias was used).
 */
function expandedSize(node: unknown, limit: number, shared: { seen: boolean } = { seen: false }): number {
  const sizes = new Map<object, number>();
  const size = (n: unknown): number => {
    if (typeof n !== 'object' || n === null || !isContainer(n)) return 1;
    const known = sizes.get(n);
    if (known !== undefined) {
      shared.seen = true;
      return known;
    }
    sizes.set(n, limit + 1); // a cycle counts as infinite
    let total = 1;
    for (const child of Array.isArray(n) ? n : Object.values(n as Record<string, unknown>)) {
      total += size(child);
      if (total > limit) break;
    }
    sizes.set(n, Math.min(total, limit + 1));
    return Math.min(total, limit + 1);
  };
  return size(node);
}

/** A deep copy of an expanded document (aliases become separate copies, as kubectl writes them). */
export function cloneTree(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || !isContainer(node)) return node;
  if (Array.isArray(node)) return node.map(cloneTree);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = cloneTree(v);
  return out;
}
