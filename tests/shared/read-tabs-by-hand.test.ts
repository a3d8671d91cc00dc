// read-tabs by hand: blank rows, missing tabs and headers, fractions, 考核项目 names, published months and problem fields, each written out.
import { DEFAULT_RULES, type Rule } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import {
  readSettings,
  readTable,
  readWorkbook,
  type SheetProblem,
  toSheetProblem,
} from '../../src/shared/read-tabs';
import { headersOf } from '../../src/shared/tabs';

describe('readTable', () => {
  test('rows keep their sheet row; blank rows (empty text, null, missing cells) are skipped; columns by header', () => {
    const t = readTable(
      [['姓名', '编号', '姓名'], ['王', '001'], ['', null, undefined], [], ['李', '002', '重复列']],
      'roster',
      ['编号', '职务'],
    );
    expect(t.rows.map((r) => [r.row, r.get('编号'), r.get('姓名'), r.get('职务')])).toEqual([
      [2, '001', '王', undefined],
      [5, '002', '李', undefined],
    ]);
    expect(t.missing).toEqual(['职务']);
    expect([...t.index]).toEqual([
      ['姓名', 0],
      ['编号', 1],
    ]);
    expect(readTable(undefined, 'roster')).toEqual({ rows: [], index: new Map(), missing: [] });
  });
});

describe('readWorkbook: tabs and headers', () => {
  const roster = [headersOf('roster'), ['001', '王建国', '', '', '在职', '', '', '是']];
  const ledger = [headersOf('ledger')];
  test('a missing 干部名册 or 积分台账 is a problem; missing optional tabs are not', () => {
    expect(readWorkbook({}, 0).problems).toEqual([
      { tab: '干部名册', row: '', id: '', field: '', message: '缺少「干部名册」表' },
      { tab: '积分台账', row: '', id: '', field: '', message: '缺少「积分台账」表' },
    ]);
    expect(readWorkbook({ roster, ledger }, 0).problems).toEqual([]);
  });

  test('every required header that is missing is named, tab by tab, with row 1', () => {
    const without = (tab: Parameters<typeof headersOf>[0], ...drop: string[]) => [
      headersOf(tab).filter((h) => !drop.includes(h)),
    ];
    const problems = readWorkbook(
      {
        roster: without('roster', '姓名'),
        rules: without('rules', '类型', '分值'),
        ledger: without('ledger', '数量'),
        attendance: without('attendance', '干部编号'),
        scores: without('scores', '成绩'),
        redemptions: without('redemptions', '半天数'),
      },
      0,
    ).problems;
    const missing = (tab: string, field: string): SheetProblem => ({
      tab,
      row: 1,
      id: '',
      field,
      message: `表头缺少「${field}」列`,
    });
    expect(problems).toEqual([
      missing('干部名册', '姓名'),
      missing('积分规则', '分值'),
      missing('积分规则', '类型'),
      missing('积分台账', '数量'),
      missing('考勤记录', '干部编号'),
      missing('考核成绩', '成绩'),
      missing('积分兑换', '半天数'),
    ]);
  });

  test('published months: months of 公示记录 only (not half-years or years), each once, in order', () => {
    const r = readWorkbook(
      {
        roster,
        ledger,
        publications: [
          headersOf('publications'),
          ['2026-10'],
          ['2026-H1'],
          ['2026/9'],
          ['2026'],
          ['2026-10'],
          ['2026-01'],
        ],
      },
      0,
    );
    expect(r.publishedMonths).toEqual(['2026-01', '2026-09', '2026-10']);
    expect(r.raw.publishedMonths).toEqual(['2026-01', '2026-09', '2026-10']);
  });

  test('no 积分规则 tab: the raw scenario carries no rules (the default catalogue applies)', () => {
    expect('rules' in readWorkbook({ roster, ledger }, 0).raw).toBe(false);
    expect('rules' in readWorkbook({ roster, ledger, rules: [headersOf('rules')] }, 0).raw).toBe(true);
  });
});

describe('分档比例 as a fraction', () => {
  const frac = (t: Cell) =>
    readSettings(
      [
        ['项目', '值'],
        ['分档比例', t],
      ],
      [],
    ).tierFraction;
  test.each<[Cell, unknown]>([
    ['1/3', 1 / 3],
    ['12/36', 1 / 3],
    ['1 / 4', 0.25],
    ['2/5', 0.4],
    ['x1/3', 'x1/3'],
    ['1/3x', '1/3x'],
    ['1/0', '1/0'],
    ['0.25', 0.25],
  ])('%j → %p', (t, f) => {
    expect(frac(t)).toEqual(f);
  });
});

describe('考核项目: a rule code, a known item name, or part of a top-N rule’s item', () => {
  const topN = (code: string, item: string): Rule => ({
    code,
    category: 'reward',
    item,
    points: 5,
    kind: 'top-n',
    topN: 5,
    scorePeriod: 'half-year',
    active: true,
    claimable: false,
    evidenceRequired: false,
  });
  const codeOf = (item: Cell, rules?: readonly Rule[]) =>
    (
      readWorkbook(
        {
          roster: [headersOf('roster')],
          ledger: [headersOf('ledger')],
          scores: [headersOf('scores'), ['2026-h1', item, '001', 90]],
        },
        0,
        rules,
      ).raw.scores as { ruleCode: string; period: string }[]
    )[0]!;
  test.each<[string, Cell, readonly Rule[] | undefined, string]>([
    ['a code of the catalogue', 'R-STUDY-TOP5', DEFAULT_RULES, 'R-STUDY-TOP5'],
    ['the known item name', '学习强国', DEFAULT_RULES, 'R-STUDY-TOP5'],
    ['the known item name, with no catalogue at all', '四知四清四掌握', undefined, 'B-QUARTER-TOP5'],
    ['an unknown name with no catalogue', '其他考核', undefined, '其他考核'],
    ['part of a top-N item', '学习', [topN('X-STUDY', '网上学习积分')], 'X-STUDY'],
    ['a code wins over an item containing it', '学习', [topN('学习', '其他'), topN('Y', '学习强国')], '学习'],
    ['part of a per-event item does not count', '调解', DEFAULT_RULES, '调解'],
    ['blank', '', DEFAULT_RULES, ''],
  ])('%s', (_name, item, rules, code) => {
    expect(codeOf(item, rules).ruleCode).toBe(code);
  });
  test('the period is read in capitals', () => {
    expect(codeOf('学习强国', DEFAULT_RULES).period).toBe('2026-H1');
  });
});

describe('toSheetProblem: the tab and the column header of a core problem', () => {
  test.each<[string, string, string, string]>([
    ['entries', 'quantity', '积分台账', '数量'],
    ['entries', 'reason', '积分台账', '得分依据'],
    ['scores', 'ruleCode', '考核成绩', '考核项目'],
    ['scores', 'cadreId', '考核成绩', '干部编号'],
    ['roster', 'endMonth', '干部名册', '离职月份'],
    ['redemptions', 'halfDays', '积分兑换', '半天数'],
    ['rules', 'unknownField', '积分规则', 'unknownField'],
  ])('%s.%s → %s「%s」', (table, field, tab, header) => {
    expect(
      toSheetProblem({ table: table as 'entries', index: 0, row: 7, id: 'E1', field, message: '消息' }),
    ).toEqual({ tab, row: 7, id: 'E1', field: header, message: '消息' });
  });
  test('a problem without row or id', () => {
    expect(toSheetProblem({ table: 'settings', index: -1, field: 'year', message: 'm' })).toEqual({
      tab: '设置',
      row: '',
      id: '',
      field: '考核年度',
      message: 'm',
    });
  });
});
