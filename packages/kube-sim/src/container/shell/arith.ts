/**
 * `$(( … ))` evaluation: integer arithmetic with C precedence, variables by name,
 * comparisons, logic, the ternary operator and plain/compound assignment.
 */

export class ArithmeticError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArithmeticError';
  }
}

export interface ArithmeticVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { kind: 'num'; value: number } | { kind: 'name'; name: string } | { kind: 'op'; op: string };

const OPS = [
  '<<=',
  '>>=',
  '**',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '++',
  '--',
];

function tokenize(expr: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(expr.slice(i));
    if (num?.[0]) {
      const text = num[0];
      toks.push({
        kind: 'num',
        value:
          text.startsWith('0') && text.length > 1 && !/[xX]/.test(text) ? parseInt(text, 8) : Number(text),
      });
      i += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name?.[0]) {
      toks.push({ kind: 'name', name: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i)) ?? c;
    if (!'+-*/%()<>=!&|^~?:'.includes(op[0] as string)) throw new ArithmeticError(`arithmetic syntax error`);
    toks.push({ kind: 'op', op });
    i += op.length;
  }
  return toks;
}

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => (a || b ? 1 : 0)],
  '&&': [2, (a, b) => (a && b ? 1 : 0)],
  '|': [3, (a, b) => a | b],
  '^': [4, (a, b) => a ^ b],
  '&': [5, (a, b) => a & b],
  '==': [6, (a, b) => (a === b ? 1 : 0)],
  '!=': [6, (a, b) => (a !== b ? 1 : 0)],
  '<': [7, (a, b) => (a < b ? 1 : 0)],
  '<=': [7, (a, b) => (a <= b ? 1 : 0)],
  '>': [7, (a, b) => (a > b ? 1 : 0)],
  '>=': [7, (a, b) => (a >= b ? 1 : 0)],
  '<<': [8, (a, b) => a << b],
  '>>': [8, (a, b) => a >> b],
  '+': [9, (a, b) => a + b],
  '-': [9, (a, b) => a - b],
  '*': [10, (a, b) => a * b],
  '/': [10, (a, b) => divide(a, b)],
  '%': [10, (a, b) => (b === 0 ? divide(a, b) : a % b)],
  '**': [11, (a, b) => a ** b],
};

function divide(a: number, b: number): number {
  if (b === 0) throw new ArithmeticError('division by zero');
  return Math.trunc(a / b);
}

export function evaluateArithmetic(expr: string, vars: ArithmeticVars): number {
  const toks = tokenize(expr);
  let pos = 0;
  const peek = () => toks[pos];
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const valueOf = (name: string): number => {
    const raw = vars.get(name) ?? '';
    if (raw.trim() === '') return 0;
    const n = Number(raw.trim());
    return Number.isFinite(n) ? Math.trunc(n) : evaluateArithmetic(raw, vars);
  };

  const parseAssignment = (): number => {
    const t = peek();
    const next = toks[pos + 1];
    if (t?.kind === 'name' && next?.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(next.op)) {
      pos += 2;
      const rhs = parseAssignment();
      const current = valueOf(t.name);
      const result =
        next.op === '='
          ? rhs
          : (BINARY[next.op.slice(0, -1)] as [number, (a: number, b: number) => number])[1](current, rhs);
      vars.set(t.name, String(result));
      return result;
    }
    return parseTernary();
  };

  const parseTernary = (): number => {
    const cond = parseBinary(1);
    if (!isOp('?')) return cond;
    pos++;
    const a = parseAssignment();
    if (!isOp(':')) throw new ArithmeticError('arithmetic syntax error');
    pos++;
    const b = parseAssignment();
    return cond ? a : b;
  };

  const parseBinary = (minPrec: number): number => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      const entry = t?.kind === 'op' ? BINARY[t.op] : undefined;
      if (!entry || entry[0] < minPrec) return left;
      pos++;
      const right = parseBinary(t?.kind === 'op' && t.op === '**' ? entry[0] : entry[0] + 1);
      left = entry[1](left, right);
    }
  };

  const parseUnary = (): number => {
    const t = peek();
    if (t?.kind === 'op') {
      if (t.op === '-' || t.op === '+' || t.op === '!' || t.op === '~') {
        pos++;
        const v = parseUnary();
        return t.op === '-' ? -v : t.op === '+' ? v : t.op === '!' ? (v ? 0 : 1) : ~v;
      }
      if (t.op === '++' || t.op === '--') {
        pos++;
        const name = peek();
        if (name?.kind !== 'name') throw new ArithmeticError('arithmetic syntax error');
        pos++;
        const v = valueOf(name.name) + (t.op === '++' ? 1 : -1);
        vars.set(name.name, String(v));
        return v;
      }
      if (t.op === '(') {
        pos++;
        const v = parseAssignment();
        if (!isOp(')')) throw new ArithmeticError('arithmetic syntax error');
        pos++;
        return v;
      }
    }
    if (t?.kind === 'num') {
      pos++;
      return t.value;
    }
    if (t?.kind === 'name') {
      pos++;
      const v = valueOf(t.name);
      if (isOp('++') || isOp('--')) {
        const op = (peek() as { op: string }).op;
        pos++;
        vars.set(t.name, String(v + (op === '++' ? 1 : -1)));
      }
      return v;
    }
    throw new ArithmeticError('arithmetic syntax error');
  };

  if (toks.length === 0) return 0;
  const result = parseAssignment();
  if (pos < toks.length) throw new ArithmeticError('arithmetic syntax error');
  return result;
}
