/**
 * Label selectors (`app=web,tier!=db,env in (a,b),!legacy,gpu`), parsed once for everyone: the
 * simulated API server filters with them and the UI checks what is typed after `/ -l`.
 */

/** One requirement of a label selector. */
export type LabelRequirement =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string };

/** The requirements, or the first part that is not a valid requirement. */
type ParsedLabelSelector = { ok: true; requirements: LabelRequirement[] } | { ok: false; part: string };

/** Splits a label or field selector at commas that are not inside parentheses. */
export function splitSelector(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(part: string): LabelRequirement | undefined {
  let m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part);
  if (m) return { op: m[2] === '!=' ? '!=' : '=', key: m[1]!, value: m[3]! };
  m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (m)
    return {
      op: m[2] === 'in' ? 'in' : 'notin',
      key: m[1]!,
      values: m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    };
  m = /^(!?)\s*([\w./-]+)$/.exec(part);
  if (m) return { op: m[1] ? '!exists' : 'exists', key: m[2]! };
  return undefined;
}

/** Parses a label selector; an empty text selects everything. */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const part of splitSelector(text)) {
    const req = parseRequirement(part);
    if (!req) return { ok: false, part };
    requirements.push(req);
  }
  return { ok: true, requirements };
}

/** True when `labels` meet every requirement. */
export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string>): boolean {
  return requirements.every((req) => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const v = labels[req.key];
    switch (req.op) {
      case '=':
        return has && v === req.value;
      case '!=':
        return !has || v !== req.value;
      case 'in':
        return has && req.values.includes(v!);
      case 'notin':
        return !has || !req.values.includes(v!);
      case 'exists':
        return has;
      case '!exists':
        return !has;
    }
  });
}
