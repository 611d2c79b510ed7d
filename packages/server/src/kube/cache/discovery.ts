import type { KubeApiClient } from './kube-api-client.ts';
import { refKey, type ResourceRef } from './resource-ref.ts';

/** One kind a cluster serves, as `kubectl api-resources` shows it. */
export interface ApiResource extends ResourceRef {
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  /** e.g. `status`, `scale`, `log`, `exec`. */
  subresources: string[];
  /** Whether this is the group's preferred version. */
  preferred: boolean;
}

interface ApiResourceList {
  groupVersion?: string;
  resources?: {
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
    shortNames?: string[];
    categories?: string[];
  }[];
}

interface ApiGroupList {
  groups?: {
    name: string;
    versions?: { groupVersion: string; version: string }[];
    preferredVersion?: { version: string };
  }[];
}

/** Re-reading discovery for an unknown kind at most this often: a typo must not hammer the cluster. */
const MISS_REFRESH_INTERVAL_MS = 5_000;
const DISCOVERY_TIMEOUT_MS = 10_000;

function fromList(group: string, version: string, list: ApiResourceList, preferred: boolean): ApiResource[] {
  const resources = new Map<string, ApiResource>();
  const subresources: [string, string][] = [];
  for (const entry of list.resources ?? []) {
    const [name, sub] = entry.name.split('/', 2) as [string, string | undefined];
    if (sub !== undefined) {
      subresources.push([name, sub]);
      continue;
    }
    resources.set(name, {
      group,
      version,
      resource: name,
      kind: entry.kind,
      namespaced: entry.namespaced,
      verbs: entry.verbs ?? [],
      shortNames: entry.shortNames ?? [],
      categories: entry.categories ?? [],
      subresources: [],
      preferred,
    });
  }
  for (const [name, sub] of subresources) resources.get(name)?.subresources.push(sub);
  return [...resources.values()];
}

/**
 * Which kinds a cluster serves (legacy discovery: /api, /api/v1, /apis, /apis/<group>/<version>).
 * Read once and kept until invalidated (a CRD changed) or asked for a kind it does not know.
 * A group version that fails (an aggregated API that is down) is left out, as kubectl does.
 */
export class ClusterDiscovery {
  readonly #client: () => KubeApiClient;
  readonly #now: () => number;
  #resources: Promise<Map<string, ApiResource>> | null = null;
  #loadedAt = 0;

  constructor(client: () => KubeApiClient, now: () => number = Date.now) {
    this.#client = client;
    this.#now = now;
  }

  /** Whether a discovery read is held (or under way). */
  get loaded(): boolean {
    return this.#resources !== null;
  }

  invalidate(): void {
    this.#resources = null;
  }

  async all(): Promise<ApiResource[]> {
    return [...(await this.#load()).values()];
  }

  /** The kind for a group/version/resource, refreshing once if it is not known yet (a new CRD). */
  async find(ref: ResourceRef): Promise<ApiResource | undefined> {
    const found = (await this.#load()).get(refKey(ref));
    if (found || this.#now() - this.#loadedAt < MISS_REFRESH_INTERVAL_MS) return found;
    this.invalidate();
    return (await this.#load()).get(refKey(ref));
  }

  /** The preferred version's resource for an apiVersion + kind, as in a manifest. */
  async forKind(group: string, version: string, kind: string): Promise<ApiResource | undefined> {
    const match = (all: ApiResource[]) =>
      all.find((r) => r.group === group && r.version === version && r.kind === kind);
    const found = match(await this.all());
    if (found || this.#now() - this.#loadedAt < MISS_REFRESH_INTERVAL_MS) return found;
    this.invalidate();
    return match(await this.all());
  }

  #load(): Promise<Map<string, ApiResource>> {
    if (!this.#resources) {
      const loading = this.#fetch();
      this.#resources = loading;
      // A failed read is not kept: the next caller tries again.
      loading.catch(() => {
        if (this.#resources === loading) this.#resources = null;
      });
    }
    return this.#resources;
  }

  async #fetch(): Promise<Map<string, ApiResource>> {
    const client = this.#client();
    const [core, groups] = await Promise.all([
      client.request<ApiResourceList>({ path: '/api/v1', timeoutMs: DISCOVERY_TIMEOUT_MS }),
      client.request<ApiGroupList>({ path: '/apis', timeoutMs: DISCOVERY_TIMEOUT_MS }),
    ]);
    const lists = await Promise.all(
      (groups.groups ?? []).flatMap((group) =>
        (group.versions ?? []).map(async (version) => {
          try {
            const path = `/apis/${version.groupVersion}`;
            const list = await client.request<ApiResourceList>({ path, timeoutMs: DISCOVERY_TIMEOUT_MS });
            const preferred =
              (group.preferredVersion?.version ?? group.versions?.[0]?.version) === version.version;
            return fromList(group.name, version.version, list, preferred);
          } catch {
            return [];
          }
        }),
      ),
    );
    const result = new Map<string, ApiResource>();
    for (const resource of [fromList('', 'v1', core, true), ...lists].flat()) {
      result.set(refKey(resource), resource);
    }
    this.#loadedAt = this.#now();
    return result;
  }
}
