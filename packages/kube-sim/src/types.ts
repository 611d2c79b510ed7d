/** Shapes shared by every kube-sim module: objects, Status errors and server-side Tables. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** Any Kubernetes object. Fields beyond the envelope are kind-specific and left untyped. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface StatusCause {
  /** e.g. FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate */
  reason: string;
  message: string;
  field?: string;
}

/** The meta.k8s.io/v1 Status a real API server returns for every failed request. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  /** e.g. NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Forbidden, Unauthorized, Gone */
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  /** 0 shows by default; 1 and above only with -o wide. */
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

/** meta.k8s.io/v1 Table, what `kubectl get` renders. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** Time source; tests inject a controllable one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
