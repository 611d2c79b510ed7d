/** meta/v1 messages shared by every kind (field numbers from apimachinery's generated.proto). */
import { f, list, m, type Message } from './field-spec.ts';

export const META_MESSAGES: Record<string, Message> = {
  ObjectMeta: {
    1: f('name', 'string'),
    2: f('generateName', 'string'),
    3: f('namespace', 'string'),
    5: f('uid', 'string'),
    6: f('resourceVersion', 'string'),
    7: f('generation', 'int'),
    8: f('creationTimestamp', 'time'),
    9: f('deletionTimestamp', 'time'),
    10: f('deletionGracePeriodSeconds', 'int?'),
    11: f('labels', 'stringMap'),
    12: f('annotations', 'stringMap'),
    13: list('ownerReferences', 'OwnerReference'),
    14: f('finalizers', 'string', true),
  },
  OwnerReference: {
    1: f('kind', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
    5: f('apiVersion', 'string'),
    6: f('controller', 'bool?'),
    7: f('blockOwnerDeletion', 'bool?'),
  },
  LabelSelector: {
    1: f('matchLabels', 'stringMap'),
    2: list('matchExpressions', 'LabelSelectorRequirement'),
  },
  LabelSelectorRequirement: {
    1: f('key', 'string'),
    2: f('operator', 'string'),
    3: f('values', 'string', true),
  },
  DeleteOptions: {
    1: f('gracePeriodSeconds', 'int?'),
    2: f('preconditions', m('Preconditions')),
    3: f('orphanDependents', 'bool?'),
    4: f('propagationPolicy', 'string?'),
    5: f('dryRun', 'string', true),
  },
  Preconditions: { 1: f('uid', 'string?'), 2: f('resourceVersion', 'string?') },
};
