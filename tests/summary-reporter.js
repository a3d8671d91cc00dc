// Jest reporter that ends the run with one plain line, "N passed, N failed, N skipped", for CI logs,
// preceded by the suites requireTool skipped (tests/helpers/tools.ts), which jest itself does not show.
/** One message for all skipped suites: which, what each lacks, and the one install command. */
function skippedBlock(lines) {
  const rows = [];
  let install = '';
  for (const line of [...new Set(lines)].sort()) {
    const m = /^SKIPPED (\S+): needs (.*), not found\. Install with: (.*?) \(or set/.exec(line);
    if (!m) rows.push(`  ${line}`);
    else {
      rows.push(`  ${m[1]}: needs ${m[2]}`);
      install = m[3];
    }
  }
  return [
    `SKIPPED ${rows.length} suite(s): tools not found. Install with: ${install || 'see tests/helpers/tools.ts'}`,
    ...rows,
    '  (under CI=true these suites fail instead of skipping)',
  ].join('\n');
}

class SummaryReporter {
  constructor() {
    this.skippedSuites = [];
  }

  onTestResult(_test, result) {
    for (const entry of result.console ?? []) {
      if (typeof entry.message === 'string' && entry.message.startsWith('SKIPPED '))
        this.skippedSuites.push(entry.message);
    }
  }

  onRunComplete(_contexts, results) {
    const { numPassedTests: p, numFailedTests: f, numPendingTests: s, numTodoTests: t } = results;
    if (this.skippedSuites.length > 0) process.stdout.write(`\n${skippedBlock(this.skippedSuites)}\n`);
    process.stdout.write(`\njest: ${p} passed, ${f} failed, ${s + t} skipped\n`);
  }
}
module.exports = SummaryReporter;
