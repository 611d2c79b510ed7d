import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { humanDuration } from './human-duration.ts';
import { toTable } from './table.ts';

const now = new Date('2025-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

function pod(status: object, spec: object = {}, meta: object = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', creationTimestamp: ago(300), ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-a', ...spec },
    status,
  };
}

const podCells = (p: KubeObject) => toTable({ group: '', kind: 'Pod' }, [p], { now }).rows[0]?.cells ?? [];
const podStatus = (p: KubeObject) => podCells(p)[2];
const running = { running: { startedAt: ago(200) } };

describe('human durations', () => {
  it.each([
    [0, '0s'],
    [5, '5s'],
    [119, '119s'],
    [182, '3m2s'],
    [300, '5m'],
    [60 * 45, '45m'],
    [3600 * 2 + 60 * 5, '125m'],
    [3600 * 3 + 60 * 5, '3h5m'],
    [3600 * 10, '10h'],
    [86400 * 2 + 3600 * 3, '2d3h'],
    [86400 * 30, '30d'],
    [86400 * 365 * 3 + 86400 * 10, '3y10d'],
    [-5000, '<invalid>'],
  ])('%i seconds reads %s', (seconds, text) => {
    expect(humanDuration(seconds * 1000)).toBe(text);
  });
});

describe('pod table', () => {
  it('has the kubectl columns, NAME first with format name, wide ones at priority 1', () => {
    const table = toTable({ group: '', kind: 'Pod' }, [], { now });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(table.columnDefinitions[0]?.format).toBe('name');
    expect(table.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual([
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
  });

  it('shows a running pod with its IP and node', () => {
    const cells = podCells(
      pod({
        phase: 'Running',
        podIPs: [{ ip: '10.244.0.7' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
      }),
    );
    expect(cells).toEqual(['web-1', '1/1', 'Running', '0', '5m', '10.244.0.7', 'node-a', '<none>', '<none>']);
  });

  it('reads waiting reasons: ContainerCreating, ImagePullBackOff, CrashLoopBackOff', () => {
    const waiting = (reason: string) =>
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'app', ready: false, state: { waiting: { reason } } }],
      });
    expect(podStatus(waiting('ContainerCreating'))).toBe('ContainerCreating');
    expect(podStatus(waiting('ImagePullBackOff'))).toBe('ImagePullBackOff');
    expect(podStatus(waiting('CrashLoopBackOff'))).toBe('CrashLoopBackOff');
    expect(podStatus(pod({ phase: 'Pending' }))).toBe('Pending');
  });

  it('shows Completed, Error and exit codes of terminated containers', () => {
    const terminated = (t: object) =>
      pod({
        phase: 'Succeeded',
        containerStatuses: [{ name: 'app', ready: false, state: { terminated: t } }],
      });
    expect(podStatus(terminated({ reason: 'Completed', exitCode: 0 }))).toBe('Completed');
    expect(podStatus(terminated({ reason: 'Error', exitCode: 1 }))).toBe('Error');
    expect(podStatus(terminated({ exitCode: 137 }))).toBe('ExitCode:137');
    expect(podStatus(terminated({ exitCode: 0, signal: 9 }))).toBe('Signal:9');
  });

  it('counts restarts and says when the last one was', () => {
    const cells = podCells(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(120) } },
          },
        ],
      }),
    );
    expect(cells.slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '3 (2m ago)']);
  });

  it('shows init progress and init failures', () => {
    const spec = {
      initContainers: [
        { name: 'migrate', image: 'busybox' },
        { name: 'seed', image: 'busybox' },
      ],
    };
    const init = (statuses: object[]) => pod({ phase: 'Pending', initContainerStatuses: statuses }, spec);
    const done = { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(podStatus(init([{ name: 'migrate', state: { waiting: { reason: 'PodInitializing' } } }]))).toBe(
      'Init:0/2',
    );
    expect(podStatus(init([done, { name: 'seed', state: running }]))).toBe('Init:1/2');
    expect(podStatus(init([{ name: 'migrate', state: { waiting: { reason: 'CrashLoopBackOff' } } }]))).toBe(
      'Init:CrashLoopBackOff',
    );
    expect(podStatus(init([{ name: 'migrate', state: { terminated: { exitCode: 2 } } }]))).toBe(
      'Init:ExitCode:2',
    );
  });

  it('shows Terminating for a pod being deleted, Unknown on a lost node', () => {
    const status = { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: running }] };
    expect(podStatus(pod(status, {}, { deletionTimestamp: ago(1) }))).toBe('Terminating');
    expect(podStatus(pod({ ...status, reason: 'NodeLost' }, {}, { deletionTimestamp: ago(1) }))).toBe(
      'Unknown',
    );
    expect(podStatus(pod({ phase: 'Pending', reason: 'Evicted' }))).toBe('Evicted');
  });

  it('shows SchedulingGated and readiness gates', () => {
    const gated = pod({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(podStatus(gated)).toBe('SchedulingGated');
    const gates = pod(
      { phase: 'Running', conditions: [{ type: 'example.com/ready', status: 'True' }] },
      { readinessGates: [{ conditionType: 'example.com/ready' }, { conditionType: 'example.com/other' }] },
    );
    expect(podCells(gates)[8]).toBe('1/2');
  });
});

