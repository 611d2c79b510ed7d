/**
 * resource.Quantity as Kubernetes does it: exact fixed-point values (nano precision, rounded up
 * like ParseQuantity), a remembered format (DecimalSI, BinarySI, DecimalExponent) and the
 * canonical string form the API server writes (`500m`, `1Gi`, `1536Mi`, `2k`, `1e3`). Quota
 * usage, LimitRange messages and metrics all print quantities this way, so they must match the
 * real server character for character.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units (value × 10⁹). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?))$/;

export class QuantityParseError extends Error {}

/** Parses a quantity string (or a JSON number); throws QuantityParseError for anything else. */
export function parseQuantity(input: unknown): Quantity {
  if (typeof input === 'number' && Number.isFinite(input)) return parseQuantity(String(input));
  if (typeof input !== 'string') throw new QuantityParseError(`quantities must match the regular expression`);
  const m = QUANTITY.exec(input.trim());
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (m === null || (whole === '' && fraction === '')) {
    throw new QuantityParseError('quantities must match the regular expression');
  }
  const negative = m[1] === '-';
  // digits × 10^(scale) is the mantissa; `exponent10` and `power2` apply on top.
  const digits = BigInt(`${whole}${fraction}` || '0');
  let exponent10 = -fraction.length;
  let power2 = 0;
  let format: QuantityFormat = 'DecimalSI';
  if (m[4] !== undefined) {
    exponent10 += Number(m[4].slice(1));
    format = 'DecimalExponent';
  } else if (m[5] !== undefined) {
    power2 = BINARY_SUFFIXES[m[5]] as number;
    format = 'BinarySI';
  } else {
    exponent10 += DECIMAL_SUFFIXES[m[6] ?? ''] as number;
  }
  // nanos = digits × 2^power2 × 10^(exponent10 + 9), rounded up (away from zero).
  let numerator = digits * 2n ** BigInt(power2);
  let denominator = 1n;
  const shift = exponent10 + 9;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator = 10n ** BigInt(-shift);
  let nanos = numerator / denominator;
  if (numerator % denominator !== 0n) nanos += 1n;
  if (negative) nanos = -nanos;
  return { nanos, format };
}

/** Parses, or returns undefined for text that is not a quantity. */
export function tryParseQuantity(input: unknown): Quantity | undefined {
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

export function quantity(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos, format };
}

export function fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(milli) * 1_000_000n, format };
}

export function fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** a + b; a zero left side takes the right side's format (Quantity.Add). */
export function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function sub(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function compare(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function isZero(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** Value rounded up to an integer (Quantity.Value). */
export function value(q: Quantity): bigint {
  return ceilDiv(q.nanos, NANO);
}

/** Value × 1000 rounded up (Quantity.MilliValue). */
export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.nanos, 1_000_000n);
}

/** As a float (metrics, ratios). */
export function toNumber(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** The canonical string (Quantity.String / CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    // Small values and values that are not whole numbers are shown in decimal.
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let mantissa = q.nanos / NANO;
    let power = 0;
    while (power < 6 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${mantissa}${BINARY_BY_POWER[power] ?? ''}`;
  }
  // mantissa × 10^exponent with the exponent a multiple of 3 and the mantissa whole.
  let mantissa = q.nanos;
  let exponent = -9;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
}

/** Canonical form of a quantity string (what the API server stores for `0.5` → `500m`). */
export function canonical(text: unknown): string {
  return formatQuantity(parseQuantity(text));
}
