import { validationFailed } from '../../core/errors/errors.ts';
import type { KubeObject } from './resource-ref.ts';

export interface FieldRequirement {
  /** Dotted path into the object, e.g. `metadata.name`, `status.phase`, `spec.nodeName`. */
  path: string[];
  field: string;
  negated: boolean;
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  matches(object: KubeObject): boolean;
}

function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (char === ',') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function fieldValue(object: KubeObject, path: string[]): string {
  let node: unknown = object;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return '';
    node = (node as Record<string, unknown>)[segment];
  }
  return node === undefined || node === null ? '' : String(node);
}

/**
 * Field selectors over cached objects. The cache answers any dotted path (a cluster only
 * supports a few per kind); a missing field compares as the empty string, as in Kubernetes.
 */
export function parseFieldSelector(text: string | undefined): FieldSelector {
  const trimmed = (text ?? '').trim();
  const requirements: FieldRequirement[] = [];
  if (trimmed !== '') {
    for (const part of splitUnescaped(trimmed)) {
      const match = /^\s*([A-Za-z0-9_.-]+)\s*(==|=|!=)(.*)$/.exec(part);
      if (!match) {
        throw validationFailed('fieldSelector', `fieldSelector "${trimmed}" is invalid near "${part}"`);
      }
      const [, field, op, value] = match as unknown as [string, string, string, string];
      requirements.push({ field, path: field.split('.'), negated: op === '!=', value: value.trim() });
    }
  }
  return {
    requirements,
    matches: (object) => requirements.every((r) => (fieldValue(object, r.path) === r.value) !== r.negated),
  };
}
