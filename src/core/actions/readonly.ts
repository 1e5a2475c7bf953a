/**
 * Read-only mode: decided from the --readonly flag, kpods' config file, the context's
 * `extensions` entry named "kpods" with `readonly: true`, or a context or cluster name matching
 * a --readonly-contexts pattern (globs: `*` any run of characters, `?` one character).
 */
import type { NamedExtension } from '../kubeconfig/types.js';
import { neutralize } from '../terminal-text.js';

interface ReadOnlyInputs {
  flag: boolean;
  /** `readonly` from kpods' config file. */
  config?: boolean;
  /** Patterns from --readonly-contexts and the config file. */
  patterns: string[];
  contextName: string;
  clusterName: string;
  contextExtensions?: NamedExtension[] | undefined;
}

/** The decision, with the reason shown in the help. */
export interface ReadOnlyDecision {
  readonly: boolean;
  why?: string;
}

/** True when `text` matches the glob `pattern` (whole string). */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

/** Splits --readonly-contexts values ("prod-*,staging-*", repeatable) into patterns. */
export function splitPatterns(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** True when the context's extensions say `readonly: true` in an entry named kpods. */
function contextSaysReadOnly(extensions: NamedExtension[] | undefined): boolean {
  for (const e of extensions ?? []) {
    if (e.name !== 'kpods' && e.name !== 'kpods.io') continue;
    const v = e.extension as { readonly?: unknown } | null | undefined;
    if (v && typeof v === 'object' && (v.readonly === true || v.readonly === 'true')) return true;
  }
  return false;
}

/** Decides read-only mode for one context. */
export function readOnlyDecision(i: ReadOnlyInputs): ReadOnlyDecision {
  if (i.flag) return { readonly: true, why: '--readonly' };
  if (contextSaysReadOnly(i.contextExtensions))
    return { readonly: true, why: `context ${neutralize(i.contextName)} has extension kpods: readonly: true` };
  for (const p of i.patterns) {
    if (globMatch(p, i.contextName))
      return { readonly: true, why: `context ${neutralize(i.contextName)} matches read-only pattern ${neutralize(p)}` };
    if (i.clusterName && globMatch(p, i.clusterName))
      return { readonly: true, why: `cluster ${neutralize(i.clusterName)} matches read-only pattern ${neutralize(p)}` };
  }
  if (i.config) return { readonly: true, why: 'readonly: true in the kpods config file' };
  return { readonly: false };
}
