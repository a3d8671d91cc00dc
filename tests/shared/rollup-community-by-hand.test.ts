// rollupCommunity by hand: one community's 公示记录 and snapshots written out here → month states, figures, rankings, corrections, flags and findings.
import { createHash } from 'node:crypto';
import type { Cell } from '../../src/shared/cells';
import { canonicalSnapshotText } from '../../src/shared/publish';
import { type CommunityBook, rollupCommunity } from '../../src/shared/rollup';
import { chainDigest, GENESIS, type SealFields } from '../../src/shared/seal';
import { headersOf } from '../../src/shared/tabs';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

/** Monthly points of each cadre; 丙 is not ranked. */
const CADRES: [id: string, name: string, points: number][] = [
  ['001', '甲', 20],
  ['002', '乙', 10],
  ['003', '丙', 5],
  ['004', '丁', 15],
  ['005', '戊', 8],
  ['006', '己', 12],
  ['007', '庚', 6],
  ['008', '辛', 3],
];

/** A month 公示 as the roll-up reads it: title, 起始分 line, the cadre table (排名 … 年度累计), then text. */
function monthSnapshot(m: number, over: Record<string, [monthly: number, ytd: number]> = {}): Cell[][] {
  return [
    [`南岭社区 2026年${m}月 干部积分公示`],
    ['起始分：100　发布人：两委'],
    [],
    ['排名', '编号', '姓名', '月度积分', '年度累计'],
    ...CADRES.map(([id, name, p], i) => {
      const [monthly, ytd] = over[id] ?? [p, 100 + m * p];
      return [id === '003' ? '不参与排名' : i + 1, id, name, monthly, ytd];
    }),
    [],
    ['如有异议，请向社区两委提出。'],
  ];
}

interface Pub {
  period: string;
  version: string;
  tabName: string;
  publishedAt: string;
  /** The snapshot as sealed (its SHA-256 goes into the record). */
  sealed: Cell[][] | null;
  /** Sealed with a 摘要 (false: a record of the old format). */
  digest?: boolean;
  /** Change a field after sealing (the 摘要 no longer matches). */
  after?: Partial<SealFields>;
  prev?: string;
}

/** 公示记录 rows, chained as publish writes them: each 上一摘要 is the last sealed 摘要. */
function publications(pubs: Pub[]): Cell[][] {
  let prev = GENESIS;
  const rows: Cell[][] = [headersOf('publications')];
  for (const p of pubs) {
    const f: SealFields = {
      period: p.period,
      version: p.version,
      tabName: p.tabName,
      publisher: '两委',
      publishedAt: p.publishedAt,
      rows: p.sealed ? String(p.sealed.length) : '',
      sha256: p.sealed ? sha(canonicalSnapshotText(p.sealed)) : '',
      ledgerRows: '',
      ledgerSha: '',
      detail: '',
      prev: p.prev ?? prev,
    };
    const digest = p.digest === false ? '' : chainDigest(f, sha);
    if (digest) prev = digest;
    const g = { ...f, ...p.after };
    rows.push([
      g.period,
      g.version,
      g.tabName,
      g.publisher,
      g.publishedAt,
      g.rows,
      g.sha256,
      g.ledgerRows,
      g.ledgerSha,
      g.detail,
      g.prev,
      digest,
    ]);
  }
  return rows;
}

const OH = headersOf('objections');
const objection = (o: Record<string, Cell>): Cell[] => OH.map((h) => o[h] ?? '');

