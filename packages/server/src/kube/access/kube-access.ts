import type { AccessControl, PermissionSummary } from '../../access/access-control.ts';
import type { WorkspaceLocator } from '../../access/workspace-locator.ts';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { forbidden } from '../../core/errors/errors.ts';
import { CLUSTER_CODES, OBJECT_CODES } from './kind-permissions.ts';
import type { WorkspaceNamespaces } from './workspace-namespaces.ts';

/** Where a caller may do something in a cluster: everywhere, or in these namespaces. */
export type NamespaceSet = 'all' | ReadonlySet<string>;

export function includes(set: NamespaceSet, namespace: string): boolean {
  return set === 'all' || set.has(namespace);
}

/** Exactly what a missing object answers, so a hidden namespace cannot be told apart. */
export function objectNotFound(cluster: string, qualifiedResource: string, name: string): AppError {
  return new AppError('NOT_FOUND', 404, `${qualifiedResource} "${name}" not found`, {
    cluster,
    reason: 'NotFound',
    resource: qualifiedResource,
    name,
  });
}

const DENIED = Symbol('atrium.kube.denied');

/** Marks a 404 that hides a namespace: answered like a missing object, audited as a denial. */
export function markDenied<E extends Error>(error: E): E {
  Object.defineProperty(error, DENIED, { value: true, enumerable: false });
  return error;
}

export function isDenied(error: unknown): boolean {
  return typeof error === 'object' && error !== null && DENIED in error;
}

/**
 * One caller's rights in one cluster: the platform codes, and per namespace that belongs to a
 * workspace the codes of that workspace (with its project's and the platform's).
 */
export class ClusterAccess {
  readonly cluster: string;
  readonly #platform: ReadonlySet<string>;
  readonly #namespaces: ReadonlyMap<string, { workspaceId: string; codes: ReadonlySet<string> }>;

  constructor(
    cluster: string,
    platform: ReadonlySet<string>,
    namespaces: ReadonlyMap<string, { workspaceId: string; codes: ReadonlySet<string> }>,
  ) {
    this.cluster = cluster;
    this.#platform = platform;
    this.#namespaces = namespaces;
  }

  hasPlatform(permission: string): boolean {
    return this.#platform.has(permission);
  }

  /** Namespaces in which the caller holds `permission`. */
  allowed(permission: string): NamespaceSet {
    if (this.#platform.has(permission)) return 'all';
    return new Set([...this.#namespaces].filter(([, ns]) => ns.codes.has(permission)).map(([name]) => name));
  }

  /** Namespaces the caller may know exist: where they hold any code for objects. */
  visible(): NamespaceSet {
    if (this.#seesAll()) return 'all';
    return new Set([...this.#namespaces].filter(([, ns]) => hasObjectCode(ns.codes)).map(([name]) => name));
  }

  /** Whether the caller holds any cluster code here (discovery, kubeconfig, the native API's basics). */
  hasAnyCode(): boolean {
    if ([...this.#platform].some((code) => CLUSTER_CODES.has(code))) return true;
    return [...this.#namespaces.values()].some((ns) => ns.codes.size > 0);
  }

  /**
   * For a request in `namespace`: 404 (like a missing object) when the namespace is hidden,
   * 403 naming the permission when it is visible but the code is missing.
   */
  assertNamespace(permission: string, namespace: string, hidden: () => AppError): void {
    if (this.#platform.has(permission)) return;
    const ns = this.#namespaces.get(namespace);
    if (ns?.codes.has(permission)) return;
    if (ns && hasObjectCode(ns.codes)) throw forbidden(permission, { type: 'workspace', id: ns.workspaceId });
    // Seeing every namespace, the caller learns nothing from a 403, whether the namespace exists or not.
    if (this.#seesAll()) throw forbidden(permission, { type: 'platform', id: '' });
    throw markDenied(hidden());
  }

  #seesAll(): boolean {
    return hasObjectCode(this.#platform);
  }

  /** Cluster-scoped kinds need a platform binding. */
  assertPlatform(permission: string): void {
    if (!this.#platform.has(permission)) throw forbidden(permission, { type: 'platform', id: '' });
  }

  /** The workspace a namespace belongs to, for audit scopes. */
  workspaceOf(namespace: string): string | undefined {
    return this.#namespaces.get(namespace)?.workspaceId;
  }
}

function hasObjectCode(codes: ReadonlySet<string>): boolean {
  for (const code of codes) if (OBJECT_CODES.has(code)) return true;
  return false;
}

function only(codes: Iterable<string>): Set<string> {
  return new Set([...codes].filter((code) => CLUSTER_CODES.has(code)));
}

/**
 * Resolves a caller's rights in a cluster from their bindings (AccessControl's summary, which
 * already narrows API tokens to their scopes) and the workspace of each namespace.
 */
export class KubeAccess {
  readonly #accessControl: AccessControl;
  readonly #workspaces: WorkspaceNamespaces;
  readonly #locator: WorkspaceLocator;

  constructor(accessControl: AccessControl, workspaces: WorkspaceNamespaces, locator: WorkspaceLocator) {
    this.#accessControl = accessControl;
    this.#workspaces = workspaces;
    this.#locator = locator;
  }

  summary(principal: Principal): Promise<PermissionSummary> {
    return this.#accessControl.summary(principal);
  }

  async forCluster(principal: Principal, cluster: string): Promise<ClusterAccess> {
    const summary = await this.#accessControl.summary(principal);
    const platform = only(summary.platform);
    const namespaces = new Map<string, { workspaceId: string; codes: ReadonlySet<string> }>();
    const scoped = Object.keys(summary.workspaces).length + Object.keys(summary.projects).length > 0;
    // Only a caller bound below the platform needs to know which namespace is whose.
    if (scoped) {
      const projects = new Map<string, string | null>();
      for (const { namespace, workspaceId } of await this.#workspaces.list(cluster)) {
        const codes = await this.#codesOf(summary, workspaceId, projects);
        if (codes) namespaces.set(namespace, { workspaceId, codes: only(codes) });
      }
    }
    return new ClusterAccess(cluster, platform, namespaces);
  }

  /** Every cluster code the caller holds anywhere: the scopes of a kubeconfig's token. */
  async clusterCodes(principal: Principal): Promise<string[]> {
    const summary = await this.#accessControl.summary(principal);
    const all = [summary.platform, ...Object.values(summary.projects), ...Object.values(summary.workspaces)];
    return [...only(all.flat())].sort();
  }

  async #codesOf(summary: PermissionSummary, workspaceId: string, projects: Map<string, string | null>) {
    const direct = summary.workspaces[workspaceId];
    if (direct) return direct;
    if (!projects.has(workspaceId)) projects.set(workspaceId, await this.#locator.projectOf(workspaceId));
    const project = projects.get(workspaceId);
    return project ? summary.projects[project] : undefined;
  }
}
