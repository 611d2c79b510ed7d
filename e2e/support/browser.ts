import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './paths.ts';

/** Generous: a loaded 2-core machine builds pages slowly, and argon2 sign-ins take a while. */
export const ACTION_TIMEOUT_MS = 30_000;
export const NAVIGATION_TIMEOUT_MS = 60_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context (its own localStorage, so its own sign-in) with one page, in English
 * unless told otherwise, at a desktop size.
 */
export async function openSession(
  browser: Browser,
  { baseURL, locale = 'en-US' }: { baseURL: string; locale?: string },
): Promise<BrowserSession> {
  const context = await browser.newContext({
    baseURL,
    locale,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  return { context, page };
}
