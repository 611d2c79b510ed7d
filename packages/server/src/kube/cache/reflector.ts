import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { KubeApiClient, KubeApiError } from './kube-api-client.ts';
import type { KubeObject } from './resource-ref.ts';

export interface ReflectorHandlers {
  /** A complete list: what the cluster holds now, replacing everything seen before. */
  onList(items: KubeObject[], resourceVersion: string): void;
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void;
  onBookmark(resourceVersion: string): void;
  /** A failed list or watch; the reflector retries by itself after a backoff. */
  onError(error: unknown): void;
}

export interface ReflectorSettings {
  /** Restart a watch that has been silent (no event, no bookmark) for this long. */
  watchdogMs: number;
  /** Asked of the server, which ends the watch after it; the reflector then re-watches. */
  watchTimeoutSeconds: number;
  pageSize: number;
  backoff: Partial<BackoffOptions>;
}

export const DEFAULT_REFLECTOR_SETTINGS: ReflectorSettings = {
  // Clusters send a bookmark about every minute; two and a half missed ones mean a dead stream.
  watchdogMs: 150_000,
  watchTimeoutSeconds: 300,
  pageSize: 500,
  backoff: {},
};

export type ReflectorPhase = 'idle' | 'listing' | 'connecting' | 'watching' | 'waiting' | 'stopped';

interface WatchOutcome {
  resourceVersion: string;
  gone: boolean;
  error: unknown;
  /** Whether the watch delivered anything (an event or a bookmark). */
  active: boolean;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function isGone(error: unknown): boolean {
  const code = (error as { statusCode?: number; code?: number } | null)?.statusCode;
  return code === 410 || (error instanceof KubeApiError && error.statusCode === 410);
}

interface ListPage {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/**
 * Keeps one kind of one cluster in sync: list, then watch from the list's resourceVersion,
 * re-watch when the server ends a watch, re-list on 410 Gone, back off (capped, jittered) on
 * errors, and restart a watch that went silent. Built on client-node's Watch, whose request
 * cannot be aborted until its response headers arrive: `stop()` therefore also drops every
 * callback of a stopped watch and aborts its request the moment it becomes abortable.
 */
export class Reflector {
  readonly #kubeConfig: KubeConfig;
  readonly #path: string;
  readonly #handlers: ReflectorHandlers;
  readonly #settings: ReflectorSettings;
  readonly #now: () => number;
  readonly #backoff: Backoff;
  readonly #stop = new AbortController();
  #loop: Promise<void> | null = null;
  #phase: ReflectorPhase = 'idle';
  #watchdogRestarts = 0;
  #watch: { controller: AbortController | null; restart: boolean; lastActivity: number } | null = null;

  constructor(options: {
    kubeConfig: KubeConfig;
    path: string;
    handlers: ReflectorHandlers;
    settings?: Partial<ReflectorSettings>;
    now?: () => number;
  }) {
    this.#kubeConfig = options.kubeConfig;
    this.#path = options.path;
    this.#handlers = options.handlers;
    this.#settings = { ...DEFAULT_REFLECTOR_SETTINGS, ...options.settings };
    this.#now = options.now ?? Date.now;
    this.#backoff = new Backoff(this.#settings.backoff);
  }

  /** What the reflector is doing right now: for status pages and tests. */
  get phase(): ReflectorPhase {
    return this.#phase;
  }

  /** How many silent watches the watchdog restarted. */
  get watchdogRestarts(): number {
    return this.#watchdogRestarts;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Aborts the list or watch in flight; resolves once no callback can fire any more. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#watch?.controller?.abort();
    await this.#loop;
  }

