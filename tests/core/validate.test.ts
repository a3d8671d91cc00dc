// Validation: every bad record is reported in Chinese, naming the record and the field; nothing throws.
import { evaluate, formatProblem, type Problem, validateScenario } from '../../src/core';
import { propertyParams } from '../helpers/property-runs';
import { ATTENDANCE_RULES, att, cadre, entry, scenario } from '../helpers/scenario';

const problemsOf = (raw: unknown): Problem[] => validateScenario(raw, { defaultAsOf: '2026-10' }).problems;

describe('entries', () => {
  const base = (e: Record<string, unknown>) => scenario({ roster: [cadre('001')], entries: [e] });
  test.each([
    ['unknown cadre', { cadreId: '999' }, 'cadreId', '干部名册中没有编号为 999 的干部'],
    ['unknown rule', { ruleCode: 'T-NOPE' }, 'ruleCode', '积分规则中没有编码 T-NOPE'],
    ['zero quantity', { quantity: 0 }, 'quantity', '数量应为正整数'],
    ['negative quantity', { quantity: -1 }, 'quantity', '数量应为正整数'],
    ['fractional quantity', { quantity: 1.5 }, 'quantity', '数量应为正整数'],
    ['absurd quantity', { quantity: 5000 }, 'quantity', '数量过大'],
    ['quantity as text', { quantity: '2' }, 'quantity', '应为数字'],
    ['malformed month', { month: '2026-13' }, 'month', '应为月份'],
    ['month as a date', { month: '2026-10-01' }, 'month', '应为月份'],
    ['bad status', { status: 'ok' }, 'status', '应为以下之一'],
    ['system rule typed by hand', { ruleCode: 'B-ATT-FULL' }, 'ruleCode', '由系统自动计算'],
    ['missing id', { id: undefined }, 'id', '缺少必填字段'],
  ])('%s', (_name, patch, field, text) => {
    const e = { ...entry('001', 'T-MEDIATION', { id: 'E-X' }), ...patch };
    const problems = problemsOf(base(e));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: 'entries', index: 0, field });
    expect(problems[0]!.message).toContain(text);
    const line = formatProblem(problems[0]!);
    expect(line).toContain('entries[0]');
    expect(line).toContain(field);
  });

  test('duplicate ids: the second is reported, the first kept', () => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [entry('001', 'T-MEDIATION', { id: 'D1' }), entry('001', 'T-ACTIVITY', { id: 'D1' })],
    });
    const { scenario: s, problems } = validateScenario(raw, { defaultAsOf: '2026-10' });
    expect(problems).toEqual([
      expect.objectContaining({ table: 'entries', index: 1, id: 'D1', field: 'id' }),
    ]);
    expect(s.entries.map((e) => e.ruleCode)).toEqual(['T-MEDIATION']);
  });

  test('sheet-style messages name the tab, the row and the Chinese header', () => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [{ ...entry('001', 'T-MEDIATION', { id: 'E9' }), quantity: -2, row: 12 }],
    });
    const line = formatProblem(problemsOf(raw)[0]!, 'sheet');
    expect(line).toBe('积分台账 第12行（编号 E9）「数量」：数量应为正整数（实际：-2）');
  });
});

