/**
 * CustomResourceDefinitions: a stored CRD's kinds are served at once (synchronously on the
 * change, so a client can create custom objects right after the CRD), its status then reports
 * NamesAccepted and Established. A CRD being deleted has its custom objects removed, then loses
 * the cleanup finalizer; once it is gone its kinds stop being served.
 */
import type { KubeObject } from '../types.ts';
import type { ChangeEvent } from '../store/watch-history.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { crdSpec, kindsOfCrd } from '../registry/crd-kinds.ts';
import { isApiError } from '../api/errors.ts';
import { CRD_CLEANUP_FINALIZER } from '../api/admission-plugins/crd-admission.ts';
import { CONTROLLER_USER, newContext, timestamp } from '../api/request-context.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { commitUpdate } from '../api/writes.ts';
import { deepEqual } from '../api/strategy.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { WorkQueue } from './work-queue.ts';

const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export class CrdController implements Controller {
  readonly name = 'customresourcedefinitions';
  private api: ResourceApi | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly queue = new WorkQueue<string>((name) => this.sync(name));

  start(context: ControllerContext): void {
    this.api = context.api;
    const { store } = context.api.deps;
    for (const crd of store.list(CRDS)) {
      this.serve(crd);
      this.queue.add(crd.metadata.name ?? '');
    }
    this.unsubscribe = store.subscribe({ storageKey: CRDS, deliver: (event) => this.observe(event) });
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private observe(event: ChangeEvent): void {
    const api = this.requireApi();
    if (event.type === 'DELETED') {
      const removed = api.deps.registry.removeCrd(event.name);
      for (const key of new Set(removed.map((k) => k.storageKey))) api.deps.store.dropTable(key);
      api.deps.modules.schema.unregisterCrd(event.object);
      return;
    }
    if (event.object.metadata.deletionTimestamp === undefined) this.serve(event.object);
    this.queue.add(event.name);
  }

  /** Registers (or re-registers) the CRD's kinds unless their names clash with another kind. */
  private serve(crd: KubeObject): void {
    const api = this.requireApi();
    if (this.nameConflict(crd) !== undefined) return;
    const kinds = kindsOfCrd(crd);
    api.deps.registry.removeCrd(crd.metadata.name ?? '');
    for (const kind of kinds) api.deps.registry.add(kind);
    api.deps.modules.schema.registerCrd(crd);
  }

  private nameConflict(crd: KubeObject): string | undefined {
    const spec = crdSpec(crd);
    const clash = this.requireApi()
      .deps.registry.all()
      .find(
        (k: ServedKind) =>
          k.group === spec.group &&
          k.crdName !== crd.metadata.name &&
          (k.resource === spec.names.plural || k.kind === spec.names.kind),
      );
    return clash === undefined ? undefined : `"${spec.names.plural}" is already in use`;
  }

  private sync(name: string): void {
    const api = this.requireApi();
    const crd = api.deps.store.get(CRDS, '', name);
    if (crd === undefined) return;
    if (crd.metadata.deletionTimestamp !== undefined) {
      this.cleanUp(crd);
      return;
    }
    const conflict = this.nameConflict(crd);
    const now = timestamp(api.deps.clock.now());
    const spec = crdSpec(crd);
    const status = structuredClone((crd.status ?? {}) as Record<string, unknown>);
    const conditions = ((status.conditions as Condition[] | undefined) ?? []).filter(
      (c) => c.type !== 'NamesAccepted' && c.type !== 'Established',
    );
    const old = (status.conditions as Condition[] | undefined) ?? [];
    const keep = (type: string, value: string, reason: string, message: string): Condition => {
      const previous = old.find((c) => c.type === type);
      const lastTransitionTime = previous?.status === value ? previous.lastTransitionTime : now;
      return { type, status: value, lastTransitionTime, reason, message };
    };
    if (conflict === undefined) {
      conditions.push(keep('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'));
      conditions.push(
        keep('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'),
      );
      status.acceptedNames = {
        ...spec.names,
        singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
        listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      };
    } else {
      conditions.push(keep('NamesAccepted', 'False', 'AllowedNamesConflict', conflict));
      conditions.push(keep('Established', 'False', 'NotAccepted', 'not all names are accepted'));
    }
    status.conditions = conditions;
    const storage = spec.versions.find((v) => v.storage)?.name;
    const stored = new Set((status.storedVersions as string[] | undefined) ?? []);
    if (storage !== undefined) stored.add(storage);
    status.storedVersions = [...stored];
    if (deepEqual(status, crd.status)) return;
    this.write(crd, { ...structuredClone(crd), status }, 'status');
  }

  private cleanUp(crd: KubeObject): void {
    const api = this.requireApi();
    const kinds = api.deps.registry.all().filter((k) => k.crdName === crd.metadata.name);
    for (const key of new Set(kinds.map((k) => k.storageKey))) {
      for (const object of api.deps.store.list(key)) {
        api.deps.store.remove(key, object.metadata.namespace ?? '', object.metadata.name ?? '');
      }
    }
    const next = structuredClone(crd);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    this.write(crd, next, undefined);
  }

  private write(crd: KubeObject, next: KubeObject, subresource: 'status' | undefined): void {
    const api = this.requireApi();
    const kind = api.kind('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    try {
      commitUpdate(
        api.deps,
        kind,
        crd,
        next,
        { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'kube-apiserver' } },
        subresource === undefined ? {} : { subresource },
      );
    } catch (err) {
      if (isApiError(err) && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
  }

  private requireApi(): ResourceApi {
    if (this.api === undefined) throw new Error('CRD controller is not started');
    return this.api;
  }
}
