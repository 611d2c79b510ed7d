import { describe, expect, it } from 'vitest';
import { parseReadyz } from './readiness-checks.ts';

describe('verbose /readyz', () => {
  it('reads each check and its verdict', () => {
    const body = '[+]ping ok\n[+]etcd ok\n[-]informer-sync failed: reason withheld\nreadyz check failed\n';
    expect(parseReadyz(body)).toEqual([
      { name: 'ping', ok: true, message: 'ok' },
      { name: 'etcd', ok: true, message: 'ok' },
      { name: 'informer-sync', ok: false, message: 'failed: reason withheld' },
    ]);
  });
});
