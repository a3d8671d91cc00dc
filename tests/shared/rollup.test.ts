// 街道汇总, pure: three demo communities (one tampered, one late) → month states, flags and figures from what each published.

import { sha256Hex } from '../../src/cli/xlsx/commands';
import { communityBook, editCell } from '../../src/cli/xlsx/community-book';
import type { XlsxPackage } from '../../src/cli/xlsx/package';
import type { Cell } from '../../src/shared/cells';
import {
  type CommunityBook,
  cellBar,
  communityTabNames,
  previousMonth,
  rollupBookValues,
  rollupCommunity,
} from '../../src/shared/rollup';
import { TAB } from '../../src/shared/tabs';

const months = (n: number) => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

/** A CommunityBook over a package's values, without the platform's full seal check (values + 摘要 chain only). */
function bookOf(pkg: XlsxPackage, source: string): CommunityBook {
  return {
    source,
    settings: pkg.values(TAB.settings),
    publications: pkg.values(TAB.publications),
    objections: pkg.values(TAB.objections),
    snapshot: (name) => pkg.values(name),
    offsetMinutes: 0,
  };
}

/** The cadre table of a snapshot tab: 编号 → [月度积分, 年度累计], read straight from the cells. */
function cadreRowsOf(pkg: XlsxPackage, tab: string): Map<string, [number, number]> {
  const v = pkg.values(tab)!;
  const at = v.findIndex((r) => r[0] === '排名' && r[1] === '编号');
  const out = new Map<string, [number, number]>();
  for (let i = at + 1; v[i]?.[1]; i++) out.set(String(v[i]![1]), [Number(v[i]![6]), Number(v[i]![7])]);
  return out;
}

let east: XlsxPackage;
let west: XlsxPackage;
let south: XlsxPackage;

beforeAll(() => {
  east = communityBook('东风社区', months(9));
  west = communityBook('西湖社区', months(9));
  // Someone raises 吴强's 2026-03 月度积分 in the published tab (row 5, column G).
  editCell(west, '公示-2026-03', 4, 6, 99);
  south = communityBook('南山社区', months(5));
});

const opts = { asOf: '2026-10', sha256Hex };

test('previousMonth: the default as-of month of a roll-up', () => {
  expect(previousMonth('2026-11')).toBe('2026-10');
  expect(previousMonth('2027-01')).toBe('2026-12');
});

test('a community that published 01–09 on time: every month verified, no flag', () => {
  const r = rollupCommunity(bookOf(east, 'east.xlsx'), opts);
  expect(r.name).toBe('东风社区');
  expect(r.year).toBe(2026);
  expect(r.flags).toEqual([]);
  expect(r.months.map((m) => m.state)).toEqual([...Array(9).fill('verified'), 'due', 'future', 'future']);
  expect(r.months[8]).toMatchObject({
    tabName: '公示-2026-09',
    versions: 1,
    publishedAt: '2026-10-05 10:00:00',
  });
  expect(r.cadres).toHaveLength(12);
  expect(r.findings).toEqual([]);
});

test('hand check: 黄勇 (008) year total = 起始分 + each published 月度积分 = 年度累计 of 公示-2026-09', () => {
  const r = rollupCommunity(bookOf(east, 'east.xlsx'), opts);
  const c = r.cadres.find((x) => x.cadreId === '008')!;
  let sum = 100;
  let h1 = 100;
  for (const m of months(9)) {
    const [monthly] = cadreRowsOf(east, `公示-${m}`).get('008')!;
    sum += monthly;
    if (m <= '2026-06') h1 += monthly;
  }
  const ytd = cadreRowsOf(east, '公示-2026-09').get('008')![1];
  expect(c.year).toBe(sum);
  expect(c.year).toBe(ytd);
  expect(c.h1).toBe(h1);
  expect([c.startingPoints, c.h1, c.h2, c.year]).toEqual([100, 322, 219, 441]);
  // H1 is complete (six verified months) and computed by §5: 黄勇 first, top third.
  const h1Ranking = r.periods.find((p) => p.period === '2026-H1')!;
  expect(h1Ranking).toMatchObject({ basis: 'computed', complete: true });
  expect(h1Ranking.rows[0]).toMatchObject({
    rank: 1,
    cadreId: '008',
    total: 322,
    tiers: '前三分之一',
    consequence: '物质奖励（半年）',
  });
  expect(h1Ranking.bottomThree).toEqual(['赵敏（007，251分）', '杨静（006，249分）', '孙浩（012，198分）']);
  const h2 = r.periods.find((p) => p.period === '2026-H2')!;
  expect(h2.complete).toBe(false);
  expect(h2.ties).toEqual(['王建国（001，172分）', '杨静（006，172分）']);
  const year = r.periods.find((p) => p.period === '2026')!;
  expect(year.rows[0]).toMatchObject({ cadreId: '008', consequence: '年度优秀评定优先考虑' });
  expect(r.objections).toMatchObject({ total: 1, upheld: 0, rejected: 0, pending: 1 });
});

