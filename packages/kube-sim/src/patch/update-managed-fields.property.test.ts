/**
 * The incremental managed-fields update (lazy fieldsV1 views, shared subtrees skipped, stored
 * sets written back as they were) must record exactly what the straightforward implementation
 * records: the reference in testdata/reference builds every field set in full and deep-copies
 * every object. Both run on random write sequences against the real Pod schema — creates,
 * updates and status updates by several managers, clients echoing, editing, clearing or
 * dropping managedFields — and must agree byte for byte at every step.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { isJsonObject } from './json-values.ts';
import { SchemaCatalog } from '../schema/catalog.ts';
import { deepFreeze } from '../store/freeze.ts';
import { updateManagedFields, type UpdateManagedFieldsInput } from './update-managed-fields.ts';
import { updateManagedFields as referenceUpdateManagedFields } from './testdata/reference/update-managed-fields.ts';
import { editPod, mutate, pick, randomPod, seededRandom, type Random } from './testdata/random-objects.ts';
import { DEPLOYMENT_META, deployment } from './testdata/fixtures.ts';

const POD_META = new SchemaCatalog().patchMeta('', 'v1', 'Pod');
const MANAGERS = ['kubectl-edit', 'kubelet', 'kube-controller-manager', 'kube-scheduler', 'kubectl-label'];
const SEQUENCES = 250;
const STEPS = 14;

/** What the request carries in metadata.managedFields: what a client could send back. */
function requestedManagedFields(random: Random, stored: KubeObject, edited: KubeObject): unknown {
  const entries = stored.metadata.managedFields;
  switch (Math.floor(random() * 8)) {
    case 0:
    case 1:
      return entries; // carried over from the stored object
    case 2:
      return structuredClone(entries); // echoed by a client that read the object
    case 3:
      return undefined;
    case 4:
      return [];
    case 5: {
      // An edited copy: one entry dropped, or an entry's time or fields changed.
      const copy = structuredClone(entries ?? []);
      if (copy.length > 0 && random() < 0.5) copy.splice(Math.floor(random() * copy.length), 1);
      else if (copy[0]) copy[0] = { ...copy[0], time: '2023-12-31T00:00:00Z' };
      return copy;
    }
    case 6:
      return mutate(random, structuredClone(entries ?? []));
    default:
      return edited.metadata.managedFields;
  }
}

function nextWrite(random: Random, stored: KubeObject | undefined, second: number): UpdateManagedFieldsInput {
  const base = {
    manager: pick(random, MANAGERS),
    operation: 'Update' as const,
    meta: POD_META,
    now: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString(),
    apiVersion: pick(random, ['v1', 'v1', 'v2']),
  };
  if (stored === undefined) return { ...base, old: undefined, updated: randomPod(random) };
  if (random() < 0.4) {
    // A status update as the pipeline prepares it: the stored object with the new status.
    const edited = editPod(random, stored);
    const updated = { ...stored, metadata: { ...stored.metadata }, status: edited.status };
    return { ...base, old: stored, updated, subresource: 'status' };
  }
  const edited = editPod(random, stored);
  const metadata = { ...edited.metadata };
  const managedFields = requestedManagedFields(random, stored, edited);
  if (managedFields === undefined) delete metadata.managedFields;
  else metadata.managedFields = managedFields as NonNullable<KubeObject['metadata']['managedFields']>;
  return { ...base, old: stored, updated: { ...edited, metadata } };
}

describe('updateManagedFields against the reference implementation', () => {
  it('records the same managedFields on random write sequences', () => {
    let writes = 0;
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const random = seededRandom(seed);
      let stored: KubeObject | undefined;
      let second = 0;
      for (let step = 0; step < STEPS; step++) {
        second += pick(random, [0, 0, 1, 3, 60]);
        const input = nextWrite(random, stored, second);
        // The reference deep-copies its inputs, so it runs first on the very same objects.
        const expected = referenceUpdateManagedFields(input);
        const actual = updateManagedFields(input);
        const where = `seed ${seed}, step ${step}`;
        expect(JSON.stringify(actual), where).toBe(JSON.stringify(expected));
        expect(actual, where).toStrictEqual(expected);
        // The store freezes what it keeps; the next write reads it frozen.
        stored = deepFreeze(actual);
        writes++;
      }
    }
    expect(writes).toBe(SEQUENCES * STEPS);
  });

  it('records the same managedFields for random creates, odd ones included', () => {
    const metas = [POD_META, DEPLOYMENT_META, {}];
    for (let seed = 1; seed <= 1500; seed++) {
      const random = seededRandom(seed * 7919);
      let object: unknown = randomPod(random);
      for (let edits = Math.floor(random() * 4); edits > 0; edits--) object = mutate(random, object);
      if (!isJsonObject(object)) continue;
      const metadata = isJsonObject(object.metadata) ? { ...object.metadata } : {};
      // Untracked fields holding something below them keep those (only the field itself goes).
      if (random() < 0.1) metadata.name = { odd: random() < 0.5 ? 'x' : { deeper: 1 } };
      if (random() < 0.1) delete metadata.managedFields;
      const updated = { ...object, metadata } as unknown as KubeObject;
      const input: UpdateManagedFieldsInput = {
        old: undefined,
        updated,
        manager: pick(random, MANAGERS),
        operation: 'Update',
        meta: pick(random, metas),
        now: '2024-01-01T00:00:00Z',
        apiVersion: 'v1',
      };
      const expected = referenceUpdateManagedFields(input);
      const actual = updateManagedFields(input);
      expect(JSON.stringify(actual), `seed ${seed}`).toBe(JSON.stringify(expected));
      expect(actual, `seed ${seed}`).toStrictEqual(expected);
    }
  });

  it('agrees on a schema without metadata (the ObjectMeta fallback) and on repeated identical writes', () => {
    const input = {
      operation: 'Update' as const,
      meta: DEPLOYMENT_META,
      apiVersion: 'apps/v1',
    };
    let stored: KubeObject | undefined;
    for (let step = 0; step < 6; step++) {
      const updated: KubeObject = stored ? { ...stored, metadata: { ...stored.metadata } } : deployment();
      if (step % 2 === 1) updated.metadata.labels = { ...updated.metadata.labels, [`step-${step}`]: 'yes' };
      const write: UpdateManagedFieldsInput = {
        ...input,
        old: stored,
        updated,
        manager: step < 3 ? 'kubectl-create' : 'kubectl-label',
        now: `2024-05-01T10:0${step}:00Z`,
      };
      const expected = referenceUpdateManagedFields(write);
      const actual = updateManagedFields(write);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      stored = deepFreeze(actual);
    }
  });
});