function book(over: Partial<CommunityBook> = {}, tabs: Record<string, Cell[][]> = {}): CommunityBook {
  const febV2 = monthSnapshot(2, { '001': [25, 145], '004': [15, 131] });
  const snapshots: Record<string, Cell[][]> = {
    '公示-2026-01': monthSnapshot(1),
    '公示-2026-02': monthSnapshot(2),
    '公示-2026-02 更正1': febV2,
    // changed after publication: 乙's 月度积分
    '公示-2026-03': monthSnapshot(3, { '002': [30, 150] }),
    '公示-2026-04': monthSnapshot(4),
    // 公示-2026-05 was deleted
    '公示-2026-06': monthSnapshot(6),
    ...tabs,
  };
  return {
    source: '/书/南岭.xlsx',
    settings: [headersOf('settings'), ['社区名称', '南岭社区', ''], ['考核年度', 2026, '']],
    publications: publications([
      {
        period: '2026-01',
        version: '1',
        tabName: '公示-2026-01',
        publishedAt: '2026-02-03 09:00:00',
        sealed: monthSnapshot(1),
      },
      {
        period: '2026-02',
        version: '1',
        tabName: '公示-2026-02',
        publishedAt: '2026-03-02 09:00:00',
        sealed: monthSnapshot(2),
      },
      {
        period: '2026-02',
        version: '2',
        tabName: '公示-2026-02 更正1',
        publishedAt: '2026-03-10 09:00:00',
        sealed: febV2,
      },
      {
        period: '2026-03',
        version: '1',
        tabName: '公示-2026-03',
        publishedAt: '2026-04-02 09:00:00',
        sealed: monthSnapshot(3),
      },
      {
        period: '2026-04',
        version: '1',
        tabName: '公示-2026-04',
        publishedAt: '2026-05-06 09:00:00',
        sealed: monthSnapshot(4),
        digest: false,
      },
      {
        period: '2026-05',
        version: '1',
        tabName: '公示-2026-05',
        publishedAt: '2026-06-02 09:00:00',
        sealed: monthSnapshot(5),
      },
      // published only after the as-of month: not there "by then"
      {
        period: '2026-06',
        version: '1',
        tabName: '公示-2026-06',
        publishedAt: '2026-08-01 09:00:00',
        sealed: monthSnapshot(6),
      },
    ]),
    objections: [
      OH,
      objection({
        编号: 'O1',
        月份: '2026-02',
        干部编号: '001',
        干部姓名: '甲',
        处理结果: '成立',
        更正条目: 'C-1',
      }),
      objection({ 编号: 'O2', 月份: new Date(Date.UTC(2026, 2, 1)), 干部编号: '002', 干部姓名: '乙' }),
      objection({}),
      objection({ 编号: 'O4', 月份: '2026-04', 干部姓名: '己', 处理结果: '不成立' }),
      objection({ 干部编号: '005', 处理结果: '待处理' }),
    ],
    snapshot: (name) => snapshots[name],
    offsetMinutes: 0,
    ...over,
  };
}

const opts = { asOf: '2026-07', sha256Hex: sha };
const THIRD = '取消评先评优资格、书记或主任谈话';
const THREE = '取消一切评先评优资格、按规定组织处置';

