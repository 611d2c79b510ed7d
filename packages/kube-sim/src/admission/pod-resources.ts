/**
 * A pod's aggregate requests and limits (component-helpers PodRequests/PodLimits): the sum of
 * the app containers and sidecars (restartable init containers), or the largest regular init
 * container plus the sidecars started before it, whichever is larger, plus the pod overhead.
 */
import type { KubeObject } from '../types.ts';
import { compare } from './quantity.ts';
import { addLists, toResourceList, type ResourceList } from './resource-list.ts';

interface ContainerSpec {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: unknown; limits?: unknown };
}

export interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  overhead?: unknown;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
}

export function podSpec(pod: KubeObject): PodSpec {
  return (pod.spec ?? {}) as PodSpec;
}

function maxLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [name, q] of b) {
    const existing = out.get(name);
    if (existing === undefined || compare(q, existing) > 0) out.set(name, q);
  }
  return out;
}

function aggregate(pod: KubeObject, field: 'requests' | 'limits'): ResourceList {
  const spec = podSpec(pod);
  let sum: ResourceList = new Map();
  for (const container of spec.containers ?? [])
    sum = addLists(sum, toResourceList(container.resources?.[field]));
  let sidecars: ResourceList = new Map();
  let initMax: ResourceList = new Map();
  for (const init of spec.initContainers ?? []) {
    const own = toResourceList(init.resources?.[field]);
    if (init.restartPolicy === 'Always') {
      sum = addLists(sum, own);
      sidecars = addLists(sidecars, own);
      initMax = maxLists(initMax, sidecars);
    } else {
      initMax = maxLists(initMax, addLists(sidecars, own));
    }
  }
  const result = maxLists(sum, initMax);
  return addLists(result, toResourceList(spec.overhead));
}

export function podRequests(pod: KubeObject): ResourceList {
  return aggregate(pod, 'requests');
}

export function podLimits(pod: KubeObject): ResourceList {
  return aggregate(pod, 'limits');
}

/** Terminal pods (and pods whose deletion grace period is over) stop counting against quota. */
export function podIsTerminal(pod: KubeObject, now: Date): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  // A pod stuck terminating (a lost node) stops counting once its grace period has passed again.
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (deletion === undefined || grace === undefined) return false;
  return now.getTime() > new Date(deletion).getTime() + grace * 1000;
}
