/**
 * The Swagger 2.0 document served at /openapi/v2: every definition and every path in one
 * document. kubectl 1.27+ asks for it only when the v3 documents fail it (and then only as
 * protobuf, see gnostic-protobuf.ts); other clients read the JSON form.
 */
import type { JsonSchema } from './json-schema.ts';
import type { OperationSpec, PathSpec } from './operations.ts';
import { PARAMETERS, type ParameterName } from './parameters.ts';

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  definitions: Record<string, JsonSchema>;
  securityDefinitions: Record<string, unknown>;
  security: Array<Record<string, string[]>>;
}

const PRODUCES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const WATCH_PRODUCES = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];

function v2Parameter(name: ParameterName): Record<string, unknown> {
  const spec = PARAMETERS[name];
  const parameter: Record<string, unknown> = {
    uniqueItems: true,
    type: spec.type,
    description: spec.description,
    name,
    in: spec.in,
  };
  if (spec.required) parameter.required = true;
  return parameter;
}

function v2Operation(op: OperationSpec, tag: string): Record<string, unknown> {
  const parameters: Array<Record<string, unknown>> = [];
  if (op.body) {
    parameters.push({
      name: 'body',
      in: 'body',
      ...(op.method === 'delete' ? {} : { required: true }),
      schema: { $ref: `#/definitions/${op.body.definition}` },
    });
  }
  parameters.push(...op.parameters.map(v2Parameter));
  const rendered: Record<string, unknown> = {
    description: op.description,
    consumes: op.body ? op.body.contentTypes : ['*/*'],
    produces: op.watchable ? [...PRODUCES, ...WATCH_PRODUCES] : PRODUCES,
    schemes: ['https'],
    tags: [tag],
    operationId: op.operationId,
  };
  if (parameters.length > 0) rendered.parameters = parameters;
  const responses: Record<string, unknown> = {};
  for (const r of op.responses) {
    responses[r.code] = r.definition
      ? { description: r.description, schema: { $ref: `#/definitions/${r.definition}` } }
      : { description: r.description };
  }
  responses['401'] = { description: 'Unauthorized' };
  rendered.responses = responses;
  rendered['x-kubernetes-action'] = op.action;
  rendered['x-kubernetes-group-version-kind'] = op.gvk;
  return rendered;
}

export function buildV2Document(
  groups: Array<{ tag: string; paths: PathSpec[] }>,
  definitions: Record<string, JsonSchema>,
): SwaggerDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const group of groups) {
    for (const path of group.paths) {
      const item: Record<string, unknown> = {};
      for (const op of path.operations) item[op.method] = v2Operation(op, group.tag);
      item.parameters = path.parameters.map(v2Parameter);
      paths[path.path] = item;
    }
  }
  const sorted = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((name) => [name, definitions[name] as JsonSchema]),
  );
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    definitions: sorted,
    securityDefinitions: {
      BearerToken: {
        description: 'Bearer Token authentication',
        type: 'apiKey',
        name: 'authorization',
        in: 'header',
      },
    },
    security: [{ BearerToken: [] }],
  };
}
