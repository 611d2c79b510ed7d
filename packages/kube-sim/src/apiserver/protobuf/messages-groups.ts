/**
 * Messages of the named API groups kubectl's typed clients send (field numbers from each
 * group's generated.proto): apps, batch, policy, networking, rbac, authentication,
 * authorization.
 */
import { f, inline, list, m, type Message } from './field-spec.ts';

const meta = f('metadata', m('ObjectMeta'));

export const GROUP_MESSAGES: Record<string, Message> = {
  'apps/Deployment': { 1: meta, 2: f('spec', m('apps/DeploymentSpec')) },
  'apps/DeploymentSpec': {
    1: f('replicas', 'int?'),
    2: f('selector', m('LabelSelector')),
    3: f('template', m('PodTemplateSpec')),
    4: f('strategy', m('apps/DeploymentStrategy')),
    5: f('minReadySeconds', 'int'),
    6: f('revisionHistoryLimit', 'int?'),
    7: f('paused', 'bool'),
    9: f('progressDeadlineSeconds', 'int?'),
  },
  'apps/DeploymentStrategy': {
    1: f('type', 'string'),
    2: f('rollingUpdate', m('apps/RollingUpdateDeployment')),
  },
  'apps/RollingUpdateDeployment': { 1: f('maxUnavailable', 'intOrString'), 2: f('maxSurge', 'intOrString') },
  // autoscaling/v2, as `kubectl autoscale` sends it (Quantity targets are not decoded: 415).
  'autoscaling/HorizontalPodAutoscaler': {
    1: meta,
    2: f('spec', m('autoscaling/HorizontalPodAutoscalerSpec')),
  },
  'autoscaling/HorizontalPodAutoscalerSpec': {
    1: f('scaleTargetRef', m('autoscaling/CrossVersionObjectReference')),
    2: f('minReplicas', 'int?'),
    3: f('maxReplicas', 'int'),
    4: list('metrics', 'autoscaling/MetricSpec'),
  },
  'autoscaling/CrossVersionObjectReference': {
    1: f('kind', 'string'),
    2: f('name', 'string'),
    3: f('apiVersion', 'string'),
  },
  'autoscaling/MetricSpec': {
    1: f('type', 'string'),
    4: f('resource', m('autoscaling/ResourceMetricSource')),
  },
  'autoscaling/ResourceMetricSource': {
    1: f('name', 'string'),
    2: f('target', m('autoscaling/MetricTarget')),
  },
  'autoscaling/MetricTarget': { 1: f('type', 'string'), 4: f('averageUtilization', 'int?') },
  'batch/Job': { 1: meta, 2: f('spec', m('batch/JobSpec')) },
  'batch/JobSpec': {
    1: f('parallelism', 'int?'),
    2: f('completions', 'int?'),
    3: f('activeDeadlineSeconds', 'int?'),
    4: f('selector', m('LabelSelector')),
    5: f('manualSelector', 'bool?'),
    6: f('template', m('PodTemplateSpec')),
    7: f('backoffLimit', 'int?'),
    8: f('ttlSecondsAfterFinished', 'int?'),
    9: f('completionMode', 'string?'),
    10: f('suspend', 'bool?'),
  },
  'batch/CronJob': { 1: meta, 2: f('spec', m('batch/CronJobSpec')) },
  'batch/CronJobSpec': {
    1: f('schedule', 'string'),
    2: f('startingDeadlineSeconds', 'int?'),
    3: f('concurrencyPolicy', 'string'),
    4: f('suspend', 'bool?'),
    5: f('jobTemplate', m('batch/JobTemplateSpec')),
    6: f('successfulJobsHistoryLimit', 'int?'),
    7: f('failedJobsHistoryLimit', 'int?'),
    8: f('timeZone', 'string?'),
  },
  'batch/JobTemplateSpec': { 1: meta, 2: f('spec', m('batch/JobSpec')) },
  'policy/PodDisruptionBudget': { 1: meta, 2: f('spec', m('policy/PodDisruptionBudgetSpec')) },
  'policy/PodDisruptionBudgetSpec': {
    1: f('minAvailable', 'intOrString'),
    2: f('selector', m('LabelSelector')),
    3: f('maxUnavailable', 'intOrString'),
    4: f('unhealthyPodEvictionPolicy', 'string?'),
  },
  'policy/Eviction': { 1: meta, 2: f('deleteOptions', m('DeleteOptions')) },
  'networking/Ingress': { 1: meta, 2: f('spec', m('networking/IngressSpec')) },
  'networking/IngressSpec': {
    1: f('defaultBackend', m('networking/IngressBackend')),
    2: list('tls', 'networking/IngressTLS'),
    3: list('rules', 'networking/IngressRule'),
    4: f('ingressClassName', 'string?'),
  },
  'networking/IngressTLS': { 1: f('hosts', 'string', true), 2: f('secretName', 'string') },
  'networking/IngressRule': { 1: f('host', 'string'), 2: inline('networking/IngressRuleValue') },
  'networking/IngressRuleValue': { 1: f('http', m('networking/HTTPIngressRuleValue')) },
  'networking/HTTPIngressRuleValue': { 1: list('paths', 'networking/HTTPIngressPath') },
  'networking/HTTPIngressPath': {
    1: f('path', 'string'),
    2: f('backend', m('networking/IngressBackend')),
    3: f('pathType', 'string?'),
  },
  'networking/IngressBackend': { 4: f('service', m('networking/IngressServiceBackend')) },
  'networking/IngressServiceBackend': {
    1: f('name', 'string'),
    2: f('port', m('networking/ServiceBackendPort')),
  },
  'networking/ServiceBackendPort': { 1: f('name', 'string'), 2: f('number', 'int') },
  'rbac/RoleBinding': { 1: meta, 2: list('subjects', 'rbac/Subject'), 3: f('roleRef', m('rbac/RoleRef')) },
  'rbac/Subject': {
    1: f('kind', 'string'),
    2: f('apiGroup', 'string'),
    3: f('name', 'string'),
    4: f('namespace', 'string'),
  },
  'rbac/RoleRef': { 1: f('apiGroup', 'string'), 2: f('kind', 'string'), 3: f('name', 'string') },
  'rbac/Role': { 1: meta, 2: list('rules', 'rbac/PolicyRule') },
  'rbac/PolicyRule': {
    1: f('verbs', 'string', true),
    2: f('apiGroups', 'string', true),
    3: f('resources', 'string', true),
    4: f('resourceNames', 'string', true),
    5: f('nonResourceURLs', 'string', true),
  },
  'authentication/TokenRequest': { 1: meta, 2: f('spec', m('authentication/TokenRequestSpec')) },
  'authentication/TokenRequestSpec': {
    1: f('audiences', 'string', true),
    3: f('boundObjectRef', m('authentication/BoundObjectReference')),
    4: f('expirationSeconds', 'int?'),
  },
  'authentication/BoundObjectReference': {
    1: f('kind', 'string'),
    2: f('apiVersion', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
  },
  'authentication/SelfSubjectReview': { 1: meta },
  'authorization/SelfSubjectAccessReview': {
    1: meta,
    2: f('spec', m('authorization/SelfSubjectAccessReviewSpec')),
  },
  'authorization/SelfSubjectAccessReviewSpec': {
    1: f('resourceAttributes', m('authorization/ResourceAttributes')),
    2: f('nonResourceAttributes', m('authorization/NonResourceAttributes')),
  },
  'authorization/ResourceAttributes': {
    1: f('namespace', 'string'),
    2: f('verb', 'string'),
    3: f('group', 'string'),
    4: f('version', 'string'),
    5: f('resource', 'string'),
    6: f('subresource', 'string'),
    7: f('name', 'string'),
  },
  'authorization/NonResourceAttributes': { 1: f('path', 'string'), 2: f('verb', 'string') },
  'authorization/SelfSubjectRulesReview': {
    1: meta,
    2: f('spec', m('authorization/SelfSubjectRulesReviewSpec')),
  },
  'authorization/SelfSubjectRulesReviewSpec': { 1: f('namespace', 'string') },
};
