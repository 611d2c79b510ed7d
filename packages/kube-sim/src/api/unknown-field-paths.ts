/**
 * The unknown fields of an object being written, with the answer for frozen top-level values
 * of built-in kinds remembered. A status update carries the stored spec unchanged (frozen,
 * shared with the store), and a built-in kind's schema never changes, so the answer for that
 * spec cannot change either: walking it again on every status update is wasted.
 *
 * This relies on the SchemaService contract that each top-level field is reported on its own,
 * in key order, so the answer for an object is the answers for runs of its top-level fields one
 * after another.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { SchemaService } from './modules.ts';

const NONE: readonly string[] = Object.freeze([]);
/** Answers by kind and top-level key (`apps/v1/Deployment|spec`), then by frozen value. */
const ANSWERS = new Map<string, WeakMap<object, readonly string[]>>();

export function unknownFieldPaths(schema: SchemaService, kind: ServedKind, object: KubeObject): string[] {
  if (kind.custom || !Object.values(object).some(isFrozenContainer))
    return schema.unknownFields(kind, object);
  const paths: string[] = [];
  let run: Record<string, unknown> | undefined;
  const walkRun = (): void => {
    if (run !== undefined) paths.push(...schema.unknownFields(kind, run as KubeObject));
    run = undefined;
  };
  for (const [key, value] of Object.entries(object)) {
    if (!isFrozenContainer(value)) {
      (run ??= {})[key] = value;
      continue;
    }
    walkRun();
    paths.push(...answerFor(schema, kind, key, value));
  }
  walkRun();
  return paths;
}

function answerFor(schema: SchemaService, kind: ServedKind, key: string, value: object): readonly string[] {
  const scope = `${kind.group}/${kind.version}/${kind.kind}|${key}`;
  let answers = ANSWERS.get(scope);
  if (answers === undefined) {
    answers = new WeakMap();
    ANSWERS.set(scope, answers);
  }
  let answer = answers.get(value);
  if (answer === undefined) {
    const found = schema.unknownFields(kind, { [key]: value } as unknown as KubeObject);
    answer = found.length === 0 ? NONE : Object.freeze(found);
    answers.set(value, answer);
  }
  return answer;
}

function isFrozenContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.isFrozen(value);
}
