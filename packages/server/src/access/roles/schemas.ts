import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/http/schemas.ts';

export const ScopeType = Type.Enum(['platform', 'project', 'workspace']);

export const RoleName = Type.String({
  minLength: 3,
  maxLength: 63,
  pattern: '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$',
  description: "3-63 lowercase letters, digits or '-', starting and ending with a letter or digit",
});

const PermissionCodes = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 1000 });

export const Role = Type.Object({
  id: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
  scopeType: ScopeType,
  builtin: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Role = Static<typeof Role>;

export const RoleList = Type.Object({ items: Type.Array(Role) });

export const RoleListQuery = Type.Object({ scopeType: Type.Optional(ScopeType) });

export const CreateRoleBody = Type.Object(
  {
    name: RoleName,
    displayName: Type.Optional(Type.String({ maxLength: 64 })),
    description: Type.Optional(Type.String({ maxLength: 512 })),
    scopeType: ScopeType,
    permissions: PermissionCodes,
  },
  { additionalProperties: false },
);
export type CreateRoleBody = Static<typeof CreateRoleBody>;

export const UpdateRoleBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 64 })),
    description: Type.Optional(Type.String({ maxLength: 512 })),
    permissions: Type.Optional(PermissionCodes),
  },
  { additionalProperties: false },
);
export type UpdateRoleBody = Static<typeof UpdateRoleBody>;
