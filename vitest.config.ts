import { defineConfig } from 'vitest/config';

// CI asks for a JSON report beside the console output, to count tests per database dialect.
const jsonReport = process.env.ATRIUM_TEST_REPORT;

export default defineConfig({
  test: {
    projects: ['packages/kube-sim', 'packages/server', 'packages/web', 'e2e'],
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
