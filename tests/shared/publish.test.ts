// src/shared/publish.ts on its own: the refusals of 发布公示 in their order (SPEC §7), the snapshot of the
// hand-computed September (tests/helpers/hand-community.ts), the 公示记录 row, 校验公示 and the printable page.
// Every expected text and figure below is written by hand.

import type { Cell } from '../../src/shared/cells';
import {
  appendCorrection,
  buildSnapshot,
  canonicalSnapshotText,
  earlierUnpublished,
  escapeHtml,
  intakeRefusal,
  monthProblemLines,
  openIntakeErrors,
  orderRefusal,
  problemsRefusal,
  publicationRecord,
  publicationRow,
  publishRefusal,
  quickPublishRefusal,
  snapshotHtml,
  snapshotTabName,
  tierClass,
  verifyPublications,
} from '../../src/shared/publish';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { type RecomputeResult, recompute } from '../../src/shared/recompute';
import { headersOf } from '../../src/shared/tabs';
import { HAND_MONTH, handTabRows } from '../helpers/hand-community';

const M = HAND_MONTH; // 2026-09
const L = headersOf('ledger');

/** A ledger row from fields by header. */
const ledgerRow = (f: Record<string, Cell>): Cell[] => L.map((h) => f[h] ?? '');

function handBook(
  extra: Partial<WorkbookValues> = {},
  more: { ledger?: Cell[][]; attendance?: Cell[][] } = {},
) {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...t.roster],
    ledger: [L, ...t.ledger, ...(more.ledger ?? [])],
    attendance: [headersOf('attendance'), ...t.attendance, ...(more.attendance ?? [])],
    ...extra,
  } as WorkbookValues;
}

const run = (values: WorkbookValues, nowMonth = '2026-10') =>
  recompute(values, { nowMonth, nowText: '2026-10-08 09:00:00', offsetMinutes: 0 });

const refusal = (values: WorkbookValues, month: string, nowMonth = '2026-10') =>
  publishRefusal({ result: run(values, nowMonth), values, month, nowMonth, offsetMinutes: 0 });

const pubRow = (period: Cell, when: Cell = '2026-10-05 10:00:00'): Cell[] => [
  period,
  1,
  `公示-${period}`,
  'owner@example.org',
  when,
  20,
  'a'.repeat(64),
];

describe('snapshotTabName', () => {
  test.each<[number | undefined, string]>([
    [undefined, '公示-2026-09'],
    [0, '公示-2026-09'],
    [1, '公示-2026-09 更正1'],
    [2, '公示-2026-09 更正2'],
  ])('revision %p → %p', (rev, name) => {
    expect(snapshotTabName('2026-09', rev)).toBe(name);
  });
});

