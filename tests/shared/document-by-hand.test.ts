// Pins src/shared/document.ts by hand: the exact body of the month 公示, the 更正公示, the half-year 公示 and the 报告 built from snapshot values written by hand.

import type { Cell } from '../../src/shared/cells';
import {
  type DocumentMeta,
  halfYearDocumentHtml,
  monthDocumentHtml,
  reportDocumentHtml,
} from '../../src/shared/document';
import type { PeriodReport } from '../../src/shared/period-report';
import type { Snapshot } from '../../src/shared/publish';

/** The body of a printed page, after checking the page around it (doctype, escaped title, style). */
function bodyOf(html: string, title: string): string {
  const head = `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n<style>`;
  expect(html.slice(0, head.length)).toBe(head);
  const tail = '\n</body>\n</html>\n';
  expect(html.slice(-tail.length)).toBe(tail);
  const parts = html.split('</style>\n</head>\n<body>\n');
  expect(parts).toHaveLength(2);
  return parts[1]!.slice(0, -tail.length);
}

const META: DocumentMeta = {
  communityName: '和平社区',
  publishedAt: '2026-10-08 09:30:00',
  publicityDays: 5,
  objectionContact: '社区两委办公室 & 纪检专干',
  publisher: '王书记',
  reportTo: '某某街道党工委',
  sha256: 'ab'.repeat(32),
  tabName: '公示-2026-09',
};

const digest = (tab: string) =>
  `<p class="digest">封存摘要（SHA-256，覆盖表格「${tab}」的显示内容、本期积分台账记录和上一次发布的摘要）：<code>${'ab'.repeat(32)}</code><br>` +
  '核对方法：在 Google 表格中点「积分管理 › 校验公示」，或运行 <code>jifen verify 台账.xlsx --digest 本摘要</code>；显示“一致”且「公示记录」中该次发布的摘要与此相同，即说明公示和台账记录发布后未被改动。</p>';
const sign = (day: string) =>
  `<div class="sign"><p>和平社区两委（盖章）</p><div class="seal">公章</div><p>${day}</p><p class="small">发布人：王书记</p></div>`;
/** 公示期 of 5 calendar days counted from the publication day: from → to inclusive. */
const lead = (what: string, from: string, to: string) =>
  `<p class="lead">根据《社区干部积分制管理办法》，现将${what}予以公示。公示期 5 天：${from}至${to}。` +
  `对公示内容有异议的，请于<b>${to}</b>前向<b>社区两委办公室 &amp; 纪检专干</b>实名提出，写明事项和理由；` +
  '两委调查核实后答复，确有错误的发布更正公示。</p>';

// ---------------------------------------------------------------------------------------------------
// The month: three cadres in September 2026 (SPEC §3, 全勤 replaces 按时):
//   甲 考勤全勤 10 + 无批评 5 = base 15; 2 mediations 10 + 无投诉 5 = task 15; 30, year 130.
//   乙 late once (no attendance points), 无批评 5 = base 5; complaint −1 + activity 2 = task 1; 6, 106.
//   赵&钱 no attendance row, criticised −5 = base −5; complaint −1 = task −1; street honour 5; −1, 99.
// Tiers (SPEC §5, N = 3, k = 1): 甲 is top third and among the bottom three → none; 乙 bottom three;
// 赵&钱 bottom third and bottom three.
const TITLE = '和平社区 2026年9月 干部积分公示';
const META_LINE = '考核年度：2026　起始分：100　发布人：王书记　发布时间：2026-10-08 09:30:00';
const FOOTER =
  '共 3 名干部、明细 10 条。月度积分不含起始分，年度累计含起始分 100。如有异议，请向社区两委提出。';
