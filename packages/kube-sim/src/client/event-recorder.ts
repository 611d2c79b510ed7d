/**
 * Records core/v1 Events the way client-go's recorder does: one Event per (object, type,
 * reason, message, source); repeats bump count and lastTimestamp instead of creating new Events.
 * Events about cluster-scoped objects go to the "default" namespace.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, KubeObject } from '../types.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import type { InternalClient } from './internal-client.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  /** e.g. default-scheduler, kubelet, deployment-controller. */
  component: string;
  /** Node name for kubelet events. */
  host?: string;
}

const MAX_CACHED = 4096;

export class EventRecorder {
  private readonly client: InternalClient;
  private readonly source: EventSource;
  private readonly clock: Clock;
  /** aggregation key → namespace/name of the Event that counts repeats */
  private readonly recent = new Map<string, { namespace: string; name: string }>();

  constructor(client: InternalClient, source: EventSource, clock: Clock) {
    this.client = client;
    this.source = source;
    this.clock = clock;
  }

  /** Records an event; never throws (event recording is best-effort, as in client-go). */
  async event(
    involved: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): Promise<void> {
    try {
      await this.record(involved, type, reason, message, fieldPath);
    } catch (err) {
      if (!isApiError(err)) console.error('kube-sim: recording event failed', err);
    }
  }

  private async record(
    involved: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    fieldPath: string | undefined,
  ): Promise<void> {
    const now = this.clock.now();
    const namespace = involved.metadata.namespace || 'default';
    const key = [
      involved.metadata.uid,
      fieldPath ?? '',
      type,
      reason,
      message,
      this.source.component,
      this.source.host ?? '',
    ].join('\u0000');
    const existing = this.recent.get(key);
    if (existing !== undefined) {
      const current = await this.client.tryGet({ apiVersion: 'v1', kind: 'Event', ...existing });
      if (current !== undefined) {
        await this.client.patch({ apiVersion: 'v1', kind: 'Event', ...existing }, 'merge', {
          count: ((current.count as number | undefined) ?? 1) + 1,
          lastTimestamp: timestamp(now),
        });
        return;
      }
    }
    const involvedObject: Record<string, unknown> = {
      kind: involved.kind,
      namespace: involved.metadata.namespace,
      name: involved.metadata.name,
      uid: involved.metadata.uid,
      apiVersion: involved.apiVersion,
      resourceVersion: involved.metadata.resourceVersion,
    };
    if (fieldPath !== undefined) involvedObject.fieldPath = fieldPath;
    const name = `${involved.metadata.name ?? 'unknown'}.${eventSuffix(now)}`;
    const source: Record<string, string> = { component: this.source.component };
    if (this.source.host !== undefined) source.host = this.source.host;
    await this.client.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source,
      firstTimestamp: timestamp(now),
      lastTimestamp: timestamp(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    });
    this.recent.set(key, { namespace, name });
    if (this.recent.size > MAX_CACHED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}

/** client-go names events `<object>.<hex unix nanoseconds>`; a random tail keeps them unique. */
function eventSuffix(now: Date): string {
  const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt(randomBytes(2).readUInt16BE() % 1_000_000);
  return nanos.toString(16);
}
