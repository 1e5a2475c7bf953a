/**
 * The large parts of generated pods that many pods share as the same objects (tolerations,
 * volumes, container specs, managedFields skeletons, owner references): cheap at 50,000 pods.
 */
import { uidFor, type Workload } from './workloads.js';

const TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
const SA_MOUNT = [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access', readOnly: true }];
export const SA_MOUNT_STATUS = [{ ...SA_MOUNT[0], recursiveReadOnly: 'Disabled' }];
const VOLUMES = [
  {
    name: 'kube-api-access',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  },
];
const COND_FIELDS = { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} };
export const KUBELET_STATUS_FIELDS = {
  'f:conditions': {
    'k:{"type":"ContainersReady"}': COND_FIELDS,
    'k:{"type":"Initialized"}': COND_FIELDS,
    'k:{"type":"PodReadyToStartContainers"}': COND_FIELDS,
    'k:{"type":"Ready"}': COND_FIELDS,
  },
  'f:containerStatuses': {},
  'f:hostIP': {},
  'f:hostIPs': {},
  'f:phase': {},
  'f:startTime': {},
};

const sharedByOwner = new Map<string, { spec: Record<string, unknown>; managed: Record<string, unknown>; ownerRefs: unknown[] }>();

/** A container spec as a Deployment would template it. */
export function containerSpec(name: string, image: string, port?: number): Record<string, unknown> {
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ...(port ? { ports: [{ containerPort: port, name: 'http', protocol: 'TCP' }] } : {}),
    resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: SA_MOUNT,
  };
}

/** The parts every pod of one owner shares (spec, managedFields skeleton, owner references). */
export function shared(w: Workload) {
  const key = `${w.namespace}/${w.owner}`;
  let s = sharedByOwner.get(key);
  if (s) return s;
  const ownerUid = uidFor(`owner/${key}`);
  const ownerRefs = [
    w.kind === 'Node'
      ? { apiVersion: 'v1', kind: 'Node', name: w.owner, uid: ownerUid, controller: true }
      : {
          apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1',
          kind: w.kind,
          name: w.owner,
          uid: ownerUid,
          controller: true,
          blockOwnerDeletion: true,
        },
  ];
  const spec = {
    containers: [containerSpec(w.app, w.image, w.port)],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: w.kind === 'Job' ? 'Never' : 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: TOLERATIONS,
    volumes: VOLUMES,
  };
  const managed = {
    'f:metadata': {
      'f:generateName': {},
      'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
      'f:ownerReferences': { '.': {}, [`k:{"uid":"${ownerUid}"}`]: {} },
    },
    'f:spec': {
      'f:containers': {
        [`k:{"name":"${w.app}"}`]: {
          '.': {},
          'f:image': {},
          'f:imagePullPolicy': {},
          'f:name': {},
          'f:ports': {},
          'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} },
          'f:terminationMessagePath': {},
          'f:terminationMessagePolicy': {},
        },
      },
      'f:dnsPolicy': {},
      'f:enableServiceLinks': {},
      'f:restartPolicy': {},
      'f:schedulerName': {},
      'f:securityContext': {},
      'f:terminationGracePeriodSeconds': {},
    },
  };
  s = { spec, managed, ownerRefs };
  sharedByOwner.set(key, s);
  return s;
}
