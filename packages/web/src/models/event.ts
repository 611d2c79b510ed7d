import type { KubeObject } from '../api/kubeTypes';
import { age } from './age';
import { textColumn, type ColumnDef, type StatusText } from './columns';

/** When the event last happened: core/v1 keeps it in lastTimestamp, events.k8s.io in eventTime. */
export function eventLastSeen(event: KubeObject): string | undefined {
  return (
    event.lastTimestamp ??
    event.series?.lastObservedTime ??
    event.eventTime ??
    event.deprecatedLastTimestamp ??
    event.metadata.creationTimestamp
  );
}

export function eventType(event: KubeObject): StatusText {
  const type: string = event.type ?? 'Normal';
  return { text: type, tone: type === 'Warning' ? 'warning' : 'info' };
}

/** OBJECT: `kind/name` of what the event is about. */
export function eventObject(event: KubeObject): string {
  const involved = event.involvedObject ?? event.regarding ?? {};
  return `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`;
}

export function eventCount(event: KubeObject): number {
  return event.count ?? event.series?.count ?? 1;
}

/** Newest first, as a user reads an event log. */
export function byLastSeen(a: KubeObject, b: KubeObject): number {
  return (Date.parse(eventLastSeen(b) ?? '') || 0) - (Date.parse(eventLastSeen(a) ?? '') || 0);
}

export const eventColumns: ColumnDef[] = [
  textColumn('lastSeen', (e, now) => age(eventLastSeen(e), now), { minWidth: 100 }),
  textColumn('type', (e) => eventType(e).text, { render: 'status', status: eventType, minWidth: 100 }),
  textColumn('reason', (e) => e.reason, { minWidth: 140 }),
  textColumn('object', eventObject, { minWidth: 200 }),
  textColumn('message', (e) => e.message ?? e.note, { minWidth: 320 }),
];
