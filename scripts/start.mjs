// npm start: build, `jifen demo` into demo/ (January–August published), publish September (HTML + PDF), and show
// where everything is. Every command it suggests afterwards succeeds on that book (a test runs them).
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
console.log('[1/3] 构建（npm run build）…');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const out = join(root, 'demo', '示例社区积分台账.xlsx');
console.log(`[2/3] 生成示例工作簿（jifen demo ${relative(root, out)} --force）…\n`);
// --force: npm start is meant to be run again and again; the demo file is regenerated each time.
execFileSync(process.execPath, [join(root, 'dist/cli/jifen.cjs'), 'demo', out, '--force'], {
  stdio: 'inherit',
});
// Publishing September (the next month in order) shows the printed notice: the HTML page and (with
// Chromium) its A4 PDF beside the workbook.
console.log(`\n[3/3] 发布 2026-09 月度公示（jifen publish ${relative(root, out)} --month 2026-09）…\n`);
execFileSync(process.execPath, [join(root, 'dist/cli/jifen.cjs'), 'publish', out, '--month', '2026-09'], {
  stdio: 'inherit',
});
console.log(
  [
    '',
    '接下来可以试试：',
    `  node dist/cli/jifen.cjs recompute ${relative(root, out)}`,
    `  node dist/cli/jifen.cjs verify ${relative(root, out)}`,
    `  node dist/cli/jifen.cjs statements ${relative(root, out)} --month 2026-09 --out ${relative(root, join(root, 'demo', '个人积分单'))}`,
    '用 Excel、WPS、LibreOffice 打开，或上传到 Google 云端硬盘用 Google 表格打开。',
  ].join('\n'),
);
