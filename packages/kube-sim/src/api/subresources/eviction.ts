/**
 * pods/eviction (policy/v1 Eviction): deletes the pod unless a PodDisruptionBudget forbids it,
 * in which case the answer is the real server's 429 with a DisruptionBudget cause. An allowed
 * eviction consumes one disruption (status.disruptionsAllowed, status.disruptedPods).
 */
import type { KubeObject } from '../../types.ts';
import {
  fromStructured,
  matchesLabels,
  type StructuredLabelSelector,
} from '../../selectors/label-selector.ts';
import { requireObject, type ApiDeps } from '../api-deps.ts';
import { ApiError, statusFailure, tooManyRequests } from '../errors.ts';
import { deleteObject, type DeleteOptions } from '../deletes.ts';
import { timestamp } from '../request-context.ts';
import type { SubresourceHandler } from '../resource-api.ts';
import type { WriteArgs } from '../writes.ts';
import { deepCopy } from '../../store/deep-copy.ts';

const PDB_KEY = 'policy/poddisruptionbudgets';
export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";

interface PdbStatus {
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
}

export function evictionHandler(deps: ApiDeps): SubresourceHandler {
  return {
    create: (kind, namespace, name, body, args) => {
      const pod = requireObject(deps, kind, namespace, name);
      const eviction = (body ?? {}) as { deleteOptions?: DeleteOptions };
      const budgets = deps.store.list(PDB_KEY, namespace).filter((pdb) => selects(pdb, pod));
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      const terminal = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending';
      if (budgets.length > 1 && !terminal) {
        throw new ApiError(
          statusFailure(
            500,
            'InternalError',
            'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
          ),
        );
      }
      const budget = budgets[0];
      if (budget !== undefined && !terminal) consumeDisruption(deps, budget, pod, args);
      deleteObject(deps, kind, namespace, name, eviction.deleteOptions ?? {}, args);
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
    },
  };
}

function selects(pdb: KubeObject, pod: KubeObject): boolean {
  const selector = (pdb.spec as { selector?: StructuredLabelSelector } | undefined)?.selector;
  if (selector === undefined) return false;
  return matchesLabels(fromStructured(selector), pod.metadata.labels);
}

function consumeDisruption(deps: ApiDeps, pdb: KubeObject, pod: KubeObject, args: WriteArgs): void {
  const status = (pdb.status ?? {}) as PdbStatus;
  const name = pdb.metadata.name ?? '';
  const processed = (status.observedGeneration ?? 0) >= (pdb.metadata.generation ?? 1);
  if (!processed || (status.disruptionsAllowed ?? 0) <= 0) {
    const message = processed
      ? `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`
      : `The disruption budget ${name} is still being processed by the server.`;
    throw tooManyRequests(VIOLATES_BUDGET, undefined, [{ reason: 'DisruptionBudget', message }]);
  }
  if (args.options.dryRun === true) return;
  const next = deepCopy(pdb);
  const nextStatus = (next.status ?? {}) as PdbStatus;
  nextStatus.disruptionsAllowed = (status.disruptionsAllowed ?? 0) - 1;
  nextStatus.disruptedPods = {
    ...(status.disruptedPods ?? {}),
    [pod.metadata.name ?? '']: timestamp(deps.clock.now()),
  };
  next.status = nextStatus;
  delete next.metadata.resourceVersion;
  deps.store.put(PDB_KEY, next);
}
