/** kubectl auth can-i / whoami, RBAC-limited tokens, client certificates and 401/403 bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
let bob: string;
beforeAll(async () => {
  k = await startKubectlSession();
  await k.run(['create', 'namespace', 'team']);
  await k.run([
    '-n',
    'team',
    'create',
    'role',
    'cm-reader',
    '--verb=get,list,watch',
    '--resource=configmaps',
  ]);
  await k.run(['-n', 'team', 'create', 'rolebinding', 'bob-reads', '--role=cm-reader', '--user=bob']);
  const token = k.cluster.addToken('bob', ['developers']);
  bob = await k.writeKubeconfig('bob', k.cluster.kubeconfigFor('bob', { token }));
});
afterAll(() => k.close());

describe('kubectl auth', () => {
  it('can-i: an RBAC-limited user gets yes only where a binding allows', async () => {
    expect(
      (await k.run(['-n', 'team', 'auth', 'can-i', 'list', 'configmaps'], { kubeconfig: bob })).stdout,
    ).toBe('yes\n');
    const denied = await k.run(['-n', 'team', 'auth', 'can-i', 'delete', 'configmaps'], { kubeconfig: bob });
    expect(denied.stdout).toBe('no\n');
    expect(denied.code).toBe(1);
    expect(
      (await k.run(['-n', 'default', 'auth', 'can-i', 'list', 'configmaps'], { kubeconfig: bob })).stdout,
    ).toBe('no\n');
  });

  it('can-i --list shows the rules that apply', async () => {
    const { stdout } = await k.run(['-n', 'team', 'auth', 'can-i', '--list'], { kubeconfig: bob });
    expect(stdout).toMatch(/configmaps\s+\[\]\s+\[\]\s+\[get list watch\]/);
    expect(stdout).toMatch(/selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
  });

  it('whoami shows the user and groups', async () => {
    const { stdout } = await k.run(
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'],
      {
        kubeconfig: bob,
      },
    );
    expect(stdout).toBe('bob ["developers","system:authenticated"]');
  });

  it('a denied request gets the real Forbidden message', async () => {
    const { stderr } = await k.run(['-n', 'default', 'get', 'configmaps'], { kubeconfig: bob });
    expect(stderr).toBe(
      'Error from server (Forbidden): configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default"\n',
    );
    const node = await k.run(['get', 'node', 'x'], { kubeconfig: bob });
    expect(node.stderr).toContain(
      'nodes "x" is forbidden: User "bob" cannot get resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('a revoked token is Unauthorized', async () => {
    const token = k.cluster.addToken('carol');
    const carol = await k.writeKubeconfig('carol', k.cluster.kubeconfigFor('carol', { token }));
    expect(
      (await k.run(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], { kubeconfig: carol }))
        .stdout,
    ).toBe('carol');
    k.cluster.revokeToken(token);
    const { stderr, code } = await k.run(['get', 'ns'], { kubeconfig: carol });
    expect(code).toBe(1);
    expect(stderr).toContain('You must be logged in to the server (Unauthorized)');
  });

  it('authenticates client certificates: CN is the user, O the groups', async () => {
    const cert = await k.cluster.mintClientCertificate('dora', ['system:masters', 'ops']);
    const dora = await k.writeKubeconfig('dora', k.cluster.kubeconfigFor('dora', cert));
    const { stdout } = await k.run(
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'],
      {
        kubeconfig: dora,
      },
    );
    expect(stdout).toBe('dora ["system:masters","ops","system:authenticated"]');
    expect((await k.run(['get', 'ns', 'team', '-o', 'name'], { kubeconfig: dora })).stdout).toBe(
      'namespace/team\n',
    );
  });

  it('impersonates with --as when allowed, and forbids it otherwise', async () => {
    const asBob = await k.run([
      '-n',
      'team',
      '--as=bob',
      '--as-group=developers',
      'auth',
      'whoami',
      '-o',
      'jsonpath={.status.userInfo.username} {.status.userInfo.groups}',
    ]);
    expect(asBob.stdout).toBe('bob ["developers","system:authenticated"]');
    expect((await k.run(['-n', 'team', '--as=bob', 'get', 'configmaps', '-o', 'name'])).code).toBe(0);
    const denied = await k.run(['--as=alice', 'get', 'ns'], { kubeconfig: bob });
    expect(denied.stderr).toBe(
      'Error from server (Forbidden): users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    );
  });

  it('service account tokens from kubectl create token authenticate as the service account', async () => {
    await k.run(['-n', 'team', 'create', 'serviceaccount', 'robot']);
    const token = (await k.run(['-n', 'team', 'create', 'token', 'robot'])).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const robot = await k.writeKubeconfig('robot', k.cluster.kubeconfigFor('robot', { token }));
    const { stdout } = await k.run(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], {
      kubeconfig: robot,
    });
    expect(stdout).toBe('system:serviceaccount:team:robot');
    await k.run(['-n', 'team', 'delete', 'serviceaccount', 'robot']);
    expect((await k.run(['get', 'ns'], { kubeconfig: robot })).stderr).toContain('Unauthorized');
  });
});
