// `jifen rollup`: three community books (one tampered, one late) plus unreadable files → 街道汇总.xlsx; the inputs stay byte-identical.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { communityBook, editCell } from '../../src/cli/xlsx/community-book';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { TAB } from '../../src/shared/tabs';
import { cli, filesIn, readBook, sha256, tempDir } from './helpers';

const months = (n: number) => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

let dir: string;
let books: { east: string; west: string; south: string; ledger: string; broken: string; other: string };
const digests = new Map<string, string>();

beforeAll(() => {
  dir = tempDir('jifen-rollup-');
  books = {
    east: join(dir, '东风社区.xlsx'),
    west: join(dir, '西湖社区.xlsx'),
    south: join(dir, '南山社区.xlsx'),
    ledger: join(dir, '北湖社区.xlsx'),
    broken: join(dir, '坏文件.xlsx'),
    other: join(dir, '别的表格.xlsx'),
  };
  writeFileSync(books.east, communityBook('东风社区', months(9)).toBuffer());
  const west = communityBook('西湖社区', months(9));
  editCell(west, '公示-2026-03', 4, 6, 99);
  writeFileSync(books.west, west.toBuffer());
  writeFileSync(books.south, communityBook('南山社区', months(5)).toBuffer());
  // A sealed ledger row of a published month changed; the snapshots are untouched.
  const north = communityBook('北湖社区', months(9));
  const ledger = north.values(TAB.ledger)!;
  const h = ledger[0]!;
  const row = ledger.findIndex((r) => r[h.indexOf('月份')] === '2026-04' && r[h.indexOf('来源')] === '两委');
  editCell(north, TAB.ledger, row, h.indexOf('积分'), 50);
  writeFileSync(books.ledger, north.toBuffer());
  writeFileSync(books.broken, 'not a workbook');
  const other = XlsxPackage.create();
  other.addSheet('Sheet1', { values: [['hello']] });
  writeFileSync(books.other, other.toBuffer());
  for (const f of Object.values(books)) digests.set(f, sha256(readFileSync(f)));
});

test('three communities, a broken file and a foreign workbook → the right flags, nothing fatal, inputs unchanged', async () => {
  const out = join(dir, '街道汇总.xlsx');
  const r = await cli(
    [
      'rollup',
      books.east,
      books.west,
      books.south,
      books.broken,
      books.other,
      '--out',
      out,
      '--as-of',
      '2026-10',
    ],
    { month: '2026-11' },
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toBe(
    [
      `已生成街道汇总：${out}（截至 2026-10，3 个社区）`,
      '  东风社区：校验一致 9 个月，逾期 0，无法校验 0，被改动 0；干部 12 名',
      '  西湖社区：校验一致 8 个月，逾期 0，无法校验 0，被改动 1；干部 12 名；标记：公示被改动',
      '  南山社区：校验一致 5 个月，逾期 4，无法校验 0，被改动 0；干部 12 名；标记：逾期',
      `  无法读取：${books.broken}：无法打开 ${books.broken}：不是有效的 .xlsx 文件（找不到压缩包的目录，文件可能不完整）`,
      `  无法读取：${books.other}：不是积分台账（没有「设置」和「公示记录」表）`,
      '（各社区工作簿只读取，未被改写）',
      '',
    ].join('\n'),
  );
  for (const [f, d] of digests) expect(sha256(readFileSync(f))).toBe(d);
  // Nothing beside the inputs but the roll-up itself (no lock, temp or .bak left).
  expect(filesIn(dir)).toEqual(
    [
      '东风社区.xlsx',
      '北湖社区.xlsx',
      '南山社区.xlsx',
      '坏文件.xlsx',
      '别的表格.xlsx',
      '街道汇总.xlsx',
      '西湖社区.xlsx',
    ].sort(),
  );

  const book = readBook(out);
  expect(book.tabList().map((t) => t.name)).toEqual(['街道总览', '东风社区', '西湖社区', '南山社区']);
  const ov = book.values('街道总览')!;
  expect(ov[3]!.slice(0, 8)).toEqual([
    '社区',
    '来源',
    '考核年度',
    '应公示月数',
    '按时公示',
    '逾期',
    '无法校验',
    '被改动',
  ]);
  expect(ov.slice(4, 7).map((row) => [row[0], row[4], row[5], row[7], row[9], row[11]])).toEqual([
    ['东风社区', 9, 0, 0, 441, '正常'],
    ['西湖社区', 8, 0, 1, 411, '公示被改动'],
    ['南山社区', 5, 4, 0, 287, '逾期'],
  ]);
  expect(ov.some((row) => row[0] === `无法读取：${books.broken}`)).toBe(true);
  // The community tab: 黄勇's year total, as summed from the 公示 of 东风社区 (see tests/shared/rollup.test.ts).
  const east = book.values('东风社区')!;
  expect(east.find((row) => row[0] === '008' && row[1] === '黄勇')).toEqual([
    '008',
    '黄勇',
    '是',
    100,
    322,
    219,
    441,
  ]);
  const west = book.values('西湖社区')!;
  expect(west.find((row) => row[0] === '2026-03')!.slice(0, 2)).toEqual(['2026-03', '已公示·发布后被改动']);
});

test('the full seal check (as jifen verify) catches a changed ledger row of a published month', async () => {
  const out = join(dir, 'ledger-check.xlsx');
  const r = await cli(['rollup', books.ledger, '--out', out], { month: '2026-11' });
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    '北湖社区：校验一致 8 个月，逾期 0，无法校验 0，被改动 1；干部 12 名；标记：公示被改动',
  );
  const v = readBook(out).values('北湖社区')!;
  const april = v.find((row) => row[0] === '2026-04')!;
  expect(april[1]).toBe('已公示·发布后被改动');
  expect(String(april[5])).toMatch(/^2026-04 已发布：积分台账第 \d+ 行 积分 -?\d+→50/);
  expect(sha256(readFileSync(books.ledger))).toBe(digests.get(books.ledger));
});

