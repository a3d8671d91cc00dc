// src/shared/recompute.ts, case by case (issue 15): which 积分台账 rows are regenerated, carried, filled or left
// as typed; unranked cadres and missing attendance in the summary rows; the rows as read never change.
import type { Cell } from '../../src/shared/cells';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { recompute } from '../../src/shared/recompute';
import { headersOf } from '../../src/shared/tabs';
import { HAND_MONTH, handTabRows } from '../helpers/hand-community';

const L = headersOf('ledger');
const at = (h: string) => L.indexOf(h);
const ledgerRow = (f: Record<string, Cell>): Cell[] => L.map((h) => f[h] ?? '');
/** An approved September row of quantity 1, typed by 两委 unless another 来源 is given. */
const september = (id: string, cadre: string, code: string, source = '两委'): Cell[] =>
  ledgerRow({
    编号: id,
    月份: HAND_MONTH,
    干部编号: cadre,
    规则编码: code,
    数量: 1,
    来源: source,
    状态: '已通过',
  });
const M = headersOf('monthly');

function values(over: { roster?: Cell[][]; attendance?: Cell[][]; more?: Cell[][]; before?: Cell[][] } = {}) {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...(over.roster ?? t.roster)],
    ledger: [L, ...(over.before ?? []), ...t.ledger, ...(over.more ?? [])],
    attendance: [headersOf('attendance'), ...(over.attendance ?? t.attendance)],
  } satisfies WorkbookValues;
}
const run = (v: WorkbookValues) =>
  recompute(v, { nowMonth: '2026-10', nowText: '2026-10-08 09:00:00', offsetMinutes: 0 });
const ids = (ledger: Cell[][]) => ledger.slice(1).map((r) => r[at('编号')]);

