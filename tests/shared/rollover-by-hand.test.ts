// 年度结转 helpers by hand: the step marker, the archive refusal, 设置 edits, published periods, later rows and the next year's roster.
import type { Cell } from '../../src/shared/cells';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import {
  archiveMarker,
  archiveRefusal,
  isAfterYear,
  isPublicationTab,
  laterRows,
  leavers,
  nextYearValues,
  progressText,
  publishedPeriods,
  readProgress,
  rolloverRefusal,
  withSetting,
  yearOver,
  yearTabName,
} from '../../src/shared/rollover';
import { headersOf } from '../../src/shared/tabs';

const SETTINGS_HEAD = ['项目', '值', '说明'];
const settings = (...rows: Cell[][]): Cell[][] => [SETTINGS_HEAD, ['考核年度', '2026', ''], ...rows];

describe('the step marker', () => {
  test.each([
    [{ year: 2026, step: 'published' as const }, '2026 年度公示已发布'],
    [
      { year: 2026, step: 'archived' as const, archive: '/书/台账-2026归档.xlsx' },
      '2026 已归档：/书/台账-2026归档.xlsx',
    ],
    [
      { year: 2027, step: 'done' as const, archive: 'https://docs.google.com/x' },
      '2027 已完成：https://docs.google.com/x',
    ],
    [{ year: 2026, step: 'done' as const }, '2026 已完成'],
    [{ year: 2026, step: 'archived' as const, archive: '' }, '2026 已归档'],
  ])('progressText(%j) = %s', (p, text) => {
    expect(progressText(p)).toBe(text);
  });

  test.each<[Cell, ReturnType<typeof readProgress>]>([
    ['2026 年度公示已发布', { year: 2026, step: 'published' }],
    ['2026 已归档：/a.xlsx', { year: 2026, step: 'archived', archive: '/a.xlsx' }],
    ['  2025 已完成：链接  ', { year: 2025, step: 'done', archive: '链接' }],
    ['2026 已完成', { year: 2026, step: 'done' }],
    // an empty place after the colon, other words, a two-digit year, text around it: none is a marker
    ['2026 已完成：', null],
    ['2026 进行中', null],
    ['26 已完成', null],
    ['结转 2026 已完成', null],
    ['2026 已完成x', null],
    ['', null],
  ])('readProgress with 结转进度 = %j', (value, progress) => {
    expect(readProgress(settings(['结转进度', value, '']))).toStrictEqual(progress);
  });

  test('the marker is found by its key, not by its place; no 设置 reads as none', () => {
    expect(readProgress(settings(['别的项目', '2026 已完成', '']))).toBeNull();
    expect(
      readProgress(settings(['其他', 'x', ''], [' 结转进度 ', '2026 年度公示已发布', ''])),
    ).toStrictEqual({
      year: 2026,
      step: 'published',
    });
    expect(readProgress(undefined)).toBeNull();
    expect(readProgress([])).toBeNull();
  });

  test('archiveMarker and archiveRefusal', () => {
    expect(archiveMarker(2026, '/书/台账.xlsx')).toBe('2026 归档（只读）：/书/台账.xlsx');
    expect(archiveRefusal(settings(['结转进度', archiveMarker(2026, '/书/台账.xlsx'), '']))).toBe(
      '这是 2026 年度的只读归档，不能结转或修改。年度结转请对工作簿（/书/台账.xlsx）运行。',
    );
    expect(archiveRefusal(settings(['结转进度', archiveMarker(2025, ''), '']))).toBe(
      '这是 2025 年度的只读归档，不能结转或修改。年度结转请对工作簿运行。',
    );
    expect(archiveRefusal(settings(['结转进度', '2026 已完成：/x', '']))).toBeNull();
    expect(archiveRefusal(settings(['备注', archiveMarker(2026, '/x'), '']))).toBeNull();
    expect(archiveRefusal(settings(['结转进度', `前缀${archiveMarker(2026, '/x')}`, '']))).toBeNull();
    expect(archiveRefusal(undefined)).toBeNull();
  });
});

