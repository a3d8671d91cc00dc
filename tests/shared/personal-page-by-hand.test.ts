// Pins src/shared/personal-page.ts by hand: token parsing at its edges, livePage's month, figures and claims for one cadre, and the exact HTML of personalPageBody.

import type { Cell } from '../../src/shared/cells';
import {
  constantTimeEqual,
  jsonForScript,
  livePage,
  type PersonalPage,
  parseToken,
  personalPageBody,
} from '../../src/shared/personal-page';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { recompute } from '../../src/shared/recompute';
import { type Statement, statementBodyHtml } from '../../src/shared/statement';
import { headersOf } from '../../src/shared/tabs';
import { handTabRows } from '../helpers/hand-community';

const SIG = 'CzehnlXobXjO-8GFbFOYGB8Utzwd3_Zs6KXxXtgXrRI'; // 43 web-safe base64 characters

describe('parseToken at its edges', () => {
  // A token of exactly 300 characters is accepted (the limit is "longer than 300"), 301 is not.
  const idOf = (total: number) => 'A'.repeat(total - '.20271210.'.length - SIG.length);

  test('300 characters: accepted', () => {
    const t = `${idOf(300)}.20271210.${SIG}`;
    expect(t.length).toBe(300);
    expect(parseToken(t)).toEqual({ cadreId: idOf(300), expires: '20271210', signature: SIG });
  });

  test.each<[string, string]>([
    ['301 characters', `${idOf(301)}.20271210.${SIG}`],
    ['expiry with a letter before its 8 digits', `001.x20271210.${SIG}`],
    ['expiry of 9 digits', `001.202712101.${SIG}`],
    ['signature with a character before it', `001.20271210.=${SIG}`],
    ['signature with a plus inside', `001.20271210.${SIG.slice(0, 20)}+${SIG.slice(20)}`],
    ['only one dot, at the start', `.${SIG}`],
  ])('%s → null', (_name, t) => {
    expect(parseToken(t)).toBeNull();
  });
});

test.each<[string, string, boolean]>([
  ['abc', 'abc', true],
  ['abc', 'abd', false],
  ['abc', 'abcd', false],
  ['abcd', 'abc', false],
  ['', 'a', false],
])('constantTimeEqual(%p, %p) is %p', (a, b, out) => {
  expect(constantTimeEqual(a, b)).toBe(out);
});

test('jsonForScript writes U+2028 and U+2029 as escapes', () => {
  const text = jsonForScript(['a\u2029b', 'c\u2028d']);
  expect(text).toBe('["a\\u2029b","c\\u2028d"]');
  expect(JSON.parse(text)).toEqual(['a\u2029b', 'c\u2028d']);
});

// ---------------------------------------------------------------------------------------------------
// livePage on the hand community (tests/helpers/hand-community.ts, all active from 2026-09) with some
// claims of 丁 (004) added. September by hand (SPEC §3, 全勤 replaces 按时):
//   丁: 考勤全勤 10 + 无批评 5 = base 15; T-INFO-REGISTER 5 − T-TASK-LATE 2 + 无投诉 5 + F1 (approved
//   form claim, T-ACTIVITY 2) = task 10; month 25, year-to-date 100 + 25 = 125.
//   丙: 按时 8 − criticised 5 = base 3 (no 无批评); T-TASK-EARLY 2 + 无投诉 5 = task 7; 10, 110.
// October (no attendance rows): 无批评 5 + 无投诉 5 = 10 a month, so 丁 has 135 after October and
// 100 + 25 + 3 × 10 = 155 after December.
const L = headersOf('ledger');
const ledgerRow = (f: Record<string, Cell>): Cell[] => L.map((h) => f[h] ?? '');
const claim = (
  id: string,
  month: string,
  cadre: string,
  code: string,
  qty: number,
  extra: Record<string, Cell>,
) =>
  ledgerRow({
    编号: id,
    月份: month,
    干部编号: cadre,
    规则编码: code,
    数量: qty,
    得分依据: `依据 ${id}`,
    来源: '表单',
    状态: '待审核',
    ...extra,
  });

