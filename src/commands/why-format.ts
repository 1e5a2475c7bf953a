/**
 * `kpods why` output: one block per unhealthy pod (worst first) with its findings, evidence and
 * hints, then "N of M pods unhealthy" and the notes; or the JSON document of the issue. Every
 * text from the cluster is neutralised.
 */
import { neutralize, terminalSafeJson } from '../core/terminal-text.js';
import { plural } from '../core/plural.js';
import { podCells } from '../core/pods/pod-cells.js';
import type { ScopeDiagnosis } from '../core/diagnosis/scope.js';

/** The scope as the JSON shows it. */
interface WhyScope {
  context?: string;
  namespace?: string;
  allNamespaces: boolean;
  pod?: string;
  selector?: string;
}

/** Text output. */
export function formatWhyText(d: ScopeDiagnosis, now: Date, single: boolean): string {
  const n = neutralize;
  const lines: string[] = [];
  for (const p of d.pods) {
    if (p.healthy) {
      if (single) {
        const c = podCells(p.pod, now);
        lines.push(`${n(p.namespace)}/${n(p.name)}: healthy (${n(c.status)}, ${c.ready} ready).`, '');
      }
      continue;
    }
    const c = podCells(p.pod, now);
    lines.push(`${n(p.namespace)}/${n(p.name)}  ${n(c.status)}  ready ${c.ready}  restarts ${n(c.restarts)}  age ${c.age}`);
    for (const f of p.findings) {
      lines.push(`  [${f.code}]${f.container ? ` container ${n(f.container)}` : ''}`);
      lines.push(`  ${n(f.summary)}`);
      for (const e of f.evidence) lines.push(`    - ${n(e)}`);
      for (const h of f.hints) lines.push(`    -> ${n(h)}`);
    }
    lines.push('');
  }
  lines.push(`${d.unhealthy} of ${plural(d.total, 'pod')} unhealthy`);
  for (const note of d.notes) lines.push(`note: ${n(note)}`);
  return lines.join('\n') + '\n';
}

/** JSON output: {scope, pods: [{namespace, name, phase, healthy, findings}], unhealthy, total, notes}. */
export function formatWhyJson(d: ScopeDiagnosis, scope: WhyScope): string {
  const doc = {
    scope,
    pods: d.pods.map((p) => ({
      namespace: p.namespace,
      name: p.name,
      phase: p.phase,
      healthy: p.healthy,
      findings: p.findings.map((f) => ({
        code: f.code,
        container: f.container ?? null,
        summary: f.summary,
        evidence: f.evidence,
        hints: f.hints,
      })),
    })),
    unhealthy: d.unhealthy,
    total: d.total,
    notes: d.notes,
  };
  return terminalSafeJson(doc) + '\n';
}
