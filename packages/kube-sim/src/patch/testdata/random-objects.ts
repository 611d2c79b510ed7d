/**
 * Random pods and random edits of them, for the property tests of managed-fields tracking.
 * Objects are pod-shaped (so the real Pod schema gives keyed lists, sets, maps, atomic lists
 * and structs), with the oddities writers produce: nulls, empty containers, values of the
 * wrong type, list items without their key, and — in-process writers only — keys whose value
 * is `undefined`. Edits copy only along the changed path and share the rest with the frozen
 * original, as the API pipeline's status updates and patches do.
 */
import type { KubeObject } from '../../types.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';

export type Random = () => number;

/** mulberry32: small, fast and seedable, so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

function some<T>(random: Random, max: number, make: (i: number) => T): T[] {
  return Array.from({ length: Math.floor(random() * (max + 1)) }, (_, i) => make(i));
}

const WORDS = ['a', 'b', 'web', 'db', 'main', 'side', 'x', 'app', 'tier', 'zone'];

function stringMap(random: Random, max = 3): JsonObject {
  const out: JsonObject = {};
  for (const key of some(random, max, () => pick(random, WORDS))) out[key] = pick(random, WORDS);
  return out;
}

function container(random: Random, name: string): JsonObject {
  const out: JsonObject = { name, image: `${pick(random, WORDS)}:${Math.floor(random() * 3)}` };
  if (chance(random, 0.4)) out.args = some(random, 3, () => pick(random, WORDS));
  if (chance(random, 0.4)) {
    out.env = some(random, 3, () =>
      chance(random, 0.1) ? { value: 'no-name' } : { name: pick(random, WORDS), value: pick(random, WORDS) },
    );
  }
  if (chance(random, 0.4)) {
    out.ports = some(random, 2, () => {
      const port: JsonObject = { containerPort: pick(random, [80, 443, 8080]) };
      if (chance(random, 0.5)) port.protocol = pick(random, ['TCP', 'UDP']);
      return port;
    });
  }
  if (chance(random, 0.5)) out.resources = { requests: stringMap(random), limits: stringMap(random) };
  return out;
}

function condition(random: Random, type: string): JsonObject {
  return {
    type,
    status: pick(random, ['True', 'False']),
    lastProbeTime: null,
    lastTransitionTime: `2024-01-01T00:00:0${Math.floor(random() * 3)}Z`,
  };
}

function spec(random: Random): JsonObject {
  const names = [...new Set(some(random, 3, () => pick(random, WORDS)))];
  const out: JsonObject = { containers: names.map((name) => container(random, name)) };
  if (chance(random, 0.5)) out.nodeName = pick(random, WORDS);
  if (chance(random, 0.3)) out.nodeSelector = stringMap(random);
  if (chance(random, 0.3)) out.tolerations = some(random, 2, () => ({ key: pick(random, WORDS) }));
  if (chance(random, 0.3)) out.volumes = some(random, 2, () => ({ name: pick(random, WORDS), emptyDir: {} }));
  if (chance(random, 0.2)) out.securityContext = {};
  return out;
}

function status(random: Random): JsonObject {
  const out: JsonObject = { phase: pick(random, ['Pending', 'Running', 'Succeeded']) };
  if (chance(random, 0.7)) {
    out.conditions = some(random, 4, () =>
      condition(random, pick(random, ['Ready', 'Initialized', 'PodScheduled'])),
    );
  }
  if (chance(random, 0.5)) out.podIP = `10.0.0.${Math.floor(random() * 4)}`;
  if (chance(random, 0.4)) {
    out.containerStatuses = some(random, 2, () => ({
      name: pick(random, WORDS),
      ready: chance(random, 0.5),
      state: chance(random, 0.5) ? { running: { startedAt: 'now' } } : { waiting: { reason: 'Creating' } },
    }));
  }
  return out;
}

function metadata(random: Random): JsonObject {
  const out: JsonObject = {
    name: 'pod',
    namespace: 'default',
    uid: 'uid-1',
    creationTimestamp: '2024-01-01T00:00:00Z',
  };
  if (chance(random, 0.7)) out.labels = stringMap(random);
  if (chance(random, 0.4)) out.annotations = stringMap(random);
  if (chance(random, 0.3)) out.finalizers = some(random, 2, () => `example.com/${pick(random, WORDS)}`);
  if (chance(random, 0.2)) {
    out.ownerReferences = some(random, 2, () => ({
      uid: pick(random, WORDS),
      kind: 'ReplicaSet',
      name: 'rs',
    }));
  }
  return out;
}

export function randomPod(random: Random): KubeObject {
  const pod: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: metadata(random), spec: spec(random) };
  if (chance(random, 0.6)) pod.status = status(random);
  return pod as KubeObject;
}

/** A fresh random value of any JSON kind (or undefined), for replacing fields. */
function oddValue(random: Random): unknown {
  return pick(random, [
    () => null,
    () => undefined,
    () => ({}),
    () => [],
    () => pick(random, WORDS),
    () => Math.floor(random() * 3),
    () => chance(random, 0.5),
    () => stringMap(random),
    () => some(random, 2, () => pick(random, WORDS)),
  ])();
}

/**
 * A copy of `value` with a few random changes. Unchanged children are the same objects as in
 * `value` (structural sharing); changed ones are new.
 */
export function mutate(random: Random, value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const out = [...value];
    if (out.length > 0 && chance(random, 0.5)) {
      const i = Math.floor(random() * out.length);
      out[i] = mutate(random, out[i], depth + 1);
    }
    if (chance(random, 0.2)) out.splice(Math.floor(random() * (out.length + 1)), 0, oddValue(random));
    if (out.length > 0 && chance(random, 0.2)) out.splice(Math.floor(random() * out.length), 1);
    return out;
  }
  if (!isJsonObject(value)) return chance(random, 0.7) ? pick(random, WORDS) : oddValue(random);
  const out: JsonObject = { ...value };
  for (const key of Object.keys(out)) {
    if (chance(random, depth === 0 ? 0.4 : 0.2)) out[key] = mutate(random, out[key], depth + 1);
    else if (chance(random, 0.04)) delete out[key];
    else if (chance(random, 0.03)) out[key] = oddValue(random);
  }
  if (chance(random, 0.15)) out[pick(random, WORDS)] = oddValue(random);
  return out;
}

/**
 * A realistic edit: one of the things controllers and users do to a pod. metadata stays an
 * object (the API decodes every body into one).
 */
export function editPod(random: Random, pod: KubeObject): KubeObject {
  const edited = anyEdit(random, pod);
  return isJsonObject(edited.metadata) ? edited : { ...edited, metadata: { ...pod.metadata } };
}

function anyEdit(random: Random, pod: KubeObject): KubeObject {
  const meta = pod.metadata as JsonObject;
  switch (Math.floor(random() * 8)) {
    case 0:
      return {
        ...pod,
        metadata: {
          ...meta,
          labels: { ...(meta.labels as Record<string, string>), [pick(random, WORDS)]: pick(random, WORDS) },
        },
      };
    case 1:
      return { ...pod, metadata: { ...meta, annotations: stringMap(random) as Record<string, string> } };
    case 2:
      return { ...pod, spec: spec(random) };
    case 3:
      return { ...pod, status: status(random) };
    case 4:
      return { ...pod, status: mutate(random, pod.status) };
    case 5:
      return { ...pod, spec: mutate(random, pod.spec) };
    case 6:
      return { ...pod, metadata: mutate(random, meta) as KubeObject['metadata'] };
    default:
      return mutate(random, pod) as KubeObject;
  }
}
