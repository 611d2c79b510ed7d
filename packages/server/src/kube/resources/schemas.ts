import { Type, type Static } from 'typebox';
import { authenticatedErrors, ErrorResponse } from '../../core/http/schemas.ts';

/** What a cluster request can fail with, beyond the usual. */
export const clusterErrors = {
  ...authenticatedErrors,
  405: ErrorResponse,
  410: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
  502: ErrorResponse,
  503: ErrorResponse,
};

const Name = Type.String({ minLength: 1, maxLength: 253 });

/** `1`/`true` or `0`/`false` in a query string. */
const Flag = (description: string) => Type.Optional(Type.Enum(['1', '0', 'true', 'false'], { description }));

export function isSet(flag: string | undefined): boolean {
  return flag === '1' || flag === 'true';
}

export const ClusterParams = Type.Object({ cluster: Name });
export type ClusterParams = Static<typeof ClusterParams>;

export const KindParams = Type.Object({
  cluster: Name,
  group: Type.String({ minLength: 1, maxLength: 253, description: '`core` for the legacy group' }),
  version: Type.String({ minLength: 1, maxLength: 63 }),
  resource: Type.String({ minLength: 1, maxLength: 253, description: 'plural, e.g. deployments' }),
});
export type KindParams = Static<typeof KindParams>;

export const ObjectParams = Type.Object({
  ...KindParams.properties,
  namespace: Type.String({ minLength: 1, maxLength: 63, description: '`_` for cluster-scoped kinds' }),
  name: Name,
});
export type ObjectParams = Static<typeof ObjectParams>;

export const ListQuery = Type.Object({
  namespace: Type.Optional(Type.String({ maxLength: 63 })),
  labelSelector: Type.Optional(Type.String({ maxLength: 4096 })),
  fieldSelector: Type.Optional(Type.String({ maxLength: 4096 })),
  search: Type.Optional(Type.String({ maxLength: 253, description: 'substring of the name, any case' })),
  sort: Type.Optional(
    Type.String({
      maxLength: 32,
      description: 'name, namespace, creationTimestamp or status; -field descends',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  continue: Type.Optional(Type.String({ maxLength: 2048 })),
});
export type ListQuery = Static<typeof ListQuery>;

const CLUSTER_NAME = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

export const KindAcrossClustersParams = Type.Object({
  group: KindParams.properties.group,
  version: KindParams.properties.version,
  resource: KindParams.properties.resource,
});
export type KindAcrossClustersParams = Static<typeof KindAcrossClustersParams>;

const { continue: _pageToken, ...singlePageQuery } = ListQuery.properties;

export const AcrossClustersQuery = Type.Object({
  ...singlePageQuery,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'per cluster' })),
  clusters: Type.Optional(
    Type.String({
      maxLength: 4096,
      pattern: `^${CLUSTER_NAME}(,${CLUSTER_NAME})*$`,
      description:
        'a comma-separated list of cluster names (DNS-1123 labels); when absent, every cluster the caller holds codes in',
    }),
  ),
});
export type AcrossClustersQuery = Static<typeof AcrossClustersQuery>;

/** Any Kubernetes object, as the cluster has it. */
export const KubeObject = Type.Unknown({ description: 'A Kubernetes object' });

export const ResourceList = Type.Object({
  items: Type.Array(KubeObject),
  continue: Type.String({ description: 'Pass back for the next page; empty on the last one' }),
  total: Type.Integer({ description: 'Objects matching, over all pages' }),
  resourceVersion: Type.String({ description: 'Subscribe to the stream from here' }),
});

export const ClusterLists = Type.Object({
  clusters: Type.Array(
    Type.Object({
      cluster: Type.String(),
      items: Type.Optional(Type.Array(KubeObject)),
      continue: Type.Optional(
        Type.String({ description: 'for the next page, from /clusters/{cluster}/resources/…' }),
      ),
      total: Type.Optional(Type.Integer()),
      resourceVersion: Type.Optional(Type.String()),
      error: Type.Optional(ErrorResponse.properties.error),
    }),
    { description: 'each cluster’s page, or its error, side by side' },
  ),
});

export const CreateQuery = Type.Object({
  namespace: Type.Optional(Type.String({ maxLength: 63, description: 'when the object names none' })),
});

export const PatchQuery = Type.Object({
  fieldManager: Type.Optional(Type.String({ minLength: 1, maxLength: 128, default: 'atrium' })),
  force: Flag('server-side apply: take over conflicting fields'),
});
export type PatchQuery = Static<typeof PatchQuery>;

export const DeleteQuery = Type.Object({
  propagationPolicy: Type.Optional(Type.Enum(['Foreground', 'Background', 'Orphan'])),
});

export const ApplyQuery = Type.Object({
  dryRun: Flag('validate and report without changing anything'),
  namespace: Type.Optional(Type.String({ maxLength: 63, description: 'for documents that name none' })),
  force: Flag('take over fields other managers own'),
  fieldManager: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type ApplyQuery = Static<typeof ApplyQuery>;

const ApplyAction = Type.Enum(['created', 'configured', 'unchanged']);

export const ApplyReport = Type.Object({
  dryRun: Type.Boolean(),
  summary: Type.Object({
    created: Type.Integer(),
    configured: Type.Integer(),
    unchanged: Type.Integer(),
    failed: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      index: Type.Integer(),
      kind: Type.String(),
      name: Type.String(),
      namespace: Type.String(),
      action: Type.Optional(ApplyAction),
      error: Type.Optional(
        Type.Object({
          code: Type.String(),
          message: Type.String(),
          details: Type.Record(Type.String(), Type.Unknown()),
        }),
      ),
    }),
  ),
});

export const ApiResourceList = Type.Object({
  items: Type.Array(
    Type.Object({
      group: Type.String(),
      version: Type.String(),
      resource: Type.String(),
      kind: Type.String(),
      namespaced: Type.Boolean(),
      verbs: Type.Array(Type.String()),
      shortNames: Type.Array(Type.String()),
      categories: Type.Array(Type.String()),
      subresources: Type.Array(Type.String()),
      preferred: Type.Boolean(),
      permissions: Type.Object(
        {
          view: Type.String(),
          create: Type.Union([Type.String(), Type.Null()]),
          update: Type.Union([Type.String(), Type.Null()]),
          delete: Type.Union([Type.String(), Type.Null()]),
        },
        { description: 'the code each action needs; null when Atrium allows it to nobody' },
      ),
    }),
  ),
});