describe('month order and empty months, without a recompute (quickPublishRefusal, earlierUnpublished)', () => {
  type E = { month: string; source: string };
  const data = (entries: E[], attendance: string[] = [], publishedMonths: string[] = []) =>
    ({ entries, attendance: attendance.map((month) => ({ month })), publishedMonths }) as never;

  test.each<[string, ReturnType<typeof data>, string, string | null]>([
    [
      'a month still to come',
      data([{ month: '2026-11', source: 'committee' }]),
      '2026-11',
      '2026-11 尚未到来（当前为 2026-10），不能发布公示',
    ],
    ['the current month with data', data([{ month: '2026-10', source: 'form' }]), '2026-10', null],
    [
      'a month with nothing',
      data([{ month: '2026-08', source: 'committee' }]),
      '2026-09',
      '2026-09 没有任何积分台账条目或考勤记录，不能发布空的公示',
    ],
    [
      'a month with system entries only',
      data([{ month: '2026-09', source: 'system' }]),
      '2026-09',
      '2026-09 没有任何积分台账条目或考勤记录，不能发布空的公示',
    ],
    ['a month with attendance only', data([], ['2026-09']), '2026-09', null],
    ['a month with a correction only', data([{ month: '2026-09', source: 'correction' }]), '2026-09', null],
    ['a published month (the sidebar offers 更正 instead)', data([], [], ['2026-09']), '2026-09', null],
    [
      'earlier months unpublished, in month order',
      data(
        [
          { month: '2026-09', source: 'committee' },
          { month: '2026-03', source: 'form' },
        ],
        ['2026-07', '2026-09'],
      ),
      '2026-09',
      '请按月份顺序公示：2026-03、2026-07 尚未发布公示。',
    ],
    [
      'earlier months published, or with system entries only, or of another year, or later',
      data(
        [
          { month: '2026-09', source: 'committee' },
          { month: '2026-08', source: 'system' },
          { month: '2025-12', source: 'committee' },
          { month: '2026-10', source: 'committee' },
        ],
        ['2026-07'],
        ['2026-07'],
      ),
      '2026-09',
      null,
    ],
  ])('%s', (_what, s, month, text) => {
    expect(quickPublishRefusal(s, month, '2026-10', 2026)).toBe(text);
  });

  test('earlierUnpublished lists only this year’s unpublished months before the month, sorted, once each', () => {
    const s = data(
      [
        { month: '2026-05', source: 'committee' },
        { month: '2026-02', source: 'form' },
        { month: '2026-05', source: 'form' },
        { month: '2026-04', source: 'system' },
        { month: '2026-06', source: 'committee' },
        { month: '2025-11', source: 'committee' },
      ],
      ['2026-01', '2026-03', '2026-06'],
      ['2026-03'],
    );
    expect(earlierUnpublished(s, '2026-06', 2026)).toEqual(['2026-01', '2026-02', '2026-05']);
    expect(earlierUnpublished(s, '2026-01', 2026)).toEqual([]);
    expect(earlierUnpublished(s, '2025-11', 2025)).toEqual([]);
    expect(earlierUnpublished(s, '2026-12', 2025)).toEqual(['2025-11']);
  });

  test('orderRefusal joins the months with 、', () => {
    expect(orderRefusal(['2026-07'])).toBe('请按月份顺序公示：2026-07 尚未发布公示。');
    expect(orderRefusal(['2026-07', '2026-08'])).toBe('请按月份顺序公示：2026-07、2026-08 尚未发布公示。');
  });
});

