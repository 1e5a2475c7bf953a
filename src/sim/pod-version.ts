/** One version of one pod, with what lists need cached on it (selector view, static cells, JSON). */
import type { Pod } from '../core/pods/pod-types.js';
import { podCells, podRowConditions } from '../core/pods/pod-cells.js';
import type { PodSeed } from './pod-states.js';
import { buildPod } from './pod-factory.js';

/** What lists need of a pod without rebuilding it: a selector view and the static cells. */
export interface PodInfo {
  /** The fields label and field selectors read. */
  view: Pod;
  /** JSON of the NAME, READY and STATUS cells, comma-joined. */
  head: string;
  /** JSON of the IP, NODE, NOMINATED NODE and READINESS GATES cells, comma-joined. */
  tail: string;
  restartCount: number;
  lastRestartAt?: number;
  createdAt?: number;
  /** `,"conditions":[…]` for finished pods, else "". */
  conditions: string;
}

function infoOf(pod: Pod): PodInfo {
  const c = podCells(pod, new Date(0));
  const conds = podRowConditions(pod);
  const m = pod.metadata ?? {};
  const view: Pod = {
    metadata: { name: m.name ?? '', namespace: m.namespace ?? '', labels: m.labels ?? {} },
    spec: {
      nodeName: pod.spec?.nodeName ?? '',
      restartPolicy: pod.spec?.restartPolicy ?? '',
      schedulerName: pod.spec?.schedulerName ?? '',
      serviceAccountName: pod.spec?.serviceAccountName ?? '',
      hostNetwork: pod.spec?.hostNetwork ?? false,
    },
    status: { phase: pod.status?.phase ?? '', podIP: pod.status?.podIP ?? '', nominatedNodeName: pod.status?.nominatedNodeName ?? '' },
  };
  const info: PodInfo = {
    view,
    head: [c.name, c.ready, c.status].map((x) => JSON.stringify(x)).join(','),
    tail: [c.ip, c.node, c.nominatedNode, c.readinessGates].map((x) => JSON.stringify(x)).join(','),
    restartCount: c.restartCount,
    conditions: conds ? `,"conditions":${JSON.stringify(conds)}` : '',
  };
  if (c.lastRestartAt !== undefined) info.lastRestartAt = c.lastRestartAt;
  if (c.createdAt !== undefined) info.createdAt = c.createdAt;
  return info;
}

/**
 * One version of one pod. A generated pod is kept as its seed and rebuilt on demand; what lists
 * need (selector view, static cells) and the serialisations are cached as the version is used.
 */
export class PodVersion {
  private json?: string;
  private meta?: string;
  private cachedInfo?: PodInfo;
  constructor(
    readonly key: string,
    readonly rv: string,
    private readonly explicit?: Pod,
    readonly seed?: PodSeed,
  ) {}
  get namespace(): string {
    return this.key.slice(0, this.key.indexOf('/'));
  }
  /** The full pod (rebuilt from the seed for generated pods; do not mutate). */
  get pod(): Pod {
    return this.explicit ?? buildPod(this.seed!, this.rv);
  }
  /** Selector view and static cells. */
  info(): PodInfo {
    return (this.cachedInfo ??= infoOf(this.pod));
  }
  /** True once info() has been computed. */
  get warmed(): boolean {
    return this.cachedInfo !== undefined;
  }
  /** Computes info and, when asked, the metadata JSON, from a single build of the pod. */
  warm(withMetadata: boolean): void {
    if (this.cachedInfo && (!withMetadata || this.meta)) return;
    const pod = this.pod;
    this.cachedInfo ??= infoOf(pod);
    if (withMetadata) this.meta ??= metadataJsonOf(pod);
  }
  /** The pod as a list item (no kind/apiVersion), serialised once. */
  itemJson(): string {
    return (this.json ??= JSON.stringify(this.pod));
  }
  /** The pod with kind and apiVersion (watch events, Table rows with includeObject=Object). */
  objectJson(): string {
    const item = this.itemJson();
    return `{"kind":"Pod","apiVersion":"v1",${item.slice(1)}`;
  }
  /** PartialObjectMetadata for Table rows (full metadata, managedFields included). */
  metadataJson(): string {
    return (this.meta ??= metadataJsonOf(this.pod));
  }
}

function metadataJsonOf(pod: Pod): string {
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(pod.metadata ?? {})}}`;
}
