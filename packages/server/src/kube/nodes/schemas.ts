import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/http/schemas.ts';
import { ClusterName } from '../clusters/schemas.ts';

export const NodeParams = Type.Object({
  cluster: ClusterName,
  node: Type.String({ minLength: 1, maxLength: 253 }),
});

const Amounts = Type.Object({
  cpu: Type.Number({ description: 'cores' }),
  memory: Type.Number({ description: 'bytes' }),
});
const AmountsWithPods = Type.Object({ ...Amounts.properties, pods: Type.Number() });

export const TaintEffect = Type.Enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

const QUALIFIED_NAME = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)';
export const Taint = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 316,
      pattern: `^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?${QUALIFIED_NAME}$`,
      description: 'a qualified name such as dedicated or example.com/gpu',
    }),
    value: Type.Optional(
      Type.String({
        maxLength: 63,
        pattern: `^(${QUALIFIED_NAME})?$`,
        description: 'empty or a label value',
      }),
    ),
    effect: TaintEffect,
  },
  { additionalProperties: false },
);

export const TaintsBody = Type.Object(
  { taints: Type.Array(Taint, { maxItems: 100 }) },
  { additionalProperties: false },
);
export type TaintsBody = Static<typeof TaintsBody>;

export const NodeSummary = Type.Object({
  name: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.Enum(['Ready', 'NotReady', 'Unknown']),
  schedulable: Type.Boolean(),
  version: Type.String(),
  internalIP: Type.String(),
  osImage: Type.String(),
  containerRuntime: Type.String(),
  architecture: Type.String(),
  createdAt: Type.Union([IsoTime, Type.Null()]),
  labels: Type.Record(Type.String(), Type.String()),
  taints: Type.Array(Type.Object({ key: Type.String(), value: Type.String(), effect: Type.String() })),
  allocatable: AmountsWithPods,
  requested: AmountsWithPods,
  /** From metrics.k8s.io; null when the cluster has no metrics API. */
  usage: Type.Union([Amounts, Type.Null()]),
});
export type NodeSummary = Static<typeof NodeSummary>;

export const NodeList = Type.Object({ items: Type.Array(NodeSummary) });

export const PodRow = Type.Object({
  namespace: Type.String(),
  name: Type.String(),
  phase: Type.String(),
  terminating: Type.Boolean(),
  requests: Amounts,
  owner: Type.Union([Type.Object({ kind: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.Union([IsoTime, Type.Null()]),
});
export type PodRow = Static<typeof PodRow>;

export const NodeDetail = Type.Object({
  summary: NodeSummary,
  /** The Node object as the cluster returns it. */
  node: Type.Record(Type.String(), Type.Unknown()),
  pods: Type.Array(PodRow),
});

export const DrainBody = Type.Object(
  {
    timeoutSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3600,
        description: 'give up on pods not evicted by then (default 300)',
      }),
    ),
    gracePeriodSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 86_400, description: "overrides the pods' own grace period" }),
    ),
    force: Type.Optional(
      Type.Boolean({
        description: 'also evict pods no controller manages: nothing recreates them (kubectl drain --force)',
      }),
    ),
    deleteEmptyDirData: Type.Optional(
      Type.Boolean({
        description: 'also evict pods with emptyDir volumes, losing their data (--delete-emptydir-data)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DrainBody = Static<typeof DrainBody>;

const PodReason = Type.Object({ pod: Type.String(), reason: Type.String() });

export const DrainStatus = Type.Object({
  id: Type.String(),
  cluster: Type.String(),
  node: Type.String(),
  phase: Type.Enum(['Running', 'Succeeded', 'Failed']),
  startedAt: IsoTime,
  finishedAt: Type.Union([IsoTime, Type.Null()]),
  /** `namespace/name` of every pod evicted and gone. */
  evicted: Type.Array(Type.String()),
  pending: Type.Array(Type.String()),
  /** Pods that could not be evicted, and why (a disruption budget, a timeout…). */
  failed: Type.Array(PodReason),
  /** DaemonSet and mirror pods, which a drain leaves alone. */
  skipped: Type.Array(PodReason),
  message: Type.String(),
});
export type DrainStatus = Static<typeof DrainStatus>;
