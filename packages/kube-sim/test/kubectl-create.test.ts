/**
 * `kubectl create <kind>`, create token, drain: kubectl ≥ 1.32 sends these bodies as protobuf.
 * The objects must come out exactly as the flags describe them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ nodes: 2 });
  await k.run(['create', 'namespace', 'made']);
});
afterAll(() => k.close());

async function created(args: string[], jsonpath: string): Promise<string> {
  const result = await k.run(['-n', 'made', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const kindAndName = result.stdout.trim().split(' ')[0] ?? '';
  return (await k.run(['-n', 'made', 'get', kindAndName, '-o', `jsonpath=${jsonpath}`])).stdout;
}

describe('kubectl create through typed (protobuf) clients', () => {
  it('config maps and secrets keep their data', async () => {
    expect(
      await created(['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'], '{.data}'),
    ).toBe('{"a":"1","b":"two"}');
    expect(
      await created(
        ['create', 'secret', 'generic', 'pw', '--from-literal=password=s3cret'],
        '{.type} {.data.password}',
      ),
    ).toBe(`Opaque ${Buffer.from('s3cret').toString('base64')}`);
  });

  it('deployments keep replicas (including 0), image, ports and command', async () => {
    expect(
      await created(
        [
          'create',
          'deployment',
          'web',
          '--image=nginx:1.27',
          '--replicas=3',
          '--port=8080',
          '--',
          'nginx',
          '-g',
          'daemon off;',
        ],
        '{.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort} {.spec.template.spec.containers[0].command}',
      ),
    ).toBe('3 web nginx:1.27 8080 ["nginx","-g","daemon off;"]');
    expect(
      await created(['create', 'deployment', 'idle', '--image=nginx', '--replicas=0'], '{.spec.replicas}'),
    ).toBe('0');
  });

  it('jobs and cron jobs keep their schedule and restart policy', async () => {
    expect(
      await created(
        ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'],
        '{.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}',
      ),
    ).toBe('Never ["echo","hi"]');
    expect(
      await created(
        ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *'],
        '{.spec.schedule} {.spec.jobTemplate.spec.template.spec.restartPolicy}',
      ),
    ).toBe('*/5 * * * * OnFailure');
  });

  it('services, quotas, disruption budgets and ingresses keep their specs', async () => {
    expect(
      await created(
        ['create', 'service', 'clusterip', 'api', '--tcp=80:8080'],
        '{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}',
      ),
    ).toBe('ClusterIP 80 8080');
    expect(await created(['create', 'quota', 'small', '--hard=pods=10,requests.cpu=2'], '{.spec.hard}')).toBe(
      '{"pods":"10","requests.cpu":"2"}',
    );
    expect(
      await created(
        ['create', 'pdb', 'keep-half', '--selector=app=web', '--min-available=50%'],
        '{.spec.minAvailable} {.spec.selector.matchLabels.app}',
      ),
    ).toBe('50% web');
    expect(
      await created(
        ['create', 'ingress', 'front', '--class=nginx', '--rule=shop.example.com/api*=api:80'],
        '{.spec.ingressClassName} {.spec.rules[0].host} {.spec.rules[0].http.paths[0].backend.service.port.number}',
      ),
    ).toBe('nginx shop.example.com 80');
  });

  it('service accounts get tokens, and drain evicts pods from a node', async () => {
    await k.run(['-n', 'made', 'create', 'serviceaccount', 'bot']);
    const token = await k.run(['-n', 'made', 'create', 'token', 'bot', '--duration=20m']);
    expect(token.stdout.trim().split('.')).toHaveLength(3);
    // In `default`: the quota created above in `made` (requests.cpu) would refuse a pod without requests.
    await k.run([
      '-n',
      'default',
      'run',
      'victim',
      '--image=nginx',
      '--overrides={"spec":{"nodeName":"kubectl-test-worker"}}',
    ]);
    // The web pods are guarded by the keep-half budget and could not all leave: drain only the victim.
    await k.run(['-n', 'made', 'delete', 'deployment', 'web']);
    const drain = await k.run(['drain', 'kubectl-test-worker', '--ignore-daemonsets', '--force']);
    expect(drain.stdout).toContain('pod/victim evicted');
    expect((await k.run(['-n', 'default', 'get', 'pod', 'victim'])).stderr).toBe(
      'Error from server (NotFound): pods "victim" not found\n',
    );
  });
});
