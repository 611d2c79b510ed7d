/**
 * A shared-informer for in-process controllers: list, then watch from the list's
 * resourceVersion, keeping a cache and calling add/update/delete handlers. Re-lists after a 410
 * and resumes after the watch ends, like client-go's reflector.
 */
import type { KubeObject, Status } from '../types.ts';
import type { ClientListOptions, InternalClient, KindRef } from './internal-client.ts';
import type { WatchEvent } from './queued-watch.ts';

export interface InformerHandlers {
  add?(object: KubeObject): void;
  update?(object: KubeObject, old: KubeObject): void;
  delete?(object: KubeObject): void;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

export class Informer {
  private readonly client: InternalClient;
  private readonly ref: KindRef;
  private readonly options: ClientListOptions;
  private readonly handlers: InformerHandlers[] = [];
  private readonly cache = new Map<string, KubeObject>();
  private watch: { stop(): void } | undefined;
  private stopped = false;
  private synced = false;
  private resourceVersion = '';

  constructor(client: InternalClient, ref: KindRef, options: ClientListOptions = {}) {
    this.client = client;
    this.ref = ref;
    this.options = { ...options };
  }

  on(handlers: InformerHandlers): void {
    this.handlers.push(handlers);
  }

  /** Lists and starts watching; resolves once the cache holds the initial list. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.cache.get(`${namespace}/${name}`);
  }

  list(namespace?: string): KubeObject[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.client.list(this.ref, this.options);
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(keyOf(item));
      this.upsert(item);
    }
    for (const [key, object] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        for (const h of this.handlers) h.delete?.(object);
      }
    }
    this.resourceVersion = resourceVersion;
    this.synced = true;
    this.startWatch();
  }

  private startWatch(): void {
    if (this.stopped) return;
    let expired = false;
    this.watch = this.client.watch(
      this.ref,
      { ...this.options, resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (event: WatchEvent) => {
        if (event.type === 'ERROR') {
          expired = (event.object as Status).code === 410;
          return;
        }
        const object = event.object as KubeObject;
        if (object.metadata.resourceVersion !== undefined)
          this.resourceVersion = object.metadata.resourceVersion;
        if (event.type === 'ADDED' || event.type === 'MODIFIED') this.upsert(object);
        else if (event.type === 'DELETED') this.remove(object);
      },
      () => {
        if (this.stopped) return;
        if (expired) void this.relist();
        else this.startWatch();
      },
    );
  }

  private upsert(object: KubeObject): void {
    const key = keyOf(object);
    const old = this.cache.get(key);
    this.cache.set(key, object);
    if (old === undefined) for (const h of this.handlers) h.add?.(object);
    else if (old.metadata.resourceVersion !== object.metadata.resourceVersion) {
      for (const h of this.handlers) h.update?.(object, old);
    }
  }

  private remove(object: KubeObject): void {
    const key = keyOf(object);
    if (!this.cache.delete(key)) return;
    for (const h of this.handlers) h.delete?.(object);
  }
}
