/**
 * The autoscaling/v1 Scale subresource for Deployments, ReplicaSets, StatefulSets and CRDs that
 * declare it: a view of spec.replicas / status.replicas / the selector, written back into the
 * parent object (its resourceVersion is the Scale's).
 */
import type { KubeObject } from '../../types.ts';
import type { ServedKind } from '../../registry/served-kind.ts';
import { UNKNOWN_PATCH_META } from '../../schema/patch-meta.ts';
import {
  formatLabelSelector,
  fromStructured,
  type StructuredLabelSelector,
} from '../../selectors/label-selector.ts';
import { refOf, requireObject, type ApiDeps } from '../api-deps.ts';
import { badRequest, invalid, resourceNotFound, staleResourceVersion } from '../errors.ts';
import { JSON_PATCH, MERGE_PATCH, type PatchType } from '../patches.ts';
import type { SubresourceHandler } from '../resource-api.ts';
import { commitUpdate, type WriteArgs } from '../writes.ts';
import { readPath, writePath } from './json-path.ts';
import { deepCopy } from '../../store/deep-copy.ts';

const SCALE_KIND = { group: 'autoscaling', kind: 'Scale' };

export function scaleOf(kind: ServedKind, object: KubeObject): KubeObject {
  const paths = kind.scale;
  if (paths === undefined) throw resourceNotFound();
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const metadata: KubeObject['metadata'] = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  Object.assign(metadata, { uid, resourceVersion, creationTimestamp });
  const specReplicas = Number(readPath(object, paths.specReplicasPath) ?? (kind.custom ? 0 : 1));
  const status: Record<string, unknown> = {
    replicas: Number(readPath(object, paths.statusReplicasPath) ?? 0),
  };
  if (paths.structuredSelectorPath !== undefined) {
    const selector = readPath(object, paths.structuredSelectorPath) as StructuredLabelSelector | undefined;
    if (selector !== undefined) status.selector = formatLabelSelector(fromStructured(selector));
  } else if (paths.labelSelectorPath !== undefined) {
    const selector = readPath(object, paths.labelSelectorPath);
    if (typeof selector === 'string') status.selector = selector;
  }
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata, spec: { replicas: specReplicas }, status };
}

function writeScale(
  deps: ApiDeps,
  kind: ServedKind,
  parent: KubeObject,
  scale: unknown,
  args: WriteArgs,
): KubeObject {
  if (scale === null || typeof scale !== 'object') throw badRequest('Scale body must be an object');
  const body = scale as { metadata?: { resourceVersion?: string }; spec?: { replicas?: unknown } };
  const name = parent.metadata.name ?? '';
  const replicas = body.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid(SCALE_KIND, name, [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
        field: 'spec.replicas',
      },
    ]);
  }
  const rv = body.metadata?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== parent.metadata.resourceVersion)
    throw staleResourceVersion(refOf(kind, name));
  const next = deepCopy(parent);
  writePath(next, (kind.scale ?? { specReplicasPath: '.spec.replicas' }).specReplicasPath, replicas);
  const updated = commitUpdate(deps, kind, parent, next, args, { subresource: 'scale' });
  return scaleOf(kind, updated);
}

export function scaleHandler(deps: ApiDeps): SubresourceHandler {
  return {
    get: (kind, namespace, name) => scaleOf(kind, requireObject(deps, kind, namespace, name)),
    update: (kind, namespace, name, body, args) =>
      writeScale(deps, kind, requireObject(deps, kind, namespace, name), body, args),
    patch: (kind, namespace, name, type: PatchType, patch, args) => {
      const parent = requireObject(deps, kind, namespace, name);
      const current = deepCopy(scaleOf(kind, parent));
      const engine = deps.modules.patch;
      const patched =
        type === JSON_PATCH
          ? engine.jsonPatch(current, patch)
          : type === MERGE_PATCH
            ? engine.mergePatch(current, patch)
            : engine.strategicMergePatch(current, patch, UNKNOWN_PATCH_META);
      return writeScale(deps, kind, parent, patched, args);
    },
  };
}
