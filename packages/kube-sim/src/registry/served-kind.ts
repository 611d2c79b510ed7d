/**
 * A ResourceKind as the running server serves it: the discovery description plus what the
 * request pipeline needs to know (where objects are stored, subresources, CRD extras).
 */
import type { ResourceKind } from './builtin-kinds.ts';

/** Where the replica counts live, for the autoscaling/v1 Scale subresource. */
export interface ScalePaths {
  /** JSON path like `.spec.replicas`. */
  specReplicasPath: string;
  statusReplicasPath: string;
  /** Path of a string label selector, or (built-ins) a LabelSelector object. */
  labelSelectorPath?: string;
  /** Built-ins keep a structured selector under spec.selector and serialise it for Scale. */
  structuredSelectorPath?: string;
}

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition, passed to the tables module. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ServedKind extends ResourceKind {
  /** Objects of every served version share one table: `group/resource`. */
  storageKey: string;
  /** The version objects are stored in (CRDs may serve several). */
  storageVersion: string;
  hasStatus: boolean;
  scale?: ScalePaths;
  /** metadata.generation is set and bumped on spec changes. */
  tracksGeneration: boolean;
  /** Defined by a CustomResourceDefinition (unstructured: no strategic merge patch). */
  custom: boolean;
  /** Name of the defining CRD. */
  crdName?: string;
  printerColumns?: PrinterColumn[];
  /** Whether the kind is persisted; review kinds only answer a create. */
  persisted: boolean;
}

export function storageKeyOf(group: string, resource: string): string {
  return `${group}/${resource}`;
}
