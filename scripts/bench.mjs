// npm run bench: every benchmark in turn (core evaluate, Sheets service calls, .xlsx recompute, 街道汇总).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) =>
  execFileSync(process.execPath, ['--expose-gc', ...args], { stdio: 'inherit', cwd: root });

console.log('== core: evaluate vs parse+sum (node defaults) ==');
run([join(root, 'scripts/run-ts.mjs'), 'scripts/bench-core.ts']);
console.log("\n== core: the same with the CLI's runtime flag (--max-semi-space-size=32) ==");
run(['--max-semi-space-size=32', join(root, 'scripts/run-ts.mjs'), 'scripts/bench-core.ts']);
if (existsSync(join(root, 'scripts/bench-calls.ts'))) {
  console.log('\n== Sheets: service calls of 重新计算 ==');
  run([join(root, 'scripts/run-ts.mjs'), 'scripts/bench-calls.ts']);
}
if (existsSync(join(root, 'scripts/bench-xlsx.mjs'))) {
  console.log('\n== .xlsx: jifen recompute on a 120k-entry workbook ==');
  run([join(root, 'scripts/bench-xlsx.mjs')]);
}
if (existsSync(join(root, 'scripts/bench-rollup.mjs'))) {
  console.log(
    '\n== 街道汇总: jifen rollup over 50 community books of 30 cadres, and the Sheets calls on the fake ==',
  );
  run([join(root, 'scripts/bench-rollup.mjs')]);
}
