import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AuditQueue } from '../../audit/audit-queue.ts';
import { changeContext } from '../../audit/request-audit.ts';
import { auditHiddenNamespaceDenials, enqueueReadDenial } from '../access/denial-audit.ts';
import { unsupportedMediaType, validationFailed } from '../../core/errors/errors.ts';
import { groupFromUrl, type ResourceRef } from '../cache/resource-ref.ts';
import { CLUSTER_OBJECT } from './audit-target.ts';
import type { ManifestApply } from './manifest-apply.ts';
import type { ResourceReads } from './resource-reads.ts';
import { PATCH_CONTENT_TYPES, type ResourceWrites } from './resource-writes.ts';
import { registerKubeBodyParsers, singleObject } from './body-parsers.ts';
import { encodeClusterLists, encodeList } from './list-encoding.ts';
import type { ListsAcrossClusters } from './lists-across-clusters.ts';
import {
  AcrossClustersQuery,
  ApiResourceList,
  ApplyQuery,
  ApplyReport,
  ClusterLists,
  ClusterParams,
  clusterErrors,
  isSet,
  CreateQuery,
  DeleteQuery,
  KindAcrossClustersParams,
  KindParams,
  KubeObject,
  ListQuery,
  ObjectParams,
  PatchQuery,
  ResourceList,
} from './schemas.ts';

export interface ResourceRouteDeps {
  reads: ResourceReads;
  acrossClusters: ListsAcrossClusters;
  writes: ResourceWrites;
  apply: ManifestApply;
  auditQueue: AuditQueue;
}

const tags = ['cluster resources'];
const KIND_URL = '/clusters/:cluster/resources/:group/:version/:resource';
const OBJECT_URL = `${KIND_URL}/:namespace/:name`;
// Who may do what is decided per kind, verb and namespace by the kube access check (src/kube/access).
const access = { authenticated: true } as const;

function refOf(params: KindAcrossClustersParams): ResourceRef {
  return { group: groupFromUrl(params.group), version: params.version, resource: params.resource };
}

function locationOf(params: ObjectParams) {
  return { namespace: params.namespace === '_' ? '' : params.namespace, name: params.name };
}

function patchTypeOf(request: FastifyRequest) {
  const contentType = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  const type = PATCH_CONTENT_TYPES[contentType];
  if (!type)
    throw unsupportedMediaType(`${contentType}; use one of ${Object.keys(PATCH_CONTENT_TYPES).join(', ')}`);
  return type;
}

