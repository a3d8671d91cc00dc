// 个人积分单 by hand (SPEC §4.9): a statement written out line by line as text and as HTML, and the claim and leave views.
import type { Entry, Rule } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import { FONT_STACK, TIER_CSS } from '../../src/shared/document';
import type { RecomputeResult } from '../../src/shared/recompute';
import {
  claimView,
  leaveView,
  reviewNotes,
  STATEMENT_CSS,
  type Statement,
  signed,
  statementBodyHtml,
  statementHtml,
  statementSubject,
  statementText,
} from '../../src/shared/statement';
import { headersOf } from '../../src/shared/tabs';

const full: Statement = {
  communityName: '幸福社区',
  month: '2026-10',
  monthLabel: '2026年10月',
  cadreId: '003',
  name: '张伟',
  role: '网格员',
  publication: {
    tabName: '公示-2026-10 更正1',
    revision: 1,
    publishedAt: '2026-11-03 09:30:00',
    sha256: 'abc123',
  },
  publicityEnd: '2026-11-09',
  publicityDays: 7,
  objectionContact: '纪检专干 李明 <li@x.org>',
  categories: [
    { label: '基础', month: 10, yearToDate: 95 },
    { label: '任务', month: -2, yearToDate: 40 },
    { label: '奖励', month: 0, yearToDate: 10 },
  ],
  startingPoints: 100,
  monthTotal: 8,
  yearToDate: 245,
  rank: 11,
  rankedCount: 12,
  tiers: ['后三分之一', '倒数三名'],
  consequence: '取消一切评先评优资格、按规定组织处置',
  notes: '与李秀英并列第 11 名',
  entries: [
    {
      id: 'E-1',
      category: '基础',
      item: '当月无迟到',
      quantity: 1,
      points: 8,
      reason: '考勤',
      source: '系统',
    },
    {
      id: 'C-1',
      category: '任务',
      item: '调解 <纠纷>',
      quantity: 2,
      points: -10,
      reason: '更正：重复',
      source: '更正',
      correctsId: 'F-9',
    },
  ],
  claims: [
    {
      id: 'F-2',
      month: '2026-09',
      item: '入户走访',
      quantity: 3,
      points: 6,
      reason: '走访记录',
      status: '待审核',
      reviewNote: '',
    },
    {
      id: 'F-3',
      month: '2026-10',
      item: '表彰',
      quantity: 1,
      points: 5,
      reason: '无',
      status: '已驳回',
      reviewNote: '无材料',
    },
  ],
  leave: { availablePoints: 145, halfDays: 3, redeemedHalfDays: 2, pointsPerHalfDay: 40 },
  generatedAt: '2026-11-04 08:00:00',
};

const bare: Statement = {
  ...full,
  role: '',
  publication: { tabName: '公示-2026-10', revision: 0, publishedAt: '2026-11-03 09:30:00' },
  rank: null,
  tiers: [],
  consequence: '',
  notes: '',
  entries: [],
  claims: [],
  leave: { availablePoints: 0, halfDays: 0, redeemedHalfDays: 0, pointsPerHalfDay: 100 },
};

/** Section 一 of both statements (the same figures), as text lines and as the HTML table. */
const FIGURES_TEXT = [
  '一、本月积分与年度累计',
  '  基础：本月 10 分，1–10月累计 95 分',
  '  任务：本月 -2 分，1–10月累计 40 分',
  '  奖励：本月 0 分，1–10月累计 10 分',
  '  本月积分 8 分；年度累计 245 分（含起始分 100）',
];
const FIGURES_HTML =
  '<table><thead><tr><th>类别</th><th class="num">2026年10月</th><th class="num">1–10月累计</th></tr></thead><tbody>' +
  '<tr><td>起始分</td><td class="num">—</td><td class="num">100</td></tr>' +
  '<tr><td>基础</td><td class="num">10</td><td class="num">95</td></tr>' +
  '<tr><td>任务</td><td class="num">-2</td><td class="num">40</td></tr>' +
  '<tr><td>奖励</td><td class="num">0</td><td class="num">10</td></tr>' +
  '<tr><th>合计</th><th class="num">8</th><th class="num">245</th></tr></tbody></table>';

const LEAVE_FULL =
  '可用积分 145 分（本年累计超出起始分 100 的部分，减去已兑换的），按每半天 40 分，可兑换事假 3 个半天（1.5 天）；本年已兑换 2 个半天（截至2026年10月末）。兑换请向两委申请。';
const LEAVE_BARE =
  '可用积分 0 分（本年累计超出起始分 100 的部分，减去已兑换的），按每半天 100 分，可兑换事假 0 个半天（0 天）；本年已兑换 0 个半天（截至2026年10月末）。兑换请向两委申请。';
