/**
 * metadata checks every kind shares (ValidateObjectMeta / ValidateObjectMetaUpdate): the name
 * rule of the kind, labels, annotations, owner references, finalizers, and the identity fields
 * an update may not change.
 */
import type { ResourceKind } from '../registry/builtin-kinds.ts';
import type { KubeObject, ObjectMeta, StatusCause } from '../types.ts';
import { forbidden, invalid, path, required, tooLong } from './field-errors.ts';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  maxLenError,
} from './names.ts';

type Kind = Pick<ResourceKind, 'group' | 'kind'> & Partial<Pick<ResourceKind, 'namespaced'>>;

const RBAC = 'rbac.authorization.k8s.io';
const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/** The name rule of a kind: most names are DNS subdomains, a few are stricter or looser. */
function nameRule(kind: Kind): (name: string) => string[] {
  if (kind.group === '' && kind.kind === 'Namespace') return isDNS1123Label;
  if (kind.group === '' && kind.kind === 'Service') return isDNS1035Label;
  if (kind.group === RBAC) return isValidPathSegmentName;
  if (kind.group === 'batch' && kind.kind === 'CronJob') {
    // Job names get a timestamp suffix, so the CronJob name is kept short enough for it.
    return (name) => [...isDNS1123Subdomain(name), ...(name.length > 52 ? [maxLenError(52)] : [])];
  }
  if ((kind.group === '' || kind.group === 'events.k8s.io') && kind.kind === 'Event') return () => [];
  return isDNS1123Subdomain;
}

/** Problems with `name` as the name of a `kind` object (field metadata.name). */
export function validateObjectName(kind: Kind, name: string): StatusCause[] {
  return nameRule(kind)(name).map((message) => invalid('metadata.name', name, message));
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const message of isQualifiedName(key)) causes.push(invalid(field, key, message));
    for (const message of isValidLabelValue(String(value))) causes.push(invalid(field, value, message));
  }
  return causes;
}

export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  field: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const message of isQualifiedName(key.toLowerCase())) causes.push(invalid(field, key, message));
    size += key.length + String(value).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) causes.push(tooLong(field, TOTAL_ANNOTATION_SIZE));
  return causes;
}

export function validateObjectMeta(kind: Kind, meta: ObjectMeta | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const m = meta ?? {};
  if (!m.name && !m.generateName) causes.push(required('metadata.name', 'name or generateName is required'));
  if (m.name) causes.push(...validateObjectName(kind, m.name));
  if (m.generateName && !m.name) {
    // The generated name is the prefix plus five characters; the prefix must be a valid start.
    const prefix = m.generateName.replace(/-+$/, '') || 'a';
    for (const message of nameRule(kind)(prefix))
      causes.push(invalid('metadata.generateName', m.generateName, message));
  }
  if (kind.namespaced === false && m.namespace) {
    causes.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  causes.push(...validateLabels(m.labels, 'metadata.labels'));
  causes.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  for (const [i, ref] of (m.ownerReferences ?? []).entries()) {
    const field = path('metadata', 'ownerReferences', i);
    if (!ref.apiVersion)
      causes.push(invalid(path(field, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) causes.push(invalid(path(field, 'kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) causes.push(invalid(path(field, 'name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) causes.push(invalid(path(field, 'uid'), ref.uid ?? '', 'uid must not be empty'));
  }
  if ((m.ownerReferences ?? []).filter((r) => r.controller).length > 1) {
    causes.push(
      invalid('metadata.ownerReferences', '', 'Only one reference can have Controller set to true'),
    );
  }
  for (const [i, finalizer] of (m.finalizers ?? []).entries()) {
    for (const message of isQualifiedName(finalizer)) {
      causes.push(invalid(path('metadata', 'finalizers', i), finalizer, message));
    }
  }
  return causes;
}

/** The identity fields of metadata are fixed once the object exists. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const immutable: Array<keyof ObjectMeta> = ['name', 'namespace', 'uid', 'creationTimestamp'];
  for (const key of immutable) {
    const now = obj.metadata[key];
    const before = old.metadata[key];
    if (now !== undefined && before !== undefined && now !== before) {
      causes.push(invalid(`metadata.${key}`, now, 'field is immutable'));
    }
  }
  if (old.metadata.deletionTimestamp && obj.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) {
    causes.push(
      invalid(
        'metadata.deletionTimestamp',
        obj.metadata.deletionTimestamp ?? null,
        'field is immutable; may only be changed via deletion',
      ),
    );
  }
  return causes;
}
