import { findSecrets, type KnownSecret } from '@atrium/server/testing/secret-scan';
import type { RecordedResponse } from './response-recorder.ts';

/**
 * A secret handed to the browser on purpose (a session's tokens, an API token shown once): it
 * may appear in the one response that issued it and nowhere else.
 */
export interface IssuedSecret extends KnownSecret {
  issuedBy: RecordedResponse;
}

export interface Leak {
  where: string;
  labels: string[];
}

function json(body: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The tokens the server issued in the recorded responses (sign-ins, refreshes, API tokens). */
export function issuedSecrets(responses: readonly RecordedResponse[]): IssuedSecret[] {
  const issued: IssuedSecret[] = [];
  for (const response of responses) {
    if (response.method !== 'POST' || response.status >= 300) continue;
    const path = new URL(response.url).pathname;
    const body = json(response.body);
    if (!body) continue;
    if (path === '/api/v1/auth/login' || path === '/api/v1/auth/refresh') {
      for (const field of ['accessToken', 'refreshToken']) {
        const value = body[field];
        if (typeof value === 'string')
          issued.push({ label: `${field} from ${path}`, value, issuedBy: response });
      }
    }
    if (path === '/api/v1/me/tokens' && typeof body.token === 'string') {
      issued.push({ label: 'API token', value: body.token, issuedBy: response });
    }
  }
  return issued;
}

/** Every recorded body scanned for `known` secrets and for issued tokens outside their own response. */
export function scanResponses(
  responses: readonly RecordedResponse[],
  known: readonly KnownSecret[],
  issued: readonly IssuedSecret[],
): Leak[] {
  const leaks: Leak[] = [];
  for (const response of responses) {
    if (response.body === undefined) continue;
    const others = issued.filter((secret) => secret.issuedBy !== response);
    const labels = findSecrets(response.body, [...known, ...others]);
    if (labels.length) {
      leaks.push({
        where: `${response.session}: ${response.method} ${response.url} (${response.status})`,
        labels,
      });
    }
  }
  return leaks;
}

const BANNER_RULE = '='.repeat(72);

/**
 * The server's output after the start-up banner. The banner shows a generated admin password
 * once, on purpose; with ATRIUM_ADMIN_PASSWORD set there is none and the whole output counts.
 */
export function afterBanner(output: string): string {
  const start = output.indexOf(BANNER_RULE);
  if (start === -1) return output;
  const end = output.indexOf(BANNER_RULE, start + BANNER_RULE.length);
  return end === -1 ? '' : output.slice(end + BANNER_RULE.length);
}

export function scanText(where: string, text: string, known: readonly KnownSecret[]): Leak[] {
  const labels = findSecrets(text, known);
  return labels.length ? [{ where, labels }] : [];
}
