import { validationFailed } from '../../core/errors/errors.ts';

export type LabelOperator = 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed label selector; an empty one selects everything. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  matches(labels: Record<string, string> | undefined): boolean;
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function invalid(text: string, why: string): Error {
  return validationFailed('labelSelector', `labelSelector "${text}" is invalid: ${why}`);
}

/** Splits on commas that are not inside `( … )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function checkKey(text: string, key: string): string {
  if (!KEY.test(key) || key.length > 316) throw invalid(text, `"${key}" is not a valid label key`);
  return key;
}

function checkValue(text: string, value: string): string {
  if (!VALUE.test(value) || value.length > 63) throw invalid(text, `"${value}" is not a valid label value`);
  return value;
}

function parseRequirement(text: string, part: string): LabelRequirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => checkValue(text, v.trim()));
    return { key: checkKey(text, set[1]!), operator: set[2] as 'in' | 'notin', values };
  }
  const binary = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part);
  if (binary) {
    const [, key, op, value] = binary as unknown as [string, string, string, string];
    if (op === '>' || op === '<') {
      if (!/^-?\d+$/.test(value)) throw invalid(text, `"${value}" is not an integer`);
      return { key: checkKey(text, key), operator: op === '>' ? 'gt' : 'lt', values: [value] };
    }
    return {
      key: checkKey(text, key),
      operator: op === '!=' ? '!=' : '=',
      values: [checkValue(text, value.trim())],
    };
  }
  if (part.startsWith('!'))
    return { key: checkKey(text, part.slice(1).trim()), operator: '!exists', values: [] };
  return { key: checkKey(text, part), operator: 'exists', values: [] };
}

function matchesOne(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
    case '=':
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case '!=':
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

/** Parses Kubernetes label selector syntax (`app=web,tier in (a,b),!legacy`). */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  const trimmed = (text ?? '').trim();
  const requirements =
    trimmed === ''
      ? []
      : splitTopLevel(trimmed).map((part) => {
          if (part === '') throw invalid(trimmed, 'empty requirement');
          return parseRequirement(trimmed, part);
        });
  return {
    requirements,
    matches: (labels) => requirements.every((r) => matchesOne(r, labels ?? {})),
  };
}
