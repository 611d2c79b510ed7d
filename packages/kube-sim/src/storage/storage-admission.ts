/**
 * The storage admission plugins of kube-apiserver:
 * - DefaultStorageClass: a claim created without storageClassName gets the default class (the
 *   newest one when several are marked default);
 * - StorageObjectInUseProtection: claims and volumes get their protection finalizers, so a
 *   claim in use by a pod (or a bound volume) is not removed underneath it;
 * - PersistentVolumeClaimResize: a bound claim may only grow when its class allows expansion.
 */
import type { KubeObject } from '../types.ts';
import type { AdmissionPlugin, AdmissionRequest } from '../api/admission.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { forbidden } from '../api/errors.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { compare, tryParseQuantity } from '../admission/quantity.ts';
import { BETA_CLASS_ANNOTATION, claimClass, isDefaultClass } from './storage-classes.ts';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

function isCore(request: AdmissionRequest, kind: string): boolean {
  return request.kind.group === '' && request.kind.kind === kind && request.subresource === undefined;
}

function requestedStorage(claim: KubeObject | undefined): string | undefined {
  return (claim?.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests
    ?.storage;
}

export function storageAdmissionPlugins(api: ResourceApi): AdmissionPlugin[] {
  const classKind = api.kind('storage.k8s.io', 'v1', 'storageclasses');
  const defaultClass = (): KubeObject | undefined =>
    api
      .list(classKind, undefined, defaultListOptions())
      .items.filter(isDefaultClass)
      .sort((a, b) =>
        (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
      )[0];
  return [
    {
      name: 'DefaultStorageClass',
      mutate(request) {
        if (
          !isCore(request, 'PersistentVolumeClaim') ||
          request.operation !== 'CREATE' ||
          request.object === undefined
        )
          return;
        const spec = (request.object.spec ??= {}) as { storageClassName?: string };
        if (
          spec.storageClassName !== undefined ||
          request.object.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined
        )
          return;
        const chosen = defaultClass();
        if (chosen !== undefined) spec.storageClassName = chosen.metadata.name ?? '';
      },
    },
    {
      name: 'StorageObjectInUseProtection',
      mutate(request) {
        if (request.operation !== 'CREATE' || request.object === undefined) return;
        const finalizer = isCore(request, 'PersistentVolumeClaim')
          ? PVC_PROTECTION
          : isCore(request, 'PersistentVolume')
            ? PV_PROTECTION
            : undefined;
        if (finalizer === undefined) return;
        const finalizers = request.object.metadata.finalizers ?? [];
        if (!finalizers.includes(finalizer)) request.object.metadata.finalizers = [...finalizers, finalizer];
      },
    },
    {
      name: 'PersistentVolumeClaimResize',
      validate(request) {
        if (!isCore(request, 'PersistentVolumeClaim') || request.operation !== 'UPDATE') return;
        const before = tryParseQuantity(requestedStorage(request.oldObject));
        const after = tryParseQuantity(requestedStorage(request.object));
        if (before === undefined || after === undefined || compare(after, before) <= 0) return;
        const old = request.oldObject as KubeObject;
        const bound = ((old.status ?? {}) as { phase?: string }).phase === 'Bound';
        const storageClass = api.deps.store.get(classKind.storageKey, '', claimClass(old));
        if (!bound || storageClass?.allowVolumeExpansion !== true) {
          throw forbidden(
            `persistentvolumeclaims "${request.name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`,
            { group: '', resource: 'persistentvolumeclaims', name: request.name },
          );
        }
      },
    },
  ];
}
