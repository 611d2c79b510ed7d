/**
 * Interplay with kubectl's client-side apply annotation, for the manager named `kubectl`
 * (what `kubectl apply --server-side` uses): fields whose last-applied value still matches the
 * live object may be taken over without conflict, and the annotation keeps tracking the
 * configuration (lastAppliedManager, lastAppliedUpdater).
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import type { FieldSet } from './fieldset.ts';
import { goJsonMarshal } from './go-format.ts';
import { cloneJson, isJsonObject, type JsonObject } from './json-values.ts';
import { compareObjects } from './ssa-compare.ts';
import { fieldSetOf, listKeyErrors } from './ssa-fieldset.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const KUBECTL_APPLY_MANAGER = 'kubectl';

/** The fields the last client-side apply set and the live object still holds unchanged. */
export function fieldsStillAsLastApplied(
  live: JsonObject,
  rootMeta: PatchMeta,
  apiVersion: string,
): FieldSet | undefined {
  const text = annotationOf(live);
  if (!text) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
  if (listKeyErrors(lastApplied, rootMeta, false).length > 0) return undefined;
  const comparison = compareObjects(lastApplied, live, rootMeta);
  return fieldSetOf(lastApplied, rootMeta)
    .difference(comparison.modified)
    .difference(comparison.added)
    .difference(comparison.removed);
}

/** Rewrites an existing annotation to the applied configuration (without the annotation). */
export function syncLastAppliedAnnotation(object: JsonObject, applied: JsonObject): void {
  if (!annotationOf(object)) return;
  const configuration = cloneJson(applied);
  const metadata = configuration.metadata;
  if (isJsonObject(metadata) && isJsonObject(metadata.annotations)) {
    delete metadata.annotations[LAST_APPLIED_ANNOTATION];
  }
  const annotations = (object.metadata as JsonObject).annotations as JsonObject;
  // runtime.Encode uses a json.Encoder, which ends the document with a newline.
  annotations[LAST_APPLIED_ANNOTATION] = `${goJsonMarshal(configuration)}\n`;
}

function annotationOf(object: JsonObject): string | undefined {
  const metadata = object.metadata;
  if (!isJsonObject(metadata) || !isJsonObject(metadata.annotations)) return undefined;
  const value = metadata.annotations[LAST_APPLIED_ANNOTATION];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