describe('row objects', () => {
  const p = pod({ phase: 'Running' });
  it('carries partial object metadata by default, the object or nothing on request', () => {
    expect(toTable({ group: '', kind: 'Pod' }, [p], { now }).rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: p.metadata,
    });
    expect(toTable({ group: '', kind: 'Pod' }, [p], { now, includeObject: 'Object' }).rows[0]?.object).toBe(
      p,
    );
    expect(toTable({ group: '', kind: 'Pod' }, [p], { now, includeObject: 'None' }).rows[0]).toEqual({
      cells: expect.any(Array),
    });
  });
});

describe('workload tables', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', creationTimestamp: ago(7200) },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web', tier: 'front' } },
      template: {
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.27' },
            { name: 'log', image: 'fluent-bit' },
          ],
        },
      },
    },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };

  it('prints deployments as READY x/y, UP-TO-DATE, AVAILABLE, containers, images, selector', () => {
    const table = toTable({ group: 'apps', kind: 'Deployment' }, [deployment], { now });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      'Containers',
      'Images',
      'Selector',
    ]);
    expect(table.rows[0]?.cells).toEqual([
      'web',
      '2/3',
      3,
      2,
      '120m',
      'web,log',
      'nginx:1.27,fluent-bit',
      'app=web,tier=front',
    ]);
  });

  it('prints job status, completions and duration', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', creationTimestamp: ago(600) },
      spec: { completions: 1, template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
      status: {
        succeeded: 1,
        startTime: ago(600),
        completionTime: ago(550),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    };
    expect(toTable({ group: 'batch', kind: 'Job' }, [job], { now }).rows[0]?.cells.slice(0, 5)).toEqual([
      'pi',
      'Complete',
      '1/1',
      '50s',
      '10m',
    ]);
  });

  it('prints cron jobs with schedule, suspend and last schedule', () => {
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', creationTimestamp: ago(3600) },
      spec: {
        schedule: '*/5 * * * *',
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [] } } } },
      },
      status: { lastScheduleTime: ago(90) },
    };
    expect(
      toTable({ group: 'batch', kind: 'CronJob' }, [cronJob], { now }).rows[0]?.cells.slice(0, 7),
    ).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 0, '90s', '60m']);
  });
});

describe('node table', () => {
  const node = (labels: Record<string, string>, ready: string, unschedulable = false): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-a', labels, creationTimestamp: ago(86400 * 3) },
    spec: { unschedulable },
    status: {
      conditions: [{ type: 'Ready', status: ready }],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'node-a' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.33.0',
        osImage: 'Debian GNU/Linux 12',
        kernelVersion: '6.1.0',
        containerRuntimeVersion: 'containerd://1.7.0',
      },
    },
  });

  it('shows roles from node-role labels, status and the wide columns', () => {
    const cells = toTable(
      { group: '', kind: 'Node' },
      [node({ 'node-role.kubernetes.io/control-plane': '' }, 'True')],
      {
        now,
      },
    ).rows[0]?.cells;
    expect(cells).toEqual([
      'node-a',
      'Ready',
      'control-plane',
      '3d',
      'v1.33.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12',
      '6.1.0',
      'containerd://1.7.0',
    ]);
  });

  it('shows cordoned and not-ready nodes and nodes without roles', () => {
    const rows = toTable(
      { group: '', kind: 'Node' },
      [
        node({ 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'gpu' }, 'True', true),
        node({}, 'False'),
      ],
      { now },
    ).rows;
    expect(rows[0]?.cells.slice(1, 3)).toEqual(['Ready,SchedulingDisabled', 'gpu,worker']);
    expect(rows[1]?.cells.slice(1, 3)).toEqual(['NotReady', '<none>']);
  });
});

describe('service table', () => {
  const service = (spec: object, status: object = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', creationTimestamp: ago(30) },
    spec,
    status,
  });
  const cells = (s: KubeObject) => toTable({ group: '', kind: 'Service' }, [s], { now }).rows[0]?.cells;

  it('prints ports as port/protocol and node ports as port:nodePort/protocol', () => {
    expect(
      cells(
        service({
          type: 'NodePort',
          clusterIP: '10.96.0.10',
          clusterIPs: ['10.96.0.10'],
          selector: { app: 'web' },
          ports: [
            { port: 80, protocol: 'TCP', nodePort: 30080 },
            { port: 53, protocol: 'UDP' },
          ],
        }),
      ),
    ).toEqual(['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP', '30s', 'app=web']);
  });

  it('shows a pending load balancer, then its address; headless and external name services', () => {
    expect(
      cells(
        service({
          type: 'LoadBalancer',
          clusterIPs: ['10.96.0.11'],
          ports: [{ port: 443, protocol: 'TCP' }],
        }),
      )?.[3],
    ).toBe('<pending>');
    expect(
      cells(
        service(
          { type: 'LoadBalancer', clusterIPs: ['10.96.0.11'] },
          { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } },
        ),
      )?.slice(3, 5),
    ).toEqual(['203.0.113.5', '<none>']);
    expect(
      cells(service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }))?.slice(2, 4),
    ).toEqual(['None', '<none>']);
    expect(cells(service({ type: 'ExternalName', externalName: 'db.example.com' }))?.slice(2, 4)).toEqual([
      '<none>',
      'db.example.com',
    ]);
  });
});

