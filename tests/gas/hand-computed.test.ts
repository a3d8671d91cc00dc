// Issue 15 part 3: the Sheets workflows on a small community whose figures were computed by hand from the
// policy and SPEC §2–§5 — not by the core — so a wrong figure in the engine or the plumbing fails here.
//
// 2026-09, four cadres (all active from 2026-09, all ranked), default rules, 全勤计分方式 = 替代:
//   001 甲: attendance clean, no leave → 全勤 10; 无批评 5; 无投诉 5; 调解 ×2 = 10; 街道表彰 5; 全国表彰 ×3 = 90
//           基础 15, 任务 15, 奖励 95 → 125
//   002 乙: 1 late → no attendance points; 无批评 5; 1 complaint −1 (and no 无投诉); 活动 ×3 = 6
//           基础 5, 任务 5 → 10
//   003 丙: punctual, 1 day personal leave → 按时 8; 1 criticism −5 (and no 无批评); 无投诉 5; 提前 ×1 = 2
//           基础 3, 任务 7 → 10
//   004 丁: clean → 全勤 10; 无批评 5; 无投诉 5; 登记 ×1 = 5; 逾期 ×1 = −2 → 基础 15, 任务 8 → 23
// Ranking (1,2,2,4 style): 甲 1, 丁 2, 乙 3, 丙 3. N = 4 → k = round(4/3) = 1.
//   top third (fewer than 1 strictly higher): 甲. bottom third (fewer than 1 strictly lower): 乙, 丙.
//   bottom three (fewer than 3 strictly lower): 乙, 丙 (0 lower), 丁 (2 lower); 甲 has 3 lower → not.
//   乙/丙 tie across the bottom-third boundary: l = 0 < k = 1 < l + e = 2 → 并列，需两委研究.
// 年度累计 at 2026-09 = 起始分 100 + the month (nothing earlier): 225, 110, 110, 123.
// Redemption (每 100 分抵半天，起始分除外), dated 2026-10-20, so points as of October count: September's 125 plus
// October's system items (SPEC §8: system rules apply to every active month up to asOf; no attendance row →
// no attendance points): 无批评 5 + 无投诉 5 = 135. One half-day (100) is allowed, leaving 35; a second is refused.
// Objection on 乙's complaint upheld with +1: without the complaint, 乙 also earns 无投诉 +5 (SPEC §3: "one
// complaint costs the +5 and −1 more"), so the 更正公示 shows 乙 10 → 16 (年度累计 110 → 116), and the
// corrected ranking is 甲 125 (1), 丁 23 (2), 乙 16 (3), 丙 10 (4): top third 甲; bottom third 丙 (no one
// lower); bottom three 丙, 乙 (1 lower), 丁 (2 lower); no tie any more.
import { doRecompute, doSetup } from '../../src/gas/actions';
import { publishCorrection, publishHalfYear, publishMonth } from '../../src/gas/publish-action';
import { getDialogOptions, submitDialog } from '../../src/gas/server-api';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { HAND_MONTH, HAND_SEPTEMBER, handTabRows, TIER_ZH } from '../helpers/hand-community';
import { cleanupGas, freshGas, OWNER, setSetting, typeRows } from './helpers';

afterEach(cleanupGas);

const M = HAND_MONTH;

function community(): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '考核年度', '2026');
  const rows = handTabRows();
  typeRows(fake, 'roster', rows.roster);
  typeRows(fake, 'ledger', rows.ledger);
  typeRows(fake, 'attendance', rows.attendance);
  return fake;
}

