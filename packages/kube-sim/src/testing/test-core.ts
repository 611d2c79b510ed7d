/**
 * Test helpers: a bootstrapped in-memory cluster (no network) and polling without wall-clock
 * assertions. Used by kube-sim's own tests and by the controller tests built on top of it.
 */
import type { Clock, KubeObject } from '../types.ts';
import { ClusterCore, type CoreOptions } from '../cluster/cluster-core.ts';
import { TestClock } from '../cluster/test-clock.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import type { WriteArgs } from '../api/writes.ts';

export interface TestCore {
  core: ClusterCore;
  clock: TestClock;
  /** Write arguments acting as a controller (system:masters). */
  args(options?: WriteArgs['options']): WriteArgs;
  stop(): Promise<void>;
}

export async function startTestCore(
  options: Partial<CoreOptions> & { nodes?: number } = {},
): Promise<TestCore> {
  const clock = (options.clock as TestClock | undefined) ?? new TestClock();
  const core = new ClusterCore({ name: 'test', caPem: 'test-ca', ...options, clock: clock as Clock });
  await core.bootstrap({ nodes: options.nodes ?? 1, apiServerPort: 6443 });
  return {
    core,
    clock,
    args: (writeOptions = {}) => ({
      ctx: newContext(CONTROLLER_USER),
      options: { fieldManager: 'test', ...writeOptions },
    }),
    stop: () => core.stop(),
  };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${lastError === undefined ? '' : `: ${String(lastError)}`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function configMap(namespace: string, name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
    data: { key: 'value' },
    ...extra,
  };
}
