import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const LOCALE_STORAGE_KEY = 'atrium.locale';

/** A remembered choice wins; otherwise Chinese for a Chinese browser, English for everyone else. */
export function detectLocale(stored: string | null, browserLanguages: readonly string[]): AppLocale {
  if (stored && (SUPPORTED_LOCALES as readonly string[]).includes(stored)) return stored as AppLocale;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

const initialLocale = detectLocale(
  window.localStorage.getItem(LOCALE_STORAGE_KEY),
  navigator.languages?.length ? navigator.languages : [navigator.language],
);

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale,
  fallbackLocale: 'en',
  messages: { 'zh-CN': zhCN, en },
});

document.documentElement.lang = initialLocale;

export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale;
}

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