describe('publishRefusal on the hand community, check by check', () => {
  test('the hand-computed September can be published in October', () => {
    expect(refusal(handBook(), M)).toBeNull();
  });

  test.each<[string, string]>([
    ['2026-9', '月份格式应为 YYYY-MM，例如 2026-10（实际：2026-9）'],
    ['2026-13', '月份格式应为 YYYY-MM，例如 2026-10（实际：2026-13）'],
    ['九月', '月份格式应为 YYYY-MM，例如 2026-10（实际：九月）'],
    ['2025-09', '2025-09 不在考核年度 2026 内（见「设置」表的“考核年度”）'],
    ['2027-01', '2027-01 不在考核年度 2026 内（见「设置」表的“考核年度”）'],
    ['2026-11', '2026-11 尚未到来（当前为 2026-10），不能发布公示'],
    ['2026-10', '2026-10 没有任何积分台账条目或考勤记录，不能发布空的公示'],
    ['2026-08', '2026-08 没有任何积分台账条目或考勤记录，不能发布空的公示'],
  ])('%s → %s', (month, text) => {
    expect(refusal(handBook(), month)).toBe(text);
  });

  test('a published month is refused with when it was published, and the way to a 更正公示', () => {
    const again = '不能重复发布。如公示有误，请登记异议和更正条目，再发布更正公示（公示-2026-09 更正1）。';
    expect(refusal(handBook({ publications: [headersOf('publications'), pubRow(M)] }), M)).toBe(
      `2026-09 已于 2026-10-05 10:00:00 发布公示（公示-2026-09），${again}`,
    );
    expect(refusal(handBook({ publications: [headersOf('publications'), pubRow('2026/9', '')] }), M)).toBe(
      `2026-09 已发布公示（公示-2026-09），${again}`,
    );
    // another month's record does not count
    expect(refusal(handBook({ publications: [headersOf('publications'), pubRow('2026-08')] }), M)).toBeNull();
  });

  test('pending claims are named by their row in the rewritten 积分台账 (a stale system row above is dropped)', () => {
    const stale = ledgerRow({
      编号: 'SYS-2026-09-001-B-NO-CRITICISM',
      月份: M,
      干部编号: '001',
      规则编码: 'B-NO-CRITICISM',
      数量: 1,
      来源: '系统',
      状态: '已通过',
    });
    const pending = (id: string) =>
      ledgerRow({
        编号: id,
        月份: M,
        干部编号: '002',
        规则编码: 'T-ACTIVITY',
        数量: 1,
        来源: '两委',
        状态: '待审核',
      });
    // rows 2–10 are the nine hand entries; row 11 the stale system row; rows 12, 13 pending
    expect(refusal(handBook({}, { ledger: [stale, pending('P1'), pending('P2')] }), M)).toBe(
      '2026-09 还有 2 条待审核的申报（积分台账第11行、第12行），请先审核（通过或驳回）再发布公示',
    );
    const twelve = Array.from({ length: 12 }, (_, i) => pending(`P${i + 1}`));
    expect(refusal(handBook({}, { ledger: twelve }), M)).toBe(
      '2026-09 还有 12 条待审核的申报（积分台账第11行、第12行、第13行、第14行、第15行、第16行、第17行、第18行、第19行、第20行等），请先审核（通过或驳回）再发布公示',
    );
    // a pending claim of October does not hold September back
    const october = ledgerRow({
      编号: 'P9',
      月份: '2026-10',
      干部编号: '002',
      规则编码: 'T-ACTIVITY',
      数量: 1,
      来源: '两委',
      状态: '待审核',
    });
    expect(refusal(handBook({}, { ledger: [october] }), M)).toBeNull();
  });

  test('a month with 校验问题 rows is refused, naming them; another month’s problems do not count', () => {
    const bad = ledgerRow({
      编号: 'X1',
      月份: M,
      干部编号: '002',
      规则编码: 'NO-SUCH-RULE',
      数量: 1,
      来源: '两委',
      状态: '已通过',
    });
    expect(refusal(handBook({}, { ledger: [bad] }), M)).toMatch(
      /^2026-09 有 1 处校验问题（积分台账第11行「规则编码」：[^；]+），请先在「校验问题」表查看并修正后再发布$/,
    );
    const october = ledgerRow({
      编号: 'X2',
      月份: '2026-10',
      干部编号: '002',
      规则编码: 'NO-SUCH-RULE',
      数量: 1,
      来源: '两委',
      状态: '已通过',
    });
    expect(refusal(handBook({}, { ledger: [october] }), M)).toBeNull();
  });

  test('open 申报异常 naming the month hold it back; handled ones and other months do not', () => {
    const E = headersOf('intakeErrors');
    const err = (raw: string, state: string): Cell[] => [
      '2026-10-01 10:00:00',
      'R1',
      2,
      'a@x.org',
      '未知干部',
      raw,
      state,
    ];
    const values = handBook({
      intakeErrors: [
        E,
        err('甲 T-ACTIVITY（2026-09）', '待处理'),
        err('乙 T-ACTIVITY（2026-09）', ''),
        err('丙 T-ACTIVITY（2026-09）', '已处理'),
        err('丁 T-ACTIVITY（2026-08）', '待处理'),
      ],
    });
    expect(openIntakeErrors(values, M)).toBe(2);
    expect(openIntakeErrors(values, '2026-08')).toBe(1);
    expect(openIntakeErrors(values, '2026-10')).toBe(0);
    expect(refusal(values, M)).toBe(intakeRefusalText(2));
    expect(intakeRefusal(M, 2)).toBe(intakeRefusalText(2));
  });

  test('months are published in order: October waits for September', () => {
    const oct = (id: string): Cell[] => ['2026-10', id, 0, 0, 0, 0, 0];
    const values = handBook({}, { attendance: [oct('001'), oct('002'), oct('003'), oct('004')] });
    expect(refusal(values, '2026-10', '2026-11')).toBe('请按月份顺序公示：2026-09 尚未发布公示。');
    const published = { ...values, publications: [headersOf('publications'), pubRow(M)] };
    expect(refusal(published, '2026-10', '2026-11')).toBeNull();
  });
});

function intakeRefusalText(n: number) {
  return `2026-09 有 ${n} 条申报异常尚未处理。请在「申报异常」表逐条处理（请干部改正后重新申报，或由两委直接录入），处理完把该行「处理情况」改为“已处理”（不要删除行）后再发布。`;
}