describe('roster, rules, attendance, scores, redemptions, settings', () => {
  test.each([
    ['duplicate cadre id', { roster: [cadre('001'), cadre('001')] }, 'roster', 'id', '编号重复'],
    ['empty name', { roster: [cadre('001'), cadre('002', { name: ' ' })] }, 'roster', 'name', '姓名不能为空'],
    [
      'bad start month',
      { roster: [cadre('001'), cadre('002', { startMonth: '2026/3' })] },
      'roster',
      'startMonth',
      '应为月份',
    ],
    [
      'end before start',
      { roster: [cadre('001'), cadre('002', { startMonth: '2026-05', endMonth: '2026-02' })] },
      'roster',
      'endMonth',
      '早于',
    ],
    [
      'duplicate rule code',
      {
        rules: [
          { code: 'A', category: 'task', item: 'a', points: 1, kind: 'per-event' },
          { code: 'A', category: 'task', item: 'b', points: 2, kind: 'per-event' },
        ],
      },
      'rules',
      'code',
      '规则编码重复',
    ],
    [
      'bad category',
      { rules: [{ code: 'A', category: '其他', item: 'a', points: 1, kind: 'per-event' }] },
      'rules',
      'category',
      '应为以下之一',
    ],
    [
      'fractional points',
      { rules: [{ code: 'A', category: 'task', item: 'a', points: 1.5, kind: 'per-event' }] },
      'rules',
      'points',
      '整数',
    ],
    [
      'attendance rule without tier',
      { rules: [{ code: 'A', category: 'base', item: 'a', points: 1, kind: 'attendance' }] },
      'rules',
      'tier',
      '考勤档',
    ],
    [
      'top-n without N',
      {
        rules: [{ code: 'A', category: 'base', item: 'a', points: 1, kind: 'top-n', scorePeriod: 'quarter' }],
      },
      'rules',
      'topN',
      '名次N',
    ],
    [
      'absence rule linked to nothing',
      {
        rules: [
          { code: 'A', category: 'base', item: 'a', points: 1, kind: 'monthly-absence', linkedCode: 'ZZ' },
        ],
      },
      'rules',
      'linkedCode',
      '不是已有的按次规则',
    ],
    [
      'attendance for unknown cadre',
      { attendance: [{ month: '2026-10', cadreId: '404' }] },
      'attendance',
      'cadreId',
      '没有编号为 404',
    ],
    [
      'negative late count',
      { attendance: [{ month: '2026-10', cadreId: '001', late: -1 }] },
      'attendance',
      'late',
      '不小于 0',
    ],
    [
      'leave in thirds of a day',
      { attendance: [{ month: '2026-10', cadreId: '001', personalLeaveDays: 0.3 }] },
      'attendance',
      'personalLeaveDays',
      '半天',
    ],
    [
      'duplicate attendance row',
      {
        attendance: [
          { month: '2026-10', cadreId: '001' },
          { month: '2026-10', cadreId: '001' },
        ],
      },
      'attendance',
      'cadreId',
      '重复',
    ],
    [
      'score for an unknown period',
      { scores: [{ period: '2026-Q5', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 }] },
      'scores',
      'period',
      '季度',
    ],
    [
      'quarter score given a half-year',
      { scores: [{ period: '2026-H1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 }] },
      'scores',
      'period',
      '季度',
    ],
    [
      'score for a per-event rule',
      { scores: [{ period: '2026-Q1', ruleCode: 'T-MEDIATION', cadreId: '001', score: 90 }] },
      'scores',
      'ruleCode',
      '不是按成绩排名',
    ],
    [
      'redemption with a bad date',
      { redemptions: [{ cadreId: '001', date: '2026-02-30', halfDays: 1 }] },
      'redemptions',
      'date',
      '应为日期',
    ],
    [
      'redemption of zero',
      { redemptions: [{ cadreId: '001', date: '2026-02-03', halfDays: 0 }] },
      'redemptions',
      'halfDays',
      '正整数',
    ],
    ['bad asOf', { settings: { asOf: '10/2026' } }, 'settings', 'asOf', '应为月份'],
    [
      'bad fullAttendanceMode',
      { settings: { fullAttendanceMode: 'both' } },
      'settings',
      'fullAttendanceMode',
      '应为以下之一',
    ],
  ])('%s', (_name, patch, table, field, text) => {
    const raw = { ...scenario({ roster: [cadre('001')] }), ...patch };
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    const p = problems.find((x) => x.table === table && x.field === field);
    expect(p).toBeDefined();
    expect(p!.message).toContain(text);
  });
});

describe('whole-document problems never throw', () => {
  test.each([null, 42, 'text', [], { roster: 'x', entries: [] }, { entries: [] }])('%j', (raw) => {
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('evaluate refuses a malformed period key in Chinese', () => {
    const res = evaluate(scenario({ roster: [cadre('001')] }), '2026-Q9', { defaultAsOf: '2026-10' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems[0]!.message).toContain('期间格式不正确');
  });

  test('many problems are all reported, not just the first', () => {
    const raw = scenario({
      roster: [cadre('001')],
      entries: [
        entry('002', 'T-MEDIATION'),
        entry('001', 'NOPE'),
        entry('001', 'T-MEDIATION', { quantity: 0 }),
      ],
    });
    expect(problemsOf(raw).map((p) => p.index)).toEqual([0, 1, 2]);
  });
});

test('an attendance row with a bad count is left out entirely (no punctual points from −1 + 1)', () => {
  const raw = scenario({
    roster: [cadre('001')],
    attendance: [{ month: '2026-10', cadreId: '001', late: -1, earlyLeave: 1 }],
  });
  const { scenario: s, problems } = validateScenario(raw, { defaultAsOf: '2026-10' });
  expect(problems.map((p) => p.field)).toEqual(['late']);
  expect(s.attendance).toEqual([]);
});

test('the hand-written entry guard accepts exactly what the zod schema accepts', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const { entryShape, isEntryRecord } =
    require('../../src/core/schema') as typeof import('../../src/core/schema');
  const value = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom('approved', 'pending', 'rejected', 'form', 'committee', 'system', 'correction', 'other'),
  );
  const keys = [
    'id',
    'month',
    'cadreId',
    'ruleCode',
    'quantity',
    'status',
    'reason',
    'source',
    'unitPoints',
    'correctsId',
  ];
  const text = fc.oneof(fc.string(), value);
  const complete = fc.record(
    {
      id: text,
      month: text,
      cadreId: text,
      ruleCode: text,
      quantity: fc.oneof(fc.integer(), fc.double(), value),
      status: value,
      reason: value,
      source: value,
      unitPoints: fc.oneof(fc.integer(), value),
      correctsId: value,
    },
    { requiredKeys: ['id', 'month', 'cadreId', 'ruleCode', 'quantity'] },
  );
  const record = fc.oneof(fc.dictionary(fc.constantFrom(...keys), value), complete);
  fc.assert(
    fc.property(fc.oneof(record, value, fc.array(value)), (v) => {
      expect(isEntryRecord(v)).toBe(entryShape.safeParse(v).success);
    }),
    propertyParams(3000),
  );
  // and the common well-formed case is accepted
  expect(
    isEntryRecord({ id: 'E1', month: '2026-10', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: 1 }),
  ).toBe(true);
});

// SPEC §8 (decision): for `evaluate`, the period and every dated record must lie in settings.year.
describe('records outside the assessment year (evaluate)', () => {
  const yearRaw = (year: number | undefined) =>
    scenario({
      settings: { year, asOf: '2026-10', pointsPerHalfDay: 10 },
      roster: [cadre('001', { startMonth: '2025-01' })],
      rules: [
        ...ATTENDANCE_RULES,
        { code: 'T-MEDIATION', category: 'task', item: '调解', points: 3, kind: 'per-event' },
        {
          code: 'B-QUARTER-TOP5',
          category: 'base',
          item: '季度前五',
          points: 5,
          kind: 'top-n',
          topN: 5,
          scorePeriod: 'quarter',
        },
      ],
      entries: [
        entry('001', 'T-MEDIATION', { id: 'OK1', month: '2026-01' }),
        entry('001', 'T-MEDIATION', { id: 'E-DEC', month: '2025-12' }),
      ],
      attendance: [att('001', { month: '2026-01' }), att('001', { month: '2027-01' })],
      scores: [
        { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 },
        { period: '2025-Q4', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 },
      ],
      redemptions: [
        { id: 'R1', cadreId: '001', date: '2026-03-02', halfDays: 1 },
        { id: 'R2', cadreId: '001', date: '2025-12-30', halfDays: 1 },
      ],
    });
  const lines = (raw: unknown, period: string) => {
    const res = evaluate(raw, period, { defaultAsOf: '2026-10' });
    return res.ok ? [] : res.problems.map((p) => formatProblem(p));
  };

  test('each dated record of another year is named (table, index, id, field, date), none silently left out', () => {
    expect(lines(yearRaw(2026), '2026-10')).toEqual([
      'entries[1]（编号 E-DEC）.month（月份）：2025-12 不在考核年度 2026 内（考核年度见 settings.year）',
      'attendance[1].month（月份）：2027-01 不在考核年度 2026 内（考核年度见 settings.year）',
      'scores[1].period（期间）：2025-Q4 不在考核年度 2026 内（考核年度见 settings.year）',
      'redemptions[1]（编号 R2）.date（日期）：2025-12-30 不在考核年度 2026 内（考核年度见 settings.year）',
    ]);
  });

  test('without settings.year, the period’s year is the assessment year', () => {
    expect(lines(yearRaw(undefined), '2026')).toHaveLength(4);
    expect(lines(yearRaw(undefined), '2025-12')).toEqual([
      'entries[0]（编号 OK1）.month（月份）：2026-01 不在考核年度 2025 内（考核年度见 settings.year）',
      'attendance[0].month（月份）：2026-01 不在考核年度 2025 内（考核年度见 settings.year）',
      'attendance[1].month（月份）：2027-01 不在考核年度 2025 内（考核年度见 settings.year）',
      'scores[0].period（期间）：2026-Q1 不在考核年度 2025 内（考核年度见 settings.year）',
      'redemptions[0]（编号 R1）.date（日期）：2026-03-02 不在考核年度 2025 内（考核年度见 settings.year）',
    ]);
  });

  test('a --period outside settings.year is refused (not an empty or all-zero ranking)', () => {
    const raw = scenario({ roster: [cadre('001')], entries: [entry('001', 'T-MEDIATION')] });
    for (const period of ['2025-10', '2027', '2025-Q4', '2027-H1']) {
      expect(lines(raw, period)).toEqual([
        `settings.period（期间）：--period ${period} 不在考核年度 2026 内（考核年度见 settings.year）`,
      ]);
    }
    expect(evaluate(raw, '2026-10', { defaultAsOf: '2026-10' }).ok).toBe(true);
  });

  test('the workbook path (no periodYear) still accepts other years’ records: the sheet keeps past rows', () => {
    const { problems, scenario: s } = validateScenario(yearRaw(2026), { defaultAsOf: '2026-10' });
    expect(problems).toEqual([]);
    expect(s.entries.map((e) => e.id)).toEqual(['OK1', 'E-DEC']);
  });

  test('records inside the year evaluate normally', () => {
    const raw = yearRaw(2026);
    raw.entries = raw.entries.slice(0, 1);
    raw.attendance = raw.attendance!.slice(0, 1);
    raw.scores = raw.scores!.slice(0, 1);
    raw.redemptions = raw.redemptions!.slice(0, 1);
    expect(lines(raw, '2026-Q1')).toEqual([]);
  });
});
