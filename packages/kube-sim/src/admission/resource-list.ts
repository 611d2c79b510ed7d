/**
 * ResourceList arithmetic as the quota code does it (apiserver/pkg/quota/v1 helpers): add,
 * subtract, mask to a set of names, the `<=` check that reports the exceeded names, and the
 * `name=value,…` printing used in quota error messages.
 */
import { add, compare, formatQuantity, isZero, parseQuantity, sub, type Quantity } from './quantity.ts';

export type ResourceList = Map<string, Quantity>;

/** Parses a `{ cpu: '500m', … }` object; values that are not quantities are skipped. */
export function toResourceList(object: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (typeof object !== 'object' || object === null) return list;
  for (const [name, text] of Object.entries(object as Record<string, unknown>)) {
    try {
      list.set(name, parseQuantity(text));
    } catch {
      // Validation refuses such objects; ignore what cannot be counted.
    }
  }
  return list;
}

/** `{ cpu: '500m' }` in canonical form, keys sorted (how the server serializes a ResourceList). */
export function fromResourceList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...list.keys()].sort()) out[name] = formatQuantity(list.get(name) as Quantity);
  return out;
}

export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [name, q] of b) {
    const existing = out.get(name);
    out.set(name, existing === undefined ? q : add(existing, q));
  }
  return out;
}

/** a - b for names in a; names only in b are subtracted from zero (quota.Subtract). */
export function subtractLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [name, q] of b) {
    const existing = out.get(name);
    if (existing !== undefined) out.set(name, sub(existing, q));
    else out.set(name, { nanos: -q.nanos, format: q.format });
  }
  return out;
}

/** a - b, never below zero, for names in a (quota.SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, q] of a) {
    const other = b.get(name);
    const diff = other === undefined ? q : sub(q, other);
    out.set(name, diff.nanos < 0n ? { nanos: 0n, format: diff.format } : diff);
  }
  return out;
}

export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) {
    const q = list.get(name);
    if (q !== undefined) out.set(name, q);
  }
  return out;
}

/** Whether every value in a is <= its counterpart in b; also the names that are not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded: string[] = [];
  for (const [name, q] of a) {
    const limit = b.get(name);
    if (limit !== undefined && compare(q, limit) > 0) exceeded.push(name);
  }
  return { allowed: exceeded.length === 0, exceeded };
}

export function listIsZero(list: ResourceList): boolean {
  for (const q of list.values()) if (!isZero(q)) return false;
  return true;
}

export function negativeNames(list: ResourceList): string[] {
  return [...list].filter(([, q]) => q.nanos < 0n).map(([name]) => name);
}

export function listsEqual(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, q] of a) {
    const other = b.get(name);
    if (other === undefined || compare(q, other) !== 0) return false;
  }
  return true;
}

/** `requests.cpu=2,requests.memory=1Gi`: sorted names, canonical values (prettyPrint). */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${formatQuantity(list.get(name) as Quantity)}`)
    .join(',');
}