const OBJECTION = (contact: string, strong: (t: string) => string) =>
  `本月公示期 7 天：2026年11月3日至2026年11月9日。如对本单或公示有异议，请于 ${strong('2026年11月9日')} 前向 ${strong(contact)} 实名提出，写明条目编号和理由；两委核实后答复，确有错误的发布更正公示。`;

describe('statementText', () => {
  test('every section of a full statement, line by line', () => {
    expect(statementText(full)).toBe(
      [
        '幸福社区 2026年10月个人积分单（更正1）',
        '张伟（003） 网格员 —— 本单只发给您本人',
        '',
        ...FIGURES_TEXT,
        '',
        '二、排名与分档',
        '  第 11 名（共 12 名参与排名）；分档：后三分之一、倒数三名',
        '  取消一切评先评优资格、按规定组织处置',
        '  备注：与李秀英并列第 11 名',
        '',
        '三、本月积分明细（2 条）',
        '  1. 当月无迟到  +8 分',
        '     依据：考勤',
        '     基础 · 系统 · 编号 E-1',
        '  2. 调解 <纠纷> ×2  -10 分',
        '     依据：更正：重复',
        '     任务 · 更正 · 编号 C-1 · 更正 F-9',
        '',
        '四、待审核和已驳回的申报',
        '  - 2026年9月 入户走访 ×3（+6 分）：待审核',
        '    依据：走访记录；编号 F-2',
        '  - 2026年10月 表彰（+5 分）：已驳回',
        '    依据：无；编号 F-3',
        '    审核意见：无材料',
        '',
        '五、积分抵扣事假',
        `  ${LEAVE_FULL}`,
        '',
        '六、如有异议',
        `  ${OBJECTION('纪检专干 李明 <li@x.org>', (t) => t)}`,
        '',
        '本单依据「公示-2026-10 更正1」（发布时间 2026-11-03 09:30:00），只含您本人的积分；其他干部的情况见公示。申报状态截至 2026-11-04 08:00:00。',
        '公示校验码（SHA-256）：abc123',
        '',
      ].join('\n'),
    );
  });

  test('an unranked cadre with nothing this month: the empty lines say so, no warning or note lines', () => {
    expect(statementText(bare)).toBe(
      [
        '幸福社区 2026年10月个人积分单',
        '张伟（003） —— 本单只发给您本人',
        '',
        ...FIGURES_TEXT,
        '',
        '二、排名与分档',
        '  不参与排名；分档：无',
        '',
        '三、本月积分明细（0 条）',
        '  本月没有已通过的积分条目。',
        '',
        '四、待审核和已驳回的申报',
        '  没有待审核或已驳回的申报。',
        '',
        '五、积分抵扣事假',
        `  ${LEAVE_BARE}`,
        '',
        '六、如有异议',
        `  ${OBJECTION('纪检专干 李明 <li@x.org>', (t) => t)}`,
        '',
        '本单依据「公示-2026-10」（发布时间 2026-11-03 09:30:00），只含您本人的积分；其他干部的情况见公示。申报状态截至 2026-11-04 08:00:00。',
        '',
      ].join('\n'),
    );
  });

  test('the months in 累计 follow the statement month', () => {
    const march = { ...bare, month: '2026-03', monthLabel: '2026年3月' };
    expect(statementText(march).split('\n')[4]).toBe('  基础：本月 10 分，1–3月累计 95 分');
  });
});