describe('rollupCommunity on a community with every kind of month', () => {
  // Before each test, not while the file loads: Stryker credits load-time code to no test.
  let r: ReturnType<typeof rollupCommunity>;
  beforeEach(() => {
    r = rollupCommunity(book(), opts);
  });

  test('month states: verified, corrected, changed, old record, deleted tab, published too late, missing, due, to come', () => {
    expect(r.months).toEqual([
      {
        month: '2026-01',
        state: 'verified',
        tabName: '公示-2026-01',
        versions: 1,
        publishedAt: '2026-02-03 09:00:00',
        notes: [],
      },
      {
        month: '2026-02',
        state: 'verified',
        tabName: '公示-2026-02 更正1',
        versions: 2,
        publishedAt: '2026-03-02 09:00:00',
        notes: [],
      },
      {
        month: '2026-03',
        state: 'tampered',
        tabName: '',
        versions: 1,
        publishedAt: '2026-04-02 09:00:00',
        notes: ['公示-2026-03 发布后被改动（内容与 SHA-256 不符）'],
      },
      {
        month: '2026-04',
        state: 'unverifiable',
        tabName: '',
        versions: 1,
        publishedAt: '2026-05-06 09:00:00',
        notes: ['公示-2026-04 是旧版公示记录（无摘要），只能核对数值，无法确认记录本身未被改动'],
      },
      {
        month: '2026-05',
        state: 'tampered',
        tabName: '',
        versions: 1,
        publishedAt: '2026-06-02 09:00:00',
        notes: ['公示-2026-05 不存在（已被删除或改名）'],
      },
      { month: '2026-06', state: 'late', tabName: '', versions: 0, publishedAt: '', notes: [] },
      { month: '2026-07', state: 'due', tabName: '', versions: 0, publishedAt: '', notes: [] },
      ...[8, 9, 10, 11, 12].map((m) => ({
        month: `2026-${String(m).padStart(2, '0')}`,
        state: 'future',
        tabName: '',
        versions: 0,
        publishedAt: '',
        notes: [],
      })),
    ]);
    expect([r.name, r.year, r.asOf, r.source]).toEqual(['南岭社区', 2026, '2026-07', '/书/南岭.xlsx']);
  });

  test('figures: 起始分 + the latest version of each verified month (January, February 更正1) only', () => {
    // 甲: 20 + 25 (the correction); everyone else twice their monthly points
    expect(r.cadres).toEqual(
      CADRES.map(([id, name, p]) => {
        const months = { '2026-01': p, '2026-02': id === '001' ? 25 : p };
        const total = 100 + months['2026-01'] + months['2026-02'];
        return {
          cadreId: id,
          name,
          ranked: id !== '003',
          startingPoints: 100,
          months,
          h1: total,
          h2: 100,
          year: total,
        };
      }),
    );
  });

  test('rankings: H1 and the year computed from incomplete months (H2 has not begun)', () => {
    // ranked totals: 甲 145, 丁 130, 己 124, 乙 120, 戊 116, 庚 112, 辛 106 (丙 110 not ranked);
    // N = 7, k = round(7/3) = 2: top 甲 丁; bottom third 庚 辛; bottom three 戊 庚 辛
    const rows = (top: string) => [
      { cadreId: '001', name: '甲', total: 145, rank: 1, tiers: '前三分之一', consequence: top, tie: false },
      { cadreId: '004', name: '丁', total: 130, rank: 2, tiers: '前三分之一', consequence: top, tie: false },
      { cadreId: '006', name: '己', total: 124, rank: 3, tiers: '', consequence: '', tie: false },
      { cadreId: '002', name: '乙', total: 120, rank: 4, tiers: '', consequence: '', tie: false },
      { cadreId: '005', name: '戊', total: 116, rank: 5, tiers: '倒数三名', consequence: THREE, tie: false },
      {
        cadreId: '007',
        name: '庚',
        total: 112,
        rank: 6,
        tiers: '后三分之一、倒数三名',
        consequence: `${THIRD}；${THREE}`,
        tie: false,
      },
      {
        cadreId: '008',
        name: '辛',
        total: 106,
        rank: 7,
        tiers: '后三分之一、倒数三名',
        consequence: `${THIRD}；${THREE}`,
        tie: false,
      },
      { cadreId: '003', name: '丙', total: 110, rank: null, tiers: '', consequence: '', tie: false },
    ];
    const bottomThree = ['戊（005，116分）', '庚（007，112分）', '辛（008，106分）'];
    expect(r.periods).toEqual([
      {
        period: '2026-H1',
        basis: 'computed',
        complete: false,
        rows: rows('物质奖励（半年）'),
        bottomThree,
        ties: [],
      },
      {
        period: '2026',
        basis: 'computed',
        complete: false,
        rows: rows('年度优秀评定优先考虑'),
        bottomThree,
        ties: [],
      },
    ]);
  });

  test('corrections, objections, flags and findings', () => {
    expect(r.corrections).toEqual([
      {
        period: '2026-02',
        tabName: '公示-2026-02 更正1',
        version: 2,
        publishedAt: '2026-03-10 09:00:00',
        state: 'verified',
      },
    ]);
    expect(r.objections).toEqual({
      total: 4,
      upheld: 1,
      rejected: 1,
      pending: 2,
      rows: [
        { id: 'O1', month: '2026-02', cadre: '001 甲', result: '成立', corrections: 'C-1' },
        { id: 'O2', month: '2026-03', cadre: '002 乙', result: '待处理', corrections: '' },
        { id: 'O4', month: '2026-04', cadre: '己', result: '不成立', corrections: '' },
        { id: '', month: '', cadre: '005', result: '待处理', corrections: '' },
      ],
    });
    expect(r.flags).toEqual(['late', 'unverifiable', 'tampered']);
    // 丁's February 更正1 shows 年度累计 131 while 100 + 15 + 15 = 130
    expect(r.findings).toEqual([
      '丁（004）：各月公示的月度积分合计 130 分（含起始分）与 2026-02 公示的年度累计 131 分不符（可能有更正条目）',
    ]);
  });
});

