/**
 * Stored objects are deeply frozen so that readers (HTTP serialisation, watchers, the internal
 * client, list snapshots) can share one instance without copying; writers build a new object.
 */
import type { KubeObject } from '../types.ts';
import { deepCopy } from './deep-copy.ts';

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

/** A mutable deep copy of a (possibly frozen) object, for callers that want to edit it. */
export function thaw<T>(value: T): T {
  return deepCopy(value);
}

export type FrozenObject = Readonly<KubeObject>;
