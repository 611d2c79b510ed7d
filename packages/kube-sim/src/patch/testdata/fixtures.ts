/**
 * Test fixtures: PatchMeta trees written by hand after the Kubernetes models (patchStrategy,
 * patchMergeKey, listType, listMapKeys, mapType as in the v1.31 OpenAPI), and realistic objects.
 */
import type { PatchMeta } from '../../schema/patch-meta.ts';
import type { KubeObject } from '../../types.ts';
import { OBJECT_META_PATCH_META } from '../patch-meta-lookup.ts';

const scalar: PatchMeta = { type: 'scalar' };
const stringMap: PatchMeta = { type: 'map', items: scalar };
const atomicStrings: PatchMeta = { type: 'list', listType: 'atomic', items: scalar };

function keyedList(mergeKey: string, items: PatchMeta, listMapKeys: string[] = [mergeKey]): PatchMeta {
  return { type: 'list', strategies: ['merge'], mergeKey, listType: 'map', listMapKeys, items };
}

const container: PatchMeta = {
  type: 'object',
  fields: {
    name: scalar,
    image: scalar,
    args: atomicStrings,
    command: atomicStrings,
    env: keyedList('name', {
      type: 'object',
      fields: { name: scalar, value: scalar, valueFrom: { type: 'object' } },
    }),
    ports: keyedList(
      'containerPort',
      { type: 'object', fields: { containerPort: scalar, protocol: scalar, name: scalar } },
      ['containerPort', 'protocol'],
    ),
    volumeMounts: keyedList('mountPath', {
      type: 'object',
      fields: { name: scalar, mountPath: scalar, readOnly: scalar },
    }),
    resources: { type: 'object', fields: { limits: stringMap, requests: stringMap } },
  },
};

const podSpec: PatchMeta = {
  type: 'object',
  fields: {
    containers: keyedList('name', container),
    initContainers: keyedList('name', container),
    volumes: keyedList('name', {
      type: 'object',
      fields: { name: scalar, configMap: { type: 'object' }, emptyDir: { type: 'object' } },
    }),
    nodeSelector: stringMap,
    tolerations: { type: 'list', listType: 'atomic', items: { type: 'object' } },
  },
};

/** apps/v1 Deployment; `metadata` is left out to exercise the ObjectMeta fallback. */
export const DEPLOYMENT_META: PatchMeta = {
  type: 'object',
  fields: {
    spec: {
      type: 'object',
      fields: {
        replicas: scalar,
        selector: { type: 'object', mapType: 'atomic', fields: { matchLabels: stringMap } },
        strategy: {
          type: 'object',
          strategies: ['retainKeys'],
          fields: {
            type: scalar,
            rollingUpdate: { type: 'object', fields: { maxSurge: scalar, maxUnavailable: scalar } },
          },
        },
        template: { type: 'object', fields: { metadata: OBJECT_META_PATCH_META, spec: podSpec } },
      },
    },
    status: { type: 'object' },
  },
};

export const SERVICE_META: PatchMeta = {
  type: 'object',
  fields: {
    spec: {
      type: 'object',
      fields: {
        type: scalar,
        selector: { type: 'map', mapType: 'atomic', items: scalar },
        ports: keyedList(
          'port',
          { type: 'object', fields: { name: scalar, port: scalar, protocol: scalar, targetPort: scalar } },
          ['port', 'protocol'],
        ),
      },
    },
  },
};

/** v1 Node: taints carry no patch strategy and are an atomic list. */
export const NODE_META: PatchMeta = {
  type: 'object',
  fields: {
    spec: {
      type: 'object',
      fields: {
        unschedulable: scalar,
        taints: { type: 'list', listType: 'atomic', items: { type: 'object' } },
      },
    },
  },
};

export function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '6f1c2d2e-0000-4000-8000-000000000001',
      resourceVersion: '41',
      generation: 3,
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels: { app: 'web', tier: 'frontend' },
      annotations: { 'deployment.kubernetes.io/revision': '3' },
      finalizers: ['example.com/protect'],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [
                { name: 'MODE', value: 'production' },
                { name: 'LOG_LEVEL', value: 'info' },
              ],
              volumeMounts: [{ name: 'config', mountPath: '/etc/nginx/conf.d' }],
            },
            {
              name: 'metrics',
              image: 'prom/nginx-exporter:0.11',
              ports: [{ containerPort: 9113, protocol: 'TCP' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
        },
      },
    },
  };
}

export function service(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
      ],
    },
  };
}

export function node(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
    spec: {
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    },
  };
}

/** A typed view for reaching into test results without casts everywhere. */
export interface DeploymentShape {
  metadata: { labels?: Record<string, string>; finalizers?: string[]; annotations?: Record<string, string> };
  spec: {
    replicas?: number;
    strategy?: { type?: string; rollingUpdate?: unknown };
    template: {
      spec: {
        containers: Array<{
          name: string;
          image?: string;
          env?: Array<{ name: string; value?: string }>;
          ports?: unknown[];
        }>;
        volumes?: Array<{ name: string }>;
      };
    };
  };
}

export function asDeployment(value: unknown): DeploymentShape {
  return value as DeploymentShape;
}
