/**
 * fieldValidation=Strict|Warn|Ignore: unknown fields in a request body are an error, a warning
 * or silently dropped. Custom resources are also pruned to their structural schema.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ApiDeps } from './api-deps.ts';
import { badRequest } from './errors.ts';
import type { FieldValidation, RequestContext } from './request-context.ts';
import { unknownFieldPaths } from './unknown-field-paths.ts';

/** What the server assumes when the client sends no fieldValidation parameter. */
export const DEFAULT_FIELD_VALIDATION: FieldValidation = 'Warn';

export function checkUnknownFields(
  deps: ApiDeps,
  kind: ServedKind,
  object: KubeObject,
  mode: FieldValidation | undefined,
  ctx: RequestContext,
): KubeObject {
  const effective = mode ?? DEFAULT_FIELD_VALIDATION;
  if (effective !== 'Ignore') {
    const unknown = unknownFieldPaths(deps.modules.schema, kind, object);
    if (unknown.length > 0) {
      const messages = unknown.map((field) => `unknown field "${field}"`);
      if (effective === 'Strict') throw badRequest(`strict decoding error: ${messages.join(', ')}`);
      ctx.warnings.push(...messages);
    }
  }
  return kind.custom ? deps.modules.schema.prune(kind, object) : object;
}

/**
 * The create and update handlers decode the body with the strict serializer when asked to
 * (fieldValidation=Strict), so an unknown field is a decode error and reaches the client through
 * transformDecodeError: `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict
 * decoding error: unknown field "spec"`.
 */
export function rejectUnknownFieldsOnDecode(
  deps: ApiDeps,
  kind: ServedKind,
  object: KubeObject,
  mode: FieldValidation | undefined,
): void {
  if (mode !== 'Strict') return;
  const unknown = unknownFieldPaths(deps.modules.schema, kind, object);
  if (unknown.length === 0) return;
  const messages = unknown.map((field) => `unknown field "${field}"`).join(', ');
  throw badRequest(
    `${kind.kind} in version ${JSON.stringify(kind.version)} cannot be handled as a ${kind.kind}: strict decoding error: ${messages}`,
  );
}
