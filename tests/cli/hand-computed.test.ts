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

test('jifen evaluate --period 2026-09 gives the hand-computed JSON (rank order, tiers, tie flag, leave)', async () => {
  const scenario = {
    settings: { year: 2026, asOf: M, startingPoints: 100 },
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
    redemptions: [],
  };
  const file = join(tempDir('jifen-hand-'), 'hand.json');
  writeFileSync(file, JSON.stringify(scenario));
  const r = await cli(['evaluate', file, '--period', M]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out) as { period: string; cadres: Record<string, unknown>[] };
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
