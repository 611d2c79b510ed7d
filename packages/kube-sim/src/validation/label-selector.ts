/**
 * metav1.LabelSelector: validation (ValidateLabelSelector), matching a label set, and the Go
 * rendering (`v1.LabelSelector{MatchLabels:…}`) real error messages print for a selector.
 */
import type { StatusCause } from '../types.ts';
import {
  goStringMap,
  goSyntax,
  invalid,
  notSupported,
  path,
  required,
  forbidden,
  type GoValue,
} from './field-errors.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';
import { validateLabels } from './object-meta.ts';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key?: string; operator?: string; values?: string[] }>;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function asSelector(value: unknown): LabelSelector | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as LabelSelector) : undefined;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

export function validateLabelSelector(selector: LabelSelector, field: string): StatusCause[] {
  const causes = validateLabels(selector.matchLabels, path(field, 'matchLabels'));
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    const reqField = path(field, 'matchExpressions', i);
    const values = req.values ?? [];
    if (!OPERATORS.includes(req.operator ?? '')) {
      causes.push(notSupported(path(reqField, 'operator'), req.operator ?? '', OPERATORS));
    } else if ((req.operator === 'In' || req.operator === 'NotIn') && values.length === 0) {
      causes.push(required(path(reqField, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && values.length > 0) {
      causes.push(
        forbidden(
          path(reqField, 'values'),
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ),
      );
    }
    for (const message of isQualifiedName(req.key ?? ''))
      causes.push(invalid(path(reqField, 'key'), req.key ?? '', message));
    for (const value of values) {
      for (const message of isValidLabelValue(value))
        causes.push(invalid(path(reqField, 'values'), value, message));
    }
  }
  return causes;
}

/** Whether `labels` satisfy every requirement of `selector` (an empty selector matches all). */
export function selectorMatches(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const set = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (set[key] !== value) return false;
  for (const req of selector.matchExpressions ?? []) {
    const key = req.key ?? '';
    const has = Object.hasOwn(set, key);
    const values = req.values ?? [];
    const ok =
      req.operator === 'In'
        ? has && values.includes(set[key] as string)
        : req.operator === 'NotIn'
          ? !has || !values.includes(set[key] as string)
          : req.operator === 'Exists'
            ? has
            : req.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
export function goLabelSelector(selector: LabelSelector | undefined): GoValue {
  if (!selector) return goSyntax('null');
  const expressions = selector.matchExpressions;
  const renderedExpressions = expressions
    ? `[]v1.LabelSelectorRequirement{${expressions
        .map(
          (r) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key ?? '')}, Operator:${JSON.stringify(r.operator ?? '')}, Values:${
              r.values ? `[]string{${r.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'
            }}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goSyntax(
    `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${renderedExpressions}}`,
  );
}
