/**
 * The protobuf messages kube-sim decodes and which message each apiVersion/kind carries. Only
 * what kubectl's typed clients send (create <kind>, auth can-i/whoami, create token, drain) is
 * covered; a non-empty field missing from these tables makes the body a 415, never a silent loss.
 */
import type { Message } from './field-spec.ts';
import { META_MESSAGES } from './messages-meta.ts';
import { CORE_MESSAGES } from './messages-core.ts';
import { GROUP_MESSAGES } from './messages-groups.ts';

export const MESSAGES: Record<string, Message> = { ...META_MESSAGES, ...CORE_MESSAGES, ...GROUP_MESSAGES };

export const KIND_MESSAGES: Record<string, string> = {
  'v1/Namespace': 'Namespace',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/Service': 'Service',
  'v1/ResourceQuota': 'ResourceQuota',
  'apps/v1/Deployment': 'apps/Deployment',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling/HorizontalPodAutoscaler',
  'batch/v1/Job': 'batch/Job',
  'batch/v1/CronJob': 'batch/CronJob',
  'policy/v1/PodDisruptionBudget': 'policy/PodDisruptionBudget',
  'policy/v1/Eviction': 'policy/Eviction',
  'networking.k8s.io/v1/Ingress': 'networking/Ingress',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'rbac/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'rbac/RoleBinding',
  'rbac.authorization.k8s.io/v1/Role': 'rbac/Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'rbac/Role',
  'authentication.k8s.io/v1/TokenRequest': 'authentication/TokenRequest',
  'authentication.k8s.io/v1/SelfSubjectReview': 'authentication/SelfSubjectReview',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'authorization/SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'authorization/SelfSubjectRulesReview',
};
