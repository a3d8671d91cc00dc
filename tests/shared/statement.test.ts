// 个人积分单 on the demo: exact figures (hand-checked and against summarize()), content of HTML and text, escaping, and privacy across all cadres.

import { buildDemoBook } from '../../src/cli/xlsx/commands';
import { DEMO_NOW } from '../../src/cli/xlsx/demo-book';
import { buildYearBook, summarize } from '../../src/core';
import type { RecomputeResult } from '../../src/shared/recompute';
import {
  buildStatement,
  buildStatements,
  type Statement,
  statementHtml,
  statementSubject,
  statementText,
} from '../../src/shared/statement';

const SEP = '2026-09';
const PUB = {
  tabName: '公示-2026-09',
  revision: 0,
  publishedAt: DEMO_NOW.publishedAt,
  sha256: 'f'.repeat(64),
};
const AT = '2026-10-09 10:00:00';

let result: RecomputeResult;

beforeAll(() => {
  result = buildDemoBook({
    nowMonth: DEMO_NOW.month,
    nowText: DEMO_NOW.recomputeAt,
    user: DEMO_NOW.publisher,
    progress: () => {},
  }).result;
});

// Built inside each test, not in beforeAll: Stryker's per-test coverage does not credit what a hook runs to
// the tests after it, so the statements' figures were counted as reached only by a test that does not check them.
const all = () => buildStatements(result, SEP, PUB, AT);
const of = (id: string) => all().find((s) => s.cadreId === id)!;

test('one statement per cadre of the month, in rank order', () => {
  expect(all().map((s) => s.cadreId)).toEqual([
    '005',
    '012',
    '004',
    '008',
    '009',
    '002',
    '001',
    '006',
    '007',
    '011',
    '010',
    '003',
  ]);
  expect(buildStatement(result, '999', SEP, PUB, AT)).toBeNull();
});

test('吴强 (010), hand-checked: September by category, 1–9月 totals, rank 11 of 12, bottom tiers, entries, a rejected October claim, leave', () => {
  const s = of('010');
  expect(s.name).toBe('吴强');
  expect(s.categories).toEqual([
    { label: '基础', month: 5, yearToDate: 123 },
    { label: '任务', month: 9, yearToDate: 148 },
    { label: '奖励', month: 0, yearToDate: 0 },
  ]);
  // 5 + 9 + 0 = 14; 100 + 123 + 148 + 0 = 371.
  expect([s.monthTotal, s.yearToDate, s.startingPoints]).toEqual([14, 371, 100]);
  expect([s.rank, s.rankedCount]).toEqual([11, 12]);
  expect(s.tiers).toEqual(['后三分之一', '倒数三名']);
  expect(s.consequence).toBe('预警：取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置');
  expect(s.entries.map((e) => [e.id, e.points, e.reason, e.source])).toEqual([
    ['E0248', 10, '帮助独居老人维修水管获表扬', '表单'],
    ['E0249', -1, '居民投诉办事态度生硬', '两委'],
    ['SYS-2026-09-010-B-NO-CRITICISM', 5, '2026-09 无「被上级点名批评」记录', '系统'],
  ]);
  expect(s.claims).toEqual([
    {
      id: 'E0285',
      month: '2026-10',
      item: '入户走访中登记新增出租房屋、流动人口信息',
      quantity: 3,
      points: 15,
      reason: '登记新增租户信息',
      status: '已驳回',
      reviewNote: '登记材料不全，请补充后重新申报',
    },
  ]);
  // 371 − 100 = 271 available; floor(271 / 100) = 2 half-days.
  expect(s.leave).toEqual({ availablePoints: 271, halfDays: 2, redeemedHalfDays: 0, pointsPerHalfDay: 100 });
  // 公示期 of 5 days (设置 公示天数 default, SPEC §6) from 9 October: 9–13 October
  expect(s.publicityEnd).toBe('2026-10-13');
});

