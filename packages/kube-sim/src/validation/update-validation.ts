/**
 * What an update may not change (the *Update validators): controller selectors, most of a
 * pod's spec, a StatefulSet's non-template fields, a Job's template, a Service's cluster IP,
 * a bound claim's spec, immutable config maps and secrets, a binding's roleRef.
 */
import type { KubeObject, StatusCause } from '../types.ts';
import { forbidden, goSyntax, invalid } from './field-errors.ts';
import { goRoleRef } from './api-validation.ts';
import { asSelector, goLabelSelector } from './label-selector.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ak = Object.keys(a as Obj).filter((k) => (a as Obj)[k] !== undefined);
  const bk = Object.keys(b as Obj).filter((k) => (b as Obj)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual((a as Obj)[k], (b as Obj)[k]));
}

const IMMUTABLE = 'field is immutable';

export function selectorUnchanged(obj: KubeObject, old: KubeObject, field = 'spec.selector'): StatusCause[] {
  const now = asObj(obj.spec).selector;
  const before = asObj(old.spec).selector;
  return jsonEqual(now, before) ? [] : [invalid(field, goLabelSelector(asSelector(now)), IMMUTABLE)];
}

export const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A pod spec with the fields an update may change copied from the old one. */
function podSpecWithoutMutables(spec: Obj, old: Obj): Obj {
  const copy: Obj = structuredClone(spec);
  for (const list of ['containers', 'initContainers']) {
    const oldContainers = asList(old[list]);
    asList(copy[list]).forEach((c, i) => {
      c.image = oldContainers[i]?.image;
    });
  }
  copy.activeDeadlineSeconds = old.activeDeadlineSeconds;
  copy.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  // Tolerations may only be added to: the old ones must all still be there.
  const oldTolerations = asList(old.tolerations);
  const kept = oldTolerations.every((t) => asList(spec.tolerations).some((n) => jsonEqual(n, t)));
  copy.tolerations = kept ? old.tolerations : spec.tolerations;
  // Scheduling gates may only be removed.
  const gates = asList(spec.schedulingGates);
  if (gates.every((g) => asList(old.schedulingGates).some((o) => jsonEqual(o, g))))
    copy.schedulingGates = old.schedulingGates;
  return copy;
}

export function validatePodUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const spec = asObj(obj.spec);
  const before = asObj(old.spec);
  const causes: StatusCause[] = [];
  if (typeof before.activeDeadlineSeconds === 'number') {
    if (typeof spec.activeDeadlineSeconds !== 'number') {
      causes.push(
        invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'),
      );
    } else if (spec.activeDeadlineSeconds > before.activeDeadlineSeconds) {
      causes.push(
        invalid(
          'spec.activeDeadlineSeconds',
          spec.activeDeadlineSeconds,
          'must be less than or equal to previous value',
        ),
      );
    }
  }
  // A spec shared with the stored pod (every status update) is unchanged by definition.
  if (spec !== before && !jsonEqual(podSpecWithoutMutables(spec, before), before))
    causes.push(forbidden('spec', POD_UPDATE_MESSAGE));
  return causes;
}

const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

export function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const strip = (spec: Obj) =>
    Object.fromEntries(Object.entries(spec).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (jsonEqual(strip(asObj(obj.spec)), strip(asObj(old.spec)))) return [];
  return [
    forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

export function validateJobUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes = selectorUnchanged(obj, old);
  const spec = asObj(obj.spec);
  const before = asObj(old.spec);
  if (!jsonEqual(spec.template, before.template)) {
    causes.push(invalid('spec.template', goSyntax('core.PodTemplateSpec{...}'), IMMUTABLE));
  }
  if ((spec.completionMode ?? 'NonIndexed') !== (before.completionMode ?? 'NonIndexed')) {
    causes.push(invalid('spec.completionMode', spec.completionMode ?? 'NonIndexed', IMMUTABLE));
  }
  return causes;
}

export function validateServiceUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const before = String(asObj(old.spec).clusterIP ?? '');
  const now = String(asObj(obj.spec).clusterIP ?? '');
  // An update that leaves clusterIP out keeps the allocated one (the server copies it over).
  if (before && before !== 'None' && now && now !== before) {
    const ips = Array.isArray(asObj(obj.spec).clusterIPs) ? (asObj(obj.spec).clusterIPs as string[]) : [now];
    return [invalid('spec.clusterIPs[0]', ips, 'may not change once set')];
  }
  return [];
}

export function validatePersistentVolumeClaimUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const strip = (spec: Obj) => {
    const copy = structuredClone(spec);
    const resources = asObj(copy.resources);
    delete resources.requests;
    delete copy.volumeAttributesClassName;
    // A claim bound by the controller may gain its volumeName.
    if (!asObj(old.spec).volumeName) delete copy.volumeName;
    return copy;
  };
  if (jsonEqual(strip(asObj(obj.spec)), strip(asObj(old.spec)))) return [];
  return [
    forbidden(
      'spec',
      'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ),
  ];
}

/** Config maps and secrets marked `immutable: true`. */
export function validateImmutableData(obj: KubeObject, old: KubeObject): StatusCause[] {
  if (old.immutable !== true) return [];
  const causes: StatusCause[] = [];
  if (obj.immutable !== true)
    causes.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  if (!jsonEqual(obj.data, old.data))
    causes.push(forbidden('data', 'field is immutable when `immutable` is set'));
  if (old.kind === 'ConfigMap' && !jsonEqual(obj.binaryData, old.binaryData)) {
    causes.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  return causes;
}

export function validateSecretUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes = validateImmutableData(obj, old);
  const type = obj.type ?? 'Opaque';
  if (type !== (old.type ?? 'Opaque')) causes.unshift(invalid('type', type, IMMUTABLE));
  return causes;
}

export function validateRoleBindingUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  return jsonEqual(obj.roleRef, old.roleRef)
    ? []
    : [invalid('roleRef', goRoleRef(obj.roleRef), 'cannot change roleRef')];
}

export function validateCustomResourceDefinitionUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of ['group', 'scope']) {
    const now = asObj(obj.spec)[key];
    if (now !== asObj(old.spec)[key]) causes.push(invalid(`spec.${key}`, now, IMMUTABLE));
  }
  return causes;
}
