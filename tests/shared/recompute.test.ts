// src/shared/recompute.ts on its own: 重新计算 of the hand community (tests/helpers/hand-community.ts) — the
// rewritten 积分台账, 月度汇总 / 年度汇总 rows and 校验问题 — with figures and texts written by hand (SPEC §4–§6).

import type { CadreSummary } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import {
  consequenceText,
  flagText,
  recompute,
  SUMMARY_HEADERS,
  systemLedgerRow,
} from '../../src/shared/recompute';
import { headersOf, TAB } from '../../src/shared/tabs';
import { HAND_MONTH, HAND_SEPTEMBER, handTabRows } from '../helpers/hand-community';

const L = headersOf('ledger');
const at = (h: string) => L.indexOf(h);
const ledgerRow = (f: Record<string, Cell>): Cell[] => L.map((h) => f[h] ?? '');

function handValues(extra: Partial<WorkbookValues> = {}, more: Cell[][] = []): WorkbookValues {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...t.roster],
    ledger: [L, ...t.ledger, ...more],
    attendance: [headersOf('attendance'), ...t.attendance],
    ...extra,
  };
}

const run = (
  values: WorkbookValues,
  nowMonth = '2026-10',
  extra: { publishedIds?: Map<string, Set<string>>; defaultYear?: number } = {},
) => recompute(values, { nowMonth, nowText: '2026-10-08 09:00:00', offsetMinutes: 0, ...extra });

/** September's generated rows, by hand (SPEC §3, §8; 全勤计分方式 替代): attendance 10 (全勤) or 8 (按时, with
 * leave), none when late; 无批评 5 unless criticised; 无投诉 5 unless a complaint. Sorted by cadre, then rule code. */
const SEPTEMBER_SYSTEM: [cadre: string, name: string, code: string, points: number][] = [
  ['001', '甲', 'B-ATT-FULL', 10],
  ['001', '甲', 'B-NO-CRITICISM', 5],
  ['001', '甲', 'T-NO-COMPLAINT', 5],
  ['002', '乙', 'B-NO-CRITICISM', 5],
  ['003', '丙', 'B-ATT-PUNCTUAL', 8],
  ['003', '丙', 'T-NO-COMPLAINT', 5],
  ['004', '丁', 'B-ATT-FULL', 10],
  ['004', '丁', 'B-NO-CRITICISM', 5],
  ['004', '丁', 'T-NO-COMPLAINT', 5],
];

