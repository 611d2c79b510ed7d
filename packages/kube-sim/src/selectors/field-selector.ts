/**
 * Field selectors (`?fieldSelector=`): `field=value`, `field==value`, `field!=value`, comma
 * separated, with `\,` `\=` `\\` escapes. Only the fields each kind registers are selectable; any
 * other field is a 400 `field label not supported: <field>`, as on the real server.
 */
import { badRequest } from '../api/errors.ts';
import type { KubeObject } from '../types.ts';

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
}

export const ALL_FIELDS: FieldSelector = { requirements: [] };

export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text)) {
    if (term.trim() === '') continue;
    const parsed = splitTerm(term);
    if (parsed === undefined) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    requirements.push(parsed);
  }
  return { requirements };
}

/** Reads a selectable field's value from an object; undefined means "not selectable". */
export type FieldGetter = (object: KubeObject) => string;

export function matchesFields(
  selector: FieldSelector,
  object: KubeObject,
  fields: ReadonlyMap<string, FieldGetter>,
): boolean {
  for (const r of selector.requirements) {
    const getter = fields.get(r.field);
    const value = getter === undefined ? '' : getter(object);
    if (r.operator === '=' ? value !== r.value : value === r.value) return false;
  }
  return true;
}

/** Rejects fields the kind does not index, with the real server's message. */
export function assertSelectable(selector: FieldSelector, fields: ReadonlyMap<string, FieldGetter>): void {
  for (const r of selector.requirements) {
    if (!fields.has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
  }
}

/** A selector that only names the object (what kubectl get -w NAME sends). */
export function singleName(selector: FieldSelector): string | undefined {
  const [only] = selector.requirements;
  if (selector.requirements.length === 1 && only?.field === 'metadata.name' && only.operator === '=') {
    return only.value;
  }
  return undefined;
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string);
      i++;
    } else if (c === ',') {
      terms.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  terms.push(current);
  return terms;
}

function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    const c = term[i] as string;
    if (c === '\\') {
      i++;
      continue;
    }
    const op = term.startsWith('!=', i)
      ? '!='
      : term.startsWith('==', i)
        ? '=='
        : c === '='
          ? '='
          : undefined;
    if (op === undefined) continue;
    const field = unescape(term.slice(0, i)).trim();
    const value = unescape(term.slice(i + op.length));
    return { field, operator: op === '!=' ? '!=' : '=', value };
  }
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
