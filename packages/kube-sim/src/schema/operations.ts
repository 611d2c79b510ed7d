/**
 * The REST operations of a served resource, described once in a neutral form and rendered into
 * the Swagger 2.0 and OpenAPI 3.0 documents. Operation ids, actions and GVK extensions follow
 * the real server: kubectl finds a kind's PATCH operation by `x-kubernetes-group-version-kind`,
 * checks its parameters for `fieldValidation` and its body types for strategic merge patch.
 */
import type { Verb } from '../registry/builtin-kinds.ts';
import {
  DELETE_PARAMETERS,
  LIST_PARAMETERS,
  PATCH_PARAMETERS,
  WRITE_PARAMETERS,
  type ParameterName,
} from './parameters.ts';
import { META_V1 } from './definition-names.ts';
import { PATCH } from './special-types.ts';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** What the documents need to know about one served resource. */
export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  verbs: readonly Verb[];
  subresources?: readonly string[];
  /** Definition name of the kind and of its list. */
  definition: string;
  listDefinition?: string;
  /** Built-in kinds accept strategic merge patch; custom resources do not. */
  strategicMerge: boolean;
}

export type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  operationId: string;
  description: string;
  action: Action;
  parameters: ParameterName[];
  /** Definition name of the request body, and the content types it may be sent as. */
  body?: { definition: string; contentTypes: string[] };
  responses: Array<{ code: string; description: string; definition?: string }>;
  /** Lists can also be streamed as watch events. */
  watchable?: boolean;
  gvk: Gvk;
}

export interface PathSpec {
  path: string;
  parameters: ParameterName[];
  operations: OperationSpec[];
}

const STATUS = `${META_V1}.Status`;
const DELETE_OPTIONS = `${META_V1}.DeleteOptions`;
const SCALE = 'io.k8s.api.autoscaling.v1.Scale';
const JSON_BODY = ['*/*'];
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
];

