import path from 'node:path';

/** The repository root: the server is started from here, as `npm start` does. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Screenshots and other artefacts of a run (git-ignored). */
export const OUTPUT_DIR = path.join(REPO_ROOT, 'e2e', 'output');

/** Node 24 from the root `node` package; the machine's own node may be older. */
export const NODE_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');

/** Debian's Chromium (package `chromium`), driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
