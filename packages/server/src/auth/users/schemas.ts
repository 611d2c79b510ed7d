import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password-policy.ts';
import { IsoTime, Pagination } from '../../core/http/schemas.ts';

export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$';

export const Username = Type.String({
  minLength: 3,
  maxLength: 63,
  pattern: USERNAME_PATTERN,
  description: "3-63 lowercase letters, digits, '-', '.' or '_', starting and ending with a letter or digit",
});

export const DisplayName = Type.String({ maxLength: 64 });

export const Email = Type.String({
  maxLength: 254,
  pattern: '^(|[^\\s@]+@[^\\s@]+)$',
  description: 'an email address such as alice@example.com (or empty)',
});

export const Phone = Type.String({
  maxLength: 32,
  pattern: '^[0-9+()\\- ]*$',
  description: "digits, spaces and '+', '-', '(', ')'",
});

export const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters with letters and digits`,
});

export const UserStatus = Type.Enum(['active', 'disabled']);

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  status: UserStatus,
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Type.Union([IsoTime, Type.Null()]),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type User = Static<typeof User>;

export const UserList = Type.Object({ items: Type.Array(User), total: Type.Integer() });

export const UserListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 128 })),
  status: Type.Optional(UserStatus),
  ...Pagination,
});

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    password: Password,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    status: Type.Optional(UserStatus),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
