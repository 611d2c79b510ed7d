/**
 * pods/binding: what a scheduler calls to place a pod. Sets spec.nodeName and the PodScheduled
 * condition; a pod that already has a node is a 409 like on the real server.
 */
import { refOf, requireObject, type ApiDeps } from '../api-deps.ts';
import { badRequest, conflict } from '../errors.ts';
import { timestamp } from '../request-context.ts';
import type { SubresourceHandler } from '../resource-api.ts';

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
      const next = structuredClone(pod);
      (next.spec as Record<string, unknown>).nodeName = node;
      const status = (next.status ?? {}) as { conditions?: PodCondition[] };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: timestamp(deps.clock.now()),
      });
      status.conditions = conditions;
      next.status = status;
      // Binding is a storage operation of its own: pod spec validation (nodeName is immutable
      // through updates) does not apply.
      if (args.options.dryRun !== true) {
        delete next.metadata.resourceVersion;
        deps.store.put(kind.storageKey, next);
      }
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
    },
  };
}
