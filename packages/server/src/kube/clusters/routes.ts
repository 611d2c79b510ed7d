import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, ErrorResponse, NoContent } from '../../core/http/schemas.ts';
import {
  Cluster,
  ClusterList,
  ClusterParams,
  ConnectionTestResult,
  CreateClusterBody,
  CredentialBody,
  DeleteClusterBody,
  DeleteClusterQuery,
  UpdateClusterBody,
} from './schemas.ts';
import type { ClusterService } from './service.ts';

const tags = ['clusters'];
const platform = 'platform' as const;
/** A cluster that cannot be reached or refuses the credential answers 502 (see cluster-failures.ts). */
export const clusterErrors = { ...authenticatedErrors, 502: ErrorResponse };
const audit = (verb: string) => ({
  action: `clusters.${verb}`,
  targetType: 'cluster',
  targetParam: 'cluster',
});

/** /api/v1/clusters: the cluster registry. */
export const clusterRoutes: FastifyPluginAsyncTypebox<{ clusters: ClusterService }> = async (
  app,
  { clusters },
) => {
  app.get(
    '/clusters',
    {
      config: { access: { permission: 'clusters:view', scope: platform } },
      schema: {
        tags,
        summary: 'List clusters with their health, node count and resources',
        response: { 200: ClusterList, ...clusterErrors },
      },
    },
    async () => ({ items: await clusters.list() }),
  );

  app.post(
    '/clusters/test-connection',
    {
      config: { access: { permission: 'clusters:create', scope: platform }, audit: audit('test-connection') },
      schema: {
        tags,
        summary: 'Test a credential without saving it',
        body: CredentialBody,
        response: { 200: ConnectionTestResult, ...clusterErrors },
      },
    },
    async (request) => clusters.testConnection(changeContext(request), request.body.credential),
  );

  app.post(
    '/clusters',
    {
      config: { access: { permission: 'clusters:create', scope: platform }, audit: audit('create') },
      schema: {
        tags,
        summary: 'Connect a cluster (its credential is tested first)',
        body: CreateClusterBody,
        response: { 201: Cluster, ...clusterErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await clusters.create(changeContext(request), request.body)),
  );

  app.get(
    '/clusters/:cluster',
    {
      config: { access: { permission: 'clusters:view', scope: platform } },
      schema: {
        tags,
        summary: 'Get a cluster',
        params: ClusterParams,
        response: { 200: Cluster, ...clusterErrors },
      },
    },
    async (request) => clusters.get(request.params.cluster),
  );

  app.patch(
    '/clusters/:cluster',
    {
      config: { access: { permission: 'clusters:update', scope: platform }, audit: audit('update') },
      schema: {
        tags,
        summary: "Edit a cluster's name, description, environment or region",
        params: ClusterParams,
        body: UpdateClusterBody,
        response: { 200: Cluster, ...clusterErrors },
      },
    },
    async (request) => clusters.update(changeContext(request), request.params.cluster, request.body),
  );

  app.put(
    '/clusters/:cluster/credential',
    {
      config: {
        access: { permission: 'clusters:update', scope: platform },
        audit: audit('rotate-credential'),
      },
      schema: {
        tags,
        summary: "Rotate a cluster's credential (tested before it replaces the old one)",
        params: ClusterParams,
        body: CredentialBody,
        response: { 200: Cluster, ...clusterErrors },
      },
    },
    async (request) =>
      clusters.rotateCredential(changeContext(request), request.params.cluster, request.body.credential),
  );

  app.delete(
    '/clusters/:cluster',
    {
      config: { access: { permission: 'clusters:delete', scope: platform }, audit: audit('delete') },
      schema: {
        tags,
        summary: 'Remove a cluster from Atrium (nothing in the cluster is deleted)',
        description:
          'Confirm by typing the name: `{"confirmName": "<name>"}` as the body, or `?confirm=<name>`.',
        params: ClusterParams,
        querystring: DeleteClusterQuery,
        body: DeleteClusterBody,
        response: { 204: NoContent, ...clusterErrors },
      },
    },
    async (request, reply) => {
      const confirmName = request.body?.confirmName ?? request.query.confirm;
      await clusters.delete(changeContext(request), request.params.cluster, confirmName);
      return reply.code(204).send(null);
    },
  );
};
