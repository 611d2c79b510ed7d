import { describe, expect, it } from 'vitest';
import { age, humanDuration } from './age';
import { formatBytes, formatCores, parseQuantity, percentOf } from './quantity';

describe('quantities', () => {
  it('reads the suffixes Kubernetes writes', () => {
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('512Mi')).toBe(512 * 1024 ** 2);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('lots')).toBeNaN();
  });

  it('prints cores and bytes the way people read them', () => {
    expect(formatCores(0.25)).toBe('250m');
    expect(formatCores(2.3)).toBe('2.3');
    expect(formatCores(null)).toBe('—');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512Mi');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5Gi');
    expect(formatBytes(96 * 1024 ** 3)).toBe('96Gi');
    expect(percentOf(2, 8)).toBe(25);
    expect(percentOf(9, 8)).toBe(100);
    expect(percentOf(1, 0)).toBe(0);
  });
});

describe('ages, as kubectl prints them', () => {
  const s = 1000;
  it('stays exact while short and rounds as it grows', () => {
    expect(humanDuration(45 * s)).toBe('45s');
    expect(humanDuration(119 * s)).toBe('119s');
    expect(humanDuration(330 * s)).toBe('5m30s');
    expect(humanDuration(600 * s)).toBe('10m');
    expect(humanDuration(135 * 60 * s)).toBe('135m');
    expect(humanDuration(3.5 * 3600 * s)).toBe('3h30m');
    expect(humanDuration(30 * 3600 * s)).toBe('30h');
    expect(humanDuration(76 * 3600 * s)).toBe('3d4h');
    expect(humanDuration(120 * 24 * 3600 * s)).toBe('120d');
    expect(humanDuration((3 * 365 + 30) * 24 * 3600 * s)).toBe('3y30d');
  });

  it('measures from a creation timestamp', () => {
    const now = Date.parse('2025-01-01T00:10:00Z');
    expect(age('2025-01-01T00:00:00Z', now)).toBe('10m');
    expect(age(undefined, now)).toBe('');
    // Created after the page's clock last ticked: new, not "<invalid>".
    expect(age('2025-01-01T00:10:03Z', now)).toBe('0s');
  });
});
