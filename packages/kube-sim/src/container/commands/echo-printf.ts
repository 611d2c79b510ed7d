/** echo and printf, including the escape handling differences between shells. */
import type { Command, CommandRuntime } from './command-kit.ts';

/**
 * Escapes such as `\377` stand for single bytes, which are not characters: they travel through
 * the text as private-use code points U+F780–U+F7FF and become raw bytes in `encodeOutput`.
 */
const RAW_BYTE_BASE = 0xf700;

function escapedByte(value: number): string {
  const byte = value & 0xff;
  return byte < 0x80 ? String.fromCharCode(byte) : String.fromCharCode(RAW_BYTE_BASE + byte);
}

/** UTF-8 for characters, raw bytes for escaped bytes. */
export function encodeOutput(text: string): Uint8Array | string {
  if (!/[\uf780-\uf7ff]/.test(text)) return text;
  const encoder = new TextEncoder();
  const parts: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= RAW_BYTE_BASE + 0x80 && code <= RAW_BYTE_BASE + 0xff) parts.push(code - RAW_BYTE_BASE);
    else parts.push(...encoder.encode(ch));
  }
  return Uint8Array.from(parts);
}

/** Interprets echo/printf backslash escapes; returns the text and whether `\c` stopped output. */
export function interpretEscapes(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const n = text[++i] as string;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (octalNeedsZero && n === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))?.[0] ?? '';
      out += escapedByte(parseInt(digits || '0', 8));
      i += digits.length;
    } else if (!octalNeedsZero && /[0-7]/.test(n)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i))?.[0] ?? n;
      out += escapedByte(parseInt(digits, 8));
      i += digits.length - 1;
    } else if (n === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))?.[0] ?? '';
      out += escapedByte(parseInt(digits, 16));
      i += digits.length;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

export const echo: Command = (rt) => {
  const args = rt.argv.slice(1);
  // dash's builtin echo knows only -n and always interprets escapes.
  const dash = rt.builtinOf === 'dash';
  let newline = true;
  let escapes = dash;
  while (args.length > 0 && /^-[neE]+$/.test(args[0] as string)) {
    const opt = args[0] as string;
    if (dash && opt !== '-n') break;
    args.shift();
    for (const f of opt.slice(1)) {
      if (f === 'n') newline = false;
      if (f === 'e') escapes = true;
      if (f === 'E') escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const result = interpretEscapes(text, true);
    text = result.text;
    if (result.stop) newline = false;
  }
  rt.io.stdout(encodeOutput(text + (newline ? '\n' : '')));
  return 0;
};

function formatNumber(
  spec: { flags: string; width?: number; precision?: number; conv: string },
  arg: string,
  rt: CommandRuntime,
): string {
  let n: number;
  if (/^['"]/.test(arg)) n = arg.codePointAt(1) ?? 0;
  else {
    n = arg === '' ? 0 : Number(arg);
    if (!Number.isFinite(n)) {
      rt.io.stderr(
        `${rt.name}: ${arg}: ${rt.system.toolset === 'busybox' ? 'invalid number' : 'invalid number'}\n`,
      );
      n = 0;
    }
  }
  switch (spec.conv) {
    case 'd':
    case 'i':
      return Math.trunc(n).toString();
    case 'u':
      return Math.abs(Math.trunc(n)).toString();
    case 'x':
      return Math.trunc(n).toString(16);
    case 'X':
      return Math.trunc(n).toString(16).toUpperCase();
    case 'o':
      return Math.trunc(n).toString(8);
    case 'e':
      return n.toExponential(spec.precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
    case 'g':
      return String(Number(n.toPrecision(spec.precision ?? 6)));
    default:
      return n.toFixed(spec.precision ?? 6);
  }
}

function pad(text: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[+-]/.test(text) ? (text[0] as string) : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

export const printf: Command = (rt) => {
  const [format, ...args] = rt.argv.slice(1);
  if (format === undefined) {
    rt.io.stderr(
      rt.system.toolset === 'busybox'
        ? 'printf: usage: printf FORMAT [ARGUMENT...]\n'
        : "printf: missing operand\nTry 'printf --help' for more information.\n",
    );
    return 1;
  }
  let out = '';
  let index = 0;
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXfeEgGcsb%])/g;
  do {
    let consumed = false;
    let last = 0;
    for (const m of format.matchAll(re)) {
      out += interpretEscapes(format.slice(last, m.index), false).text;
      last = (m.index ?? 0) + m[0].length;
      const [, flags = '', widthRaw, precisionRaw, conv = 's'] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = widthRaw === '*' ? Number(args[index++] ?? 0) : widthRaw ? Number(widthRaw) : undefined;
      const precision =
        precisionRaw === '*' ? Number(args[index++] ?? 0) : precisionRaw ? Number(precisionRaw) : undefined;
      const arg = args[index++] ?? '';
      consumed = true;
      if (conv === 's')
        out += pad(precision !== undefined ? arg.slice(0, precision) : arg, flags, width, false);
      else if (conv === 'b') out += pad(interpretEscapes(arg, true).text, flags, width, false);
      else if (conv === 'c') out += pad(arg.slice(0, 1), flags, width, false);
      else {
        let text = formatNumber({ flags, width, precision, conv }, arg, rt);
        if (flags.includes('+') && !text.startsWith('-')) text = '+' + text;
        out += pad(text, flags, width, true);
      }
    }
    out += interpretEscapes(format.slice(last), false).text;
    if (!consumed) break;
  } while (index < args.length);
  rt.io.stdout(encodeOutput(out));
  return 0;
};
