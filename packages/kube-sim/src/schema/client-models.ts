/**
 * Reads the generated models of @kubernetes/client-node, our offline copy of the Kubernetes API
 * schema. Each model `Foo` has `Foo.js` (a static `attributeTypeMap`: wire name, TypeScript type
 * and OpenAPI format of every field) and `Foo.d.ts` (the class and field descriptions as JSDoc,
 * and `?` on optional fields). Nothing is generated ahead of time: models are parsed on first
 * use and cached for the life of the process.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ModelField {
  /** The JSON name on the wire, e.g. `x-kubernetes-list-type` or `default`. */
  name: string;
  /** The client's TypeScript type: `string`, `V1PodSpec`, `Array<V1Container>`, `{ [key: string]: string; }`… */
  type: string;
  /** OpenAPI format: int32, int64, byte, date-time, double, int-or-string, date-time-micro or ''. */
  format: string;
  description: string;
  required: boolean;
}

export interface Model {
  name: string;
  description: string;
  fields: ModelField[];
}

let modelsDir: string | undefined;

function modelDirectory(): string {
  if (modelsDir === undefined) {
    const entry = createRequire(import.meta.url).resolve('@kubernetes/client-node');
    modelsDir = join(dirname(entry), 'gen', 'models');
  }
  return modelsDir;
}

const cache = new Map<string, Model | null>();

/** The model named `name` (e.g. `V1Deployment`), or undefined when the client has no such class. */
export function readModel(name: string): Model | undefined {
  let model = cache.get(name);
  if (model === undefined) {
    model = parseModel(name);
    cache.set(name, model);
  }
  return model ?? undefined;
}

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

function parseModel(name: string): Model | null {
  if (!/^[A-Za-z0-9]+$/.test(name)) return null;
  const jsPath = join(modelDirectory(), `${name}.js`);
  const dtsPath = join(modelDirectory(), `${name}.d.ts`);
  if (!existsSync(jsPath) || !existsSync(dtsPath)) return null;
  const js = readFileSync(jsPath, 'utf8');
  const dts = readFileSync(dtsPath, 'utf8');
  const attributes = /\.attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  if (!attributes?.[1]) return null;
  const typeMap = JSON.parse(attributes[1]) as Attribute[];
  const docs = fieldDocs(dts);
  return {
    name,
    description: classDoc(dts, name),
    fields: typeMap.map((a) => ({
      name: a.baseName,
      type: a.type,
      format: a.format,
      description: docs.get(a.name)?.description ?? '',
      required: docs.get(a.name)?.required ?? false,
    })),
  };
}

function unescapeDoc(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join(' ')
    .replace(/\\(["'`\\])/g, '$1')
    .trim();
}

function classDoc(dts: string, name: string): string {
  const match = new RegExp(`/\\*\\*\\n((?:\\*.*\\n)+?)\\*/\\nexport declare class ${name}\\b`).exec(dts);
  return match?.[1] ? unescapeDoc(match[1]) : '';
}

/** Field name → its JSDoc and whether it is declared without `?`. */
function fieldDocs(dts: string): Map<string, { description: string; required: boolean }> {
  const docs = new Map<string, { description: string; required: boolean }>();
  const body = dts.slice(dts.indexOf('export declare class'));
  const field = /(?:\/\*\*\n((?:\s*\*(?!\/).*\n)*?)\s*\*\/\n)?\s{4}'([^']+)'(\?)?:/g;
  for (const m of body.matchAll(field)) {
    const fieldName = m[2];
    if (fieldName === undefined) continue;
    docs.set(fieldName, { description: m[1] ? unescapeDoc(m[1]) : '', required: m[3] === undefined });
  }
  return docs;
}
