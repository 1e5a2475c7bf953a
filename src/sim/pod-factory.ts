/**
 * Builds realistic Pod objects (about 4–5 KB of JSON: managedFields, owner references,
 * conditions, container statuses) from a small seed. Large shared parts (tolerations, volumes,
 * managedFields skeletons) are shared objects, so 50,000 pods stay cheap in memory.
 */
import type { Pod, PodCondition } from '../core/pods/pod-types.js';
import { uidFor } from './workloads.js';
import { KUBELET_STATUS_FIELDS, shared } from './pod-parts.js';
import { iso } from './kube-time.js';
import type { PodSeed } from './pod-states.js';
import { cond, stateStatus } from './pod-state-status.js';

/** Builds the full Pod for a seed (without kind/apiVersion, as list items are). */
export function buildPod(seed: PodSeed, resourceVersion: string): Pod {
  const w = seed.workload;
  const sh = shared(w);
  const uid = uidFor(`${seed.namespace}/${seed.name}/${seed.createdAt}`);
  const t0 = seed.createdAt;
  const started = t0 + 3000;
  const spec: Record<string, unknown> = { ...sh.spec, nodeName: seed.nodeName };
  const { phase, reason, message, ready, initialized, scheduled, ip, nominated, containers, inits, extraConds, deletion } = stateStatus(
    seed,
    uid,
    spec,
  );
  const conditions: PodCondition[] = scheduled
    ? [
        cond('PodReadyToStartContainers', ip !== undefined, t0 + 2000),
        cond(
          'Initialized',
          initialized,
          t0 + 2000,
          initialized ? undefined : 'ContainersNotInitialized',
          initialized ? undefined : 'containers with incomplete status: [init-migrate]',
        ),
        cond('Ready', ready, started, ready ? undefined : phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady'),
        cond('ContainersReady', ready, started, ready ? undefined : phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady'),
        cond('PodScheduled', true, t0 + 1000),
        ...extraConds,
      ]
    : [
        cond(
          'PodScheduled',
          false,
          t0,
          seed.state === 'schedulinggated' ? 'SchedulingGated' : 'Unschedulable',
          seed.state === 'schedulinggated'
            ? 'Scheduling is blocked due to non-empty scheduling gates'
            : '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ];
  const hash = w.owner.slice(w.app.length + 1);
  const labels: Record<string, string> = {
    app: w.app,
    ...(w.kind === 'ReplicaSet' ? { 'pod-template-hash': hash } : {}),
    tier: w.namespace === 'kube-system' ? 'system' : 'app',
  };
  const kubeletFields = {
    'f:status': {
      ...KUBELET_STATUS_FIELDS,
      ...(ip ? { 'f:podIP': {}, 'f:podIPs': { '.': {}, [`k:{"ip":"${ip}"}`]: { '.': {}, 'f:ip': {} } } } : {}),
    },
  };
  const pod: Pod = {
    metadata: {
      name: seed.name,
      ...(w.kind === 'StatefulSet' ? {} : { generateName: `${w.owner}-` }),
      namespace: seed.namespace,
      uid,
      resourceVersion,
      creationTimestamp: iso(t0),
      ...(deletion !== undefined ? { deletionTimestamp: iso(deletion), deletionGracePeriodSeconds: 30 } : {}),
      labels,
      ...(seed.changedAt !== undefined ? { annotations: { 'bench.kpods.io/changed-at': new Date(seed.changedAt).toISOString() } } : {}),
      ownerReferences: sh.ownerRefs as never,
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(t0),
          fieldsType: 'FieldsV1',
          fieldsV1: sh.managed,
        },
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: iso(started + 1000),
          fieldsType: 'FieldsV1',
          fieldsV1: kubeletFields,
          subresource: 'status',
        },
      ],
    },
    spec: spec as NonNullable<Pod['spec']>,
    status: {
      phase,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      conditions,
      ...(spec['nodeName'] ? { hostIP: seed.hostIP, hostIPs: [{ ip: seed.hostIP }] } : {}),
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      ...(nominated ? { nominatedNodeName: nominated } : {}),
      ...(scheduled ? { startTime: iso(t0 + 1000) } : {}),
      qosClass: 'Burstable',
      ...(inits ? { initContainerStatuses: inits } : {}),
      ...(containers.length > 0 ? { containerStatuses: containers } : {}),
    },
  };
  if (pod.metadata && pod.metadata.generateName === undefined) delete pod.metadata.generateName;
  return pod;
}
