import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import type { KindRef, KubeObject } from '../../api/kubeTypes';
import { listResources } from '../../api/resources';
import { stream, type StreamSubscription, type WatchEvent } from '../../api/stream';
import { applyWatchEvent, isNewer } from './liveList';

export interface LiveListQuery {
  namespace: string;
  labelSelector: string;
  search: string;
  sort: string;
  pageSize: number;
}

/**
 * A page of a kind's list that stays current: loaded once from the resource API, then changed
 * by the stream's events (an object created with kubectl appears, a deleted one disappears).
 * Paging, search and sort reload the page; the subscription stays as long as the namespace and
 * the label selector do, and after a dropped connection the stream resumes it without a reload.
 */
export function useLiveList(cluster: Ref<string>, kind: Ref<KindRef>, query: Ref<LiveListQuery>) {
  const items = shallowRef<KubeObject[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  /** Why live updates stopped (FORBIDDEN for watch, an unreachable cluster…); '' while they flow. */
  const liveError = ref('');
  const live = ref(false);
  const page = ref(1);
  /** Continue tokens of the pages seen so far: page N is loaded with tokens[N-1]. */
  let tokens: string[] = [''];
  let subscription: StreamSubscription | null = null;
  let subscribedTo = '';
  let listVersion = '';
  let buffered: WatchEvent[] | null = null;
  let generation = 0;

  function apply(event: WatchEvent) {
    const { search, sort, pageSize } = query.value;
    const result = applyWatchEvent(items.value, event, { search, sort, pageSize });
    items.value = result.items;
    total.value = Math.max(0, total.value + result.totalDelta);
  }

  function onEvent(event: WatchEvent) {
    if (buffered) buffered.push(event);
    else apply(event);
  }

  function subscriptionKey(): string {
    const { namespace, labelSelector } = query.value;
    const { group, version, resource } = kind.value;
    return JSON.stringify([cluster.value, group, version, resource, namespace, labelSelector]);
  }

  function follow(fromVersion: string) {
    const key = subscriptionKey();
    if (subscription && subscribedTo === key) return;
    subscription?.close();
    subscribedTo = key;
    const { namespace, labelSelector } = query.value;
    subscription = stream.subscribe(
      {
        cluster: cluster.value,
        ...kind.value,
        ...(namespace && { namespace }),
        ...(labelSelector && { labelSelector }),
      },
      {
        onEvent,
        onSubscribed: () => {
          live.value = true;
          liveError.value = '';
        },
        onResync: () => void reloadAfterResync(),
        onError: (problem) => {
          live.value = false;
          liveError.value = problem.message;
        },
      },
      fromVersion,
    );
  }

  /** The server forgot what we missed: the one case where the list is loaded again. */
  async function reloadAfterResync() {
    await load();
    subscription?.resumeFrom(listVersion);
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    buffered = [];
    try {
      const { namespace, labelSelector, search, sort, pageSize } = query.value;
      const result = await listResources(cluster.value, kind.value, {
        namespace: namespace || undefined,
        labelSelector: labelSelector || undefined,
        search: search.trim() || undefined,
        sort,
        limit: pageSize,
        continue: tokens[page.value - 1] || undefined,
      });
      if (mine !== generation) return;
      items.value = result.items;
      total.value = result.total;
      tokens[page.value] = result.continue;
      listVersion = result.resourceVersion;
      const pending = buffered;
      buffered = null;
      // Events that raced the list: only those newer than its snapshot still change it.
      for (const event of pending) if (isNewer(event.resourceVersion, listVersion)) apply(event);
      follow(listVersion);
    } catch (failure) {
      if (mine !== generation) return;
      buffered = null;
      error.value = failure;
      items.value = [];
      total.value = 0;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** A new filter, search, sort or page size: back to the first page. */
  function restart(): Promise<void> {
    tokens = [''];
    page.value = 1;
    return load();
  }

  /** Pages are cursors: going forward uses the token the previous page returned. */
  async function goTo(target: number): Promise<void> {
    if (target < 1) return;
    while (tokens.length < target && tokens.at(-1)) {
      page.value = tokens.length;
      await load();
    }
    page.value = Math.min(target, tokens.length);
    await load();
  }

  // A dropped socket pauses the live updates until the stream has resubscribed ('subscribed').
  const stopWatchingState = stream.onStateChange((state) => {
    if (state !== 'open') live.value = false;
  });

  onBeforeUnmount(() => {
    generation += 1;
    stopWatchingState();
    subscription?.close();
    subscription = null;
  });

  return { items, total, loading, error, live, liveError, page, load, restart, goTo };
}
