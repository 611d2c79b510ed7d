/**
 * Discovery documents: legacy (/api, /apis, /apis/<g>, /api/v1, /apis/<g>/<v>) and aggregated
 * (apidiscovery.k8s.io/v2 and v2beta1 APIGroupDiscoveryList, which kubectl ≥ 1.30 asks for).
 * Built from the kind registry, so CRD kinds appear as soon as they are registered.
 */
import { createHash } from 'node:crypto';
import type { KindRegistry } from '../registry/kind-registry.ts';
import type { ServedKind } from '../registry/served-kind.ts';

interface SubresourceInfo {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** What discovery says about each subresource; `kind: ''` means the parent's kind. */
const SUBRESOURCES: Record<string, SubresourceInfo> = {
  status: { kind: '', verbs: ['get', 'patch', 'update'] },
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  log: { kind: 'Pod', verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  proxy: { kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  eviction: { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  binding: { kind: 'Binding', verbs: ['create'] },
  ephemeralcontainers: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  token: { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] },
  finalize: { kind: 'Namespace', verbs: ['update'] },
};

function subresourceInfo(kind: ServedKind, name: string): SubresourceInfo {
  const info = SUBRESOURCES[name] ?? { kind: '', verbs: ['get'] };
  return info.kind === '' ? { ...info, kind: kind.kind } : info;
}

/** base64 of the first 8 bytes of sha256("group/version/kind") of the storage version. */
export function storageVersionHash(kind: ServedKind): string {
  const digest = createHash('sha256').update(`${kind.group}/${kind.storageVersion}/${kind.kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}

function kindsIn(registry: KindRegistry, group: string, version: string): ServedKind[] {
  return registry.all().filter((k) => k.group === group && k.version === version);
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string, versions: string[]): Record<string, unknown> {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

export function apiGroupList(registry: KindRegistry): unknown {
  const groups = registry
    .groups()
    .filter((g) => g.name !== '')
    .map((g) => groupDocument(g.name, g.versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroup(registry: KindRegistry, name: string): unknown {
  const group = registry.groups().find((g) => g.name === name && name !== '');
  if (group === undefined) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group.name, group.versions) };
}

export function apiResourceList(registry: KindRegistry, group: string, version: string): unknown {
  const kinds = kindsIn(registry, group, version);
  if (kinds.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const kind of kinds) {
    const entry: Record<string, unknown> = {
      name: kind.resource,
      singularName: kind.singular,
      namespaced: kind.namespaced,
      kind: kind.kind,
      verbs: kind.verbs,
    };
    if (kind.shortNames !== undefined && kind.shortNames.length > 0) entry.shortNames = kind.shortNames;
    if (kind.categories !== undefined && kind.categories.length > 0) entry.categories = kind.categories;
    if (kind.persisted) entry.storageVersionHash = storageVersionHash(kind);
    resources.push(entry);
    for (const sub of kind.subresources ?? []) {
      const info = subresourceInfo(kind, sub);
      const subEntry: Record<string, unknown> = {
        name: `${kind.resource}/${sub}`,
        singularName: '',
        namespaced: kind.namespaced,
      };
      if (info.group !== undefined) subEntry.group = info.group;
      if (info.version !== undefined) subEntry.version = info.version;
      subEntry.kind = info.kind;
      subEntry.verbs = info.verbs;
      resources.push(subEntry);
    }
  }
  const list: Record<string, unknown> = { kind: 'APIResourceList' };
  if (group !== '') list.apiVersion = 'v1';
  list.groupVersion = group === '' ? version : `${group}/${version}`;
  list.resources = resources;
  return list;
}

function discoveryResource(kind: ServedKind): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: kind.resource,
    responseKind: { group: '', version: '', kind: kind.kind },
    scope: kind.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: kind.singular,
    verbs: kind.verbs,
  };
  if (kind.shortNames !== undefined && kind.shortNames.length > 0) entry.shortNames = kind.shortNames;
  if (kind.categories !== undefined && kind.categories.length > 0) entry.categories = kind.categories;
  const subs = (kind.subresources ?? []).map((sub) => {
    const info = subresourceInfo(kind, sub);
    return {
      subresource: sub,
      responseKind: { group: info.group ?? '', version: info.version ?? '', kind: info.kind },
      verbs: info.verbs,
    };
  });
  if (subs.length > 0) entry.subresources = subs;
  return entry;
}

/** The aggregated document for /api (core only) or /apis (every named group). */
export function aggregatedDiscovery(
  registry: KindRegistry,
  legacy: boolean,
  version: 'v2' | 'v2beta1',
): unknown {
  const items = registry
    .groups()
    .filter((g) => (g.name === '') === legacy)
    .map((g) => {
      const metadata: Record<string, unknown> = { creationTimestamp: null };
      if (g.name !== '') metadata.name = g.name;
      return {
        metadata,
        versions: g.versions.map((v) => ({
          version: v,
          resources: kindsIn(registry, g.name, v).map(discoveryResource),
          freshness: 'Current',
        })),
      };
    });
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/** A strong ETag derived from the document itself, so restarts with other CRDs never match. */
export function discoveryEtag(text: string): string {
  return `"${createHash('sha256').update(text).digest('hex').slice(0, 32).toUpperCase()}"`;
}
