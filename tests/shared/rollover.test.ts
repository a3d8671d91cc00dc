// The pure 年度结转 plan: missing items, the refusal text, the year 公示, the step marker and the next year's values.

import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import type { Cell } from '../../src/shared/cells';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { recompute } from '../../src/shared/recompute';
import {
  buildYearReport,
  nextYearValues,
  progressText,
  readProgress,
  rolloverMissing,
  rolloverRefusal,
  withSetting,
} from '../../src/shared/rollover';
import { headersOf } from '../../src/shared/tabs';

const opts = { nowMonth: '2027-01', nowText: '2027-01-05 09:00:00', offsetMinutes: 0 };

/** 公示记录 with one row per period (only 期间 matters to the plan). */
function published(periods: string[]): Cell[][] {
  return [headersOf('publications'), ...periods.map((p) => [p, 1, `公示-${p}`])];
}

function demo(): WorkbookValues {
  return demoInputValues().values;
}

describe('rollover plan', () => {
  test('missing items, in order: months, half-years, pending claims, open objections', () => {
    const values = {
      ...demo(),
      publications: published([
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-H1',
        '2026-07',
        '2026-08',
        '2026-09',
      ]),
    };
    const result = recompute(values, opts);
    const missing = rolloverMissing(result, values, 0);
    expect(missing.map((m) => m.kind)).toEqual(['month', 'half-year', 'pending', 'pending', 'objection']);
    expect(missing[0]!.text).toBe('2026-10 的月度公示未发布');
    expect(missing[1]!.text).toBe('2026年下半年汇总（2026-H2）未发布');
    expect(missing[2]!.text).toMatch(/^积分台账第\d+行（.+，张伟 2026-10）待审核$/);
    expect(missing[4]!.text).toBe('异议处理第2行（O001，赵敏）尚未处理');
  });

  test('refusal: not before January; lists every item; a stated exception lets it pass', () => {
    const items = [{ kind: 'month' as const, text: '2026-10 的月度公示未发布' }];
    expect(rolloverRefusal(2026, '2026-12', [], 'x', '加说明')).toBe(
      '考核年度 2026 尚未结束（当前为 2026-12），年度结转请在 2027 年1月及以后进行。',
    );
    expect(rolloverRefusal(2026, '2027-01', items, undefined, '加说明')).toBe(
      '2026 年度还不能结转，尚缺以下 1 项：\n1. 2026-10 的月度公示未发布\n请先逐项处理（发布公示、审核申报、处理异议）后再结转；如两委确认按现状结转，加说明，说明会写入操作日志和年度公示。',
    );
    expect(rolloverRefusal(2026, '2027-01', items, '   ', '加说明')).not.toBeNull();
    expect(rolloverRefusal(2026, '2027-01', items, '十月数据已书面公示', '加说明')).toBeNull();
    expect(rolloverRefusal(2026, '2027-02', [], undefined, '加说明')).toBeNull();
  });

  test('the year 公示: totals are 起始分 + the year, with the basis for 优秀 and the exception', () => {
    const values = demo();
    const result = recompute(values, opts);
    const r = buildYearReport(result, {
      publishedAt: '2027-01-05 09:00:00',
      publisher: '社区两委',
      exceptions: '十月已书面公示',
    });
    expect(r.tabName).toBe('公示-2026');
    const year = result.larger.find((p) => p.period === '2026')!;
    const rows = r.values.slice(r.table.start, r.table.end);
    expect(rows.map((x) => [x[1], x[8]])).toEqual(year.cadres.map((c) => [c.cadreId, c.total]));
    for (const c of year.cadres) expect(c.total).toBe(100 + c.base + c.task + c.reward);
    const text = r.values.map((x) => String(x[0] ?? ''));
    expect(text).toContain('两委确认的例外：十月已书面公示');
    expect(text.some((t) => t.startsWith(`评优依据：年度积分排名前三分之一的 ${r.topThird.length} 人`))).toBe(
      true,
    );
    // The footer stays last.
    expect(text[text.length - 1]).toMatch(/^共 12 名干部。/);
  });

  test('rows of the next year typed before the close stay; their pending claims do not block', () => {
    const values = demo();
    const lh = values.ledger![0]!;
    const claim = lh.map(
      (h) => ({ 编号: 'F-1', 月份: '2027-01', 干部编号: '003', 状态: '待审核' })[String(h)] ?? '',
    );
    values.ledger!.push(claim);
    values.redemptions!.push(['R-9', '003', '张伟', new Date(Date.UTC(2027, 0, 4)), 1, '', '', '', '']);
    values.scores!.push(['2027-Q1', '学习强国', '003', 90]);
    const result = recompute(values, opts);
    expect(rolloverMissing(result, values, 0).some((m) => m.text.includes('2027-01'))).toBe(false);
    const next = nextYearValues(values, 2026);
    expect(next.ledger).toEqual([lh, claim]);
    expect(next.redemptions!.slice(1).map((r) => r[0])).toEqual(['R-9']);
    expect(next.scores!.slice(1)).toEqual([['2027-Q1', '学习强国', '003', 90]]);
    expect(next.attendance).toEqual([values.attendance![0]]);
  });

  test('step marker round trip; unknown text reads as none', () => {
    for (const p of [
      { year: 2026, step: 'published' as const },
      { year: 2026, step: 'archived' as const, archive: 'https://docs.google.com/spreadsheets/d/abc' },
      { year: 2026, step: 'done' as const, archive: '/tmp/台账-2026归档.xlsx' },
    ]) {
      const s = withSetting(undefined, '结转进度', progressText(p));
      expect(readProgress(s)).toEqual(p);
    }
    expect(readProgress(withSetting(undefined, '结转进度', '进行中'))).toBeNull();
    expect(progressText({ year: 2026, step: 'archived', archive: 'X' })).toBe('2026 已归档：X');
  });

  test('next year: 考核年度 + 1, inputs emptied, leavers dropped, rules and settings kept', () => {
    const values = demo();
    const ro = values.roster!;
    const state = ro[0]!.indexOf('在职状态');
    ro[12]![state] = '离职';
    ro[12]![ro[0]!.indexOf('离职月份')] = '2026-11';
    ro[5]![ro[0]!.indexOf('起始月份')] = '2026-03';
    const next = nextYearValues(values, 2026);
    expect(next.settings!.find((r) => r[0] === '考核年度')![1]).toBe('2027');
    expect(next.settings!.filter((r) => r[0] !== '考核年度')).toEqual(
      values.settings!.filter((r) => r[0] !== '考核年度'),
    );
    for (const t of ['ledger', 'attendance', 'scores', 'redemptions', 'objections', 'publications'] as const)
      expect(next[t]).toEqual([values[t]?.[0] ?? headersOf(t)]);
    expect(next.roster!.length).toBe(12);
    expect(next.roster!.some((r) => r[state] === '离职')).toBe(false);
    expect(next.roster![5]![ro[0]!.indexOf('起始月份')]).toBe('');
    expect(next.rules).toBe(values.rules);
    // Everyone starts the new year at 起始分.
    const result = recompute(next, { ...opts, nowMonth: '2027-01' });
    const y = result.larger.find((p) => p.period === '2027')!;
    for (const c of y.cadres) expect(c.startingPoints).toBe(100);
    expect(result.book.scenario.entries.filter((e) => e.source !== 'system')).toEqual([]);
  });
});
