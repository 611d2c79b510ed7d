/** The cluster's default StorageClass and how claims find their class. */
import type { KubeObject } from '../types.ts';

export const PROVISIONER = 'sim.atrium.dev/hostpath';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** `standard`, like kind's local-path class: dynamic, bound at once, expandable. */
export function standardStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'standard',
      annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
      labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
    },
    provisioner: PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  };
}

export function isDefaultClass(storageClass: KubeObject): boolean {
  const value = storageClass.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION];
  return (
    value === 'true' ||
    storageClass.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/** The class a claim asks for ('' for none). */
export function claimClass(claim: KubeObject): string {
  const spec = (claim.spec ?? {}) as { storageClassName?: string };
  return spec.storageClassName ?? claim.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? '';
}
