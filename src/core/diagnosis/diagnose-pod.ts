/**
 * The pod diagnosis: a pure function from a pod, its events and its containers' last log lines
 * to findings, most severe first. A healthy pod (Running and Ready, or Succeeded, and not stuck
 * in deletion) has none; an unhealthy one always has at least one (pod.pending / pod.unknown as
 * the fallbacks).
 */
import type { Pod, PodCondition } from '../pods/pod-types.js';
import { parseTime } from '../pods/human-duration.js';
import { containerFindings } from './containers.js';
import { eventLine, eventsWith } from './evidence.js';
import { ago } from '../pods/human-duration.js';
import { missingRef, schedulingCauses } from './messages.js';
import { severity, type DiagEvent, type DiagnoseInput, type Finding } from './types.js';

/** Seconds past deletionTimestamp after which a deletion counts as stuck. */
const STUCK_AFTER_MS = 5 * 60_000;

function cond(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** True for a pod that needs no explanation. */
export function isHealthy(pod: Pod, now: Date): boolean {
  if (stuckDeleting(pod, now)) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return true;
  return phase === 'Running' && cond(pod, 'Ready')?.status === 'True' && !pod.status?.reason;
}

function stuckDeleting(pod: Pod, now: Date): boolean {
  const t = parseTime(pod.metadata?.deletionTimestamp);
  return t !== undefined && now.getTime() - t > STUCK_AFTER_MS;
}

function ref(pod: Pod): string {
  return `${pod.metadata?.name} -n ${pod.metadata?.namespace}`;
}

function ofPod(events: DiagEvent[], pod: Pod): DiagEvent[] {
  const uid = pod.metadata?.uid;
  return events.filter(
    (e) =>
      (e.involvedObject?.kind ?? 'Pod') === 'Pod' &&
      e.involvedObject?.name === pod.metadata?.name &&
      (!uid || !e.involvedObject?.uid || e.involvedObject.uid === uid),
  );
}

function nodeLost(pod: Pod, events: DiagEvent[], now: Date): Finding | undefined {
  const node = pod.spec?.nodeName;
  const notReady = eventsWith(events, ['NodeNotReady'])[0];
  const ready = cond(pod, 'Ready');
  if (pod.status?.reason !== 'NodeLost' && !(notReady && ready?.status !== 'True') && ready?.status !== 'Unknown') return undefined;
  const since = ago(ready?.lastTransitionTime, now);
  return {
    code: 'pod.node-lost',
    summary: `Node ${node ?? '?'} stopped responding: nobody knows the pod's real state${since ? ` (for ${since})` : ''}.`,
    evidence: [
      ...(pod.status?.message ? [`status: ${pod.status.reason ?? ''}: ${pod.status.message}`] : []),
      ...(notReady ? [eventLine(notReady, now)] : []),
      ...(ready ? [`condition Ready=${ready.status}${since ? ` since ${since} ago` : ''}`] : []),
    ],
    hints: [
      `Check node ${node ?? '?'} (kubectl describe node ${node ?? ''}): the kubelet there is not reporting.`,
      `If the node is gone for good, delete the Node object; the pod's controller then replaces the pod (or force it: kubectl delete pod ${ref(pod)} --grace-period=0 --force).`,
    ],
  };
}

function stuckTerminating(pod: Pod, events: DiagEvent[], now: Date): Finding | undefined {
  if (!stuckDeleting(pod, now)) return undefined;
  const m = pod.metadata ?? {};
  const since = ago(m.deletionTimestamp, now);
  const finalizers = m.finalizers ?? [];
  const node = pod.spec?.nodeName;
  const lost =
    pod.status?.reason === 'NodeLost' || cond(pod, 'Ready')?.status === 'Unknown' || eventsWith(events, ['NodeNotReady']).length > 0;
  const evidence = [`deletionTimestamp ${m.deletionTimestamp} (${since} ago), grace period ${m.deletionGracePeriodSeconds ?? 30}s`];
  if (finalizers.length) evidence.push(`finalizers: ${finalizers.join(', ')}`);
  if (lost) evidence.push(`node ${node} is not responding`);
  const why = finalizers.length
    ? `finalizer ${finalizers.join(', ')} has not been removed`
    : lost
      ? `node ${node} is lost and cannot confirm the containers stopped`
      : `the kubelet on ${node ?? '?'} has not confirmed the containers stopped`;
  const hints = finalizers.length
    ? [
        `Find the controller that owns ${finalizers.join(', ')} and why it has not finished; if it is gone, remove the finalizer: kubectl patch pod ${ref(pod)} --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`,
      ]
    : [
        `Check node ${node ?? '?'}; if it is gone, force the deletion: kubectl delete pod ${ref(pod)} --grace-period=0 --force (only when the containers are surely stopped).`,
      ];
  return { code: 'pod.stuck-terminating', summary: `The pod was deleted ${since} ago but is still there: ${why}.`, evidence, hints };
}

function evicted(pod: Pod, events: DiagEvent[], now: Date): Finding | undefined {
  if (pod.status?.reason !== 'Evicted') return undefined;
  const message = (pod.status.message ?? '').trim();
  const resource = /low on resource: ([\w-]+)/.exec(message)?.[1];
  const usage = /Container (\S+) was using (\S+), request is (\S+)/.exec(message);
  const ev = eventsWith(events, ['Evicted'])[0];
  const hints = usage
    ? [
        `Give container ${usage[1]} requests and limits of ${resource ?? 'the resource'} that fit its use (${usage[2]}, request ${usage[3]!.replace(/,$/, '')}), or make it use less.`,
      ]
    : [`Give the pod requests that match its use${resource ? ` of ${resource}` : ''} so the kubelet evicts others first.`];
  hints.push(`The pod's controller starts a replacement; delete this record when done: kubectl delete pod ${ref(pod)}`);
  return {
    code: 'pod.evicted',
    summary: `The kubelet evicted the pod${resource ? `: node ${pod.spec?.nodeName ?? '?'} was low on ${resource}` : ''}.`,
    evidence: [`status: Evicted: ${message}`, ...(ev ? [eventLine(ev, now)] : [])],
    hints,
  };
}

function unschedulable(pod: Pod, events: DiagEvent[], now: Date): Finding | undefined {
  const scheduled = cond(pod, 'PodScheduled');
  const failed = eventsWith(events, ['FailedScheduling'])[0];
  if (pod.spec?.nodeName || !(scheduled?.reason === 'Unschedulable' || failed)) return undefined;
  const message = scheduled?.message ?? failed?.message ?? '';
  const requests: { cpu?: string; memory?: string } = {};
  for (const c of pod.spec?.containers ?? []) {
    const r = (c['resources'] as { requests?: Record<string, string> } | undefined)?.requests;
    if (r?.['cpu'] && !requests.cpu) requests.cpu = r['cpu'];
    if (r?.['memory'] && !requests.memory) requests.memory = r['memory'];
  }
  const causes = schedulingCauses(message, requests);
  return {
    code: 'pod.unschedulable',
    summary: `No node can run the pod${causes.length ? `: ${causes.map((c) => c.cause).join('; ')}` : ''}.`,
    evidence: [
      `condition PodScheduled=False (${scheduled?.reason ?? 'Unschedulable'}): ${message}`,
      ...(failed ? [eventLine(failed, now)] : []),
    ],
    hints: causes.length
      ? causes.map((c) => c.hint)
      : ["Read the scheduler's message above; kubectl describe nodes shows what the nodes have."],
  };
}

function creating(pod: Pod, events: DiagEvent[], now: Date): Finding[] {
  const out: Finding[] = [];
  const mount = eventsWith(events, ['FailedMount', 'FailedAttachVolume'])[0];
  if (mount) {
    const msg = mount.message ?? '';
    const volume = /volume "([^"]+)"/.exec(msg)?.[1];
    const missing = missingRef(msg);
    const ns = pod.metadata?.namespace;
    out.push({
      code: 'pod.mount-failed',
      summary: `The containers cannot start: volume ${volume ?? '?'} cannot be ${mount.reason === 'FailedAttachVolume' ? 'attached' : 'mounted'}${missing ? ` (${missing.kind} ${missing.name} does not exist in ${ns})` : ''}.`,
      evidence: [eventLine(mount, now)],
      hints: [
        missing
          ? `Create ${missing.kind} ${missing.name} in ${ns} or fix volume ${volume ?? ''} in the pod's template.`
          : /Multi-Attach/.test(msg)
            ? 'The volume is still attached to another node: wait for the old pod to go, or check the VolumeAttachment objects.'
            : 'Check the PersistentVolumeClaim and the storage (CSI) driver of the volume (kubectl describe pvc).',
      ],
    });
  }
  const sandbox = eventsWith(events, ['FailedCreatePodSandBox'])[0];
  if (sandbox) {
    const msg = sandbox.message ?? '';
    const cni = /plugin type="([^"]+)"/.exec(msg)?.[1];
    out.push({
      code: 'pod.sandbox-failed',
      summary: `Node ${pod.spec?.nodeName ?? '?'} cannot create the pod's sandbox${cni ? `: the network plugin ${cni} failed` : ''}.`,
      evidence: [eventLine(sandbox, now)],
      hints: [
        cni
          ? `Check the ${cni} pods on node ${pod.spec?.nodeName ?? '?'} (kubectl get pods -n kube-system -o wide | grep ${cni}) and their logs.`
          : `Check the container runtime and CNI plugin on node ${pod.spec?.nodeName ?? '?'} (the kubelet and containerd logs).`,
      ],
    });
  }
  return out;
}