const CADRES: Cell[][] = [
  [1, '001', '甲', 15, 15, 0, 30, 130, '', ''],
  [2, '002', '乙', 5, 1, 0, 6, 106, '倒数三名', ''],
  [3, '003', '赵&钱', -5, -1, 5, -1, 99, '后三分之一、倒数三名', '缺考勤记录：2026-09'],
];
// 干部编号, 姓名, 类别, 事项, 数量, 分值, 积分, 得分依据, 来源, 条目编号 (乙's system row after a hand row)
const DETAILS: Cell[][] = [
  ['001', '甲', '任务', '成功调解居民矛盾纠纷', 2, 5, 10, '调解<邻里>纠纷 & 回访', '两委', 'H1'],
  [
    '001',
    '甲',
    '基础',
    '另无事假、病假记录，考勤全勤',
    1,
    10,
    10,
    '2026-09 全勤',
    '系统',
    'SYS-2026-09-001-B-ATT-FULL',
  ],
  [
    '001',
    '甲',
    '基础',
    '月内未被街道等上级部门点名批评',
    1,
    5,
    5,
    '2026-09 无批评',
    '系统',
    'SYS-2026-09-001-B-NO-CRITICISM',
  ],
  [
    '001',
    '甲',
    '任务',
    '月内未被居民投诉',
    1,
    5,
    5,
    '2026-09 无投诉',
    '系统',
    'SYS-2026-09-001-T-NO-COMPLAINT',
  ],
  ['002', '乙', '任务', '因服务问题被居民投诉', 1, -1, -1, '居民投诉办事拖延', '两委', 'H2'],
  [
    '002',
    '乙',
    '基础',
    '月内未被街道等上级部门点名批评',
    1,
    5,
    5,
    '2026-09 无批评',
    '系统',
    'SYS-2026-09-002-B-NO-CRITICISM',
  ],
  ['002', '乙', '任务', '按时参加社区开展的活动', 1, 2, 2, '参加中秋活动', '表单', 'E7'],
  ['003', '赵&钱', '基础', '被上级点名批评', 1, -5, -5, '街道通报', '两委', 'H3'],
  ['003', '赵&钱', '任务', '因服务问题被居民投诉', 1, -1, -1, '居民投诉', '两委', 'H4'],
  ['003', '赵&钱', '奖励', '受街道表彰', 1, 5, 5, '街道表彰', '两委', 'H5'],
];
const LAYOUT: Snapshot['layout'] = {
  titleRow: 0,
  metaRow: 1,
  cadreHeaderRow: 3,
  cadreRows: [4, 7],
  detailTitleRow: 8,
  detailHeaderRow: 9,
  detailRows: [10, 20],
  footerRow: 21,
};

function monthSnapshot(revision = 0, after: Cell[][] = []): Snapshot {
  const title = revision ? `${TITLE}（更正${revision}）` : TITLE;
  return {
    tabName: revision ? `公示-2026-09 更正${revision}` : '公示-2026-09',
    month: '2026-09',
    revision,
    title,
    values: [
      [title],
      [META_LINE],
      [],
      ['排名', '编号', '姓名', '基础', '任务', '奖励', '月度积分', '年度累计', '分档', '备注'],
      ...CADRES,
      [],
      ['积分明细（2026年9月全部已通过条目）'],
      ['干部编号', '姓名', '类别', '事项', '数量', '分值', '积分', '得分依据', '来源', '条目编号'],
      ...DETAILS,
      [],
      [FOOTER],
      ...after,
    ],
    layout: LAYOUT,
    cadres: 3,
    entries: 10,
    publishedAt: META.publishedAt,
    publisher: '王书记',
  };
}

const num = (t: string) => `<td class="num">${t}</td>`;
const RANK_HEAD =
  '<table><colgroup><col style="width:5%"><col style="width:6%"><col style="width:9%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:10%"><col style="width:10%"><col style="width:15%"><col style="width:27%"></colgroup>' +
  '<thead><tr><th class="num">排名</th><th>编号</th><th>姓名</th><th class="num">基础</th><th class="num">任务</th><th class="num">奖励</th><th class="num">月度积分</th><th class="num">年度累计</th><th>分档</th><th>备注</th></tr></thead>';
const RANKING =
  `${RANK_HEAD}<tbody>` +
  `<tr>${num('1')}<td>001</td><td>甲</td>${num('15')}${num('15')}${num('0')}${num('30')}${num('130')}<td></td><td></td></tr>\n` +
  `<tr>${num('2')}<td>002</td><td>乙</td>${num('5')}${num('1')}${num('0')}${num('6')}${num('106')}<td class="tier bottom3">倒数三名</td><td></td></tr>\n` +
  `<tr>${num('3')}<td>003</td><td>赵&amp;钱</td>${num('-5')}${num('-1')}${num('5')}${num('-1')}${num('99')}<td class="tier bottom3">后三分之一、倒数三名</td><td>缺考勤记录：2026-09</td></tr>` +
  '</tbody></table>';
