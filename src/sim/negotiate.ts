/** Accept-header negotiation: Table (meta.k8s.io v1 or v1beta1) or plain JSON. */

/** The chosen response form, or undefined when nothing acceptable was offered (406). */
export type Negotiated = { form: 'table'; version: 'v1' | 'v1beta1' } | { form: 'json' } | undefined;

/** Picks the first media range the simulator can produce. */
export function negotiate(accept: string | undefined): Negotiated {
  if (!accept || accept.trim() === '') return { form: 'json' };
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    const p = new Map(params.map((x) => x.split('=').map((s) => s.trim()) as [string, string]));
    const as = p.get('as');
    if (type === 'application/json' || type === '*/*' || type === 'application/*') {
      if (!as) return { form: 'json' };
      if (as === 'Table' && p.get('g') === 'meta.k8s.io' && (p.get('v') === 'v1' || p.get('v') === 'v1beta1')) {
        return { form: 'table', version: p.get('v') as 'v1' | 'v1beta1' };
      }
    }
  }
  return undefined;
}

/** True when a boolean query parameter is set (absent, "false" and "0" are false). */
export function queryBool(params: URLSearchParams, name: string): boolean {
  if (!params.has(name)) return false;
  const v = params.get(name);
  return v !== 'false' && v !== '0';
}