function fallback(pod: Pod, now: Date): Finding {
  const phase = pod.status?.phase ?? 'Unknown';
  const evidence: string[] = [
    `phase ${phase}${pod.status?.reason ? `, reason ${pod.status.reason}` : ''}${pod.status?.message ? `: ${pod.status.message}` : ''}`,
  ];
  for (const c of pod.status?.conditions ?? [])
    if (c.status !== 'True')
      evidence.push(`condition ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  const gates = (pod.spec?.['schedulingGates'] as Array<{ name?: string }> | undefined)?.map((g) => g.name ?? '') ?? [];
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])])
    if (s.state?.waiting)
      evidence.push(
        `container ${s.name} waiting: ${s.state.waiting.reason ?? ''}${s.state.waiting.message ? `: ${s.state.waiting.message}` : ''}`,
      );
  if (phase === 'Pending') {
    if (gates.length) evidence.push(`schedulingGates: ${gates.join(', ')}`);
    const age = ago(pod.metadata?.creationTimestamp, now);
    return {
      code: 'pod.pending',
      summary: gates.length
        ? `The pod is Pending: scheduling is blocked by gate ${gates.join(', ')}.`
        : `The pod is Pending${age ? ` (for ${age})` : ''} without an error the cluster reports.`,
      evidence,
      hints: gates.length
        ? [`Whatever added ${gates.join(', ')} (a quota or admission controller) removes it when the pod may run; check that controller.`]
        : [`Watch its events (kubectl describe pod ${ref(pod)}); images may still be pulling or volumes attaching.`],
    };
  }
  return {
    code: 'pod.unknown',
    summary:
      phase === 'Unknown'
        ? `The pod's state is Unknown: the kubelet on ${pod.spec?.nodeName ?? '?'} has not reported it.`
        : `The pod is ${phase} but not ready, and the cluster gives no reason kpods recognises.`,
    evidence,
    hints:
      phase === 'Unknown'
        ? [`Check node ${pod.spec?.nodeName ?? '?'} and its kubelet (kubectl describe node ${pod.spec?.nodeName ?? ''}).`]
        : [`Read kubectl describe pod ${ref(pod)} and the containers' logs.`],
  };
}

