// src/shared/period-report.ts and src/shared/document.ts on their own: the half-year 公示 and 报告 of the
// hand community (tests/helpers/hand-community.ts), and the printed pages of the month, the 更正公示, the
// half-year and the 报告. Figures and texts written by hand from the policy and SPEC §5, §7.

import type { Cell } from '../../src/shared/cells';
import {
  addDays,
  condenseAutomatic,
  type DocumentMeta,
  halfYearDocumentHtml,
  monthDocumentHtml,
  publicityEnd,
  reportDocumentHtml,
  zhDate,
} from '../../src/shared/document';
import { buildPeriodReport, REPORT_HEADERS } from '../../src/shared/period-report';
import { appendCorrection, buildSnapshot } from '../../src/shared/publish';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { recompute } from '../../src/shared/recompute';
import { headersOf } from '../../src/shared/tabs';
import { HAND_MONTH, handTabRows } from '../helpers/hand-community';

const L = headersOf('ledger');

function handValues(opts: { withoutH7?: boolean; unranked004?: boolean } = {}): WorkbookValues {
  const t = handTabRows();
  const roster = t.roster.map((r) =>
    opts.unranked004 && r[0] === '004' ? [...r.slice(0, 2), '', ...r.slice(3, 7), '否'] : r,
  );
  const ledger = t.ledger.filter((r) => !(opts.withoutH7 && r[0] === 'H7'));
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...roster],
    ledger: [L, ...ledger],
    attendance: [headersOf('attendance'), ...t.attendance],
  };
}

const run = (values: WorkbookValues, nowMonth: string) =>
  recompute(values, { nowMonth, nowText: `${nowMonth}-05 10:00:00`, offsetMinutes: 0 });
const OPTS = { publishedAt: '2026-11-05 10:00:00', publisher: '社区两委' };

// 2026-H2 as of November (SPEC §8: 无批评 +5 and 无投诉 +5 in October and November, no attendance rows):
//   甲 100 + (15+10) + (15+10) + 95 = 245, 丁 100 + 25 + 18 + 0 = 143, 乙 100 + 15 + 15 = 130, 丙 100 + 13 + 17 = 130.
//   Four ranked: a third is 1 → top 甲; bottom third 乙 and 丙 tied across the boundary; bottom three 丁 乙 丙.
//   Active from September: 4 of the half-year's months; no attendance in October and November.
const PARTIAL = '部分在职：4个月；缺考勤记录：2026-10、2026-11';
const BOTTOM = '取消评先评优资格、书记或主任谈话；取消一切评先评优资格、按规定组织处置';
const H2_ROWS: Cell[][] = [
  [1, '001', '甲', '书记', 100, 25, 25, 95, 245, '前三分之一', '物质奖励（半年）', PARTIAL],
  [
    2,
    '004',
    '丁',
    '网格员',
    100,
    25,
    18,
    0,
    143,
    '倒数三名',
    '取消一切评先评优资格、按规定组织处置',
    PARTIAL,
  ],
  [
    3,
    '002',
    '乙',
    '委员',
    100,
    15,
    15,
    0,
    130,
    '后三分之一、倒数三名',
    BOTTOM,
    `并列，需两委研究；${PARTIAL}`,
  ],
  [
    3,
    '003',
    '丙',
    '委员',
    100,
    13,
    17,
    0,
    130,
    '后三分之一、倒数三名',
    BOTTOM,
    `并列，需两委研究；${PARTIAL}`,
  ],
];