describe('rollupCommunity: the record chain and the platform findings', () => {
  test('a record edited after sealing, and one whose 上一摘要 does not follow the last', () => {
    const pubs: Pub[] = [
      {
        period: '2026-01',
        version: '1',
        tabName: '公示-2026-01',
        publishedAt: '2026-02-03 09:00:00',
        sealed: monthSnapshot(1),
        after: { publisher: '别人' },
      },
      {
        period: '2026-02',
        version: '1',
        tabName: '公示-2026-02',
        publishedAt: '2026-03-02 09:00:00',
        sealed: monthSnapshot(2),
        prev: 'f'.repeat(64),
      },
    ];
    const r = rollupCommunity(book({ publications: publications(pubs) }), {
      asOf: '2026-03',
      sha256Hex: sha,
    });
    expect(r.months.slice(0, 3).map((m) => [m.state, m.notes])).toEqual([
      ['tampered', ['公示记录第 2 行（公示-2026-01）内容被改动，与其摘要不符']],
      ['tampered', ['公示记录第 3 行（公示-2026-02）的上一摘要不接上一行：链断开']],
      ['due', []],
    ]);
    expect(r.cadres).toEqual([]);
    expect(r.periods.map((p) => [p.period, p.rows.length])).toEqual([['2026-H1', 0]]);
    expect(r.flags).toEqual(['tampered']);
  });

  test('a record without 公示表 or SHA-256 cannot be checked', () => {
    const pubs: Pub[] = [
      {
        period: '2026-01',
        version: '',
        tabName: '',
        publishedAt: '2026-02-03 09:00:00',
        sealed: null,
        digest: false,
      },
    ];
    const r = rollupCommunity(book({ publications: publications(pubs) }), {
      asOf: '2026-02',
      sha256Hex: sha,
    });
    expect(r.months[0]).toEqual({
      month: '2026-01',
      state: 'unverifiable',
      tabName: '',
      versions: 1,
      publishedAt: '2026-02-03 09:00:00',
      notes: ['公示记录第 2 行缺少公示表名或 SHA-256，无法校验'],
    });
    expect(r.flags).toEqual(['unverifiable']);
  });

  test("the platform's findings: by tab name, by month, and about the chain as a whole", () => {
    const sealFindings = [
      '公示-2026-01 的显示被改动：隐藏了第 5 行',
      '2026-02 已发布，积分台账第 9 行在发布后被改动',
      '公示记录被删除了若干行，封存链断开',
      '2026-11 已发布，积分台账第 3 行在发布后被改动',
    ];
    const r = rollupCommunity(book({ sealFindings }), opts);
    expect(r.months[0]!.notes).toEqual(['公示-2026-01 的显示被改动：隐藏了第 5 行']);
    // it lands on both versions of February, and is listed once
    expect(r.months[1]!.notes).toEqual(['2026-02 已发布，积分台账第 9 行在发布后被改动']);
    expect(r.months.slice(0, 2).map((m) => [m.state, m.tabName])).toEqual([
      ['tampered', ''],
      ['tampered', ''],
    ]);
    // only verified months count: none is left before March
    expect(r.cadres).toEqual([]);
    expect(r.findings).toEqual([
      '公示记录被删除了若干行，封存链断开',
      '2026-11 已发布，积分台账第 3 行在发布后被改动',
    ]);
  });

  test('more than five notes in a month: the first five and the count', () => {
    const sealFindings = Array.from({ length: 7 }, (_, i) => `公示-2026-01 第 ${i + 1} 行被改动`);
    const r = rollupCommunity(book({ sealFindings }), opts);
    expect(r.months[0]!.notes).toEqual([...sealFindings.slice(0, 5), '……共 7 处']);
  });

  test('no 公示记录 at all: every past month late, flagged unverifiable, and said first', () => {
    const r = rollupCommunity(book({ publications: undefined }), { asOf: '2026-03', sha256Hex: sha });
    expect(r.months.slice(0, 4).map((m) => m.state)).toEqual(['late', 'late', 'due', 'future']);
    expect(r.flags).toEqual(['late', 'unverifiable']);
    expect(r.findings).toEqual(['缺少「公示记录」表，无法校验任何公示']);
    expect(r.periods).toEqual([
      { period: '2026-H1', basis: 'computed', complete: false, rows: [], bottomThree: [], ties: [] },
    ]);
  });
});

