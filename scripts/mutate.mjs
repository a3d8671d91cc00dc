// `npm run mutate`: StrykerJS over src/core, then src/shared, one source file per Stryker run (so an
// interrupted run keeps the files already done, and a rerun after a small change retests only what it
// touches), then the per-file table and each part's break threshold over all its files. See README.
//   node scripts/mutate.mjs                 both parts, every file
//   node scripts/mutate.mjs shared          one part
//   node scripts/mutate.mjs --only src/shared/intake.ts,src/shared/rollup.ts
//   node scripts/mutate.mjs --report        no runs: the table of the reports already written
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shardName as shardOf } from '../stryker.base.mjs';
import { score, table, tally } from './mutation-table.mjs';

const PARTS = {
  core: { dir: 'src/core', breakAt: 90, skip: ['src/core/index.ts'] },
  // ui-contract.ts holds types and one constant list: Stryker finds no mutant in it, and no suite imports it at
  // run time (type imports are erased), so a run of it stops with "No tests were executed".
  shared: { dir: 'src/shared', breakAt: 80, skip: ['src/shared/ui-contract.ts'] },
};

const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')
  : null;
const parts = args.filter((a) => a in PARTS);
const chosen = parts.length ? parts : Object.keys(PARTS);

function filesOf(part) {
  const { dir, skip } = PARTS[part];
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !skip.includes(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Seeds a file's incremental record from a whole-part run's (stryker run stryker.core.mjs), if there is one. */
function seed(part, file) {
  const shard = `reports/mutation/${shardOf(part, file)}-incremental.json`;
  const whole = `reports/mutation/${part}-incremental.json`;
  if (existsSync(shard) || !existsSync(whole)) return;
  const report = JSON.parse(readFileSync(whole, 'utf8'));
  if (!report.files[file]) return;
  mkdirSync(join('reports/mutation', part), { recursive: true });
  writeFileSync(shard, JSON.stringify({ ...report, files: { [file]: report.files[file] } }));
}

let failed = false;
for (const part of chosen) {
  const files = filesOf(part).filter((f) => !only || only.includes(f));
  if (!reportOnly)
    for (const file of files) {
      seed(part, file);
      console.log(`\n== ${part}: ${file}`);
      const r = spawnSync('npx', ['stryker', 'run', `stryker.${part}.mjs`], {
        stdio: 'inherit',
        env: { ...process.env, JIFEN_MUTATE_FILE: file },
      });
      if (r.status !== 0) {
        console.error(`stryker failed on ${file} (exit ${r.status ?? r.signal})`);
        process.exit(1);
      }
    }
  // A file's own report, else its part of a whole-part run (npx stryker run stryker.<part>.mjs).
  const whole = `reports/mutation/${part}.json`;
  const wholeFiles = existsSync(whole) ? Object.keys(JSON.parse(readFileSync(whole, 'utf8')).files) : [];
  const fromWhole = [];
  const reports = filesOf(part)
    .map((f) => {
      const own = `reports/mutation/${shardOf(part, f)}.json`;
      if (existsSync(own)) return own;
      if (!wholeFiles.includes(f)) return null;
      fromWhole.push(f);
      return { path: whole, only: f };
    })
    .filter((r) => r !== null);
  const missing = filesOf(part).length - reports.length;
  const t = tally(reports);
  const s = score(t.all);
  console.log(`\n${part} (${PARTS[part].dir}), break below ${PARTS[part].breakAt} %:\n`);
  console.log(table(t, { survivors: true }));
  if (fromWhole.length) console.log(`\nfrom the whole-part run (${whole}): ${fromWhole.join(', ')}`);
  if (t.stale.length)
    console.log(
      `source changed since its report (figures of the earlier code): ${[...new Set(t.stale)].join(', ')}`,
    );
  if (missing) {
    console.error(`${part}: incomplete, ${missing} file(s) not measured — the threshold cannot be checked`);
    failed = true;
  } else if (!(s >= PARTS[part].breakAt)) {
    console.error(`${part}: ${s.toFixed(1)} % — below the ${PARTS[part].breakAt} % threshold`);
    failed = true;
  } else console.log(`${part}: ${s.toFixed(1)} % ≥ ${PARTS[part].breakAt} %`);
}
// exitCode, not exit(): exit() may cut off the table when stdout is a pipe.
process.exitCode = failed ? 1 : 0;