describe('buildPeriodReport', () => {
  test('the half-year 公示 of the hand community', () => {
    const p = buildPeriodReport(run(handValues(), '2026-11'), '2026-H2', OPTS);
    expect([p.period, p.tabName, p.reportTabName, p.title]).toEqual([
      '2026-H2',
      '公示-2026-H2',
      '报告-2026-H2',
      '和平社区 2026年下半年 干部积分排名公示',
    ]);
    expect(p.values).toEqual([
      ['和平社区 2026年下半年 干部积分排名公示'],
      ['合计 = 起始分 100 + 2026年下半年积分　发布人：社区两委　发布时间：2026-11-05 10:00:00'],
      [],
      [...REPORT_HEADERS],
      ...H2_ROWS,
      [],
      [
        '共 4 名干部。分档按人数的三分之一四舍五入；并列跨档者标注“并列，需两委研究”。如有异议，请向社区两委提出。',
      ],
    ]);
    expect(p.table).toEqual({ header: 3, start: 4, end: 8 });
    expect(p.topThird.map((c) => c.cadreId)).toEqual(['001']);
    expect(p.bottomThird.map((c) => c.cadreId)).toEqual(['002', '003']);
    expect(p.bottomThree.map((c) => c.cadreId)).toEqual(['004', '002', '003']);
    expect(p.ties.map((c) => c.cadreId)).toEqual(['002', '003']);
  });

  test('the 报告 to the 街道党工委: overall figures, the tiers by name, ties, the details', () => {
    const p = buildPeriodReport(run(handValues(), '2026-11'), '2026-H2', OPTS);
    expect(p.reportValues).toEqual([
      ['和平社区 2026年下半年 干部积分情况报告'],
      ['报送：街道党工委　填报：社区两委　日期：2026-11-05'],
      [],
      ['一、总体情况'],
      ['参加积分管理干部 4 人，其中参与排名 4 人。最高 245 分，最低 130 分（均含起始分）。'],
      [],
      ['二、排名靠前的三分之一（给予物质奖励）'],
      ['甲（001，245分）'],
      [],
      ['三、排名倒数后三分之一（取消评先评优资格，由书记或主任谈话，限期整改）'],
      ['乙（002，130分）、丙（003，130分）'],
      [],
      ['四、排名倒数后三名（取消一切评先评优资格，按规定组织处置）'],
      ['丁（004，143分）、乙（002，130分）、丙（003，130分）'],
      [],
      ['五、需两委研究的并列情况'],
      ['乙（002，130分）、丙（003，130分）'],
      [],
      ['六、积分明细'],
      [...REPORT_HEADERS],
      ...H2_ROWS,
    ]);
  });

  test('without 丙’s +2 (H7) there is no tie: 无; an unranked cadre is listed as 不参与排名 without a role', () => {
    // 丙 128: ranking 甲 245, 丁 143, 乙 130, 丙 128 → top 甲, bottom third 丙, bottom three 丁 乙 丙, no tie.
    const p = buildPeriodReport(run(handValues({ withoutH7: true }), '2026-11'), '2026-H2', OPTS);
    expect(p.values.slice(4, 8).map((r) => [r[0], r[1], r[8], r[9], r[11]])).toEqual([
      [1, '001', 245, '前三分之一', PARTIAL],
      [2, '004', 143, '倒数三名', PARTIAL],
      [3, '002', 130, '倒数三名', PARTIAL],
      [4, '003', 128, '后三分之一、倒数三名', PARTIAL],
    ]);
    expect(p.reportValues[10]).toEqual(['丙（003，128分）']);
    expect(p.reportValues[16]).toEqual(['无']);
    expect(p.ties).toEqual([]);

    const u = buildPeriodReport(run(handValues({ unranked004: true }), '2026-11'), '2026-H2', OPTS);
    const row004 = u.values.find((r) => r[1] === '004')!;
    expect([row004[0], row004[3], row004[8]]).toEqual(['不参与排名', '', 143]);
    expect(u.reportValues[4]).toEqual([
      '参加积分管理干部 4 人，其中参与排名 3 人。最高 245 分，最低 130 分（均含起始分）。',
    ]);
  });

  test('the year: top third for 年度优秀; a period not summarised throws', () => {
    const r = run(handValues(), '2026-11');
    const y = buildPeriodReport(r, '2026', OPTS);
    expect(y.title).toBe('和平社区 2026年度 干部积分排名公示');
    expect(y.tabName).toBe('公示-2026');
    const top = y.values.find((x) => x[1] === '001')!;
    expect(top[10]).toBe('年度优秀评定优先考虑');
    expect(() => buildPeriodReport(r, '2027-H1', OPTS)).toThrow('period 2027-H1 is not summarised');
  });
});