describe('monthProblemLines and problemsRefusal', () => {
  const P = headersOf('problems');
  const ledger: Cell[][] = [
    ['编号', '月份'],
    ['A', '2026-09'],
    ['B', '2026-10'],
    ['C', '2026年9月'],
  ];
  const attendance: Cell[][] = [
    ['干部编号', '月份'],
    ['001', '2026-10'],
    ['002', '2026-09'],
  ];
  const problems: Cell[][] = [
    P,
    ['积分台账', 2, 'A', '规则编码', '未知规则', 't'],
    ['积分台账', 3, 'B', '数量', '应为整数', 't'],
    ['积分台账', 4, 'C', '', '重复编号', 't'],
    ['考勤记录', 2, '', '迟到', '应为非负整数', 't'],
    ['考勤记录', 3, '', '病假天数', '应为数字', 't'],
    ['干部名册', 2, '001', '姓名', '不能为空', 't'],
    ['积分台账', '', '', '', '缺少列', 't'],
    ['积分台账', 'x', '', '', '坏行号', 't'],
    ['积分台账', 9, '', '', '没有这一行', 't'],
  ];

  test('only rows of the month’s ledger and attendance rows, with 「field」 when there is one', () => {
    expect(monthProblemLines(problems, ledger, attendance, '2026-09', 0)).toEqual([
      '积分台账第2行「规则编码」：未知规则',
      '积分台账第4行：重复编号',
      '考勤记录第3行「病假天数」：应为数字',
    ]);
    expect(monthProblemLines(problems, ledger, attendance, '2026-10', 0)).toEqual([
      '积分台账第3行「数量」：应为整数',
      '考勤记录第2行「迟到」：应为非负整数',
    ]);
    expect(monthProblemLines(undefined, ledger, attendance, '2026-09', 0)).toEqual([]);
    expect(monthProblemLines(problems, undefined, undefined, '2026-09', 0)).toEqual([]);
    // a tab without a 月份 column names no month
    expect(monthProblemLines(problems, [['编号'], ['A']], attendance, '2026-09', 0)).toEqual([
      '考勤记录第3行「病假天数」：应为数字',
    ]);
  });

  test('problemsRefusal counts every line and names the first five', () => {
    expect(problemsRefusal('2026-09', ['a', 'b'])).toBe(
      '2026-09 有 2 处校验问题（a；b），请先在「校验问题」表查看并修正后再发布',
    );
    expect(problemsRefusal('2026-09', ['1', '2', '3', '4', '5'])).toBe(
      '2026-09 有 5 处校验问题（1；2；3；4；5），请先在「校验问题」表查看并修正后再发布',
    );
    expect(problemsRefusal('2026-09', ['1', '2', '3', '4', '5', '6'])).toBe(
      '2026-09 有 6 处校验问题（1；2；3；4；5……），请先在「校验问题」表查看并修正后再发布',
    );
  });
});

