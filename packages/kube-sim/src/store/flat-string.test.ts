import { describe, expect, it } from 'vitest';
import { flatString } from './flat-string.ts';

describe('flatString', () => {
  it('keeps the text of every string, Latin-1 or not', () => {
    for (const text of [
      '',
      'a',
      '2024-01-01T00:00:00Z',
      'café',
      'e\u0301',
      'naïve-\u00ff',
      '日本',
      'x'.repeat(40) + 'y',
    ]) {
      expect(flatString(text)).toBe(text);
    }
  });
});