const DETAIL_HEAD =
  '<table><colgroup><col style="width:12%"><col style="width:24%"><col style="width:42%"><col style="width:8%"><col style="width:14%"></colgroup>' +
  '<thead><tr><th>干部</th><th>事项</th><th>得分依据</th><th class="num">积分</th><th>来源/编号</th></tr></thead>';
const who = (name: string, id: string) => `<td><b>${name}</b><br><span class="small">${id}</span></td>`;
const src = (source: string, id: string) => `<td><span class="small">${source}<br>${id}</span></td>`;
// Per cadre: the automatic items on one line first, then each other entry with its reason; the name once.
const DETAIL_ROWS = [
  `<tr>${who('甲', '001')}<td>自动计分</td><td>考勤全勤 +10；无批评 +5；无投诉 +5</td>${num('')}<td></td></tr>`,
  `<tr><td></td><td>成功调解居民矛盾纠纷 ×2</td><td>调解&lt;邻里&gt;纠纷 &amp; 回访</td>${num('+10')}${src('两委', 'H1')}</tr>`,
  `<tr>${who('乙', '002')}<td>自动计分</td><td>无批评 +5</td>${num('')}<td></td></tr>`,
  `<tr><td></td><td>因服务问题被居民投诉</td><td>居民投诉办事拖延</td>${num('-1')}${src('两委', 'H2')}</tr>`,
  `<tr><td></td><td>按时参加社区开展的活动</td><td>参加中秋活动</td>${num('+2')}${src('表单', 'E7')}</tr>`,
  `<tr>${who('赵&amp;钱', '003')}<td>被上级点名批评</td><td>街道通报</td>${num('-5')}${src('两委', 'H3')}</tr>`,
  `<tr><td></td><td>因服务问题被居民投诉</td><td>居民投诉</td>${num('-1')}${src('两委', 'H4')}</tr>`,
  `<tr><td></td><td>受街道表彰</td><td>街道表彰</td>${num('+5')}${src('两委', 'H5')}</tr>`,
];
const closingRow = (colspan: number, html: string) =>
  `<tr><td class="closing" colspan="${colspan}">${html}</td></tr>`;
const MONTH_CLOSING = `<p>${FOOTER}</p>\n${digest('公示-2026-09')}\n${sign('2026年10月8日')}`;
const DETAIL_H2 =
  '<h2>二、积分明细（2026年9月全部已通过条目；自动计分为考勤、无批评、无投诉等系统条目）</h2>';
// 2026-10-08 + 5 days − 1 = 2026-10-12.
const MONTH_BODY = [
  '<p class="issuer">和平社区两委</p>',
  `<h1>${TITLE}</h1>`,
  lead('2026年9月干部积分情况', '2026年10月8日', '2026年10月12日'),
  `<p class="small">${META_LINE}</p>`,
  '<h2>一、积分排名</h2>',
  RANKING,
  DETAIL_H2,
  // the last two rows print with the closing in one unbreakable group
  `${DETAIL_HEAD}<tbody>${DETAIL_ROWS.slice(0, 6).join('\n')}</tbody>` +
    `<tbody class="tail">${DETAIL_ROWS.slice(6).join('\n')}${closingRow(5, MONTH_CLOSING)}</tbody></table>`,
].join('\n');

