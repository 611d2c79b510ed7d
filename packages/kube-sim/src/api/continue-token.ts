/**
 * List continuation tokens in the real server's encoding: base64url of
 * `{"v":"meta.k8s.io/v1","rv":<list rv>,"start":"<next key>"}` where the key is
 * `namespace/name\0` (or `name\0` for cluster-scoped kinds) — the first key after the last item.
 */
import { badRequest } from './errors.ts';

export interface ContinueToken {
  /** The list's resourceVersion; -1 continues against the current state (inconsistent). */
  rv: number;
  /** Items whose key is >= start come next. */
  start: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

export function encodeContinue(token: ContinueToken): string {
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: token.rv, start: token.start });
  return Buffer.from(json).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
  if (parsed === null || typeof parsed !== 'object')
    throw badRequest('continue key is not valid: not an object');
  const { v, rv, start } = parsed as Record<string, unknown>;
  if (v !== TOKEN_VERSION) {
    throw badRequest(
      `continue key is not valid: server does not recognize this encoded version "${String(v)}"`,
    );
  }
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv === 0 || rv < -1) {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (typeof start !== 'string' || start === '') {
    throw badRequest('continue key is not valid: encoded start key is empty');
  }
  return { rv, start };
}

/** The storage key of an object relative to its resource, as used in tokens. */
export function objectKey(namespace: string | undefined, name: string | undefined): string {
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** The key just after `key`, so the next page starts after the last returned item. */
export function keyAfter(key: string): string {
  return `${key}\u0000`;
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
