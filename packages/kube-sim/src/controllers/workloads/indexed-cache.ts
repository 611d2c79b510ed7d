/**
 * An informer's cache with the lookups workload controllers need without scanning: objects by
 * the uid of their controller (pods of a ReplicaSet, ReplicaSets of a Deployment…), objects
 * without a controller per namespace (adoption candidates), and objects per namespace.
 */
import type { KubeObject, OwnerReference } from '../../types.ts';
import type { Informer, InformerHandlers } from '../../client/informer.ts';

type Bucket = Map<string, KubeObject>;

export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

export function controllerRefOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

function add(index: Map<string, Bucket>, bucketKey: string, key: string, object: KubeObject): void {
  let bucket = index.get(bucketKey);
  if (bucket === undefined) {
    bucket = new Map();
    index.set(bucketKey, bucket);
  }
  bucket.set(key, object);
}

function remove(index: Map<string, Bucket>, bucketKey: string, key: string): void {
  const bucket = index.get(bucketKey);
  if (bucket === undefined) return;
  bucket.delete(key);
  if (bucket.size === 0) index.delete(bucketKey);
}

export class IndexedCache {
  readonly informer: Informer;
  private readonly byController = new Map<string, Bucket>();
  private readonly orphans = new Map<string, Bucket>();
  private readonly byNamespace = new Map<string, Bucket>();

  constructor(informer: Informer) {
    this.informer = informer;
    // Registered first, so every other handler already sees the indexes updated.
    informer.on({
      add: (object) => this.index(object),
      update: (object, old) => {
        this.unindex(old);
        this.index(object);
      },
      delete: (object) => this.unindex(object),
    });
  }

  on(handlers: InformerHandlers): void {
    this.informer.on(handlers);
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.informer.get(namespace, name);
  }

  /** The object `ref` (an owner reference) points at, when its uid still matches. */
  resolve(namespace: string, ref: OwnerReference): KubeObject | undefined {
    const found = this.informer.get(namespace, ref.name);
    return found?.metadata.uid === ref.uid ? found : undefined;
  }

  controlledBy(uid: string | undefined): KubeObject[] {
    return uid === undefined ? [] : [...(this.byController.get(uid)?.values() ?? [])];
  }

  orphansIn(namespace: string): KubeObject[] {
    return [...(this.orphans.get(namespace)?.values() ?? [])];
  }

  inNamespace(namespace: string): KubeObject[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }

  all(): KubeObject[] {
    const result: KubeObject[] = [];
    for (const bucket of this.byNamespace.values()) result.push(...bucket.values());
    return result;
  }

  private index(object: KubeObject): void {
    const key = objectKey(object);
    const namespace = object.metadata.namespace ?? '';
    add(this.byNamespace, namespace, key, object);
    const ref = controllerRefOf(object);
    if (ref === undefined) add(this.orphans, namespace, key, object);
    else add(this.byController, ref.uid, key, object);
  }

  private unindex(object: KubeObject): void {
    const key = objectKey(object);
    const namespace = object.metadata.namespace ?? '';
    remove(this.byNamespace, namespace, key);
    const ref = controllerRefOf(object);
    if (ref === undefined) remove(this.orphans, namespace, key);
    else remove(this.byController, ref.uid, key);
  }
}
