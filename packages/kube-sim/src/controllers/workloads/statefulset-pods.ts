/**
 * The stable identity of a StatefulSet's pods: `<set>-<ordinal>`, hostname = pod name,
 * subdomain = serviceName, the pod-name and pod-index labels, and one PersistentVolumeClaim per
 * volumeClaimTemplate named `<claim>-<set>-<ordinal>` mounted under the template's name.
 */
import type { KubeObject } from '../../types.ts';
import { podFromTemplate, templateOf } from './pod-control.ts';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

interface StatefulSetSpec {
  serviceName?: string;
  replicas?: number;
  podManagementPolicy?: string;
  volumeClaimTemplates?: KubeObject[];
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: unknown } };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  selector?: { matchLabels?: Record<string, string> };
}

export function setSpec(set: KubeObject): StatefulSetSpec {
  return (set.spec ?? {}) as StatefulSetSpec;
}

export function startOrdinal(set: KubeObject): number {
  return setSpec(set).ordinals?.start ?? 0;
}

/** The ordinal of a pod of this set, or -1 when its name is not `<set>-<n>`. */
export function ordinalOf(set: KubeObject, pod: KubeObject): number {
  const match = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (match === null || match[1] !== set.metadata.name) return -1;
  return Number(match[2]);
}

export function podRevision(pod: KubeObject): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}

export function claimName(claimTemplate: KubeObject, set: KubeObject, ordinal: number): string {
  return `${claimTemplate.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** A pod of `set` (whose template is the revision's) for an ordinal, labelled with the revision. */
export function newStatefulSetPod(set: KubeObject, ordinal: number, revisionName: string): KubeObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(templateOf(set), set, { name });
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [REVISION_LABEL]: revisionName,
  };
  const spec = pod.spec as Record<string, unknown>;
  spec.hostname = name;
  const serviceName = setSpec(set).serviceName;
  if (serviceName) spec.subdomain = serviceName;
  const claims = setSpec(set).volumeClaimTemplates ?? [];
  if (claims.length > 0) {
    const claimVolumes = claims.map((claim) => ({
      name: claim.metadata.name ?? '',
      persistentVolumeClaim: { claimName: claimName(claim, set, ordinal) },
    }));
    const names = new Set(claimVolumes.map((v) => v.name));
    const others = ((spec.volumes as Array<{ name: string }> | undefined) ?? []).filter(
      (v) => !names.has(v.name),
    );
    spec.volumes = [...claimVolumes, ...others];
  }
  return pod;
}

/** The pod's labels say who it is; true when they are right. */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const ordinal = ordinalOf(set, pod);
  const labels = pod.metadata.labels ?? {};
  return (
    ordinal >= 0 &&
    labels[POD_NAME_LABEL] === pod.metadata.name &&
    labels[POD_INDEX_LABEL] === String(ordinal)
  );
}

/** The pod with its identity labels restored (the spec of a running pod cannot change). */
export function withIdentity(set: KubeObject, pod: KubeObject): KubeObject {
  const copy = structuredClone(pod);
  copy.metadata.labels = {
    ...copy.metadata.labels,
    [POD_NAME_LABEL]: pod.metadata.name ?? '',
    [POD_INDEX_LABEL]: String(ordinalOf(set, pod)),
  };
  return copy;
}

/** The claims a pod of the set needs, labelled with the set's selector labels. */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  const selectorLabels = setSpec(set).selector?.matchLabels ?? {};
  return (setSpec(set).volumeClaimTemplates ?? []).map((template) => {
    const claim = structuredClone(template);
    delete claim.status;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = {
      ...claim.metadata,
      name: claimName(template, set, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...claim.metadata.labels, ...selectorLabels },
    };
    delete claim.metadata.creationTimestamp;
    return claim;
  });
}