describe('recompute: the 积分台账 row by row', () => {
  test('the rows as read are never changed, even where the result fills them in', () => {
    const v = values({
      more: [september('H10', '002', 'T-ACTIVITY')],
    });
    const before = structuredClone(v.ledger);
    const r = run(v);
    // H10's 干部姓名, 事项, 分值 and 积分 are filled in the result (乙, the rule's item, 2, 2) …
    const h10 = r.ledger.find((x) => x[0] === 'H10')!;
    expect([h10[at('干部姓名')], h10[at('分值')], h10[at('积分')]]).toEqual(['乙', 2, 2]);
    // … but not in the values read
    expect(v.ledger).toEqual(before);
  });

  test('only 系统 rows with a SYS- 编号 are regenerated: a hand row named SYS-… and a 系统 row named otherwise stay', () => {
    const handNamedSys = september('SYS-手写', '002', 'T-ACTIVITY');
    const systemNamedOtherwise = september('X-系统', '003', 'T-ACTIVITY', '系统');
    const r = run(values({ more: [handNamedSys, systemNamedOtherwise] }));
    // both kept in place after the nine hand rows (rows 11 and 12); the hand-made 系统 row is refused, not dropped
    expect(ids(r.ledger).slice(9, 11)).toEqual(['SYS-手写', 'X-系统']);
    expect(r.problemList).toEqual([
      {
        tab: '积分台账',
        row: 12,
        id: 'X-系统',
        field: '来源',
        message: '来源「系统」只能由系统生成；手工录入请选“两委”',
      },
    ]);
    // SYS-手写 counts for 乙 as typed by 两委: T-ACTIVITY 2 on top of September's hand figures
    expect(r.ledger[10]![at('积分')]).toBe(2);
  });

  test('a generated row of another year’s unpublished month is not regenerated: it moves to the trailing block, before this year’s', () => {
    const december = ledgerRow({
      编号: 'SYS-2025-12-001-B-NO-CRITICISM',
      月份: '2025-12',
      干部编号: '001',
      干部姓名: '甲',
      规则编码: 'B-NO-CRITICISM',
      数量: 1,
      分值: 5,
      积分: 5,
      来源: '系统',
      状态: '已通过',
    });
    const r = run(values({ before: [december] }));
    const rows = ids(r.ledger);
    // the nine hand rows first (row 2 on), then December 2025, then September's and October's generated rows
    expect(rows.slice(0, 10)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', december[0]]);
    expect(rows[10]).toBe('SYS-2026-09-001-B-ATT-FULL');
    expect(r.ledger[10]).toEqual(december);
    // read from row 2, now at row 11
    expect(r.ledgerSourceRows[9]).toBe(2);
  });

  test('a sheet with an extra column and without 更正对象: the header is kept and padded, generated rows are blank there', () => {
    const header = [...L.filter((h) => h !== '更正对象'), '备注'];
    const move = (row: Cell[]) => header.map((h) => (h === '备注' ? '' : row[L.indexOf(h)]!));
    const t = handTabRows();
    const r = run({ ...values(), ledger: [header, ...t.ledger.map(move)] });
    expect(r.ledger[0]).toEqual(header);
    const gen = r.ledger.find((x) => x[0] === 'SYS-2026-09-001-B-ATT-FULL')!;
    expect(gen).toHaveLength(header.length);
    expect(gen[header.indexOf('备注')]).toBe('');
    expect(gen[header.indexOf('积分')]).toBe(10);
    expect(Object.keys(gen)).toHaveLength(header.length);
  });
});

test('rows of a published month are not filled in: a 干部姓名 cleared after publication stays blank', () => {
  const first = run(values());
  const cleared = first.ledger.map((x) =>
    x[0] === 'H1' ? x.map((c, i) => (i === at('干部姓名') ? '' : c)) : x,
  );
  const r = run({
    ...values(),
    ledger: cleared,
    publications: [
      headersOf('publications'),
      [HAND_MONTH, 1, '公示-2026-09', 'x', '2026-10-08 09:30:00', 30, 'a'.repeat(64)],
    ],
  });
  const h1 = r.ledger.find((x) => x[0] === 'H1')!;
  expect([h1[at('干部姓名')], h1[at('积分')]]).toEqual(['', 10]);
});

test('only 积分台账 problems are renumbered when rows are dropped: a 考勤记录 problem keeps its row', () => {
  const stale = september('SYS-2026-09-001-B-ATT-FULL', '001', 'B-ATT-FULL', '系统');
  const bad = september('X1', '002', 'NO-SUCH');
  const t = handTabRows();
  // 考勤记录 row 6: a count that is not a number
  const r = run(
    values({
      before: [stale],
      more: [bad],
      attendance: [...t.attendance, [HAND_MONTH, '001', '两', 0, 0, 0, 0]],
    }),
  );
  // the stale row (row 2) is dropped: X1 moves from row 12 to row 11; the 考勤记录 row stays 6
  expect(r.problemList.map((p) => [p.tab, p.row, p.field])).toEqual([
    ['积分台账', 11, '规则编码'],
    ['考勤记录', 6, '迟到'],
  ]);
});

test('a sheet missing a column: header and rows are padded to the full width with blanks', () => {
  const header = L.filter((h) => h !== '更正对象');
  const t = handTabRows();
  const r = run({
    ...values(),
    ledger: [header, ...t.ledger.map((row) => header.map((h) => row[L.indexOf(h)]!))],
  });
  expect(r.ledger[0]).toEqual([...header, '']);
  expect(r.ledger.every((x) => x.length === L.length)).toBe(true);
});

describe('recompute: summary rows', () => {
  test('a cadre who does not take part in the ranking is shown as 不参与排名, without tiers', () => {
    const roster = handTabRows().roster.map((r) => (r[0] === '003' ? [...r.slice(0, 7), '否'] : r));
    const r = run(values({ roster }));
    const sept = r.monthly.filter((x) => x[0] === HAND_MONTH);
    const bing = sept.find((x) => x[M.indexOf('干部编号')] === '003')!;
    expect(bing[M.indexOf('排名')]).toBe('不参与排名');
    expect(bing[M.indexOf('分档')]).toBe('');
    // the other three are ranked 1–3
    expect(
      sept
        .filter((x) => x !== bing)
        .map((x) => x[M.indexOf('排名')])
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  test('a month without a cadre’s 考勤记录 is named in that cadre’s row, and only there', () => {
    const attendance = handTabRows().attendance.filter((r) => r[1] !== '004');
    const r = run(values({ attendance }));
    const sept = r.monthly.filter((x) => x[0] === HAND_MONTH);
    const flags = Object.fromEntries(sept.map((x) => [x[M.indexOf('干部编号')], x[M.indexOf('标记')]]));
    // 乙 and 丙 tie at 10 as in the hand community (tests/helpers/hand-community.ts); 丁 loses 全勤 10: 23 → 13
    expect(flags).toEqual({
      '001': '',
      '002': '并列，需两委研究',
      '003': '并列，需两委研究',
      '004': '缺考勤记录：2026-09',
    });
    // the quarter names only the month that lacks it (丁 joined in September: July and August are not his)
    const q3 = r.yearly.find((x) => x[0] === '2026-Q3' && x[M.indexOf('干部编号')] === '004')!;
    expect(q3[M.indexOf('标记')]).toBe('部分在职：1个月；缺考勤记录：2026-09');
    const ding = sept.find((x) => x[M.indexOf('干部编号')] === '004')!;
    expect([ding[M.indexOf('基础')], ding[M.indexOf('合计')]]).toEqual([5, 13]);
  });
});
