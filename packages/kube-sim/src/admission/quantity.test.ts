import { describe, expect, it } from 'vitest';
import {
  add,
  canonical,
  compare,
  formatQuantity,
  milliValue,
  parseQuantity,
  sub,
  value,
} from './quantity.ts';

describe('Quantity', () => {
  it('prints the canonical forms the API server writes', () => {
    const cases: [string, string][] = [
      ['0.5', '500m'],
      ['1000m', '1'],
      ['1500m', '1500m'],
      ['2000', '2k'],
      ['1500', '1500'],
      ['1024Mi', '1Gi'],
      ['1536Mi', '1536Mi'],
      ['1.5Gi', '1536Mi'],
      ['512', '512'],
      ['1Ki', '1Ki'],
      ['0.5Ki', '512'],
      ['1e3', '1e3'],
      ['100M', '100M'],
      ['0', '0'],
      ['0.1', '100m'],
      ['1n', '1n'],
      ['-250m', '-250m'],
    ];
    for (const [input, expected] of cases) expect(canonical(input), input).toBe(expected);
  });

  it('rounds values finer than a nano-unit up, like ParseQuantity', () => {
    expect(canonical('0.0000000001')).toBe('1n');
  });

  it('adds keeping the left format unless the left side is zero', () => {
    expect(formatQuantity(add(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('1536Mi');
    expect(formatQuantity(add(parseQuantity('0'), parseQuantity('1Gi')))).toBe('1Gi');
    expect(formatQuantity(add(parseQuantity('500m'), parseQuantity('1500m')))).toBe('2');
    expect(formatQuantity(add(parseQuantity('1G'), parseQuantity('1Gi')))).toBe('2073741824');
    expect(formatQuantity(sub(parseQuantity('3'), parseQuantity('1')))).toBe('2');
  });

  it('compares and converts like Value and MilliValue (rounding up)', () => {
    expect(compare(parseQuantity('1'), parseQuantity('1000m'))).toBe(0);
    expect(compare(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
    expect(value(parseQuantity('1500m'))).toBe(2n);
    expect(milliValue(parseQuantity('1.5'))).toBe(1500n);
    expect(milliValue(parseQuantity('1n'))).toBe(1n);
  });

  it('rejects text that is not a quantity', () => {
    for (const bad of ['', 'abc', '1.2.3', '5 Mi', 'Mi', '1KiB'])
      expect(() => parseQuantity(bad), bad).toThrow();
  });
});
