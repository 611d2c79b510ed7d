import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { ClusterStore, type ClusterRow } from './store.ts';

function clusterRow(name: string, overrides: Partial<ClusterRow> = {}): ClusterRow {
  return {
    id: randomUUID(),
    name,
    display_name: name,
    description: '集群 — a cluster',
    environment: 'prod',
    region: 'eu-west-1',
    credential_type: 'token',
    server: 'https://10.0.0.1:6443',
    insecure_skip_tls_verify: 0,
    credential: 'v1.sealed',
    credential_version: 1,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    ...overrides,
  };
}

describeEachDatabase('cluster store tests', (t) => {
  const store = new ClusterStore();

  it('stores and reads back a cluster, sorted by name', async () => {
    const row = clusterRow('prod-eu');
    await store.insert(t.db(), row);
    await store.insert(t.db(), clusterRow('dev-eu'));
    expect(await store.findByName(t.db(), 'prod-eu')).toEqual(row);
    expect((await store.list(t.db())).map((r) => r.name)).toEqual(['dev-eu', 'prod-eu']);
    expect(await store.findByName(t.db(), 'PROD-EU')).toBeUndefined();
  });

  it('refuses a second cluster of the same name', async () => {
    await store.insert(t.db(), clusterRow('twin'));
    const error = await store.insert(t.db(), clusterRow('twin')).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('replaces the credential and bumps its version in one statement', async () => {
    await store.insert(t.db(), clusterRow('rotating'));
    await store.replaceCredential(t.db(), 'rotating', {
      credential: 'v1.new',
      credential_type: 'certificate',
      server: 'https://10.0.0.2:6443',
      insecure_skip_tls_verify: 1,
      updated_at: 1_700_000_000_500,
    });
    expect(await store.findByName(t.db(), 'rotating')).toMatchObject({
      credential: 'v1.new',
      credential_type: 'certificate',
      server: 'https://10.0.0.2:6443',
      insecure_skip_tls_verify: 1,
      credential_version: 2,
      updated_at: 1_700_000_000_500,
    });
  });

  it('edits metadata and deletes', async () => {
    await store.insert(t.db(), clusterRow('edited'));
    await store.update(t.db(), 'edited', { display_name: 'Edited', region: 'cn-north-1' });
    expect(await store.findByName(t.db(), 'edited')).toMatchObject({
      display_name: 'Edited',
      region: 'cn-north-1',
    });
    expect(await store.delete(t.db(), 'edited')).toBe(true);
    expect(await store.delete(t.db(), 'edited')).toBe(false);
  });

  it('keeps a long sealed credential whole', async () => {
    const credential = `v1.${'x'.repeat(200_000)}`;
    await store.insert(t.db(), clusterRow('big', { credential }));
    expect((await store.findByName(t.db(), 'big'))?.credential).toBe(credential);
  });
});
