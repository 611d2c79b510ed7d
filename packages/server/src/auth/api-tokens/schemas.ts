import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/http/schemas.ts';

export const ApiTokenScopes = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
  maxItems: 500,
  description: 'Permission codes the token is limited to; ["*"] (the default) means all of yours',
});

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })),
    scopes: Type.Optional(ApiTokenScopes),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The first characters of the token, to recognise it by; the rest is never shown again. */
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: IsoTime,
  lastUsedAt: Type.Union([IsoTime, Type.Null()]),
  createdAt: IsoTime,
});
export type ApiToken = Static<typeof ApiToken>;

export const CreatedApiToken = Type.Object({
  token: Type.String({ description: 'Shown once; send it as "Authorization: Bearer atr_…"' }),
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: IsoTime,
  createdAt: IsoTime,
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
