/**
 * Server-side conversions a client can ask for in Accept: meta.k8s.io Table (what kubectl get
 * prints, via the tables module) and PartialObjectMetadata(List) (metadata-only informers).
 */
import type { KubeObject, Table } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { badRequest } from '../api/errors.ts';

type IncludeObject = 'None' | 'Metadata' | 'Object';

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}

export function toTable(
  api: ResourceApi,
  kind: ServedKind,
  objects: KubeObject[],
  representation: { version: string },
  query: URLSearchParams,
): Table {
  const includeObject = includeObjectOf(query);
  const table = api.deps.modules.tables.toTable(kind, objects, {
    now: api.deps.clock.now(),
    includeObject,
    ...(kind.printerColumns === undefined ? {} : { printerColumns: kind.printerColumns }),
  });
  table.apiVersion = `meta.k8s.io/${representation.version}` as Table['apiVersion'];
  table.rows.forEach((row, i) => {
    const object = objects[i];
    if (includeObject === 'None') delete row.object;
    else if (row.object === undefined && object !== undefined) row.object = rowObject(object, includeObject);
  });
  return table;
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  return include === 'Object' ? object : partialObjectMetadata(object, 'v1');
}

export function partialObjectMetadata(object: KubeObject, version: string): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata };
}

export function partialObjectMetadataList(
  objects: KubeObject[],
  metadata: Record<string, unknown>,
  version: string,
): Record<string, unknown> {
  return {
    kind: 'PartialObjectMetadataList',
    apiVersion: `meta.k8s.io/${version}`,
    metadata,
    items: objects.map((o) => partialObjectMetadata(o, version)),
  };
}
