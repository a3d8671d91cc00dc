// npm start: build, then run `jifen evaluate` on the bundled demo scenario and print a readable summary.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const scenario = join(root, 'examples/demo-scenario.json');
const period = process.argv[2] ?? '2026-10';
const json = execFileSync(
  process.execPath,
  [join(root, 'dist/cli/jifen.cjs'), 'evaluate', scenario, '--period', period],
  {
    encoding: 'utf8',
  },
);
const { cadres } = JSON.parse(json);
const TIER = { 'top-third': '前三分之一', 'bottom-third': '后三分之一', 'bottom-three': '倒数三名' };
console.log(
  `\n示例社区 ${period} 积分汇总（jifen evaluate ${scenario.replace(`${root}/`, '')} --period ${period}）\n`,
);
console.log(['排名', '编号', '姓名', '基础', '任务', '奖励', '合计', '年度累计', '分档'].join('\t'));
for (const c of cadres) {
  console.log(
    [
      c.rank ?? '-',
      c.cadreId,
      c.name,
      c.base,
      c.task,
      c.reward,
      c.total,
      c.yearToDate,
      c.tiers.map((t) => TIER[t]).join('、'),
    ].join('\t'),
  );
}
