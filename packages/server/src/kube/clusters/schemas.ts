import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/http/schemas.ts';

export const ClusterName = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  description:
    "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
});

export const ClusterParams = Type.Object({ cluster: ClusterName });

const Pem = Type.String({ maxLength: 65_536, description: 'PEM as plain text' });

export const CredentialInput = Type.Object(
  {
    type: Type.Enum(['kubeconfig', 'token', 'certificate', 'in-cluster']),
    kubeconfig: Type.Optional(
      Type.String({ maxLength: 524_288, description: 'kubeconfig: the file (YAML)' }),
    ),
    context: Type.Optional(Type.String({ maxLength: 253, description: 'kubeconfig: the context to use' })),
    server: Type.Optional(Type.String({ maxLength: 2048, description: 'token, certificate: https:// URL' })),
    token: Type.Optional(Type.String({ maxLength: 16_384, description: 'token: bearer token' })),
    caData: Type.Optional(Pem),
    certData: Type.Optional(Pem),
    keyData: Type.Optional(Pem),
    insecureSkipTLSVerify: Type.Optional(
      Type.Boolean({
        description:
          'token, certificate, kubeconfig: turn TLS verification off, explicitly (the cluster then carries a warning)',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'kubeconfig {kubeconfig, context?}; token {server, token, caData?, insecureSkipTLSVerify?}; certificate {server, certData, keyData, caData?, insecureSkipTLSVerify?}; in-cluster {} (the service account Atrium runs with)',
  },
);
export type CredentialInputBody = Static<typeof CredentialInput>;

const Environment = Type.String({ maxLength: 32, description: 'dev, test, staging, prod or any tag' });
const Region = Type.String({ maxLength: 64 });
const DisplayName = Type.String({ maxLength: 128 });
const Description = Type.String({ maxLength: 1024 });

export const CreateClusterBody = Type.Object(
  {
    name: ClusterName,
    displayName: Type.Optional(DisplayName),
    description: Type.Optional(Description),
    environment: Type.Optional(Environment),
    region: Type.Optional(Region),
    credential: CredentialInput,
  },
  { additionalProperties: false },
);
export type CreateClusterBody = Static<typeof CreateClusterBody>;

export const UpdateClusterBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    description: Type.Optional(Description),
    environment: Type.Optional(Environment),
    region: Type.Optional(Region),
  },
  { additionalProperties: false },
);
export type UpdateClusterBody = Static<typeof UpdateClusterBody>;

export const CredentialBody = Type.Object({ credential: CredentialInput }, { additionalProperties: false });

export const DeleteClusterBody = Type.Union(
  [
    Type.Object(
      { confirmName: Type.Optional(Type.String({ maxLength: 63 })) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { description: "optional: {confirmName} repeats the cluster's name (or use ?confirm=)" },
);

export const DeleteClusterQuery = Type.Object({
  confirm: Type.Optional(Type.String({ maxLength: 63, description: "the cluster's name, typed again" })),
});

const Warning = Type.Object({ code: Type.String(), message: Type.String() });

export const ClusterStatus = Type.Object({
  phase: Type.Enum(['Ready', 'Degraded', 'Unreachable']),
  message: Type.String(),
  lastReadyTime: Type.Union([IsoTime, Type.Null()]),
  version: Type.Union([Type.String(), Type.Null()]),
});

export const Cluster = Type.Object({
  name: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
  environment: Type.String(),
  region: Type.String(),
  credential: Type.Object({
    type: Type.String(),
    server: Type.String(),
    insecureSkipTLSVerify: Type.Boolean(),
  }),
  warnings: Type.Array(Warning),
  status: ClusterStatus,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Cluster = Static<typeof Cluster>;

const Resources = Type.Object({
  cpu: Type.Number({ description: 'cores' }),
  memory: Type.Number({ description: 'bytes' }),
});

const ClusterListItem = Type.Object({
  ...Cluster.properties,
  nodeCount: Type.Union([Type.Integer(), Type.Null()]),
  allocatable: Type.Union([Resources, Type.Null()]),
  requested: Type.Union([Resources, Type.Null()]),
  /** Why the summary fields are null: this cluster failed; the others still answer. */
  summaryError: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
});
export type ClusterListItem = Static<typeof ClusterListItem>;

export const ClusterList = Type.Object({ items: Type.Array(ClusterListItem) });

export const ConnectionTestResult = Type.Object({
  ok: Type.Boolean(),
  version: Type.Union([Type.String(), Type.Null()]),
  checks: Type.Array(
    Type.Object({
      name: Type.String(),
      ok: Type.Boolean(),
      message: Type.String(),
      code: Type.Optional(Type.String()),
    }),
  ),
});