describe('monthDocumentHtml', () => {
  test('the month 公示: issuer, title, lead, meta line, ranking, details, closing with the last two rows', () => {
    expect(bodyOf(monthDocumentHtml(monthSnapshot(), META), TITLE)).toBe(MONTH_BODY);
  });

  test('an original 公示 prints nothing of rows after the footer (only a correction does)', () => {
    const s = monthSnapshot(0, [[], ['更正说明'], ['条目编号', '积分变化'], ['K1', 1]]);
    expect(bodyOf(monthDocumentHtml(s, META), TITLE)).toBe(MONTH_BODY);
  });

  test('a 更正公示: 更正情况 lead, the details without the closing, then 三、 and the two correction tables, the last with the closing', () => {
    const s = monthSnapshot(1, [
      [],
      ['更正说明（相对「公示-2026-09」）'],
      ['条目编号', '干部编号', '姓名', '更正对象', '积分变化', '理由'],
      ['K1', '002', '乙', 'H2', 1, '撤销<误>投诉'],
      ['K2', '003', '赵&钱', 'H4', 1, '投诉不实'],
      [],
      ['干部编号', '姓名', '更正前月度积分', '更正后月度积分', '更正前年度累计', '更正后年度累计'],
      ['002', '乙', 6, 7, 106, 107],
      ['003', '赵&钱', -1, 0, 99, 100],
    ]);
    const meta = { ...META, publishedAt: '2026-10-12 09:00:00', tabName: '公示-2026-09 更正1' };
    const sixth = '<col style="width:16.666666666666668%">'.repeat(6);
    const closing = `<p>${FOOTER}</p>\n${digest('公示-2026-09 更正1')}\n${sign('2026年10月12日')}`;
    expect(bodyOf(monthDocumentHtml(s, meta), `${TITLE}（更正1）`)).toBe(
      [
        '<p class="issuer">和平社区两委</p>',
        `<h1>${TITLE}（更正1）</h1>`,
        // 2026-10-12 + 5 days − 1 = 2026-10-16
        lead('2026年9月干部积分更正情况', '2026年10月12日', '2026年10月16日'),
        `<p class="small">${META_LINE}</p>`,
        '<h2>一、积分排名</h2>',
        RANKING,
        DETAIL_H2,
        `${DETAIL_HEAD}<tbody>${DETAIL_ROWS.join('\n')}</tbody></table>`,
        '<h2>三、更正说明（相对「公示-2026-09」）</h2>',
        `<table><colgroup>${sixth}</colgroup><thead><tr><th>条目编号</th><th>干部编号</th><th>姓名</th><th>更正对象</th><th class="num">积分变化</th><th>理由</th></tr></thead>` +
          `<tbody><tr><td>K1</td><td>002</td><td>乙</td><td>H2</td>${num('1')}<td>撤销&lt;误&gt;投诉</td></tr>\n` +
          `<tr><td>K2</td><td>003</td><td>赵&amp;钱</td><td>H4</td>${num('1')}<td>投诉不实</td></tr></tbody></table>`,
        `<table><colgroup>${sixth}</colgroup><thead><tr><th>干部编号</th><th>姓名</th><th class="num">更正前月度积分</th><th class="num">更正后月度积分</th><th class="num">更正前年度累计</th><th class="num">更正后年度累计</th></tr></thead>` +
          `<tbody class="tail"><tr><td>002</td><td>乙</td>${num('6')}${num('7')}${num('106')}${num('107')}</tr>\n` +
          `<tr><td>003</td><td>赵&amp;钱</td>${num('-1')}${num('0')}${num('99')}${num('100')}</tr>` +
          `${closingRow(6, closing)}</tbody></table>`,
      ].join('\n'),
    );
  });

  test('in a correction a one-cell row right after a table’s rows is the next heading, not a row', () => {
    const s = monthSnapshot(1, [
      [],
      ['说明甲'],
      ['编号', '理由'],
      ['K1', '甲'],
      ['说明乙'],
      ['编号', '积分变化'],
      ['K2', 3],
    ]);
    const body = bodyOf(monthDocumentHtml(s, META), `${TITLE}（更正1）`);
    const half = '<col style="width:50%">'.repeat(2);
    expect(body.slice(body.indexOf('<h2>三、'))).toBe(
      [
        '<h2>三、说明甲</h2>',
        `<table><colgroup>${half}</colgroup><thead><tr><th>编号</th><th>理由</th></tr></thead><tbody><tr><td>K1</td><td>甲</td></tr></tbody></table>`,
        '<h2>三、说明乙</h2>',
        `<table><colgroup>${half}</colgroup><thead><tr><th>编号</th><th class="num">积分变化</th></tr></thead>` +
          `<tbody class="tail"><tr><td>K2</td>${num('3')}</tr>${closingRow(2, MONTH_CLOSING)}</tbody></table>`,
      ].join('\n'),
    );
  });

  test('rows the layout names but the values lack print as empty cells (no exception)', () => {
    // Only the title row: the meta line, one ranking row, one detail row and the footer are missing.
    const s: Snapshot = {
      ...monthSnapshot(),
      values: [[TITLE]],
      layout: { ...LAYOUT, cadreRows: [4, 5], detailRows: [10, 11] },
    };
    expect(bodyOf(monthDocumentHtml(s, META), TITLE)).toBe(
      [
        '<p class="issuer">和平社区两委</p>',
        `<h1>${TITLE}</h1>`,
        lead('2026年9月干部积分情况', '2026年10月8日', '2026年10月12日'),
        '<p class="small"></p>',
        '<h2>一、积分排名</h2>',
        `${RANK_HEAD}<tbody><tr>${num('')}<td></td><td></td>${num('').repeat(5)}<td></td><td></td></tr></tbody></table>`,
        DETAIL_H2,
        // a missing 积分 cell: Number('') is 0, so it prints as 0
        `${DETAIL_HEAD}<tbody class="tail"><tr>${who('', '')}<td></td><td></td>${num('0')}${src('', '')}</tr>` +
          `${closingRow(5, `<p></p>\n${digest('公示-2026-09')}\n${sign('2026年10月8日')}`)}</tbody></table>`,
      ].join('\n'),
    );
  });

  test('blank 积分 and 数量 cells (null): the automatic line and the entry print 0, no ×', () => {
    const s = monthSnapshot();
    const values = s.values.slice(0, 10);
    values.push(
      ['001', '甲', '基础', '另无事假、病假记录，考勤全勤', 1, 10, null, '2026-09 全勤', '系统', 'SYS-1'],
      ['001', '甲', '任务', '成功调解居民矛盾纠纷', null, 5, null, '调解', '两委', 'H1'],
      [],
      [FOOTER],
    );
    const body = bodyOf(
      monthDocumentHtml({ ...s, values, layout: { ...LAYOUT, detailRows: [10, 12], footerRow: 13 } }, META),
      TITLE,
    );
    expect(body.slice(body.indexOf(DETAIL_HEAD))).toBe(
      `${DETAIL_HEAD}<tbody class="tail">` +
        `<tr>${who('甲', '001')}<td>自动计分</td><td>考勤全勤 0</td>${num('')}<td></td></tr>\n` +
        `<tr><td></td><td>成功调解居民矛盾纠纷</td><td>调解</td>${num('0')}${src('两委', 'H1')}</tr>` +
        `${closingRow(5, MONTH_CLOSING)}</tbody></table>`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The half-year 2026-H2: four ranked cadres (k = round(4 / 3) = 1): 甲 top third; 乙 丁 丙 the bottom
// three; 丙 also the bottom third. 合计 = 起始分 100 + 基础 + 任务 + 奖励.
const H_TITLE = '和平社区 2026年下半年 干部积分排名公示';
const H_META_LINE = '合计 = 起始分 100 + 2026年下半年积分　发布人：社区两委　发布时间：2026-11-05 10:00:00';
const H_FOOTER =
  '共 4 名干部。分档按人数的三分之一四舍五入；并列跨档者标注“并列，需两委研究”。如有异议，请向社区两委提出。';
const REPORT_HEADER: Cell[] = [
  '排名',
  '编号',
  '姓名',
  '职务',
  '起始分',
  '基础',
  '任务',
  '奖励',
  '合计',
  '分档',
  '结果运用',
  '标记',
];
const THIRD = '取消评先评优资格、书记或主任谈话';
const THREE = '取消一切评先评优资格、按规定组织处置';
const H_ROWS: Cell[][] = [
  [1, '001', '甲', '书记', 100, 60, 55, 5, 220, '前三分之一', '物质奖励（半年）', ''],
  [2, '002', '乙', '委员', 100, 40, 30, 0, 170, '倒数三名', THREE, ''],
  [3, '004', '丁', '网格员', 100, 30, 25, 0, 155, '倒数三名', THREE, ''],
  [4, '003', '丙', '', 100, 20, 12, 0, 132, '后三分之一、倒数三名', `${THIRD}；${THREE}`, '部分在职：4个月'],
];
const REPORT_TITLE = '和平社区 2026年下半年 干部积分情况报告';

function halfYear(over: Partial<PeriodReport> = {}): PeriodReport {
  return {
    period: '2026-H2',
    tabName: '公示-2026-H2',
    reportTabName: '报告-2026-H2',
    title: H_TITLE,
    values: [[H_TITLE], [H_META_LINE], [], REPORT_HEADER, ...H_ROWS, [], [H_FOOTER]],
    reportValues: [
      [REPORT_TITLE],
      // as a sheet pads rows: neither the 报送 line nor the blank row is the details header
      ['报送：街道党工委　填报：社区两委　日期：2026-11-05', ''],
      ['', ''],
      ['一、总体情况'],
      ['参加积分管理干部 4 人，其中参与排名 4 人。最高 220 分，最低 132 分（均含起始分）。'],
      ['其中第一、二名相差 50 分。'],
      [],
      ['二、排名靠前的三分之一（给予物质奖励）'],
      ['甲（001，220分）'],
      [],
      ['三、排名倒数后三分之一（取消评先评优资格，由书记或主任谈话，限期整改）'],
      ['丙（003，132分）'],
      [],
      ['六、积分明细'],
      REPORT_HEADER,
      ...H_ROWS,
    ],
    table: { header: 3, start: 4, end: 8 },
    topThird: [],
    bottomThird: [],
    bottomThree: [],
    ties: [],
    ...over,
  };
}

const H_META: DocumentMeta = { ...META, publishedAt: '2026-11-05 10:00:00', tabName: '公示-2026-H2' };
const REPORT_COLS =
  '<colgroup><col style="width:6%"><col style="width:6%"><col style="width:8%"><col style="width:10%"><col style="width:7%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:12%"><col style="width:16%"><col style="width:11%"></colgroup>';
const REPORT_HEAD =
  '<thead><tr><th class="num">排名</th><th>编号</th><th>姓名</th><th>职务</th><th class="num">起始分</th><th class="num">基础</th><th class="num">任务</th><th class="num">奖励</th><th class="num">合计</th><th>分档</th><th>结果运用</th><th>标记</th></tr></thead>';
const H_TR = [
  `<tr>${num('1')}<td>001</td><td>甲</td><td>书记</td>${num('100')}${num('60')}${num('55')}${num('5')}${num('220')}<td class="tier top">前三分之一</td><td>物质奖励（半年）</td><td></td></tr>`,
  `<tr>${num('2')}<td>002</td><td>乙</td><td>委员</td>${num('100')}${num('40')}${num('30')}${num('0')}${num('170')}<td class="tier bottom3">倒数三名</td><td>${THREE}</td><td></td></tr>`,
  `<tr>${num('3')}<td>004</td><td>丁</td><td>网格员</td>${num('100')}${num('30')}${num('25')}${num('0')}${num('155')}<td class="tier bottom3">倒数三名</td><td>${THREE}</td><td></td></tr>`,
  `<tr>${num('4')}<td>003</td><td>丙</td><td></td>${num('100')}${num('20')}${num('12')}${num('0')}${num('132')}<td class="tier bottom3">后三分之一、倒数三名</td><td>${THIRD}；${THREE}</td><td>部分在职：4个月</td></tr>`,
];
/** The ranking with its last two rows kept with the closing. */
const rankingWith = (closing: string) =>
  `<table>${REPORT_COLS}${REPORT_HEAD}<tbody>${H_TR[0]}\n${H_TR[1]}</tbody>` +
  `<tbody class="tail">${H_TR[2]}\n${H_TR[3]}${closingRow(12, closing)}</tbody></table>`;
const H_SIGN = sign('2026年11月5日');
const REPORT_TOP = [
  '<p class="issuer">和平社区两委</p>',
  `<h1>${REPORT_TITLE}</h1>`,
  '<p><b>报送单位：</b>某某街道党工委　　<b>报送日期：</b>2026年11月5日　　<b>填报人：</b>王书记</p>',
];

describe('halfYearDocumentHtml', () => {
  test('the half-year 公示: lead with the period, meta line, the ranking with 起始分, footer and closing', () => {
    expect(bodyOf(halfYearDocumentHtml(halfYear(), H_META), H_TITLE)).toBe(
      [
        '<p class="issuer">和平社区两委</p>',
        `<h1>${H_TITLE}</h1>`,
        // 2026-11-05 + 5 days − 1 = 2026-11-09
        lead('2026年下半年干部积分排名', '2026年11月5日', '2026年11月9日'),
        `<p class="small">${H_META_LINE}</p>`,
        rankingWith(`<p>${H_FOOTER}</p>\n${digest('公示-2026-H2')}\n${H_SIGN}`),
      ].join('\n'),
    );
  });

  test('a community name with a space: the lead still names the period alone', () => {
    const title = '某街道 和平社区 2026年下半年 干部积分排名公示';
    const body = bodyOf(halfYearDocumentHtml(halfYear({ title }), H_META), title);
    expect(body.split('\n')[2]).toBe(lead('2026年下半年干部积分排名', '2026年11月5日', '2026年11月9日'));
  });

  test('only the title row present: no header, no meta line, no footer; the closing as one block', () => {
    const body = bodyOf(halfYearDocumentHtml(halfYear({ values: [[H_TITLE]] }), H_META), H_TITLE);
    expect(body).toBe(
      [
        '<p class="issuer">和平社区两委</p>',
        `<h1>${H_TITLE}</h1>`,
        lead('2026年下半年干部积分排名', '2026年11月5日', '2026年11月9日'),
        '<p class="small"></p>',
        `<table>${REPORT_COLS}<thead><tr></tr></thead></table>`,
        `<div class="closing"><p></p>\n${digest('公示-2026-H2')}\n${H_SIGN}</div>`,
      ].join('\n'),
    );
  });
});

describe('reportDocumentHtml', () => {
  test('the 报告: addressee line, sections as headings or paragraphs, the details with the closing (its own tab)', () => {
    expect(bodyOf(reportDocumentHtml(halfYear(), H_META), REPORT_TITLE)).toBe(
      [
        ...REPORT_TOP,
        '<h2>一、总体情况</h2>',
        '<p class="lead">参加积分管理干部 4 人，其中参与排名 4 人。最高 220 分，最低 132 分（均含起始分）。</p>',
        // 一、 inside a paragraph does not make it a heading
        '<p class="lead">其中第一、二名相差 50 分。</p>',
        '<h2>二、排名靠前的三分之一（给予物质奖励）</h2>',
        '<p class="lead">甲（001，220分）</p>',
        '<h2>三、排名倒数后三分之一（取消评先评优资格，由书记或主任谈话，限期整改）</h2>',
        '<p class="lead">丙（003，132分）</p>',
        '<h2>六、积分明细</h2>',
        rankingWith(`${digest('报告-2026-H2')}\n${H_SIGN}`),
      ].join('\n'),
    );
  });

  test('a 报告 without the details table: its sections, then the closing as one block', () => {
    const p = halfYear();
    const short = halfYear({ reportValues: p.reportValues.slice(0, 5) });
    expect(bodyOf(reportDocumentHtml(short, H_META), REPORT_TITLE)).toBe(
      [
        ...REPORT_TOP,
        '<h2>一、总体情况</h2>',
        '<p class="lead">参加积分管理干部 4 人，其中参与排名 4 人。最高 220 分，最低 132 分（均含起始分）。</p>',
        `<div class="closing">${digest('报告-2026-H2')}\n${H_SIGN}</div>`,
      ].join('\n'),
    );
  });

  test('an empty 报告: no title, no sections, the closing', () => {
    expect(bodyOf(reportDocumentHtml(halfYear({ reportValues: [] }), H_META), '')).toBe(
      [
        '<p class="issuer">和平社区两委</p>',
        '<h1></h1>',
        REPORT_TOP[2],
        `<div class="closing">${digest('报告-2026-H2')}\n${H_SIGN}</div>`,
      ].join('\n'),
    );
  });
});