describe('recompute of the hand community in October', () => {
  // Before each test, not at describe level: Stryker credits code run while the file loads to every test.
  let r: ReturnType<typeof run>;
  beforeEach(() => {
    r = run(handValues());
  });

  test('year, asOf, counts, no problems', () => {
    expect([r.year, r.asOf]).toEqual([2026, '2026-10']);
    expect(r.problemList).toEqual([]);
    expect(r.problems).toEqual([headersOf('problems')]);
    // October: every cadre active, no entries, no attendance: 无批评 + 无投诉 each (8 rows)
    expect(r.counts).toEqual({ entries: 9 + 9 + 8, systemEntries: 9 + 8, problems: 0, cadres: 4 });
  });

  test('the 积分台账: hand rows kept in place with derived columns filled, then the generated rows in month, cadre, rule order', () => {
    expect(r.ledger[0]).toEqual(L);
    const hand = r.ledger.slice(1, 10);
    expect(hand.map((x) => [x[at('编号')], x[at('干部姓名')], x[at('积分')]])).toEqual([
      ['H1', '甲', 10],
      ['H2', '甲', 5],
      ['H3', '甲', 90],
      ['H4', '乙', -1],
      ['H5', '乙', 6],
      ['H6', '丙', -5],
      ['H7', '丙', 2],
      ['H8', '丁', 5],
      ['H9', '丁', -2],
    ]);
    expect(hand[0]![at('事项')]).toBe('成功调解居民矛盾纠纷');
    const sys = r.ledger.slice(10);
    expect(
      sys
        .filter((x) => x[at('月份')] === HAND_MONTH)
        .map((x) => [x[at('干部编号')], x[at('干部姓名')], x[at('规则编码')], x[at('积分')]]),
    ).toEqual(SEPTEMBER_SYSTEM.map(([c, n, code, p]) => [c, n, code, p]));
    expect(sys.slice(9).map((x) => [x[at('月份')], x[at('干部编号')], x[at('规则编码')]])).toEqual([
      ['2026-10', '001', 'B-NO-CRITICISM'],
      ['2026-10', '001', 'T-NO-COMPLAINT'],
      ['2026-10', '002', 'B-NO-CRITICISM'],
      ['2026-10', '002', 'T-NO-COMPLAINT'],
      ['2026-10', '003', 'B-NO-CRITICISM'],
      ['2026-10', '003', 'T-NO-COMPLAINT'],
      ['2026-10', '004', 'B-NO-CRITICISM'],
      ['2026-10', '004', 'T-NO-COMPLAINT'],
    ]);
    expect(r.ledgerSourceRows).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, ...new Array(17).fill(null)]);
    const full = sys[0]!;
    expect(full).toEqual(
      ledgerRow({
        编号: 'SYS-2026-09-001-B-ATT-FULL',
        月份: '2026-09',
        干部编号: '001',
        干部姓名: '甲',
        规则编码: 'B-ATT-FULL',
        事项: '另无事假、病假记录，考勤全勤',
        数量: 1,
        分值: 10,
        积分: 10,
        得分依据: full[at('得分依据')],
        来源: '系统',
        状态: '已通过',
      }),
    );
    expect(String(full[at('得分依据')])).not.toBe('');
  });

  test('月度汇总: one row per cadre and month, September as computed by hand', () => {
    expect(r.monthly[0]).toEqual(SUMMARY_HEADERS);
    const sept = r.monthly.slice(1).filter((x) => x[0] === HAND_MONTH);
    const byRank = ['001', '004', '002', '003'].map((id) => HAND_SEPTEMBER.find((h) => h.id === id)!);
    expect(sept.map((x) => [x[1], x[2], x[6], x[7], x[8], x[9], x[10]])).toEqual(
      byRank.map((h) => [h.rank, h.id, h.base, h.task, h.reward, h.total, h.ytd]),
    );
    // SPEC §8: 起始分 is 0 for a month (it is in 年度累计)
    expect(sept.map((x) => [x[3], x[4], x[5], x[11], x[12], x[13]])).toEqual([
      ['甲', '书记', 0, '前三分之一', '', ''],
      ['丁', '网格员', 0, '倒数三名', '', '预警：取消一切评先评优资格、按规定组织处置'],
      [
        '乙',
        '委员',
        0,
        '后三分之一、倒数三名',
        '并列，需两委研究',
        '预警：取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置',
      ],
      [
        '丙',
        '委员',
        0,
        '后三分之一、倒数三名',
        '并列，需两委研究',
        '预警：取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置',
      ],
    ]);
    // 可用积分 (每 100 分抵半天, 起始分除外): 甲 125 → 1 half-day = 0.5 day; the others under 100
    expect(sept.map((x) => [x[2], x[14], x[15]])).toEqual([
      ['001', 125, 0.5],
      ['004', 23, 0],
      ['002', 10, 0],
      ['003', 10, 0],
    ]);
    // months up to October only; no row before the roster’s 起始月份
    expect([...new Set(r.monthly.slice(1).map((x) => x[0]))]).toEqual(['2026-09', '2026-10']);
  });

  test('年度汇总: the quarters, half-years and year begun by October', () => {
    expect(r.yearly[0]).toEqual(SUMMARY_HEADERS);
    expect([...new Set(r.yearly.slice(1).map((x) => x[0]))]).toEqual([
      '2026-Q3',
      '2026-Q4',
      '2026-H2',
      '2026',
    ]);
    const q3 = r.yearly.slice(1).filter((x) => x[0] === '2026-Q3');
    // SPEC §8: a quarter's 起始分 is 0, its 合计 the quarter's points; 年度累计 includes 起始分
    expect(q3.map((x) => [x[2], x[5], x[9], x[10]])).toEqual([
      ['001', 0, 125, 225],
      ['004', 0, 23, 123],
      ['002', 0, 10, 110],
      ['003', 0, 10, 110],
    ]);
    // the half-year's 合计 includes 起始分 (October: 无批评 5 + 无投诉 5 each)
    const h2 = r.yearly.slice(1).filter((x) => x[0] === '2026-H2');
    expect(h2.map((x) => [x[2], x[5], x[9]])).toEqual([
      ['001', 100, 235],
      ['004', 100, 133],
      ['002', 100, 120],
      ['003', 100, 120],
    ]);
    // every period begun by October is summarised; those before 起始月份 have no cadre rows
    expect(r.larger.map((p) => p.period)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2026-H1',
      '2026-H2',
      '2026',
    ]);
    expect(r.months.map((p) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
  });
});

