import type { KubeObject } from './resource-ref.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of a cached object, as watchers of the cache see it. */
export interface CacheChange {
  type: ChangeType;
  object: KubeObject;
  /** The object before a MODIFIED or DELETED change, so selector watchers see it leave. */
  previous: KubeObject | undefined;
  resourceVersion: string;
}

/** Resource versions are opaque to clients, but clusters hand out increasing integers (etcd revisions). */
export function versionNumber(resourceVersion: string | undefined): number | null {
  if (!resourceVersion || !/^\d{1,15}$/.test(resourceVersion)) return null;
  return Number(resourceVersion);
}

/**
 * The last few changes of one kind, so a stream client that reconnects with the last
 * resourceVersion it saw gets exactly what it missed. Anything older than the oldest kept
 * change, or from before the last re-list, cannot be replayed: the client must reload.
 */
export class ChangeHistory {
  readonly #capacity: number;
  #changes: CacheChange[] = [];
  #versions: number[] = [];
  /** Changes at or below this version are not (all) kept. */
  #floor = Number.POSITIVE_INFINITY;
  #latest: number | null = null;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Starts over after a (re-)list at `resourceVersion`: nothing before it can be replayed. */
  reset(resourceVersion: string): void {
    this.#changes = [];
    this.#versions = [];
    this.#latest = versionNumber(resourceVersion);
    this.#floor = this.#latest ?? Number.POSITIVE_INFINITY;
  }

  record(change: CacheChange): void {
    const version = versionNumber(change.resourceVersion);
    if (version === null) {
      // A cluster with non-numeric versions cannot be resumed from; every resume reloads.
      this.#floor = Number.POSITIVE_INFINITY;
      return;
    }
    this.#changes.push(change);
    this.#versions.push(version);
    this.#latest = Math.max(this.#latest ?? version, version);
    if (this.#changes.length > this.#capacity * 1.25) {
      const dropped = this.#changes.length - this.#capacity;
      this.#floor = Math.max(
        this.#floor === Number.POSITIVE_INFINITY ? 0 : this.#floor,
        this.#versions[dropped - 1]!,
      );
      this.#changes = this.#changes.slice(dropped);
      this.#versions = this.#versions.slice(dropped);
    }
  }

  /** A bookmark: the cluster has nothing newer than this for the kind. */
  advance(resourceVersion: string): void {
    const version = versionNumber(resourceVersion);
    if (version !== null && (this.#latest === null || version > this.#latest)) this.#latest = version;
  }

  get latest(): string {
    return this.#latest === null ? '' : String(this.#latest);
  }

  /** The changes after `resourceVersion`, or `expired` when they are no longer all known. */
  since(resourceVersion: string): CacheChange[] | 'expired' {
    const version = versionNumber(resourceVersion);
    if (version === null || version < this.#floor || this.#latest === null || version > this.#latest) {
      return 'expired';
    }
    let low = 0;
    let high = this.#versions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#versions[mid]! <= version) low = mid + 1;
      else high = mid;
    }
    return this.#changes.slice(low);
  }
}