test('a tampered snapshot: that month is flagged and left out of the figures', () => {
  const r = rollupCommunity(bookOf(west, 'west.xlsx'), opts);
  const e = rollupCommunity(bookOf(east, 'east.xlsx'), opts);
  expect(r.flags).toEqual(['tampered']);
  expect(r.months[2]).toMatchObject({ month: '2026-03', state: 'tampered', tabName: '' });
  expect(r.months[2]!.notes[0]).toBe('公示-2026-03 发布后被改动（内容与 SHA-256 不符）');
  expect(r.months.filter((m) => m.state === 'verified')).toHaveLength(8);
  // Same data as 东风 except March, which no longer counts.
  const march = cadreRowsOf(east, '公示-2026-03');
  for (const c of r.cadres) {
    const ec = e.cadres.find((x) => x.cadreId === c.cadreId)!;
    expect(c.year).toBe(ec.year - (march.get(c.cadreId)?.[0] ?? 0));
  }
  expect(r.periods.find((p) => p.period === '2026-H1')!.complete).toBe(false);
});

test('a late community: months before the as-of month without a publication are late', () => {
  const r = rollupCommunity(bookOf(south, 'south.xlsx'), opts);
  expect(r.flags).toEqual(['late']);
  expect(r.months.map((m) => m.state).slice(0, 10)).toEqual([
    ...Array(5).fill('verified'),
    'late',
    'late',
    'late',
    'late',
    'due',
  ]);
  // With an earlier as-of month, the same book is on time.
  expect(rollupCommunity(bookOf(south, 'south.xlsx'), { ...opts, asOf: '2026-06' }).flags).toEqual([]);
});

test('a publication made after the as-of month does not count "by then"', () => {
  const r = rollupCommunity(bookOf(east, 'east.xlsx'), { ...opts, asOf: '2026-05' });
  // 2026-05 was published on 2026-06-05: at the end of May it was not yet out.
  expect(r.months.slice(0, 6).map((m) => m.state)).toEqual([
    'verified',
    'verified',
    'verified',
    'verified',
    'due',
    'future',
  ]);
  expect(r.flags).toEqual([]);
});

test('a 公示记录 row edited (发布人) breaks its 摘要: tampered without the platform check', () => {
  const pkg = communityBook('东风社区', months(3));
  const pub = pkg.values(TAB.publications)!;
  const col = pub[0]!.indexOf('发布人');
  editCell(pkg, TAB.publications, 2, col, '别人');
  const r = rollupCommunity(bookOf(pkg, 'x.xlsx'), opts);
  expect(r.months[1]!.state).toBe('tampered');
  expect(r.months[1]!.notes).toContain('公示记录第 3 行（公示-2026-02）内容被改动，与其摘要不符');
  expect(r.flags).toContain('tampered');
});

test('the last record without 摘要 (legacy, values only) makes its month unverifiable', () => {
  const pkg = communityBook('东风社区', months(3));
  const pub = pkg.values(TAB.publications)!;
  editCell(pkg, TAB.publications, 3, pub[0]!.indexOf('摘要'), '');
  const r = rollupCommunity(bookOf(pkg, 'x.xlsx'), opts);
  expect(r.months[2]!.state).toBe('unverifiable');
  expect(r.months[2]!.notes).toEqual([
    '公示-2026-03 是旧版公示记录（无摘要），只能核对数值，无法确认记录本身未被改动',
  ]);
  expect(r.flags).toEqual(['late', 'unverifiable']);
});

