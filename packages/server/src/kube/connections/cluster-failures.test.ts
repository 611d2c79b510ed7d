import { describe, expect, it } from 'vitest';
import { networkFailure } from './cluster-failures.ts';

/** What undici's fetch rejects with: a TypeError whose cause is the socket's error. */
function fetchFailure(code: string, extra: Record<string, unknown> = {}): Error {
  const cause = Object.assign(new Error(code), { code, ...extra });
  return new TypeError('fetch failed', { cause });
}

const target = { server: 'https://api.example.com:6443', caProvided: true, timeoutMs: 10_000 };

describe('network failures', () => {
  it('say which TLS problem it is, from the error code Node reports', () => {
    const mismatch = networkFailure(
      fetchFailure('ERR_TLS_CERT_ALTNAME_INVALID', {
        reason: "Host: api.example.com. is not in the cert's altnames",
      }),
      target,
    );
    expect(mismatch.code).toBe('CLUSTER_TLS_ERROR');
    expect(mismatch.message).toContain('not valid for "api.example.com" (hostname mismatch)');
    expect(mismatch.details).toMatchObject({
      reason: 'hostname-mismatch',
      tlsError: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });

    const selfSigned = networkFailure(fetchFailure('DEPTH_ZERO_SELF_SIGNED_CERT'), {
      ...target,
      caProvided: false,
    });
    expect(selfSigned.message).toBe(
      'The API server presents a self-signed certificate: provide it as the CA certificate (caData)',
    );
    expect(networkFailure(fetchFailure('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), target).message).toBe(
      "The API server's certificate is not signed by the CA you provided",
    );
    expect(networkFailure(fetchFailure('CERT_HAS_EXPIRED'), target).message).toBe(
      "The API server's certificate has expired",
    );
  });

  it('are 502 with a code per failure', () => {
    const cases: [Error, string][] = [
      [fetchFailure('ENOTFOUND'), 'CLUSTER_DNS_ERROR'],
      [fetchFailure('ECONNREFUSED'), 'CLUSTER_CONNECTION_REFUSED'],
      [fetchFailure('UND_ERR_CONNECT_TIMEOUT'), 'CLUSTER_TIMEOUT'],
      [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'CLUSTER_TIMEOUT'],
      [fetchFailure('EHOSTUNREACH'), 'CLUSTER_UNREACHABLE'],
    ];
    for (const [error, code] of cases) {
      const failure = networkFailure(error, target);
      expect([failure.code, failure.statusCode]).toEqual([code, 502]);
    }
  });
});
