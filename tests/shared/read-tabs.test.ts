// src/shared/read-tabs.ts on its own: how the input tabs (SPEC §6) become the core's raw scenario, with the
// tab-level problems in the committee's words. Expectations by hand.

import { DEFAULT_RULES } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import {
  readSettings,
  readTable,
  readWorkbook,
  type SheetProblem,
  toSheetProblem,
  type WorkbookValues,
} from '../../src/shared/read-tabs';
import { headersOf } from '../../src/shared/tabs';

describe('readTable', () => {
  test('finds columns by header in any order, the first of duplicates, skips blank rows, lists missing headers', () => {
    const t = readTable(
      [
        [' 姓名 ', '编号', '', '姓名', 7],
        ['张三', '001', 'x', '重复', 'y'],
        ['', null, undefined, '', ''],
        [],
        ['李四', '002'],
      ],
      'roster',
      ['编号', '姓名', '职务'],
    );
    expect([...t.index]).toEqual([
      ['姓名', 0],
      ['编号', 1],
      ['7', 4],
    ]);
    expect(t.missing).toEqual(['职务']);
    expect(t.rows.map((r) => [r.row, r.get('编号'), r.get('姓名'), r.get('职务')])).toEqual([
      [2, '001', '张三', undefined],
      [5, '002', '李四', undefined],
    ]);
    expect(t.rows[0]!.cells).toEqual(['张三', '001', 'x', '重复', 'y']);
  });

  test('no tab: no rows, nothing missing; a header-only tab: no rows; default required headers are the tab’s', () => {
    expect(readTable(undefined, 'roster')).toEqual({ rows: [], index: new Map(), missing: [] });
    const t = readTable([['编号']], 'attendance');
    expect(t.rows).toEqual([]);
    expect(t.missing).toEqual(headersOf('attendance'));
    expect(readTable([[]], 'scores', []).missing).toEqual([]);
  });
});

