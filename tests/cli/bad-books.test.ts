// Bad workbooks: missing tab or header, not an .xlsx, corrupt zip, open in another program → Chinese message, exit 2, input untouched.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import type { Cell } from '../../src/shared/cells';
import { COLUMNS, type ColumnTab, TAB } from '../../src/shared/tabs';
import { cli, filesIn, root, tempDir } from './helpers';

/** A workbook of the demo's input tabs, with some tabs left out or changed. */
function book(
  opts: { omit?: ColumnTab[]; change?: Partial<Record<ColumnTab, (v: Cell[][]) => Cell[][]>> } = {},
) {
  const { values } = demoInputValues();
  const pkg = XlsxPackage.create();
  for (const tab of Object.keys(COLUMNS) as ColumnTab[]) {
    if (opts.omit?.includes(tab)) continue;
    const v = opts.change?.[tab]?.(values[tab]!) ?? values[tab]!;
    pkg.addSheet(TAB[tab], tabModel(tab, v));
  }
  return pkg.toBuffer();
}

function place(name: string, data: Buffer | string): { dir: string; file: string } {
  const dir = tempDir('jifen-bad-');
  const file = join(dir, name);
  writeFileSync(file, data);
  return { dir, file };
}

async function expectRefused(file: string, words: string[], args: string[] = ['recompute']) {
  const dir = join(file, '..');
  const before = readFileSync(file);
  const files = filesIn(dir);
  const r = await cli([...args, file]);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.startsWith('错误：')).toBe(true);
  for (const w of words) expect(r.err).toContain(w);
  expect(r.err).not.toMatch(/\n\s+at |Error:/);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(filesIn(dir)).toEqual(files);
  return r;
}

test('a good workbook of the input tabs alone recomputes (the control for the cases below)', async () => {
  const { file } = place('ok.xlsx', book());
  const r = await cli(['recompute', file]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

test('missing tabs are named', async () => {
  const { file } = place('缺表.xlsx', book({ omit: ['attendance', 'roster'] }));
  await expectRefused(file, ['缺少工作表', '「干部名册」', '「考勤记录」']);
  await expectRefused(file, ['缺少工作表'], ['publish', '--month', '2026-09']);
});

test('a missing header is named with its tab', async () => {
  const dropColumn = (h: string) => (v: Cell[][]) => {
    const i = v[0]!.indexOf(h);
    return v.map((r) => r.filter((_, j) => j !== i));
  };
  const { file } = place(
    '缺列.xlsx',
    book({ change: { ledger: dropColumn('状态'), settings: dropColumn('值') } }),
  );
  await expectRefused(file, ['「积分台账」表第1行缺少表头「状态」', '「设置」表第1行缺少表头「值」']);
});

test('columns in another order are fine (found by header)', async () => {
  const swap = (v: Cell[][]) => v.map((r) => [r[1], r[0], ...r.slice(2)]);
  const { file } = place('换列.xlsx', book({ change: { ledger: swap, roster: swap } }));
  const r = await cli(['recompute', file]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('校验问题 0 条');
});

test('a text file named .xlsx is not a workbook', async () => {
  const { file } = place('假的.xlsx', '编号,姓名\n001,张三\n');
  await expectRefused(file, ['无法打开', '不是有效的 .xlsx 文件']);
});

test('a truncated download is refused', async () => {
  const good = book();
  const { file } = place('截断.xlsx', good.subarray(0, Math.floor(good.length / 2)));
  await expectRefused(file, ['不是有效的 .xlsx 文件']);
});

test('damaged bytes inside the zip are reported as a corrupt file', async () => {
  const bad = Buffer.from(book());
  for (let i = 200; i < 260; i++) bad[i] = bad[i]! ^ 0x5a;
  const { file } = place('损坏.xlsx', bad);
  await expectRefused(file, ['无法打开']);
});

test('a zip that is not a workbook is refused', async () => {
  const pkg = XlsxPackage.create();
  const entries = pkg.toBuffer();
  // Same zip, but the workbook part's name is wrong (like a .docx renamed to .xlsx).
  const { file } = place(
    '不是表格.xlsx',
    Buffer.from(entries.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmX'), 'latin1'),
  );
  await expectRefused(file, ['无法打开']);
});

test('a workbook open in Excel/WPS/LibreOffice (lock file beside it) is not written', async () => {
  const { dir, file } = place('打开中.xlsx', book());
  writeFileSync(join(dir, '.~lock.打开中.xlsx#'), 'user,host');
  await expectRefused(file, ['正被 Excel/WPS/LibreOffice 打开', '.~lock.打开中.xlsx#']);
});

test('missing file, folder, .xls and wrong extension', async () => {
  const dir = tempDir('jifen-bad-');
  let r = await cli(['recompute', join(dir, '没有.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('找不到文件');
  mkdirSync(join(dir, '目录.xlsx'));
  r = await cli(['recompute', join(dir, '目录.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('是文件夹');
  const xls = place('旧.xls', 'x').file;
  await expectRefused(xls, ['不支持 .xls 格式', '另存为 .xlsx']);
  r = await cli(['demo', join(dir, 'out.csv')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('.xlsx 结尾');
  r = await cli(['publish', join(dir, 'x.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('缺少 --month 参数');
});

test('the built CLI (dist/cli/jifen.cjs): exit 2 and one Chinese line for a corrupt file', () => {
  const { file } = place('坏.xlsx', 'PK\u0003\u0004 not really');
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/jifen.cjs'), 'recompute', file], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('不是有效的 .xlsx 文件');
});

test('help lists the workbook commands', async () => {
  const r = await cli(['--help']);
  expect(r.code).toBe(0);
  for (const c of ['jifen demo', 'jifen recompute', 'jifen publish', 'jifen verify', 'jifen evaluate'])
    expect(r.out).toContain(c);
});