/** The generic resource API: every kind, built-in or custom, of every cluster. */
export const resourceRoutes: FastifyPluginAsyncTypebox<ResourceRouteDeps> = async (
  app,
  { reads, acrossClusters, writes, apply, auditQueue },
) => {
  registerKubeBodyParsers(app);
  auditHiddenNamespaceDenials(app, auditQueue);

  app.get(
    '/clusters/:cluster/api-resources',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The kinds a cluster serves (discovery), for the resource browser',
        params: ClusterParams,
        response: { 200: ApiResourceList, ...clusterErrors },
      },
    },
    async (request) => ({ items: await reads.apiResources(request.principal!, request.params.cluster) }),
  );

  app.get(
    KIND_URL,
    {
      config: { access },
      schema: {
        tags,
        summary: 'List objects of a kind from the cache: selectors, search, sort and pages',
        params: KindParams,
        querystring: ListQuery,
        response: { 200: ResourceList, ...clusterErrors },
      },
    },
    async (request, reply) => {
      const { params, query } = request;
      const page = await reads.list(request.principal!, params.cluster, refOf(params), query);
      // Bytes made from each object's cached JSON (see list-encoding.ts), sent as they are: the
      // schema above still documents them, Fastify does not serialize a Buffer again.
      const bytes = encodeList(page) as unknown as Static<typeof ResourceList>;
      return reply.type('application/json; charset=utf-8').send(bytes);
    },
  );

  app.get(
    '/resources/:group/:version/:resource',
    {
      config: { access },
      schema: {
        tags,
        summary: 'List objects of a kind in several clusters at once: each cluster’s page or error',
        params: KindAcrossClustersParams,
        querystring: AcrossClustersQuery,
        response: { 200: ClusterLists, ...clusterErrors },
      },
    },
    async (request, reply) => {
      const ref = refOf(request.params);
      const { results, denials } = await acrossClusters.list(request.principal!, ref, request.query);
      for (const { cluster, error } of denials) {
        enqueueReadDenial(auditQueue, request, {
          cluster,
          namespace: request.query.namespace ?? '',
          group: ref.group,
          resource: ref.resource,
          name: '',
          statusCode: error.statusCode,
          errorCode: error.code,
        });
      }
      const bytes = encodeClusterLists(results) as unknown as Static<typeof ClusterLists>;
      return reply.type('application/json; charset=utf-8').send(bytes);
    },
  );

  app.get(
    OBJECT_URL,
    {
      config: { access },
      schema: {
        tags,
        summary: 'Read one object from the cluster (`_` as namespace for cluster-scoped kinds)',
        params: ObjectParams,
        response: { 200: KubeObject, ...clusterErrors },
      },
    },
    async (request) => {
      const { namespace, name } = locationOf(request.params);
      return reads.get(request.principal!, request.params.cluster, refOf(request.params), namespace, name);
    },
  );

  app.post(
    KIND_URL,
    {
      config: {
        access,
        audit: { action: 'resources.create', targetType: CLUSTER_OBJECT, targetParam: 'name' },
      },
      schema: {
        tags,
        summary: 'Create an object from JSON or YAML (application/yaml)',
        params: KindParams,
        querystring: CreateQuery,
        body: KubeObject,
        response: { 201: KubeObject, ...clusterErrors },
      },
    },
    async (request, reply) => {
      const body = singleObject(request.body);
      const { cluster } = request.params;
      const created = await writes.create(
        changeContext(request),
        request.principal!,
        cluster,
        refOf(request.params),
        body,
        request.query.namespace,
      );
      return reply.code(201).send(created);
    },
  );

  app.put(
    OBJECT_URL,
    {
      config: {
        access,
        audit: { action: 'resources.update', targetType: CLUSTER_OBJECT, targetParam: 'name' },
      },
      schema: {
        tags,
        summary: 'Replace an object; a stale metadata.resourceVersion is 409 CONFLICT',
        params: ObjectParams,
        body: KubeObject,
        response: { 200: KubeObject, ...clusterErrors },
      },
    },
    async (request) => {
      const { namespace, name } = locationOf(request.params);
      const body = singleObject(request.body);
      return writes.replace(
        changeContext(request),
        request.principal!,
        request.params.cluster,
        refOf(request.params),
        namespace,
        name,
        body,
      );
    },
  );

  app.patch(
    OBJECT_URL,
    {
      config: {
        access,
        audit: { action: 'resources.patch', targetType: CLUSTER_OBJECT, targetParam: 'name' },
      },
      schema: {
        tags,
        summary: 'Patch an object: merge, JSON, strategic merge or server-side apply, by content type',
        params: ObjectParams,
        querystring: PatchQuery,
        body: KubeObject,
        response: { 200: KubeObject, ...clusterErrors },
      },
    },
    async (request) => {
      const type = patchTypeOf(request);
      const { after } = await writes.patch(
        changeContext(request),
        request.principal!,
        request.params.cluster,
        refOf(request.params),
        locationOf(request.params),
        type,
        request.body,
        {
          ...(request.query.fieldManager && { fieldManager: request.query.fieldManager }),
          force: isSet(request.query.force),
        },
      );
      return after;
    },
  );

  app.delete(
    OBJECT_URL,
    {
      config: {
        access,
        audit: { action: 'resources.delete', targetType: CLUSTER_OBJECT, targetParam: 'name' },
      },
      schema: {
        tags,
        summary: 'Delete an object (propagationPolicy Foreground, Background or Orphan)',
        params: ObjectParams,
        querystring: DeleteQuery,
        response: { 200: KubeObject, ...clusterErrors },
      },
    },
    async (request) =>
      writes.delete(
        changeContext(request),
        request.principal!,
        request.params.cluster,
        refOf(request.params),
        locationOf(request.params),
        request.query.propagationPolicy,
      ),
  );

  app.post(
    '/clusters/:cluster/apply',
    {
      config: {
        access,
        audit: { action: 'resources.apply', targetType: CLUSTER_OBJECT, targetParam: 'cluster' },
      },
      schema: {
        tags,
        summary: 'Apply a multi-document YAML with server-side apply; reports each document (200)',
        params: ClusterParams,
        querystring: ApplyQuery,
        body: KubeObject,
        response: { 200: ApplyReport, ...clusterErrors },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') {
        throw validationFailed('body', 'send the manifests as YAML text (content-type application/yaml)');
      }
      const { query } = request;
      return apply.apply(changeContext(request), request.principal!, request.params.cluster, request.body, {
        ...(query.namespace && { namespace: query.namespace }),
        ...(query.fieldManager && { fieldManager: query.fieldManager }),
        dryRun: isSet(query.dryRun),
        force: isSet(query.force),
      });
    },
  );
};
