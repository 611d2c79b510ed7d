import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';
import { detectLocale } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const english = flatten(en);
const chinese = flatten(zhCN as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('zh-CN and en define the same keys', () => {
    const missingInChinese = Object.keys(english).filter((key) => !(key in chinese));
    const missingInEnglish = Object.keys(chinese).filter((key) => !(key in english));
    expect({ missingInChinese, missingInEnglish }).toEqual({ missingInChinese: [], missingInEnglish: [] });
  });

  it('has no empty message', () => {
    const empty = [...Object.entries(english), ...Object.entries(chinese)].filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = Object.keys(english).filter(
      (key) =>
        chinese[key] !== undefined &&
        placeholders(english[key]!).join() !== placeholders(chinese[key]!).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('avoids characters vue-i18n would parse as message syntax or flag as HTML', () => {
    const risky = [...Object.entries(english), ...Object.entries(chinese)].filter(([, text]) =>
      /[@|<>]/.test(text),
    );
    expect(risky).toEqual([]);
  });

  it('defines every key the console looks up literally', () => {
    const sources = import.meta.glob('../**/*.{vue,ts}', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const used = new Set<string>();
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith('.test.ts')) continue;
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/(?:titleKey|Key):\s*'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g))
        used.add(match[1]!);
      for (const match of text.matchAll(/requiredRule\('([\w.]+)'\)|patternRule\([^,]+,\s*'([\w.]+)'\)/g)) {
        used.add((match[1] ?? match[2])!);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in english))).toEqual([]);
  });
});

describe('detectLocale', () => {
  it('prefers the remembered choice', () => {
    expect(detectLocale('en', ['zh-CN'])).toBe('en');
  });

  it('follows a Chinese or English browser when nothing is remembered', () => {
    expect(detectLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale(null, ['en-GB'])).toBe('en');
    expect(detectLocale('klingon', ['fr-FR'])).toBe('en');
  });
});
