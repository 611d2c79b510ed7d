/** kubectl delete with each propagation policy, on owners with dependents (ownerReferences). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession();
  await k.run(['create', 'namespace', 'gc']);
});
afterAll(() => k.close());

/** Creates owner ConfigMap `<prefix>-owner` and two dependents pointing at it. */
async function family(prefix: string): Promise<void> {
  await k.run(['-n', 'gc', 'create', 'configmap', `${prefix}-owner`]);
  const uid = (await k.run(['-n', 'gc', 'get', 'cm', `${prefix}-owner`, '-o', 'jsonpath={.metadata.uid}']))
    .stdout;
  for (const child of ['a', 'b']) {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${prefix}-${child}
  namespace: gc
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: ${prefix}-owner, uid: ${uid}, blockOwnerDeletion: true, controller: ${child === 'a'}}
`;
    const result = await k.run(['apply', '-f', '-'], { input: manifest });
    expect(result.code, result.stderr).toBe(0);
  }
}

async function names(prefix: string): Promise<string[]> {
  const { stdout } = await k.run(['-n', 'gc', 'get', 'cm', '-o', 'jsonpath={.items[*].metadata.name}']);
  return stdout.split(' ').filter((name) => name.startsWith(`${prefix}-`));
}

describe('kubectl delete --cascade', () => {
  it('background (the default) deletes the owner at once and the dependents after', async () => {
    await family('bg');
    const { stdout } = await k.run(['-n', 'gc', 'delete', 'cm', 'bg-owner']);
    expect(stdout).toBe('configmap "bg-owner" deleted\n');
    await eventually(async () => (await names('bg')).length === 0, 30_000, 'dependents collected');
  });

  it('foreground deletes the dependents first and waits for them with --wait', async () => {
    await family('fg');
    const { stdout, code } = await k.run(['-n', 'gc', 'delete', 'cm', 'fg-owner', '--cascade=foreground']);
    expect(code).toBe(0);
    expect(stdout).toBe('configmap "fg-owner" deleted\n');
    expect(await names('fg')).toEqual([]);
  });

  it('foreground deletion is visible as a foregroundDeletion finalizer while dependents remain', async () => {
    await family('held');
    await k.run([
      '-n',
      'gc',
      'patch',
      'cm',
      'held-a',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":["example.com/hold"]}}',
    ]);
    await k.run(['-n', 'gc', 'delete', 'cm', 'held-owner', '--cascade=foreground', '--wait=false']);
    const finalizers = await k.run([
      '-n',
      'gc',
      'get',
      'cm',
      'held-owner',
      '-o',
      'jsonpath={.metadata.finalizers}',
    ]);
    expect(finalizers.stdout).toBe('["foregroundDeletion"]');
    await k.run([
      '-n',
      'gc',
      'patch',
      'cm',
      'held-a',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    await eventually(async () => (await names('held')).length === 0, 30_000, 'owner and dependents gone');
  });

  it('orphan keeps the dependents and removes their owner references', async () => {
    await family('or');
    await k.run(['-n', 'gc', 'delete', 'cm', 'or-owner', '--cascade=orphan']);
    await eventually(
      async () => (await names('or')).join(',') === 'or-a,or-b',
      30_000,
      'only dependents left',
    );
    await eventually(
      async () =>
        (await k.run(['-n', 'gc', 'get', 'cm', 'or-a', '-o', 'jsonpath={.metadata.ownerReferences}']))
          .stdout === '',
      30_000,
      'owner references removed',
    );
  });

  it('deleting a namespace removes everything in it', async () => {
    await k.run(['create', 'namespace', 'doomed']);
    await k.run(['-n', 'doomed', 'create', 'configmap', 'x']);
    const { code } = await k.run(['delete', 'namespace', 'doomed']);
    expect(code).toBe(0);
    const gone = await k.run(['get', 'namespace', 'doomed']);
    expect(gone.stderr).toBe('Error from server (NotFound): namespaces "doomed" not found\n');
  });
});
