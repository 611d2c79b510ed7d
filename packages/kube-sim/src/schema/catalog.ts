/**
 * The schema catalog of one simulated cluster: the OpenAPI v2 and v3 documents it serves, the
 * patch metadata of every kind, and field checks against the schemas. Built-in kinds come from
 * the client-node models (built lazily, shared by all catalogs); CRDs are added and removed at
 * run time. Documents are cached until a CRD change touches them.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.ts';
import { BUILTIN_KINDS, groupVersion } from '../registry/builtin-kinds.ts';
import { builtinDefinitions, kindDefinitionName } from './builtin-definitions.ts';
import { crdVersions, type CrdVersion } from './crd-definitions.ts';
import { META_V1, definitionName } from './definition-names.ts';
import { pruneUnknownFields, unknownFieldPaths } from './field-walker.ts';
import { encodeSwaggerProtobuf } from './gnostic-v2.ts';
import type { JsonSchema } from './json-schema.ts';
import { buildV2Document, type SwaggerDocument } from './openapi-v2.ts';
import { buildV3Document, type OpenApiV3Document } from './openapi-v3.ts';
import {
  groupIdentifier,
  groupVersionPrefix,
  groupVersionTag,
  resourcePaths,
  type PathSpec,
  type ServedResource,
} from './operations.ts';
import { PatchMetaBuilder } from './patch-meta-builder.ts';
import { UNKNOWN_PATCH_META, type PatchMeta } from './patch-meta.ts';

interface GroupVersionEntry {
  group: string;
  version: string;
  resources: ServedResource[];
}

let builtinResources: ServedResource[] | undefined;

function builtinServedResources(): ServedResource[] {
  builtinResources ??= BUILTIN_KINDS.map((k) => {
    const definition = kindDefinitionName(k);
    const list = definitionName(`${k.model}List`, k.group);
    return {
      group: k.group,
      version: k.version,
      kind: k.kind,
      resource: k.resource,
      namespaced: k.namespaced,
      verbs: k.verbs,
      subresources: k.subresources ?? [],
      definition,
      listDefinition: builtinDefinitions()[list] ? list : undefined,
      strategicMerge: true,
    };
  });
  return builtinResources;
}

export class SchemaCatalog {
  private readonly crds = new Map<string, CrdVersion[]>();
  private v2Cache: SwaggerDocument | undefined;
  private v2ProtobufCache: Buffer | undefined;
  private readonly v3Cache = new Map<string, { doc: object; hash: string }>();
  private patchMetaBuilder: PatchMetaBuilder | undefined;

  /** Registers (or replaces) a CRD; its served versions appear at apis/<group>/<version>. */
  addCrd(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    this.removeCrd(name);
    this.crds.set(name, crdVersions(crd));
    this.invalidate();
  }

  removeCrd(name: string): void {
    if (this.crds.delete(name)) this.invalidate();
  }

  /** How each field of a kind merges; UNKNOWN_PATCH_META for a kind the catalog does not know. */
  patchMeta(group: string, version: string, kind: string): PatchMeta {
    const definition = this.kindDefinition(group, version, kind);
    if (!definition) return UNKNOWN_PATCH_META;
    this.patchMetaBuilder ??= new PatchMetaBuilder((name) => this.definition(name));
    return this.patchMetaBuilder.forDefinition(definition);
  }

  /** The Swagger 2.0 document of /openapi/v2. */
  openApiV2(): SwaggerDocument {
    if (this.v2Cache) return this.v2Cache;
    const groups = this.groupVersions().map((gv) => ({
      tag: groupVersionTag(gv.group, gv.version),
      paths: this.groupVersionPaths(gv),
    }));
    this.v2Cache = buildV2Document(groups, this.allDefinitions());
    return this.v2Cache;
  }

  /**
   * /openapi/v2 as `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, the only v2
   * form kubectl accepts (it never asks for the JSON).
   */
  openApiV2Protobuf(): Buffer {
    this.v2ProtobufCache ??= encodeSwaggerProtobuf(this.openApiV2());
    return this.v2ProtobufCache;
  }

  /** The /openapi/v3 discovery document: one entry per document, with a content hash. */
  openApiV3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const path of this.v3Paths()) {
      const hash = this.v3Entry(path)?.hash ?? '';
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
    return { paths };
  }

  /** The document at /openapi/v3/<path> (`api/v1`, `apis/apps/v1`, `apis/apps`…). */
  openApiV3(path: string): object | undefined {
    return this.v3Entry(path.replace(/^\/+|\/+$/g, ''))?.doc;
  }

  /** The content hash of a v3 document (the `hash` query parameter; use it as the ETag). */
  openApiV3Hash(path: string): string | undefined {
    return this.v3Entry(path.replace(/^\/+|\/+$/g, ''))?.hash;
  }

  /** Paths such as `spec.foo` of fields the kind's schema does not declare. */
  unknownFields(group: string, version: string, kind: string, obj: unknown): string[] {
    const definition = this.kindDefinition(group, version, kind);
    const schema = definition ? this.definition(definition) : undefined;
    if (!schema) return [];
    return unknownFieldPaths(schema, obj, (name) => this.definition(name));
  }

  /** A copy of `obj` without the fields its schema does not declare (structural pruning). */
  prune<T>(group: string, version: string, kind: string, obj: T): T {
    const definition = this.kindDefinition(group, version, kind);
    const schema = definition ? this.definition(definition) : undefined;
    if (!schema) return structuredClone(obj);
    return pruneUnknownFields(schema, obj, (name) => this.definition(name));
  }

  private invalidate(): void {
    this.v2Cache = undefined;
    this.v2ProtobufCache = undefined;
    this.v3Cache.clear();
    this.patchMetaBuilder = undefined;
  }

  private crdResources(): CrdVersion[] {
    return [...this.crds.values()].flat();
  }

  private definition(name: string): JsonSchema | undefined {
    const builtin = builtinDefinitions()[name];
    if (builtin) return builtin;
    for (const version of this.crdResources()) {
      const found = version.definitions[name];
      if (found) return found;
    }
    return undefined;
  }

  private allDefinitions(): Record<string, JsonSchema> {
    const all = { ...builtinDefinitions() };
    for (const version of this.crdResources()) Object.assign(all, version.definitions);
    return all;
  }

  private kindDefinition(group: string, version: string, kind: string): string | undefined {
    const match = (r: ServedResource) => r.group === group && r.version === version && r.kind === kind;
    return (
      builtinServedResources().find(match)?.definition ??
      this.crdResources().find((v) => match(v.resource))?.resource.definition
    );
  }

  private groupVersions(): GroupVersionEntry[] {
    const entries = new Map<string, GroupVersionEntry>();
    const resources = [...builtinServedResources(), ...this.crdResources().map((v) => v.resource)];
    for (const r of resources) {
      const key = groupVersion(r);
      const entry = entries.get(key) ?? { group: r.group, version: r.version, resources: [] };
      entry.resources.push(r);
      entries.set(key, entry);
    }
    return [...entries.values()];
  }

  /** The discovery operation of a group version plus the operations of its resources. */
  private groupVersionPaths(gv: GroupVersionEntry): PathSpec[] {
    const id = `${groupIdentifier(gv.group)}${gv.version.charAt(0).toUpperCase()}${gv.version.slice(1)}`;
    const discovery: PathSpec = {
      path: `${groupVersionPrefix(gv.group, gv.version)}/`,
      parameters: [],
      operations: [
        {
          method: 'get',
          operationId: `get${id}APIResources`,
          description: 'get available resources',
          action: 'get',
          parameters: [],
          responses: [{ code: '200', description: 'OK', definition: `${META_V1}.APIResourceList` }],
          gvk: { group: '', version: 'v1', kind: 'APIResourceList' },
        },
      ],
    };
    return [discovery, ...gv.resources.flatMap(resourcePaths)];
  }

  private v3Paths(): string[] {
    const gvs = this.groupVersions();
    const groups = [...new Set(gvs.map((gv) => gv.group).filter((g) => g !== ''))];
    const versions = gvs.map((gv) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`));
    return ['api', 'apis', ...groups.map((g) => `apis/${g}`), ...versions].sort();
  }

  private v3Entry(path: string): { doc: object; hash: string } | undefined {
    const cached = this.v3Cache.get(path);
    if (cached) return cached;
    const doc = this.buildV3(path);
    if (!doc) return undefined;
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    const entry = { doc, hash };
    this.v3Cache.set(path, entry);
    return entry;
  }

  private buildV3(path: string): OpenApiV3Document | undefined {
    const definitions = this.allDefinitions();
    const gv = this.groupVersions().find(
      (g) => path === (g.group ? `apis/${groupVersion(g)}` : `api/${g.version}`),
    );
    if (gv)
      return buildV3Document(this.groupVersionPaths(gv), groupVersionTag(gv.group, gv.version), definitions);
    if (path === 'api')
      return discoveryDocument('/api/', 'getCoreAPIVersions', 'core', 'APIVersions', definitions);
    if (path === 'apis')
      return discoveryDocument('/apis/', 'getAPIVersions', 'apis', 'APIGroupList', definitions);
    const group = /^apis\/([^/]+)$/.exec(path)?.[1];
    if (group && this.groupVersions().some((g) => g.group === group)) {
      const tag = groupVersionTag(group, '').slice(0, -1);
      return discoveryDocument(
        `/apis/${group}/`,
        `get${groupIdentifier(group)}APIGroup`,
        tag,
        'APIGroup',
        definitions,
      );
    }
    return undefined;
  }
}

/** The small documents describing the discovery endpoints (/api/, /apis/, /apis/<group>/). */
function discoveryDocument(
  path: string,
  operationId: string,
  tag: string,
  kind: string,
  definitions: Record<string, JsonSchema>,
): OpenApiV3Document {
  const paths: PathSpec[] = [
    {
      path,
      parameters: [],
      operations: [
        {
          method: 'get',
          operationId,
          description: kind === 'APIGroup' ? 'get information of a group' : 'get available API versions',
          action: 'get',
          parameters: [],
          responses: [{ code: '200', description: 'OK', definition: `${META_V1}.${kind}` }],
          gvk: { group: '', version: 'v1', kind },
        },
      ],
    },
  ];
  return buildV3Document(paths, tag, definitions);
}
