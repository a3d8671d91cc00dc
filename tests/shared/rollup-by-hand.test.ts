// 街道汇总's sheets by hand: the overview (counts, cell bars, the distribution) and each community's tab, from roll-ups written out here.
import type { Cell } from '../../src/shared/cells';
import {
  type CommunityRollup,
  cellBar,
  type MonthStatus,
  OVERVIEW_HEADERS,
  previousMonth,
  rollupBookValues,
} from '../../src/shared/rollup';

const month = (m: number, over: Partial<MonthStatus> = {}): MonthStatus => ({
  month: `2026-${String(m).padStart(2, '0')}`,
  state: 'future',
  tabName: '',
  versions: 0,
  publishedAt: '',
  notes: [],
  ...over,
});
const rest = (from: number) => Array.from({ length: 13 - from }, (_, i) => month(from + i));

const east: CommunityRollup = {
  source: '/书/东社区.xlsx',
  name: '东社区',
  year: 2026,
  asOf: '2026-04',
  months: [
    month(1, { state: 'verified', tabName: '公示-2026-01', versions: 1, publishedAt: '2026-02-02 09:00:00' }),
    month(2, {
      state: 'verified',
      tabName: '公示-2026-02 更正1',
      versions: 2,
      publishedAt: '2026-03-02 09:00:00',
    }),
    month(3, {
      state: 'tampered',
      versions: 1,
      publishedAt: '2026-04-01 10:00:00',
      notes: ['公示-2026-03 发布后被改动（内容与 SHA-256 不符）', '另一处'],
    }),
    month(4, { state: 'due' }),
    ...rest(5),
  ],
  cadres: [
    {
      cadreId: '001',
      name: '甲',
      ranked: true,
      startingPoints: 100,
      months: {},
      h1: 130,
      h2: 100,
      year: 130,
    },
    { cadreId: '002', name: '乙', ranked: false, startingPoints: 100, months: {}, h1: 95, h2: 100, year: 95 },
  ],
  periods: [
    {
      period: '2026-H1',
      basis: 'computed',
      complete: false,
      rows: [
        {
          cadreId: '001',
          name: '甲',
          total: 130,
          rank: 1,
          tiers: '前三分之一',
          consequence: '物质奖励（半年）',
          tie: false,
        },
        { cadreId: '002', name: '乙', total: 95, rank: null, tiers: '', consequence: '', tie: false },
      ],
      bottomThree: [],
      ties: [],
    },
    {
      period: '2026',
      basis: 'published',
      complete: true,
      rows: [
        {
          cadreId: '001',
          name: '甲',
          total: 130,
          rank: 1,
          tiers: '倒数三名',
          consequence: '处置',
          tie: true,
        },
      ],
      bottomThree: ['甲（001，130分）'],
      ties: ['甲（001，130分）', '丁（004，130分）'],
    },
  ],
  corrections: [
    {
      period: '2026-02',
      tabName: '公示-2026-02 更正1',
      version: 2,
      publishedAt: '2026-03-05 09:00:00',
      state: 'verified',
    },
  ],
  objections: {
    total: 2,
    upheld: 1,
    rejected: 0,
    pending: 1,
    rows: [
      { id: 'O1', month: '2026-02', cadre: '001 甲', result: '成立', corrections: 'C-1' },
      { id: 'O2', month: '2026-03', cadre: '002 乙', result: '待处理', corrections: '' },
    ],
  },
  flags: ['tampered'],
  findings: ['乙（002）：各月合计与年度累计不符'],
};

const west: CommunityRollup = {
  source: 'https://docs.google.com/spreadsheets/d/w',
  name: '西社区',
  year: 2026,
  asOf: '2026-04',
  months: [
    month(1, { state: 'late' }),
    month(2, { state: 'late' }),
    month(3, {
      state: 'unverifiable',
      versions: 1,
      publishedAt: '2026-03-30 10:00:00',
      notes: ['旧版公示记录'],
    }),
    month(4, { state: 'due' }),
    ...rest(5),
  ],
  cadres: [],
  periods: [{ period: '2026-H1', basis: 'computed', complete: true, rows: [], bottomThree: [], ties: [] }],
  corrections: [],
  objections: { total: 0, upheld: 0, rejected: 0, pending: 0, rows: [] },
  flags: ['late', 'unverifiable'],
  findings: [],
};

