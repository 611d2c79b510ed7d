/** `seed: 'demo'` (the CLI's --seed demo): what the demo promises, seen through kubectl. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { eventually } from '../src/testing/test-core.ts';

let k: KubectlSession;
const warnings: string[] = [];
const warn = console.warn;
beforeAll(async () => {
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  k = await startKubectlSession({ seed: 'demo', nodes: 4 });
});
afterAll(async () => {
  console.warn = warn;
  await k.close();
});

const kc = async (...args: string[]): Promise<string> => {
  const result = await k.run(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

describe('the demo seed', () => {
  it('is admitted in full', () => {
    expect(warnings.filter((w) => w.includes('demo seed'))).toEqual([]);
  });

  it('labels nodes with a region and zones', async () => {
    const zones = await kc(
      'get',
      'nodes',
      '-L',
      'topology.kubernetes.io/zone',
      '--no-headers',
      '-o',
      'custom-columns=NAME:.metadata.name,ZONE:.metadata.labels.topology\\.kubernetes\\.io/zone,REGION:.metadata.labels.topology\\.kubernetes\\.io/region',
    );
    expect(
      zones
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).slice(1)),
    ).toEqual([
      ['atrium-east-1a', 'atrium-east-1'],
      ['atrium-east-1b', 'atrium-east-1'],
      ['atrium-east-1c', 'atrium-east-1'],
      ['atrium-east-1a', 'atrium-east-1'],
    ]);
  });

  it('creates the shop workspace: quota, limits, workloads, services, ingress, HPA, config', async () => {
    expect(
      await kc('get', 'namespaces', 'shop', 'platform-tools', '-o', 'jsonpath={.items[*].metadata.name}'),
    ).toBe('shop platform-tools');
    expect(
      await kc(
        '-n',
        'shop',
        'get',
        'deployments',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}',
      ),
    ).toBe('api=2 checkout-worker=1 web=3 ');
    expect(
      await kc(
        '-n',
        'shop',
        'get',
        'statefulset',
        'redis',
        '-o',
        'jsonpath={.spec.volumeClaimTemplates[0].spec.resources.requests.storage}',
      ),
    ).toBe('1Gi');
    expect(
      await kc('-n', 'shop', 'get', 'pod', 'legacy-report', '-o', 'jsonpath={.spec.containers[0].image}'),
    ).toBe('ghcr.io/atrium-demo/legacy-report:missing');
    expect(
      await kc(
        '-n',
        'shop',
        'get',
        'deploy',
        'checkout-worker',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ),
    ).toContain('crash');
    const services = await kc('-n', 'shop', 'get', 'svc');
    expect(services).toMatch(/^redis\s+ClusterIP\s+None\s+<none>\s+6379\/TCP/m);
    expect(services).toMatch(/^web\s+ClusterIP\s+10\.9\d\.\d+\.\d+\s+<none>\s+80\/TCP/m);
    await eventually(
      async () =>
        /^shop-public\s+LoadBalancer\s+\S+\s+172\.18\.255\.\d+\s+80:3\d{4}\/TCP/m.test(
          await kc('-n', 'shop', 'get', 'svc', 'shop-public'),
        ),
      30_000,
      'LoadBalancer address',
    );
    expect(await kc('-n', 'shop', 'get', 'ingress', 'shop')).toMatch(
      /^shop\s+nginx\s+shop\.demo\.atrium\.local\s+/m,
    );
    expect(await kc('get', 'ingressclass', 'nginx', '-o', 'jsonpath={.spec.controller}')).toBe(
      'k8s.io/ingress-nginx',
    );
    expect(
      await kc('-n', 'shop', 'get', 'hpa', 'api', '-o', 'jsonpath={.spec.minReplicas}-{.spec.maxReplicas}'),
    ).toBe('2-6');
    expect(await kc('-n', 'shop', 'get', 'configmaps', 'api-config', 'web-config', '-o', 'name')).toBe(
      'configmap/api-config\nconfigmap/web-config\n',
    );
    expect(await kc('-n', 'shop', 'get', 'secret', 'api-credentials', '-o', 'jsonpath={.type}')).toBe(
      'Opaque',
    );
    expect(await kc('-n', 'shop', 'get', 'job', 'db-migrate', '-o', 'name')).toBe('job.batch/db-migrate\n');
    const quota = await kc('-n', 'shop', 'describe', 'quota', 'shop-quota');
    expect(quota).toMatch(/requests\.cpu\s+\S+\s+4/);
    expect(quota).toMatch(/pods\s+\d+\s+30/);
    expect(await kc('-n', 'shop', 'describe', 'limitrange', 'shop-defaults')).toMatch(
      /Container\s+cpu\s+-\s+2\s+100m\s+500m\s+-/,
    );
  });

  it('creates the platform tools, a 5-minute CronJob and the Backup CRD with its printer columns', async () => {
    expect(
      await kc('-n', 'platform-tools', 'get', 'cronjob', 'config-backup', '-o', 'jsonpath={.spec.schedule}'),
    ).toBe('*/5 * * * *');
    expect(await kc('-n', 'platform-tools', 'get', 'daemonset,deployment', '-o', 'name')).toBe(
      'daemonset.apps/log-agent\ndeployment.apps/grafana\n',
    );
    const backups = await kc('get', 'backups', '-A');
    expect(backups).toMatch(/^NAMESPACE\s+NAME\s+SOURCE\s+SCHEDULE\s+PHASE\s+LAST BACKUP\s+AGE$/m);
    expect(backups).toMatch(
      /^shop\s+redis-nightly\s+statefulset\/redis\s+0 2 \* \* \*\s+Completed\s+3h\s+\S+$/m,
    );
    expect(backups).toMatch(
      /^platform-tools\s+grafana-weekly\s+deployment\/grafana\s+0 3 \* \* 0\s+Completed\s+3h\s+\S+$/m,
    );
    expect(await kc('get', 'bk', '-n', 'shop', 'orders-hourly', '-o', 'jsonpath={.status.phase}')).toBe(
      'Failed',
    );
  });

  it('gives the standard class to claims', async () => {
    expect(await kc('get', 'storageclass')).toMatch(/^standard \(default\)\s+sim\.atrium\.dev\/hostpath/m);
  });
});
