/**
 * The 422 Status a real API server returns for an invalid object (apierrors.NewInvalid):
 * `Deployment.apps "web" is invalid: spec.selector: Required value`, several causes in
 * brackets, repeated messages once.
 */
import type { ResourceKind } from '../registry/builtin-kinds.ts';
import type { Status, StatusCause } from '../types.ts';
import { causeText } from './field-errors.ts';

export function invalidStatus(
  kind: Pick<ResourceKind, 'group' | 'kind'>,
  name: string,
  causes: StatusCause[],
): Status {
  const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const messages = [...new Set(causes.map(causeText))];
  let message = `${qualifiedKind} ${JSON.stringify(name)} is invalid`;
  if (messages.length === 1) message += `: ${messages[0]}`;
  else if (messages.length > 1) message += `: [${messages.join(', ')}]`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details: { name, group: kind.group, kind: kind.kind, causes },
    code: 422,
  };
}
