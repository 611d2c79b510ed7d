import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, Status } from '../types.ts';
import { configMap, startTestCore, type TestCore } from '../testing/test-core.ts';
import { defaultListOptions } from './list-options.ts';
import { parseLabelSelector } from '../selectors/label-selector.ts';
import type { WatchEventOut } from './watches.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore({ watchHistorySize: 20 });
});
afterEach(() => t.stop());

function collect(options: Partial<ReturnType<typeof defaultListOptions>>): {
  events: WatchEventOut[];
  closed: () => boolean;
  stop(): void;
} {
  const events: WatchEventOut[] = [];
  let closed = false;
  const api = t.core.api;
  const handle = api.watch(
    api.kind('', 'v1', 'configmaps'),
    'default',
    { ...defaultListOptions(), ...options },
    {
      send: (event) => events.push(event),
      close: () => {
        closed = true;
      },
    },
  );
  return { events, closed: () => closed, stop: () => handle.stop() };
}

const summary = (events: WatchEventOut[]): string[] =>
  events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name ?? ''}`);

describe('watch', () => {
  it('starts with the current state when no resourceVersion is given', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    api.create(kind, 'default', configMap('default', 'existing'), t.args());
    const watch = collect({});
    api.create(kind, 'default', configMap('default', 'later'), t.args());
    expect(summary(watch.events)).toEqual(['ADDED existing', 'ADDED kube-root-ca.crt', 'ADDED later']);
    watch.stop();
  });

  it('resumes after a resourceVersion with only the changes since', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const a = api.create(kind, 'default', configMap('default', 'a'), t.args());
    api.create(kind, 'default', configMap('default', 'b'), t.args());
    api.delete(kind, 'default', 'a', {}, t.args());
    const watch = collect({ resourceVersion: a.metadata.resourceVersion ?? '' });
    expect(summary(watch.events)).toEqual(['ADDED b', 'DELETED a']);
    watch.stop();
  });

  it('reports an object leaving the label selector as DELETED and entering as ADDED', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const watch = collect({
      resourceVersion: String(t.core.store.currentVersion()),
      labelSelector: parseLabelSelector('app=web'),
    });
    const labelled = configMap('default', 'x');
    labelled.metadata.labels = { app: 'web' };
    const created = api.create(kind, 'default', labelled, t.args());
    const relabelled = structuredClone(created);
    relabelled.metadata.labels = { app: 'db' };
    const moved = api.update(kind, 'default', 'x', relabelled, t.args());
    const back = structuredClone(moved);
    back.metadata.labels = { app: 'web' };
    api.update(kind, 'default', 'x', back, t.args());
    expect(summary(watch.events)).toEqual(['ADDED x', 'DELETED x', 'ADDED x']);
    watch.stop();
  });

  it('answers a version older than the history with a 410 ERROR event and ends', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const old = String(t.core.store.currentVersion());
    for (let i = 0; i < 30; i++) api.create(kind, 'default', configMap('default', `c${i}`), t.args());
    const watch = collect({ resourceVersion: old });
    expect(watch.events).toHaveLength(1);
    const status = watch.events[0]?.object as Status;
    expect(watch.events[0]?.type).toBe('ERROR');
    expect(status.code).toBe(410);
    expect(status.reason).toBe('Expired');
    expect(status.message).toBe(`too old resource version: ${old} (${t.core.store.historyFloor()})`);
    expect(watch.closed()).toBe(true);
  });

  it('marks the end of initial events with a bookmark for sendInitialEvents', () => {
    const api = t.core.api;
    api.create(api.kind('', 'v1', 'configmaps'), 'default', configMap('default', 'a'), t.args());
    const watch = collect({
      sendInitialEvents: true,
      allowWatchBookmarks: true,
      resourceVersionMatch: 'NotOlderThan',
    });
    const last = watch.events[watch.events.length - 1];
    expect(last?.type).toBe('BOOKMARK');
    expect((last?.object as KubeObject).metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    expect((last?.object as KubeObject).metadata.resourceVersion).toBe(String(t.core.store.currentVersion()));
    watch.stop();
  });
});
