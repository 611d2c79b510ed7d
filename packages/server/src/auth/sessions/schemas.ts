import { Type, type Static } from 'typebox';
import { User } from '../users/schemas.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 255 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);

export const LogoutBody = Type.Object(
  { refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) },
  { additionalProperties: false },
);

export const TokenPair = Type.Object({
  accessToken: Type.String({ description: 'JWT for "Authorization: Bearer …", valid for expiresIn seconds' }),
  refreshToken: Type.String({ description: 'Single-use; exchange at /auth/refresh for a new pair' }),
  expiresIn: Type.Integer(),
  user: User,
});