/** `apps` → Apps, `rbac.authorization.k8s.io` → RbacAuthorization, core → Core. */
export function groupIdentifier(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The OpenAPI tag of a group version: `apps_v1`, `core_v1`, `rbacAuthorization_v1`. */
export function groupVersionTag(group: string, version: string): string {
  const id = groupIdentifier(group);
  return `${id.charAt(0).toLowerCase()}${id.slice(1)}_${version}`;
}

export function groupVersionPrefix(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

const ok = (definition: string) => ({ code: '200', description: 'OK', definition });
const created = (definition: string) => ({ code: '201', description: 'Created', definition });
const accepted = (definition: string) => ({ code: '202', description: 'Accepted', definition });

/** All path items of one resource. */
export function resourcePaths(r: ServedResource): PathSpec[] {
  const gvk: Gvk = { group: r.group, version: r.version, kind: r.kind };
  const id = `${groupIdentifier(r.group)}${r.version.charAt(0).toUpperCase()}${r.version.slice(1)}`;
  const scoped = r.namespaced ? `Namespaced${r.kind}` : r.kind;
  const base = `${groupVersionPrefix(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}`;
  const scopeParams: ParameterName[] = r.namespaced ? ['namespace', 'pretty'] : ['pretty'];
  const has = (verb: Verb) => r.verbs.includes(verb);
  const patchTypes = r.strategicMerge
    ? [...PATCH_TYPES, 'application/strategic-merge-patch+json']
    : PATCH_TYPES;
  const paths: PathSpec[] = [];

  const collection: OperationSpec[] = [];
  if (has('list') && r.listDefinition) {
    collection.push({
      method: 'get',
      operationId: `list${id}${scoped}`,
      description: `list or watch objects of kind ${r.kind}`,
      action: 'list',
      parameters: LIST_PARAMETERS,
      responses: [ok(r.listDefinition)],
      watchable: true,
      gvk,
    });
  }
  if (has('create')) {
    collection.push({
      method: 'post',
      operationId: `create${id}${scoped}`,
      description: `create ${article(r.kind)} ${r.kind}`,
      action: 'post',
      parameters: WRITE_PARAMETERS,
      body: { definition: r.definition, contentTypes: JSON_BODY },
      responses: [ok(r.definition), created(r.definition), accepted(r.definition)],
      gvk,
    });
  }
  if (has('deletecollection')) {
    collection.push({
      method: 'delete',
      operationId: `delete${id}Collection${scoped}`,
      description: `delete collection of ${r.kind}`,
      action: 'deletecollection',
      parameters: [
        ...DELETE_PARAMETERS,
        ...LIST_PARAMETERS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks'),
      ],
      body: { definition: DELETE_OPTIONS, contentTypes: JSON_BODY },
      responses: [ok(STATUS)],
      gvk,
    });
  }
  if (collection.length > 0) paths.push({ path: base, parameters: scopeParams, operations: collection });

  const item: OperationSpec[] = [];
  if (has('get')) {
    item.push({
      method: 'get',
      operationId: `read${id}${scoped}`,
      description: `read the specified ${r.kind}`,
      action: 'get',
      parameters: [],
      responses: [ok(r.definition)],
      gvk,
    });
  }
  if (has('update'))
    item.push(
      replaceOperation(`replace${id}${scoped}`, `replace the specified ${r.kind}`, r.definition, gvk),
    );
  if (has('patch')) {
    item.push(
      patchOperation(
        `patch${id}${scoped}`,
        `partially update the specified ${r.kind}`,
        r.definition,
        patchTypes,
        gvk,
      ),
    );
  }
  if (has('delete')) {
    item.push({
      method: 'delete',
      operationId: `delete${id}${scoped}`,
      description: `delete ${article(r.kind)} ${r.kind}`,
      action: 'delete',
      parameters: DELETE_PARAMETERS,
      body: { definition: DELETE_OPTIONS, contentTypes: JSON_BODY },
      responses: [ok(STATUS), accepted(STATUS)],
      gvk,
    });
  }
  const itemParams: ParameterName[] = ['name', ...scopeParams];
  if (item.length > 0) paths.push({ path: `${base}/{name}`, parameters: itemParams, operations: item });

  if (r.namespaced && has('list') && r.listDefinition) {
    paths.push({
      path: `${groupVersionPrefix(r.group, r.version)}/${r.resource}`,
      parameters: [...LIST_PARAMETERS, 'pretty'],
      operations: [
        {
          method: 'get',
          operationId: `list${id}${r.kind}ForAllNamespaces`,
          description: `list or watch objects of kind ${r.kind}`,
          action: 'list',
          parameters: [],
          responses: [ok(r.listDefinition)],
          watchable: true,
          gvk,
        },
      ],
    });
  }

  for (const sub of r.subresources ?? []) {
    const subject = sub === 'scale' ? SCALE : sub === 'status' ? r.definition : undefined;
    if (!subject) continue; // log, exec and friends are not described by the real documents either
    const subGvk = sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : gvk;
    const Sub = sub.charAt(0).toUpperCase() + sub.slice(1);
    paths.push({
      path: `${base}/{name}/${sub}`,
      parameters: itemParams,
      operations: [
        {
          method: 'get',
          operationId: `read${id}${scoped}${Sub}`,
          description: `read ${sub} of the specified ${r.kind}`,
          action: 'get',
          parameters: [],
          responses: [ok(subject)],
          gvk: subGvk,
        },
        replaceOperation(
          `replace${id}${scoped}${Sub}`,
          `replace ${sub} of the specified ${r.kind}`,
          subject,
          subGvk,
        ),
        patchOperation(
          `patch${id}${scoped}${Sub}`,
          `partially update ${sub} of the specified ${r.kind}`,
          subject,
          patchTypes,
          subGvk,
        ),
      ],
    });
  }
  return paths;
}

function replaceOperation(
  operationId: string,
  description: string,
  definition: string,
  gvk: Gvk,
): OperationSpec {
  return {
    method: 'put',
    operationId,
    description,
    action: 'put',
    parameters: WRITE_PARAMETERS,
    body: { definition, contentTypes: JSON_BODY },
    responses: [ok(definition), created(definition)],
    gvk,
  };
}

function patchOperation(
  operationId: string,
  description: string,
  definition: string,
  contentTypes: string[],
  gvk: Gvk,
): OperationSpec {
  return {
    method: 'patch',
    operationId,
    description,
    action: 'patch',
    parameters: PATCH_PARAMETERS,
    body: { definition: PATCH, contentTypes },
    responses: [ok(definition), created(definition)],
    gvk,
  };
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}
