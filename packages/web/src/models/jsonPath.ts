/**
 * The subset of kubectl's JSONPath that CRD printer columns use: `.a.b`, `.a[0]`, `.a[*].b` and
 * filters `.a[?(@.type=="Ready")].status`. Anything else yields no value rather than an error.
 */
export function evaluateJsonPath(object: unknown, path: string): unknown[] {
  const tokens = tokenize(path.replace(/^\{|\}$/g, '').replace(/^\$/, ''));
  if (!tokens) return [];
  let current: unknown[] = [object];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (token.type === 'field') {
        const child = (value as Record<string, unknown>)[token.name];
        if (child !== undefined) next.push(child);
      } else if (Array.isArray(value)) {
        if (token.type === 'index') {
          const item = value.at(token.index);
          if (item !== undefined) next.push(item);
        } else if (token.type === 'all') next.push(...value);
        else next.push(...value.filter((item) => String(fieldOf(item, token.field)) === token.equals));
      }
    }
    current = next;
  }
  return current;
}

type Token =
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'all' }
  | { type: 'filter'; field: string[]; equals: string };

function fieldOf(item: unknown, path: string[]): unknown {
  let value = item;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function tokenize(path: string): Token[] | null {
  const tokens: Token[] = [];
  const pattern =
    /\.([A-Za-z0-9_-]+)|\[(\d+|-\d+)\]|\[\*\]|\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*["']([^"']*)["']\)\]/y;
  let index = 0;
  while (index < path.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match) return null;
    if (match[1] !== undefined) tokens.push({ type: 'field', name: match[1] });
    else if (match[2] !== undefined) tokens.push({ type: 'index', index: Number(match[2]) });
    else if (match[3] !== undefined)
      tokens.push({ type: 'filter', field: match[3].slice(1).split('.'), equals: match[4]! });
    else tokens.push({ type: 'all' });
    index = pattern.lastIndex;
  }
  return tokens;
}

/** A printer column's cell: values joined with commas, objects as JSON. */
export function jsonPathText(object: unknown, path: string): string {
  return evaluateJsonPath(object, path)
    .map((value) => (typeof value === 'object' ? JSON.stringify(value) : String(value)))
    .join(',');
}
