import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/kube-sim', 'packages/server', 'packages/web', 'e2e'],
  },
});
