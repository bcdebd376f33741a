// Prints jest's totals as the plain closing line CI reads: "N passed, N failed".
// Also writes it to test-results/summary.txt so .ci/run can repeat it as its last line.
const fs = require('fs');
const path = require('path');
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    const dir = path.join(process.cwd(), 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.txt'), line + '\n');
    process.stdout.write('\n' + line + '\n');
  }
}
module.exports = SummaryReporter;