describe('document dates', () => {
  test.each<[string, number, string]>([
    ['2026-09-01', 0, '2026-09-01'],
    ['2026-09-01', 6, '2026-09-07'],
    ['2026-09-28 10:00:00', 6, '2026-10-04'],
    ['2026-12-30', 3, '2027-01-02'],
    ['2028-02-27', 2, '2028-02-29'],
    ['2026-02-27', 2, '2026-03-01'],
  ])('addDays(%p, %p) is %p', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
  });

  test.each<[string, string]>([
    ['2026-09-01', '2026年9月1日'],
    ['2026-10-15 08:00:00', '2026年10月15日'],
  ])('zhDate(%p) is %p', (d, out) => {
    expect(zhDate(d)).toBe(out);
  });

  test.each<[number, string]>([
    [7, '2026-10-14'],
    [1, '2026-10-08'],
    [0, '2026-10-08'],
    [-3, '2026-10-08'],
    [30, '2026-11-06'],
  ])('公示期 of %p days from 2026-10-08 ends on %p (counted from the publication day)', (days, end) => {
    expect(publicityEnd({ publishedAt: '2026-10-08 09:30:00', publicityDays: days })).toBe(end);
  });

  test('condenseAutomatic: short names, signed points, unknown items as they are', () => {
    expect(
      condenseAutomatic([
        { item: '月内按时上下班，无迟到、早退、旷工', points: 8 },
        { item: '另无事假、病假记录，考勤全勤', points: 10 },
        { item: '月内未被街道等上级部门点名批评', points: 5 },
        { item: '月内未被居民投诉', points: '5' },
        { item: '每季度「四知四清四掌握」考核前5名', points: 0 },
        { item: '学习强国半年汇总前5名', points: -3 },
        { item: '别的', points: '两分' },
      ]),
    ).toBe('考勤按时 +8；考勤全勤 +10；无批评 +5；无投诉 +5；季度考核前5名 0；学习强国前5名 -3；别的 两分');
    expect(condenseAutomatic([])).toBe('');
  });
});

const META: DocumentMeta = {
  communityName: '和平社区',
  publishedAt: '2026-10-08 09:30:00',
  publicityDays: 7,
  objectionContact: '社区两委办公室 <电话>',
  publisher: '王书记',
  reportTo: '某某街道党工委',
  sha256: 'c'.repeat(64),
  tabName: '公示-2026-09',
};

