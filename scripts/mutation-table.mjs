// Prints the per-file mutation score table (Markdown) of Stryker's JSON reports, e.g.
// `node scripts/mutation-table.mjs reports/mutation/core.json`; add `--survivors` to list each survivor.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const survivors = args.includes('--survivors');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: node scripts/mutation-table.mjs reports/mutation/core.json [--survivors]');
  process.exit(2);
}
// Stryker's own score: detected (killed + timeout) over valid mutants (detected + survived + no coverage).
const score = (t) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid ? ((100 * (t.killed + t.timeout)) / valid).toFixed(1) : 'n/a';
};
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  console.log(
    `\n${file}\n\n| file | mutants | killed | timeout | survived | no coverage | score % |\n|---|---|---|---|---|---|---|`,
  );
  const lost = [];
  for (const [name, f] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const t = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
    for (const m of f.mutants) {
      const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[
        m.status
      ];
      if (!key) continue;
      t[key]++;
      all[key]++;
      if (key === 'survived' || key === 'noCoverage') lost.push({ name, m });
    }
    const n = t.killed + t.timeout + t.survived + t.noCoverage;
    console.log(
      `| ${name} | ${n} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${score(t)} |`,
    );
  }
  const n = all.killed + all.timeout + all.survived + all.noCoverage;
  console.log(
    `| **all** | ${n} | ${all.killed} | ${all.timeout} | ${all.survived} | ${all.noCoverage} | **${score(all)}** |`,
  );
  if (survivors)
    for (const { name, m } of lost) {
      const at = `${name}:${m.location.start.line}:${m.location.start.column}`;
      console.log(
        `- ${at} ${m.mutatorName} ${m.status}: ${JSON.stringify(m.replacement ?? '').slice(0, 80)}`,
      );
    }
}
