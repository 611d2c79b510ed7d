/**
 * Every kind the server currently serves: the built-in table plus CRD-defined kinds registered
 * at run time. Discovery, routing, the garbage collector and the tables/schema modules read it.
 */
import { BUILTIN_KINDS, type ResourceKind } from './builtin-kinds.ts';
import { storageKeyOf, type ScalePaths, type ServedKind } from './served-kind.ts';

/** Kinds whose metadata.generation the real server maintains. */
const GENERATION_KINDS = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'autoscaling/HorizontalPodAutoscaler',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget',
  'apiextensions.k8s.io/CustomResourceDefinition',
  '/ReplicationController',
]);

const NOT_PERSISTED_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

const REPLICAS_SCALE: ScalePaths = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  structuredSelectorPath: '.spec.selector',
};

export function serveBuiltin(kind: ResourceKind): ServedKind {
  const subresources = kind.subresources ?? [];
  const served: ServedKind = {
    ...kind,
    storageKey: storageKeyOf(kind.group, kind.resource),
    storageVersion: kind.version,
    hasStatus: subresources.includes('status'),
    tracksGeneration: GENERATION_KINDS.has(`${kind.group}/${kind.kind}`),
    custom: false,
    persisted: !NOT_PERSISTED_GROUPS.has(kind.group),
  };
  if (subresources.includes('scale')) served.scale = REPLICAS_SCALE;
  return served;
}

export interface GroupInfo {
  name: string;
  /** Served versions, preferred first. */
  versions: string[];
}

export class KindRegistry {
  private readonly kinds: ServedKind[] = [];
  private readonly byResource = new Map<string, ServedKind>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  constructor(builtins: readonly ResourceKind[] = BUILTIN_KINDS) {
    for (const kind of builtins) this.add(serveBuiltin(kind));
  }

  /** Bumped on every change; discovery uses it as an ETag. */
  get version(): number {
    return this.generation;
  }

  all(): readonly ServedKind[] {
    return this.kinds;
  }

  lookup(group: string, version: string, resource: string): ServedKind | undefined {
    return this.byResource.get(`${group}/${version}/${resource}`);
  }

  /** The preferred version of a resource (the one kubectl would pick). */
  preferred(group: string, resource: string): ServedKind | undefined {
    const versions = this.groups().find((g) => g.name === group)?.versions ?? [];
    for (const version of versions) {
      const kind = this.lookup(group, version, resource);
      if (kind !== undefined) return kind;
    }
    return undefined;
  }

  byKind(apiVersion: string, kind: string): ServedKind | undefined {
    const [group, version] = splitApiVersion(apiVersion);
    return this.kinds.find((k) => k.group === group && k.version === version && k.kind === kind);
  }

  /** Every served version of the resource stored under `storageKey`. */
  byStorageKey(storageKey: string): ServedKind[] {
    return this.kinds.filter((k) => k.storageKey === storageKey);
  }

  groups(): GroupInfo[] {
    const versionsByGroup = new Map<string, Set<string>>();
    for (const kind of this.kinds) {
      let versions = versionsByGroup.get(kind.group);
      if (versions === undefined) {
        versions = new Set();
        versionsByGroup.set(kind.group, versions);
      }
      versions.add(kind.version);
    }
    return [...versionsByGroup].map(([name, versions]) => ({
      name,
      versions: [...versions].sort(compareKubeVersions),
    }));
  }

  add(kind: ServedKind): void {
    const key = `${kind.group}/${kind.version}/${kind.resource}`;
    const existing = this.byResource.get(key);
    if (existing !== undefined) this.kinds.splice(this.kinds.indexOf(existing), 1);
    this.kinds.push(kind);
    this.byResource.set(key, kind);
    this.changed();
  }

  /** Removes every kind defined by the named CRD. */
  removeCrd(crdName: string): ServedKind[] {
    const removed = this.kinds.filter((k) => k.crdName === crdName);
    for (const kind of removed) {
      this.kinds.splice(this.kinds.indexOf(kind), 1);
      this.byResource.delete(`${kind.group}/${kind.version}/${kind.resource}`);
    }
    if (removed.length > 0) this.changed();
    return removed;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}

export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes version priority: GA before beta before alpha, higher numbers first, then
 * non-Kubernetes-looking versions alphabetically.
 */
export function compareKubeVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = KUBE_VERSION.exec(v);
    if (m === null) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (ra[i] as number) - (rb[i] as number);
    if (diff !== 0) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