test('every statement agrees with summarize() on a freshly built year book, and its entries add up', () => {
  const book = buildYearBook(result.book.scenario, 2026);
  const summary = summarize(book, SEP);
  for (const c of summary.cadres) {
    const s = of(c.cadreId);
    expect([s.categories[0]!.month, s.categories[1]!.month, s.categories[2]!.month]).toEqual([
      c.base,
      c.task,
      c.reward,
    ]);
    expect([s.monthTotal, s.yearToDate, s.rank, s.leave.availablePoints, s.leave.halfDays]).toEqual([
      c.total,
      c.yearToDate,
      c.rank,
      c.leave.availablePoints,
      c.leave.halfDays,
    ]);
    expect(s.entries.reduce((sum, e) => sum + e.points, 0)).toBe(c.total);
    // Year-to-date by category = every approved point of the category, January through September.
    const ytd = (cat: string) =>
      book.entries
        .filter((e) => e.cadreId === c.cadreId && e.month <= SEP && e.category === cat)
        .reduce((sum, e) => sum + e.points, 0);
    expect(s.categories.map((x) => x.yearToDate)).toEqual([ytd('base'), ytd('task'), ytd('reward')]);
    expect(s.startingPoints + ytd('base') + ytd('task') + ytd('reward')).toBe(s.yearToDate);
  }
});

test('王建国 (001): the October redemption is not in the September leave; no claims', () => {
  const s = of('001');
  expect(s.leave).toEqual({ availablePoints: 249, halfDays: 2, redeemedHalfDays: 0, pointsPerHalfDay: 100 });
  expect(s.claims).toEqual([]);
  expect(statementText(s)).toContain('四、待审核和已驳回的申报\n  没有待审核或已驳回的申报。\n');
  // In October the redemption of 2026-10-20 (one half-day, 100 points) is counted.
  const oct = buildStatement(result, '001', '2026-10', PUB, AT)!;
  expect(oct.leave.redeemedHalfDays).toBe(1);
});

test('the plain text: exact lines for 吴强', () => {
  const t = statementText(of('010'));
  expect(t.startsWith('示例社区 2026年9月个人积分单\n吴强（010） 综治专干 —— 本单只发给您本人\n')).toBe(true);
  for (const line of [
    '  基础：本月 5 分，1–9月累计 123 分',
    '  本月积分 14 分；年度累计 371 分（含起始分 100）',
    '  第 11 名（共 12 名参与排名）；分档：后三分之一、倒数三名',
    '  1. 为群众办实事获居民表扬 ×2  +10 分',
    '     依据：帮助独居老人维修水管获表扬',
    '  2. 因服务问题被居民投诉  -1 分',
    '  - 2026年10月 入户走访中登记新增出租房屋、流动人口信息 ×3（+15 分）：已驳回',
    '    审核意见：登记材料不全，请补充后重新申报',
    '  可用积分 271 分（本年累计超出起始分 100 的部分，减去已兑换的），按每半天 100 分，可兑换事假 2 个半天（1 天）；本年已兑换 0 个半天（截至2026年9月末）。兑换请向两委申请。',
    '  本月公示期 5 天：2026年10月9日至2026年10月13日。如对本单或公示有异议，请于 2026年10月13日 前向 社区两委办公室 实名提出，写明条目编号和理由；两委核实后答复，确有错误的发布更正公示。',
    '本单依据「公示-2026-09」（发布时间 2026-10-09 10:00:00），只含您本人的积分；其他干部的情况见公示。申报状态截至 2026-10-09 10:00:00。',
  ])
    expect(t.split('\n')).toContain(line);
  expect(statementSubject(of('010'))).toBe('示例社区 2026年9月个人积分单：吴强');
  expect(statementSubject({ ...of('010'), publication: { ...PUB, revision: 1 } })).toBe(
    '示例社区 2026年9月个人积分单（更正1）：吴强',
  );
});

