/** The simulated cluster's namespaces and workloads, from which pods are generated. */

/** A controller whose pods the generator makes. */
export interface Workload {
  namespace: string;
  app: string;
  kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'Node';
  /** The owner's name (for a ReplicaSet, `<deployment>-<hash>`). */
  owner: string;
  image: string;
  port?: number;
  /** Relative weight when distributing pods. */
  weight: number;
}

/** Namespaces that always exist. */
export const NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'shop',
  'payments',
  'monitoring',
  'batch',
  'hostile',
];

/** The workloads pods are spread across. */
export const WORKLOADS: Workload[] = [
  { namespace: 'default', app: 'web', kind: 'ReplicaSet', owner: 'web-7c9d8b6f5', image: 'nginx:1.27.3', port: 80, weight: 6 },
  {
    namespace: 'default',
    app: 'api',
    kind: 'ReplicaSet',
    owner: 'api-5f7d9c8b4',
    image: 'ghcr.io/example/api:2.14.0',
    port: 8080,
    weight: 6,
  },
  {
    namespace: 'shop',
    app: 'cart',
    kind: 'ReplicaSet',
    owner: 'cart-6b8f9d7c5',
    image: 'ghcr.io/example/cart:1.9.2',
    port: 8080,
    weight: 8,
  },
  {
    namespace: 'shop',
    app: 'checkout',
    kind: 'ReplicaSet',
    owner: 'checkout-84c6d5f9b7',
    image: 'ghcr.io/example/checkout:3.2.1',
    port: 8080,
    weight: 8,
  },
  {
    namespace: 'shop',
    app: 'catalog',
    kind: 'ReplicaSet',
    owner: 'catalog-7d4b9c8f6',
    image: 'ghcr.io/example/catalog:5.0.3',
    port: 8080,
    weight: 8,
  },
  {
    namespace: 'shop',
    app: 'frontend',
    kind: 'ReplicaSet',
    owner: 'frontend-5c7f8d9b64',
    image: 'ghcr.io/example/frontend:4.1.0',
    port: 3000,
    weight: 10,
  },
  { namespace: 'payments', app: 'ledger', kind: 'StatefulSet', owner: 'ledger', image: 'postgres:16.4', port: 5432, weight: 3 },
  {
    namespace: 'payments',
    app: 'gateway',
    kind: 'ReplicaSet',
    owner: 'gateway-69d8c7b5f4',
    image: 'ghcr.io/example/gateway:1.4.7',
    port: 8443,
    weight: 6,
  },
  {
    namespace: 'monitoring',
    app: 'prometheus',
    kind: 'StatefulSet',
    owner: 'prometheus-k8s',
    image: 'quay.io/prometheus/prometheus:v2.54.1',
    port: 9090,
    weight: 2,
  },
  {
    namespace: 'monitoring',
    app: 'node-exporter',
    kind: 'DaemonSet',
    owner: 'node-exporter',
    image: 'quay.io/prometheus/node-exporter:v1.8.2',
    port: 9100,
    weight: 4,
  },
  {
    namespace: 'kube-system',
    app: 'coredns',
    kind: 'ReplicaSet',
    owner: 'coredns-668d6bf9bc',
    image: 'registry.k8s.io/coredns/coredns:v1.11.3',
    port: 53,
    weight: 2,
  },
  {
    namespace: 'kube-system',
    app: 'kube-proxy',
    kind: 'DaemonSet',
    owner: 'kube-proxy',
    image: 'registry.k8s.io/kube-proxy:v1.32.5',
    weight: 4,
  },
  { namespace: 'batch', app: 'report', kind: 'Job', owner: 'report-28519140', image: 'ghcr.io/example/report:0.9.0', weight: 5 },
];

/** Kubernetes' name-suffix alphabet (no vowels, no look-alikes). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A unique 5-character pod-name suffix for index `i` (a bijection for i < 27^5). */
export function nameSuffix(i: number, seed: number): string {
  let n = (i * 7919 + seed * 104729) % 14348907;
  let out = '';
  for (let k = 0; k < 5; k++) {
    out += ALPHABET[n % 27];
    n = Math.floor(n / 27);
  }
  return out;
}

/** A deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable UUID-shaped id derived from a string. */
export function uidFor(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
