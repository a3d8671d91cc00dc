// 重新计算 on the fake: summaries equal the core, bad hand rows listed, published months untouched, text stays text.
import { buildYearBook, summarize, validateScenario } from '../../src/core';
import { doRecompute, doSetup } from '../../src/gas/actions';
import { sha256Hex } from '../../src/gas/seal-action';
import { canonicalSnapshotText } from '../../src/shared/publish';
import { headersOf, TAB } from '../../src/shared/tabs';
import {
  cleanupGas,
  duringCompute,
  freshGas,
  ledgerRow,
  seedDemo,
  setSetting,
  sheet,
  typeRows,
} from './helpers';

afterEach(cleanupGas);

const SUMMARY = headersOf('monthly');
const col = (h: string) => SUMMARY.indexOf(h);

function coreSummary(demo: ReturnType<typeof seedDemo>, period: string) {
  const { scenario, problems } = validateScenario(
    { ...demo, settings: { ...demo.settings, asOf: '2026-11' } },
    { defaultAsOf: '2026-11' },
  );
  expect(problems).toEqual([]);
  return summarize(buildYearBook(scenario, 2026), period);
}

test('recompute on the demo ledger: month and year summaries equal the core computation', () => {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '考核年度', '2026');
  const demo = seedDemo(fake);
  const msg = doRecompute();
  expect(msg).toContain('重新计算完成');
  expect(msg).toContain('没有发现问题');
  const monthly = fake.values(TAB.monthly);
  expect(monthly[0]).toEqual(SUMMARY);
  for (const period of ['2026-03', '2026-10']) {
    const want = coreSummary(demo, period);
    const rows = monthly.filter((r) => r[0] === period);
    expect(rows).toHaveLength(want.cadres.length);
    for (const c of want.cadres) {
      const r = rows.find((x) => x[col('干部编号')] === c.cadreId)!;
      expect([
        r[col('基础')],
        r[col('任务')],
        r[col('奖励')],
        r[col('合计')],
        r[col('年度累计')],
        r[col('排名')],
      ]).toEqual([c.base, c.task, c.reward, c.total, c.yearToDate, c.rank]);
    }
  }
  const yearly = fake.values(TAB.yearly);
  const h1 = coreSummary(demo, '2026-H1');
  const top = h1.cadres.find((c) => c.tiers.includes('top-third'))!;
  const row = yearly.find((r) => r[0] === '2026-H1' && r[col('干部编号')] === top.cadreId)!;
  expect(row[col('起始分')]).toBe(100);
  expect(row[col('分档')]).toContain('前三分之一');
  expect(row[col('结果运用')]).toContain('物质奖励');
  // quarters, halves and the year are all there
  expect(new Set(yearly.slice(1).map((r) => r[0]))).toEqual(
    new Set(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-H1', '2026-H2', '2026']),
  );
  // system entries landed in the ledger as 系统 rows
  const ledger = fake.values(TAB.ledger);
  const L = headersOf('ledger');
  const sys = ledger.filter((r) => r[L.indexOf('来源')] === '系统');
  // Counted from the inputs by SPEC §3, not by the engine: one 无批评 (+5) per cadre per active month up to
  // asOf (2026-11) without an approved 被点名批评 that month, and likewise 无投诉 for 被投诉.
  const months = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  const expected = (linked: string) =>
    demo.roster.reduce((n, c) => {
      const active = months.filter((m) => m >= (c.startMonth as string) && (!c.endMonth || m <= c.endMonth));
      const hit = new Set(
        demo.entries
          .filter(
            (e) => e.cadreId === c.id && e.ruleCode === linked && (e.status ?? 'approved') === 'approved',
          )
          .map((e) => e.month),
      );
      return n + active.filter((m) => !hit.has(m)).length;
    }, 0);
  const byCode = (code: string) => sys.filter((r) => r[L.indexOf('规则编码')] === code).length;
  expect(byCode('B-NO-CRITICISM')).toBe(expected('B-CRITICIZED'));
  expect(byCode('T-NO-COMPLAINT')).toBe(expected('T-COMPLAINT'));
  expect(byCode('B-NO-CRITICISM')).toBeGreaterThan(100); // 12 cadres × 11 months, less a few
  // a chart of the year totals, and tier colours
  expect(sheet(fake, TAB.yearly).getCharts()).toHaveLength(1);
  expect(sheet(fake, TAB.monthly).getConditionalFormatRules().length).toBe(3);
});

