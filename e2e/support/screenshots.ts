import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { OUTPUT_DIR } from './paths.ts';

export interface Screenshots {
  readonly dir: string;
  /** Every path saved so far, in order. */
  readonly saved: string[];
  /** Empties the folder, so that it holds only this run's pictures. */
  clear(): Promise<void>;
  /** Saves the viewport of `page` as `e2e/output/<test>/<name>.png`; returns the path. */
  take(page: Page, name: string): Promise<string>;
}

export function screenshots(testName: string): Screenshots {
  const dir = path.join(OUTPUT_DIR, testName);
  const saved: string[] = [];
  return {
    dir,
    saved,
    async clear() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
    async take(page, name) {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      // A picture of what the user sees once the page settled: fonts loaded, no table still
      // behind its loading mask.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await expect
        .poll(() => page.locator('.el-loading-mask').count(), { timeout: 30_000, interval: 100 })
        .toBe(0);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      saved.push(file);
      return file;
    },
  };
}
