/**
 * The kinds of program a simulated container runs (told from its name and image), how often each
 * writes an ordinary line, and the small deterministic generator and hash the log text is made with.
 */

/** The kinds of program a simulated container runs. */
export type LogFamily =
  | 'nginx'
  | 'go'
  | 'node'
  | 'java'
  | 'python'
  | 'postgres'
  | 'prometheus'
  | 'exporter'
  | 'coredns'
  | 'kube-proxy'
  | 'job'
  | 'init'
  | 'envoy'
  | 'fluent-bit'
  | 'hostile';

/** A small deterministic generator seeded from a 32-bit value. */
export function pick(seed: number): { n: (max: number) => number; of: <T>(list: readonly T[]) => T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { n: (max) => Math.floor(next() * max), of: (list) => list[Math.floor(next() * list.length)]! };
}

/** A 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The family of a container, from its name and image. */
export function familyOf(container: string, image: string, hostile = false): LogFamily {
  if (hostile) return 'hostile';
  const img = image.toLowerCase();
  if (container.startsWith('init-')) return 'init';
  if (img.includes('nginx')) return 'nginx';
  if (img.includes('postgres')) return 'postgres';
  if (img.includes('prometheus/prometheus')) return 'prometheus';
  if (img.includes('node-exporter')) return 'exporter';
  if (img.includes('coredns')) return 'coredns';
  if (img.includes('kube-proxy')) return 'kube-proxy';
  if (img.includes('proxyv2') || img.includes('envoy')) return 'envoy';
  if (img.includes('fluent')) return 'fluent-bit';
  if (img.includes('busybox')) return 'init';
  if (/\/(report|batch)/.test(img)) return 'job';
  if (/\/(cart|frontend)/.test(img)) return 'node';
  if (/\/checkout/.test(img)) return 'java';
  if (/\/catalog/.test(img)) return 'python';
  return 'go';
}

/** Milliseconds between two ordinary lines of a family. */
export const PERIOD_MS: Record<LogFamily, number> = {
  nginx: 700,
  go: 1500,
  node: 1200,
  java: 2500,
  python: 2000,
  postgres: 20_000,
  prometheus: 15_000,
  exporter: 60_000,
  coredns: 900,
  'kube-proxy': 30_000,
  job: 500,
  init: 1000,
  envoy: 800,
  'fluent-bit': 10_000,
  hostile: 5000,
};