describe('withSetting', () => {
  test('replaces the value of an existing key, leaves the rest and the input untouched', () => {
    const before = settings(['结转进度', '旧', '说明文字']);
    const copy = before.map((r) => [...r]);
    const after = withSetting(before, '结转进度', '新', '不用的说明');
    expect(after).toEqual([SETTINGS_HEAD, ['考核年度', '2026', ''], ['结转进度', '新', '说明文字']]);
    expect(before).toEqual(copy);
  });
  test('adds a missing key at the end with its note; the header row is never taken for a key', () => {
    expect(withSetting(settings(), '项目', 'x', '注')).toEqual([
      SETTINGS_HEAD,
      ['考核年度', '2026', ''],
      ['项目', 'x', '注'],
    ]);
    expect(withSetting(settings(), '结转进度', '2026 已完成')).toEqual([
      SETTINGS_HEAD,
      ['考核年度', '2026', ''],
      ['结转进度', '2026 已完成', ''],
    ]);
  });
  test('no 设置 (or an empty one) starts from the headers; columns are found by name', () => {
    expect(withSetting(undefined, '考核年度', '2027', '注')).toEqual([
      SETTINGS_HEAD,
      ['考核年度', '2027', '注'],
    ]);
    expect(withSetting([], '考核年度', '2027')).toEqual([SETTINGS_HEAD, ['考核年度', '2027', '']]);
    expect(withSetting([['值', '项目']], 'k', 'v', '注')).toEqual([
      ['值', '项目'],
      ['v', 'k'],
    ]);
    expect(
      withSetting(
        [
          ['值', '项目'],
          ['1', '考核年度'],
        ],
        '考核年度',
        '2027',
      ),
    ).toEqual([
      ['值', '项目'],
      ['2027', '考核年度'],
    ]);
  });
});

describe('periods and years', () => {
  test('publishedPeriods: months normalised, half-years / quarters / years as written', () => {
    const values: WorkbookValues = {
      publications: [
        headersOf('publications'),
        ['2026-10'],
        ['2026/8'],
        [new Date(Date.UTC(2026, 8, 1))],
        [new Date(Date.UTC(2026, 5, 30, 16))],
        ['2026-H1'],
        ['2026-Q3'],
        ['2026'],
        ['2026-H3'],
        ['上半年'],
      ],
    };
    expect([...publishedPeriods(values, 0)].sort()).toEqual(
      ['2026-10', '2026-08', '2026-09', '2026-06', '2026-H1', '2026-Q3', '2026', '2026-H3', '上半年'].sort(),
    );
    // the same Date cells read in Shanghai time
    expect(publishedPeriods(values, 480).has('2026-07')).toBe(true);
    expect(publishedPeriods({}, 0).size).toBe(0);
  });

  test.each([
    [2026, '2026-12', false],
    [2026, '2027-01', true],
    [2026, '2026-01', false],
    [2025, '2026-06', true],
  ])('yearOver(%d, %s) = %s', (year, now, over) => {
    expect(yearOver(year, now)).toBe(over);
  });

  test.each<[Cell, number, boolean]>([
    ['2027-01', 0, true],
    ['2026-12', 0, false],
    ['2027-Q1', 0, true],
    ['2027-H1', 0, true],
    ['2027', 0, true],
    ['2026', 0, false],
    ['2027年1月', 0, true],
    ['2027/1', 0, true],
    [new Date(Date.UTC(2027, 0, 1)), 0, true],
    [new Date(Date.UTC(2026, 11, 31, 16)), 0, false],
    [new Date(Date.UTC(2026, 11, 31, 16)), 480, true],
    [20270101, 0, false],
    ['20270101', 0, false],
    ['下一年', 0, false],
    ['', 0, false],
    [null, 0, false],
  ])('isAfterYear(%j, offset %d) of 2026 = %s', (v, offset, after) => {
    expect(isAfterYear(v, 2026, offset)).toBe(after);
  });

  test.each([
    ['公示-2026', true],
    ['公示-2026-10', true],
    ['报告-2026-H1', true],
    ['公示-26', false],
    ['旧公示-2026', false],
    ['公示记录', false],
    ['积分台账', false],
  ])('isPublicationTab(%s) = %s', (name, is) => {
    expect(isPublicationTab(name)).toBe(is);
  });

  test('yearTabName', () => {
    expect(yearTabName(2026)).toBe('公示-2026');
  });
});

