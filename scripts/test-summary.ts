/**
 * Prints vitest's JSON report as one plain closing line, `<suite>: N passed, N failed` (CI reads that line).
 * Usage: node scripts/test-summary.ts <report.json> <suite>
 */
import { readFileSync } from "node:fs";

const [file, suite = "tests"] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write("usage: node scripts/test-summary.ts <report.json> [suite]\n");
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, "utf8")) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
const skipped = report.numPendingTests + report.numTodoTests;
process.stdout.write(
  `${suite}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`,
);
