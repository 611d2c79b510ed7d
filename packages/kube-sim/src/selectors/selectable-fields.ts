/**
 * The fields each kind lets clients select on, as registered by the real server's
 * field-label conversion functions. Every kind has metadata.name; namespaced kinds also
 * metadata.namespace.
 */
import type { KubeObject } from '../types.ts';
import type { FieldGetter } from './field-selector.ts';

function path(...segments: string[]): FieldGetter {
  return (object) => {
    let value: unknown = object;
    for (const segment of segments) {
      if (value === null || typeof value !== 'object') return '';
      value = (value as Record<string, unknown>)[segment];
    }
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
}

function withDefault(getter: FieldGetter, fallback: string): FieldGetter {
  return (object) => {
    const value = getter(object);
    return value === '' ? fallback : value;
  };
}

const EVENT_FIELDS: Record<string, FieldGetter> = {
  'involvedObject.kind': path('involvedObject', 'kind'),
  'involvedObject.namespace': path('involvedObject', 'namespace'),
  'involvedObject.name': path('involvedObject', 'name'),
  'involvedObject.uid': path('involvedObject', 'uid'),
  'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
  reason: path('reason'),
  reportingComponent: path('reportingComponent'),
  source: path('source', 'component'),
  type: path('type'),
};

const KIND_FIELDS: Record<string, Record<string, FieldGetter>> = {
  '/pods': {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': withDefault(path('spec', 'hostNetwork'), 'false'),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  '/events': EVENT_FIELDS,
  'events.k8s.io/events': {
    reason: path('reason'),
    reportingController: path('reportingController'),
    type: path('type'),
    'regarding.kind': path('regarding', 'kind'),
    'regarding.namespace': path('regarding', 'namespace'),
    'regarding.name': path('regarding', 'name'),
    'regarding.uid': path('regarding', 'uid'),
  },
  '/secrets': { type: path('type') },
  '/nodes': { 'spec.unschedulable': withDefault(path('spec', 'unschedulable'), 'false') },
  '/namespaces': { 'status.phase': path('status', 'phase') },
  '/services': { 'spec.clusterIP': path('spec', 'clusterIP'), 'spec.type': path('spec', 'type') },
  '/replicationcontrollers': { 'status.replicas': path('status', 'replicas') },
  'apps/replicasets': { 'status.replicas': withDefault(path('status', 'replicas'), '0') },
  'batch/jobs': { 'status.successful': withDefault(path('status', 'successful'), '0') },
};

const cache = new Map<string, ReadonlyMap<string, FieldGetter>>();

export function selectableFields(storageKey: string, namespaced: boolean): ReadonlyMap<string, FieldGetter> {
  const cacheKey = `${storageKey}|${namespaced}`;
  let fields = cache.get(cacheKey);
  if (fields === undefined) {
    const map = new Map<string, FieldGetter>([['metadata.name', (o: KubeObject) => o.metadata.name ?? '']]);
    if (namespaced) map.set('metadata.namespace', (o: KubeObject) => o.metadata.namespace ?? '');
    for (const [field, getter] of Object.entries(KIND_FIELDS[storageKey] ?? {})) map.set(field, getter);
    fields = map;
    cache.set(cacheKey, fields);
  }
  return fields;
}
