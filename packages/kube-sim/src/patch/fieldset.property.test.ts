/**
 * FieldSet's lazy fieldsV1 views and identity-preserving operations must behave like the plain
 * map-based sets of testdata/reference: the same members, paths, fieldsV1 (byte for byte) and
 * equality, whether an operand was built by insertion, parsed from client JSON or read back
 * lazily from fieldsV1 this module wrote.
 */
import { describe, expect, it } from 'vitest';
import { FieldSet } from './fieldset.ts';
import { FieldSet as ReferenceFieldSet } from './testdata/reference/fieldset.ts';
import { fieldElement, keyElement, valueElement, type Path, type PathElement } from './path-element.ts';
import { pick, seededRandom, type Random } from './testdata/random-objects.ts';

const ELEMENTS: PathElement[] = [
  ...['a', 'b', 'spec', 'status', 'x.y', 'Z'].map(fieldElement),
  keyElement([['name', 'main']]),
  keyElement([
    ['containerPort', 80],
    ['protocol', 'TCP'],
  ]),
  keyElement([['type', 'Ready']]),
  valueElement('example.com/f'),
  valueElement(3),
  { kind: 'index', index: 2 },
];

function randomPaths(random: Random): Path[] {
  const paths: Path[] = [];
  const count = Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(random() * 4);
    paths.push(Array.from({ length: depth }, () => pick(random, ELEMENTS)));
  }
  return paths;
}

type Form = 'built' | 'parsed' | 'view';

/** The same set in one of the forms a write meets: built, parsed from JSON, or a lazy view. */
function inForm(paths: Path[], form: Form): FieldSet {
  const built = FieldSet.of(paths);
  if (form === 'built') return built;
  if (form === 'parsed') return FieldSet.fromFieldsV1(JSON.parse(JSON.stringify(built.toFieldsV1())));
  return FieldSet.fromFieldsV1(FieldSet.of(paths).toFieldsV1());
}

function describeSet(set: FieldSet | ReferenceFieldSet): { json: string; paths: string } {
  return { json: JSON.stringify(set.toFieldsV1()), paths: JSON.stringify(set.paths()) };
}

describe('FieldSet against the reference sets', () => {
  it('agrees on union, intersection, difference, equality and serialization', () => {
    const forms: Form[] = ['built', 'parsed', 'view'];
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(seed);
      const left = randomPaths(random);
      // Overlapping operands: the right one reuses some of the left one's paths.
      const right = [...randomPaths(random), ...left.filter(() => random() < 0.5)];
      const a = inForm(left, pick(random, forms));
      const b = inForm(right, pick(random, forms));
      const refA = ReferenceFieldSet.of(left);
      const refB = ReferenceFieldSet.of(right);
      const where = `seed ${seed}`;
      expect(describeSet(a), where).toEqual(describeSet(refA));
      expect(describeSet(a.union(b)), where).toEqual(describeSet(refA.union(refB)));
      expect(describeSet(b.union(a)), where).toEqual(describeSet(refB.union(refA)));
      expect(describeSet(a.intersection(b)), where).toEqual(describeSet(refA.intersection(refB)));
      expect(describeSet(a.difference(b)), where).toEqual(describeSet(refA.difference(refB)));
      expect(describeSet(b.difference(a)), where).toEqual(describeSet(refB.difference(refA)));
      expect(describeSet(a.union(b).difference(a.intersection(b))), where).toEqual(
        describeSet(refA.union(refB).difference(refA.intersection(refB))),
      );
      expect(a.equals(b), where).toBe(refA.equals(refB));
      expect(a.union(b).equals(b.union(a)), where).toBe(true);
      expect(a.isEmpty(), where).toBe(refA.isEmpty());
      const element = pick(random, ELEMENTS);
      expect(a.hasMember(element), where).toBe(refA.hasMember(element));
      const child = a.child(element);
      const refChild = refA.child(element);
      expect(child && describeSet(child), where).toEqual(refChild && describeSet(refChild));
      expect(describeSet(a.withMember(element)), where).toEqual(describeSet(refA.withMember(element)));
      expect(describeSet(a.withChild(element, b)), where).toEqual(describeSet(refA.withChild(element, refB)));
    }
  });

  it('reads back what it wrote as an equal set, and writes it back as the very same object', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 100; i++) {
      const set = FieldSet.of(randomPaths(random));
      const written = set.toFieldsV1();
      const read = FieldSet.fromFieldsV1(written);
      expect(read.equals(set)).toBe(true);
      expect(read.toFieldsV1()).toBe(written);
      expect(Object.isFrozen(written)).toBe(true);
    }
  });
});
