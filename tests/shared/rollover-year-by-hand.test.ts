// The year 公示 of 年度结转 on the hand community (tests/helpers/hand-community.ts): the basis for 优秀 and the exception, line by line.
import type { Cell } from '../../src/shared/cells';
import { recompute } from '../../src/shared/recompute';
import { buildYearReport, monthsWithData, rolloverMissing } from '../../src/shared/rollover';
import { headersOf } from '../../src/shared/tabs';
import { handTabRows } from '../helpers/hand-community';

// As of 2026-11, the year is the half-year 2026-H2 (everyone joined in 2026-09; tests/cli/hand-computed):
// 甲 245 rank 1 (top third); 丁 143 rank 2 (bottom three); 乙 and 丙 130, rank 3 (bottom third and bottom
// three, tied at the boundary: 需两委研究).
function values() {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...t.roster],
    ledger: [headersOf('ledger'), ...t.ledger],
    attendance: [headersOf('attendance'), ...t.attendance],
  };
}
// Before each test, not while the file loads (Stryker would credit that to every test).
let result: ReturnType<typeof recompute>;
beforeEach(() => {
  result = recompute(values(), { nowMonth: '2026-11', nowText: '2026-12-01 09:00:00', offsetMinutes: 0 });
});
const opts = { publishedAt: '2027-01-05 09:00:00', publisher: '王书记' };

test('the basis lines and the exception come before the footer, which stays last', () => {
  const r = buildYearReport(result, { ...opts, exceptions: '  11 月公示以书面形式张贴  ' });
  expect(r.tabName).toBe('公示-2026');
  const tail = r.values.slice(-7);
  expect(tail.slice(0, 6)).toEqual([
    [],
    ['评优依据：年度积分排名前三分之一的 1 人可作为评先评优（优秀）人选：甲（245分）。'],
    [
      '后三分之一的 2 人取消评先评优资格：乙（130分）、丙（130分）；倒数后三名：丁（143分）、乙（130分）、丙（130分）。',
    ],
    ['并列跨档、需两委研究：乙（130分）、丙（130分）。'],
    ['两委确认的例外：11 月公示以书面形式张贴'],
    [],
  ]);
  expect(String(tail[6]![0])).toMatch(/^共 4 名干部。/);
  // the ranking table is the half-year layout's, with 起始分 + the year
  const rows = r.values.slice(r.table.start, r.table.end).map((x: Cell[]) => [x[0], x[1], x[8]]);
  expect(rows).toEqual([
    [1, '001', 245],
    [2, '004', 143],
    [3, '002', 130],
    [3, '003', 130],
  ]);
});

test('a blank exception adds no line', () => {
  const with_ = buildYearReport(result, opts).values;
  const blank = buildYearReport(result, { ...opts, exceptions: '   ' }).values;
  expect(blank).toEqual(with_);
  expect(with_.some((row) => String(row[0] ?? '').startsWith('两委确认的例外'))).toBe(false);
  expect(with_.slice(-6, -1)).toEqual([
    [],
    ['评优依据：年度积分排名前三分之一的 1 人可作为评先评优（优秀）人选：甲（245分）。'],
    [
      '后三分之一的 2 人取消评先评优资格：乙（130分）、丙（130分）；倒数后三名：丁（143分）、乙（130分）、丙（130分）。',
    ],
    ['并列跨档、需两委研究：乙（130分）、丙（130分）。'],
    [],
  ]);
});

test('with 丙 out of the ranking and no tie: who is counted, and nobody named in an empty tier', () => {
  const v = values();
  const at = v.roster[0]!.indexOf('参与排名');
  v.roster[3]![at] = '否'; // 丙 (003)
  const r = buildYearReport(recompute(v, { nowMonth: '2026-11', nowText: 'x', offsetMinutes: 0 }), opts);
  const lines = r.values.slice(-5, -2).map((x: Cell[]) => String(x[0] ?? ''));
  // 3 ranked: k = round(3/3) = 1; 甲 is also among the bottom three, so SPEC §5 gives him no top tier
  expect(lines[2]).toBe('无并列跨档情况。共 4 名干部，参与排名 3 人。');
  expect(lines[0]).toBe('评优依据：年度积分排名前三分之一的 0 人可作为评先评优（优秀）人选：无。');
});

test('missing items name pending claims and open objections by row, with their ids (or 无编号)', () => {
  const v = values();
  const LH = headersOf('ledger');
  const claim = (id: string) =>
    LH.map(
      (h) =>
        ({
          编号: id,
          月份: '2026-10',
          干部编号: '002',
          干部姓名: '乙',
          规则编码: 'T-ACTIVITY',
          数量: 1,
          状态: '待审核',
          来源: '表单',
        })[h] ?? '',
    );
  v.ledger.push(claim(''), claim('F-7'));
  const OH = headersOf('objections');
  const objection = (o: Record<string, Cell>) => OH.map((h) => o[h] ?? '');
  const withObjections = {
    ...v,
    objections: [
      OH,
      objection({ 编号: 'O1', 干部姓名: '丙', 处理结果: '待处理' }),
      objection({ 干部姓名: '丁' }),
      objection({ 编号: 'O3', 干部姓名: '甲', 处理结果: '成立' }),
      objection({ 处理结果: '  ' }),
    ],
    publications: [
      headersOf('publications'),
      ['2026-09'],
      ['2026-10'],
      ['2026-11'],
      ['2026-12'],
      ['2026-H2'],
    ],
  };
  const r = recompute(withObjections, { nowMonth: '2027-01', nowText: 'x', offsetMinutes: 0 });
  expect(rolloverMissing(r, withObjections, 0)).toEqual([
    { kind: 'pending', text: '积分台账第11行（无编号，乙 2026-10）待审核' },
    { kind: 'pending', text: '积分台账第12行（F-7，乙 2026-10）待审核' },
    { kind: 'objection', text: '异议处理第2行（O1，丙）尚未处理' },
    { kind: 'objection', text: '异议处理第3行（无编号，丁）尚未处理' },
  ]);
});

test('months with data: entries other than system rows, and attendance, of the year only, in order', () => {
  const v = values();
  const LH = headersOf('ledger');
  const row = (month: string) =>
    LH.map(
      (h) =>
        ({
          编号: `E-${month}`,
          月份: month,
          干部编号: '002',
          规则编码: 'T-ACTIVITY',
          数量: 1,
          状态: '已通过',
          来源: '两委',
        })[h] ?? '',
    );
  v.ledger.push(row('2026-11'), row('2027-01'));
  v.attendance.push(['2026-10', '001', 0, 0, 0, 0, 0]);
  // as of January 2027: October to December also have generated system rows (无批评, 无投诉), which do not count
  const r = recompute(v, { nowMonth: '2027-01', nowText: 'x', offsetMinutes: 0 });
  expect(monthsWithData(r)).toEqual(['2026-09', '2026-10', '2026-11']);
  const published = { ...v, publications: [headersOf('publications'), ['2026-09'], ['2026-H2']] };
  expect(rolloverMissing(r, published, 0).filter((m) => m.kind === 'month')).toEqual([
    { kind: 'month', text: '2026-10 的月度公示未发布' },
    { kind: 'month', text: '2026-11 的月度公示未发布' },
  ]);
});