/** Diagnoses one pod: its findings, most severe first (none for a healthy pod). */
export function diagnosePod(input: DiagnoseInput): Finding[] {
  const { pod, now } = input;
  if (isHealthy(pod, now)) return [];
  const events = ofPod(input.events ?? [], pod);
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => f && out.push(f);
  push(stuckTerminating(pod, events, now));
  const ev = evicted(pod, events, now);
  if (ev) return [...out, ev];
  push(nodeLost(pod, events, now));
  push(unschedulable(pod, events, now));
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((s) => ({ s, init: false })),
  ];
  // On a lost node (or in phase Unknown) the container statuses are stale: they explain nothing.
  const lost = pod.status?.phase === 'Unknown' || out.some((f) => f.code === 'pod.node-lost' || f.code === 'pod.stuck-terminating');
  if (!lost) {
    for (const { s, init } of statuses) {
      const spec = specs.find((c) => c.name === s.name);
      const sidecar = init && spec?.restartPolicy === 'Always';
      out.push(
        ...containerFindings(s, {
          pod,
          ...(spec ? { spec } : {}),
          events,
          ...(input.logs?.[s.name ?? ''] ? { logs: input.logs[s.name ?? ''] } : {}),
          now,
          init: init && !sidecar,
        }),
      );
    }
  }
  const waitingToCreate = statuses.some(
    ({ s }) => s.state?.waiting?.reason === 'ContainerCreating' || s.state?.waiting?.reason === 'PodInitializing',
  );
  if (waitingToCreate || (pod.status?.phase === 'Pending' && pod.spec?.nodeName)) out.push(...creating(pod, events, now));
  if (out.length === 0) out.push(fallback(pod, now));
  for (const f of out) f.summary = f.summary.charAt(0).toUpperCase() + f.summary.slice(1);
  return out.sort((a, b) => severity(a.code) - severity(b.code));
}