test('--as-of defaults to the previous month of now', async () => {
  const out = join(dir, 'default-as-of.xlsx');
  const r = await cli(['rollup', books.south, '--out', out], { month: '2026-07' });
  expect(r.out).toContain('（截至 2026-06，1 个社区）');
  expect(r.out).toContain('南山社区：校验一致 5 个月，逾期 0');
});

test('bad arguments exit 2 with a Chinese message, and never touch the inputs', async () => {
  const cases: [string[], string][] = [
    [['rollup', books.east], '错误：缺少 --out 参数，例如 --out 街道汇总.xlsx\n'],
    [
      ['rollup', '--out', join(dir, 'x.xlsx')],
      '错误：缺少社区工作簿：jifen rollup <社区1.xlsx> [<社区2.xlsx> …] --out <街道汇总.xlsx> [--as-of <YYYY-MM>]\n',
    ],
    [
      ['rollup', books.east, books.east, '--out', join(dir, 'x.xlsx')],
      `错误：社区工作簿重复给出：${books.east}\n`,
    ],
    [
      ['rollup', books.east, '--out', books.east],
      `错误：--out 不能是输入的社区工作簿（${books.east}）：汇总从不改写社区的文件\n`,
    ],
    [
      ['rollup', books.east, '--out', join(dir, 'x.csv')],
      `错误：--out 的文件名应以 .xlsx 结尾：${join(dir, 'x.csv')}\n`,
    ],
    [
      ['rollup', books.east, '--out', join(dir, 'x.xlsx'), '--as-of', '2026-13'],
      '错误：--as-of 应为 YYYY-MM，例如 2026-10（实际：2026-13）\n',
    ],
  ];
  // The roll-up open in Excel (its owner file ~$街道汇总.xlsx beside it): not overwritten.
  const open = join(dir, 'open.xlsx');
  writeFileSync(join(dir, '~$open.xlsx'), 'owner');
  cases.push([
    ['rollup', books.east, '--out', open],
    `错误：文件 ${open} 正被 Excel/WPS/LibreOffice 打开（发现锁文件 ~$open.xlsx），请先关闭后重试\n`,
  ]);
  for (const [args, err] of cases) {
    const r = await cli(args);
    expect([r.code, r.err]).toEqual([2, err]);
  }
  for (const [f, d] of digests) expect(sha256(readFileSync(f))).toBe(d);
});

test('jifen rollup --help is in Chinese', async () => {
  const r = await cli(['rollup', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    'jifen rollup <社区1.xlsx> [<社区2.xlsx> …] --out <街道汇总.xlsx> [--as-of <YYYY-MM>]',
  );
  expect(r.out).toContain('街道汇总：只读取各社区工作簿中已发布的公示和公示记录');
});
