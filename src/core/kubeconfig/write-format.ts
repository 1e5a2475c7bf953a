/**
 * The text a save writes: the user's own text with one field edited when that reads back as the
 * intended document (comments, quoting and list style kept), else the document dumped as kubectl
 * does; and, for the preview, whether a save would keep the file's formatting.
 */
import { readFileSync } from 'node:fs';
import { cloneTree, expandDocument } from './expand.js';
import { dumpDocument, parseFirstDocument } from './yaml11.js';
import { editText, type TextEdit } from './yaml-edit.js';

/** A plain mapping (not a list, scalar or null). */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** The document a kubeconfig text holds (aliases expanded), or undefined when it does not parse. */
function documentOf(text: string): unknown {
  const parsed = parseFirstDocument(text);
  if ('error' in parsed) return undefined;
  const expanded = expandDocument(parsed.doc, parsed.lines);
  return expanded.ok ? expanded.doc : undefined;
}

function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameTree((a as never)[k], (b as never)[k]));
}

/**
 * The new text of a file: `edit` applied to its own text when that yields exactly `doc` (comments,
 * quoting and list style kept), else the whole document dumped as kubectl does.
 */
export function newText(text: string, doc: Record<string, unknown>, edit: TextEdit | undefined): { text: string; kept: boolean } {
  const edited = edit ? editText(text, edit) : undefined;
  if (edited !== undefined && sameTree(documentOf(edited), doc)) return { text: edited, kept: true };
  return { text: dumpDocument(doc), kept: text.trim() === '' };
}

/**
 * Whether saving `edit` into `path` keeps the file's comments and formatting (for the preview,
 * before the user confirms). A missing or empty file has nothing to lose.
 */
export function saveKeepsFormatting(path: string, edit: TextEdit): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return true;
  }
  if (text.trim() === '') return true;
  const doc = documentOf(text);
  if (!isMap(doc)) return false;
  const mutated = cloneTree(doc) as Record<string, unknown>;
  if (edit.kind === 'current-context') mutated['current-context'] = edit.value;
  else {
    const list = Array.isArray(mutated['contexts']) ? (mutated['contexts'] as unknown[]) : [];
    const entry = list.find((e) => isMap(e) && (e['name'] ?? '') === edit.context);
    if (!isMap(entry)) return false;
    const fields = isMap(entry['context']) ? entry['context'] : (entry['context'] = {} as Record<string, unknown>);
    if (edit.namespace) fields['namespace'] = edit.namespace;
    else delete fields['namespace'];
  }
  if (sameTree(doc, mutated)) return true;
  return newText(text, mutated, edit).kept;
}
