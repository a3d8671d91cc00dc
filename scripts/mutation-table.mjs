// The per-file mutation score table (Markdown) of Stryker JSON reports, e.g.
// `node scripts/mutation-table.mjs reports/mutation/core/*.json [--survivors]`; also used by scripts/mutate.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const STATUS = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' };
const zero = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });

/** Stryker's own score: detected (killed + timeout) over valid mutants (detected + survived + no coverage). */
export function score(t) {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid ? (100 * (t.killed + t.timeout)) / valid : Number.NaN;
}

/**
 * Counts per source file over the reports, the total, and the mutants not detected. A report is a path,
 * or { path, only } to take one source file of a report that holds several (a whole-part run).
 */
export function tally(reportFiles) {
  const perFile = new Map();
  const all = zero();
  const lost = [];
  const stale = [];
  for (const entry of reportFiles) {
    const { path, only } = typeof entry === 'string' ? { path: entry, only: undefined } : entry;
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const [name, f] of Object.entries(report.files)) {
      if (only && name !== only) continue;
      // A report of code that has changed since is still counted, but named (its figures may be off).
      if (typeof f.source === 'string' && existsSync(name) && readFileSync(name, 'utf8') !== f.source)
        stale.push(name);
      const t = perFile.get(name) ?? zero();
      perFile.set(name, t);
      for (const m of f.mutants) {
        const key = STATUS[m.status];
        if (!key) continue;
        t[key]++;
        all[key]++;
        if (key === 'survived' || key === 'noCoverage') lost.push({ name, m });
      }
    }
  }
  return { perFile, all, lost, stale };
}

/** The Markdown table (one row per source file and a total row) and, if asked, one line per survivor. */
export function table({ perFile, all, lost }, { survivors = false } = {}) {
  const row = (name, t) => {
    const n = t.killed + t.timeout + t.survived + t.noCoverage;
    const sc = score(t);
    return `| ${name} | ${n} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${Number.isNaN(sc) ? '—' : sc.toFixed(1)} |`;
  };
  const lines = [
    '| file | mutants | killed | timeout | survived | no coverage | score % |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const name of [...perFile.keys()].sort()) lines.push(row(name, perFile.get(name)));
  lines.push(row('**all**', all));
  if (survivors)
    for (const { name, m } of lost)
      lines.push(
        `- ${name}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${m.status}: ${JSON.stringify(m.replacement ?? '').slice(0, 80)}`,
      );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('usage: node scripts/mutation-table.mjs reports/mutation/core/*.json [--survivors]');
    process.exit(2);
  }
  console.log(table(tally(files), { survivors: args.includes('--survivors') }));
}