describe('rollupCommunity: a published half-year ranking', () => {
  const H_TAB = '公示-2026-H1';
  const half: Cell[][] = [
    ['南岭社区 2026年上半年 干部积分排名公示'],
    ['合计 = 起始分 100 + 2026年上半年积分'],
    [],
    ['排名', '编号', '姓名', '职务', '起始分', '基础', '任务', '奖励', '合计', '分档', '结果运用', '标记'],
    [1, '001', '甲', '书记', 100, 80, 60, 20, 260, '前三分之一', '物质奖励（半年）', ''],
    [2, '002', '乙', '', 100, 70, 50, 0, 220, '倒数三名', THREE, '并列，需两委研究'],
    ['不参与排名', '003', '丙', '', 100, 10, 0, 0, '', '', '', ''],
    ['', '', '', ''],
    ['共 3 名干部。'],
  ];
  const sixMonths: Pub[] = [1, 2, 3, 4, 5, 6].map((m) => ({
    period: `2026-0${m}`,
    version: '1',
    tabName: `公示-2026-0${m}`,
    publishedAt: `2026-0${m + 1}-02 09:00:00`,
    sealed: monthSnapshot(m),
  }));
  const tabs = Object.fromEntries(sixMonths.map((p) => [p.tabName, p.sealed!]));

  test('a verified half-year 公示 is used as published', () => {
    const pubs = [
      ...sixMonths,
      { period: '2026-H1', version: '1', tabName: H_TAB, publishedAt: '2026-07-03 09:00:00', sealed: half },
    ];
    const r = rollupCommunity(book({ publications: publications(pubs) }, { ...tabs, [H_TAB]: half }), {
      asOf: '2026-07',
      sha256Hex: sha,
    });
    expect(r.months.slice(0, 6).every((m) => m.state === 'verified')).toBe(true);
    expect(r.periods[0]).toEqual({
      period: '2026-H1',
      basis: 'published',
      complete: true,
      rows: [
        {
          cadreId: '001',
          name: '甲',
          total: 260,
          rank: 1,
          tiers: '前三分之一',
          consequence: '物质奖励（半年）',
          tie: false,
        },
        { cadreId: '002', name: '乙', total: 220, rank: 2, tiers: '倒数三名', consequence: THREE, tie: true },
        { cadreId: '003', name: '丙', total: 0, rank: null, tiers: '', consequence: '', tie: false },
      ],
      bottomThree: ['乙（002，220分）'],
      ties: ['乙（002，220分）'],
    });
    // the six months add up with each 年度累计 (100 + 6 × points): no finding
    expect(r.findings).toEqual([]);
    // 甲: 100 + 6 × 20
    expect(r.cadres[0]).toMatchObject({ cadreId: '001', h1: 220, h2: 100, year: 220 });
    expect(r.periods.map((p) => [p.period, p.basis])).toEqual([
      ['2026-H1', 'published'],
      ['2026', 'computed'],
    ]);
  });

  test('a half-year 公示 changed after publication: computed instead, and its notes are findings', () => {
    const pubs = [
      ...sixMonths,
      { period: '2026-H1', version: '1', tabName: H_TAB, publishedAt: '2026-07-03 09:00:00', sealed: half },
    ];
    const changed = half.map((row) => [...row]);
    changed[4]![8] = 300;
    const r = rollupCommunity(book({ publications: publications(pubs) }, { ...tabs, [H_TAB]: changed }), {
      asOf: '2026-07',
      sha256Hex: sha,
    });
    expect(r.periods[0]!.basis).toBe('computed');
    expect(r.periods[0]!.complete).toBe(true);
    expect(r.findings).toEqual(['公示-2026-H1 发布后被改动（内容与 SHA-256 不符）']);
    expect(r.flags).toEqual(['tampered']);
  });

  test('a half-year 公示 without a ranking table falls back to the computed ranking', () => {
    const bare: Cell[][] = [['南岭社区 2026年上半年 干部积分排名公示']];
    const pubs = [
      ...sixMonths,
      { period: '2026-H1', version: '1', tabName: H_TAB, publishedAt: '2026-07-03 09:00:00', sealed: bare },
    ];
    const r = rollupCommunity(book({ publications: publications(pubs) }, { ...tabs, [H_TAB]: bare }), {
      asOf: '2026-07',
      sha256Hex: sha,
    });
    expect(r.periods[0]!.basis).toBe('computed');
    expect(r.periods[0]!.rows[0]).toMatchObject({ cadreId: '001', total: 220, rank: 1 });
  });
});

