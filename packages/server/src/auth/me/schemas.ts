import { Type } from 'typebox';
import { Password, User } from '../users/schemas.ts';

const Codes = Type.Array(Type.String());

export const PermissionSummary = Type.Object(
  {
    platform: Codes,
    projects: Type.Record(Type.String(), Codes),
    workspaces: Type.Record(Type.String(), Codes),
  },
  {
    description:
      'Effective codes: platform ones, and per project / workspace the codes that apply there (inherited ones included)',
  },
);

export const Me = Type.Object({ user: User, permissions: PermissionSummary });

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Password,
  },
  { additionalProperties: false },
);
