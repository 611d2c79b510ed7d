import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors/app-error.ts';
import type { KubeAccess } from '../access/kube-access.ts';
import { clusterErrors } from '../resources/schemas.ts';
import type { SchemaSource } from './schema-source.ts';

const SchemaParams = Type.Object({
  cluster: Type.String({ minLength: 1, maxLength: 253 }),
  group: Type.String({ minLength: 1, maxLength: 253, description: '`core` for the legacy group' }),
  version: Type.String({ minLength: 1, maxLength: 63 }),
  kind: Type.String({ minLength: 1, maxLength: 253, description: 'e.g. Deployment' }),
});

/**
 * GET /api/v1/clusters/:cluster/schemas/:group/:version/:kind: the JSON schema of a kind, from
 * the cluster's own OpenAPI v3 document, for completion and validation in the YAML editor.
 * Open to anyone who holds a code in the cluster (as discovery is); schemas hold no data.
 */
export const schemaRoutes: FastifyPluginAsyncTypebox<{ schemas: SchemaSource; access: KubeAccess }> = async (
  app,
  { schemas, access },
) => {
  app.get(
    '/clusters/:cluster/schemas/:group/:version/:kind',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['cluster resources'],
        summary: "A kind's JSON schema (from the cluster's OpenAPI v3), for the YAML editor",
        params: SchemaParams,
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...clusterErrors },
      },
    },
    async (request, reply) => {
      const { cluster, group, version, kind } = request.params;
      const rights = await access.forCluster(request.principal!, cluster);
      if (!rights.hasAnyCode()) {
        throw new AppError('FORBIDDEN', 403, `You hold no permission in cluster "${cluster}"`, { cluster });
      }
      const schema = await schemas.kindSchema(cluster, group === 'core' ? '' : group, version, kind);
      return reply.header('cache-control', 'private, max-age=300').send(schema);
    },
  );
};
