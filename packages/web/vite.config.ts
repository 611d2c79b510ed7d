import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// monaco-yaml's worker (through monaco-worker-manager) imports
// `monaco-editor/esm/vs/editor/editor.worker.js`, a path monaco-editor's package exports no
// longer allow (they map `monaco-editor/*` to `esm/vs/*`): point such imports at the files.
// (`require` resolves monaco-editor to min/vs/index.js: two folders below the package.)
const monacoRoot = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('monaco-editor')),
  '../..',
);
const monacoEsm = path.join(monacoRoot, 'esm/vs/');

const workerManagerShim = fileURLToPath(
  new URL('./src/components/yaml/monaco/workerManager.ts', import.meta.url),
);

// The API server runs on 8080 in development; `npm start` serves the built console itself.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: [
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` },
      // monaco-yaml starts its worker through monaco-worker-manager, written for Monaco's old
      // worker API: the console's shim speaks the current one (see the file).
      { find: /^monaco-worker-manager$/, replacement: workerManagerShim },
    ],
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
      '/k8s': 'http://127.0.0.1:8080',
    },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
});
