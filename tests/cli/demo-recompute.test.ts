// jifen demo and jifen recompute: the demo's summaries equal the core's own computation; recompute round-trips and touches only what it should.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { entryData, readZip } from '../../src/cli/xlsx/zip';
import { TAB } from '../../src/shared/tabs';
import { SPEC_TAB_NAMES } from '../helpers/spec-tabs';
import { cli, coreFigures, demoScenarioJson, filesIn, readBook, summaryRowsOf, tempDir } from './helpers';

const dir = tempDir();
const demo = join(dir, 'demo.xlsx');

beforeAll(async () => {
  const r = await cli(['demo', demo]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

/** The demo publishes January–August in order, as the add-on requires. */
const PUBLISHED = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
const SNAPSHOT_TABS = [
  '公示-2026-01',
  '公示-2026-02',
  '公示-2026-03',
  '公示-2026-04',
  '公示-2026-05',
  '公示-2026-06',
  '公示-2026-07',
  '公示-2026-08',
];

test('the demo workbook has every tab of SPEC §6, plus the published 公示-2026-01 … 公示-2026-08', () => {
  const names = readBook(demo).sheets.map((s) => s.name);
  expect(names).toEqual([...SPEC_TAB_NAMES, ...SNAPSHOT_TABS]);
  expect(
    readBook(demo)
      .values(TAB.publications)!
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(PUBLISHED);
});

test('the demo prints where the file is and the top and bottom three of October', async () => {
  const d = tempDir();
  const r = await cli(['demo', join(d, 'x.xlsx')]);
  expect(r.out).toContain(join(d, 'x.xlsx'));
  const core = coreFigures(demoScenarioJson(), '2026-10');
  const ranked = [...core.values()].filter((c) => c.rank !== null);
  for (const c of [...ranked.slice(0, 3), ...ranked.slice(-3)])
    expect(r.out).toContain(`${c.name}（${c.cadreId}）`);
});

test('demo refuses to overwrite an existing file unless --force', async () => {
  const before = readFileSync(demo);
  const r = await cli(['demo', demo]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('已存在');
  expect(readFileSync(demo).equals(before)).toBe(true);
});

const PERIODS_MONTHLY = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const PERIODS_YEARLY = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-H1', '2026-H2', '2026'];

test.each([
  ['monthly', PERIODS_MONTHLY],
  ['yearly', PERIODS_YEARLY],
] as const)('%s summary equals the core evaluated on examples/demo-scenario.json', (tab, periods) => {
  const values = readBook(demo).values(TAB[tab])!;
  const scenario = demoScenarioJson();
  for (const period of periods) {
    const rows = summaryRowsOf(values, period);
    const core = coreFigures(scenario, period);
    expect([...rows.keys()].sort()).toEqual([...core.keys()].sort());
    for (const [id, c] of core) {
      const r = rows.get(id)!;
      expect({
        period,
        id,
        起始分: r.起始分,
        基础: r.基础,
        任务: r.任务,
        奖励: r.奖励,
        合计: r.合计,
        年度累计: r.年度累计,
        排名: r.排名,
        可用积分: r.可用积分,
        事假: r['可兑换事假(天)'],
      }).toEqual({
        period,
        id,
        起始分: c.startingPoints,
        基础: c.base,
        任务: c.task,
        奖励: c.reward,
        合计: c.total,
        年度累计: c.yearToDate,
        排名: c.rank,
        可用积分: c.leave.availablePoints,
        事假: c.leave.halfDays / 2,
      });
    }
  }
});

test('the demo ledger holds every scenario entry with its status, and system rows for every active month', () => {
  const ledger = readBook(demo).values(TAB.ledger)!;
  const scenario = demoScenarioJson() as { entries: { id: string }[]; roster: unknown[] };
  const ids = new Set(ledger.slice(1).map((r) => String(r[0])));
  for (const e of scenario.entries) expect(ids.has(e.id)).toBe(true);
  const system = ledger.slice(1).filter((r) => r[10] === '系统');
  expect(system.length).toBeGreaterThan(0);
  expect(new Set(system.map((r) => r[1]))).toEqual(new Set(PERIODS_MONTHLY));
});

function partsByName(file: string): Map<string, Buffer> {
  return new Map(readZip(readFileSync(file)).map((e) => [e.name, entryData(e)]));
}

test('recompute round trip: same summaries, input tabs byte for byte, .bak of the input, nothing else left', async () => {
  const d = tempDir();
  const file = join(d, '台账.xlsx');
  writeFileSync(file, readFileSync(demo));
  const original = readFileSync(file);
  const before = readBook(file);
  const r = await cli(['recompute', file], { month: '2026-10' });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('校验问题 0 条');
  const after = readBook(file);
  for (const tab of ['monthly', 'yearly'] as const)
    expect(after.values(TAB[tab])).toEqual(before.values(TAB[tab]));
  // Same ledger rows; a published month's system rows now stay where they are, the others are appended.
  const sorted = (b: XlsxPackage) =>
    b
      .values(TAB.ledger)!
      .map((row) => JSON.stringify(row))
      .sort();
  expect(sorted(after)).toEqual(sorted(before));
  // Parts of the input tabs (and the snapshot) are not rewritten at all.
  const p0 = partsByName(`${file}.bak`);
  const p1 = partsByName(file);
  for (const name of [
    '设置',
    '干部名册',
    '积分规则',
    '考勤记录',
    '考核成绩',
    '异议处理',
    '积分兑换',
    '说明',
    ...SNAPSHOT_TABS,
  ]) {
    const path = before.sheet(name)!.path;
    expect(p1.get(path)!.equals(p0.get(path)!)).toBe(true);
  }
  expect(readFileSync(`${file}.bak`).equals(original)).toBe(true);
  expect(filesIn(d)).toEqual(['台账.xlsx', '台账.xlsx.bak']);
  // The log got one line.
  expect(after.values(TAB.log)!.length).toBe(before.values(TAB.log)!.length + 1);
});

test('the recompute summary’s counts are true: valid ledger entries, of which this run generated the system ones', async () => {
  const d = tempDir();
  const file = join(d, 'c.xlsx');
  writeFileSync(file, readFileSync(demo));
  const r = await cli(['recompute', file], { month: '2026-10' });
  expect(r.code).toBe(0);
  const rows = readBook(file).values(TAB.ledger)!.slice(1);
  // The demo has no bad rows: every data row is a valid entry; January–August are published, so their
  // system rows are kept (each of the eight months has some), and only September's and October's are generated.
  const regenerated = rows.filter((row) => row[10] === '系统' && !PUBLISHED.includes(String(row[1])));
  expect(new Set(regenerated.map((row) => row[1]))).toEqual(new Set(['2026-09', '2026-10']));
  for (const m of PUBLISHED)
    expect({ m, kept: rows.some((row) => row[10] === '系统' && row[1] === m) }).toEqual({ m, kept: true });
  expect(r.out).toContain(
    `：台账有效条目 ${rows.length} 条（其中本次生成的系统条目 ${regenerated.length} 条），干部 12 名，校验问题 0 条\n`,
  );
  const log = readBook(file).values(TAB.log)!;
  expect(log[log.length - 1]![3]).toBe(
    `截至 2026-10：台账有效条目 ${rows.length} 条（其中本次生成的系统条目 ${regenerated.length} 条），校验问题 0 条`,
  );
});

test('recompute is idempotent: a second run writes the same tabs', async () => {
  const d = tempDir();
  const file = join(d, 'b.xlsx');
  writeFileSync(file, readFileSync(demo));
  const first = await cli(['recompute', file]);
  expect({ code: first.code, err: first.err }).toEqual({ code: 0, err: '' });
  const once = readBook(file);
  const second = await cli(['recompute', file]);
  expect({ code: second.code, err: second.err }).toEqual({ code: 0, err: '' });
  const twice = readBook(file);
  for (const tab of ['ledger', 'monthly', 'yearly', 'problems'] as const)
    expect(twice.values(TAB[tab])).toEqual(once.values(TAB[tab]));
  // Styles are reused, not appended again.
  const styles = (f: string) => partsByName(f).get('xl/styles.xml')!.toString();
  expect(styles(file)).toBe(styles(`${file}.bak`));
});

test('hand-typed bad rows are listed on 校验问题 with the row number of the rewritten 积分台账', async () => {
  const d = tempDir();
  const file = join(d, 'c.xlsx');
  const pkg = XlsxPackage.open(readFileSync(demo));
  const ledger = pkg.values(TAB.ledger)!;
  // Typed below the system rows, as a committee member would: recompute drops stale system rows above it.
  const bad = ['H-BAD', '2026-10', '999', '', 'T-MEDIATION', '', 1, '', '', '调解', '两委', '', '', '已通过'];
  const badQty = [
    'H-QTY',
    '2026-10',
    '001',
    '',
    'T-MEDIATION',
    '',
    '两次',
    '',
    '',
    '调解',
    '两委',
    '',
    '',
    '已通过',
  ];
  pkg.replaceSheet(TAB.ledger, tabModel('ledger', [...ledger, [], bad, badQty]));
  writeFileSync(file, pkg.toBuffer());
  const r = await cli(['recompute', file]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('校验问题 2 条');
  const book = readBook(file);
  const newLedger = book.values(TAB.ledger)!;
  const problems = book.values(TAB.problems)!.slice(1);
  expect(problems).toHaveLength(2);
  for (const [id, field] of [
    ['H-BAD', '干部编号'],
    ['H-QTY', '数量'],
  ] as const) {
    const p = problems.find((x) => x[2] === id)!;
    expect(p[0]).toBe('积分台账');
    expect(p[3]).toBe(field);
    expect(String(p[4]).length).toBeGreaterThan(3);
    // The row number points at that very row in the tab as written.
    expect(newLedger[(p[1] as number) - 1]![0]).toBe(id);
  }
  // The rows themselves are kept as typed.
  expect(newLedger.some((row) => row[0] === 'H-QTY' && row[6] === '两次')).toBe(true);
});

test('a published month is frozen: recompute later in the year keeps its system rows and totals', async () => {
  const d = tempDir();
  const file = join(d, 'd.xlsx');
  writeFileSync(file, readFileSync(demo));
  const before = readBook(file);
  const r = await cli(['recompute', file], { month: '2026-11' });
  expect(r.code).toBe(0);
  const after = readBook(file);
  // August is the last month the demo published.
  const aug = (b: XlsxPackage) => b.values(TAB.ledger)!.filter((row) => row[1] === '2026-08');
  expect(aug(after).some((row) => row[10] === '系统')).toBe(true);
  expect(aug(after)).toEqual(aug(before));
  // November now exists (no attendance yet: flagged), August's summary is unchanged.
  expect(summaryRowsOf(after.values(TAB.monthly)!, '2026-08')).toEqual(
    summaryRowsOf(before.values(TAB.monthly)!, '2026-08'),
  );
  const nov = summaryRowsOf(after.values(TAB.monthly)!, '2026-11');
  expect(nov.size).toBe(12);
  expect(String(nov.get('001')!.标记)).toContain('缺考勤记录');
  expect(existsSync(`${file}.bak`)).toBe(true);
});

test('every XML part of the demo workbook is well-formed (strict parser)', () => {
  // saxes is the strict XML parser exceljs itself uses (installed with it).
  const { SaxesParser } = require('saxes') as typeof import('saxes');
  const parts = readZip(readFileSync(demo)).filter((e) => /\.(xml|rels|vml)$/.test(e.name));
  expect(parts.length).toBeGreaterThan(20);
  for (const e of parts) {
    const parser = new SaxesParser({ xmlns: true });
    let error: Error | undefined;
    parser.on('error', (err) => {
      error ??= err;
    });
    parser.write(entryData(e).toString('utf8')).close();
    expect({ part: e.name, error: error?.message }).toEqual({ part: e.name, error: undefined });
  }
});
