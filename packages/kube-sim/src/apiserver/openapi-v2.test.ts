import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../cluster/start-cluster.ts';
import { SchemaCatalog } from '../schema/catalog.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ name: 'openapi-v2', extensions: [] });
});
afterAll(() => cluster.stop());

function get(path: string, accept: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, cluster.url),
      { headers: { Accept: accept, Authorization: `Bearer ${cluster.adminToken}` }, ca: cluster.caPem },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('GET /openapi/v2', () => {
  it('answers the protobuf kubectl validation asks for, with the parseable content type', async () => {
    const expected = new SchemaCatalog().openApiV2Protobuf();
    for (const accept of [
      'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    ]) {
      const res = await get('/openapi/v2', accept);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
      expect(res.body.equals(expected)).toBe(true);
    }
  });

  it('answers JSON when JSON comes first', async () => {
    const res = await get(
      '/openapi/v2',
      'application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect((JSON.parse(res.body.toString('utf8')) as { swagger: string }).swagger).toBe('2.0');
  });
});
