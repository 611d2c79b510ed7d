import { Type, type Static } from 'typebox';
import { IsoTime, Pagination } from '../core/http/schemas.ts';

const Id = Type.String({ maxLength: 255 });

export const AuditEvent = Type.Object({
  id: Type.String(),
  time: IsoTime,
  actorType: Type.Enum(['user', 'token', 'system']),
  actorId: Type.String(),
  actorName: Type.String(),
  sourceIp: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  clusterId: Type.String(),
  projectId: Type.String(),
  workspaceId: Type.String(),
  applicationId: Type.String(),
  statusCode: Type.Integer(),
  errorCode: Type.String(),
  outcome: Type.Enum(['success', 'failure']),
  diff: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditList = Type.Object({ items: Type.Array(AuditEvent), total: Type.Integer() });

export const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive, ISO-8601' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive, ISO-8601' })),
  actor: Type.Optional(Type.String({ maxLength: 255, description: 'actor id or name' })),
  action: Type.Optional(
    Type.String({ maxLength: 128, description: 'exact, or a prefix ending in * (users.*)' }),
  ),
  targetType: Type.Optional(Type.String({ maxLength: 64 })),
  clusterId: Type.Optional(Id),
  projectId: Type.Optional(Id),
  workspaceId: Type.Optional(Id),
  applicationId: Type.Optional(Id),
  outcome: Type.Optional(Type.Enum(['success', 'failure'])),
  format: Type.Optional(Type.Enum(['json', 'csv'], { description: 'csv also needs audit:export' })),
  ...Pagination,
});
export type AuditQuery = Static<typeof AuditQuery>;