test('the HTML: phone viewport, A4 print, the figures, the deadline in bold', () => {
  const h = statementHtml(of('010'));
  expect(h).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(h).toContain('@page { size: A4 portrait;');
  expect(h).toContain('<h1>2026年9月个人积分单</h1>');
  expect(h).toContain('<div class="k">本月积分</div><div class="v">14</div>');
  expect(h).toContain('<div class="k">年度累计</div><div class="v">371</div>');
  expect(h).toContain('<div class="k">本月排名</div><div class="v">11</div><div class="u">共 12 名</div>');
  expect(h).toContain('<span class="tier bottom3">倒数三名</span>');
  expect(h).toContain('<tr><th>合计</th><th class="num">14</th><th class="num">371</th></tr>');
  expect(h).toContain(
    '请于 <b class="due">2026年10月13日</b> 前向 <b class="due">社区两委办公室</b> 实名提出',
  );
  expect(h).toContain('审核意见：登记材料不全，请补充后重新申报');
});

test('user text is escaped in the HTML', () => {
  const s = of('001');
  const evil: Statement = {
    ...s,
    name: '<img src=x onerror=alert(1)>',
    objectionContact: '<b>办公室</b>',
    entries: [{ ...s.entries[0]!, reason: '<script>alert("x")</script>' }],
  };
  const h = statementHtml(evil);
  expect(h).not.toContain('<script>alert');
  expect(h).not.toContain('<img src=x');
  expect(h).toContain('依据：&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(h).toContain('<b class="due">&lt;b&gt;办公室&lt;/b&gt;</b>');
});

describe('privacy: a statement holds nothing of any other cadre', () => {
  /** What of other cadres (name, e-mail, entry ids, reasons, review notes) a statement's documents show. */
  function leaks(mine: Statement, genuine: Statement = mine): string[] {
    const s = result.book.scenario;
    const notes = new Map<string, string>();
    for (const c of all()) for (const x of c.claims) if (x.reviewNote) notes.set(x.id, x.reviewNote);
    const docs = [statementHtml(mine), statementText(mine), statementSubject(mine)];
    // Texts the genuine statement legitimately shows (system reasons repeat across cadres).
    const own = [
      ...genuine.entries.map((e) => e.reason),
      ...genuine.claims.flatMap((c) => [c.reason, c.reviewNote]),
    ];
    const out: string[] = [];
    for (const other of s.roster) {
      if (other.id === mine.cadreId) continue;
      const theirs = [
        ...result.book.entries.filter((e) => e.cadreId === other.id),
        ...s.entries.filter((e) => e.cadreId === other.id),
      ];
      const ids = theirs.map((e) => e.id);
      const reasons = [...theirs.map((e) => e.reason), ...theirs.map((e) => notes.get(e.id) ?? '')].filter(
        (r) => r && !own.some((o) => o.includes(r)),
      );
      if (ids.length === 0 || reasons.length === 0) out.push(`nothing to check for ${other.id}`);
      for (const d of docs) {
        if (d.includes(other.name)) out.push(`name ${other.name}`);
        if (other.email && d.includes(other.email)) out.push(`e-mail ${other.email}`);
        for (const id of ids) if (d.includes(id)) out.push(`${other.id}'s entry ${id}`);
        for (const r of reasons) if (d.includes(r)) out.push(`${other.id}'s reason «${r}»`);
      }
    }
    return [...new Set(out)];
  }

  test('for every cadre, neither the HTML, the text nor the subject contains another cadre’s name, e-mail, entry ids or reasons', () => {
    expect(all()).toHaveLength(12);
    for (const mine of all()) expect([mine.cadreId, leaks(mine)]).toEqual([mine.cadreId, []]);
  });

  test('the check can fail: a statement given another cadre’s entry is caught', () => {
    const mine = of('010');
    const theirs = of('005').entries.find((e) => e.source === '表单')!;
    const found = leaks({ ...mine, entries: [...mine.entries, theirs] }, mine);
    expect(found).toContain(`005's entry ${theirs.id}`);
    expect(found).toContain(`005's reason «${theirs.reason}»`);
    expect(leaks({ ...mine, objectionContact: '陈磊' })).toEqual(['name 陈磊']);
  });

  test('the rank is the only trace of the others: no other total appears as a figure card', () => {
    const h = statementHtml(of('003'));
    // 陈磊 (005) leads with 47; 张伟's own page shows his 8 and his rank 12.
    expect(h).not.toContain('>47<');
    expect(h).toContain('<div class="v">12</div><div class="u">共 12 名</div>');
  });
});