describe('the snapshot of the hand-computed September', () => {
  let result: RecomputeResult;
  beforeAll(() => {
    result = run(handBook());
  });
  const opts = { month: M, publishedAt: '2026-10-08 09:30:00', publisher: '社区两委' };

  test('values: title, meta, the ranking (hand figures), the details in ranking order, the footer', () => {
    const s = buildSnapshot(result, opts);
    expect(s.tabName).toBe('公示-2026-09');
    expect(s.title).toBe('和平社区 2026年9月 干部积分公示');
    expect(s.values[0]).toEqual(['和平社区 2026年9月 干部积分公示']);
    expect(s.values[1]).toEqual([
      '考核年度：2026　起始分：100　发布人：社区两委　发布时间：2026-10-08 09:30:00',
    ]);
    expect(s.values[2]).toEqual([]);
    expect(s.values[3]).toEqual([
      '排名',
      '编号',
      '姓名',
      '基础',
      '任务',
      '奖励',
      '月度积分',
      '年度累计',
      '分档',
      '备注',
    ]);
    expect(s.values.slice(4, 8)).toEqual([
      [1, '001', '甲', 15, 15, 95, 125, 225, '前三分之一', ''],
      [2, '004', '丁', 15, 8, 0, 23, 123, '倒数三名', ''],
      [3, '002', '乙', 5, 5, 0, 10, 110, '后三分之一、倒数三名', '并列，需两委研究'],
      [3, '003', '丙', 3, 7, 0, 10, 110, '后三分之一、倒数三名', '并列，需两委研究'],
    ]);
    expect(s.values[8]).toEqual([]);
    expect(s.values[9]).toEqual(['积分明细（2026年9月全部已通过条目）']);
    expect(s.values[10]).toEqual([
      '干部编号',
      '姓名',
      '类别',
      '事项',
      '数量',
      '分值',
      '积分',
      '得分依据',
      '来源',
      '条目编号',
    ]);
    const details = s.values.slice(11, s.layout.detailRows[1]);
    // details follow the ranking (甲, 丁, 乙, 丙), hand rows before system rows within a cadre
    const cadreOrder = details.map((r) => r[0]);
    expect([...new Set(cadreOrder)]).toEqual(['001', '004', '002', '003']);
    expect(
      details.filter((r) => r[8] !== '系统').map((r) => [r[0], r[1], r[4], r[5], r[6], r[8], r[9]]),
    ).toEqual([
      ['001', '甲', 2, 5, 10, '两委', 'H1'],
      ['001', '甲', 1, 5, 5, '两委', 'H2'],
      ['001', '甲', 3, 30, 90, '两委', 'H3'],
      ['004', '丁', 1, 5, 5, '两委', 'H8'],
      ['004', '丁', 1, -2, -2, '两委', 'H9'],
      ['002', '乙', 1, -1, -1, '两委', 'H4'],
      ['002', '乙', 3, 2, 6, '两委', 'H5'],
      ['003', '丙', 1, -5, -5, '两委', 'H6'],
      ['003', '丙', 1, 2, 2, '两委', 'H7'],
    ]);
    expect(details.find((r) => r[9] === 'H1')![2]).toBe('任务');
    expect(details.find((r) => r[9] === 'H3')![2]).toBe('奖励');
    expect(details.find((r) => r[9] === 'H6')![2]).toBe('基础');
    expect(details.find((r) => r[9] === 'H1')![7]).toBe('手算 T-MEDIATION');
    // each cadre's points in the details add up to the month total of the ranking
    const sum = (id: string) => details.filter((r) => r[0] === id).reduce((a, r) => a + Number(r[6]), 0);
    expect(['001', '004', '002', '003'].map(sum)).toEqual([125, 23, 10, 10]);
    const footer = s.values[s.layout.footerRow];
    expect(footer).toEqual([
      `共 4 名干部、明细 ${details.length} 条。月度积分不含起始分，年度累计含起始分 100。如有异议，请向社区两委提出。`,
    ]);
    expect(s.values).toHaveLength(s.layout.footerRow + 1);
    expect(s.values[s.layout.footerRow - 1]).toEqual([]);
    expect(s.layout).toEqual({
      titleRow: 0,
      metaRow: 1,
      cadreHeaderRow: 3,
      cadreRows: [4, 8],
      detailTitleRow: 9,
      detailHeaderRow: 10,
      detailRows: [11, 11 + details.length],
      footerRow: 12 + details.length,
    });
    expect([s.cadres, s.entries, s.month, s.revision, s.publisher, s.publishedAt]).toEqual([
      4,
      details.length,
      M,
      0,
      '社区两委',
      '2026-10-08 09:30:00',
    ]);
  });

  test('a revision is named 更正n in the tab and the title; a month not summarised throws', () => {
    const s = buildSnapshot(result, { ...opts, revision: 2 });
    expect(s.tabName).toBe('公示-2026-09 更正2');
    expect(s.title).toBe('和平社区 2026年9月 干部积分公示（更正2）');
    expect(s.values[0]).toEqual(['和平社区 2026年9月 干部积分公示（更正2）']);
    expect(s.revision).toBe(2);
    expect(() => buildSnapshot(result, { ...opts, month: '2026-12' })).toThrow(
      'month 2026-12 is not summarised',
    );
  });

  test('the 公示记录 record and row: version = revision + 1, rows, the digest of the canonical text', () => {
    const s = buildSnapshot(result, { ...opts, revision: 1 });
    const seen: string[] = [];
    const rec = publicationRecord(s, (t) => {
      seen.push(t);
      return 'd'.repeat(64);
    });
    expect(seen).toEqual([canonicalSnapshotText(s.values)]);
    expect(rec).toEqual({
      period: M,
      version: 2,
      tabName: '公示-2026-09 更正1',
      publisher: '社区两委',
      publishedAt: '2026-10-08 09:30:00',
      rows: s.values.length,
      sha256: 'd'.repeat(64),
    });
    expect(publicationRow(rec)).toEqual([
      M,
      2,
      '公示-2026-09 更正1',
      '社区两委',
      '2026-10-08 09:30:00',
      s.values.length,
      'd'.repeat(64),
    ]);
  });

  test('appendCorrection: the new correction entries, then each affected cadre before → after ', () => {
    const prev = buildSnapshot(result, opts);
    const correction = ledgerRow({
      编号: 'K1',
      月份: M,
      干部编号: '002',
      规则编码: 'T-COMPLAINT',
      数量: 1,
      分值: 1,
      积分: 1,
      得分依据: '撤销投诉扣分',
      来源: '更正',
      状态: '已通过',
      更正对象: 'H4',
    });
    // after publication the 积分台账 holds the month's system rows as the recompute wrote them
    const published = {
      ...handBook(),
      ledger: [...result.ledger, correction],
      publications: [headersOf('publications'), pubRow(M)],
    };
    const after = run(published);
    expect(after.problemList).toEqual([]);
    const s = buildSnapshot(after, { ...opts, revision: 1 });
    const at = s.values.length;
    expect(appendCorrection(s, after, { tabName: prev.tabName, values: prev.values })).toEqual({
      corrections: 1,
    });
    expect(s.values.slice(at)).toEqual([
      [],
      ['更正说明（相对「公示-2026-09」）'],
      ['条目编号', '干部编号', '姓名', '更正对象', '积分变化', '理由'],
      ['K1', '002', '乙', 'H4', 1, '撤销投诉扣分'],
      [],
      ['干部编号', '姓名', '更正前月度积分', '更正后月度积分', '更正前年度累计', '更正后年度累计'],
      // the correction's +1 on top of the published month (its stored system rows stay as they are)
      ['002', '乙', 10, 11, 110, 111],
    ]);
    // a second revision lists only corrections the previous one did not show
    const again = buildSnapshot(after, { ...opts, revision: 2 });
    const at2 = again.values.length;
    expect(appendCorrection(again, after, { tabName: s.tabName, values: s.values })).toEqual({
      corrections: 0,
    });
    expect(again.values.slice(at2)).toEqual([
      [],
      ['更正说明（相对「公示-2026-09 更正1」）'],
      ['条目编号', '干部编号', '姓名', '更正对象', '积分变化', '理由'],
      [],
      ['干部编号', '姓名', '更正前月度积分', '更正后月度积分', '更正前年度累计', '更正后年度累计'],
    ]);
  });

  test('snapshotHtml: title, meta, both tables with numeric and tier classes, footer, digest; text escaped', () => {
    const s = buildSnapshot(result, opts);
    const html = snapshotHtml(s, 'e'.repeat(64));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<title>和平社区 2026年9月 干部积分公示</title>');
    expect(html).toContain('<h1>和平社区 2026年9月 干部积分公示</h1>');
    expect(html).toContain(
      '<p class="meta">考核年度：2026　起始分：100　发布人：社区两委　发布时间：2026-10-08 09:30:00</p>',
    );
    expect(html).toContain(
      '<table class="cadres"><thead><tr><th class="num">排名</th><th>编号</th><th>姓名</th><th class="num">基础</th><th class="num">任务</th><th class="num">奖励</th><th class="num">月度积分</th><th class="num">年度累计</th><th>分档</th><th>备注</th></tr></thead><tbody>',
    );
    expect(html).toContain(
      '<tr><td class="num">1</td><td>001</td><td>甲</td><td class="num">15</td><td class="num">15</td><td class="num">95</td><td class="num">125</td><td class="num">225</td><td class="tier top">前三分之一</td><td></td></tr>\n',
    );
    expect(html).toContain(
      '<td class="tier bottom3">后三分之一、倒数三名</td><td>并列，需两委研究</td></tr>',
    );
    expect(html).toContain(
      '<table class="details"><thead><tr><th>干部编号</th><th>姓名</th><th>类别</th><th>事项</th><th class="num">数量</th><th class="num">分值</th><th class="num">积分</th><th>得分依据</th><th>来源</th><th>条目编号</th></tr></thead><tbody>',
    );
    expect(html).toContain('<h2>积分明细（2026年9月全部已通过条目）</h2>');
    expect(html).toContain('<td>手算 T-MEDIATION</td><td>两委</td><td>H1</td></tr>');
    expect(html).toContain('<p class="footer">共 4 名干部、');
    expect(html).toContain(
      `<p class="digest">公示-2026-09 · SHA-256 ${'e'.repeat(64)}</p>\n</body>\n</html>\n`,
    );
    // the cadre table has exactly the four cadres, the details table its entries
    const cadres = html.split('<table class="cadres">')[1]!.split('</table>')[0]!;
    expect(cadres.match(/<tr>/g)).toHaveLength(5);
    const details = html.split('<table class="details">')[1]!.split('</table>')[0]!;
    expect(details.match(/<tr>/g)).toHaveLength(1 + s.entries);

    const hostile = { ...s, title: '<b>"x"</b>', tabName: "a&b'" };
    hostile.values = s.values.map((r) => r.slice());
    hostile.values[0] = ['<script>'];
    hostile.values[5]![2] = '丁<i>';
    const h = snapshotHtml(hostile, '<sha>');
    expect(h).toContain('<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>');
    expect(h).toContain('<h1>&lt;script&gt;</h1>');
    expect(h).toContain('<td>丁&lt;i&gt;</td>');
    expect(h).toContain('<p class="digest">a&amp;b&#39; · SHA-256 &lt;sha&gt;</p>');
  });
});

