// Benchmark: 街道汇总 over 50 community books of 30 cadres — `jifen rollup` (built CLI) time and peak memory, and 街道：汇总各社区 service calls on the fake.
//
// Usage: node scripts/bench-rollup.mjs [--books 50] [--cadres 30] [--keep]   (needs npm run build)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const BOOKS = arg('books', 50);
const CADRES = arg('cadres', 30);
const keep = process.argv.includes('--keep');
const bin = join(root, 'dist/cli/jifen.cjs');
if (!existsSync(bin)) {
  console.error('dist/cli/jifen.cjs is missing: run npm run build first');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'jifen-bench-rollup-'));

// 1. The books, and the Sheets side on the fake (TypeScript through run-ts).
const fakeOut = execFileSync(
  process.execPath,
  [join(root, 'scripts/run-ts.mjs'), 'scripts/bench-rollup.ts', work, String(BOOKS), String(CADRES)],
  { cwd: root, encoding: 'utf8' },
);
const fake = JSON.parse(fakeOut.trim().split('\n').pop());
const files = readdirSync(work)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(work, f));
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const size = files.reduce((s, f) => s + statSync(f).size, 0);

// 2. The built CLI, with a probe that reports its own peak RSS at exit.
const probe = join(work, 'rss-probe.cjs');
writeFileSync(
  probe,
  `process.on('exit', () => require('node:fs').writeFileSync(process.env.JIFEN_RSS_FILE, JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024, cpu: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6 })));\n`,
);
const rssFile = join(work, 'rollup.rss');
const out = join(work, 'out', '街道汇总.xlsx');
const start = performance.now();
const r = spawnSync(
  process.execPath,
  ['-r', probe, bin, 'rollup', ...files, '--out', out, '--as-of', '2026-10'],
  {
    encoding: 'utf8',
    env: { ...process.env, JIFEN_RSS_FILE: rssFile },
  },
);
const cliMs = performance.now() - start;
if (r.status !== 0) {
  console.error(`jifen rollup failed (exit ${r.status}):\n${r.stderr}`);
  process.exit(1);
}
const { rss, cpu } = JSON.parse(readFileSync(rssFile, 'utf8'));
const flagged = (word) =>
  r.stdout.split('\n').filter((l) => (l.split('标记：')[1] ?? '').includes(word)).length;

const rows = [
  [
    'community books',
    `${BOOKS} × ${CADRES} cadres (${mib(size)} MiB in all; generated in ${fake.generateSeconds} s)`,
  ],
  [
    'CLI jifen rollup',
    `${(cliMs / 1000).toFixed(2)} s wall (${cpu.toFixed(2)} s CPU), peak RSS ${mib(rss)} MiB, ${(cliMs / BOOKS).toFixed(0)} ms per community`,
  ],
  [
    'CLI flags',
    `tampered ${flagged('公示被改动')}, late ${flagged('逾期')} (expected ${fake.tampered}, ${fake.late})`,
  ],
  ['fake 汇总 run', `${fake.fakeMs} ms`],
  [
    'fake Spreadsheet calls',
    `${fake.spreadsheetCalls} (${(fake.spreadsheetCalls / BOOKS).toFixed(1)} per community; ${fake.reads} data reads, ${fake.writes} writes)`,
  ],
  [
    'fake getValues',
    `${fake.getValues} (${((fake.getValues - 1) / BOOKS).toFixed(1)} per community + 1 for 社区列表), openByUrl ${fake.openByUrl}`,
  ],
  [
    'row-at-a-time estimate',
    `${fake.rowsRead} reads (one per row of the tabs read) — ${(fake.rowsRead / fake.getValues).toFixed(0)}× more`,
  ],
];
const w = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(
  JSON.stringify({
    books: BOOKS,
    cadres: CADRES,
    cliSeconds: Number((cliMs / 1000).toFixed(2)),
    cliCpuSeconds: Number(cpu.toFixed(2)),
    cliPeakRssMiB: Number(mib(rss)),
    ...fake,
  }),
);
if (keep) console.log(`kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