test('recompute twice gives the same ledger and summaries (idempotent)', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 4 });
  doRecompute();
  const first = [TAB.ledger, TAB.monthly, TAB.yearly].map((t) => fake.values(t));
  doRecompute();
  expect([TAB.ledger, TAB.monthly, TAB.yearly].map((t) => fake.values(t))).toEqual(first);
});

test('a hand-typed bad row is listed on 校验问题 with its row and reason, and the original row is kept', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 3 });
  const headers = headersOf('ledger');
  const bad = ledgerRow({
    编号: 'H-1',
    月份: '2026-10',
    干部编号: '999',
    规则编码: 'T-MEDIATION',
    数量: 2,
    状态: '已通过',
    来源: '两委',
  });
  const worse = ledgerRow({
    编号: 'H-2',
    月份: '2026-10',
    干部编号: '001',
    规则编码: 'T-MEDIATION',
    数量: -1,
    状态: '已通过',
    来源: '两委',
  });
  typeRows(fake, 'ledger', [bad, worse]);
  const msg = doRecompute();
  expect(msg).toContain('有 2 处问题');
  const problems = fake.values(TAB.problems);
  expect(problems[0]).toEqual(headersOf('problems'));
  const ledger = fake.values(TAB.ledger);
  const rowOf = (id: string) => ledger.findIndex((r) => r[0] === id) + 1;
  expect(problems.slice(1).map((p) => [p[0], p[1], p[2], p[3]])).toEqual([
    ['积分台账', rowOf('H-1'), 'H-1', '干部编号'],
    ['积分台账', rowOf('H-2'), 'H-2', '数量'],
  ]);
  expect(problems[1]![4]).toContain('999');
  // both rows are still in the ledger as typed
  expect(ledger[rowOf('H-2') - 1]![headers.indexOf('数量')]).toBe(-1);
});

test('a published month is left untouched by recompute', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 3 });
  doRecompute();
  const ledgerHeaders = headersOf('ledger');
  const monthAt = ledgerHeaders.indexOf('月份');
  const sepBefore = fake.values(TAB.ledger).filter((r) => r[monthAt] === '2026-09');
  // publish September (the record is what marks a month published); its snapshot tab must exist and
  // match the record, or 重新计算 stops (a record without a seal is checked by values only)
  fake.spreadsheet.insertSheet('公示-2026-09').getRange(1, 1).setValue('2026年9月公示');
  typeRows(fake, 'publications', [
    [
      '2026-09',
      1,
      '公示-2026-09',
      'owner@example.com',
      '2026-10-03 10:00:00',
      1,
      sha256Hex(canonicalSnapshotText([['2026年9月公示']])),
    ],
  ]);
  // change September's attendance: a recompute would change the system rows if the month were open
  const att = fake.values(TAB.attendance);
  const r = att.findIndex((x) => x[0] === '2026-09' && x[1] === '001') + 1;
  sheet(fake, TAB.attendance).getRange(r, 3).setValue(3); // three late arrivals
  doRecompute();
  const sepAfter = fake.values(TAB.ledger).filter((x) => x[monthAt] === '2026-09');
  expect(sepAfter).toEqual(sepBefore);
  // October (open) does react to an attendance change
  const o = att.findIndex((x) => x[0] === '2026-10' && x[1] === '001') + 1;
  sheet(fake, TAB.attendance).getRange(o, 3).setValue(2);
  doRecompute();
  const octAtt = fake
    .values(TAB.ledger)
    .filter((x) => x[monthAt] === '2026-10' && x[2] === '001' && String(x[4]).startsWith('B-ATT'));
  expect(octAtt).toEqual([]);
});