describe('statementBodyHtml', () => {
  const due = (t: string) => `<b class="due">${t}</b>`;
  test('every section of a full statement, escaped', () => {
    expect(statementBodyHtml(full).split('\n')).toEqual([
      '<p class="issuer">幸福社区两委</p>',
      '<h1>2026年10月个人积分单（更正1）</h1>',
      '<p class="who"><b>张伟</b>（003） · 网格员<span class="private">仅发本人</span></p>',
      '<div class="cards">',
      '<div class="card"><div class="k">本月积分</div><div class="v">8</div><div class="u">分</div></div>',
      '<div class="card"><div class="k">年度累计</div><div class="v">245</div><div class="u">含起始分 100</div></div>',
      '<div class="card"><div class="k">本月排名</div><div class="v">11</div><div class="u">共 12 名</div></div>',
      '</div>',
      '<h2>一、本月积分与年度累计</h2>',
      FIGURES_HTML,
      '<h2>二、排名与分档</h2>',
      '<p>第 11 名（共 12 名参与排名）；分档：<span class="tier bottom">后三分之一</span> <span class="tier bottom3">倒数三名</span></p>',
      '<p class="warn">取消一切评先评优资格、按规定组织处置</p>',
      '<p>备注：与李秀英并列第 11 名</p>',
      '<h2>三、本月积分明细（2 条）</h2>',
      '<table><thead><tr><th>事项与得分依据</th><th class="num">积分</th></tr></thead><tbody>' +
        '<tr><td>当月无迟到<span class="reason">依据：考勤</span><span class="meta">基础 · 系统 · E-1</span></td><td class="num">+8</td></tr>',
      '<tr><td>调解 &lt;纠纷&gt; ×2<span class="reason">依据：更正：重复</span><span class="meta">任务 · 更正 · C-1 · 更正 F-9</span></td><td class="num">-10</td></tr></tbody></table>',
      '<h2>四、待审核和已驳回的申报</h2>',
      '<table><thead><tr><th>申报</th><th class="status">状态</th></tr></thead><tbody>' +
        '<tr><td>2026年9月 入户走访 ×3（+6 分）<span class="reason">依据：走访记录</span><span class="meta">F-2</span></td><td class="status">待审核</td></tr>',
      '<tr><td>2026年10月 表彰（+5 分）<span class="reason">依据：无</span><span class="meta">F-3</span></td><td class="status">已驳回<span class="reason">审核意见：无材料</span></td></tr></tbody></table>',
      '<h2>五、积分抵扣事假</h2>',
      `<p>${LEAVE_FULL}</p>`,
      '<h2>六、如有异议</h2>',
      `<p>${OBJECTION('纪检专干 李明 &lt;li@x.org&gt;', due)}</p>`,
      '<p class="footer">本单依据「公示-2026-10 更正1」（发布时间 2026-11-03 09:30:00），只含您本人的积分；其他干部的情况见公示。申报状态截至 2026-11-04 08:00:00。<br>公示校验码（SHA-256）：abc123</p>',
    ]);
  });

  test('an unranked cadre with nothing this month', () => {
    expect(statementBodyHtml(bare).split('\n')).toEqual([
      '<p class="issuer">幸福社区两委</p>',
      '<h1>2026年10月个人积分单</h1>',
      '<p class="who"><b>张伟</b>（003）<span class="private">仅发本人</span></p>',
      '<div class="cards">',
      '<div class="card"><div class="k">本月积分</div><div class="v">8</div><div class="u">分</div></div>',
      '<div class="card"><div class="k">年度累计</div><div class="v">245</div><div class="u">含起始分 100</div></div>',
      '<div class="card"><div class="k">本月排名</div><div class="v">—</div><div class="u">不参与排名</div></div>',
      '</div>',
      '<h2>一、本月积分与年度累计</h2>',
      FIGURES_HTML,
      '<h2>二、排名与分档</h2>',
      '<p>不参与排名；分档：无</p>',
      '<h2>三、本月积分明细（0 条）</h2>',
      '<p class="empty">本月没有已通过的积分条目。</p>',
      '<h2>四、待审核和已驳回的申报</h2>',
      '<p class="empty">没有待审核或已驳回的申报。</p>',
      '<h2>五、积分抵扣事假</h2>',
      `<p>${LEAVE_BARE}</p>`,
      '<h2>六、如有异议</h2>',
      `<p>${OBJECTION('纪检专干 李明 &lt;li@x.org&gt;', due)}</p>`,
      '<p class="footer">本单依据「公示-2026-10」（发布时间 2026-11-03 09:30:00），只含您本人的积分；其他干部的情况见公示。申报状态截至 2026-11-04 08:00:00。</p>',
    ]);
  });

  test('names, community and tier text are escaped; a top-third tier gets its colour class', () => {
    const html = statementBodyHtml({
      ...bare,
      communityName: 'A&B',
      name: '"王"',
      cadreId: "0'1",
      rank: 1,
      tiers: ['前三分之一'],
    });
    expect(html.split('\n').slice(0, 3)).toEqual([
      '<p class="issuer">A&amp;B两委</p>',
      '<h1>2026年10月个人积分单</h1>',
      '<p class="who"><b>&quot;王&quot;</b>（0&#39;1）<span class="private">仅发本人</span></p>',
    ]);
    expect(html).toContain(
      '<p>第 1 名（共 12 名参与排名）；分档：<span class="tier top">前三分之一</span></p>',
    );
  });
});

