// Kubernetes resource quantities ("250m", "512Mi", "1.5Gi", "2") as numbers, and back as text.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The value of a quantity in base units (cores, bytes…); NaN when it is not a quantity. */
export function parseQuantity(text: string | number | undefined | null): number {
  if (typeof text === 'number') return text;
  if (!text) return NaN;
  const match = /^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.exec(text.trim());
  if (!match) return NaN;
  const [, number, exponent, suffix = ''] = match;
  const base = Number(number) * (exponent ? 10 ** Number(exponent) : 1);
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? NaN : base * factor;
}

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/** Cores as people read them: `250m` under one core, `1.5` above. */
export function formatCores(cores: number | null | undefined): string {
  if (cores === null || cores === undefined || Number.isNaN(cores)) return '—';
  if (cores === 0) return '0';
  if (Math.abs(cores) < 1) return `${Math.round(cores * 1000)}m`;
  return trim(cores, 2);
}

const BYTE_UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/** Bytes in binary units, as Kubernetes writes memory: `512Mi`, `1.5Gi`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${trim(value, value >= 100 ? 0 : 1)}${BYTE_UNITS[unit]}`;
}

/** Part of a whole as a percentage 0–100 (0 when the whole is unknown or empty). */
export function percentOf(part: number | null | undefined, whole: number | null | undefined): number {
  if (!part || !whole || whole <= 0) return 0;
  return Math.min(100, Math.max(0, (part / whole) * 100));
}
