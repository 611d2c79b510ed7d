/**
 * Serves a watch over HTTP: newline-delimited JSON WatchEvents in a chunked response. Each
 * watcher has its own socket buffer; one that falls too far behind is cut off (the client
 * re-lists or resumes), so a slow reader never holds up the store or other watchers.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import type { ListOptions } from '../api/list-options.ts';
import type { WatchEventOut } from '../api/watches.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import { commonHeaders } from './respond.ts';
import type { Representation } from './negotiation.ts';
import { toTable } from './tables.ts';

export interface WatchRegistry {
  add(watch: OpenWatch): void;
  delete(watch: OpenWatch): void;
}

export interface OpenWatch {
  /** Ends the stream like a server-side timeout (clean end of the chunked body). */
  end(): void;
  /** Drops the connection abruptly. */
  destroy(): void;
}

export interface WatchStreamSettings {
  /** Bytes buffered for one watcher before it is considered unresponsive and closed. */
  maxBufferedBytes: number;
  /** Upper bound of the server-chosen timeout when the client sends no timeoutSeconds. */
  defaultTimeoutSeconds: number;
}

export function serveWatch(
  res: ServerResponse,
  api: ResourceApi,
  kind: ServedKind,
  namespace: string | undefined,
  options: ListOptions,
  representation: Representation,
  registry: WatchRegistry,
  settings: WatchStreamSettings,
  warnings: string[],
): void {
  let first = true;
  let ended = false;
  const apiVersion = groupVersion(kind);
  const lineFor = (event: WatchEventOut): string => {
    if (representation.as === 'Table' && event.type !== 'ERROR' && event.type !== 'BOOKMARK') {
      const table = toTable(api, kind, [event.object as KubeObject], representation, new URLSearchParams());
      if (!first) table.columnDefinitions = [];
      first = false;
      return `${JSON.stringify({ type: event.type, object: table })}\n`;
    }
    const source = event.source;
    if (source === undefined) return `${JSON.stringify({ type: event.type, object: event.object })}\n`;
    const cacheKey = `${event.type}|${apiVersion}`;
    source.lines ??= new Map();
    let line = source.lines.get(cacheKey);
    if (line === undefined) {
      line = `${JSON.stringify({ type: event.type, object: event.object })}\n`;
      source.lines.set(cacheKey, line);
    }
    return line;
  };
  // Set once api.watch returns; the callbacks below may run before that (a 410 ends at once).
  const state: { handle?: { stop(): void }; timer?: NodeJS.Timeout } = {};
  const watch: OpenWatch = {
    end: () => {
      if (ended) return;
      ended = true;
      state.handle?.stop();
      res.end();
    },
    destroy: () => {
      ended = true;
      state.handle?.stop();
      res.destroy();
    },
  };
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    commonHeaders(res, warnings);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.flushHeaders();
  };
  const timeoutSeconds =
    options.timeoutSeconds ?? settings.defaultTimeoutSeconds * (0.5 + Math.random() * 0.5);
  res.on('close', () => {
    ended = true;
    state.handle?.stop();
    clearTimeout(state.timer);
    registry.delete(watch);
  });
  // Throws (bad selector, bad resourceVersion) before anything is written, so the caller can
  // still answer with an error Status.
  const handle = api.watch(kind, namespace, options, {
    send: (event) => {
      if (ended) return;
      start();
      res.write(lineFor(event));
      // An unresponsive watcher is cut off like the watch cache does it: the stream ends and the
      // client resumes (or re-lists) from what it has read.
      if (res.writableLength > settings.maxBufferedBytes) watch.end();
    },
    close: () => {
      start();
      watch.end();
    },
  });
  state.handle = handle;
  start();
  if (ended) {
    handle.stop();
    return;
  }
  registry.add(watch);
  state.timer = setTimeout(() => watch.end(), Math.max(0, timeoutSeconds) * 1000);
  state.timer.unref();
}
