import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KubeObject } from '../types.ts';
import { applyDefaults } from './defaults.ts';

/** kubectl prints YAML with keys sorted. */
const asKubectlYaml = (value: unknown) => stringify(value, { sortMapEntries: true, lineWidth: 0 });

const at = (obj: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined),
    obj,
  );

describe('applyDefaults', () => {
  it('fills a bare Deployment exactly as `kubectl get deploy -o yaml` shows its spec', () => {
    const bare: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    };
    const defaulted = applyDefaults({ group: 'apps', kind: 'Deployment' }, bare);
    expect(asKubectlYaml({ spec: defaulted.spec })).toBe(`spec:
  progressDeadlineSeconds: 600
  replicas: 1
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
        - image: nginx
          imagePullPolicy: Always
          name: web
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
`);
    expect(bare.spec).not.toHaveProperty('replicas');
  });

  it('defaults a Pod like the API server and its admission plugins do', () => {
    const pod = applyDefaults(
      { group: '', kind: 'Pod' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example.com:5000/team/app:1.2',
              ports: [{ containerPort: 8080 }],
              resources: { limits: { cpu: '500m' } },
              readinessProbe: { httpGet: { port: 8080 } },
            },
          ],
        },
      },
    );
    const spec = pod.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      serviceAccountName: 'default',
      serviceAccount: 'default',
      enableServiceLinks: true,
      priority: 0,
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    });
    expect(at(spec, 'containers', 0)).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } },
      readinessProbe: {
        httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
    });
  });

  it('pulls :latest and untagged images always, tagged and digested ones if not present', () => {
    const policy = (image: string) =>
      at(
        applyDefaults(
          { group: '', kind: 'Pod' },
          { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'a', image }] } },
        ),
        'spec',
        'containers',
        0,
        'imagePullPolicy',
      );
    expect(policy('nginx')).toBe('Always');
    expect(policy('nginx:latest')).toBe('Always');
    expect(policy('localhost:5000/nginx')).toBe('Always');
    expect(policy('nginx:1.27')).toBe('IfNotPresent');
    expect(policy('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe(
      'IfNotPresent',
    );
  });

  it('keeps tolerations the pod already has for the not-ready taint', () => {
    const pod = applyDefaults(
      { group: '', kind: 'Pod' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {},
        spec: { containers: [], tolerations: [{ operator: 'Exists' }] },
      },
    );
    expect(at(pod, 'spec', 'tolerations')).toEqual([{ operator: 'Exists' }]);
  });

  it('defaults StatefulSets, DaemonSets, Jobs and CronJobs', () => {
    const template = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'x', image: 'x:1' }] },
    };
    const sts = applyDefaults(
      { group: 'apps', kind: 'StatefulSet' },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template,
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }],
        },
      },
    );
    expect(sts.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          spec: { volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
    const ds = applyDefaults(
      { group: 'apps', kind: 'DaemonSet' },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {}, spec: { template } },
    );
    expect(ds.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    const job = applyDefaults(
      { group: 'batch', kind: 'Job' },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi', uid: 'u-1' },
        spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } },
      },
    );
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
    });
    expect(job.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' });
    const cronJob = applyDefaults(
      { group: 'batch', kind: 'CronJob' },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: {},
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
      },
    );
    expect(cronJob.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: { template: { spec: { restartPolicy: 'Always' } } },
      },
    });
  });

  it('defaults Services: type, affinity, protocols, target ports, traffic policies, IP families', () => {
    const svc = applyDefaults(
      { group: '', kind: 'Service' },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] },
      },
    );
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const lb = applyDefaults(
      { group: '', kind: 'Service' },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {},
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      },
    );
    expect(lb.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
  });

  it('defaults HPAs, secrets, claims and namespaces', () => {
    const hpa = applyDefaults(
      { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: {},
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
      },
    );
    expect(hpa.spec).toMatchObject({
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    });
    const secret = applyDefaults(
      { group: '', kind: 'Secret' },
      { apiVersion: 'v1', kind: 'Secret', metadata: {}, stringData: { password: 's3cret' } },
    );
    expect(secret).toMatchObject({ type: 'Opaque', data: { password: 'czNjcmV0' } });
    expect(secret).not.toHaveProperty('stringData');
    const pvc = applyDefaults(
      { group: '', kind: 'PersistentVolumeClaim' },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, spec: {} },
    );
    expect(pvc.spec).toEqual({ volumeMode: 'Filesystem' });
    const ns = applyDefaults(
      { group: '', kind: 'Namespace' },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    );
    expect(ns).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });
});