describe('rollupCommunity: name and year when 设置 is missing', () => {
  test('the year of the first dated record, the name from the first verified 公示 title', () => {
    const r = rollupCommunity(book({ settings: undefined }), opts);
    expect([r.name, r.year]).toEqual(['南岭社区', 2026]);
  });
  test('no record either: the as-of year and the source', () => {
    const r = rollupCommunity(book({ settings: undefined, publications: undefined }), {
      asOf: '2027-02',
      sha256Hex: sha,
    });
    expect([r.name, r.year]).toEqual(['/书/南岭.xlsx', 2027]);
    expect(r.months[0]).toMatchObject({ month: '2027-01', state: 'late' });
  });
  test('a 考核年度 that is not a number is passed over', () => {
    const r = rollupCommunity(
      book({ settings: [headersOf('settings'), ['考核年度', '明年', ''], ['社区名称', '', '']] }),
      opts,
    );
    expect([r.name, r.year]).toEqual(['南岭社区', 2026]);
  });
  test('设置 decides: its 社区名称 over the 公示 title, its 考核年度 (a number or its text) over the records and the as-of month', () => {
    const settings = (year: Cell) => [
      headersOf('settings'),
      ['社区名称', '北岭社区', ''],
      ['考核年度', year, ''],
    ];
    for (const year of [2025, '2025', ' 2025 ']) {
      const r = rollupCommunity(book({ settings: settings(year) }), opts);
      expect([r.name, r.year]).toEqual(['北岭社区', 2025]);
      expect(r.months.map((m) => m.month).slice(0, 2)).toEqual(['2025-01', '2025-02']);
    }
    // a text that is not wholly a number (nor empty) is passed over like 明年
    for (const year of ['2025年', '-', '']) {
      const r = rollupCommunity(book({ settings: settings(year) }), opts);
      expect([r.name, r.year]).toEqual(['北岭社区', 2026]);
    }
  });
  test('a snapshot without the 起始分 line keeps the 起始分 of the month before (0 at first)', () => {
    const noStart = monthSnapshot(1).filter((_, i) => i !== 1);
    const pubs: Pub[] = [
      {
        period: '2026-01',
        version: '1',
        tabName: '公示-2026-01',
        publishedAt: '2026-02-03 09:00:00',
        sealed: noStart,
      },
    ];
    const r = rollupCommunity(book({ publications: publications(pubs) }, { '公示-2026-01': noStart }), {
      asOf: '2026-02',
      sha256Hex: sha,
    });
    expect(r.cadres[0]).toMatchObject({ cadreId: '001', startingPoints: 0, h1: 20, year: 20 });
    // its 年度累计 (120) then differs from 0 + 20
    expect(r.findings[0]).toBe(
      '甲（001）：各月公示的月度积分合计 20 分（含起始分）与 2026-01 公示的年度累计 120 分不符（可能有更正条目）',
    );
  });
});

/** Month m's 公示记录 entry, version 1, published on the 2nd of the next month. */
const pub = (m: number, sealed: Cell[][] | null, over: Partial<Pub> = {}): Pub => ({
  period: `2026-0${m}`,
  version: '1',
  tabName: `公示-2026-0${m}`,
  publishedAt: `2026-0${m + 1}-02 09:00:00`,
  sealed,
  ...over,
});