const S = headersOf('monthly');
function septemberRows(fake: FakeGas) {
  return fake
    .values(TAB.monthly)
    .filter((r) => r[S.indexOf('期间')] === M)
    .map((r) => ({
      id: r[S.indexOf('干部编号')],
      rank: r[S.indexOf('排名')],
      base: r[S.indexOf('基础')],
      task: r[S.indexOf('任务')],
      reward: r[S.indexOf('奖励')],
      total: r[S.indexOf('合计')],
      ytd: r[S.indexOf('年度累计')],
      tier: r[S.indexOf('分档')],
      flag: String(r[S.indexOf('标记')]),
    }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

test('重新计算: every category, total, year-to-date, rank and tier of 2026-09 as computed by hand', () => {
  const fake = community();
  expect(doRecompute()).toContain('重新计算完成');
  const rows = septemberRows(fake);
  expect(rows.map(({ flag, ...r }) => r)).toEqual(
    HAND_SEPTEMBER.map(({ tiers, tie, ...r }) => ({ ...r, tier: tiers.map((t) => TIER_ZH[t]).join('、') })),
  );
  expect(rows[1]!.flag).toContain('并列，需两委研究');
  expect(rows[2]!.flag).toContain('并列，需两委研究');
  expect(rows[0]!.flag).not.toContain('并列');
  expect(rows[3]!.flag).not.toContain('并列');
});

test('发布 → the 公示 lists the hand-computed ranking; 更正 after an upheld objection shows 乙 10 → 16', () => {
  const fake = community();
  doRecompute();
  const out = publishMonth(fake.spreadsheet, M, OWNER);
  const snap = fake.values(out.sheetName).map((r) => r.map(String));
  const line = (name: string) => snap.find((r) => r.includes(name))!;
  // rank, id, name … 月度积分, 年度累计 appear on each cadre's ranking row
  expect(line('甲')).toEqual(expect.arrayContaining(['1', '001', '125', '225']));
  expect(line('丁')).toEqual(expect.arrayContaining(['2', '004', '23', '123']));
  expect(line('乙')).toEqual(expect.arrayContaining(['3', '002', '10', '110']));
  expect(line('丙')).toEqual(expect.arrayContaining(['3', '003', '10', '110']));

  const complaint = fake.values(TAB.ledger).find((r) => r[4] === 'T-COMPLAINT')!;
  const entryId = String(complaint[0]);
  expect(
    submitDialog({ kind: 'objection', month: M, cadreId: '002', entryId, content: '投诉不属实' }).ok,
  ).toBe(true);
  const objection = getDialogOptions().objections!.find((o) => o.cadreId === '002')!;
  const f = submitDialog({
    kind: 'finding',
    objectionId: objection.id,
    result: 'upheld',
    opinion: '经查投诉不属实',
    corrections: [{ entryId, ruleCode: '', pointsDelta: 1, reason: '撤销投诉扣分' }],
  });
  expect(f.ok).toBe(true);
  const c = publishCorrection(fake.spreadsheet, M, OWNER);
  const revised = fake.values(c.sheetName).map((r) => r.map(String));
  const row = (name: string) => revised.find((r) => r[2] === name && /^\d+$/.test(r[0]!))!.slice(0, 9);
  expect(row('甲')).toEqual(['1', '001', '甲', '15', '15', '95', '125', '225', '前三分之一']);
  expect(row('丁')).toEqual(['2', '004', '丁', '15', '8', '0', '23', '123', '倒数三名']);
  expect(row('乙')).toEqual(['3', '002', '乙', '5', '11', '0', '16', '116', '倒数三名']);
  expect(row('丙')).toEqual(['4', '003', '丙', '3', '7', '0', '10', '110', '后三分之一、倒数三名']);
  // the before/after table of the correction
  expect(revised).toContainEqual(['002', '乙', '10', '16', '110', '116', '', '', '', '']);
  // the original 公示 is untouched
  expect(fake.values(out.sheetName).map((r) => r.map(String))).toEqual(snap);
});

test('积分兑换: 甲 (135 points by October) redeems one half-day, leaving 35; a second half-day is refused', () => {
  const fake = community();
  doRecompute();
  const first = submitDialog({
    kind: 'redemption',
    cadreId: '001',
    halfDays: 1,
    date: '2026-10-20',
    note: '事假半天',
  });
  expect(first.ok).toBe(true);
  expect(first.message).toContain('兑换前可用 135 分，兑换后 35 分');
  const second = submitDialog({
    kind: 'redemption',
    cadreId: '001',
    halfDays: 1,
    date: '2026-10-21',
    note: '再半天',
  });
  expect(second.ok).toBe(false);
  const rows = fake.values(TAB.redemptions).slice(1);
  expect(rows).toHaveLength(1);
  expect(rows[0]![headersOf('redemptions').indexOf('抵扣积分')]).toBe(100);
});

// 2026-H2 published on 2026-11-05 (asOf 2026-11): 起始分 100 + September + October and November, in which
// every cadre is active with no entries and no attendance row: 无批评 5 + 无投诉 5 each month (SPEC §8).
//   甲 100 + 125 + 10 + 10 = 245; 丁 100 + 23 + 20 = 143; 乙 100 + 10 + 20 = 130; 丙 130 (tie).
test('发布半年汇总 2026-H2: totals with 起始分 and the later months, ranking and tiers by hand', () => {
  const fake = community();
  doRecompute();
  publishMonth(fake.spreadsheet, M, OWNER);
  publishHalfYear(fake.spreadsheet, '2026-H2', OWNER);
  const rows = fake.values('公示-2026-H2').map((r) => r.map(String));
  const header = rows.find((r) => r.includes('排名') && r.includes('合计'))!;
  const at = (h: string) => header.indexOf(h);
  const row = (id: string) => rows.find((r) => r[at('编号')] === id || r[at('干部编号')] === id)!;
  const pick = (id: string) => [row(id)[at('排名')], row(id)[at('合计')]];
  expect(pick('001')).toEqual(['1', '245']);
  expect(pick('004')).toEqual(['2', '143']);
  expect(pick('002')).toEqual(['3', '130']);
  expect(pick('003')).toEqual(['3', '130']);
  expect(row('001').join('|')).toContain('前三分之一');
  expect(row('002').join('|')).toContain('后三分之一');
  expect(row('003').join('|')).toContain('并列');
});
