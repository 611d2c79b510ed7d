/**
 * The real kubectl against kube-sim: version, namespaces, config maps, output formats, label and
 * field selectors, apply conflicts. (api-resources and get -w: conformance-kubectl.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ nodes: 2 });
});
afterAll(() => k.close());

describe('kubectl against kube-sim', () => {
  it('version reports a -sim server version', async () => {
    const { stdout, code } = await k.run(['version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Server Version: v1\.\d+\.\d+-sim/);
  });

  it('get ns shows the system namespaces as Active', async () => {
    const { stdout } = await k.run(['get', 'ns', '--no-headers']);
    const namespaces = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(namespaces).toEqual([
      'default Active',
      'kube-node-lease Active',
      'kube-public Active',
      'kube-system Active',
    ]);
  });

  it('get nodes shows Ready nodes with the control-plane role', async () => {
    const { stdout } = await k.run(['get', 'nodes', '--no-headers']);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['kubectl-test-control-plane', 'Ready', 'control-plane'],
      ['kubectl-test-worker', 'Ready', '<none>'],
    ]);
  });

  it('creates a namespace and a config map and prints them as yaml, json and jsonpath', async () => {
    expect((await k.run(['create', 'namespace', 'shop'])).stdout).toBe('namespace/shop created\n');
    expect(
      (await k.run(['-n', 'shop', 'create', 'configmap', 'settings', '--from-literal=color=blue'])).stdout,
    ).toBe('configmap/settings created\n');
    const yaml = (await k.run(['-n', 'shop', 'get', 'cm', 'settings', '-o', 'yaml'])).stdout;
    expect(yaml).toContain('kind: ConfigMap');
    expect(yaml).toContain('  color: blue');
    expect(yaml).toMatch(/resourceVersion: "\d+"/);
    const json = JSON.parse((await k.run(['-n', 'shop', 'get', 'cm', 'settings', '-o', 'json'])).stdout) as {
      data: unknown;
    };
    expect(json.data).toEqual({ color: 'blue' });
    const jsonpath = await k.run(['-n', 'shop', 'get', 'cm', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(jsonpath.stdout).toBe('kube-root-ca.crt settings');
  });

  it('labels and annotates, and selects by label', async () => {
    await k.run(['create', 'namespace', 'tags']);
    await k.run(['-n', 'tags', 'create', 'configmap', 'one']);
    await k.run(['-n', 'tags', 'create', 'configmap', 'two']);
    expect((await k.run(['-n', 'tags', 'label', 'cm', 'one', 'tier=web'])).stdout).toBe(
      'configmap/one labeled\n',
    );
    expect((await k.run(['-n', 'tags', 'annotate', 'cm', 'one', 'owner=team-a'])).stdout).toBe(
      'configmap/one annotated\n',
    );
    const selected = await k.run(['-n', 'tags', 'get', 'cm', '-l', 'tier=web', '-o', 'name']);
    expect(selected.stdout).toBe('configmap/one\n');
    const notSelected = await k.run([
      '-n',
      'tags',
      'get',
      'cm',
      '-l',
      'tier!=web',
      '--field-selector',
      'metadata.name!=kube-root-ca.crt',
      '-o',
      'name',
    ]);
    expect(notSelected.stdout).toBe('configmap/two\n');
    const annotation = await k.run([
      '-n',
      'tags',
      'get',
      'cm',
      'one',
      '-o',
      'jsonpath={.metadata.annotations.owner}',
    ]);
    expect(annotation.stdout).toBe('team-a');
  });

  it('reports missing objects with the real error text', async () => {
    const { stderr, code } = await k.run(['-n', 'default', 'get', 'cm', 'nothing-here']);
    expect(code).toBe(1);
    expect(stderr).toBe('Error from server (NotFound): configmaps "nothing-here" not found\n');
  });

  it('applies, reapplies unchanged, and detects server-side apply conflicts', async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    expect((await k.run(['apply', '-f', '-'], { input: manifest })).stdout).toBe(
      'deployment.apps/web created\n',
    );
    expect((await k.run(['apply', '-f', '-'], { input: manifest })).stdout).toBe(
      'deployment.apps/web unchanged\n',
    );
    expect((await k.run(['scale', 'deployment', 'web', '--replicas=4'])).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    const conflict = await k.run(['apply', '--server-side', '-f', '-'], { input: manifest });
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict');
    expect(conflict.stderr).toContain('.spec.replicas');
    const forced = await k.run(['apply', '--server-side', '--force-conflicts', '-f', '-'], {
      input: manifest,
    });
    expect(forced.stdout).toBe('deployment.apps/web serverside-applied\n');
    expect((await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('2');
  });
});
