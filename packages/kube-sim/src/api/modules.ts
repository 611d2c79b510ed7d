/**
 * The seams between the request pipeline and the modules built beside it (patch engine, schema
 * catalog, table printers, validation). The pipeline only talks to these interfaces; `wiring.ts`
 * binds them to the real modules.
 */
import type { KubeObject, StatusCause, Table } from '../types.ts';
import type { PatchMeta } from '../schema/patch-meta.ts';
import type { ServedKind, PrinterColumn } from '../registry/served-kind.ts';

export interface ApplyArgs {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  meta: PatchMeta;
  now: Date;
  apiVersion: string;
  subresource?: string;
}

export interface ManagedFieldsArgs {
  old: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  meta: PatchMeta;
  now: Date;
  apiVersion: string;
  subresource?: string;
}

/** Never modifies its inputs: results are new objects (the pipeline relies on it to skip copies). */
export interface PatchEngine {
  jsonPatch(doc: KubeObject, ops: unknown): KubeObject;
  mergePatch(doc: KubeObject, patch: unknown): KubeObject;
  strategicMergePatch(doc: KubeObject, patch: unknown, meta: PatchMeta): KubeObject;
  /** Server-side apply; throws ApiError 409 on field-manager conflicts without force. */
  apply(args: ApplyArgs): KubeObject;
  /** Records an Update operation of `manager` in updated.metadata.managedFields. */
  updateManagedFields(args: ManagedFieldsArgs): KubeObject;
}

export interface SchemaService {
  patchMeta(kind: ServedKind): PatchMeta;
  /**
   * Dotted paths of fields the kind's schema does not know, e.g. `spec.foo`. Each top-level
   * field is reported on its own, in key order (the pipeline asks for runs of top-level fields
   * and remembers the answer for frozen ones of built-in kinds).
   */
  unknownFields(kind: ServedKind, object: KubeObject): string[];
  /** Drops unknown fields from a custom resource (structural-schema pruning). */
  prune(kind: ServedKind, object: KubeObject): KubeObject;
  /** A CRD was established / changed / deleted. */
  registerCrd(crd: KubeObject): void;
  unregisterCrd(crd: KubeObject): void;
  openApiV2(): unknown;
  /** The same document as the gnostic protobuf kubectl's validation asks for. */
  openApiV2Protobuf?(): Buffer;
  openApiV3Index(): unknown;
  openApiV3(path: string): unknown;
  /** Content hash of a v3 document, served as its ETag. */
  openApiV3Hash?(path: string): string | undefined;
}

export interface TableOptions {
  now: Date;
  includeObject?: 'None' | 'Metadata' | 'Object';
  printerColumns?: PrinterColumn[];
}

export interface TablePrinter {
  toTable(kind: ServedKind, objects: KubeObject[], options: TableOptions): Table;
}

export interface ObjectValidator {
  /** The object with defaults filled in (a copy; the input is not modified). */
  applyDefaults(kind: ServedKind, object: KubeObject): KubeObject;
  validateCreate(kind: ServedKind, object: KubeObject): StatusCause[];
  validateUpdate(kind: ServedKind, object: KubeObject, old: KubeObject): StatusCause[];
}

export interface Modules {
  patch: PatchEngine;
  schema: SchemaService;
  tables: TablePrinter;
  validation: ObjectValidator;
}
