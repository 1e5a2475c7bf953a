/** One line per context result, shared by `kpods contexts --check` and the context picker. */
import type { ContextCheck } from './check-context.js';

/** `ok · 312 pods · jane@example.com`, `CODE · summary`, or `skipped: …`. */
export function resultCell(c: ContextCheck): string {
  if (c.result === 'skipped') return `skipped: ${c.summary ?? ''}`;
  if (c.result === 'failed') return `${c.code ?? c.stage ?? 'failed'} · ${c.summary ?? ''}`;
  const parts = ['ok'];
  if (c.pods !== undefined) parts.push(`${c.pods}${c.podsEstimate ? '+' : ''} pod${c.pods === 1 && !c.podsEstimate ? '' : 's'}`);
  if (c.identity !== undefined) parts.push(c.identity);
  return parts.join(' · ');
}
