// The year's ledger row by row: generated system rows (id, reason, points), notices and missing attendance, by hand from SPEC §3/§4.
import { buildYearLedger, isActive, type LedgerEntry, type Scenario, validateScenario } from '../../src/core';

/** Validates a raw scenario (no problems allowed) and builds its 2026 ledger. */
function ledgerOf(raw: Record<string, unknown>, year = 2026) {
  const { scenario, problems } = validateScenario(raw, { defaultAsOf: '2026-10' });
  expect(problems).toEqual([]);
  return { scenario, ledger: buildYearLedger(scenario, year) };
}

const ZHANG = { id: '001', name: '张三', startMonth: '2026-01' };
const LI = { id: '002', name: '李四', startMonth: '2026-01' };
const zeros = { late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 };

/** A generated row of the default catalogue, as SPEC §3 describes it. */
function sys(
  month: string,
  cadreId: string,
  code: string,
  item: string,
  category: string,
  points: number,
  reason: string,
) {
  return {
    id: `SYS-${month}-${cadreId}-${code}`,
    month,
    cadreId,
    ruleCode: code,
    quantity: 1,
    status: 'approved',
    reason,
    source: 'system',
    unitPoints: points,
    correctsId: undefined,
    row: undefined,
    item,
    category,
    points,
    generated: true,
  };
}
const FULL = ['B-ATT-FULL', '另无事假、病假记录，考勤全勤', 'base', 10] as const;
const PUNCTUAL = ['B-ATT-PUNCTUAL', '月内按时上下班，无迟到、早退、旷工', 'base', 8] as const;
const NO_CRITICISM = ['B-NO-CRITICISM', '月内未被街道等上级部门点名批评', 'base', 5] as const;
const NO_COMPLAINT = ['T-NO-COMPLAINT', '月内未被居民投诉', 'task', 5] as const;

describe('generated rows of the default catalogue (替代: full attendance 10, punctual only 8)', () => {
  const raw = {
    settings: { year: 2026, asOf: '2026-02' },
    roster: [ZHANG],
    entries: [
      {
        id: 'E1',
        month: '2026-02',
        cadreId: '001',
        ruleCode: 'T-COMPLAINT',
        quantity: 1,
        reason: '态度问题',
      },
      {
        id: 'E2',
        month: '2026-01',
        cadreId: '001',
        ruleCode: 'B-CRITICIZED',
        quantity: 1,
        status: 'pending',
      },
    ],
    attendance: [
      { month: '2026-01', cadreId: '001', ...zeros },
      { month: '2026-02', cadreId: '001', ...zeros, personalLeaveDays: 1.5 },
      { month: '2026-03', cadreId: '001', ...zeros },
    ],
  };

  test('January full, February punctual with leave; a complaint costs February’s 无投诉 row; nothing after asOf', () => {
    const { ledger } = ledgerOf(raw);
    const generated = ledger.entries.filter((e) => e.generated);
    expect(generated).toEqual([
      sys('2026-01', '001', ...FULL, '2026-01 考勤全勤：无迟到、早退、旷工，无事假、病假'),
      sys('2026-01', '001', ...NO_CRITICISM, '2026-01 无「被上级点名批评」记录'),
      sys('2026-01', '001', ...NO_COMPLAINT, '2026-01 无「因服务问题被居民投诉」记录'),
      sys('2026-02', '001', ...PUNCTUAL, '2026-02 考勤：无迟到、早退、旷工（事假 1.5 天，病假 0 天）'),
      sys('2026-02', '001', ...NO_CRITICISM, '2026-02 无「被上级点名批评」记录'),
    ]);
    // the input rows come first: only the approved one, with its rule's fields
    expect(ledger.entries[0]).toMatchObject({ id: 'E1', points: -1, category: 'task', generated: false });
    expect(ledger.entries.filter((e) => !e.generated).map((e) => e.id)).toEqual(['E1']);
    expect([...ledger.missingAttendance]).toEqual([]);
    expect(ledger.notices).toEqual([]);
  });

  test('sick leave only: punctual, the reason gives both leave figures', () => {
    const r = { ...raw, attendance: [{ month: '2026-01', cadreId: '001', ...zeros, sickLeaveDays: 2 }] };
    const jan = ledgerOf(r).ledger.entries.filter((e) => e.month === '2026-01' && e.generated);
    expect(jan[0]).toEqual(
      sys('2026-01', '001', ...PUNCTUAL, '2026-01 考勤：无迟到、早退、旷工（事假 0 天，病假 2 天）'),
    );
  });

  test('叠加: a full month pays the punctual row (no leave suffix) and the full row', () => {
    const r = { ...raw, settings: { year: 2026, asOf: '2026-02', fullAttendanceMode: 'add' } };
    const att = ledgerOf(r).ledger.entries.filter((e) => e.ruleCode.startsWith('B-ATT'));
    expect(att).toEqual([
      sys('2026-01', '001', ...PUNCTUAL, '2026-01 考勤：无迟到、早退、旷工'),
      sys('2026-01', '001', ...FULL, '2026-01 考勤全勤：无迟到、早退、旷工，无事假、病假'),
      sys('2026-02', '001', ...PUNCTUAL, '2026-02 考勤：无迟到、早退、旷工（事假 1.5 天，病假 0 天）'),
    ]);
  });

  test('替代 without a full-attendance rule: a full month pays the punctual rule', () => {
    const rules = [
      { code: 'P', category: 'base', item: '按时', points: 8, kind: 'attendance', tier: 'punctual' },
    ];
    const r = { ...raw, rules, entries: [] };
    expect(ledgerOf(r).ledger.entries.map((e) => [e.id, e.points])).toEqual([
      ['SYS-2026-01-001-P', 8],
      ['SYS-2026-02-001-P', 8],
    ]);
  });

  test('an absence rule pays when the linked entry is only pending or rejected, or in another month', () => {
    const rules = [
      { code: 'C', category: 'base', item: '批评', points: -5, kind: 'per-event' },
      { code: 'NC', category: 'base', item: '无批评', points: 5, kind: 'monthly-absence', linkedCode: 'C' },
    ];
    const entries = [
      { id: 'A', month: '2026-01', cadreId: '001', ruleCode: 'C', quantity: 1, status: 'pending' },
      { id: 'B', month: '2026-01', cadreId: '001', ruleCode: 'C', quantity: 1, status: 'rejected' },
      { id: 'D', month: '2026-02', cadreId: '002', ruleCode: 'C', quantity: 1 },
    ];
    const r = { settings: { year: 2026, asOf: '2026-02' }, roster: [ZHANG, LI], rules, entries };
    expect(ledgerOf(r).ledger.entries.map((e) => e.id)).toEqual([
      'D',
      'SYS-2026-01-001-NC',
      'SYS-2026-02-001-NC',
      'SYS-2026-01-002-NC',
    ]);
  });
});

