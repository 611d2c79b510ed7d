/** Workload selectors (metav1.LabelSelector), compiled once per object version. */
import type { KubeObject } from '../../types.ts';
import {
  fromStructured,
  matchesLabels,
  type LabelSelector,
  type StructuredLabelSelector,
} from '../../selectors/label-selector.ts';

const compiled = new WeakMap<object, LabelSelector>();

/** The compiled `spec.selector` of a workload; objects are frozen, so caching by identity is safe. */
export function selectorOf(workload: KubeObject): LabelSelector {
  const spec = (workload.spec ?? {}) as { selector?: StructuredLabelSelector | null };
  const raw = spec.selector;
  if (raw === null || raw === undefined) return fromStructured(raw);
  let selector = compiled.get(raw);
  if (selector === undefined) {
    selector = fromStructured(raw);
    compiled.set(raw, selector);
  }
  return selector;
}

export function selects(workload: KubeObject, object: KubeObject): boolean {
  return matchesLabels(selectorOf(workload), object.metadata.labels);
}

/** An empty selector would select every pod of the namespace; controllers refuse to act on it. */
export function selectsEverything(workload: KubeObject): boolean {
  const selector = selectorOf(workload);
  return selector.matchesNothing !== true && selector.requirements.length === 0;
}
