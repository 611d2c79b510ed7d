import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/http/schemas.ts';
import { ScopeType } from '../roles/schemas.ts';

export const Binding = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  roleId: Type.String(),
  roleName: Type.String(),
  scopeType: ScopeType,
  scopeId: Type.String(),
  createdAt: IsoTime,
});
export type Binding = Static<typeof Binding>;

export const BindingList = Type.Object({ items: Type.Array(Binding) });

export const BindingListQuery = Type.Object({
  userId: Type.Optional(Type.String({ maxLength: 64 })),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  scopeType: Type.Optional(ScopeType),
  scopeId: Type.Optional(Type.String({ maxLength: 255 })),
});

export const CreateBindingBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 64 }),
    roleId: Type.String({ minLength: 1, maxLength: 64 }),
    scopeType: ScopeType,
    scopeId: Type.Optional(
      Type.String({ maxLength: 255, description: 'the project or workspace id; empty for platform' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateBindingBody = Static<typeof CreateBindingBody>;