function values(): WorkbookValues {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    // 丙 (003) has no 职务.
    roster: [
      headersOf('roster'),
      ...t.roster.map((r) => (r[0] === '003' ? [r[0], r[1], '', ...r.slice(3)] : r)),
    ],
    ledger: [
      L,
      ...t.ledger,
      claim('F1', '2026-09', '004', 'T-ACTIVITY', 1, { 状态: '已通过' }),
      claim('F2', '2026-09', '004', 'T-TASK-EARLY', 2, {}),
      claim('F3', '2026-09', '004', 'T-GOOD-DEED', 1, { 状态: '已驳回', 审核意见: '缺少居民表扬材料' }),
      claim('C1', '2026-09', '004', 'T-TASK-ONTIME', 1, { 来源: '两委' }),
      // Not 丁's September: another cadre's claim, and 丁's October claim.
      claim('O1', '2026-09', '001', 'T-ACTIVITY', 1, {}),
      claim('O2', '2026-10', '004', 'T-ACTIVITY', 3, {}),
    ],
    attendance: [headersOf('attendance'), ...t.attendance],
  };
}

const AT = '2026-10-05 10:00:00';
const run = (nowMonth: string) => recompute(values(), { nowMonth, nowText: AT, offsetMinutes: 0 });

describe('livePage', () => {
  test('丁 in September: figures, every claim of hers that is a form claim or not approved, leave', () => {
    expect(livePage(run('2026-10'), '004', '2026-09', AT)).toEqual({
      communityName: '和平社区',
      cadreId: '004',
      name: '丁',
      role: '网格员',
      month: '2026-09',
      monthLabel: '2026年9月',
      monthTotal: 25,
      yearToDate: 125,
      startingPoints: 100,
      claims: [
        {
          id: 'F1',
          month: '2026-09',
          item: '按时参加社区开展的活动',
          quantity: 1,
          points: 2,
          reason: '依据 F1',
          status: '已通过',
          reviewNote: '',
        },
        {
          id: 'F2',
          month: '2026-09',
          item: '提前1天完成各口子安排的工作任务',
          quantity: 2,
          points: 4,
          reason: '依据 F2',
          status: '待审核',
          reviewNote: '',
        },
        {
          id: 'F3',
          month: '2026-09',
          item: '为群众办实事获居民表扬',
          quantity: 1,
          points: 5,
          reason: '依据 F3',
          status: '已驳回',
          reviewNote: '缺少居民表扬材料',
        },
        {
          id: 'C1',
          month: '2026-09',
          item: '工作按时完成',
          quantity: 1,
          points: 1,
          reason: '依据 C1',
          status: '待审核',
          reviewNote: '',
        },
      ],
      // 25 points above the 起始分 (only September active), 100 a half-day → none yet.
      leave: { availablePoints: 25, halfDays: 0, redeemedHalfDays: 0, pointsPerHalfDay: 100 },
      generatedAt: AT,
    });
  });

  test('丙 (third in rank, no 职务, no claims): role empty, own figures', () => {
    const p = livePage(run('2026-10'), '003', '2026-09', AT)!;
    expect([p.name, p.role, p.monthTotal, p.yearToDate, p.claims]).toEqual(['丙', '', 10, 110, []]);
  });

  test('a cadre not on the roster → null', () => {
    expect(livePage(run('2026-10'), '999', '2026-09', AT)).toBeNull();
  });

  test.each<[string, string, string, string, number | null, number | null, string[]]>([
    // the current month when it is summarised
    ['2026-10', '2026-10', '2026-10', '2026年10月', 10, 135, ['O2']],
    // the year is over (考核年度 2026, now January 2027): its last month
    ['2027-01', '2027-01', '2026-12', '2026年12月', 10, 155, []],
    // before the year (the book of 2026 prepared in December 2025): that month, nothing counted yet
    ['2026-10', '2025-12', '2025-12', '2025年12月', null, null, []],
  ])(
    'recomputed in %s, opened in %s → month %s (%s), %p / %p, claims %p',
    (runMonth, now, month, label, total, ytd, ids) => {
      const p = livePage(run(runMonth), '004', now, AT)!;
      expect([p.month, p.monthLabel, p.monthTotal, p.yearToDate, p.claims.map((c) => c.id)]).toEqual([
        month,
        label,
        total,
        ytd,
        ids,
      ]);
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// personalPageBody on pages written by hand.
const FULL: PersonalPage = {
  communityName: '和平社区',
  cadreId: '004',
  name: '丁',
  role: '网格员',
  month: '2026-09',
  monthLabel: '2026年9月',
  monthTotal: 25,
  yearToDate: 125,
  startingPoints: 100,
  claims: [
    {
      id: 'F2',
      month: '2026-09',
      item: '提前1天完成各口子安排的工作任务',
      quantity: 2,
      points: 4,
      reason: '提前完成<台账>整理',
      status: '待审核',
      reviewNote: '',
    },
    {
      id: 'F3',
      month: '2026-09',
      item: '为群众办实事获居民表扬',
      quantity: 1,
      points: 5,
      reason: '帮居民修水管',
      status: '已驳回',
      reviewNote: '缺少"表扬信"',
    },
    {
      id: 'K9',
      month: '2026-09',
      item: '因服务问题被居民投诉',
      quantity: 1,
      points: -1,
      reason: '居民 & 网格长反映',
      status: '已通过',
      reviewNote: '',
    },
  ],
  // 325 available → floor(325 / 100) = 3 half-days = 1.5 days; 1 half-day already redeemed.
  leave: { availablePoints: 325, halfDays: 3, redeemedHalfDays: 1, pointsPerHalfDay: 100 },
  statement: null,
  formUrl: 'https://docs.google.com/forms/d/e/FORM/viewform?usp=pp_url&entry.1=004',
  selfUrl: 'https://script.google.com/macros/s/APP/exec?t=004.20271210.SIG',
  generatedAt: '2026-10-05 10:00:00',
};

const FULL_BODY = [
  '<p class="issuer">和平社区两委</p>',
  '<div class="top"><h1>我的积分</h1><a class="refresh" id="refresh" href="https://script.google.com/macros/s/APP/exec?t=004.20271210.SIG" target="_top">刷新</a></div>',
  '<p class="who"><b>丁</b>（004） · 网格员<span class="private">仅本人可见</span></p>',
  '<h2>2026年9月（实时）</h2>',
  '<div class="cards">',
  '<div class="card"><div class="k">本月已通过</div><div class="v">25</div><div class="u">分</div></div>',
  '<div class="card"><div class="k">年度累计</div><div class="v">125</div><div class="u">1\u20139月，含起始分 100</div></div>',
  '<div class="card"><div class="k">可抵事假</div><div class="v">1.5</div><div class="u">天（3 个半天）</div></div>',
  '</div>',
  '<p class="hint">可用积分 325 分，每半天 100 分；本年已兑换 1 个半天。兑换请向两委申请。数据截至 2026-10-05 10:00:00，本月积分以月度公示为准。</p>',
  '<h2>我的申报</h2>',
  '<table class="claims"><thead><tr><th>申报</th><th class="status">状态</th></tr></thead><tbody>' +
    '<tr><td>提前1天完成各口子安排的工作任务 ×2（+4 分）<span class="reason">依据：提前完成&lt;台账&gt;整理</span><span class="meta">F2</span></td>' +
    '<td class="status"><span class="st pending">待审核</span></td></tr>\n' +
    '<tr><td>为群众办实事获居民表扬（+5 分）<span class="reason">依据：帮居民修水管</span><span class="meta">F3</span></td>' +
    '<td class="status"><span class="st rejected">已驳回</span><span class="reason">审核意见：缺少&quot;表扬信&quot;</span></td></tr>\n' +
    '<tr><td>因服务问题被居民投诉（-1 分）<span class="reason">依据：居民 &amp; 网格长反映</span><span class="meta">K9</span></td>' +
    '<td class="status"><span class="st approved">已通过</span></td></tr>' +
    '</tbody></table>',
  '<a class="form-link" id="form-link" href="https://docs.google.com/forms/d/e/FORM/viewform?usp=pp_url&amp;entry.1=004" target="_blank" rel="noopener">申报积分事项（已选好本人）</a><p class="hint">申请表须用您登记在干部名册中的 Google 账号提交。</p>',
  '<section class="published"><p class="empty">还没有发布过月度公示，公示后这里显示您的个人积分单。</p></section>',
].join('\n');

const STATEMENT: Statement = {
  communityName: '和平社区',
  month: '2026-09',
  monthLabel: '2026年9月',
  cadreId: '003',
  name: '丙',
  role: '',
  publication: { tabName: '公示-2026-09', revision: 0, publishedAt: '2026-10-08 09:30:00' },
  publicityEnd: '2026-10-12',
  publicityDays: 5,
  objectionContact: '社区两委办公室',
  categories: [
    { label: '基础', month: 3, yearToDate: 3 },
    { label: '任务', month: 7, yearToDate: 7 },
    { label: '奖励', month: 0, yearToDate: 0 },
  ],
  startingPoints: 100,
  monthTotal: 10,
  yearToDate: 110,
  rank: 3,
  rankedCount: 4,
  tiers: ['后三分之一', '倒数三名'],
  consequence: '预警：取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置',
  notes: '并列，需两委研究',
  entries: [],
  claims: [],
  leave: { availablePoints: 10, halfDays: 0, redeemedHalfDays: 0, pointsPerHalfDay: 100 },
  generatedAt: '2026-12-01 08:00:00',
};

// Before the year: no figures yet ('—'), no role, no claims, no links; the last published statement below.
const BARE: PersonalPage = {
  communityName: '和平社区',
  cadreId: '003',
  name: '丙',
  role: '',
  month: '2025-12',
  monthLabel: '2025年12月',
  monthTotal: null,
  yearToDate: null,
  startingPoints: 100,
  claims: [],
  leave: { availablePoints: 0, halfDays: 0, redeemedHalfDays: 0, pointsPerHalfDay: 100 },
  statement: STATEMENT,
  formUrl: '',
  selfUrl: '',
  generatedAt: '2025-12-01 08:00:00',
};

const BARE_BODY = [
  '<p class="issuer">和平社区两委</p>',
  '<div class="top"><h1>我的积分</h1></div>',
  '<p class="who"><b>丙</b>（003）<span class="private">仅本人可见</span></p>',
  '<h2>2025年12月（实时）</h2>',
  '<div class="cards">',
  '<div class="card"><div class="k">本月已通过</div><div class="v">\u2014</div><div class="u">分</div></div>',
  '<div class="card"><div class="k">年度累计</div><div class="v">\u2014</div><div class="u">1\u201312月，含起始分 100</div></div>',
  '<div class="card"><div class="k">可抵事假</div><div class="v">0</div><div class="u">天（0 个半天）</div></div>',
  '</div>',
  '<p class="hint">可用积分 0 分，每半天 100 分；本年已兑换 0 个半天。兑换请向两委申请。数据截至 2025-12-01 08:00:00，本月积分以月度公示为准。</p>',
  '<h2>我的申报</h2>',
  '<p class="empty">2025年12月还没有您的申报。</p>',
  '<p class="hint">申请表链接暂时无法生成，请使用两委在群里发布的申请表链接。</p>',
].join('\n');

describe('personalPageBody', () => {
  test('every part of a full page, in order, escaped', () => {
    expect(personalPageBody(FULL)).toBe(FULL_BODY);
  });

  test('no figures yet, no role, no claims, no links; the published statement in its own section', () => {
    const body = personalPageBody(BARE);
    expect(body).toBe(`${BARE_BODY}\n<section class="published">${statementBodyHtml(STATEMENT)}</section>`);
  });

  test.each<[string, number, string]>([
    ['1 half-day is half a day', 1, '<div class="v">0.5</div><div class="u">天（1 个半天）</div>'],
    ['2 half-days are a day', 2, '<div class="v">1</div><div class="u">天（2 个半天）</div>'],
  ])('leave: %s', (_n, halfDays, card) => {
    const body = personalPageBody({ ...FULL, leave: { ...FULL.leave, halfDays } });
    expect(body.split('\n')[7]).toBe(`<div class="card"><div class="k">可抵事假</div>${card}</div>`);
  });

  test('a year-to-date of 0 prints 0, not the dash', () => {
    const body = personalPageBody({ ...FULL, monthTotal: 0, yearToDate: 0 });
    expect(body.split('\n').slice(5, 7)).toEqual([
      '<div class="card"><div class="k">本月已通过</div><div class="v">0</div><div class="u">分</div></div>',
      '<div class="card"><div class="k">年度累计</div><div class="v">0</div><div class="u">1\u20139月，含起始分 100</div></div>',
    ]);
  });

  test('a claim of a status the page does not know gets no colour class; one claim, no ×1', () => {
    const body = personalPageBody({
      ...FULL,
      claims: [{ ...FULL.claims[1]!, quantity: 1, status: '已撤回', reviewNote: '' }],
    });
    expect(body.split('\n')[11]).toBe(
      '<table class="claims"><thead><tr><th>申报</th><th class="status">状态</th></tr></thead><tbody>' +
        '<tr><td>为群众办实事获居民表扬（+5 分）<span class="reason">依据：帮居民修水管</span><span class="meta">F3</span></td>' +
        '<td class="status"><span class="st ">已撤回</span></td></tr></tbody></table>',
    );
  });
});