describe('monthDocumentHtml', () => {
  // Before each test, not at describe level: Stryker credits code run while the file loads to every test.
  let r: ReturnType<typeof run>;
  let snap: ReturnType<typeof buildSnapshot>;
  let html: string;
  beforeEach(() => {
    r = run(handValues(), '2026-10');
    snap = buildSnapshot(r, {
      month: HAND_MONTH,
      publishedAt: META.publishedAt,
      publisher: '王书记',
    });
    html = monthDocumentHtml(snap, META);
  });

  test('the page: issuer, title, the 公示期 lead, the meta line', () => {
    expect(
      html.startsWith(
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>和平社区 2026年9月 干部积分公示</title>',
      ),
    ).toBe(true);
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
    expect(html).toContain('<p class="issuer">和平社区两委</p>\n<h1>和平社区 2026年9月 干部积分公示</h1>');
    expect(html).toContain(
      '<p class="lead">根据《社区干部积分制管理办法》，现将2026年9月干部积分情况予以公示。公示期 7 天：2026年10月8日至2026年10月14日。' +
        '对公示内容有异议的，请于<b>2026年10月14日</b>前向<b>社区两委办公室 &lt;电话&gt;</b>实名提出，写明事项和理由；两委调查核实后答复，确有错误的发布更正公示。</p>',
    );
    expect(html).toContain(
      '<p class="small">考核年度：2026　起始分：100　发布人：王书记　发布时间：2026-10-08 09:30:00</p>',
    );
    expect(html).toContain('<h2>一、积分排名</h2>');
    expect(html).toContain(
      '<h2>二、积分明细（2026年9月全部已通过条目；自动计分为考勤、无批评、无投诉等系统条目）</h2>',
    );
  });

  test('the ranking table: widths, numeric columns, tier colours, the four hand-computed rows', () => {
    expect(html).toContain(
      '<table><colgroup><col style="width:5%"><col style="width:6%"><col style="width:9%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:10%"><col style="width:10%"><col style="width:15%"><col style="width:27%"></colgroup>' +
        '<thead><tr><th class="num">排名</th><th>编号</th><th>姓名</th><th class="num">基础</th><th class="num">任务</th><th class="num">奖励</th><th class="num">月度积分</th><th class="num">年度累计</th><th>分档</th><th>备注</th></tr></thead><tbody>' +
        '<tr><td class="num">1</td><td>001</td><td>甲</td><td class="num">15</td><td class="num">15</td><td class="num">95</td><td class="num">125</td><td class="num">225</td><td class="tier top">前三分之一</td><td></td></tr>\n' +
        '<tr><td class="num">2</td><td>004</td><td>丁</td><td class="num">15</td><td class="num">8</td><td class="num">0</td><td class="num">23</td><td class="num">123</td><td class="tier bottom3">倒数三名</td><td></td></tr>\n' +
        '<tr><td class="num">3</td><td>002</td><td>乙</td><td class="num">5</td><td class="num">5</td><td class="num">0</td><td class="num">10</td><td class="num">110</td><td class="tier bottom3">后三分之一、倒数三名</td><td>并列，需两委研究</td></tr>\n' +
        '<tr><td class="num">3</td><td>003</td><td>丙</td><td class="num">3</td><td class="num">7</td><td class="num">0</td><td class="num">10</td><td class="num">110</td><td class="tier bottom3">后三分之一、倒数三名</td><td>并列，需两委研究</td></tr>' +
        '</tbody></table>',
    );
  });

  test('the details: per cadre one 自动计分 line, then each entry with ×quantity, reason, signed points, source and id', () => {
    const who = (name: string, id: string) => `<b>${name}</b><br><span class="small">${id}</span>`;
    // 甲: full attendance 10 (replace mode), 无批评 5, 无投诉 5; 2 mediations, a street and three national honours
    expect(html).toContain(
      `<tr><td>${who('甲', '001')}</td><td>自动计分</td><td>考勤全勤 +10；无批评 +5；无投诉 +5</td><td class="num"></td><td></td></tr>\n` +
        '<tr><td></td><td>成功调解居民矛盾纠纷 ×2</td><td>手算 T-MEDIATION</td><td class="num">+10</td><td><span class="small">两委<br>H1</span></td></tr>\n' +
        '<tr><td></td><td>受街道表彰</td><td>手算 R-HONOR-STREET</td><td class="num">+5</td><td><span class="small">两委<br>H2</span></td></tr>\n' +
        '<tr><td></td><td>受全国表彰 ×3</td><td>手算 R-HONOR-NATIONAL</td><td class="num">+90</td><td><span class="small">两委<br>H3</span></td></tr>',
    );
    // 乙 was late once: no attendance points; a complaint (−1) and so no 无投诉
    expect(html).toContain(
      `<tr><td>${who('乙', '002')}</td><td>自动计分</td><td>无批评 +5</td><td class="num"></td><td></td></tr>`,
    );
    expect(html).toContain('<td class="num">-1</td><td><span class="small">两委<br>H4</span></td>');
    // 丙 took a day of personal leave (按时 8, not 全勤) and was criticised (no 无批评)
    expect(html).toContain(
      `<tr><td>${who('丙', '003')}</td><td>自动计分</td><td>考勤按时 +8；无投诉 +5</td><td class="num"></td><td></td></tr>`,
    );
    // the details table: its header, the last two rows kept with the closing in one unbreakable group
    expect(html).toContain(
      '<thead><tr><th>干部</th><th>事项</th><th>得分依据</th><th class="num">积分</th><th>来源/编号</th></tr></thead><tbody>',
    );
    const tail = html.split('<tbody class="tail">')[1]!;
    expect(tail.split('<tr>').length - 1).toBe(3);
    expect(tail).toContain(
      '<td class="num">+2</td><td><span class="small">两委<br>H7</span></td></tr><tr><td class="closing" colspan="5"><p>共 4 名干部、',
    );
    expect(html.match(/<tbody class="tail">/g)).toHaveLength(1);
  });

  test('the closing: footer line, digest with how to check it, the 落款 with date and publisher', () => {
    expect(html).toContain(
      `<p class="digest">封存摘要（SHA-256，覆盖表格「公示-2026-09」的显示内容、本期积分台账记录和上一次发布的摘要）：<code>${'c'.repeat(64)}</code><br>` +
        '核对方法：在 Google 表格中点「积分管理 › 校验公示」，或运行 <code>jifen verify 台账.xlsx --digest 本摘要</code>；显示“一致”且「公示记录」中该次发布的摘要与此相同，即说明公示和台账记录发布后未被改动。</p>\n' +
        '<div class="sign"><p>和平社区两委（盖章）</p><div class="seal">公章</div><p>2026年10月8日</p><p class="small">发布人：王书记</p></div></td></tr></tbody></table>',
    );
  });

  test('a 更正公示: its title, the 更正情况 lead, and the correction tables after the details', () => {
    const correction = L.map(
      (h) =>
        (
          ({
            编号: 'K1',
            月份: HAND_MONTH,
            干部编号: '002',
            规则编码: 'T-COMPLAINT',
            数量: 1,
            分值: 1,
            积分: 1,
            得分依据: '撤销投诉扣分',
            来源: '更正',
            状态: '已通过',
            更正对象: 'H4',
          }) as Record<string, Cell>
        )[h] ?? '',
    );
    const after = run(
      {
        ...handValues(),
        ledger: [...r.ledger, correction],
        publications: [
          headersOf('publications'),
          [HAND_MONTH, 1, '公示-2026-09', 'x', '2026-10-08 09:30:00', 20, 'a'.repeat(64)],
        ],
      },
      '2026-10',
    );
    const rev = buildSnapshot(after, {
      month: HAND_MONTH,
      revision: 1,
      publishedAt: '2026-10-12 09:00:00',
      publisher: '王书记',
    });
    appendCorrection(rev, after, { tabName: snap.tabName, values: snap.values });
    const h = monthDocumentHtml(rev, { ...META, publishedAt: '2026-10-12 09:00:00', tabName: rev.tabName });
    expect(h).toContain('<h1>和平社区 2026年9月 干部积分公示（更正1）</h1>');
    expect(h).toContain(
      '现将2026年9月干部积分更正情况予以公示。公示期 7 天：2026年10月12日至2026年10月18日。',
    );
    expect(h).toContain('<h2>三、更正说明（相对「公示-2026-09」）</h2>');
    expect(h).toContain(
      '<table><colgroup>' +
        '<col style="width:16.666666666666668%">'.repeat(6) +
        '</colgroup><thead><tr><th>条目编号</th><th>干部编号</th><th>姓名</th><th>更正对象</th><th class="num">积分变化</th><th>理由</th></tr></thead>' +
        '<tbody><tr><td>K1</td><td>002</td><td>乙</td><td>H4</td><td class="num">1</td><td>撤销投诉扣分</td></tr></tbody></table>',
    );
    // the last table (before → after) carries the closing; a table of one row has no plain body
    expect(h).toContain(
      '<thead><tr><th>干部编号</th><th>姓名</th><th class="num">更正前月度积分</th><th class="num">更正后月度积分</th><th class="num">更正前年度累计</th><th class="num">更正后年度累计</th></tr></thead>' +
        '<tbody class="tail"><tr><td>002</td><td>乙</td><td class="num">10</td><td class="num">11</td><td class="num">110</td><td class="num">111</td></tr><tr><td class="closing" colspan="6"><p>共 4 名干部、',
    );
    expect(h.match(/<tbody class="tail">/g)).toHaveLength(1);
    // the original 公示 carries no 三、
    expect(html).not.toContain('<h2>三、');
  });

  test('without any detail row the closing follows as one block', () => {
    const empty = {
      ...snap,
      values: snap.values.map((x) => x.slice()),
      layout: { ...snap.layout, detailRows: [11, 11] as [number, number] },
    };
    const h = monthDocumentHtml(empty, META);
    expect(h).toContain('<div class="closing"><p>');
    expect(h).not.toContain('<tbody class="tail">');
    expect(h).toContain('</tr></thead></table>\n<div class="closing">');
  });
});

