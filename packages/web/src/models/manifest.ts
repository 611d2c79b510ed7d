import { parse, parseAllDocuments, stringify, type Document } from 'yaml';
import type { KubeObject } from '../api/kubeTypes';

/**
 * What the editor shows of an object: everything but managedFields, which nobody edits by hand
 * (kubectl edit hides them too). A PUT without them keeps the server's.
 */
export function editableObject(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  delete copy.metadata.managedFields;
  return copy;
}

/** YAML as kubectl prints it: no folded lines, keys in the object's order. */
export function toYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `---` at the end of a file makes an empty document, which is not an object to send. */
function hasContent(document: Document.Parsed): boolean {
  if (document.errors.length) return true;
  const value: unknown = document.toJS();
  return value !== null && value !== undefined;
}

export type ParsedManifest = { ok: true; object: KubeObject } | { ok: false; message: string };

/** One object from the editor's text; says what is wrong in the user's words otherwise. */
export function parseManifest(text: string): ParsedManifest {
  try {
    const documents = parseAllDocuments(text);
    const real = documents.filter(hasContent);
    if (real.length !== 1) return { ok: false, message: `expected one document, found ${real.length}` };
    const [document] = real;
    if (document!.errors.length) return { ok: false, message: document!.errors[0]!.message };
    const object = document!.toJS() as KubeObject;
    if (!object || typeof object !== 'object' || !object.metadata?.name) {
      return { ok: false, message: 'metadata.name is missing' };
    }
    return { ok: true, object };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Documents in a multi-document YAML (for the import dialog's count). */
export function countDocuments(text: string): number {
  try {
    return parseAllDocuments(text).filter(hasContent).length;
  } catch {
    return 0;
  }
}

export function sameObject(a: string, b: string): boolean {
  try {
    return JSON.stringify(parse(a)) === JSON.stringify(parse(b));
  } catch {
    return false;
  }
}