describe('the 积分台账 rewrite', () => {
  test('stale system rows of unpublished months are dropped and regenerated; a typed derived column stays; 积分 is always recomputed', () => {
    const stale = ledgerRow({
      编号: 'SYS-2026-09-001-B-ATT-FULL',
      月份: HAND_MONTH,
      干部编号: '001',
      规则编码: 'B-ATT-FULL',
      数量: 1,
      积分: 99,
      来源: '系统',
      状态: '已通过',
    });
    const typed = ledgerRow({
      编号: 'H10',
      月份: HAND_MONTH,
      干部编号: '002',
      干部姓名: '乙（手写）',
      规则编码: 'T-ACTIVITY',
      事项: '活动',
      数量: 1,
      分值: 2,
      积分: 50,
      来源: '两委',
      状态: '已通过',
    });
    const r = run(handValues({}, [stale, typed]));
    expect(r.problemList).toEqual([]);
    // the stale row is gone: H10 moves up from row 12 to row 11
    expect(r.ledger[10]!.slice(0, 10)).toEqual([
      'H10',
      '2026-09',
      '002',
      '乙（手写）',
      'T-ACTIVITY',
      '活动',
      1,
      2,
      2,
      '',
    ]);
    expect(r.ledgerSourceRows.slice(0, 10)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 12]);
    expect(r.ledger.filter((x) => x[0] === 'SYS-2026-09-001-B-ATT-FULL').map((x) => x[at('积分')])).toEqual([
      10,
    ]);
  });

  test('invalid rows are kept as typed and named in 校验问题 by their row in the rewritten tab', () => {
    const stale = ledgerRow({
      编号: 'SYS-2026-09-002-B-NO-CRITICISM',
      月份: HAND_MONTH,
      干部编号: '002',
      规则编码: 'B-NO-CRITICISM',
      数量: 1,
      来源: '系统',
      状态: '已通过',
    });
    const bad = ledgerRow({
      编号: 'X1',
      月份: HAND_MONTH,
      干部编号: '002',
      规则编码: 'NO-SUCH',
      数量: 1,
      来源: '两委',
      状态: '已通过',
    });
    const r = run(handValues({}, [stale, bad]));
    expect(r.ledger[10]).toEqual(bad);
    expect(r.problemList.map((p) => [p.tab, p.row, p.id, p.field])).toEqual([
      ['积分台账', 11, 'X1', '规则编码'],
    ]);
    expect(r.problems[1]!.slice(0, 4)).toEqual(['积分台账', 11, 'X1', '规则编码']);
    expect(r.problems[1]![5]).toBe('2026-10-08 09:00:00');
    expect(r.counts.problems).toBe(1);
  });

  test('blank rows stay where they are (published rows below them are protected by position)', () => {
    const r = run(
      handValues({}, [
        ['', '', ''],
        ledgerRow({
          编号: 'H11',
          月份: HAND_MONTH,
          干部编号: '003',
          规则编码: 'T-ACTIVITY',
          数量: 1,
          来源: '两委',
          状态: '已通过',
        }),
      ]),
    );
    expect(r.ledger[10]!.every((c) => c === '')).toBe(true);
    expect(r.ledger[10]).toHaveLength(L.length);
    expect(r.ledger[11]![0]).toBe('H11');
  });

  test('moved columns: generated rows follow the sheet’s own header order', () => {
    const t = handTabRows();
    const order = [...L].reverse();
    const move = (row: Cell[]) => order.map((h) => row[L.indexOf(h)]!);
    const r = run({ ...handValues(), ledger: [order, ...t.ledger.map(move)] });
    expect(r.ledger[0]).toEqual(order);
    const gen = r.ledger.find((x) => x[order.indexOf('编号')] === 'SYS-2026-09-001-B-ATT-FULL')!;
    expect(gen[order.indexOf('来源')]).toBe('系统');
    expect(gen[order.indexOf('干部姓名')]).toBe('甲');
    expect(gen[order.indexOf('积分')]).toBe(10);
  });

  test('no 积分台账 tab: the tab is written from scratch with its headers and the generated rows', () => {
    const { ledger: _l, ...rest } = handValues();
    const r = run(rest as WorkbookValues);
    expect(r.ledger[0]).toEqual(L);
    expect(r.problemList.map((p) => p.message)).toEqual(['缺少「积分台账」表']);
    expect(r.ledger.slice(1).every((x) => x[at('来源')] === '系统')).toBe(true);
    expect(r.ledger[1]![at('编号')]).toBe('SYS-2026-09-001-B-ATT-FULL');
  });

  test('a published month keeps its stored rows, refuses approved rows typed in after it, and accepts corrections', () => {
    const first = run(handValues());
    const late = ledgerRow({
      编号: 'L1',
      月份: HAND_MONTH,
      干部编号: '002',
      规则编码: 'T-ACTIVITY',
      数量: 1,
      来源: '两委',
      状态: '已通过',
    });
    const correction = ledgerRow({
      编号: 'K1',
      月份: HAND_MONTH,
      干部编号: '002',
      规则编码: 'T-COMPLAINT',
      数量: 1,
      分值: 1,
      来源: '更正',
      状态: '已通过',
      更正对象: 'H4',
    });
    const ids = new Set(
      first.ledger
        .slice(1)
        .filter((x) => x[at('月份')] === HAND_MONTH)
        .map((x) => String(x[0])),
    );
    const values = {
      ...handValues(),
      ledger: [...first.ledger, late, correction],
      publications: [
        headersOf('publications'),
        [HAND_MONTH, 1, '公示-2026-09', 'x', '2026-10-08 09:30:00', 30, 'a'.repeat(64)],
      ],
    };
    const r = run(values, '2026-10', { publishedIds: new Map([[HAND_MONTH, ids]]) });
    expect(r.problemList).toEqual([
      {
        tab: '积分台账',
        // header, 9 hand rows, 9 stored September rows: October's generated rows below are regenerated, so row 20
        row: 20,
        id: 'L1',
        field: '月份',
        message: '2026-09 已公示，此条目不在公示中，未计入；如需补记，请登记异议并在“处理异议”中更正',
      },
    ]);
    // September's rows as stored (not regenerated): the same 18 rows, then the late row and the correction, whose 积分 is filled
    const sept = r.ledger.slice(1).filter((x) => x[at('月份')] === HAND_MONTH);
    expect(sept.map((x) => x[0])).toEqual([
      ...first.ledger
        .slice(1)
        .filter((x) => x[at('月份')] === HAND_MONTH)
        .map((x) => x[0]),
      'L1',
      'K1',
    ]);
    expect(sept.find((x) => x[0] === 'K1')![at('积分')]).toBe(1);
    expect(sept.find((x) => x[0] === 'L1')![at('积分')]).toBe('');
    // 乙: 10 + the correction's 1; the late row does not count
    const yi = r.months.find((p) => p.period === HAND_MONTH)!.cadres.find((c) => c.cadreId === '002')!;
    expect([yi.total, yi.yearToDate]).toEqual([11, 111]);
    expect(r.counts.systemEntries).toBe(8);
  });

  test('attendance typed after its month was published is listed against 考勤记录', () => {
    const first = run(handValues());
    const values = {
      ...handValues(),
      ledger: first.ledger,
      publications: [
        headersOf('publications'),
        [HAND_MONTH, 1, '公示-2026-09', 'x', '2026-10-08 09:30:00', 30, 'a'.repeat(64)],
      ],
      attendance: [headersOf('attendance'), ...handTabRows().attendance, ['2026-09', '009', 0, 0, 0, 0, 0]],
    };
    const roster = [...values.roster!, ['009', '新', '委员', '', '在职', HAND_MONTH, '', '是']];
    const r = run({ ...values, roster });
    const notice = r.problemList.filter((p) => p.tab === TAB.attendance);
    expect(notice).toEqual([
      {
        tab: '考勤记录',
        row: '',
        id: '2026-09',
        field: '干部编号',
        message:
          '新（009）2026-09 的考勤在公示后才录入，考勤分未计入；如需补记，请登记异议并在“处理异议”中更正',
      },
    ]);
  });
});

