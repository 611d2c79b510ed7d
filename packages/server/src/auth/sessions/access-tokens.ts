import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../core/clock.ts';
import { tokenExpired, unauthenticated } from '../../core/errors/errors.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'atrium';
const AUDIENCE = 'atrium-api';

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

/** Short-lived HS256 JWTs carrying the user (`sub`) and session family (`sid`). */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly #clock: Clock;

  constructor(signingKey: Uint8Array, clock: Clock) {
    this.#key = signingKey;
    this.#clock = clock;
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }> {
    const now = Math.floor(this.#clock.now() / 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.#key);
    return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.#clock.now()),
      });
      if (typeof payload.sub !== 'string' || typeof payload['sid'] !== 'string') {
        throw unauthenticated('The access token is malformed');
      }
      return { userId: payload.sub, sessionId: payload['sid'] };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw tokenExpired();
      if (error instanceof errors.JOSEError) throw unauthenticated('The access token is not valid');
      throw error;
    }
  }
}
