/**
 * The subset of the Kubernetes Pod object that kpods and its simulator read. Every field is
 * optional because servers, proxies and older versions may leave any of them out.
 */

/** Object metadata as the API server writes it. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** A link from an object to the object that owns it. */
interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A container of a pod's spec (only the fields kpods reads are typed). */
export interface Container {
  name?: string;
  image?: string;
  restartPolicy?: string;
  [key: string]: unknown;
}

/** The pod spec. */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  nodeName?: string;
  readinessGates?: Array<{ conditionType?: string }>;
  restartPolicy?: string;
  schedulerName?: string;
  serviceAccountName?: string;
  hostNetwork?: boolean;
  [key: string]: unknown;
}

/** One state of a container: exactly one of the three is normally set. */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string | null };
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
    containerID?: string;
  };
}

/** The status the kubelet reports for one container. */
export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
  [key: string]: unknown;
}

/** A pod condition (Ready, Initialized, PodScheduled, readiness gates...). */
export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

/** The pod status. */
export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip?: string }>;
  podIP?: string;
  podIPs?: Array<{ ip?: string }>;
  nominatedNodeName?: string;
  startTime?: string | null;
  qosClass?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  [key: string]: unknown;
}

/** A Pod (v1). */
export interface Pod {
  kind?: string;
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
}