describe('halfYearDocumentHtml and reportDocumentHtml', () => {
  let p: ReturnType<typeof buildPeriodReport>;
  beforeEach(() => {
    p = buildPeriodReport(run(handValues(), '2026-11'), '2026-H2', OPTS);
  });
  const meta = { ...META, publishedAt: '2026-11-05 10:00:00', tabName: '公示-2026-H2' };

  test('the half-year 公示: lead, the ranking with 起始分, the closing after its last rows', () => {
    const h = halfYearDocumentHtml(p, meta);
    expect(h).toContain('<title>和平社区 2026年下半年 干部积分排名公示</title>');
    expect(h).toContain(
      '<p class="issuer">和平社区两委</p>\n<h1>和平社区 2026年下半年 干部积分排名公示</h1>',
    );
    expect(h).toContain('现将2026年下半年干部积分排名予以公示。公示期 7 天：2026年11月5日至2026年11月11日。');
    expect(h).toContain(
      '<p class="small">合计 = 起始分 100 + 2026年下半年积分　发布人：社区两委　发布时间：2026-11-05 10:00:00</p>',
    );
    expect(h).toContain(
      '<thead><tr><th class="num">排名</th><th>编号</th><th>姓名</th><th>职务</th><th class="num">起始分</th><th class="num">基础</th><th class="num">任务</th><th class="num">奖励</th><th class="num">合计</th><th>分档</th><th>结果运用</th><th>标记</th></tr></thead>' +
        '<tbody><tr><td class="num">1</td><td>001</td><td>甲</td><td>书记</td><td class="num">100</td><td class="num">25</td><td class="num">25</td><td class="num">95</td><td class="num">245</td><td class="tier top">前三分之一</td><td>物质奖励（半年）</td>',
    );
    expect(h).toContain('<tbody class="tail"><tr><td class="num">3</td><td>002</td>');
    expect(h).toContain(
      '<tr><td class="closing" colspan="12"><p>共 4 名干部。分档按人数的三分之一四舍五入；并列跨档者标注“并列，需两委研究”。如有异议，请向社区两委提出。</p>',
    );
    expect(h).toContain('覆盖表格「公示-2026-H2」');
    expect(h).toContain(
      '<col style="width:6%"><col style="width:6%"><col style="width:8%"><col style="width:10%">',
    );
  });

  test('the 报告: addressee, date and author, sections as headings and paragraphs, the details, its own tab in the digest', () => {
    const h = reportDocumentHtml(p, meta);
    expect(h).toContain('<title>和平社区 2026年下半年 干部积分情况报告</title>');
    expect(h).toContain(
      '<p class="issuer">和平社区两委</p>\n<h1>和平社区 2026年下半年 干部积分情况报告</h1>\n' +
        '<p><b>报送单位：</b>某某街道党工委　　<b>报送日期：</b>2026年11月5日　　<b>填报人：</b>王书记</p>\n' +
        '<h2>一、总体情况</h2>\n<p class="lead">参加积分管理干部 4 人，其中参与排名 4 人。最高 245 分，最低 130 分（均含起始分）。</p>\n' +
        '<h2>二、排名靠前的三分之一（给予物质奖励）</h2>\n<p class="lead">甲（001，245分）</p>\n',
    );
    expect(h).toContain('<h2>六、积分明细</h2>\n<table>');
    expect(h).not.toContain('报送：街道党工委');
    expect(h).toContain('覆盖表格「报告-2026-H2」');
    expect(h).toContain('<tbody class="tail"><tr><td class="num">3</td><td>002</td>');
    expect(h).toContain(
      '<div class="sign"><p>和平社区两委（盖章）</p><div class="seal">公章</div><p>2026年11月5日</p><p class="small">发布人：王书记</p></div>',
    );
  });

  test('a 报告 without a details table ends with the closing as one block', () => {
    const short = { ...p, reportValues: p.reportValues.slice(0, 5) };
    const h = reportDocumentHtml(short, meta);
    expect(h).not.toContain('<table>');
    expect(h).toContain('<div class="closing"><p class="digest">');
  });
});