describe('other built-in tables', () => {
  const meta = (name: string, extra: object = {}) => ({ name, creationTimestamp: ago(60), ...extra });

  it('counts config map and secret data and prints secret types', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('cfg'),
      data: { a: '1', b: '2' },
    };
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('tls'),
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': '', 'tls.key': '' },
    };
    expect(toTable({ group: '', kind: 'ConfigMap' }, [cm], { now }).rows[0]?.cells).toEqual([
      'cfg',
      2,
      '60s',
    ]);
    expect(toTable({ group: '', kind: 'Secret' }, [secret], { now }).rows[0]?.cells).toEqual([
      'tls',
      'kubernetes.io/tls',
      2,
      '60s',
    ]);
  });

  it('prints a bound claim with capacity and access modes', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data'),
      spec: { volumeName: 'pv-1', storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
    };
    expect(toTable({ group: '', kind: 'PersistentVolumeClaim' }, [pvc], { now }).rows[0]?.cells).toEqual([
      'data',
      'Bound',
      'pv-1',
      '10Gi',
      'RWO',
      'standard',
      '<unset>',
      '60s',
      'Filesystem',
    ]);
  });

  it('marks the default storage class and prints quota usage', () => {
    const sc: KubeObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    expect(toTable({ group: 'storage.k8s.io', kind: 'StorageClass' }, [sc], { now }).rows[0]?.cells).toEqual([
      'standard (default)',
      'rancher.io/local-path',
      'Delete',
      'WaitForFirstConsumer',
      false,
      '60s',
    ]);
    const quota: KubeObject = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('team'),
      status: {
        hard: { 'requests.cpu': '2', 'limits.cpu': '4', pods: '10' },
        used: { 'requests.cpu': '500m', pods: '3' },
      },
    };
    expect(toTable({ group: '', kind: 'ResourceQuota' }, [quota], { now }).rows[0]?.cells).toEqual([
      'team',
      '60s',
      'pods: 3/10, requests.cpu: 500m/2',
      'limits.cpu: 0/4',
    ]);
  });

  it('prints events with the involved object, and roles with their creation time', () => {
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('web-1.17f'),
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-1 to node-a',
      involvedObject: { kind: 'Pod', name: 'web-1' },
      source: { component: 'default-scheduler' },
      firstTimestamp: ago(40),
      lastTimestamp: ago(40),
      count: 1,
    };
    const cells = toTable({ group: '', kind: 'Event' }, [event], { now }).rows[0]?.cells;
    expect(cells?.slice(0, 4)).toEqual(['40s', 'Normal', 'Scheduled', 'pod/web-1']);
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('reader'),
    };
    expect(
      toTable({ group: 'rbac.authorization.k8s.io', kind: 'Role' }, [role], { now }).rows[0]?.cells,
    ).toEqual(['reader', '2025-06-01T11:59:00Z']);
  });

  it('falls back to NAME and AGE for kinds without a printer', () => {
    const review: KubeObject = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: meta('x') };
    const table = toTable({ group: 'example.com', kind: 'Thing' }, [review], { now });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(table.rows[0]?.cells).toEqual(['x', '60s']);
  });
});

describe('custom resource tables', () => {
  const widget: KubeObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w1', creationTimestamp: ago(3600 * 5) },
    spec: { replicas: 2, size: 'large', tags: [{ name: 'a' }, { name: 'b' }] },
    status: {
      conditions: [
        { type: 'Synced', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
    },
  };

  it('evaluates printer columns, filters included, with typed cells', () => {
    const table = toTable({ group: 'example.com', kind: 'Widget' }, [widget], {
      now,
      printerColumns: [
        { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
        { name: 'Size', type: 'string', jsonPath: '.spec.size', priority: 1 },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'First Tag', type: 'string', jsonPath: '.spec.tags[0].name' },
        { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    });
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Replicas', 'integer', 0],
      ['Size', 'string', 1],
      ['Ready', 'string', 0],
      ['First Tag', 'string', 0],
      ['Missing', 'string', 0],
      ['Age', 'date', 0],
    ]);
    expect(table.rows[0]?.cells).toEqual(['w1', 2, 'large', 'True', 'a', null, '5h']);
  });

  it('shows NAME and AGE when the CRD declares no columns', () => {
    const table = toTable({ group: 'example.com', kind: 'Widget' }, [widget], { now, printerColumns: [] });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(table.rows[0]?.cells).toEqual(['w1', '5h']);
  });
});