describe('rolloverRefusal', () => {
  const two = [
    { kind: 'month' as const, text: '2026-11 的月度公示未发布' },
    { kind: 'objection' as const, text: '异议处理第3行（O002，李秀英）尚未处理' },
  ];
  test('every item numbered, in order, then how to go on', () => {
    expect(rolloverRefusal(2026, '2027-03', two, '', '请在对话框中填写说明')).toBe(
      [
        '2026 年度还不能结转，尚缺以下 2 项：',
        '1. 2026-11 的月度公示未发布',
        '2. 异议处理第3行（O002，李秀英）尚未处理',
        '请先逐项处理（发布公示、审核申报、处理异议）后再结转；如两委确认按现状结转，请在对话框中填写说明，说明会写入操作日志和年度公示。',
      ].join('\n'),
    );
  });
  test('too early wins over everything, even a stated exception', () => {
    expect(rolloverRefusal(2027, '2027-12', two, '确认', 'x')).toBe(
      '考核年度 2027 尚未结束（当前为 2027-12），年度结转请在 2028 年1月及以后进行。',
    );
  });
});

describe('the next year', () => {
  const RH = headersOf('roster');
  const at = (h: string) => RH.indexOf(h);
  function rosterRow(o: Record<string, Cell>): Cell[] {
    return RH.map((h) => o[h] ?? '');
  }

  test('laterRows keeps copies of next-year rows of the dated tabs only', () => {
    const LH = headersOf('ledger');
    const row = (month: Cell) =>
      LH.map((h) => (h === '月份' ? month : h === '编号' ? `E-${String(month)}` : ''));
    const values: WorkbookValues = {
      ledger: [LH, row('2026-12'), row('2027-01'), row(new Date(Date.UTC(2027, 1, 1))), row('')],
      objections: [headersOf('objections'), headersOf('objections').map(() => '2027-01')],
      attendance: [
        ['干部编号', '考勤'],
        ['001', '2027-01'],
      ],
    };
    const later = laterRows(values, 'ledger', 2026);
    expect(later).toEqual([row('2027-01'), row(new Date(Date.UTC(2027, 1, 1)))]);
    expect(later[0]).not.toBe(values.ledger![2]);
    expect(laterRows(values, 'objections', 2026)).toEqual([]);
    // no 月份 column: nothing can be told to be later
    expect(laterRows(values, 'attendance', 2026)).toEqual([]);
    expect(laterRows(values, 'scores', 2026)).toEqual([]);
    expect(laterRows({ ledger: [] }, 'ledger', 2026)).toEqual([]);
  });

  test('roster: leavers and blank rows dropped, 起始月份 and 离职月份 cleared, short rows left short', () => {
    const values: WorkbookValues = {
      roster: [
        RH,
        rosterRow({ 编号: '001', 姓名: '王建国', 在职状态: '在职', 起始月份: '2026-03', 参与排名: '是' }),
        rosterRow({ 编号: '002', 姓名: '李秀英', 在职状态: '离职', 离职月份: '2026-08' }),
        RH.map(() => ''),
        rosterRow({ 编号: '003', 姓名: '张伟', 在职状态: ' 在职 ', 离职月份: '2026-12' }),
        ['004', '刘芳'],
      ],
      settings: settings(['结转进度', '2026 已归档：/x', '']),
      rules: [headersOf('rules')],
    };
    const next = nextYearValues(values, 2026);
    expect(next.roster).toEqual([
      RH,
      rosterRow({ 编号: '001', 姓名: '王建国', 在职状态: '在职', 参与排名: '是' }),
      rosterRow({ 编号: '003', 姓名: '张伟', 在职状态: ' 在职 ' }),
      ['004', '刘芳'],
    ]);
    expect(next.settings).toEqual([
      SETTINGS_HEAD,
      ['考核年度', '2027', ''],
      ['结转进度', '2026 已归档：/x', ''],
    ]);
    expect(next.rules).toBe(values.rules);
    expect(values.roster![1]![at('起始月份')]).toBe('2026-03');
    expect(leavers(values)).toEqual(['李秀英（002）']);
  });

  test('a roster without 在职状态 / 起始月份 columns keeps every non-blank row as it is', () => {
    const next = nextYearValues(
      {
        roster: [
          ['编号', '姓名'],
          ['001', '王建国'],
          ['', ''],
        ],
      },
      2026,
    );
    expect(next.roster).toEqual([
      ['编号', '姓名'],
      ['001', '王建国'],
    ]);
  });

  test('no tabs at all: every emptied tab is its header, the roster its header, 设置 the new year', () => {
    const next = nextYearValues({}, 2030);
    for (const t of [
      'ledger',
      'attendance',
      'scores',
      'redemptions',
      'objections',
      'monthly',
      'yearly',
      'publications',
      'problems',
    ] as const)
      expect(next[t]).toEqual([headersOf(t)]);
    expect(next.roster).toEqual([RH]);
    expect(next.settings).toEqual([SETTINGS_HEAD, ['考核年度', '2031', '']]);
    expect(next.intakeErrors).toBeUndefined();
  });

  test('a tab with an empty first row falls back to the standard header', () => {
    const next = nextYearValues({ ledger: [[]] }, 2026);
    expect(next.ledger).toEqual([headersOf('ledger')]);
  });

  test('leavers: names and ids of 离职 cadres only', () => {
    expect(
      leavers({
        roster: [
          RH,
          rosterRow({ 编号: 'A1', 姓名: '甲', 在职状态: '离职' }),
          rosterRow({ 编号: 'A2', 姓名: '乙', 在职状态: '在职' }),
          rosterRow({ 编号: 'A3', 姓名: '丙', 在职状态: ' 离职 ' }),
        ],
      }),
    ).toEqual(['甲（A1）', '丙（A3）']);
    expect(leavers({})).toEqual([]);
  });
});

