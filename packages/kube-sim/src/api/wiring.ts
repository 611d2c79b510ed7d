/**
 * Binds the pipeline's module seams to the modules built beside it: the patch engine
 * (src/patch), the schema catalog (src/schema), the table printers (src/tables) and validation
 * (src/validation). Errors of the patch engine become the Status the real server answers with.
 */
import type { KubeObject } from '../types.ts';
import type { Modules, ObjectValidator, PatchEngine, SchemaService, TablePrinter } from './modules.ts';
import { ApiError } from './errors.ts';
import { timestamp } from './request-context.ts';
import {
  PatchError,
  applyJsonPatch,
  applyMergePatch,
  applyServerSide,
  applyStrategicMergePatch,
  updateManagedFields,
} from '../patch/index.ts';
import { SchemaCatalog } from '../schema/catalog.ts';
import { toTable } from '../tables/table.ts';
import { applyDefaults } from '../validation/defaults.ts';
import { validateCreate, validateUpdate } from '../validation/validate.ts';

function translated<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof PatchError) throw new ApiError(err.toStatus());
    throw err;
  }
}

export const patchEngine: PatchEngine = {
  jsonPatch: (doc, ops) => translated(() => applyJsonPatch(doc, ops) as KubeObject),
  mergePatch: (doc, patch) => translated(() => applyMergePatch(doc, patch) as KubeObject),
  strategicMergePatch: (doc, patch, meta) =>
    translated(() => applyStrategicMergePatch(doc, patch, meta) as KubeObject),
  apply: (args) =>
    translated(
      () =>
        applyServerSide({
          live: args.live,
          applied: args.applied,
          manager: args.manager,
          force: args.force,
          meta: args.meta,
          now: timestamp(args.now),
          apiVersion: args.apiVersion,
          ...(args.subresource === undefined ? {} : { subresource: args.subresource }),
        }).object,
    ),
  updateManagedFields: (args) =>
    translated(() =>
      updateManagedFields({
        old: args.old,
        updated: args.updated,
        manager: args.manager,
        operation: 'Update',
        meta: args.meta,
        now: timestamp(args.now),
        apiVersion: args.apiVersion,
        ...(args.subresource === undefined ? {} : { subresource: args.subresource }),
      }),
    ),
};

/** One catalog per cluster: CRDs differ between clusters. */
export function schemaService(catalog = new SchemaCatalog()): SchemaService {
  return {
    patchMeta: (kind) => catalog.patchMeta(kind.group, kind.version, kind.kind),
    unknownFields: (kind, object) => catalog.unknownFields(kind.group, kind.version, kind.kind, object),
    prune: (kind, object) => catalog.prune(kind.group, kind.version, kind.kind, object),
    registerCrd: (crd) => catalog.addCrd(crd),
    unregisterCrd: (crd) => catalog.removeCrd(crd.metadata.name ?? ''),
    openApiV2: () => catalog.openApiV2(),
    openApiV2Protobuf: () => catalog.openApiV2Protobuf(),
    openApiV3Index: () => catalog.openApiV3Index(),
    openApiV3: (path) => catalog.openApiV3(path),
    openApiV3Hash: (path) => catalog.openApiV3Hash(path),
  };
}

export const tablePrinter: TablePrinter = {
  toTable: (kind, objects, options) => toTable(kind, objects, options),
};

export const objectValidator: ObjectValidator = {
  applyDefaults: (kind, object) => applyDefaults(kind, object),
  validateCreate: (kind, object) => validateCreate(kind, object),
  validateUpdate: (kind, object, old) => validateUpdate(kind, object, old),
};

export function defaultModules(): Modules {
  return { patch: patchEngine, schema: schemaService(), tables: tablePrinter, validation: objectValidator };
}
