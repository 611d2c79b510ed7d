/** Workload objects for the controllers' tests, shaped like what kubectl create would send. */
import type { KubeObject } from '../../../types.ts';

export function podTemplate(app: string, image = 'nginx:1.27'): Record<string, unknown> {
  return {
    metadata: { labels: { app } },
    spec: { containers: [{ name: 'app', image }] },
  };
}

export function deployment(name: string, replicas: number, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
  };
}

export function statefulSet(name: string, replicas: number, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name),
      ...spec,
    },
  };
}

export function daemonSet(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
  };
}

export function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { spec: { containers: [{ name: 'work', image: 'busybox' }], restartPolicy: 'Never' } },
      ...spec,
    },
  };
}

export function cronJob(name: string, schedule: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule,
      jobTemplate: {
        spec: {
          template: {
            spec: { containers: [{ name: 'work', image: 'busybox' }], restartPolicy: 'OnFailure' },
          },
        },
      },
      ...spec,
    },
  };
}
