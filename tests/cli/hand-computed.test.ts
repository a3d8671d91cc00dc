// Issue 15 part 3, outside Google: the hand-computed community (tests/helpers/hand-community.ts) through
// `jifen evaluate` (the SPEC §8 JSON contract) and `jifen recompute` / `publish` on an .xlsx book. The
// expected figures are the hand-worked ones, never the core's own output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import type { Cell } from '../../src/shared/cells';
import { COLUMNS, type ColumnTab, headersOf, TAB } from '../../src/shared/tabs';
import {
  HAND_ATTENDANCE,
  HAND_ENTRIES,
  HAND_MONTH,
  HAND_ROSTER,
  HAND_SEPTEMBER,
  handTabRows,
  TIER_ZH,
} from '../helpers/hand-community';
import { cli, readBook, summaryRowsOf, tempDir } from './helpers';

// Publishing prints a PDF with Chromium: seconds, more on a busy machine.
jest.setTimeout(60_000);

const M = HAND_MONTH;

/** The hand community as SPEC §8 scenario JSON, as of `asOf`, with any redemptions. */
function handScenario(asOf = M, redemptions: { cadreId: string; date: string; halfDays: number }[] = []) {
  return {
    settings: { year: 2026, asOf, startingPoints: 100 },
    roster: HAND_ROSTER.map((c) => ({ ...c, startMonth: M, ranked: true })),
    entries: HAND_ENTRIES.map(([cadreId, ruleCode, quantity], i) => ({
      id: `H${i + 1}`,
      month: M,
      cadreId,
      ruleCode,
      quantity,
      status: 'approved',
      reason: '手算',
    })),
    attendance: HAND_ATTENDANCE.map(
      ([cadreId, late, earlyLeave, absent, personalLeaveDays, sickLeaveDays]) => ({
        month: M,
        cadreId,
        late,
        earlyLeave,
        absent,
        personalLeaveDays,
        sickLeaveDays,
      }),
    ),
    scores: [],
    redemptions,
  };
}