test('the platform’s seal findings (e.g. a sealed ledger row changed) mark that month tampered', () => {
  const book = {
    ...bookOf(east, 'east.xlsx'),
    sealFindings: ['2026-04 已发布：积分台账第 9 行 积分 5→50'],
  };
  const r = rollupCommunity(book, opts);
  expect(r.months[3]).toMatchObject({
    state: 'tampered',
    notes: ['2026-04 已发布：积分台账第 9 行 积分 5→50'],
  });
  expect(r.flags).toEqual(['tampered']);
});

test('a book without 公示记录 is unverifiable, with every due month late', () => {
  const r = rollupCommunity(
    {
      source: 'empty.xlsx',
      snapshot: () => undefined,
      offsetMinutes: 0,
      settings: east.values(TAB.settings),
    },
    opts,
  );
  expect(r.flags).toEqual(['late', 'unverifiable']);
  expect(r.findings).toEqual(['缺少「公示记录」表，无法校验任何公示']);
  expect(r.cadres).toEqual([]);
});

test('the roll-up book: overview rows per community, the unreadable one named, cell charts', () => {
  const rs = [east, west, south].map((p, i) => rollupCommunity(bookOf(p, `${i}.xlsx`), opts));
  const book = rollupBookValues(rs, [{ source: 'bad.xlsx', reason: '无法打开' }], {
    asOf: '2026-10',
    generatedAt: '2026-11-02 09:00:00',
  });
  const rows = book.overview.slice(4, 8).map((r) => r.slice(0, 12));
  expect(rows).toEqual<Cell[][]>([
    ['东风社区', '0.xlsx', 2026, 9, 9, 0, 0, 0, 12, 441, 316, '正常'],
    ['西湖社区', '1.xlsx', 2026, 9, 8, 0, 0, 1, 12, 411, 287, '公示被改动'],
    ['南山社区', '2.xlsx', 2026, 9, 5, 4, 0, 0, 12, 287, 163, '逾期'],
    ['无法读取：bad.xlsx', 'bad.xlsx', '', '', '', '', '', '', '', '', '', '无法打开'],
  ]);
  expect(book.overview[4]![12]).toBe('█'.repeat(12));
  expect(book.overview[6]![12]).toBe('█'.repeat(7));
  expect(book.communities.map((c) => c.tabName)).toEqual(['东风社区', '西湖社区', '南山社区']);
  const dist = book.overview.findIndex((r) => r[0] === '分数段');
  const counted = book.overview.slice(dist + 1).filter((r) => typeof r[1] === 'number');
  expect(counted.reduce((s, r) => s + (r[1] as number), 0)).toBe(36);
});

test('cellBar draws at least one block for a non-zero value and none for zero', () => {
  expect(cellBar(0, 9)).toBe('');
  expect(cellBar(1, 100, 10)).toBe('█');
  expect(cellBar(9, 9, 12)).toBe('█'.repeat(12));
});

test('community tab names: unique, never 街道总览, within Excel’s 31 characters and without []:*?/\\', () => {
  expect(
    communityTabNames(['街道总览', '东风社区', '东风社区', 'A/B:C', 'x'.repeat(40), 'Ab', 'aB']),
  ).toEqual(['街道总览(2)', '东风社区', '东风社区(2)', 'A_B_C', 'x'.repeat(27), 'Ab', 'aB(2)']);
  // Excel refuses an apostrophe at either end of a name, not inside it; a name left empty becomes 社区.
  expect(communityTabNames(["''西山'", "O'Neil", "'", '社区列表'])).toEqual([
    '西山',
    "O'Neil",
    '社区',
    '社区列表(2)',
  ]);
});

test('a platform finding that names no tab or month (the chain as a whole) still flags the community tampered', () => {
  const finding = '公示记录 第 12 行（公示-2025-12）内容被改动，与其摘要不符';
  const r = rollupCommunity({ ...bookOf(east, 'east.xlsx'), sealFindings: [finding] }, opts);
  expect(r.flags).toEqual(['tampered']);
  expect(r.findings).toEqual([finding]);
  expect(r.months.filter((m) => m.state === 'verified')).toHaveLength(9);
});