describe('readSettings', () => {
  const S = headersOf('settings');
  const read = (rows: Cell[][]) => {
    const problems: SheetProblem[] = [];
    const s = readSettings([S, ...rows], problems);
    return { s, problems };
  };

  test('defaults when the tab is missing or empty', () => {
    const problems: SheetProblem[] = [];
    expect(readSettings(undefined, problems)).toEqual({
      communityName: '社区',
      deadlineDay: 0,
      committeeEmails: [],
      disciplineEmail: '',
      publicityDays: 5,
      objectionContact: '社区两委办公室',
      publisherName: '',
      reportTo: '街道党工委',
      startingPoints: undefined,
      fullAttendanceMode: undefined,
      tierFraction: undefined,
      bottomCount: undefined,
      pointsPerHalfDay: undefined,
    });
    expect(problems).toEqual([]);
  });

  test('every setting read', () => {
    const { s, problems } = read([
      ['社区名称', ' 和平社区 ', ''],
      ['考核年度', '2026', ''],
      ['起始分', '100', ''],
      ['全勤计分方式', '叠加', ''],
      ['分档比例', '1 / 4', ''],
      ['倒数名次', 3, ''],
      ['兑换标准', '120', ''],
      ['申报截止日', '5', ''],
      ['两委成员邮箱', 'A@x.org，b@x.org; c@x.org  d@x.org；E@X.ORG,', ''],
      ['纪检专干邮箱', 'JJ@X.org', ''],
      ['公示天数', 10, ''],
      ['异议联系人', '王主任 电话 123', ''],
      ['公示发布人', '社区两委会', ''],
      ['报送单位', '某某街道', ''],
      ['', '无键的行', ''],
    ]);
    expect(problems).toEqual([]);
    expect(s).toEqual({
      communityName: '和平社区',
      year: 2026,
      startingPoints: 100,
      fullAttendanceMode: 'add',
      tierFraction: 0.25,
      bottomCount: 3,
      pointsPerHalfDay: 120,
      deadlineDay: 5,
      committeeEmails: ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org'],
      disciplineEmail: 'jj@x.org',
      publicityDays: 10,
      objectionContact: '王主任 电话 123',
      publisherName: '社区两委会',
      reportTo: '某某街道',
    });
  });

  test.each<[string, Cell, unknown]>([
    ['全勤计分方式', '替代', 'replace'],
    ['全勤计分方式', '叠加', 'add'],
    ['全勤计分方式', '其他', '其他'],
    ['全勤计分方式', '', undefined],
    ['分档比例', '1/3', 1 / 3],
    ['分档比例', '2/0', '2/0'],
    ['分档比例', '0.3', 0.3],
    ['分档比例', '三分之一', '三分之一'],
    ['分档比例', '', undefined],
    ['起始分', '八十', '八十'],
  ])('%s %p', (key, value, expected) => {
    const field = { 全勤计分方式: 'fullAttendanceMode', 分档比例: 'tierFraction', 起始分: 'startingPoints' }[
      key
    ] as 'fullAttendanceMode';
    expect(read([[key, value, '']]).s[field]).toEqual(expected);
  });

  test.each<[Cell, number, string | null]>([
    ['月末', 0, null],
    ['', 0, null],
    ['1', 1, null],
    ['28', 28, null],
    ['29', 0, '应为“月末”或 1–28 的日期（实际：29）'],
    ['0', 0, '应为“月末”或 1–28 的日期（实际：0）'],
    ['2.5', 0, '应为“月末”或 1–28 的日期（实际：2.5）'],
    ['下旬', 0, '应为“月末”或 1–28 的日期（实际：下旬）'],
  ])('申报截止日 %p', (value, day, message) => {
    const { s, problems } = read([
      ['社区名称', 'x', ''],
      ['申报截止日', value, ''],
    ]);
    expect(s.deadlineDay).toBe(day);
    expect(problems).toEqual(message ? [{ tab: '设置', row: 3, id: '', field: '申报截止日', message }] : []);
  });

  test.each<[Cell, number, string | null]>([
    [1, 1, null],
    [60, 60, null],
    ['', 5, null],
    [0, 5, '应为 1–60 的整数天数（实际：0），已按 5 天计'],
    [61, 5, '应为 1–60 的整数天数（实际：61），已按 5 天计'],
    [7.5, 5, '应为 1–60 的整数天数（实际：7.5），已按 5 天计'],
    ['一周', 5, '应为 1–60 的整数天数（实际：一周），已按 5 天计'],
  ])('公示天数 %p (default 5, SPEC §6)', (value, days, message) => {
    const { s, problems } = read([['公示天数', value, '']]);
    expect(s.publicityDays).toBe(days);
    expect(problems).toEqual(message ? [{ tab: '设置', row: 2, id: '', field: '公示天数', message }] : []);
  });

  test('the names earlier versions wrote (公示期天数, 异议受理) are still read; the SPEC name wins when both are there', () => {
    const legacy = read([
      ['公示期天数', 10, ''],
      ['异议受理', '王主任', ''],
    ]);
    expect([legacy.s.publicityDays, legacy.s.objectionContact]).toEqual([10, '王主任']);
    expect(read([['公示期天数', 0, '']]).problems).toEqual([
      {
        tab: '设置',
        row: 2,
        id: '',
        field: '公示期天数',
        message: '应为 1–60 的整数天数（实际：0），已按 5 天计',
      },
    ]);
    const both = read([
      ['公示期天数', 10, ''],
      ['公示天数', 3, ''],
      ['异议受理', '王主任', ''],
      ['异议联系人', '', ''],
    ]);
    // a SPEC key left blank still wins: its default applies
    expect([both.s.publicityDays, both.s.objectionContact]).toEqual([3, '社区两委办公室']);
    expect(read([]).s).toMatchObject({ publicityDays: 5, objectionContact: '社区两委办公室' });
  });

  test('考核年度 that is not a number is a problem; an e-mail is never printed as the publisher', () => {
    const { s, problems } = read([
      ['考核年度', '二〇二六', ''],
      ['公示发布人', 'owner@x.org', ''],
    ]);
    expect(s.year).toBeUndefined();
    expect(s.publisherName).toBe('');
    expect(problems).toEqual([
      { tab: '设置', row: 2, id: '', field: '考核年度', message: '应为四位年份（实际：二〇二六）' },
    ]);
  });

  test('a later row of the same key wins', () => {
    expect(
      read([
        ['社区名称', '甲社区', ''],
        ['社区名称', '乙社区', ''],
      ]).s.communityName,
    ).toBe('乙社区');
  });
});