describe('the year computed', () => {
  test.each<[Cell | undefined, string, number | undefined, number, string]>([
    [2026, '2026-10', undefined, 2026, '2026-10'],
    [2025, '2026-03', undefined, 2025, '2025-12'],
    [undefined, '2026-03', undefined, 2026, '2026-03'],
    [undefined, '2026-03', 2025, 2025, '2025-12'],
  ])('考核年度 %p, now %p, default %p → %p as of %p', (year, now, defaultYear, y, asOf) => {
    const settings: Cell[][] = [
      headersOf('settings'),
      ...(year === undefined ? [] : [['考核年度', year, '']]),
    ];
    const r = run({ ...handValues(), settings }, now, defaultYear === undefined ? {} : { defaultYear });
    expect([r.year, r.asOf]).toEqual([y, asOf]);
  });

  test('a year still to come has no months yet; entries typed ahead extend the months', () => {
    const r = run({ ...handValues(), settings: [headersOf('settings'), ['考核年度', 2027, '']] }, '2026-10');
    expect(r.months).toEqual([]);
    expect(r.larger).toEqual([]);
    expect(r.asOf).toBe('2026-10');
    const ahead = run(
      handValues({}, [
        ledgerRow({
          编号: 'A1',
          月份: '2026-12',
          干部编号: '001',
          规则编码: 'T-ACTIVITY',
          数量: 1,
          来源: '两委',
          状态: '已通过',
        }),
      ]),
    );
    expect(ahead.months.map((p) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });
});

describe('texts of the summary tabs', () => {
  const cadre = (
    tiers: CadreSummary['tiers'],
    flags: CadreSummary['flags'] = [],
    monthsActive = ['2026-09'],
  ) => ({ tiers, flags, monthsActive }) as unknown as CadreSummary;

  test.each<[CadreSummary['tiers'], 'month' | 'quarter' | 'half-year' | 'year', string]>([
    [['top-third'], 'month', ''],
    [['top-third'], 'quarter', ''],
    [['top-third'], 'half-year', '物质奖励（半年）'],
    [['top-third'], 'year', '年度优秀评定优先考虑'],
    [['bottom-third'], 'month', '预警：取消评先评优资格、书记或主任谈话'],
    [['bottom-third'], 'quarter', '预警：取消评先评优资格、书记或主任谈话'],
    [['bottom-third'], 'half-year', '取消评先评优资格、书记或主任谈话'],
    [['bottom-three'], 'year', '取消一切评先评优资格、按规定组织处置'],
    [
      ['bottom-third', 'bottom-three'],
      'half-year',
      '取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置',
    ],
    [['top-third', 'bottom-three'], 'month', '预警：取消一切评先评优资格、按规定组织处置'],
    [[], 'half-year', ''],
  ])('consequenceText(%p, %p)', (tiers, kind, text) => {
    expect(consequenceText(cadre(tiers), kind)).toBe(text);
  });

  test('flagText', () => {
    expect(flagText(cadre([], []), [])).toBe('');
    expect(flagText(cadre([], ['tie-at-boundary']), [])).toBe('并列，需两委研究');
    expect(flagText(cadre([], ['partial-period'], ['2026-08', '2026-09']), [])).toBe('部分在职：2个月');
    expect(flagText(cadre([], ['missing-attendance']), ['2026-08', '2026-09'])).toBe(
      '缺考勤记录：2026-08、2026-09',
    );
    expect(
      flagText(cadre([], ['tie-at-boundary', 'partial-period', 'missing-attendance'], ['2026-09']), [
        '2026-09',
      ]),
    ).toBe('并列，需两委研究；部分在职：1个月；缺考勤记录：2026-09');
  });

  test('systemLedgerRow puts each field under its header', () => {
    const row = systemLedgerRow(
      {
        id: 'SYS-2026-09-001-B-NO-CRITICISM',
        month: '2026-09',
        cadreId: '001',
        ruleCode: 'B-NO-CRITICISM',
        item: '月内未被街道等上级部门点名批评',
        quantity: 1,
        unitPoints: 5,
        points: 5,
        reason: '依据',
      } as never,
      '甲',
    );
    expect(row).toEqual([
      'SYS-2026-09-001-B-NO-CRITICISM',
      '2026-09',
      '001',
      '甲',
      'B-NO-CRITICISM',
      '月内未被街道等上级部门点名批评',
      1,
      5,
      5,
      '依据',
      '系统',
      '',
      '',
      '已通过',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
});
