/**
 * Remembering the unknown fields of frozen top-level values must not change the answer: for
 * random pods and deployments with unknown fields sprinkled at every depth, some top-level
 * values frozen (shared with the store) and others not, the answer equals one walk of the whole
 * object, also when the frozen values are asked about again inside other objects.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { KindRegistry } from '../registry/kind-registry.ts';
import { deepFreeze } from '../store/freeze.ts';
import { randomPod, seededRandom, mutate, type Random } from '../patch/testdata/random-objects.ts';
import { unknownFieldPaths } from './unknown-field-paths.ts';
import { schemaService } from './wiring.ts';

const registry = new KindRegistry();
const schema = schemaService();
const pods = registry.lookup('', 'v1', 'pods');
const deployments = registry.lookup('apps', 'v1', 'deployments');

/** Adds fields the schema does not know at random places (and keeps the known ones). */
function withStrangers(random: Random, object: KubeObject): KubeObject {
  const copy = structuredClone(object) as Record<string, unknown>;
  const spots: Array<Record<string, unknown>> = [copy];
  const collect = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (!Array.isArray(value)) spots.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) collect(child);
  };
  collect(copy.spec);
  collect(copy.status);
  for (let i = 0; i < 3; i++) {
    const spot = spots[Math.floor(random() * spots.length)] as Record<string, unknown>;
    spot[`stranger${i}`] = random() < 0.5 ? 'x' : { nested: true };
  }
  return copy as KubeObject;
}

describe('unknownFieldPaths', () => {
  it('answers what one walk of the whole object answers, frozen parts remembered or not', () => {
    if (pods === undefined || deployments === undefined) throw new Error('built-in kinds missing');
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      const kind = random() < 0.8 ? pods : deployments;
      const stored = deepFreeze(withStrangers(random, randomPod(random)));
      // A write as the pipeline sees it: new top level and metadata, some values from the store.
      const next: Record<string, unknown> = { ...stored, metadata: { ...stored.metadata } };
      if (random() < 0.5) next.status = mutate(random, stored.status);
      if (random() < 0.3)
        next.spec = withStrangers(random, { spec: stored.spec } as unknown as KubeObject).spec;
      const expected = schema.unknownFields(kind, next as KubeObject);
      expect(unknownFieldPaths(schema, kind, next as KubeObject), `seed ${seed}`).toEqual(expected);
      // Asked again (answers for the frozen values now remembered), in another object.
      const again = { status: { phase: 'Running', stranger: 1 }, ...next } as unknown as KubeObject;
      expect(unknownFieldPaths(schema, kind, again), `seed ${seed} again`).toEqual(
        schema.unknownFields(kind, again),
      );
    }
  });
});