describe('which months and cadres get rows', () => {
  const rules = [
    { code: 'P', category: 'base', item: '按时', points: 8, kind: 'attendance', tier: 'punctual' },
  ];

  test('missing attendance: each active month up to asOf without a row; none after leaving or before joining', () => {
    const roster = [
      { id: '001', name: '张三', startMonth: '2026-01', endMonth: '2026-02' },
      { id: '002', name: '李四', startMonth: '2026-03' },
      { id: '003', name: '王五' },
    ];
    const attendance = [{ month: '2026-02', cadreId: '003', ...zeros }];
    const { ledger } = ledgerOf({
      settings: { year: 2026, asOf: '2026-03' },
      roster,
      rules,
      entries: [],
      attendance,
    });
    expect([...ledger.missingAttendance].sort()).toEqual([
      '001|2026-01',
      '001|2026-02',
      '002|2026-03',
      '003|2026-01',
      '003|2026-03',
    ]);
    expect(ledger.entries.map((e) => e.id)).toEqual(['SYS-2026-02-003-P']);
  });

  test('no active attendance rule: nobody is missing attendance', () => {
    const off = [{ ...rules[0], active: false }];
    const { ledger } = ledgerOf({
      settings: { year: 2026, asOf: '2026-03' },
      roster: [ZHANG],
      rules: off,
      entries: [],
    });
    expect(ledger.missingAttendance.size).toBe(0);
    expect(ledger.entries).toEqual([]);
  });

  test('asOf in an earlier year: no month of this year is generated or missing', () => {
    const { ledger } = ledgerOf({
      settings: { year: 2026, asOf: '2025-12' },
      roster: [ZHANG],
      rules,
      entries: [],
    });
    expect(ledger.missingAttendance.size).toBe(0);
    expect(ledger.entries).toEqual([]);
  });

  test('entries of another year are not in this year’s ledger', () => {
    const entries = [
      { id: 'E1', month: '2025-12', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: 1 },
      { id: 'E2', month: '2026-12', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: 2 },
    ];
    const { ledger } = ledgerOf({ settings: { year: 2026, asOf: '2025-12' }, roster: [ZHANG], entries });
    expect(ledger.entries.map((e) => [e.id, e.points])).toEqual([['E2', 10]]);
    expect(ledger.year).toBe(2026);
  });

  test('isActive: start and end months are inclusive; null means open', () => {
    const cases: [string | null, string | null, string, boolean][] = [
      [null, null, '2026-05', true],
      ['2026-05', null, '2026-05', true],
      ['2026-05', null, '2026-04', false],
      [null, '2026-05', '2026-05', true],
      [null, '2026-05', '2026-06', false],
      ['2026-03', '2026-05', '2026-04', true],
      ['2026-03', '2026-05', '2026-02', false],
      ['2026-03', '2026-05', '2026-06', false],
    ];
    for (const [startMonth, endMonth, month, active] of cases) {
      expect([startMonth, endMonth, month, isActive({ startMonth, endMonth }, month)]).toEqual([
        startMonth,
        endMonth,
        month,
        active,
      ]);
    }
  });
});