describe('readWorkbook', () => {
  const row = (tab: Parameters<typeof headersOf>[0], f: Record<string, Cell>): Cell[] =>
    headersOf(tab).map((h) => f[h] ?? '');

  test('missing tabs: 干部名册, 积分台账 and (when given) 积分规则 are required; others are optional', () => {
    const r = readWorkbook({}, 0);
    expect(r.problems).toEqual([
      { tab: '干部名册', row: '', id: '', field: '', message: '缺少「干部名册」表' },
      { tab: '积分台账', row: '', id: '', field: '', message: '缺少「积分台账」表' },
    ]);
    expect(r.raw.rules).toBeUndefined();
    expect(r.publishedMonths).toEqual([]);
  });

  test('missing headers are named, by tab', () => {
    const r = readWorkbook(
      {
        roster: [['编号']],
        ledger: [['编号', '月份', '干部编号']],
        rules: [['规则编码', '类别', '事项']],
        attendance: [['月份']],
        scores: [['期间', '成绩']],
        redemptions: [['干部编号']],
      },
      0,
    );
    const missing = (tab: string) =>
      r.problems.filter((p) => p.tab === tab).map((p) => [p.row, p.field, p.message]);
    expect(missing('干部名册')).toEqual([[1, '姓名', '表头缺少「姓名」列']]);
    expect(missing('积分台账')).toEqual([
      [1, '规则编码', '表头缺少「规则编码」列'],
      [1, '数量', '表头缺少「数量」列'],
      [1, '状态', '表头缺少「状态」列'],
    ]);
    expect(missing('积分规则')).toEqual([
      [1, '分值', '表头缺少「分值」列'],
      [1, '类型', '表头缺少「类型」列'],
    ]);
    expect(missing('考勤记录')).toEqual([[1, '干部编号', '表头缺少「干部编号」列']]);
    expect(missing('考核成绩')).toEqual([
      [1, '考核项目', '表头缺少「考核项目」列'],
      [1, '干部编号', '表头缺少「干部编号」列'],
    ]);
    expect(missing('积分兑换')).toEqual([
      [1, '日期', '表头缺少「日期」列'],
      [1, '半天数', '表头缺少「半天数」列'],
    ]);
  });

  test('every input tab read into the raw scenario (Date cells in the sheet’s offset)', () => {
    const shanghaiMidnight = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600 * 1000);
    const values: WorkbookValues = {
      settings: [headersOf('settings'), ['考核年度', 2026, ''], ['起始分', 90, ''], ['倒数名次', '2', '']],
      roster: [
        headersOf('roster'),
        row('roster', {
          编号: '001',
          姓名: ' 甲 ',
          职务: '书记',
          邮箱: 'A@X.org',
          起始月份: shanghaiMidnight('2026-03-01'),
          参与排名: '否',
        }),
        row('roster', { 编号: 2, 姓名: '乙', 离职月份: '2026年8月' }),
      ],
      rules: [
        headersOf('rules'),
        row('rules', {
          规则编码: 'B-ATT',
          类别: '基础',
          事项: '按时',
          分值: '8',
          类型: '考勤',
          考勤档: '按时',
          启用: '是',
          可申报: '否',
          需填依据: 'N',
        }),
        row('rules', {
          规则编码: 'R-TOP',
          类别: '奖励',
          事项: '学习强国前三',
          分值: 3,
          类型: '前N名',
          名次N: 3,
          成绩周期: '季度',
          关联编码: 'X-1',
        }),
        row('rules', {
          规则编码: 'Z',
          类别: '杂项',
          事项: 'z',
          分值: 1,
          类型: '月度无扣分',
          考勤档: '全勤',
          成绩周期: '半年',
        }),
        row('rules', { 规则编码: 'Y', 类别: '任务', 事项: 'y', 分值: 1, 类型: '按次' }),
        row('rules', { 规则编码: 'W', 类别: '任务', 事项: 'w', 分值: 1, 类型: '每天' }),
      ],
      ledger: [
        headersOf('ledger'),
        row('ledger', {
          编号: 'E1',
          月份: '2026/3',
          干部编号: '001',
          规则编码: 'T-X',
          数量: '2',
          分值: '',
          得分依据: ' 依据 ',
          来源: '表单',
          状态: '已通过',
          更正对象: '',
        }),
        row('ledger', {
          编号: 'E2',
          月份: shanghaiMidnight('2026-04-01'),
          干部编号: '002',
          规则编码: 'T-Y',
          数量: 1,
        }),
        row('ledger', {
          编号: 'E3',
          月份: '2026-04',
          干部编号: '002',
          规则编码: 'T-Y',
          数量: 1,
          来源: '表单',
        }),
        row('ledger', {
          编号: 'K1',
          月份: '2026-04',
          干部编号: '002',
          规则编码: 'T-Y',
          数量: 1,
          分值: 2,
          来源: '更正',
          状态: '已通过',
          更正对象: 'E2',
        }),
        row('ledger', {
          编号: 'E4',
          月份: '2026-04',
          干部编号: '002',
          规则编码: 'T-Y',
          数量: 1,
          来源: '网上',
          状态: '通过',
        }),
      ],
      attendance: [
        headersOf('attendance'),
        row('attendance', {
          月份: '2026-03',
          干部编号: '001',
          迟到: 1,
          早退: '2',
          旷工: 0,
          事假天数: 1.5,
          病假天数: '',
        }),
      ],
      scores: [
        headersOf('scores'),
        row('scores', { 期间: '2026-q1', 考核项目: '学习强国', 干部编号: '001', 成绩: '95' }),
        row('scores', { 期间: '2026-H1', 考核项目: 'R-TOP', 干部编号: '002', 成绩: 80 }),
        row('scores', { 期间: '2026-H1', 考核项目: '学习强国前三', 干部编号: '002', 成绩: 80 }),
        row('scores', { 期间: '2026-H1', 考核项目: '前三', 干部编号: '002', 成绩: 80 }),
        row('scores', { 期间: '2026-H1', 考核项目: '别的', 干部编号: '002', 成绩: 80 }),
        row('scores', { 期间: '2026-H1', 考核项目: '', 干部编号: '002', 成绩: 80 }),
      ],
      redemptions: [
        headersOf('redemptions'),
        row('redemptions', { 编号: 'D1', 干部编号: '001', 日期: '2026/10/3', 半天数: '1', 备注: '' }),
        row('redemptions', {
          干部编号: '002',
          日期: shanghaiMidnight('2026-10-05'),
          半天数: 2,
          备注: '看病',
        }),
      ],
      publications: [
        headersOf('publications'),
        ['2026-03', 1, '公示-2026-03'],
        [shanghaiMidnight('2026-04-01'), 1, '公示-2026-04'],
        ['2026-H1', 1, '公示-2026-H1'],
        ['2026-03', 2, '公示-2026-03 更正1'],
      ],
    };
    const r = readWorkbook(values, 480);
    expect(r.problems).toEqual([]);
    expect(r.publishedMonths).toEqual(['2026-03', '2026-04']);
    expect(r.raw.publishedMonths).toEqual(['2026-03', '2026-04']);
    expect(r.raw.settings).toEqual({
      year: 2026,
      startingPoints: 90,
      fullAttendanceMode: undefined,
      tierFraction: undefined,
      bottomCount: 2,
      pointsPerHalfDay: undefined,
    });
    expect(r.raw.roster).toEqual([
      {
        row: 2,
        id: '001',
        name: '甲',
        role: '书记',
        email: 'a@x.org',
        startMonth: '2026-03',
        endMonth: null,
        ranked: false,
      },
      {
        row: 3,
        id: '2',
        name: '乙',
        role: undefined,
        email: undefined,
        startMonth: null,
        endMonth: '2026-08',
        ranked: true,
      },
    ]);
    expect(r.raw.rules).toEqual([
      {
        row: 2,
        code: 'B-ATT',
        category: 'base',
        item: '按时',
        points: 8,
        kind: 'attendance',
        tier: 'punctual',
        linkedCode: null,
        topN: null,
        scorePeriod: null,
        active: true,
        claimable: false,
        evidenceRequired: false,
      },
      {
        row: 3,
        code: 'R-TOP',
        category: 'reward',
        item: '学习强国前三',
        points: 3,
        kind: 'top-n',
        tier: null,
        linkedCode: 'X-1',
        topN: 3,
        scorePeriod: 'quarter',
        active: null,
        claimable: null,
        evidenceRequired: null,
      },
      {
        row: 4,
        code: 'Z',
        category: '杂项',
        item: 'z',
        points: 1,
        kind: 'monthly-absence',
        tier: 'full',
        linkedCode: null,
        topN: null,
        scorePeriod: 'half-year',
        active: null,
        claimable: null,
        evidenceRequired: null,
      },
      expect.objectContaining({ code: 'Y', category: 'task', kind: 'per-event' }),
      expect.objectContaining({ code: 'W', kind: '每天' }),
    ]);
    expect(r.raw.entries).toEqual([
      {
        row: 2,
        id: 'E1',
        month: '2026-03',
        cadreId: '001',
        ruleCode: 'T-X',
        quantity: 2,
        status: 'approved',
        reason: '依据',
        source: 'form',
        unitPoints: null,
        correctsId: null,
      },
      // no 来源: a committee row, approved when no 状态
      expect.objectContaining({
        row: 3,
        id: 'E2',
        month: '2026-04',
        source: 'committee',
        status: 'approved',
      }),
      // a form claim without 状态 is pending
      expect.objectContaining({ row: 4, id: 'E3', source: 'form', status: 'pending' }),
      expect.objectContaining({
        row: 5,
        id: 'K1',
        source: 'correction',
        status: 'approved',
        unitPoints: 2,
        correctsId: 'E2',
      }),
      // unknown words are passed on for the validator
      expect.objectContaining({ row: 6, id: 'E4', source: '网上', status: '通过' }),
    ]);
    expect(r.raw.attendance).toEqual([
      {
        row: 2,
        month: '2026-03',
        cadreId: '001',
        late: 1,
        earlyLeave: 2,
        absent: 0,
        personalLeaveDays: 1.5,
        sickLeaveDays: undefined,
      },
    ]);
    expect(
      (r.raw.scores as { period: string; ruleCode: string; cadreId: string; score: unknown }[]).map((s) => [
        s.period,
        s.ruleCode,
        s.cadreId,
        s.score,
      ]),
    ).toEqual([
      ['2026-Q1', 'R-STUDY-TOP5', '001', 95], // 学习强国 by its name (SCORE_ITEM_ZH)
      ['2026-H1', 'R-TOP', '002', 80],
      ['2026-H1', 'R-TOP', '002', 80],
      ['2026-H1', 'R-TOP', '002', 80],
      ['2026-H1', '别的', '002', 80],
      ['2026-H1', '', '002', 80],
    ]);
    expect(r.raw.redemptions).toEqual([
      { row: 2, id: 'D1', cadreId: '001', date: '2026-10-03', halfDays: 1, note: null },
      { row: 3, id: null, cadreId: '002', date: '2026-10-05', halfDays: 2, note: '看病' },
    ]);
  });

  test('scores name default catalogue rules when the workbook has no 积分规则 tab', () => {
    const values: WorkbookValues = {
      roster: [headersOf('roster')],
      ledger: [headersOf('ledger')],
      scores: [headersOf('scores'), ['2026-Q1', '四知四清四掌握', '001', 90]],
    };
    const [s] = readWorkbook(values, 0, DEFAULT_RULES).raw.scores as { ruleCode: string }[];
    const code = DEFAULT_RULES.find((r) => r.kind === 'top-n' && r.item.includes('四知四清四掌握'))!.code;
    expect(s!.ruleCode).toBe(code);
  });
});

describe('toSheetProblem', () => {
  test('tab and header in Chinese; scores’ ruleCode is 考核项目; unknown fields stay as they are', () => {
    expect(
      toSheetProblem({ table: 'entries', index: 0, row: 5, id: 'E1', field: 'quantity', message: 'm' }),
    ).toEqual({
      tab: '积分台账',
      row: 5,
      id: 'E1',
      field: '数量',
      message: 'm',
    });
    expect(
      toSheetProblem({ table: 'scores', index: 0, row: 3, field: 'ruleCode', message: 'm' } as never),
    ).toEqual({
      tab: '考核成绩',
      row: 3,
      id: '',
      field: '考核项目',
      message: 'm',
    });
    expect(toSheetProblem({ table: 'roster', index: 0, field: 'zzz', message: 'm' } as never)).toEqual({
      tab: '干部名册',
      row: '',
      id: '',
      field: 'zzz',
      message: 'm',
    });
  });
});
