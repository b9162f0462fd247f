/*
 * Prints one closing line over Jest's and Playwright's JSON reports:
 *   tests: N passed, N failed, N skipped
 * so a reader (or CI) sees the whole run at a glance. Missing reports count as a failure.
 */
const fs = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.error(`summarize-tests: no readable report at ${file}`);
    failed += 1;
    return undefined;
  }
}

const jest = read(process.argv[2]);
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  skipped += jest.numPendingTests + jest.numTodoTests;
}

const playwright = read(process.argv[3]);
if (playwright) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
