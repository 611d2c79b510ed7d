/** Pod IO through @kubernetes/client-node: Exec (WebSocket v5/v4), Log (follow), readNamespacedPodLog. */
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startCluster, type Cluster } from '../src/cluster/start-cluster.ts';
import { eventually } from '../src/testing/test-core.ts';

let cluster: Cluster;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

beforeAll(async () => {
  cluster = await startCluster({ name: 'podio-client-node', nodes: 2 });
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: 'io' } } });
  await core.createNamespacedPod({
    namespace: 'io',
    body: {
      metadata: { name: 'api' },
      spec: {
        containers: [
          { name: 'main', image: 'acme/orders-api:3.2' },
          { name: 'proxy', image: 'nginx:1.27' },
        ],
      },
    },
  });
  await eventually(
    async () => (await core.readNamespacedPod({ namespace: 'io', name: 'api' })).status?.phase === 'Running',
    30_000,
  );
}, 60_000);
afterAll(() => cluster.stop());

async function exec(
  command: string[],
  stdin?: string,
  tty = false,
): Promise<{ out: string; err: string; status: k8s.V1Status }> {
  const out = collect();
  const err = collect();
  const status = await new Promise<k8s.V1Status>((resolve, reject) => {
    new k8s.Exec(kc)
      .exec(
        'io',
        'api',
        'main',
        command,
        out.stream,
        err.stream,
        stdin === undefined ? null : Readable.from([stdin]),
        tty,
        resolve,
      )
      .catch(reject);
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { out: out.text(), err: err.text(), status };
}

describe('client-node Exec', () => {
  it('runs commands and reports success and exit codes in the status', async () => {
    const ok = await exec(['sh', '-c', 'echo "$HOSTNAME" && echo oops >&2']);
    expect(ok.out).toBe('api\n');
    expect(ok.err).toBe('oops\n');
    expect(ok.status.status).toBe('Success');
    const failed = await exec(['ls', '/nonexistent']);
    expect(failed.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    });
  });

  it('reads stdin and sees the processes of the container', async () => {
    const r = await exec(['sh'], 'read line; echo "got $line"\n');
    expect(r.out).toBe('got \n');
    const ps = await exec(['ps', 'aux']);
    expect(ps.out).toContain('/app/orders-api');
  });
});

describe('client-node Log', () => {
  it('gets the API server answer for a pod with several containers and no container named', async () => {
    try {
      await core.readNamespacedPodLog({ namespace: 'io', name: 'api' });
      throw new Error('expected a 400');
    } catch (err) {
      expect(err).toBeInstanceOf(k8s.ApiException);
      const body = (err as k8s.ApiException<string>).body;
      const status = (typeof body === 'string' ? JSON.parse(body) : body) as {
        message: string;
        code: number;
      };
      expect(status).toMatchObject({
        code: 400,
        message: 'a container name must be specified for pod api, choose one of: [main proxy]',
      });
    }
    const text = await core.readNamespacedPodLog({
      namespace: 'io',
      name: 'api',
      container: 'main',
      tailLines: 3,
    });
    expect(text.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('follows a container log until the container stops', async () => {
    const out = collect();
    let ended = false;
    out.stream.on('end', () => (ended = true));
    await new k8s.Log(kc).log('io', 'api', 'proxy', out.stream, { follow: true, tailLines: 1 });
    const first = await eventually(() => out.text().split('\n').filter(Boolean).length || undefined, 10_000);
    expect(first).toBe(1);
    await eventually(() => out.text().split('\n').filter(Boolean).length >= 2, 10_000, 'a followed line');
    expect(ended).toBe(false);
    // Deleting the pod stops its containers: the follow ends with them.
    await core.deleteNamespacedPod({ namespace: 'io', name: 'api' });
    await eventually(() => ended, 10_000, 'the stream to end');
  });
});