const south: CommunityRollup = { ...west, name: '南社区', source: '南.xlsx', flags: [] };

const meta = { asOf: '2026-04', generatedAt: '2026-04-10 08:00:00' };
const bars = (n: number) => '█'.repeat(n);

// Built in each test (beforeEach), never while the file loads or in beforeAll: Stryker's per-test coverage
// credits neither to the tests, and the mutants they reach then count as survivors.
describe('rollupBookValues: the overview', () => {
  let book: ReturnType<typeof rollupBookValues>;
  beforeEach(() => {
    book = rollupBookValues(
      [east, west, south],
      [{ source: '/书/坏.xlsx', reason: '不是有效的 .xlsx 文件' }],
      meta,
    );
  });

  test('title, one row per community and per unreadable file, the distribution, the unreadable list', () => {
    expect(book.overview).toEqual([
      ['街道汇总：各社区已公示的干部积分'],
      [
        '截至 2026-04（2026-04 之前的月份应已公示）　生成时间：2026-04-10 08:00:00　只读取各社区已发布的公示和公示记录，逐一校验摘要',
      ],
      [],
      [
        '社区',
        '来源',
        '考核年度',
        '应公示月数',
        '按时公示',
        '逾期',
        '无法校验',
        '被改动',
        '干部数',
        '年度合计最高',
        '年度合计最低',
        '标记',
        '按时公示（图）',
      ],
      // 3 months due (1–3); 2 verified of 3 → round(2 / 3 × 12) = 8 blocks
      ['东社区', '/书/东社区.xlsx', 2026, 3, 2, 0, 0, 1, 2, 130, 95, '公示被改动', bars(8)],
      [
        '西社区',
        'https://docs.google.com/spreadsheets/d/w',
        2026,
        3,
        0,
        2,
        1,
        0,
        0,
        '',
        '',
        '逾期、无法校验',
        '',
      ],
      ['南社区', '南.xlsx', 2026, 3, 0, 2, 1, 0, 0, '', '', '正常', ''],
      ['无法读取：/书/坏.xlsx', '/书/坏.xlsx', '', '', '', '', '', '', '', '', '', '不是有效的 .xlsx 文件'],
      [],
      ['年度合计分布（全部社区干部，仅计校验一致的月份）'],
      ['分数段', '人数', '图'],
      // totals 95 and 130: bins of 10 from 90 to 130
      ['90–99', 1, bars(20)],
      ['100–109', 0, ''],
      ['110–119', 0, ''],
      ['120–129', 0, ''],
      ['130–139', 1, bars(20)],
      [],
      ['无法读取：/书/坏.xlsx：不是有效的 .xlsx 文件'],
    ]);
    expect(book.overviewHeaderRows).toEqual([3, 10]);
    expect(book.overview[3]).toEqual([...OVERVIEW_HEADERS]);
    expect(book.communities.map((c) => c.tabName)).toEqual(['东社区', '西社区', '南社区']);
  });

  test('a wide spread of totals gets wider bins (a tenth of the range, rounded up to tens)', () => {
    const wide: CommunityRollup = {
      ...east,
      cadres: [100, 101, 350, 229].map((year, i) => ({ ...east.cadres[0]!, cadreId: `00${i}`, year })),
    };
    const { overview } = rollupBookValues([wide], [], meta);
    const at = overview.findIndex((r) => r[0] === '分数段');
    // lo 100, hi 350: step = ceil((350 − 100 + 10) / 100) × 10 = 30; bins 100, 130, …, 340
    expect(overview.slice(at + 1)).toEqual([
      ['100–129', 2, bars(20)],
      ['130–159', 0, ''],
      ['160–189', 0, ''],
      ['190–219', 0, ''],
      ['220–249', 1, bars(10)],
      ['250–279', 0, ''],
      ['280–309', 0, ''],
      ['310–339', 0, ''],
      ['340–369', 1, bars(10)],
    ]);
    // one community due 3 months, 2 on time; nothing unreadable: no list after the distribution
    expect(overview[4]).toEqual([
      '东社区',
      '/书/东社区.xlsx',
      2026,
      3,
      2,
      0,
      0,
      1,
      4,
      350,
      100,
      '公示被改动',
      bars(8),
    ]);
  });

  test('a range of exactly 100 points: bins of 20 (ceil((100 + 10) / 100) × 10)', () => {
    const span: CommunityRollup = {
      ...east,
      cadres: [100, 200].map((year, i) => ({ ...east.cadres[0]!, cadreId: `00${i}`, year })),
    };
    const { overview } = rollupBookValues([span], [], meta);
    const at = overview.findIndex((r) => r[0] === '分数段');
    expect(overview.slice(at + 1).map((r) => r[0])).toEqual([
      '100–119',
      '120–139',
      '140–159',
      '160–179',
      '180–199',
      '200–219',
    ]);
  });

  test('a month published ahead (the as-of month already verified) is not counted as on time', () => {
    const early: CommunityRollup = {
      ...east,
      months: east.months.map((m) =>
        m.month === '2026-04' ? { ...m, state: 'verified', tabName: '公示-2026-04', versions: 1 } : m,
      ),
    };
    const { overview } = rollupBookValues([early], [], meta);
    // due: January–March (3); on time among them: January and February (2)
    expect(overview[4]!.slice(3, 5)).toEqual([3, 2]);
  });

  test('no community with cadres: the distribution has its header only', () => {
    const { overview, overviewHeaderRows } = rollupBookValues([west], [], meta);
    expect(overview.slice(overviewHeaderRows[1]!)).toEqual([['分数段', '人数', '图']]);
  });
});

