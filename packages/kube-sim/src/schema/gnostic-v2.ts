/**
 * The Swagger 2.0 document in the protobuf form kubectl asks for
 * (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`): gnostic's
 * openapi.v2.Document message (github.com/google/gnostic, openapiv2/OpenAPIv2.proto). kubectl
 * accepts no JSON there; it reads v2 for `explain --output=plaintext-openapiv2` and, on apply of
 * an existing custom resource, to look up the PATCH content types. Vendor extensions travel as
 * YAML text (JSON is YAML); keywords the proto has no field for are left out, as the real
 * server leaves them out of v2.
 */
import type { JsonSchema } from './json-schema.ts';
import type { SwaggerDocument } from './openapi-v2.ts';
import { ProtoMessage } from './protobuf-writer.ts';

type Obj = Record<string, unknown>;

/** gnostic Any: the value as YAML text. */
function any(value: unknown): ProtoMessage {
  return new ProtoMessage().string(2, JSON.stringify(value));
}

function namedAny(name: string, value: unknown): ProtoMessage {
  return new ProtoMessage().string(1, name).message(2, any(value));
}

function vendorExtensions(obj: Obj): ProtoMessage[] {
  return Object.keys(obj)
    .filter((key) => key.startsWith('x-'))
    .map((key) => namedAny(key, obj[key]));
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export function encodeSchema(schema: JsonSchema): ProtoMessage {
  const s = schema as Obj;
  const m = new ProtoMessage()
    .string(1, schema.$ref)
    .string(2, schema.format)
    .string(3, typeof s.title === 'string' ? s.title : undefined)
    .string(4, schema.description);
  if (schema.default !== undefined) m.message(5, any(schema.default));
  m.double(6, num(s.multipleOf))
    .double(7, num(s.maximum))
    .bool(8, s.exclusiveMaximum === true)
    .double(9, num(s.minimum))
    .bool(10, s.exclusiveMinimum === true)
    .int64(11, num(s.maxLength))
    .int64(12, num(s.minLength))
    .string(13, typeof s.pattern === 'string' ? s.pattern : undefined)
    .int64(14, num(s.maxItems))
    .int64(15, num(s.minItems))
    .bool(16, s.uniqueItems === true)
    .int64(17, num(s.maxProperties))
    .int64(18, num(s.minProperties))
    .strings(19, schema.required)
    .messages(20, (schema.enum ?? []).map(any));
  if (typeof schema.additionalProperties === 'boolean') {
    m.message(21, new ProtoMessage().bool(2, schema.additionalProperties));
  } else if (schema.additionalProperties) {
    m.message(21, new ProtoMessage().message(1, encodeSchema(schema.additionalProperties)));
  }
  if (schema.type) m.message(22, new ProtoMessage().strings(1, [schema.type]));
  if (schema.items) m.message(23, new ProtoMessage().message(1, encodeSchema(schema.items)));
  m.messages(24, (schema.allOf ?? []).map(encodeSchema));
  if (schema.properties) {
    const named = Object.entries(schema.properties).map(([name, value]) =>
      new ProtoMessage().string(1, name).message(2, encodeSchema(value)),
    );
    m.message(25, new ProtoMessage().messages(1, named));
  }
  m.bool(27, s.readOnly === true);
  if (s.example !== undefined) m.message(30, any(s.example));
  return m.messages(31, vendorExtensions(s));
}

function encodeParameter(p: Obj): ProtoMessage {
  if (p.in === 'body') {
    const body = new ProtoMessage()
      .string(1, p.description as string | undefined)
      .string(2, p.name as string)
      .string(3, 'body')
      .bool(4, p.required === true)
      .message(5, encodeSchema(p.schema as JsonSchema));
    return new ProtoMessage().message(1, new ProtoMessage().message(1, body));
  }
  // Query and path sub-schemas share their first four fields; `type` and `uniqueItems` differ.
  const query = p.in === 'query';
  const sub = new ProtoMessage()
    .bool(1, p.required === true)
    .string(2, p.in as string)
    .string(3, p.description as string | undefined)
    .string(4, p.name as string)
    .string(query ? 6 : 5, p.type as string | undefined)
    .bool(query ? 20 : 19, p.uniqueItems === true);
  const nonBody = new ProtoMessage().message(query ? 3 : 4, sub);
  return new ProtoMessage().message(1, new ProtoMessage().message(2, nonBody));
}

function encodeOperation(op: Obj): ProtoMessage {
  const responses = Object.entries((op.responses ?? {}) as Record<string, Obj>).map(([code, r]) => {
    const response = new ProtoMessage().string(1, r.description as string);
    if (r.schema) response.message(2, new ProtoMessage().message(1, encodeSchema(r.schema as JsonSchema)));
    return new ProtoMessage().string(1, code).message(2, new ProtoMessage().message(1, response));
  });
  return new ProtoMessage()
    .strings(1, op.tags as string[] | undefined)
    .string(3, op.description as string | undefined)
    .string(5, op.operationId as string | undefined)
    .strings(6, op.produces as string[] | undefined)
    .strings(7, op.consumes as string[] | undefined)
    .messages(8, ((op.parameters ?? []) as Obj[]).map(encodeParameter))
    .message(9, new ProtoMessage().messages(1, responses))
    .strings(10, op.schemes as string[] | undefined)
    .messages(13, vendorExtensions(op));
}

const METHOD_FIELDS: Record<string, number> = {
  get: 2,
  put: 3,
  post: 4,
  delete: 5,
  options: 6,
  head: 7,
  patch: 8,
};

function encodePathItem(item: Obj): ProtoMessage {
  const m = new ProtoMessage();
  for (const [method, field] of Object.entries(METHOD_FIELDS)) {
    if (item[method]) m.message(field, encodeOperation(item[method] as Obj));
  }
  return m.messages(9, ((item.parameters ?? []) as Obj[]).map(encodeParameter));
}

/** The serialized openapi.v2.Document. */
export function encodeSwaggerProtobuf(doc: SwaggerDocument): Buffer {
  const paths = Object.entries(doc.paths).map(([path, item]) =>
    new ProtoMessage().string(1, path).message(2, encodePathItem(item)),
  );
  const definitions = Object.entries(doc.definitions).map(([name, schema]) =>
    new ProtoMessage().string(1, name).message(2, encodeSchema(schema)),
  );
  const securityDefinitions = Object.entries(doc.securityDefinitions).map(([name, value]) => {
    const v = value as Obj;
    const apiKey = new ProtoMessage()
      .string(1, v.type as string)
      .string(2, v.name as string)
      .string(3, v.in as string)
      .string(4, v.description as string | undefined);
    return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(2, apiKey));
  });
  const security = doc.security.map((requirement) =>
    new ProtoMessage().messages(
      1,
      Object.entries(requirement).map(([name, scopes]) =>
        new ProtoMessage().string(1, name).message(2, new ProtoMessage().strings(1, scopes)),
      ),
    ),
  );
  return new ProtoMessage()
    .string(1, doc.swagger)
    .message(2, new ProtoMessage().string(1, doc.info.title).string(2, doc.info.version))
    .message(8, new ProtoMessage().messages(2, paths))
    .message(9, new ProtoMessage().messages(1, definitions))
    .messages(12, security)
    .message(13, new ProtoMessage().messages(1, securityDefinitions))
    .bytes();
}
