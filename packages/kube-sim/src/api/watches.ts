/**
 * Watch: initial state, resume from a resourceVersion out of the change history (410 Gone as an
 * ERROR event when it is too old, like the watch cache), selectors with enter/leave transitions
 * (an object leaving the selector is reported DELETED), bookmarks and sendInitialEvents.
 */
import type { KubeObject, Status } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import type { ChangeEvent } from '../store/watch-history.ts';
import { asVersion, type ApiDeps } from './api-deps.ts';
import { resourceExpired } from './errors.ts';
import type { ListOptions } from './list-options.ts';
import { parseResourceVersion, validateListOptions } from './list-options.ts';
import { objectFilter } from './reads.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEventOut {
  type: WatchEventType;
  object: KubeObject | Status;
  /** The store change behind the event, so serialisations can be cached across watchers. */
  source?: ChangeEvent;
}

export interface WatchSink {
  send(event: WatchEventOut): void;
  /** The server ended the watch (after a 410 ERROR, or stop()). */
  close(): void;
}

export interface WatchHandle {
  stop(): void;
}

export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

export interface WatchSettings {
  bookmarkIntervalMs: number;
}

export function startWatch(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string | undefined,
  options: ListOptions,
  sink: WatchSink,
  settings: WatchSettings,
): WatchHandle {
  const filter = objectFilter(kind, options);
  const ns = kind.namespaced && namespace ? namespace : undefined;
  const { store } = deps;
  const requested = options.resourceVersion;
  const initialEvents = options.sendInitialEvents ?? (requested === undefined || requested === '0');
  validateListOptions(options, true);
  let from = store.currentVersion();
  if (!initialEvents && requested !== undefined) {
    const rv = parseResourceVersion(requested);
    if (store.isTooOld(rv)) {
      sink.send({ type: 'ERROR', object: tooOld(rv, store.historyFloor()).status });
      sink.close();
      return { stop: () => {} };
    }
    from = rv;
  }
  let stopped = false;
  const translate = (event: ChangeEvent): WatchEventOut | undefined => {
    if (ns !== undefined && event.namespace !== ns) return undefined;
    const matches = event.type !== 'DELETED' && filter(event.object);
    const matched = event.previous !== undefined && filter(event.previous);
    let type: WatchEventType;
    if (event.type === 'DELETED') {
      if (!filter(event.object) && !matched) return undefined;
      type = 'DELETED';
    } else if (matches) type = event.type === 'ADDED' || !matched ? 'ADDED' : 'MODIFIED';
    else if (matched) type = 'DELETED';
    else return undefined;
    return { type, object: asVersion(kind, event.object), source: event };
  };
  if (initialEvents) {
    for (const object of store.listShared(kind.storageKey, ns)) {
      if (filter(object)) sink.send({ type: 'ADDED', object: asVersion(kind, object) });
    }
    if (options.sendInitialEvents === true) sink.send(bookmark(kind, from, true));
  } else {
    for (const event of store.changesSince(from, kind.storageKey)) {
      const out = translate(event);
      if (out !== undefined) sink.send(out);
    }
  }
  const unsubscribe = store.subscribe({
    storageKey: kind.storageKey,
    ...(ns === undefined ? {} : { namespace: ns }),
    deliver: (event) => {
      if (stopped) return;
      const out = translate(event);
      if (out !== undefined) sink.send(out);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  if (options.allowWatchBookmarks === true) {
    timer = setInterval(
      () => sink.send(bookmark(kind, store.currentVersion(), false)),
      settings.bookmarkIntervalMs,
    );
    timer.unref();
  }
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      if (timer !== undefined) clearInterval(timer);
    },
  };
}

function bookmark(kind: ServedKind, rv: number, initialEventsEnd: boolean): WatchEventOut {
  const metadata: KubeObject['metadata'] = { resourceVersion: String(rv) };
  if (initialEventsEnd) metadata.annotations = { [INITIAL_EVENTS_END_ANNOTATION]: 'true' };
  return { type: 'BOOKMARK', object: { kind: kind.kind, apiVersion: groupVersion(kind), metadata } };
}

function tooOld(requested: number, floor: number) {
  return resourceExpired(`too old resource version: ${requested} (${floor})`);
}
