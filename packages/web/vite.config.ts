import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The API server runs on 8080 in development; `npm start` serves the built console itself.
export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
      '/k8s': 'http://127.0.0.1:8080',
    },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
});