describe('canonicalSnapshotText', () => {
  test.each<[string, Cell[][], string]>([
    [
      'numbers, booleans, trimmed strings',
      [[' a ', 12, -5, 0.5, true, false]],
      '[["a","12","-5","0.5","TRUE","FALSE"]]',
    ],
    [
      'trailing empty cells dropped, inner ones kept',
      [['a', '', null, 'b', '', null, undefined]],
      '[["a","","","b"]]',
    ],
    [
      'trailing empty rows dropped, inner ones kept',
      [['a'], [], ['', null], ['b'], [''], [], [null]],
      '[["a"],[],[],["b"]]',
    ],
    ['nothing', [], '[]'],
    ['only empty rows', [[], ['']], '[]'],
    ['a Date at UTC', [[new Date('2026-10-08T00:00:00Z')]], '[["2026-10-08"]]'],
  ])('%s', (_what, values, text) => {
    expect(canonicalSnapshotText(values)).toBe(text);
  });
});

describe('verifyPublications', () => {
  const P = headersOf('publications');
  const sha = (t: string) => `sha(${t})`;
  const tabs: Record<string, Cell[][]> = {
    '公示-2026-08': [['a', 1]],
    '公示-2026-09': [['b']],
  };

  test('ok, modified (the expected digest compared case-insensitively), missing', () => {
    const rows: Cell[][] = [
      P,
      ['2026-08', 1, '公示-2026-08', 'x', 't', 1, 'SHA([["a","1"]])'],
      ['2026-09', 1, '公示-2026-09', 'x', 't', 1, 'sha([["c"]])'],
      ['2026-10', 1, '公示-2026-10', 'x', 't', 1, 'abc'],
    ];
    expect(verifyPublications(rows, (n) => tabs[n], sha)).toEqual([
      {
        period: '2026-08',
        tabName: '公示-2026-08',
        status: 'ok',
        expected: 'sha([["a","1"]])',
        actual: 'sha([["a","1"]])',
      },
      {
        period: '2026-09',
        tabName: '公示-2026-09',
        status: 'modified',
        expected: 'sha([["c"]])',
        actual: 'sha([["b"]])',
      },
      { period: '2026-10', tabName: '公示-2026-10', status: 'missing', expected: 'abc' },
    ]);
    expect(verifyPublications(undefined, (n) => tabs[n], sha)).toEqual([]);
    expect(verifyPublications([P], (n) => tabs[n], sha)).toEqual([]);
  });
});

describe('escapeHtml and tierClass', () => {
  test.each<[string, string]>([
    ['a & b', 'a &amp; b'],
    ['<td>', '&lt;td&gt;'],
    ['"q"', '&quot;q&quot;'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['和平', '和平'],
  ])('escapeHtml(%p)', (s, out) => {
    expect(escapeHtml(s)).toBe(out);
  });

  test.each<[string, string]>([
    ['前三分之一', 'top'],
    ['后三分之一', 'bottom'],
    ['倒数三名', 'bottom3'],
    ['后三分之一、倒数三名', 'bottom3'],
    ['前三分之一、倒数三名', 'bottom3'],
    ['前三分之一、后三分之一', 'bottom'],
    ['', ''],
    ['其他', ''],
  ])('tierClass(%p) is %p (the lowest tier wins)', (t, cls) => {
    expect(tierClass(t)).toBe(cls);
  });
});