test('claim text such as =IMPORTXML(...) or 2026-10 stays text after a round trip', () => {
  const fake = freshGas();
  doSetup();
  typeRows(fake, 'roster', [['001', '张三', '网格员', '', '在职', '2026-01', '', '是']]);
  const headers = headersOf('ledger');
  const hostile = '=IMPORTXML("http://x","//a")';
  const row = ledgerRow({
    编号: 'T-1',
    月份: '2026-10',
    干部编号: '001',
    规则编码: 'T-MEDIATION',
    数量: 1,
    状态: '已通过',
    来源: '两委',
    得分依据: hostile,
    审核意见: '2026-10',
  });
  typeRows(fake, 'ledger', [row]);
  doRecompute();
  doRecompute();
  const ledger = sheet(fake, TAB.ledger);
  const values = fake.values(TAB.ledger);
  const r = values.findIndex((x) => x[0] === 'T-1') + 1;
  expect(values[r - 1]![headers.indexOf('得分依据')]).toBe(hostile);
  expect(values[r - 1]![headers.indexOf('审核意见')]).toBe('2026-10');
  expect(values[r - 1]![headers.indexOf('月份')]).toBe('2026-10');
  expect(ledger.getRange(r, headers.indexOf('得分依据') + 1).getFormula()).toBe('');
});

test('recompute refuses politely before setup', () => {
  freshGas();
  expect(() => doRecompute()).toThrow(/初始化\/修复表格/);
});

test('a hand-typed row marked 来源 系统 is kept and reported, not silently deleted', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 2 });
  const row = ledgerRow({
    编号: 'H-SYS',
    月份: '2026-10',
    干部编号: '001',
    规则编码: 'T-MEDIATION',
    数量: 1,
    状态: '已通过',
    来源: '系统',
  });
  typeRows(fake, 'ledger', [row]);
  doRecompute();
  expect(fake.values(TAB.ledger).some((r) => r[0] === 'H-SYS')).toBe(true);
  const p = fake.values(TAB.problems).find((r) => r[2] === 'H-SYS')!;
  expect(p[3]).toBe('来源');
  expect(p[4]).toContain('只能由系统生成');
});

test('a cleared row keeps its place: rows below it do not move', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 2 });
  doRecompute();
  const before = fake.values(TAB.ledger);
  const ledger = sheet(fake, TAB.ledger);
  ledger.getRange(3, 1, 1, before[0]!.length).clearContent();
  doRecompute();
  const after = fake.values(TAB.ledger);
  expect(after[2]!.every((c) => c === '')).toBe(true);
  expect(after[3]).toEqual(before[3]);
  expect(after[10]).toEqual(before[10]);
});

test('a row typed into 积分台账 while recompute computes is not overwritten: nothing is written, the user is told', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 2 });
  const restore = duringCompute(fake, () => {
    const s = sheet(fake, TAB.ledger);
    s.getRange(s.getLastRow() + 1, 1).setValue('TYPED-1');
  });
  try {
    const before = fake.values(TAB.monthly);
    expect(() => doRecompute()).toThrow(/有新输入/);
    expect(fake.values(TAB.ledger).some((r) => r[0] === 'TYPED-1')).toBe(true);
    expect(fake.values(TAB.monthly)).toEqual(before);
  } finally {
    restore();
  }
});

test('an edit made meanwhile inside rows recompute would rewrite is not reverted: nothing is written', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 2 });
  doRecompute();
  // a hand row without its derived columns: recompute will fill 干部姓名/事项/积分, so it rewrites from here
  const headers = headersOf('ledger');
  typeRows(fake, 'ledger', [
    ledgerRow({
      编号: 'H-9',
      月份: '2026-10',
      干部编号: '001',
      规则编码: 'T-MEDIATION',
      数量: 1,
      状态: '已通过',
      来源: '两委',
    }),
  ]);
  const ledger = sheet(fake, TAB.ledger);
  const row = ledger.getLastRow();
  const reasonCol = headers.indexOf('得分依据') + 1;
  const restore = duringCompute(fake, () => ledger.getRange(row, reasonCol).setValue('有人正在改这一行'));
  try {
    expect(() => doRecompute()).toThrow(/有内容被修改/);
    expect(fake.values(TAB.ledger)[row - 1]![reasonCol - 1]).toBe('有人正在改这一行');
  } finally {
    restore();
  }
});
