/**
 * kube-sim's patch engine: the four PATCH content types of the Kubernetes API and managed
 * fields tracking, with the semantics and error texts of the real apiserver. Pure functions;
 * inputs are never mutated.
 */
export { applyJsonPatch } from './json-patch.ts';
export { applyMergePatch } from './merge-patch.ts';
export { applyStrategicMergePatch } from './strategic-merge.ts';
export {
  applyServerSide,
  type ServerSideApplyInput,
  type ServerSideApplyResult,
} from './server-side-apply.ts';
export { updateManagedFields, type UpdateManagedFieldsInput } from './update-managed-fields.ts';
export { fieldsetToPaths } from './fieldset.ts';
export { OBJECT_META_PATCH_META } from './patch-meta-lookup.ts';
export {
  ApplyConflictError,
  PatchError,
  unsupportedMediaType,
  type ApplyConflict,
  type PatchErrorReason,
} from './errors.ts';