describe('entries given directly (not through validation) are counted with their rule', () => {
  const rule = {
    code: 'T-MEDIATION',
    category: 'task' as const,
    item: '调解',
    points: 5,
    kind: 'per-event' as const,
    active: true,
    claimable: true,
    evidenceRequired: true,
  };
  const s: Scenario = {
    settings: {
      year: 2026,
      asOf: '2026-01',
      startingPoints: 100,
      fullAttendanceMode: 'replace',
      tierFraction: 1 / 3,
      bottomCount: 3,
      pointsPerHalfDay: 100,
    },
    roster: [{ id: '001', name: '张三', startMonth: null, endMonth: null, ranked: true }],
    rules: [rule],
    entries: [
      {
        id: 'E1',
        month: '2026-01',
        cadreId: '001',
        ruleCode: 'T-MEDIATION',
        quantity: 2,
        status: 'approved',
        reason: 'r',
        source: 'committee',
      },
      {
        id: 'E2',
        month: '2026-01',
        cadreId: '001',
        ruleCode: 'GONE',
        quantity: 1,
        status: 'approved',
        reason: '',
        source: 'committee',
      },
      {
        id: 'E3',
        month: '2026-01',
        cadreId: '001',
        ruleCode: 'T-MEDIATION',
        quantity: 1,
        status: 'approved',
        reason: '',
        source: 'correction',
        unitPoints: -5,
      },
    ],
    attendance: [],
    scores: [],
    redemptions: [],
    publishedMonths: [],
  };

  test('points, item and category come from the rule; an entry of an unknown rule is left out', () => {
    const rows = buildYearLedger(s, 2026).entries;
    expect(
      rows.map((e: LedgerEntry) => [e.id, e.item, e.category, e.unitPoints, e.points, e.generated]),
    ).toEqual([
      ['E1', '调解', 'task', 5, 10, false],
      ['E3', '调解', 'task', -5, -5, false],
    ]);
  });

  test('validated entries are used as they are (one object per entry)', () => {
    const { scenario, ledger } = ledgerOf({
      roster: [ZHANG],
      entries: [{ id: 'E1', month: '2026-01', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: 1 }],
      settings: { year: 2026, asOf: '2025-12' },
    });
    expect(ledger.entries[0]).toBe(scenario.entries[0]);
  });
});