describe('rollupCommunity: record order, cadre order and the 年度累计 cross-check', () => {
  const run = (pubs: Pub[], tabs: Record<string, Cell[][]>, asOf = '2026-04') =>
    rollupCommunity(book({ publications: publications(pubs) }, tabs), { asOf, sha256Hex: sha });
  const crossCheck = (r: ReturnType<typeof rollupCommunity>) =>
    r.findings.filter((f) => f.includes('年度累计'));

  test('records listed out of month order are read in month order: February’s 年度累计 is the last one', () => {
    const r = run([pub(2, monthSnapshot(2)), pub(1, monthSnapshot(1))], {}, '2026-03');
    expect(r.months.slice(0, 2).map((m) => m.state)).toEqual(['verified', 'verified']);
    // 甲: 100 + 20 + 20 = 140 = February's 年度累计 (January's is 120)
    expect(r.cadres[0]).toMatchObject({ cadreId: '001', h1: 140, year: 140 });
    expect(r.findings).toEqual([]);
  });

  test('versions listed out of order: the highest version is the month’s figures, the first published its date', () => {
    const feb2 = monthSnapshot(2, { '001': [25, 145] });
    const r = run(
      [
        pub(1, monthSnapshot(1)),
        pub(2, feb2, { version: '2', tabName: '公示-2026-02 更正1', publishedAt: '2026-03-09 09:00:00' }),
        pub(2, monthSnapshot(2)),
      ],
      { '公示-2026-02 更正1': feb2 },
      '2026-03',
    );
    expect(r.months[1]).toMatchObject({
      state: 'verified',
      tabName: '公示-2026-02 更正1',
      versions: 2,
      publishedAt: '2026-03-02 09:00:00',
    });
    expect(r.cadres[0]).toMatchObject({
      cadreId: '001',
      months: { '2026-01': 20, '2026-02': 25 },
      year: 145,
    });
  });

  test('cadres come out in 编号 order whatever the order of the 公示 rows', () => {
    const jan = monthSnapshot(1);
    const reversed = [...jan.slice(0, 4), ...jan.slice(4, 12).reverse(), ...jan.slice(12)];
    const r = run([pub(1, reversed)], { '公示-2026-01': reversed }, '2026-02');
    expect(r.months[0]!.state).toBe('verified');
    expect(r.cadres.map((c) => c.cadreId)).toEqual(['001', '002', '003', '004', '005', '006', '007', '008']);
  });

  test('the cross-check stops at the first month that is not verified', () => {
    const marchOff = monthSnapshot(3, { '001': [20, 999] });
    // January verified, February changed after publication, March verified with 甲's 年度累计 999: not checked
    const febChanged = monthSnapshot(2, { '002': [11, 121] });
    const r = run([pub(1, monthSnapshot(1)), pub(2, monthSnapshot(2)), pub(3, marchOff)], {
      '公示-2026-02': febChanged,
      '公示-2026-03': marchOff,
    });
    expect(r.months.slice(0, 3).map((m) => m.state)).toEqual(['verified', 'tampered', 'verified']);
    expect(crossCheck(r)).toEqual([]);
    // with February as sealed, the run reaches March and 甲's 999 is named (100 + 20 + 20 + 20 = 160)
    const all = run([pub(1, monthSnapshot(1)), pub(2, monthSnapshot(2)), pub(3, marchOff)], {
      '公示-2026-03': marchOff,
    });
    expect(crossCheck(all)).toEqual([
      '甲（001）：各月公示的月度积分合计 160 分（含起始分）与 2026-03 公示的年度累计 999 分不符（可能有更正条目）',
    ]);
  });

  test('a first month without its 公示 means no month is cross-checked', () => {
    const febOff = monthSnapshot(2, { '001': [20, 999] });
    const r = run([pub(2, febOff)], { '公示-2026-02': febOff }, '2026-03');
    expect(r.months.slice(0, 2).map((m) => m.state)).toEqual(['late', 'verified']);
    expect(crossCheck(r)).toEqual([]);
  });

  test('a second version counts as a correction whatever its tab is called', () => {
    const feb2 = monthSnapshot(2, { '001': [25, 145] });
    const r = run(
      [
        pub(1, monthSnapshot(1)),
        pub(2, monthSnapshot(2)),
        pub(2, feb2, { version: '2', tabName: '公示-2026-02（第二版）' }),
      ],
      { '公示-2026-02（第二版）': feb2 },
      '2026-03',
    );
    expect(r.corrections.map((c) => [c.period, c.tabName, c.version])).toEqual([
      ['2026-02', '公示-2026-02（第二版）', 2],
    ]);
  });
});

