/**
 * ResourceQuota and LimitRange as kubectl users meet them: `kubectl create quota`, a pod beyond
 * it refused with the exact message, `kubectl describe quota`, usage given back on deletion,
 * LimitRange defaults in `get pod -o yaml` and min/max refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { quotaAdmissionExtension } from '../src/admission/extension.ts';
import { eventually } from '../src/testing/test-core.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ extensions: [quotaAdmissionExtension] });
  expect((await k.run(['create', 'namespace', 'q'])).code).toBe(0);
  expect((await k.run(['create', 'namespace', 'lr'])).code).toBe(0);
});
afterAll(() => k.close());

const podYaml = (name: string, cpu: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: "${cpu}", memory: 64Mi}
      limits: {cpu: "${cpu}", memory: 64Mi}
`;

async function describeQuota(): Promise<string> {
  return (await k.run(['-n', 'q', 'describe', 'quota', 'compute'])).stdout;
}

describe('kubectl and ResourceQuota', () => {
  it('create quota, a pod beyond it is refused with the real message, describe shows Used/Hard', async () => {
    const created = await k.run(['-n', 'q', 'create', 'quota', 'compute', '--hard=cpu=1,pods=2']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('resourcequota/compute created\n');
    await eventually(async () => /pods\s+0\s+2/.test(await describeQuota()), 20_000, 'quota status');
    expect((await k.run(['-n', 'q', 'apply', '-f', '-'], { input: podYaml('a', '600m') })).code).toBe(0);
    const refused = await k.run(['-n', 'q', 'apply', '-f', '-'], { input: podYaml('b', '500m') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'pods "b" is forbidden: exceeded quota: compute, requested: cpu=500m, used: cpu=600m, limited: cpu=1',
    );
    const run = await k.run(['-n', 'q', 'run', 'bare', '--image=nginx']);
    expect(run.stderr.trim()).toBe(
      'Error from server (Forbidden): pods "bare" is forbidden: failed quota: compute: must specify cpu for: bare',
    );
    expect(await describeQuota()).toBe(
      [
        'Name:       compute',
        'Namespace:  q',
        'Resource    Used  Hard',
        '--------    ----  ----',
        'cpu         600m  1',
        'pods        1     2',
        '',
      ].join('\n'),
    );
    const table = await k.run(['-n', 'q', 'get', 'quota']);
    expect(table.stdout).toMatch(
      /^NAME\s+AGE\s+REQUEST\s+LIMIT\ncompute\s+\S+\s+cpu: 600m\/1, pods: 1\/2\s+\n$/,
    );
  });

  it('gives the usage back when the pod is deleted', async () => {
    expect((await k.run(['-n', 'q', 'delete', 'pod', 'a', '--wait=false'])).code).toBe(0);
    await eventually(async () => /cpu\s+0\s+1/.test(await describeQuota()), 20_000, 'usage released');
    expect((await k.run(['-n', 'q', 'apply', '-f', '-'], { input: podYaml('b', '500m') })).code).toBe(0);
  });
});

describe('kubectl and LimitRange', () => {
  it('defaults show in get pod -o yaml and bounds refuse with the real messages', async () => {
    const limitRange = `apiVersion: v1
kind: LimitRange
metadata: {name: bounds}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    min: {cpu: 50m}
    max: {memory: 1Gi}
`;
    expect((await k.run(['-n', 'lr', 'apply', '-f', '-'], { input: limitRange })).code).toBe(0);
    expect((await k.run(['-n', 'lr', 'run', 'web', '--image=nginx'])).code).toBe(0);
    const yaml = (await k.run(['-n', 'lr', 'get', 'pod', 'web', '-o', 'yaml'])).stdout;
    expect(yaml).toContain(
      "kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu, memory request for container\n      web; cpu, memory limit for container web'",
    );
    expect(yaml).toContain(
      [
        '    resources:',
        '      limits:',
        '        cpu: 500m',
        '        memory: 256Mi',
        '      requests:',
        '        cpu: 100m',
        '        memory: 128Mi',
      ].join('\n'),
    );
    const tooBig = await k.run([
      '-n',
      'lr',
      'run',
      'big',
      '--image=nginx',
      '--overrides',
      JSON.stringify({
        spec: { containers: [{ name: 'big', image: 'nginx', resources: { limits: { memory: '2Gi' } } }] },
      }),
    ]);
    expect(tooBig.stderr.trim()).toBe(
      'Error from server (Forbidden): pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi',
    );
    const tooSmall = await k.run([
      '-n',
      'lr',
      'run',
      'small',
      '--image=nginx',
      '--overrides',
      JSON.stringify({
        spec: { containers: [{ name: 'small', image: 'nginx', resources: { requests: { cpu: '10m' } } }] },
      }),
    ]);
    expect(tooSmall.stderr.trim()).toBe(
      'Error from server (Forbidden): pods "small" is forbidden: minimum cpu usage per Container is 50m, but request is 10m',
    );
  });
});
