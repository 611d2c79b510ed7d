/**
 * Label selectors: the string syntax of `?labelSelector=` (=, ==, !=, in, notin, exists, !exists,
 * gt, lt) and the structured metav1.LabelSelector used by workloads, both compiled to the same
 * requirement list.
 */
import { badRequest } from '../api/errors.ts';

export type LabelOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export interface LabelSelector {
  requirements: LabelRequirement[];
  /** Nothing matches (a structured selector that is null, as opposed to empty). */
  matchesNothing?: boolean;
}

export const EVERYTHING: LabelSelector = { requirements: [] };

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  if (selector.matchesNothing === true) return false;
  for (const r of selector.requirements) {
    const value = labels?.[r.key];
    switch (r.operator) {
      case '=':
      case '==':
      case 'in':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case '!=':
      case 'notin':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'exists':
        if (value === undefined) return false;
        break;
      case '!':
        if (value !== undefined) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (value === undefined || !Number.isInteger(n)) return false;
        if (r.operator === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** Parses the query-string syntax; throws a 400 ApiError like the real server. */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: LabelRequirement[] = [];
  const lexer = new Lexer(text);
  while (lexer.peek().kind !== 'end') {
    requirements.push(parseRequirement(lexer));
    const next = lexer.next();
    if (next.kind === 'end') break;
    if (next.kind !== ',')
      throw badRequest(`unable to parse requirement: found '${next.text}', expected: ','`);
  }
  for (const r of requirements) validateRequirement(r);
  return { requirements };
}

export interface StructuredLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** metav1.LabelSelectorAsSelector: null selects nothing, {} selects everything. */
export function fromStructured(selector: StructuredLabelSelector | null | undefined): LabelSelector {
  if (selector === null || selector === undefined) return { requirements: [], matchesNothing: true };
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const op = expr.operator.toLowerCase();
    const operator: LabelOperator =
      op === 'in' ? 'in' : op === 'notin' ? 'notin' : op === 'exists' ? 'exists' : '!';
    requirements.push({ key: expr.key, operator, values: [...(expr.values ?? [])] });
  }
  return { requirements };
}

/** The canonical string form (metav1.FormatLabelSelector), requirements sorted by key. */
export function formatLabelSelector(selector: LabelSelector): string {
  if (selector.matchesNothing === true) return '<none>';
  const sorted = [...selector.requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted
    .map((r) => {
      switch (r.operator) {
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
        case 'gt':
          return `${r.key}>${r.values[0] ?? ''}`;
        case 'lt':
          return `${r.key}<${r.values[0] ?? ''}`;
        default:
          return `${r.key}${r.operator}${r.values[0] ?? ''}`;
      }
    })
    .join(',');
}

interface Token {
  kind: 'identifier' | ',' | '(' | ')' | '=' | '==' | '!=' | '!' | '>' | '<' | 'in' | 'notin' | 'end';
  text: string;
}

class Lexer {
  private pos = 0;
  private buffered: Token | undefined;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  peek(): Token {
    this.buffered ??= this.scan();
    return this.buffered;
  }

  next(): Token {
    const token = this.peek();
    this.buffered = undefined;
    return token;
  }

  private scan(): Token {
    const s = this.text;
    while (this.pos < s.length && /\s/.test(s[this.pos] as string)) this.pos++;
    if (this.pos >= s.length) return { kind: 'end', text: '' };
    const c = s[this.pos] as string;
    const two = s.slice(this.pos, this.pos + 2);
    if (two === '==' || two === '!=') {
      this.pos += 2;
      return { kind: two, text: two };
    }
    if (c === ',' || c === '(' || c === ')' || c === '=' || c === '!' || c === '>' || c === '<') {
      this.pos++;
      return { kind: c, text: c };
    }
    const start = this.pos;
    while (this.pos < s.length && !/[\s,()=!<>]/.test(s[this.pos] as string)) this.pos++;
    const word = s.slice(start, this.pos);
    if (word === 'in' || word === 'notin') return { kind: word, text: word };
    return { kind: 'identifier', text: word };
  }
}

function parseRequirement(lexer: Lexer): LabelRequirement {
  let negated = false;
  if (lexer.peek().kind === '!') {
    lexer.next();
    negated = true;
  }
  const keyToken = lexer.next();
  if (keyToken.kind !== 'identifier') {
    throw badRequest(`unable to parse requirement: found '${keyToken.text}', expected: identifier`);
  }
  const key = keyToken.text;
  if (negated) return { key, operator: '!', values: [] };
  const op = lexer.peek();
  if (op.kind === ',' || op.kind === 'end') return { key, operator: 'exists', values: [] };
  lexer.next();
  switch (op.kind) {
    case '=':
    case '==':
    case '!=':
      return { key, operator: op.kind, values: [parseSingleValue(lexer)] };
    case '>':
      return { key, operator: 'gt', values: [parseSingleValue(lexer)] };
    case '<':
      return { key, operator: 'lt', values: [parseSingleValue(lexer)] };
    case 'in':
    case 'notin':
      return { key, operator: op.kind, values: parseValueSet(lexer) };
    default:
      throw badRequest(
        `unable to parse requirement: found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`,
      );
  }
}

function parseSingleValue(lexer: Lexer): string {
  const token = lexer.peek();
  if (token.kind === ',' || token.kind === 'end') return '';
  lexer.next();
  if (token.kind !== 'identifier' && token.kind !== 'in' && token.kind !== 'notin') {
    throw badRequest(`unable to parse requirement: found '${token.text}', expected: identifier`);
  }
  return token.text;
}

function parseValueSet(lexer: Lexer): string[] {
  const open = lexer.next();
  if (open.kind !== '(') throw badRequest(`unable to parse requirement: found '${open.text}', expected: '('`);
  const values: string[] = [];
  for (;;) {
    const token = lexer.next();
    if (token.kind === ')') {
      if (values.length === 0) values.push('');
      return values;
    }
    if (token.kind === ',') {
      values.push('');
      continue;
    }
    if (token.kind === 'identifier' || token.kind === 'in' || token.kind === 'notin') {
      values.push(token.text);
      const after = lexer.next();
      if (after.kind === ')') return values;
      if (after.kind !== ',') {
        throw badRequest(`unable to parse requirement: found '${after.text}', expected: ',' or ')'`);
      }
      continue;
    }
    throw badRequest(`unable to parse requirement: found '${token.text}', expected: ',', ')' or identifier`);
  }
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateRequirement(r: LabelRequirement): void {
  const slash = r.key.indexOf('/');
  const name = slash < 0 ? r.key : r.key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : r.key.slice(0, slash);
  const keyValid =
    name.length > 0 &&
    name.length <= 63 &&
    NAME_PART.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
  if (!keyValid) {
    throw badRequest(
      `unable to parse requirement: key: Invalid value: "${r.key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
  for (const [i, value] of r.values.entries()) {
    if (r.operator === 'gt' || r.operator === 'lt') {
      if (!/^-?\d+$/.test(value)) {
        throw badRequest(
          `unable to parse requirement: values[0]: Invalid value: "${value}": for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      continue;
    }
    if (value !== '' && (value.length > 63 || !NAME_PART.test(value))) {
      throw badRequest(
        `unable to parse requirement: values[${i}][${r.key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      );
    }
  }
}