async function evaluate(scenario: unknown, period: string) {
  const file = join(tempDir('jifen-hand-'), 'hand.json');
  writeFileSync(file, JSON.stringify(scenario));
  const r = await cli(['evaluate', file, '--period', period]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  return JSON.parse(r.out) as { period: string; cadres: Record<string, unknown>[] };
}

test('jifen evaluate --period 2026-09 gives the hand-computed JSON (rank order, tiers, tie flag, leave)', async () => {
  const out = await evaluate(handScenario(), M);
  expect(out.period).toBe(M);
  // rank order, then id: 甲 (1), 丁 (2), 乙 and 丙 (3)
  expect(out.cadres.map((c) => c.cadreId)).toEqual(['001', '004', '002', '003']);
  const byId = new Map(out.cadres.map((c) => [c.cadreId, c]));
  for (const h of HAND_SEPTEMBER) {
    expect(byId.get(h.id)).toMatchObject({
      startingPoints: 0,
      base: h.base,
      task: h.task,
      reward: h.reward,
      total: h.total,
      yearToDate: h.ytd,
      rank: h.rank,
      tiers: [...h.tiers],
      flags: h.tie ? ['tie-at-boundary'] : [],
      // 每 100 分（起始分除外）抵半天: only 甲's 125 reaches one half-day
      leave: { availablePoints: h.total, halfDays: h.total >= 100 ? 1 : 0 },
    });
  }
});

function handBook(): Buffer {
  const { values } = demoInputValues();
  const rows = handTabRows();
  const tabs: Partial<Record<ColumnTab, Cell[][]>> = {
    settings: values.settings,
    rules: values.rules,
    roster: [headersOf('roster'), ...rows.roster],
    ledger: [headersOf('ledger'), ...rows.ledger],
    attendance: [headersOf('attendance'), ...rows.attendance],
  };
  const pkg = XlsxPackage.create();
  for (const tab of Object.keys(COLUMNS) as ColumnTab[])
    pkg.addSheet(TAB[tab], tabModel(tab, tabs[tab] ?? [headersOf(tab)]));
  return pkg.toBuffer();
}

test('jifen recompute then publish on an .xlsx book: 月度汇总 and the 公示 carry the hand-computed figures', async () => {
  const file = join(tempDir('jifen-hand-'), 'hand.xlsx');
  writeFileSync(file, handBook());
  const r = await cli(['recompute', file]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  const rows = summaryRowsOf(readBook(file).values(TAB.monthly)!, M);
  for (const h of HAND_SEPTEMBER) {
    const row = rows.get(h.id)!;
    expect([row.排名, row.基础, row.任务, row.奖励, row.合计, row.年度累计, row.分档]).toEqual([
      h.rank,
      h.base,
      h.task,
      h.reward,
      h.total,
      h.ytd,
      h.tiers.map((t) => TIER_ZH[t]).join('、'),
    ]);
    expect(String(row.标记).includes('并列，需两委研究')).toBe(h.tie);
  }
  const p = await cli(['publish', file, '--month', M]);
  expect({ code: p.code, err: p.err }).toEqual({ code: 0, err: '' });
  const snap = readBook(file)
    .values(`公示-${M}`)!
    .map((row) => row.map(String));
  for (const h of HAND_SEPTEMBER) {
    const line = snap.find((row) => row[1] === h.id)!;
    expect([line[0], line[6], line[7]]).toEqual([String(h.rank), String(h.total), String(h.ytd)]);
  }
});

// 2026-H2 evaluated as of 2026-11 (see tests/gas/hand-computed.test.ts for the working): September as above,
// then October and November with no entries and no attendance row, so each active cadre earns only the
// system items 无批评 5 (基础) + 无投诉 5 (任务) a month. 起始分 100 counts in the half-year total, not in leave.
//   甲 基础 15+10, 任务 15+10, 奖励 95 → 145 + 100 = 245; 丁 25, 18 → 143; 乙 15, 15 → 130; 丙 13, 17 → 130.
// Ranking 甲 1, 丁 2, 乙 3, 丙 3 with k = 1, as in September; everyone joined in 2026-09 (partial period)
// and has no attendance for October and November.
test('jifen evaluate --period 2026-H2 (as of 2026-11): 起始分, later months, tiers and flags by hand', async () => {
  const out = await evaluate(handScenario('2026-11'), '2026-H2');
  expect(out.period).toBe('2026-H2');
  expect(out.cadres.map((c) => c.cadreId)).toEqual(['001', '004', '002', '003']);
  const expected: Record<string, [number, number, number, number, number, string[], number, number]> = {
    // base, task, reward, total, rank, tiers, leave points, half-days
    '001': [25, 25, 95, 245, 1, ['top-third'], 145, 1],
    '004': [25, 18, 0, 143, 2, ['bottom-three'], 43, 0],
    '002': [15, 15, 0, 130, 3, ['bottom-third', 'bottom-three'], 30, 0],
    '003': [13, 17, 0, 130, 3, ['bottom-third', 'bottom-three'], 30, 0],
  };
  for (const c of out.cadres) {
    const [base, task, reward, total, rank, tiers, availablePoints, halfDays] = expected[String(c.cadreId)]!;
    const tie = rank === 3;
    expect(c).toMatchObject({
      startingPoints: 100,
      base,
      task,
      reward,
      total,
      yearToDate: total,
      rank,
      tiers,
      flags: [...(tie ? ['tie-at-boundary'] : []), 'partial-period', 'missing-attendance'],
      leave: { availablePoints, halfDays },
    });
  }
});

// Redemption (每 100 分抵半天，起始分除外): 甲 redeems one half-day on 2026-10-20. By October 甲 has 125 + 10 = 135
// points beyond 起始分, so 100 are spent and 35 remain; September alone still shows its own 125 (one half-day).
// October's figures themselves are not changed by a redemption: 基础 5, 任务 5, 合计 10, 年度累计 100 + 135 = 235.
test('jifen evaluate with a redemption: the half-day is taken from the balance of the month it is dated in', async () => {
  const redeemed = handScenario('2026-10', [{ cadreId: '001', date: '2026-10-20', halfDays: 1 }]);
  const oct = await evaluate(redeemed, '2026-10');
  const jia = oct.cadres.find((c) => c.cadreId === '001')!;
  expect(jia).toMatchObject({
    base: 5,
    task: 5,
    reward: 0,
    total: 10,
    yearToDate: 235,
    leave: { availablePoints: 35, halfDays: 0 },
  });
  // October's totals are all 10, so everyone is rank 1 and listed by id; the others are untouched by 甲's
  // redemption: 年度累计 100 + September + 10, leave points September + 10.
  expect(oct.cadres.map((c) => [c.cadreId, c.rank, c.total])).toEqual([
    ['001', 1, 10],
    ['002', 1, 10],
    ['003', 1, 10],
    ['004', 1, 10],
  ]);
  expect(
    oct.cadres.filter((c) => c.cadreId !== '001').map((c) => [c.cadreId, c.yearToDate, c.leave]),
  ).toEqual([
    ['002', 120, { availablePoints: 20, halfDays: 0 }],
    ['003', 120, { availablePoints: 20, halfDays: 0 }],
    ['004', 133, { availablePoints: 33, halfDays: 0 }],
  ]);
  const sep = await evaluate(redeemed, M);
  expect(sep.cadres.find((c) => c.cadreId === '001')!.leave).toEqual({ availablePoints: 125, halfDays: 1 });
});

test('jifen evaluate refuses a redemption beyond the balance (2 half-days = 200 > 135) with exit 2, naming it', async () => {
  const file = join(tempDir('jifen-hand-'), 'over.json');
  writeFileSync(
    file,
    JSON.stringify(handScenario('2026-10', [{ cadreId: '001', date: '2026-10-20', halfDays: 2 }])),
  );
  const r = await cli(['evaluate', file, '--period', '2026-10']);
  expect(r.out).toBe('');
  expect(r.code).toBe(2);
  expect(r.err).toContain('兑换 2 个半天需 200 分，超出 2026-10 可用积分 135 分');
});

// 更正 outside Google (SPEC §4.5): the CLI has no correction command, so the committee types the upheld
// objection's correction rows into 积分台账 itself (来源 更正, 更正对象 = the corrected entry), as the add-on's
// finding dialog writes them: +1 against 乙's complaint H4 and the 无投诉 +5 it had cost. Worked by hand:
// 乙 基础 5, 任务 6 − 1 + 1 + 5 = 11 → 16 (年度累计 116); ranking 甲 125 (1), 丁 23 (2), 乙 16 (3), 丙 10 (4);
// k = 1: top third 甲; bottom third 丙; bottom three 丙, 乙 (1 lower), 丁 (2 lower); no tie any more.
test('a correction typed into a published month: recompute gives the hand-computed corrected ranking, verify accepts it', async () => {
  const file = join(tempDir('jifen-hand-'), 'hand.xlsx');
  writeFileSync(file, handBook());
  expect((await cli(['recompute', file])).code).toBe(0);
  const p = await cli(['publish', file, '--month', M]);
  expect({ code: p.code, err: p.err }).toEqual({ code: 0, err: '' });
  const published = readBook(file).values(`公示-${M}`)!;

  const pkg = readBook(file);
  const ledger = pkg.values(TAB.ledger)!;
  const headers = headersOf('ledger');
  const correction = (id: string, code: string, points: number, target: string, reason: string) => {
    const f: Record<string, Cell> = {
      编号: id,
      月份: M,
      干部编号: '002',
      干部姓名: '乙',
      规则编码: code,
      数量: 1,
      分值: points,
      积分: points,
      得分依据: `更正：${reason}（异议 O-1）`,
      来源: '更正',
      状态: '已通过',
      更正对象: target,
    };
    return headers.map((h) => f[h] ?? '');
  };
  pkg.setSheet(
    TAB.ledger,
    tabModel('ledger', [
      ...ledger,
      correction('X-1', 'T-COMPLAINT', 1, 'H4', '撤销投诉扣分'),
      correction('X-2', 'T-NO-COMPLAINT', 5, '', '无投诉恢复'),
    ]),
  );
  const objection: Record<string, Cell> = {
    编号: 'O-1',
    月份: M,
    干部编号: '002',
    干部姓名: '乙',
    异议条目: 'H4',
    异议内容: '投诉不属实',
    处理结果: '成立',
    处理意见: '经查投诉不属实',
    处理人: '两委',
    更正条目: 'X-1、X-2',
  };
  pkg.setSheet(
    TAB.objections,
    tabModel('objections', [headersOf('objections'), headersOf('objections').map((h) => objection[h] ?? '')]),
  );
  writeFileSync(file, pkg.toBuffer());

  const r = await cli(['recompute', file]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  const rows = summaryRowsOf(readBook(file).values(TAB.monthly)!, M);
  const got = ['001', '004', '002', '003'].map((id) => {
    const row = rows.get(id)!;
    return [id, row.排名, row.基础, row.任务, row.奖励, row.合计, row.年度累计, row.分档, row.标记 ?? ''];
  });
  expect(got).toEqual([
    ['001', 1, 15, 15, 95, 125, 225, '前三分之一', ''],
    ['004', 2, 15, 8, 0, 23, 123, '倒数三名', ''],
    ['002', 3, 5, 11, 0, 16, 116, '倒数三名', ''],
    ['003', 4, 3, 7, 0, 10, 110, '后三分之一、倒数三名', ''],
  ]);
  // the corrections are backed by an upheld objection, so the seal check passes; the 公示 is untouched
  const v = await cli(['verify', file]);
  expect({ code: v.code, err: v.err }).toEqual({ code: 0, err: '' });
  expect(v.out).toContain('全部 1 张公示与发布时封存的内容一致');
  expect(readBook(file).values(`公示-${M}`)).toEqual(published);
});