describe('edges of the 设置 edit, the roster clean-up and later rows', () => {
  test('withSetting fills every other column of a new row with blanks, wherever 说明 is', () => {
    expect(withSetting([['项目', '值', '说明', '备注']], 'k', 'v', '注')).toEqual([
      ['项目', '值', '说明', '备注'],
      ['k', 'v', '注', ''],
    ]);
    expect(withSetting([['说明', '项目', '值']], 'k', 'v', '注')).toEqual([
      ['说明', '项目', '值'],
      ['注', 'k', 'v'],
    ]);
  });

  test('a roster row that ends just before 起始月份 is left as long as it was', () => {
    const RH = headersOf('roster');
    const short: Cell[] = ['004', '刘芳', '', '', '在职'];
    expect(RH.indexOf('起始月份')).toBe(short.length);
    expect(nextYearValues({ roster: [RH, short] }, 2026).roster).toEqual([
      RH,
      ['004', '刘芳', '', '', '在职'],
    ]);
  });

  test('起始月份 in the first column is cleared too', () => {
    const next = nextYearValues(
      {
        roster: [
          ['起始月份', '编号', '离职月份'],
          ['2026-03', '001', '2026-12'],
        ],
      },
      2026,
    );
    expect(next.roster).toEqual([
      ['起始月份', '编号', '离职月份'],
      ['', '001', ''],
    ]);
  });

  test.each([
    ['x2027-01', false],
    ['第2027-01期', false],
  ])('isAfterYear(%j) of 2026 = %s: the year must open the text', (v, after) => {
    expect(isAfterYear(v, 2026)).toBe(after);
  });
});
