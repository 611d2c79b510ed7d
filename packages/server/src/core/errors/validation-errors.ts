import type { FastifySchemaValidationError } from 'fastify';

export interface FieldProblem {
  field: string;
  message: string;
}

type SchemaNode = {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
};

/** `/permissions/2` → `permissions[2]`, `/profile/email` → `profile.email`. */
export function fieldPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').filter((s) => s !== '');
  if (child !== undefined) segments.push(child);
  let path = '';
  for (const raw of segments) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

function schemaAt(root: unknown, instancePath: string): SchemaNode | undefined {
  let node = root as SchemaNode | undefined;
  for (const segment of instancePath.split('/').filter((s) => s !== '')) {
    if (node === undefined) return undefined;
    node = /^\d+$/.test(segment) ? node.items : node.properties?.[segment];
  }
  return node;
}

function limitOf(params: Record<string, unknown>): string {
  return String(params['limit'] ?? '');
}

/**
 * Turns the first AJV error into a sentence that names the field, using the schema's
 * `description` for pattern failures since "must match pattern ^[a-z…" helps nobody.
 */
export function describeValidationError(
  error: FastifySchemaValidationError,
  partSchema: unknown,
  part: string,
): FieldProblem {
  const params = (error.params ?? {}) as Record<string, unknown>;
  if (error.keyword === 'required') {
    const field = fieldPath(error.instancePath, String(params['missingProperty']));
    return { field, message: `${field} is required` };
  }
  const field = fieldPath(error.instancePath) || part;
  const hint = schemaAt(partSchema, error.instancePath)?.description;
  switch (error.keyword) {
    case 'minLength':
      return { field, message: `${field} must be at least ${limitOf(params)} characters` };
    case 'maxLength':
      return { field, message: `${field} must be at most ${limitOf(params)} characters` };
    case 'pattern':
    case 'format':
      return { field, message: hint ? `${field} is invalid: ${hint}` : `${field} ${error.message ?? ''}` };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? '';
      return { field, message: `${field} must be one of: ${allowed}` };
    }
    case 'minItems':
      return { field, message: `${field} must have at least ${limitOf(params)} items` };
    case 'maxItems':
      return { field, message: `${field} must have at most ${limitOf(params)} items` };
    default:
      return { field, message: `${field} ${error.message ?? 'is invalid'}` };
  }
}
