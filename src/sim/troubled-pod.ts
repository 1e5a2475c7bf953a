/**
 * Builds the full Pod objects of the `troubled` namespace: a Deployment's (or Job's) pod as the
 * API server stores it, healthy and running, which each scenario in troubled.ts then bends
 * (container states, conditions, phase) into the situation it shows.
 */
import type { Pod, PodSpec } from '../core/pods/pod-types.js';
import { iso } from './kube-time.js';
import { uidFor } from './workloads.js';
import type { EventSpec } from './event-store.js';
import { condition, containerStatus } from './troubled-status.js';

export const TROUBLED_NAMESPACE = 'troubled';

/** What a scenario chooses about its pod. */
interface PodPlan {
  name: string;
  app: string;
  image: string;
  /** 'Deployment' pods are owned by a ReplicaSet named after the name's first two parts; 'Job' by a Job. */
  owner?: 'Deployment' | 'Job';
  node?: string;
  /** Last octet of the pod IP (10.244.9.N). */
  ip: number;
  /** Age in ms at `now`. */
  age: number;
  port?: number;
  resources?: Record<string, unknown>;
  /** Extra container spec fields (probes, env, volumeMounts, command). */
  container?: Record<string, unknown>;
  /** Extra pod spec fields (volumes, initContainers, schedulingGates). */
  spec?: Record<string, unknown>;
}

const SA_MOUNT = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-7xq2p', readOnly: true };
const SA_VOLUME = {
  name: 'kube-api-access-7xq2p',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

/** A healthy, running pod for a plan at time `now` (ms). */
export function runningPod(plan: PodPlan, now: number): Pod {
  const created = now - plan.age;
  const started = created + 4000;
  const uid = uidFor(`${TROUBLED_NAMESPACE}/${plan.name}`);
  const owner = plan.owner ?? 'Deployment';
  const parts = plan.name.split('-');
  const ownerName = owner === 'Job' ? parts.slice(0, -1).join('-') : parts.slice(0, -1).join('-');
  const node = plan.node ?? `worker-${(plan.ip % 3) + 1}`;
  const hostIP = `172.18.0.${Number(node.split('-')[1] ?? 1) + 1}`;
  const ip = `10.244.9.${plan.ip}`;
  const container: Record<string, unknown> = {
    name: plan.app,
    image: plan.image,
    imagePullPolicy: 'IfNotPresent',
    ...(plan.port ? { ports: [{ containerPort: plan.port, name: 'http', protocol: 'TCP' }] } : {}),
    resources: plan.resources ?? { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...plan.container,
    volumeMounts: [...((plan.container?.['volumeMounts'] as unknown[]) ?? []), SA_MOUNT],
  };
  const spec: Record<string, unknown> = {
    containers: [container],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    nodeName: node,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: owner === 'Job' ? 'Never' : 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ],
    ...plan.spec,
    volumes: [...((plan.spec?.['volumes'] as unknown[]) ?? []), SA_VOLUME],
  };
  const hash = parts.length > 2 ? parts[parts.length - 2]! : '';
  return {
    metadata: {
      name: plan.name,
      generateName: `${ownerName}-`,
      namespace: TROUBLED_NAMESPACE,
      uid,
      creationTimestamp: iso(created),
      labels:
        owner === 'Job'
          ? { 'batch.kubernetes.io/job-name': ownerName, 'job-name': ownerName, app: plan.app }
          : { app: plan.app, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: owner === 'Job' ? 'batch/v1' : 'apps/v1',
          kind: owner === 'Job' ? 'Job' : 'ReplicaSet',
          name: ownerName,
          uid: uidFor(`owner/${TROUBLED_NAMESPACE}/${ownerName}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: owner === 'Job' ? 'job-controller' : 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(created),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {} }, 'f:ownerReferences': { '.': {} } }, 'f:spec': {} },
        },
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(started),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {} } },
          subresource: 'status',
        },
      ],
    },
    spec: spec as PodSpec,
    status: {
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers', true, created + 2000),
        condition('Initialized', true, created + 1500),
        condition('Ready', true, started + 5000),
        condition('ContainersReady', true, started + 5000),
        condition('PodScheduled', true, created + 1000),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: iso(created + 1000),
      qosClass: 'Burstable',
      containerStatuses: [containerStatus(plan.app, plan.image, uid, { running: { startedAt: iso(started) } }, { ready: true })],
    },
  };
}

/** The events of a pod's start: scheduled, image present, created, started. */
export function startEvents(pod: Pod, created: number, container: string, image: string, count = 1, last?: number): EventSpec[] {
  const ns = pod.metadata?.namespace;
  const node = pod.spec?.nodeName;
  const l = last ?? created + 4000;
  return [
    {
      reason: 'Scheduled',
      type: 'Normal',
      from: 'default-scheduler',
      first: created + 1000,
      message: `Successfully assigned ${ns}/${pod.metadata?.name} to ${node}`,
    },
    {
      reason: 'Pulled',
      type: 'Normal',
      container,
      first: created + 2000,
      last: l,
      count,
      message: `Container image "${image}" already present on machine`,
    },
    { reason: 'Created', type: 'Normal', container, first: created + 3000, last: l, count, message: `Created container: ${container}` },
    { reason: 'Started', type: 'Normal', container, first: created + 3000, last: l, count, message: `Started container ${container}` },
  ];
}