describe('top-N rows and the tie notice (SPEC §3: ranks 1,2,2,4…; ties at the N-th place all earn)', () => {
  const roster = ['001', '002', '003', '004', '005', '006', '007'].map((id) => ({ id, name: `干部${id}` }));
  // 96, 90, 90, 80, 75, 75, 60 → ranks 1, 2, 2, 4, 5, 5, 7: six earn, a tie at 5th place.
  const scores = [
    ['004', 80],
    ['007', 60],
    ['006', 75],
    ['001', 96],
    ['003', 90],
    ['005', 75],
    ['002', 90],
  ].map(([cadreId, score]) => ({ period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId, score }));
  const raw = { settings: { year: 2026, asOf: '2025-12' }, roster, entries: [], scores };
  const ITEM = '每季度「四知四清四掌握」考核前5名';

  test('winners dated in the quarter’s last month, best first then by id, with score and rank in the reason', () => {
    const { ledger } = ledgerOf(raw);
    const q = (id: string, score: number, rank: number) =>
      sys('2026-03', id, 'B-QUARTER-TOP5', ITEM, 'base', 10, `2026-Q1 ${ITEM}：成绩 ${score}，第 ${rank} 名`);
    expect(ledger.entries).toEqual([
      q('001', 96, 1),
      q('002', 90, 2),
      q('003', 90, 2),
      q('004', 80, 4),
      q('005', 75, 5),
      q('006', 75, 5),
    ]);
    expect(ledger.notices).toEqual([
      {
        kind: 'top-n-tie',
        ruleCode: 'B-QUARTER-TOP5',
        period: '2026-Q1',
        cadreIds: ['001', '002', '003', '004', '005', '006'],
        message: `2026-Q1 ${ITEM}：第 5 名并列，6 人均计分，需两委研究`,
      },
    ]);
  });

  test('exactly N winners: no notice', () => {
    const { ledger } = ledgerOf({ ...raw, scores: scores.filter((x) => x.cadreId !== '006') });
    expect(ledger.entries.map((e) => e.cadreId)).toEqual(['001', '002', '003', '004', '005']);
    expect(ledger.notices).toEqual([]);
  });

  test('a switched-off top-N rule, or scores of another year, give nothing', () => {
    const off = ledgerOf({
      ...raw,
      rules: [
        {
          code: 'B-QUARTER-TOP5',
          category: 'base',
          item: ITEM,
          points: 10,
          kind: 'top-n',
          topN: 5,
          scorePeriod: 'quarter',
          active: false,
        },
      ],
    }).ledger;
    expect(off.entries).toEqual([]);
    expect(off.notices).toEqual([]);
    expect(ledgerOf(raw, 2027).ledger.entries).toEqual([]);
  });

  test('two quarters are ranked separately, each dated in its own last month', () => {
    const two = [
      { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 50 },
      { period: '2026-Q2', ruleCode: 'B-QUARTER-TOP5', cadreId: '002', score: 40 },
      { period: '2026-H1', ruleCode: 'R-STUDY-TOP5', cadreId: '003', score: 10 },
    ];
    const { ledger } = ledgerOf({ ...raw, scores: two });
    expect(ledger.entries.map((e) => [e.id, e.points, e.category, e.reason])).toEqual([
      ['SYS-2026-03-001-B-QUARTER-TOP5', 10, 'base', `2026-Q1 ${ITEM}：成绩 50，第 1 名`],
      ['SYS-2026-06-002-B-QUARTER-TOP5', 10, 'base', `2026-Q2 ${ITEM}：成绩 40，第 1 名`],
      ['SYS-2026-06-003-R-STUDY-TOP5', 5, 'reward', '2026-H1 学习强国半年汇总前5名：成绩 10，第 1 名'],
    ]);
  });
});

