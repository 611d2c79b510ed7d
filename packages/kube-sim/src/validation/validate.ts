/**
 * Entry points the API server core calls after defaulting: validateCreate for a new object,
 * validateUpdate for a replacement of `old`. Both return the causes of a 422 (see status.ts);
 * an empty list means the object is accepted. Kinds without specific rules get the metadata
 * checks only.
 */
import type { ResourceKind } from '../registry/builtin-kinds.ts';
import type { KubeObject, StatusCause } from '../types.ts';
import {
  validateCustomResourceDefinition,
  validateHorizontalPodAutoscaler,
  validateIngress,
  validatePodDisruptionBudget,
  validateRole,
  validateRoleBinding,
} from './api-validation.ts';
import {
  validateConfigMap,
  validateNamespace,
  validatePersistentVolumeClaim,
  validatePod,
  validateSecret,
  validateService,
} from './core-validation.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import {
  selectorUnchanged,
  validateCustomResourceDefinitionUpdate,
  validateImmutableData,
  validateJobUpdate,
  validatePersistentVolumeClaimUpdate,
  validatePodUpdate,
  validateRoleBindingUpdate,
  validateSecretUpdate,
  validateServiceUpdate,
  validateStatefulSetUpdate,
} from './update-validation.ts';
import {
  validateCronJob,
  validateDaemonSet,
  validateDeployment,
  validateJob,
  validateReplicaSet,
  validateStatefulSet,
} from './workload-validation.ts';

type Kind = Pick<ResourceKind, 'group' | 'kind'> & Partial<Pick<ResourceKind, 'namespaced'>>;
type SpecRule = (obj: KubeObject) => StatusCause[];
type UpdateRule = (obj: KubeObject, old: KubeObject) => StatusCause[];

const RBAC = 'rbac.authorization.k8s.io';

const SPEC_RULES: Record<string, SpecRule> = {
  '/Pod': validatePod,
  '/Service': validateService,
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  '/Namespace': validateNamespace,
  '/PersistentVolumeClaim': validatePersistentVolumeClaim,
  'apps/Deployment': validateDeployment,
  'apps/ReplicaSet': validateReplicaSet,
  'apps/StatefulSet': validateStatefulSet,
  'apps/DaemonSet': validateDaemonSet,
  'batch/Job': validateJob,
  'batch/CronJob': validateCronJob,
  'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscaler,
  'networking.k8s.io/Ingress': validateIngress,
  'policy/PodDisruptionBudget': validatePodDisruptionBudget,
  [`${RBAC}/Role`]: validateRole,
  [`${RBAC}/ClusterRole`]: validateRole,
  [`${RBAC}/RoleBinding`]: (obj) => validateRoleBinding(obj, false),
  [`${RBAC}/ClusterRoleBinding`]: (obj) => validateRoleBinding(obj, true),
  'apiextensions.k8s.io/CustomResourceDefinition': validateCustomResourceDefinition,
};

const UPDATE_RULES: Record<string, UpdateRule> = {
  '/Pod': validatePodUpdate,
  '/Service': validateServiceUpdate,
  '/ConfigMap': validateImmutableData,
  '/Secret': validateSecretUpdate,
  '/PersistentVolumeClaim': validatePersistentVolumeClaimUpdate,
  'apps/Deployment': (obj, old) => selectorUnchanged(obj, old),
  'apps/ReplicaSet': (obj, old) => selectorUnchanged(obj, old),
  'apps/DaemonSet': (obj, old) => selectorUnchanged(obj, old),
  'apps/StatefulSet': validateStatefulSetUpdate,
  'batch/Job': validateJobUpdate,
  [`${RBAC}/RoleBinding`]: validateRoleBindingUpdate,
  [`${RBAC}/ClusterRoleBinding`]: validateRoleBindingUpdate,
  'apiextensions.k8s.io/CustomResourceDefinition': validateCustomResourceDefinitionUpdate,
};

const key = (kind: Kind) => `${kind.group}/${kind.kind}`;

export function validateCreate(kind: Kind, obj: KubeObject): StatusCause[] {
  return [...validateObjectMeta(kind, obj.metadata), ...(SPEC_RULES[key(kind)]?.(obj) ?? [])];
}

export function validateUpdate(kind: Kind, obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes = validateObjectMetaUpdate(obj, old);
  causes.push(
    ...validateObjectMeta(kind, obj.metadata).filter(
      (c) => c.field !== 'metadata.name' || !obj.metadata.name,
    ),
  );
  causes.push(...(SPEC_RULES[key(kind)]?.(obj) ?? []));
  causes.push(...(UPDATE_RULES[key(kind)]?.(obj, old) ?? []));
  return causes;
}
