/**
 * pods/binding: what a scheduler calls to place a pod. Sets spec.nodeName and the PodScheduled
 * condition; a pod that already has a node is a 409 like on the real server.
 */
import { refOf, requireObject, type ApiDeps } from '../api-deps.ts';
import { badRequest, conflict } from '../errors.ts';
import { timestamp } from '../request-context.ts';
import type { SubresourceHandler } from '../resource-api.ts';
import type { KubeObject } from '../../types.ts';
import { withoutKey } from '../../store/without-key.ts';

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export function bindingHandler(deps: ApiDeps): SubresourceHandler {
  return {
    create: (kind, namespace, name, body, args) => {
      const binding = (body ?? {}) as { target?: { kind?: string; name?: string } };
      const node = binding.target?.name;
      if (node === undefined || node === '') throw badRequest('Binding target name is required');
      const pod = requireObject(deps, kind, namespace, name);
      const current = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      if (current)
        throw conflict(
          refOf(kind, name),
          `pod ${name} is already assigned to node ${JSON.stringify(current)}`,
        );
      if (pod.metadata.deletionTimestamp !== undefined) {
        throw conflict(refOf(kind, name), `pod ${name} is being deleted, cannot be assigned to a host`);
      }
      // Only spec.nodeName and the conditions change: the rest stays shared with the frozen pod
      // (what a deep copy of it would have held, without copying it).
      const spec = { ...(pod.spec as Record<string, unknown>), nodeName: node };
      const before = (pod.status ?? {}) as { conditions?: PodCondition[] };
      const conditions = (before.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: timestamp(deps.clock.now()),
      });
      const next: KubeObject = {
        ...pod,
        metadata: withoutKey(pod.metadata, 'resourceVersion'),
        spec,
        status: { ...before, conditions },
      };
      // Binding is a storage operation of its own: pod spec validation (nodeName is immutable
      // through updates) does not apply.
      if (args.options.dryRun !== true) deps.store.put(kind.storageKey, next);
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
    },
  };
}
