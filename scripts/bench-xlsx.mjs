// Benchmark: `jifen recompute` (twice) and `jifen publish` (built CLI, with its shebang's node flags) on a 120k-entry workbook (500 cadres, Jan–Dec); time and peak memory.
//
// Usage: node scripts/bench-xlsx.mjs [--entries 120000] [--cadres 500] [--keep]
// Needs dist/cli/jifen.cjs (npm run build). The workbook is generated with the project's own .xlsx writer
// (bundled on the fly by esbuild), then each command runs in a child process whose peak RSS
// (process.resourceUsage().maxRSS, read by a preloaded probe at exit) is reported.

import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ENTRIES = arg('entries', 120_000);
const CADRES = arg('cadres', 500);
const keep = process.argv.includes('--keep');
const bin = join(root, 'dist/cli/jifen.cjs');
if (!existsSync(bin)) {
  console.error('dist/cli/jifen.cjs is missing: run npm run build first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'jifen-bench-'));
const book = join(work, 'bench.xlsx');

// 1. Generate the workbook with the project's writer (TypeScript, bundled in memory).
const generator = `
import { writeFileSync } from 'node:fs';
import { DEFAULT_RULES } from './src/core';
import { ruleRow } from './src/cli/xlsx/demo-book';
import { tabModel } from './src/cli/xlsx/layout';
import { XlsxPackage } from './src/cli/xlsx/package';
import { COLUMNS, headersOf, SETTINGS_ROWS, TAB } from './src/shared/tabs';

export function generate(file, entries, cadres) {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const pad = (n, w) => String(n).padStart(w, '0');
  const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华';
  const ids = Array.from({ length: cadres }, (_, i) => pad(i + 1, 4));
  const names = ids.map((_, i) => SURNAMES[i % 20] + GIVEN[(i * 7) % 20] + (i >= 400 ? GIVEN[i % 20] : ''));
  const perEvent = DEFAULT_RULES.filter((r) => r.kind === 'per-event');
  const values = {
    settings: [headersOf('settings'), ...SETTINGS_ROWS.map(([k, v, n]) => [k, k === '考核年度' ? '2026' : v, n])],
    roster: [
      headersOf('roster'),
      ...ids.map((id, i) => [id, names[i], '网格员', 'c' + id + '@example.org', '在职', i % 50 === 0 ? '2026-04' : '', '', '是']),
    ],
    rules: [headersOf('rules'), ...DEFAULT_RULES.map(ruleRow)],
    ledger: [headersOf('ledger')],
    attendance: [headersOf('attendance')],
    scores: [headersOf('scores')],
    intakeErrors: [headersOf('intakeErrors')],
    objections: [headersOf('objections')],
    redemptions: [headersOf('redemptions')],
    monthly: [headersOf('monthly')],
    yearly: [headersOf('yearly')],
    publications: [headersOf('publications')],
    problems: [headersOf('problems')],
    log: [headersOf('log')],
  };
  for (let n = 0; n < entries; n++) {
    const m = 1 + Math.floor((n * 12) / entries);
    const month = '2026-' + pad(m, 2);
    let c = Math.floor(rand() * cadres);
    if (c % 50 === 0 && m < 4) c++;
    const rule = perEvent[Math.floor(rand() * perEvent.length)];
    const q = 1 + Math.floor(rand() * 2);
    const r = rand();
    const status = m === 12 && r < 0.05 ? '待审核' : r < 0.03 ? '已驳回' : '已通过';
    values.ledger.push([
      'E' + pad(n + 1, 6), month, ids[c], names[c], rule.code, rule.item, q, rule.points, rule.points * q,
      '第' + (n + 1) + '项：' + rule.item, rand() < 0.8 ? '表单' : '两委', 'c' + ids[c] + '@example.org',
      month + '-' + pad(1 + (n % 27), 2) + ' 09:30:00', status, status === '待审核' ? '' : 'lw@example.org',
      status === '待审核' ? '' : month + '-28 16:00:00', status === '已驳回' ? '材料不全' : '', 'resp-' + n, '',
    ]);
  }
  for (let m = 1; m <= 12; m++)
    for (const id of ids)
      values.attendance.push(['2026-' + pad(m, 2), id, rand() < 0.1 ? 1 : 0, 0, 0, rand() < 0.1 ? 1 : 0, 0]);
  for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    for (const id of ids) values.scores.push([q, '四知四清四掌握', id, 60 + Math.floor(rand() * 40)]);
  for (const h of ['2026-H1', '2026-H2'])
    for (const id of ids) values.scores.push([h, '学习强国', id, 5000 + Math.floor(rand() * 8000)]);
  const pkg = XlsxPackage.create();
  for (const tab of Object.keys(COLUMNS)) pkg.addSheet(TAB[tab], tabModel(tab, values[tab]));
  writeFileSync(file, pkg.toBuffer());
}
`;
const bundled = await esbuild.build({
  stdin: { contents: generator, resolveDir: root, loader: 'ts', sourcefile: 'bench-generator.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  packages: 'external',
  logLevel: 'warning',
});
// Inside the repo so bare imports resolve from node_modules.
const genDir = mkdtempSync(join(root, 'node_modules', '.jifen-bench-'));
const genFile = join(genDir, 'generator.mjs');
writeFileSync(genFile, bundled.outputFiles[0].text);
const t = performance.now();
const { generate } = await import(pathToFileURL(genFile).href);
generate(book, ENTRIES, CADRES);
rmSync(genDir, { recursive: true, force: true });
if (keep) copyFileSync(book, join(work, 'pristine.xlsx'));
const genMs = performance.now() - t;
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `workbook: ${ENTRIES} entries, ${CADRES} cadres, 12 months: ${mib(statSync(book).size)} MiB (generated in ${(genMs / 1000).toFixed(1)} s)`,
);

// 2. Run the built CLI with a probe that reports its own peak RSS at exit.
const probe = join(work, 'rss-probe.cjs');
writeFileSync(
  probe,
  // Peak RSS and CPU time (user + system): CPU time is what to compare on a busy 2-core machine, where
  // wall time depends on everyone else.
  // Peak RSS from /proc/self/status VmHWM where there is one: ru_maxrss also keeps the high-water mark of
  // the fork before exec, i.e. of this bench process that has just generated the 120k-row book.
  `process.on('exit', () => { const fs = require('node:fs'); const u = process.resourceUsage(); let rss = u.maxRSS * 1024; try { rss = Number(/VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024; } catch {} fs.writeFileSync(process.env.JIFEN_RSS_FILE, JSON.stringify({ rss, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); });\n`,
);
// The node flags of the bin's shebang line (`#!/usr/bin/env -S node --max-semi-space-size=32`): `jifen`
// runs with them, so the benchmark does too (running `node jifen.cjs` would measure another program).
const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0];
const binFlags = /^#!.*\bnode\b(.*)$/.exec(shebang)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
function run(label, args, script = bin) {
  const rssFile = join(work, `${label}.rss`);
  const start = performance.now();
  const flags = script === bin ? binFlags : [];
  const r = spawnSync(process.execPath, [...flags, '-r', probe, script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, JIFEN_RSS_FILE: rssFile, JIFEN_PROGRESS: '1' },
  });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  const { rss, cpu } = JSON.parse(readFileSync(rssFile, 'utf8'));
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s (CPU ${(cpu / 1000).toFixed(2)} s), peak RSS ${mib(rss)} MiB`,
  );
  for (const line of r.stdout.trim().split('\n').slice(0, 2)) console.log(`  ${line}`);
  return { ms, rss, cpu };
}

// The floor (issue 12): in one node process, inflate every part of the same file and scan all its cells —
// the least any command that reads the whole book must do.
const floorScript = join(work, 'floor.cjs');
writeFileSync(
  floorScript,
  `const fs = require('node:fs'), zlib = require('node:zlib');
const buf = fs.readFileSync(process.argv[2]);
let eocd = buf.length - 22; while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
const count = buf.readUInt16LE(eocd + 10); let p = buf.readUInt32LE(eocd + 16); let cells = 0, bytes = 0;
for (let i = 0; i < count; i++) {
  const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
  const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
  const off = buf.readUInt32LE(p + 42);
  const lh = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
  const raw = buf.subarray(lh, lh + csize);
  const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
  bytes += data.length;
  const text = data.toString('utf8');
  for (let j = text.indexOf('<c '); j >= 0; j = text.indexOf('<c ', j + 3)) cells++;
  p += 46 + nlen + xlen + clen;
}
console.log(cells + ' cells, ' + (bytes / 1048576).toFixed(1) + ' MiB inflated');
`,
);
const floor = run('floor: inflate every part + scan every cell', [book], floorScript);

console.log(`jifen runs as its bin does: node ${binFlags.join(' ')}`);
// First on the generated book (its ledger has no system rows yet: the ledger is rendered and written
// again), then once more on the result (nothing changed: the ledger part keeps its bytes).
const recompute = run('jifen recompute (ledger rewritten)', ['recompute', book, '--by', 'bench']);
const again = run('jifen recompute again (ledger unchanged)', ['recompute', book, '--by', 'bench']);
const publish = run('jifen publish --month 2026-01', [
  'publish',
  book,
  '--month',
  '2026-01',
  '--by',
  'bench',
]);
const result = {
  entries: ENTRIES,
  cadres: CADRES,
  fileMiB: Number(mib(statSync(book).size)),
  recomputeSeconds: Number((recompute.ms / 1000).toFixed(2)),
  recomputePeakRssMiB: Number(mib(recompute.rss)),
  publishSeconds: Number((publish.ms / 1000).toFixed(2)),
  publishPeakRssMiB: Number(mib(publish.rss)),
  floorSeconds: Number((floor.ms / 1000).toFixed(2)),
  floorCpuSeconds: Number((floor.cpu / 1000).toFixed(2)),
  floorPeakRssMiB: Number(mib(floor.rss)),
  recomputeCpuSeconds: Number((recompute.cpu / 1000).toFixed(2)),
  recomputeAgainSeconds: Number((again.ms / 1000).toFixed(2)),
  recomputeAgainCpuSeconds: Number((again.cpu / 1000).toFixed(2)),
  recomputeAgainPeakRssMiB: Number(mib(again.rss)),
};
const ratio = (a, b) => (a / b).toFixed(1);
console.log(
  [
    '',
    '| | wall s | CPU s | peak RSS MiB | × floor (CPU) | × floor (RSS) |',
    '|---|---|---|---|---|---|',
    `| floor (inflate + scan) | ${result.floorSeconds} | ${result.floorCpuSeconds} | ${result.floorPeakRssMiB} | 1 | 1 |`,
    `| recompute (ledger rewritten) | ${result.recomputeSeconds} | ${result.recomputeCpuSeconds} | ${result.recomputePeakRssMiB} | ${ratio(recompute.cpu, floor.cpu)} | ${ratio(recompute.rss, floor.rss)} |`,
    `| recompute again (ledger unchanged) | ${result.recomputeAgainSeconds} | ${result.recomputeAgainCpuSeconds} | ${result.recomputeAgainPeakRssMiB} | ${ratio(again.cpu, floor.cpu)} | ${ratio(again.rss, floor.rss)} |`,
    `| publish (incl. PDF) | ${result.publishSeconds} | ${(publish.cpu / 1000).toFixed(2)} | ${result.publishPeakRssMiB} | ${ratio(publish.cpu, floor.cpu)} | ${ratio(publish.rss, floor.rss)} |`,
    '',
    'Goal (issue 12): recompute ≤ 3× the floor and ≤ 300 MiB peak.',
  ].join('\n'),
);
console.log(JSON.stringify(result));
if (keep) console.log(`kept: ${book}`);
else rmSync(work, { recursive: true, force: true });
