/** Small builders for the demo's manifests, so each object reads as what it is. */
import type { KubeObject } from '../types.ts';

export interface ContainerOptions {
  name: string;
  image: string;
  port?: number;
  portName?: string;
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  env?: Record<string, unknown>[];
  envFrom?: Record<string, unknown>[];
  args?: string[];
  command?: string[];
  volumeMounts?: Record<string, unknown>[];
  readinessPath?: string;
}

export function container(options: ContainerOptions): Record<string, unknown> {
  const result: Record<string, unknown> = { name: options.name, image: options.image };
  if (options.command !== undefined) result.command = options.command;
  if (options.args !== undefined) result.args = options.args;
  if (options.port !== undefined)
    result.ports = [{ name: options.portName ?? 'http', containerPort: options.port, protocol: 'TCP' }];
  if (options.env !== undefined) result.env = options.env;
  if (options.envFrom !== undefined) result.envFrom = options.envFrom;
  if (options.requests !== undefined || options.limits !== undefined) {
    result.resources = {
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(options.requests === undefined ? {} : { requests: options.requests }),
    };
  }
  if (options.volumeMounts !== undefined) result.volumeMounts = options.volumeMounts;
  if (options.readinessPath !== undefined && options.port !== undefined) {
    result.readinessProbe = {
      httpGet: { path: options.readinessPath, port: options.port },
      periodSeconds: 10,
    };
  }
  return result;
}

export interface WorkloadOptions {
  namespace: string;
  name: string;
  replicas?: number;
  labels?: Record<string, string>;
  /** sim.atrium.dev/load of the pods. */
  load?: number;
  containers: Record<string, unknown>[];
  volumes?: Record<string, unknown>[];
}

function template(options: WorkloadOptions, selector: Record<string, string>): Record<string, unknown> {
  const annotations =
    options.load === undefined ? undefined : { 'sim.atrium.dev/load': String(options.load) };
  return {
    metadata: {
      labels: { ...selector, ...(options.labels ?? {}) },
      ...(annotations === undefined ? {} : { annotations }),
    },
    spec: {
      containers: options.containers,
      ...(options.volumes === undefined ? {} : { volumes: options.volumes }),
    },
  };
}

export function deployment(options: WorkloadOptions): KubeObject {
  const selector = { app: options.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { app: options.name, ...(options.labels ?? {}) },
    },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: selector },
      template: template(options, selector),
    },
  };
}

export function statefulSet(
  options: WorkloadOptions & { serviceName: string; claims: { name: string; storage: string }[] },
): KubeObject {
  const selector = { app: options.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { app: options.name, ...(options.labels ?? {}) },
    },
    spec: {
      replicas: options.replicas ?? 1,
      serviceName: options.serviceName,
      selector: { matchLabels: selector },
      template: template(options, selector),
      volumeClaimTemplates: options.claims.map((c) => ({
        metadata: { name: c.name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: c.storage } } },
      })),
    },
  };
}

export function daemonSet(options: WorkloadOptions): KubeObject {
  const selector = { app: options.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { app: options.name, ...(options.labels ?? {}) },
    },
    spec: { selector: { matchLabels: selector }, template: template(options, selector) },
  };
}

export function service(
  namespace: string,
  name: string,
  ports: { name: string; port: number; targetPort: number | string }[],
  spec: Record<string, unknown> = {},
  selector: Record<string, string> = { app: name },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: { selector, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })), ...spec },
  };
}

export function configMap(namespace: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function secret(
  namespace: string,
  name: string,
  stringData: Record<string, string>,
  type = 'Opaque',
): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type, stringData };
}

export function namespace(name: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