  /** Called periodically by the owner: restarts the watch if it has been silent too long. */
  checkWatchdog(): boolean {
    const watch = this.#watch;
    if (!watch || this.#now() - watch.lastActivity <= this.#settings.watchdogMs) return false;
    watch.restart = true;
    watch.lastActivity = this.#now();
    this.#watchdogRestarts++;
    watch.controller?.abort();
    return true;
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    let resourceVersion = '';
    while (!signal.aborted) {
      try {
        if (!resourceVersion) {
          this.#phase = 'listing';
          resourceVersion = await this.#list(signal);
          this.#backoff.reset();
        }
        const outcome = await this.#watchOnce(resourceVersion, signal);
        resourceVersion = outcome.gone ? '' : outcome.resourceVersion;
        if (outcome.error !== null && !signal.aborted) throw outcome.error;
        // A watch that ends at once without a word must not turn into a reconnect loop.
        if (!outcome.active && !outcome.gone) await this.#wait(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.#handlers.onError(error);
        if (isGone(error)) {
          resourceVersion = '';
          continue;
        }
        await this.#wait(signal);
      }
    }
    this.#phase = 'stopped';
  }

  async #wait(signal: AbortSignal): Promise<void> {
    this.#phase = 'waiting';
    await sleep(this.#backoff.next(), signal);
  }

  async #list(signal: AbortSignal): Promise<string> {
    const client = new KubeApiClient(this.#kubeConfig);
    const items: KubeObject[] = [];
    let token: string | undefined;
    let resourceVersion = '';
    do {
      const page = await client.request<ListPage>({
        path: this.#path,
        query: { limit: String(this.#settings.pageSize), continue: token },
        signal,
        timeoutMs: 120_000,
      });
      if (!resourceVersion) resourceVersion = page.metadata?.resourceVersion ?? '';
      const kind = page.kind?.replace(/List$/, '');
      for (const item of page.items ?? []) {
        items.push({ apiVersion: page.apiVersion, kind, ...item });
      }
      token = page.metadata?.continue || undefined;
    } while (token && !signal.aborted);
    if (!signal.aborted) this.#handlers.onList(items, resourceVersion);
    return resourceVersion;
  }

  #watchOnce(resourceVersion: string, signal: AbortSignal): Promise<WatchOutcome> {
    const state = { controller: null as AbortController | null, restart: false, lastActivity: this.#now() };
    this.#watch = state;
    this.#phase = 'connecting';
    const outcome: WatchOutcome = { resourceVersion, gone: false, error: null, active: false };
    const watch = new Watch(this.#kubeConfig);
    // The connect phase has no other bound; once streaming, the watchdog is the real limit.
    // client-node's own inactivity timer (30 s) would cut quiet watches between bookmarks.
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = this.#settings.watchdogMs * 2;
    const query = {
      resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: Math.round(this.#settings.watchTimeoutSeconds * (1 + Math.random())),
    };
    return new Promise<WatchOutcome>((resolve) => {
      let finished = false;
      const finish = (error: unknown) => {
        if (finished) return;
        finished = true;
        signal.removeEventListener('abort', onAbort);
        if (this.#watch === state) this.#watch = null;
        state.controller?.abort();
        outcome.error = state.restart || signal.aborted ? null : error;
        if (state.restart) outcome.active = true;
        if (outcome.error !== null && isGone(outcome.error)) outcome.gone = true;
        resolve(outcome);
      };
      const onAbort = () => finish(null);
      signal.addEventListener('abort', onAbort, { once: true });
      const onLine = (type: string, object: KubeObject & { code?: number }) => {
        if (finished) return;
        state.lastActivity = this.#now();
        outcome.active = true;
        const version = object?.metadata?.resourceVersion;
        if (type === 'ERROR') {
          if (object.code === 410) outcome.gone = true;
          else outcome.error = new KubeApiError(object.code ?? 500, object);
          return;
        }
        if (type === 'BOOKMARK') this.#handlers.onBookmark(version ?? '');
        else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
          this.#handlers.onEvent(type, object);
        if (version) outcome.resourceVersion = version;
        this.#backoff.reset();
      };
      watch
        .watch(this.#path, query, onLine, (error) => finish(outcome.error ?? error))
        .then(
          (controller) => {
            state.controller = controller;
            if (finished) controller.abort();
            else this.#phase = 'watching';
          },
          (error: unknown) => finish(error),
        );
    });
  }
}
