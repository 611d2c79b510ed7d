/**
 * The `platform-tools` namespace (what a platform team runs for everyone: dashboards, a log
 * agent on every node, a scheduled backup) and the cluster-wide IngressClass `nginx`.
 */
import type { KubeObject } from '../types.ts';
import { configMap, container, daemonSet, deployment, secret, service } from './manifests.ts';

const NS = 'platform-tools';

export function platformObjects(): KubeObject[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    configMap(NS, 'grafana-datasources', {
      'datasources.yaml':
        'apiVersion: 1\ndatasources:\n- name: Prometheus\n  type: prometheus\n  url: http://prometheus.platform-tools:9090\n  isDefault: true\n',
    }),
    configMap(NS, 'fluent-bit-config', {
      'fluent-bit.conf':
        '[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n[OUTPUT]\n    Name stdout\n    Match *\n',
    }),
    secret(NS, 'grafana-admin', { 'admin-user': 'admin', 'admin-password': 'demo-only-password' }),
    deployment({
      namespace: NS,
      name: 'grafana',
      load: 0.15,
      containers: [
        container({
          name: 'grafana',
          image: 'grafana/grafana:11.2.0',
          port: 3000,
          requests: { cpu: '100m', memory: '256Mi' },
          limits: { cpu: '500m', memory: '512Mi' },
          env: [
            {
              name: 'GF_SECURITY_ADMIN_USER',
              valueFrom: { secretKeyRef: { name: 'grafana-admin', key: 'admin-user' } },
            },
            {
              name: 'GF_SECURITY_ADMIN_PASSWORD',
              valueFrom: { secretKeyRef: { name: 'grafana-admin', key: 'admin-password' } },
            },
          ],
          volumeMounts: [{ name: 'datasources', mountPath: '/etc/grafana/provisioning/datasources' }],
          readinessPath: '/api/health',
        }),
      ],
      volumes: [{ name: 'datasources', configMap: { name: 'grafana-datasources' } }],
    }),
    service(NS, 'grafana', [{ name: 'http', port: 3000, targetPort: 'http' }]),
    daemonSet({
      namespace: NS,
      name: 'log-agent',
      load: 0.05,
      containers: [
        container({
          name: 'fluent-bit',
          image: 'fluent/fluent-bit:3.1',
          requests: { cpu: '50m', memory: '64Mi' },
          limits: { cpu: '200m', memory: '128Mi' },
          volumeMounts: [
            { name: 'config', mountPath: '/fluent-bit/etc' },
            { name: 'varlog', mountPath: '/var/log', readOnly: true },
          ],
        }),
      ],
      volumes: [
        { name: 'config', configMap: { name: 'fluent-bit-config' } },
        { name: 'varlog', hostPath: { path: '/var/log' } },
      ],
    }),
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'config-backup', namespace: NS },
      spec: {
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                containers: [
                  container({
                    name: 'backup',
                    image: 'busybox:1.36',
                    command: [
                      'sh',
                      '-c',
                      'date; echo backing up cluster configuration; sleep 2; echo backup complete',
                    ],
                  }),
                ],
              },
            },
          },
        },
      },
    },
  ];
}