describe('published months: stored rows stand, data typed afterwards is named', () => {
  const attRules = [
    { code: 'P', category: 'base', item: '按时', points: 8, kind: 'attendance', tier: 'punctual' },
    { code: 'F', category: 'base', item: '全勤', points: 10, kind: 'attendance', tier: 'full' },
  ];
  const late = (id: string, name: string, month: string) =>
    `${name}（${id}）${month} 的考勤在公示后才录入，考勤分未计入；如需补记，请登记异议并在“处理异议”中更正`;

  test('attendance typed after publication: a notice per cadre and month, naming the punctual rule; late rows none', () => {
    const raw = {
      settings: { year: 2026, asOf: '2026-02' },
      roster: [ZHANG, LI],
      rules: attRules,
      entries: [],
      attendance: [
        { month: '2026-01', cadreId: '001', ...zeros, personalLeaveDays: 1 },
        { month: '2026-01', cadreId: '002', ...zeros, late: 1 },
      ],
      publishedMonths: ['2026-01'],
    };
    const { ledger } = ledgerOf(raw);
    expect(ledger.notices).toEqual([
      {
        kind: 'after-publication',
        ruleCode: 'P',
        period: '2026-01',
        cadreIds: ['001'],
        message: late('001', '张三', '2026-01'),
      },
    ]);
    // a published month generates nothing; February (not published) is missing for both
    expect(ledger.entries).toEqual([]);
    expect([...ledger.missingAttendance].sort()).toEqual(['001|2026-02', '002|2026-02']);
  });

  test('with only a full-attendance rule the notice names it', () => {
    const raw = {
      settings: { year: 2026, asOf: '2026-01' },
      roster: [ZHANG],
      rules: [attRules[1]],
      entries: [],
      attendance: [{ month: '2026-01', cadreId: '001', ...zeros }],
      publishedMonths: ['2026-01'],
    };
    expect(ledgerOf(raw).ledger.notices.map((n) => [n.ruleCode, n.message])).toEqual([
      ['F', late('001', '张三', '2026-01')],
    ]);
  });

  test('a stored system row or a correction for the month settles it; a hand entry of another rule does not', () => {
    const base = {
      settings: { year: 2026, asOf: '2026-01' },
      roster: [ZHANG],
      rules: [...attRules, { code: 'X', category: 'task', item: 'x', points: 1, kind: 'per-event' }],
      attendance: [{ month: '2026-01', cadreId: '001', ...zeros }],
      publishedMonths: ['2026-01'],
    };
    const stored = {
      id: 'SYS-2026-01-001-F',
      month: '2026-01',
      cadreId: '001',
      ruleCode: 'F',
      quantity: 1,
      source: 'system',
    };
    const fix = {
      id: 'C1',
      month: '2026-01',
      cadreId: '001',
      ruleCode: 'F',
      quantity: 1,
      source: 'correction',
    };
    const hand = { id: 'H1', month: '2026-01', cadreId: '001', ruleCode: 'X', quantity: 1 };
    expect(ledgerOf({ ...base, entries: [stored] }).ledger.notices).toEqual([]);
    expect(ledgerOf({ ...base, entries: [fix] }).ledger.notices).toEqual([]);
    expect(ledgerOf({ ...base, entries: [hand] }).ledger.notices).toHaveLength(1);
    // the stored row counts as it stands
    expect(
      ledgerOf({ ...base, entries: [stored] }).ledger.entries.map((e) => [e.id, e.points, e.generated]),
    ).toEqual([['SYS-2026-01-001-F', 10, false]]);
  });

  test('no attendance rules: attendance typed after publication is no notice', () => {
    const raw = {
      settings: { year: 2026, asOf: '2026-01' },
      roster: [ZHANG],
      rules: [{ code: 'X', category: 'task', item: 'x', points: 1, kind: 'per-event' }],
      entries: [],
      attendance: [{ month: '2026-01', cadreId: '001', ...zeros }],
      publishedMonths: ['2026-01'],
    };
    expect(ledgerOf(raw).ledger.notices).toEqual([]);
  });

  test('scores entered after the quarter’s last month was published: named, nothing generated; stored rows settle it', () => {
    const ITEM = '每季度「四知四清四掌握」考核前5名';
    const raw = {
      settings: { year: 2026, asOf: '2025-12' },
      roster: [ZHANG, LI],
      entries: [],
      scores: [
        { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 },
        { period: '2026-Q2', ruleCode: 'B-QUARTER-TOP5', cadreId: '002', score: 80 },
      ],
      publishedMonths: ['2026-03'],
    };
    const { ledger } = ledgerOf(raw);
    expect(ledger.notices).toEqual([
      {
        kind: 'after-publication',
        ruleCode: 'B-QUARTER-TOP5',
        period: '2026-Q1',
        cadreIds: [],
        message: `2026-Q1 ${ITEM}成绩在 2026-03 公示后才录入，前5名加分未计入；请登记异议并在“处理异议”中更正补记`,
      },
    ]);
    expect(ledger.entries.map((e) => e.id)).toEqual(['SYS-2026-06-002-B-QUARTER-TOP5']);
    const storedRow = {
      id: 'SYS-2026-03-001-B-QUARTER-TOP5',
      month: '2026-03',
      cadreId: '001',
      ruleCode: 'B-QUARTER-TOP5',
      quantity: 1,
      source: 'system',
    };
    const settled = ledgerOf({ ...raw, entries: [storedRow] }).ledger;
    expect(settled.notices).toEqual([]);
    expect(settled.entries.map((e) => e.id)).toEqual([
      'SYS-2026-03-001-B-QUARTER-TOP5',
      'SYS-2026-06-002-B-QUARTER-TOP5',
    ]);
  });

  test('the tie notice comes before the after-publication notices', () => {
    const roster = [ZHANG, LI];
    const rules = [
      ...attRules,
      {
        code: 'TOP',
        category: 'reward',
        item: '第一',
        points: 3,
        kind: 'top-n',
        topN: 1,
        scorePeriod: 'quarter',
      },
    ];
    const raw = {
      settings: { year: 2026, asOf: '2026-01' },
      roster,
      rules,
      entries: [],
      attendance: [{ month: '2026-01', cadreId: '001', ...zeros }],
      scores: [
        { period: '2026-Q2', ruleCode: 'TOP', cadreId: '001', score: 9 },
        { period: '2026-Q2', ruleCode: 'TOP', cadreId: '002', score: 9 },
      ],
      publishedMonths: ['2026-01'],
    };
    expect(ledgerOf(raw).ledger.notices.map((n) => [n.kind, n.message])).toEqual([
      ['top-n-tie', '2026-Q2 第一：第 1 名并列，2 人均计分，需两委研究'],
      ['after-publication', late('001', '张三', '2026-01')],
    ]);
  });
});
