/** Storage through kubectl: the default class, a claim bound to a provisioned volume, deletion. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { storageExtension } from '../src/storage/extension.ts';
import { eventually } from '../src/testing/test-core.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ extensions: [storageExtension] });
  expect((await k.run(['create', 'namespace', 'vol'])).code).toBe(0);
});
afterAll(() => k.close());

const kc = async (...args: string[]): Promise<string> => (await k.run(['-n', 'vol', ...args])).stdout;

describe('kubectl and storage', () => {
  it('a claim without a class binds to a provisioned volume of the default class', async () => {
    await eventually(
      async () =>
        /^standard \(default\)\s+sim\.atrium\.dev\/hostpath\s+Delete\s+Immediate\s+true\s+\S+$/m.test(
          await kc('get', 'storageclass'),
        ),
      20_000,
      'default class',
    );
    const claim = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 3Gi}}
`;
    expect((await k.run(['-n', 'vol', 'apply', '-f', '-'], { input: claim })).stdout).toBe(
      'persistentvolumeclaim/data created\n',
    );
    const uid = await kc('get', 'pvc', 'data', '-o', 'jsonpath={.metadata.uid}');
    await eventually(
      async () =>
        new RegExp(`^data\\s+Bound\\s+pvc-${uid}\\s+3Gi\\s+RWO\\s+standard\\s+<unset>\\s+\\S+$`, 'm').test(
          await kc('get', 'pvc'),
        ),
      20_000,
      'Bound claim',
    );
    expect(await kc('get', 'pv')).toMatch(
      new RegExp(
        `^pvc-${uid}\\s+3Gi\\s+RWO\\s+Delete\\s+Bound\\s+vol/data\\s+standard\\s+<unset>\\s+\\S+$`,
        'm',
      ),
    );
    expect(await kc('describe', 'pvc', 'data')).toMatch(
      /ProvisioningSucceeded\s+\S+\s+sim\.atrium\.dev\/hostpath_kube-sim-provisioner\s+Successfully provisioned volume pvc-/,
    );
    expect((await k.run(['-n', 'vol', 'delete', 'pvc', 'data'])).stdout).toBe(
      'persistentvolumeclaim "data" deleted\n',
    );
    await eventually(
      async () => (await k.run(['get', 'pv', `pvc-${uid}`])).stderr.includes('NotFound'),
      20_000,
      'volume deleted',
    );
  });
});