describe('rollupBookValues: a community tab', () => {
  let eastTab: ReturnType<typeof rollupBookValues>['communities'][number] | undefined;
  let westTab: typeof eastTab;
  let southTab: typeof eastTab;
  beforeEach(() => {
    [eastTab, westTab, southTab] = rollupBookValues([east, west, south], [], meta).communities;
  });

  test('months (future ones left out), cadres, each period, objections, corrections, findings', () => {
    const expected: Cell[][] = [
      ['东社区 2026 年度（截至 2026-04）'],
      ['来源：/书/东社区.xlsx　标记：公示被改动'],
      [],
      ['一、各月公示'],
      ['月份', '状态', '所用公示表', '版本数', '首次发布时间', '说明'],
      ['2026-01', '已公示·校验一致', '公示-2026-01', 1, '2026-02-02 09:00:00', ''],
      ['2026-02', '已公示·校验一致', '公示-2026-02 更正1', 2, '2026-03-02 09:00:00', ''],
      [
        '2026-03',
        '已公示·发布后被改动',
        '',
        1,
        '2026-04-01 10:00:00',
        '公示-2026-03 发布后被改动（内容与 SHA-256 不符）；另一处',
      ],
      ['2026-04', '本月待公示', '', 0, '', ''],
      [],
      ['二、干部积分（含起始分；只计校验一致的月份）'],
      ['编号', '姓名', '参与排名', '起始分', '上半年合计', '下半年合计', '年度合计'],
      ['001', '甲', '是', 100, 130, 100, 130],
      ['002', '乙', '否', 100, 95, 100, 95],
      [],
      ['三、2026-H1 排名与分档（按已公示且校验一致的月份计算，月份不全，暂定）'],
      ['排名', '编号', '姓名', '合计', '分档', '结果运用（§5）', '并列需两委研究'],
      [1, '001', '甲', 130, '前三分之一', '物质奖励（半年）', ''],
      ['不参与排名', '002', '乙', 95, '', '', ''],
      ['倒数三名：无'],
      ['需两委研究的并列：无'],
      [],
      ['三、2026 排名与分档（按已发布并校验一致的排名公示）'],
      ['排名', '编号', '姓名', '合计', '分档', '结果运用（§5）', '并列需两委研究'],
      [1, '001', '甲', 130, '倒数三名', '处置', '是'],
      ['倒数三名：甲（001，130分）'],
      ['需两委研究的并列：甲（001，130分）、丁（004，130分）'],
      [],
      ['四、异议 2 件（成立 1，不成立 0，待处理 1）'],
      ['编号', '月份', '干部', '处理结果', '更正条目'],
      ['O1', '2026-02', '001 甲', '成立', 'C-1'],
      ['O2', '2026-03', '002 乙', '待处理', ''],
      [],
      ['五、更正公示 1 次'],
      ['期间', '公示表', '版本', '发布时间', '状态'],
      ['2026-02', '公示-2026-02 更正1', 2, '2026-03-05 09:00:00', '已公示·校验一致'],
      [],
      ['六、校验发现'],
      ['乙（002）：各月合计与年度累计不符'],
    ];
    expect(eastTab!.values).toEqual(expected);
    expect(eastTab!.headerRows).toEqual([4, 11, 16, 23, 29, 34]);
  });

  test('several names in 倒数三名 are listed with 、', () => {
    const two: CommunityRollup = {
      ...east,
      periods: [{ ...east.periods[1]!, bottomThree: ['甲（001，130分）', '乙（002，95分）'] }],
    };
    const [tab] = rollupBookValues([two], [], meta).communities;
    expect(tab!.values.filter((r) => String(r[0]).startsWith('倒数三名'))).toEqual([
      ['倒数三名：甲（001，130分）、乙（002，95分）'],
    ]);
  });

  test('a community with nothing to rank, no objections, corrections or findings', () => {
    expect(westTab!.values).toEqual([
      ['西社区 2026 年度（截至 2026-04）'],
      ['来源：https://docs.google.com/spreadsheets/d/w　标记：逾期、无法校验'],
      [],
      ['一、各月公示'],
      ['月份', '状态', '所用公示表', '版本数', '首次发布时间', '说明'],
      ['2026-01', '逾期未公示', '', 0, '', ''],
      ['2026-02', '逾期未公示', '', 0, '', ''],
      ['2026-03', '已公示·无法校验', '', 1, '2026-03-30 10:00:00', '旧版公示记录'],
      ['2026-04', '本月待公示', '', 0, '', ''],
      [],
      ['二、干部积分（含起始分；只计校验一致的月份）'],
      ['编号', '姓名', '参与排名', '起始分', '上半年合计', '下半年合计', '年度合计'],
      [],
      ['三、2026-H1 排名与分档（按已公示且校验一致的月份计算）'],
      ['排名', '编号', '姓名', '合计', '分档', '结果运用（§5）', '并列需两委研究'],
      ['倒数三名：无'],
      ['需两委研究的并列：无'],
      [],
      ['四、异议 0 件（成立 0，不成立 0，待处理 0）'],
      [],
      ['五、更正公示 0 次'],
    ]);
    expect(westTab!.headerRows).toEqual([4, 11, 14]);
    expect(southTab!.values[1]).toEqual(['来源：南.xlsx　标记：正常']);
  });
});

describe('small helpers', () => {
  test.each([
    [0, 5, 12, ''],
    [-1, 5, 12, ''],
    [3, 0, 12, ''],
    [1, 100, 12, bars(1)],
    [5, 10, 12, bars(6)],
    [10, 10, 20, bars(20)],
    [1, 3, 12, bars(4)],
  ])('cellBar(%d, %d, %d)', (n, max, width, bar) => {
    expect(cellBar(n, max, width)).toBe(bar);
  });
  test('cellBar is 12 blocks wide by default', () => {
    expect(cellBar(7, 7)).toBe(bars(12));
  });
  test.each([
    ['2026-01', '2025-12'],
    ['2026-02', '2026-01'],
    ['2026-10', '2026-09'],
    ['2026-11', '2026-10'],
    ['2000-01', '1999-12'],
  ])('previousMonth(%s) = %s', (m, prev) => {
    expect(previousMonth(m)).toBe(prev);
  });
});
