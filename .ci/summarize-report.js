// Reads Vitest's JSON report and prints what CI must show: tests per database dialect, then the
// last line "N passed, N failed".
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.flatMap((file) => file.assertionResults);
const dialects = ['sqlite', 'postgres', 'mysql'];
for (const dialect of dialects) {
  const ran = tests.filter((t) => t.fullName.includes(`[${dialect}]`));
  const passed = ran.filter((t) => t.status === 'passed').length;
  console.log(`store tests [${dialect}]: ${ran.length} ran, ${passed} passed`);
}
const skipped = tests.filter((t) => t.status === 'skipped' || t.status === 'pending' || t.status === 'todo');
if (skipped.length > 0)
  console.log(`skipped tests (CI runs them all): ${skipped.map((t) => t.fullName).join('; ')}`);
const failed = tests.filter((t) => t.status === 'failed').length + skipped.length;
const failedFiles = report.testResults.filter(
  (f) => f.status === 'failed' && f.assertionResults.length === 0,
).length;
console.log(`${report.numPassedTests} passed, ${failed + failedFiles} failed`);
