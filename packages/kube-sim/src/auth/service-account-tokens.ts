/**
 * Bound service-account tokens (TokenRequest): ES256 JWTs with the claims the real issuer
 * writes. A token authenticates as system:serviceaccount:<ns>:<name> while it is unexpired and
 * its service account (and bound pod, if any) still exists with the same uid.
 */
import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Clock } from '../types.ts';
import type { UserInfo } from '../api/request-context.ts';

export const DEFAULT_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
const ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface TokenClaims {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
}

export interface IssuedToken {
  token: string;
  expirationTimestamp: Date;
}

interface JwtPayload {
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  iss: string;
  jti: string;
  sub: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
  };
}

/** Looks up whether the objects a token is bound to still exist with the given uid. */
export type UidLookup = (
  resource: 'serviceaccounts' | 'pods',
  namespace: string,
  name: string,
) => string | undefined;

export class ServiceAccountTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly keyId: string;
  private readonly clock: Clock;
  private readonly lookupUid: UidLookup;

  constructor(clock: Clock, lookupUid: UidLookup) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = randomUUID().replace(/-/g, '');
    this.clock = clock;
    this.lookupUid = lookupUid;
  }

  issue(claims: TokenClaims): IssuedToken {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + claims.expirationSeconds;
    const payload: JwtPayload = {
      aud: claims.audiences,
      exp,
      iat: now,
      nbf: now,
      iss: ISSUER,
      jti: randomUUID(),
      sub: `system:serviceaccount:${claims.namespace}:${claims.serviceAccount.name}`,
      'kubernetes.io': { namespace: claims.namespace, serviceaccount: claims.serviceAccount },
    };
    if (claims.pod !== undefined) payload['kubernetes.io'].pod = claims.pod;
    const header = { alg: 'ES256', kid: this.keyId };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = createSign('SHA256')
      .update(signingInput)
      .sign({ key: this.privateKey, dsaEncoding: 'ieee-p1363' });
    return {
      token: `${signingInput}.${signature.toString('base64url')}`,
      expirationTimestamp: new Date(exp * 1000),
    };
  }

  /** The user a token stands for, or undefined when it is not a valid, live token of ours. */
  authenticate(token: string, audiences: string[] = [DEFAULT_AUDIENCE]): UserInfo | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, body, signature] = parts as [string, string, string];
    const valid = createVerify('SHA256')
      .update(`${header}.${body}`)
      .verify({ key: this.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    if (!valid) return undefined;
    let payload: JwtPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtPayload;
    } catch {
      return undefined;
    }
    const now = this.clock.now().getTime() / 1000;
    if (payload.exp < now || payload.nbf > now + 60) return undefined;
    if (!payload.aud.some((a) => audiences.includes(a))) return undefined;
    const claims = payload['kubernetes.io'];
    const sa = claims.serviceaccount;
    if (this.lookupUid('serviceaccounts', claims.namespace, sa.name) !== sa.uid) return undefined;
    const extra: Record<string, string[]> = {
      'authentication.kubernetes.io/credential-id': [`JTI=${payload.jti}`],
    };
    if (claims.pod !== undefined) {
      if (this.lookupUid('pods', claims.namespace, claims.pod.name) !== claims.pod.uid) return undefined;
      extra['authentication.kubernetes.io/pod-name'] = [claims.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [claims.pod.uid];
    }
    return {
      username: payload.sub,
      uid: sa.uid,
      groups: [
        'system:serviceaccounts',
        `system:serviceaccounts:${claims.namespace}`,
        'system:authenticated',
      ],
      extra,
    };
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