describe('rollupCommunity: versions, names, notes and half-years, case by case', () => {
  const run = (
    pubs: Pub[],
    tabs: Record<string, Cell[][]>,
    asOf: string,
    over: Partial<CommunityBook> = {},
  ) => rollupCommunity(book({ publications: publications(pubs), ...over }, tabs), { asOf, sha256Hex: sha });

  test('a blank 年度累计 in the last month: the cross-check uses the month before, with the months up to it', () => {
    const feb = monthSnapshot(2).map((r) => (r.length === 5 && r[1] !== '编号' ? [...r.slice(0, 4), ''] : r));
    const r = run([pub(1, monthSnapshot(1)), pub(2, feb)], { '公示-2026-02': feb }, '2026-03');
    expect(r.months.slice(0, 2).map((m) => m.state)).toEqual(['verified', 'verified']);
    // 甲: January's 年度累计 120 = 100 + 20 (February's 20 is not set against it)
    expect(r.cadres[0]).toMatchObject({ cadreId: '001', year: 140 });
    expect(r.findings).toEqual([]);
  });

  test('a cadre renamed in a later month is shown by the later name', () => {
    const feb = monthSnapshot(2).map((r) => (r[1] === '001' ? [r[0], '001', '甲甲', r[3], r[4]] : r));
    const r = run([pub(1, monthSnapshot(1)), pub(2, feb)], { '公示-2026-02': feb }, '2026-03');
    expect(r.cadres[0]).toMatchObject({ cadreId: '001', name: '甲甲' });
  });

  test('a record with its 公示表 but no SHA-256 cannot be checked (it is not called changed)', () => {
    const r = run([pub(1, null)], {}, '2026-02');
    expect(r.months[0]).toMatchObject({
      state: 'unverifiable',
      notes: ['公示记录第 2 行缺少公示表名或 SHA-256，无法校验'],
    });
  });

  test('exactly five notes in a month are all shown, without a count', () => {
    const sealFindings = Array.from({ length: 5 }, (_, i) => `公示-2026-01 第 ${i + 1} 行被改动`);
    const r = rollupCommunity(book({ sealFindings }), opts);
    expect(r.months[0]!.notes).toEqual(sealFindings);
  });

  test('one bad version makes the month bad, even when the correction after it is sound', () => {
    const feb2 = monthSnapshot(2, { '001': [25, 145] });
    const changed = monthSnapshot(2, { '002': [11, 121] });
    const v2 = pub(2, feb2, {
      version: '2',
      tabName: '公示-2026-02 更正1',
      publishedAt: '2026-03-09 09:00:00',
    });
    const tampered = run(
      [pub(1, monthSnapshot(1)), pub(2, monthSnapshot(2)), v2],
      { '公示-2026-02': changed, '公示-2026-02 更正1': feb2 },
      '2026-03',
    );
    expect(tampered.months[1]).toMatchObject({ state: 'tampered', tabName: '', versions: 2 });
    const old = run(
      [pub(1, monthSnapshot(1)), pub(2, monthSnapshot(2), { digest: false }), v2],
      { '公示-2026-02 更正1': feb2 },
      '2026-03',
    );
    expect(old.months[1]).toMatchObject({ state: 'unverifiable', tabName: '', versions: 2 });
  });

  test('a half-year is complete only when all six of its months are verified, January included', () => {
    const pubs = [2, 3, 4, 5, 6].map((m) => pub(m, monthSnapshot(m)));
    // the book's default tabs have March changed and May deleted: here both are as sealed
    const r = run(pubs, { '公示-2026-03': monthSnapshot(3), '公示-2026-05': monthSnapshot(5) }, '2026-07');
    expect(r.months.slice(0, 6).map((m) => m.state)).toEqual([
      'late',
      'verified',
      'verified',
      'verified',
      'verified',
      'verified',
    ]);
    expect(r.periods.map((p) => [p.period, p.basis, p.complete])).toEqual([
      ['2026-H1', 'computed', false],
      ['2026', 'computed', false],
    ]);
  });

  test('the second half-year is ranked once July is past (August as of)', () => {
    const pubs = [1, 2, 3, 4, 5, 6, 7].map((m) => pub(m, monthSnapshot(m)));
    const tabs = Object.fromEntries([3, 5, 7].map((m) => [`公示-2026-0${m}`, monthSnapshot(m)]));
    const r = run(pubs, tabs, '2026-08');
    expect(r.months.slice(0, 8).map((m) => m.state)).toEqual([...Array(7).fill('verified'), 'due']);
    expect(r.periods.map((p) => [p.period, p.complete])).toEqual([
      ['2026-H1', true],
      ['2026-H2', false],
      ['2026', false],
    ]);
  });

  test('without 设置, the year of the records wins over a later as-of year', () => {
    const r = rollupCommunity(book({ settings: undefined }), { asOf: '2027-02', sha256Hex: sha });
    expect(r.year).toBe(2026);
  });

  test('an objection row with neither 编号 nor 干部 is not counted', () => {
    const r = rollupCommunity(
      book({ objections: [OH, objection({ 月份: '2026-05', 处理结果: '成立' })] }),
      opts,
    );
    expect(r.objections).toEqual({ total: 0, upheld: 0, rejected: 0, pending: 0, rows: [] });
  });
});
