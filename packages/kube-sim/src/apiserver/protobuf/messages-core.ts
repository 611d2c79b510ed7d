/**
 * core/v1 messages kubectl's typed clients send (field numbers from k8s.io/api core/v1
 * generated.proto): namespaces, config maps, secrets, service accounts, services, quotas, and
 * the pod template that workload `kubectl create` commands fill in.
 */
import { f, list, m, type Message } from './field-spec.ts';

const meta = f('metadata', m('ObjectMeta'));

export const CORE_MESSAGES: Record<string, Message> = {
  Namespace: { 1: meta, 2: f('spec', m('NamespaceSpec')) },
  NamespaceSpec: { 1: f('finalizers', 'string', true) },
  ConfigMap: {
    1: meta,
    2: f('data', 'stringMap'),
    3: f('binaryData', 'bytesMap'),
    4: f('immutable', 'bool?'),
  },
  Secret: {
    1: meta,
    2: f('data', 'bytesMap'),
    3: f('type', 'string'),
    4: f('stringData', 'stringMap'),
    5: f('immutable', 'bool?'),
  },
  ServiceAccount: {
    1: meta,
    2: list('secrets', 'ObjectReference'),
    3: list('imagePullSecrets', 'LocalObjectReference'),
    4: f('automountServiceAccountToken', 'bool?'),
  },
  ObjectReference: {
    1: f('kind', 'string'),
    2: f('namespace', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
  },
  LocalObjectReference: { 1: f('name', 'string') },
  Service: { 1: meta, 2: f('spec', m('ServiceSpec')) },
  ServiceSpec: {
    1: list('ports', 'ServicePort'),
    2: f('selector', 'stringMap'),
    3: f('clusterIP', 'string'),
    4: f('type', 'string'),
    5: f('externalIPs', 'string', true),
    7: f('sessionAffinity', 'string'),
    8: f('loadBalancerIP', 'string'),
    10: f('externalName', 'string'),
    11: f('externalTrafficPolicy', 'string'),
    18: f('clusterIPs', 'string', true),
  },
  ServicePort: {
    1: f('name', 'string'),
    2: f('protocol', 'string'),
    3: f('port', 'int'),
    4: f('targetPort', 'intOrString'),
    5: f('nodePort', 'int'),
    6: f('appProtocol', 'string?'),
  },
  ResourceQuota: { 1: meta, 2: f('spec', m('ResourceQuotaSpec')) },
  ResourceQuotaSpec: { 1: f('hard', 'quantityMap'), 2: f('scopes', 'string', true) },
  PodTemplateSpec: { 1: meta, 2: f('spec', m('PodSpec')) },
  PodSpec: {
    2: list('containers', 'Container'),
    3: f('restartPolicy', 'string'),
    4: f('terminationGracePeriodSeconds', 'int?'),
    6: f('dnsPolicy', 'string'),
    7: f('nodeSelector', 'stringMap'),
    8: f('serviceAccountName', 'string'),
    10: f('nodeName', 'string'),
    19: f('schedulerName', 'string'),
    20: list('initContainers', 'Container'),
  },
  Container: {
    1: f('name', 'string'),
    2: f('image', 'string'),
    3: f('command', 'string', true),
    4: f('args', 'string', true),
    5: f('workingDir', 'string'),
    6: list('ports', 'ContainerPort'),
    7: list('env', 'EnvVar'),
    8: f('resources', m('ResourceRequirements')),
    13: f('terminationMessagePath', 'string'),
    14: f('imagePullPolicy', 'string'),
    16: f('stdin', 'bool'),
    17: f('stdinOnce', 'bool'),
    18: f('tty', 'bool'),
    20: f('terminationMessagePolicy', 'string'),
  },
  ContainerPort: {
    1: f('name', 'string'),
    2: f('hostPort', 'int'),
    3: f('containerPort', 'int'),
    4: f('protocol', 'string'),
    5: f('hostIP', 'string'),
  },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string') },
  ResourceRequirements: { 1: f('limits', 'quantityMap'), 2: f('requests', 'quantityMap') },
};
