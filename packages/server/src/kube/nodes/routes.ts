import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { clusterErrors } from '../clusters/routes.ts';
import { ClusterParams } from '../clusters/schemas.ts';
import {
  DrainBody,
  DrainStatus,
  NodeDetail,
  NodeList,
  NodeParams,
  NodeSummary,
  TaintsBody,
} from './schemas.ts';
import type { NodeService } from './service.ts';

const tags = ['nodes'];
const platform = 'platform' as const;
const view = { access: { permission: 'nodes:view', scope: platform } };
const manage = (verb: string) => ({
  access: { permission: 'nodes:manage', scope: platform },
  audit: { action: `nodes.${verb}`, targetType: 'node', targetParam: 'node' },
});

/** /api/v1/clusters/:cluster/nodes: node views and operations. */
export const nodeRoutes: FastifyPluginAsyncTypebox<{ nodes: NodeService }> = async (app, { nodes }) => {
  app.get(
    '/clusters/:cluster/nodes',
    {
      config: view,
      schema: {
        tags,
        summary: 'List nodes: roles, status, version, allocatable vs requested vs used',
        params: ClusterParams,
        response: { 200: NodeList, ...clusterErrors },
      },
    },
    async (request) => ({ items: await nodes.list(request.params.cluster) }),
  );

  app.get(
    '/clusters/:cluster/nodes/:node',
    {
      config: view,
      schema: {
        tags,
        summary: 'Get a node with its pods and usage',
        params: NodeParams,
        response: { 200: NodeDetail, ...clusterErrors },
      },
    },
    async (request) => nodes.get(request.params.cluster, request.params.node),
  );

  for (const [verb, schedulable] of [
    ['cordon', false],
    ['uncordon', true],
  ] as const) {
    app.post(
      `/clusters/:cluster/nodes/:node/${verb}`,
      {
        config: manage(verb),
        schema: {
          tags,
          summary: schedulable
            ? 'Uncordon a node: new pods may be scheduled on it'
            : 'Cordon a node: no new pods on it',
          params: NodeParams,
          response: { 200: NodeSummary, ...clusterErrors },
        },
      },
      async (request) =>
        nodes.setSchedulable(
          changeContext(request),
          request.params.cluster,
          request.params.node,
          schedulable,
        ),
    );
  }

  app.put(
    '/clusters/:cluster/nodes/:node/taints',
    {
      config: manage('taints'),
      schema: {
        tags,
        summary: "Replace a node's taints",
        params: NodeParams,
        body: TaintsBody,
        response: { 200: NodeSummary, ...clusterErrors },
      },
    },
    async (request) =>
      nodes.setTaints(changeContext(request), request.params.cluster, request.params.node, request.body),
  );

  app.post(
    '/clusters/:cluster/nodes/:node/drain',
    {
      config: manage('drain'),
      schema: {
        tags,
        summary: 'Drain a node: cordon it and evict its pods (honouring disruption budgets)',
        params: NodeParams,
        body: Type.Union([DrainBody, Type.Null()], { description: 'optional' }),
        response: { 202: DrainStatus, ...clusterErrors },
      },
    },
    async (request, reply) => {
      const { cluster, node } = request.params;
      return reply
        .code(202)
        .send(await nodes.startDrain(changeContext(request), cluster, node, request.body ?? {}));
    },
  );

  app.get(
    '/clusters/:cluster/nodes/:node/drain',
    {
      config: view,
      schema: {
        tags,
        summary: 'Progress of the latest drain of a node',
        params: NodeParams,
        response: { 200: DrainStatus, ...clusterErrors },
      },
    },
    async (request) => nodes.drainStatus(request.params.cluster, request.params.node),
  );
};
