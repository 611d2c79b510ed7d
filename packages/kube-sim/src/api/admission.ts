/**
 * The admission chain: ordered plugins with a mutating and a validating phase, run for every
 * create, update, delete and connect — HTTP and in-process alike. All mutating hooks run (in
 * order) before any validating hook, as in kube-apiserver. Plugins are synchronous so that the
 * whole write (read, admit, persist) happens without interleaving other requests: a quota plugin
 * can read and update usage without races.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { UserInfo } from './request-context.ts';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionRequest {
  operation: AdmissionOperation;
  kind: ServedKind;
  /** e.g. 'status', 'scale', 'eviction', 'exec'; undefined for the main resource. */
  subresource?: string;
  namespace: string;
  name: string;
  /**
   * The object being written. Mutating hooks may edit it in place (it is a private mutable copy)
   * or replace it. Undefined for DELETE and CONNECT.
   */
  object: KubeObject | undefined;
  /** The stored object for UPDATE and DELETE (frozen). */
  oldObject: KubeObject | undefined;
  user: UserInfo;
  dryRun: boolean;
  /** Operation options, e.g. the DeleteOptions or the exec options. */
  options?: Record<string, unknown>;
  /** Append to return `Warning:` headers to the client. */
  warnings: string[];
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase. Throw an ApiError to reject. */
  mutate?(request: AdmissionRequest): void;
  /** Validating phase: must not change the object. Throw an ApiError to reject. */
  validate?(request: AdmissionRequest): void;
}

export class AdmissionChain {
  private readonly plugins: AdmissionPlugin[] = [];
  /** Plugins that stay at the end whatever is registered after them (ResourceQuota). */
  private readonly pinnedLast = new Set<string>();

  /**
   * Appends a plugin (before any plugin pinned last), inserts it before the plugin named
   * `before`, or pins it last.
   */
  register(plugin: AdmissionPlugin, position?: { before: string } | { last: true }): void {
    if (this.plugins.some((p) => p.name === plugin.name)) {
      throw new Error(`admission plugin ${plugin.name} is already registered`);
    }
    if (position !== undefined && 'last' in position) {
      this.plugins.push(plugin);
      this.pinnedLast.add(plugin.name);
      return;
    }
    const index =
      position === undefined
        ? this.plugins.findIndex((p) => this.pinnedLast.has(p.name))
        : this.plugins.findIndex((p) => p.name === position.before);
    if (index < 0) this.plugins.push(plugin);
    else this.plugins.splice(index, 0, plugin);
  }

  unregister(name: string): void {
    const index = this.plugins.findIndex((p) => p.name === name);
    if (index >= 0) this.plugins.splice(index, 1);
    this.pinnedLast.delete(name);
  }

  names(): string[] {
    return this.plugins.map((p) => p.name);
  }

  admit(request: AdmissionRequest): void {
    for (const plugin of this.plugins) plugin.mutate?.(request);
    for (const plugin of this.plugins) plugin.validate?.(request);
  }
}