describe('the page and the e-mail subject', () => {
  test('statementHtml wraps the body in a zh-CN page titled with community, statement and name', () => {
    const s = { ...full, name: '张<伟>' };
    expect(statementHtml(s)).toBe(
      [
        '<!DOCTYPE html>',
        '<html lang="zh-CN">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<title>幸福社区 2026年10月个人积分单（更正1）：张&lt;伟&gt;</title>',
        `<style>${STATEMENT_CSS}</style>`,
        '</head>',
        '<body>',
        statementBodyHtml(s),
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });

  test('the style sheet prints on A4 portrait with the shared fonts and tier colours', () => {
    for (const rule of [
      `font-family: ${FONT_STACK};`,
      TIER_CSS,
      '@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }',
      '.due { color: #8a1c1c; }',
      'tr { break-inside: avoid; page-break-inside: avoid; }',
    ])
      expect(STATEMENT_CSS).toContain(rule);
  });

  test.each([
    [full, '幸福社区 2026年10月个人积分单（更正1）：张伟'],
    [bare, '幸福社区 2026年10月个人积分单：张伟'],
    [
      { ...bare, publication: { ...bare.publication, revision: 3 } },
      '幸福社区 2026年10月个人积分单（更正3）：张伟',
    ],
  ])('statementSubject → %#: %s', (s, subject) => {
    expect(statementSubject(s)).toBe(subject);
  });

  test.each([
    [5, '+5'],
    [1, '+1'],
    [0, '0'],
    [-2, '-2'],
  ])('signed(%d) = %s', (n, text) => {
    expect(signed(n)).toBe(text);
  });
});

describe('claims, review notes and leave', () => {
  const rules = [{ code: 'T-ACTIVITY', item: '参加活动', points: 2 }] as Rule[];
  const entry = (over: Partial<Entry>): Entry => ({
    id: 'F-1',
    month: '2026-10',
    cadreId: '003',
    ruleCode: 'T-ACTIVITY',
    quantity: 3,
    status: 'pending',
    reason: '社区活动',
    source: 'form',
    ...over,
  });
  const notes = new Map([
    ['F-1', '材料不全'],
    ['F-2', '重复申报'],
  ]);
  test.each<[string, Partial<Entry>, object]>([
    [
      'pending: points = rule × quantity, no note even if one was written',
      {},
      {
        id: 'F-1',
        month: '2026-10',
        item: '参加活动',
        quantity: 3,
        points: 6,
        reason: '社区活动',
        status: '待审核',
        reviewNote: '',
      },
    ],
    [
      'rejected: its 审核意见',
      { id: 'F-2', status: 'rejected', quantity: 1 },
      {
        id: 'F-2',
        month: '2026-10',
        item: '参加活动',
        quantity: 1,
        points: 2,
        reason: '社区活动',
        status: '已驳回',
        reviewNote: '重复申报',
      },
    ],
    [
      'rejected without a note',
      { id: 'F-3', status: 'rejected' },
      {
        id: 'F-3',
        month: '2026-10',
        item: '参加活动',
        quantity: 3,
        points: 6,
        reason: '社区活动',
        status: '已驳回',
        reviewNote: '',
      },
    ],
    [
      'the frozen 分值 wins over the rule',
      { unitPoints: 4, quantity: 2, status: 'approved' },
      {
        id: 'F-1',
        month: '2026-10',
        item: '参加活动',
        quantity: 2,
        points: 8,
        reason: '社区活动',
        status: '已通过',
        reviewNote: '',
      },
    ],
    [
      'a rule no longer in the catalogue: its code, 0 points',
      { ruleCode: 'X-GONE' },
      {
        id: 'F-1',
        month: '2026-10',
        item: 'X-GONE',
        quantity: 3,
        points: 0,
        reason: '社区活动',
        status: '待审核',
        reviewNote: '',
      },
    ],
    [
      'a rule no longer in the catalogue with its frozen 分值',
      { ruleCode: 'X-GONE', unitPoints: -1 },
      {
        id: 'F-1',
        month: '2026-10',
        item: 'X-GONE',
        quantity: 3,
        points: -3,
        reason: '社区活动',
        status: '待审核',
        reviewNote: '',
      },
    ],
  ])('claimView: %s', (_name, over, view) => {
    expect(claimView(rules, notes)(entry(over))).toStrictEqual(view);
  });

  test('reviewNotes: 审核意见 by 编号, trimmed; rows without either are left out', () => {
    const LH = headersOf('ledger');
    const row = (id: string, note: string): Cell[] =>
      LH.map((h) => (h === '编号' ? id : h === '审核意见' ? note : ''));
    const result = {
      ledger: [LH, row(' E-1 ', ' 不符合 '), row('E-2', ''), row('', '无编号的意见'), row('E-3', '重复')],
    };
    expect([...reviewNotes(result as unknown as RecomputeResult)]).toEqual([
      ['E-1', '不符合'],
      ['E-3', '重复'],
    ]);
  });

  test('leaveView keeps the three figures and adds the rate', () => {
    expect(leaveView({ availablePoints: 45, halfDays: 0, redeemedHalfDays: 1 }, 100)).toStrictEqual({
      availablePoints: 45,
      halfDays: 0,
      redeemedHalfDays: 1,
      pointsPerHalfDay: 100,
    });
  });
});
