/**
 * The namespaces a UI session remembers: the one chosen for each context while kpods runs, and
 * those seen in pod and namespace lists (the candidates to check when listing namespaces is
 * forbidden).
 */

/** How many seen namespaces are kept. */
const SEEN_LIMIT = 1000;

export class NamespaceMemory {
  /** Each context's last namespace while kpods runs (null: all namespaces). */
  private readonly chosen = new Map<string, string | null>();
  private readonly seen = new Set<string>();

  /** The namespace chosen for `context` (null: all; undefined: never chosen). */
  chosenFor(context: string): string | null | undefined {
    return this.chosen.get(context);
  }

  choose(context: string, namespace: string | null): void {
    this.chosen.set(context, namespace);
  }

  /** Remembers namespaces learnt from a list (the namespace picker). */
  note(names: readonly string[]): void {
    for (const ns of names.slice(0, SEEN_LIMIT)) this.seen.add(ns);
  }

  /** Remembers the namespaces of listed rows, until the limit is reached. */
  noteRows(rows: readonly { namespace: string }[]): void {
    if (this.seen.size >= SEEN_LIMIT) return;
    // Lists come namespace by namespace: each run of one namespace is added once.
    let last: string | undefined;
    for (const r of rows) {
      if (r.namespace === last) continue;
      last = r.namespace;
      this.seen.add(last);
    }
  }

  /**
   * Namespaces worth checking for permission, most relevant first: the target's, the kubeconfig
   * contexts', those chosen this session, those seen in lists, and `default`.
   */
  known(targetNamespace: string | undefined, contexts: readonly { namespace?: string | undefined }[]): string[] {
    const known = new Set<string>();
    if (targetNamespace) known.add(targetNamespace);
    for (const c of contexts) if (c.namespace) known.add(c.namespace);
    for (const ns of this.chosen.values()) if (ns) known.add(ns);
    for (const ns of this.seen) known.add(ns);
    known.add('default');
    return [...known];
  }
}
