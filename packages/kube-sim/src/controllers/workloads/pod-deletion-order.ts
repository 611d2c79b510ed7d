/**
 * Which pods a ReplicaSet removes first when it has too many (controller.ActivePodsWithRanks,
 * with logarithmic scale-down): unscheduled before scheduled, Pending before Unknown before
 * Running, not ready before ready, lower pod-deletion-cost first, pods doubled up on a node
 * with more of their siblings first, then the most recently ready, the most restarted, and the
 * newest — ages compared on a log2 scale, so pods of similar age fall back to uid order.
 */
import type { KubeObject } from '../../types.ts';
import {
  creationTime,
  isActive,
  isReady,
  maxRestartCount,
  nodeNameOf,
  podPhase,
  readySince,
} from './pods.ts';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

interface Ranked {
  pod: KubeObject;
  rank: number;
}

function deletionCost(pod: KubeObject): number {
  const value = Number(pod.metadata.annotations?.[DELETION_COST] ?? 0);
  return Number.isInteger(value) ? value : 0;
}

/** Negative when t1 is in a younger log2 age bucket than t2 (ages in nanoseconds, as in Go). */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const ageNs = (now - t) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Newer first on the log scale; zero when in the same bucket. */
function compareAge(a: number, b: number, now: number): number {
  if (a === b) return 0;
  if (a === 0 || b === 0) return a === 0 ? -1 : 1;
  return logarithmicRankDiff(a, b, now);
}

function compare(a: Ranked, b: Ranked, now: number): number {
  const nodeA = nodeNameOf(a.pod);
  const nodeB = nodeNameOf(b.pod);
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const phaseA = PHASE_ORDER[podPhase(a.pod)] ?? 0;
  const phaseB = PHASE_ORDER[podPhase(b.pod)] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isReady(a.pod);
  if (readyA !== isReady(b.pod)) return readyA ? 1 : -1;
  const costDiff = deletionCost(a.pod) - deletionCost(b.pod);
  if (costDiff !== 0) return costDiff;
  if (a.rank !== b.rank) return b.rank - a.rank;
  const uidOrder = () => ((a.pod.metadata.uid ?? '') < (b.pod.metadata.uid ?? '') ? -1 : 1);
  if (readyA) {
    const diff = compareAge(readySince(a.pod) ?? 0, readySince(b.pod) ?? 0, now);
    if (diff !== 0) return diff;
    if ((readySince(a.pod) ?? 0) !== (readySince(b.pod) ?? 0)) return uidOrder();
  }
  const restarts = maxRestartCount(b.pod) - maxRestartCount(a.pod);
  if (restarts !== 0) return restarts;
  const createdA = creationTime(a.pod);
  const createdB = creationTime(b.pod);
  if (createdA !== createdB) {
    const diff = compareAge(createdA, createdB, now);
    return diff !== 0 ? diff : uidOrder();
  }
  return 0;
}

/**
 * The `count` pods to delete first. `related` are the active pods of the owner's siblings too
 * (all ReplicaSets of a Deployment), which decide how doubled-up a node is.
 */
export function podsToDelete(
  candidates: KubeObject[],
  related: KubeObject[],
  count: number,
  now: number,
): KubeObject[] {
  if (count >= candidates.length) return candidates.slice(0, count);
  const perNode = new Map<string, number>();
  for (const pod of related) {
    if (!isActive(pod)) continue;
    const node = nodeNameOf(pod);
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const ranked = candidates.map((pod) => ({ pod, rank: perNode.get(nodeNameOf(pod)) ?? 0 }));
  ranked.sort((a, b) => compare(a, b, now));
  return ranked.slice(0, count).map((r) => r.pod);
}
