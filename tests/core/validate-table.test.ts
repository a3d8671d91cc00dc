// Validation, field by field: each refusal's exact Chinese message, field and record, and what accepted records become.
import { type Problem, validateScenario } from '../../src/core';

const OPTS = { defaultAsOf: '2026-10' };
const validate = (raw: unknown, periodYear?: number) => validateScenario(raw, { ...OPTS, periodYear });
const problemsOf = (raw: unknown, periodYear?: number): Problem[] => validate(raw, periodYear).problems;

const ZHANG = { id: '001', name: '张三' };
/** A scenario with one cadre (001) and the default catalogue; `extra` replaces or adds lists. */
const withLists = (extra: Record<string, unknown>) => ({ roster: [ZHANG], entries: [], ...extra });

describe('the document as a whole', () => {
  test.each([
    ['null', null],
    ['a number', 42],
    ['a text', 'text'],
    ['a list', []],
  ])('%s: not an object, and roster and entries missing', (_name, raw) => {
    expect(problemsOf(raw)).toEqual([
      { table: 'settings', index: -1, field: '', message: '场景应为 JSON 对象' },
      { table: 'roster', index: -1, field: '', message: '缺少 roster 列表' },
      { table: 'entries', index: -1, field: '', message: '缺少 entries 列表' },
    ]);
  });

  test('null roster and entries count as missing; the optional lists may be absent or null', () => {
    expect(problemsOf({ roster: null, entries: null, attendance: null, scores: null })).toEqual([
      { table: 'roster', index: -1, field: '', message: '缺少 roster 列表' },
      { table: 'entries', index: -1, field: '', message: '缺少 entries 列表' },
    ]);
  });

  test.each([
    ['roster', 'x', '应为列表（实际："x"）'],
    ['entries', { a: 1 }, '应为列表（实际：{"a":1}）'],
    ['attendance', 5, '应为列表（实际：5）'],
    ['scores', true, '应为列表（实际：true）'],
    ['redemptions', 'R1', '应为列表（实际："R1"）'],
  ])('%s that is not a list', (table, value, message) => {
    expect(problemsOf({ roster: [ZHANG], entries: [], [table]: value })).toEqual([
      { table, index: -1, field: '', message },
    ]);
  });

  test('a minimal valid document has no problems and empty lists', () => {
    const { scenario, problems } = validate({ roster: [ZHANG], entries: [] });
    expect(problems).toEqual([]);
    expect(scenario.entries).toEqual([]);
    expect(scenario.attendance).toEqual([]);
    expect(scenario.scores).toEqual([]);
    expect(scenario.redemptions).toEqual([]);
    expect(scenario.publishedMonths).toEqual([]);
  });

  test('publishedMonths keeps only month keys; anything else is ignored', () => {
    const pm = (publishedMonths: unknown) =>
      validate(withLists({ publishedMonths })).scenario.publishedMonths;
    expect(pm(['2026-01', 5, '2026-13', '2026-Q1', null, ['2026-03'], '2026-02'])).toEqual([
      '2026-01',
      '2026-02',
    ]);
    expect(pm('2026-01')).toEqual([]);
  });
});

describe('settings', () => {
  const DEFAULTS = {
    asOf: '2026-10',
    startingPoints: 100,
    fullAttendanceMode: 'replace',
    tierFraction: 1 / 3,
    bottomCount: 3,
    pointsPerHalfDay: 100,
  };
  const settingsOf = (settings: unknown) => validate(withLists({ settings }));

  test.each([
    ['absent', undefined],
    ['null', null],
    ['empty', {}],
    [
      'all null',
      {
        year: null,
        asOf: null,
        startingPoints: null,
        fullAttendanceMode: null,
        tierFraction: null,
        bottomCount: null,
        pointsPerHalfDay: null,
      },
    ],
  ])('%s: the defaults of SPEC §6, asOf from the caller, no year', (_name, settings) => {
    const { scenario, problems } = settingsOf(settings);
    expect(problems).toEqual([]);
    expect(scenario.settings).toEqual(DEFAULTS);
    expect(scenario.settings.year).toBeUndefined();
  });

  test('settings that are not an object: reported, defaults used', () => {
    const { scenario, problems } = settingsOf('2026');
    expect(problems).toEqual([
      { table: 'settings', index: -1, field: '', message: '应为对象（实际："2026"）' },
    ]);
    expect(scenario.settings).toEqual(DEFAULTS);
  });

  test('a field of the wrong type is named in Chinese', () => {
    expect(settingsOf({ year: '2026' }).problems).toEqual([
      { table: 'settings', index: -1, field: 'year', message: '应为数字（实际："2026"）' },
    ]);
  });

  test('every setting given and valid is taken as given', () => {
    const given = {
      year: 2027,
      asOf: '2027-03',
      startingPoints: 0,
      fullAttendanceMode: 'add',
      tierFraction: 0.5,
      bottomCount: 0,
      pointsPerHalfDay: 1,
    };
    const { scenario, problems } = settingsOf(given);
    expect(problems).toEqual([]);
    expect(scenario.settings).toEqual(given);
  });

  // [field, value, accepted, message when refused]
  test.each<[string, unknown, boolean, string]>([
    ['year', 2000, true, ''],
    ['year', 2100, true, ''],
    ['year', 1999, false, '应为四位年份（实际：1999）'],
    ['year', 2101, false, '应为四位年份（实际：2101）'],
    ['year', 2026.5, false, '应为四位年份（实际：2026.5）'],
    ['asOf', '2026-12', true, ''],
    ['asOf', '2026-13', false, '应为月份，如 2026-10（实际："2026-13"）'],
    ['asOf', '10/2026', false, '应为月份，如 2026-10（实际："10/2026"）'],
    ['startingPoints', 0, true, ''],
    ['startingPoints', 250, true, ''],
    ['startingPoints', -1, false, '应为不小于 0 的整数（实际：-1）'],
    ['startingPoints', 99.5, false, '应为不小于 0 的整数（实际：99.5）'],
    ['tierFraction', 0.5, true, ''],
    ['tierFraction', 0.25, true, ''],
    ['tierFraction', 0.01, true, ''],
    ['tierFraction', 0, false, '应在 0 与 0.5 之间（实际：0）'],
    ['tierFraction', -0.3, false, '应在 0 与 0.5 之间（实际：-0.3）'],
    ['tierFraction', 0.51, false, '应在 0 与 0.5 之间（实际：0.51）'],
    ['bottomCount', 0, true, ''],
    ['bottomCount', 5, true, ''],
    ['bottomCount', -1, false, '应为不小于 0 的整数（实际：-1）'],
    ['bottomCount', 2.5, false, '应为不小于 0 的整数（实际：2.5）'],
    ['pointsPerHalfDay', 1, true, ''],
    ['pointsPerHalfDay', 50, true, ''],
    ['pointsPerHalfDay', 0, false, '应为正整数（实际：0）'],
    ['pointsPerHalfDay', -100, false, '应为正整数（实际：-100）'],
    ['pointsPerHalfDay', 50.5, false, '应为正整数（实际：50.5）'],
  ])('%s = %j: accepted %s', (field, value, accepted, message) => {
    const { scenario, problems } = settingsOf({ [field]: value });
    const settings = scenario.settings as unknown as Record<string, unknown>;
    if (accepted) {
      expect(problems).toEqual([]);
      expect(settings[field]).toBe(value);
    } else {
      expect(problems).toEqual([{ table: 'settings', index: -1, field, message }]);
      expect(settings[field]).toBe((DEFAULTS as Record<string, unknown>)[field]);
    }
  });

  test('several bad settings are all reported, in field order', () => {
    expect(
      settingsOf({ year: 1, startingPoints: -5, pointsPerHalfDay: 0 }).problems.map((p) => p.field),
    ).toEqual(['year', 'startingPoints', 'pointsPerHalfDay']);
  });
});

describe('rules', () => {
  const rulesOf = (rules: unknown) => validate(withLists({ rules }));
  const perEvent = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    category: 'task',
    item: `事项${code}`,
    points: 2,
    kind: 'per-event',
    ...extra,
  });

  test.each([
    ['absent', undefined],
    ['null', null],
  ])('%s: the 22 rules of the default catalogue (SPEC §3)', (_name, rules) => {
    const { scenario, problems } = rulesOf(rules);
    expect(problems).toEqual([]);
    expect(scenario.rules.map((r) => r.code)).toEqual([
      'B-ATT-PUNCTUAL',
      'B-ATT-FULL',
      'B-NO-CRITICISM',
      'B-CRITICIZED',
      'B-QUARTER-TOP5',
      'T-TASK-EARLY',
      'T-TASK-ONTIME',
      'T-TASK-LATE',
      'T-ACTIVITY',
      'T-MEDIATION',
      'T-NO-COMPLAINT',
      'T-COMPLAINT',
      'T-INFO-REGISTER',
      'T-CONTEST-JOIN',
      'T-CONTEST-TOP3',
      'T-GOOD-DEED',
      'R-STUDY-TOP5',
      'R-HONOR-STREET',
      'R-HONOR-CITY',
      'R-HONOR-PREFECTURE',
      'R-HONOR-REGION',
      'R-HONOR-NATIONAL',
    ]);
    expect(scenario.rules.find((r) => r.code === 'T-MEDIATION')).toEqual({
      code: 'T-MEDIATION',
      category: 'task',
      item: '成功调解居民矛盾纠纷',
      points: 5,
      kind: 'per-event',
      active: true,
      claimable: true,
      evidenceRequired: true,
    });
  });

  test('rules that are not a list: reported, and the default catalogue is used', () => {
    const { scenario, problems } = rulesOf('T-MEDIATION');
    expect(problems).toEqual([
      { table: 'rules', index: -1, field: '', message: '应为列表（实际："T-MEDIATION"）' },
    ]);
    expect(scenario.rules).toHaveLength(22);
  });

  test('the default catalogue handed out is a copy: changing it changes no later validation', () => {
    const first = rulesOf(undefined).scenario.rules;
    first[0]!.points = 999;
    expect(rulesOf(undefined).scenario.rules[0]!.points).toBe(8);
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['empty code', { code: '' }, 'code', '规则编码不能为空'],
    ['blank code', { code: '   ' }, 'code', '规则编码不能为空'],
    ['fractional points', { points: 1.5 }, 'points', '分值应为整数（实际：1.5）'],
    [
      'attendance without tier',
      { kind: 'attendance' },
      'tier',
      '考勤规则需指定考勤档：punctual（按时）或 full（全勤）',
    ],
    [
      'attendance with null tier',
      { kind: 'attendance', tier: null },
      'tier',
      '考勤规则需指定考勤档：punctual（按时）或 full（全勤）',
    ],
    [
      'absence without linked code',
      { kind: 'monthly-absence' },
      'linkedCode',
      '月度无扣分规则需指定关联编码',
    ],
    [
      'absence with empty linked code',
      { kind: 'monthly-absence', linkedCode: '' },
      'linkedCode',
      '月度无扣分规则需指定关联编码',
    ],
    [
      'top-n without N',
      { kind: 'top-n', scorePeriod: 'quarter' },
      'topN',
      '前N名规则的名次N应为正整数（实际：缺失）',
    ],
    [
      'top-n with null N',
      { kind: 'top-n', topN: null, scorePeriod: 'quarter' },
      'topN',
      '前N名规则的名次N应为正整数（实际：null）',
    ],
    [
      'top-n with N = 0',
      { kind: 'top-n', topN: 0, scorePeriod: 'quarter' },
      'topN',
      '前N名规则的名次N应为正整数（实际：0）',
    ],
    [
      'top-n with N = 2.5',
      { kind: 'top-n', topN: 2.5, scorePeriod: 'quarter' },
      'topN',
      '前N名规则的名次N应为正整数（实际：2.5）',
    ],
    [
      'top-n without period',
      { kind: 'top-n', topN: 5 },
      'scorePeriod',
      '前N名规则需指定成绩周期：quarter（季度）或 half（半年）',
    ],
    [
      'unknown kind',
      { kind: 'weekly' },
      'kind',
      '应为以下之一：per-event、attendance、monthly-absence、top-n（实际："weekly"）',
    ],
    [
      'unknown category',
      { category: '其他' },
      'category',
      '应为以下之一：base、task、reward（实际："其他"）',
    ],
    [
      'unknown tier',
      { kind: 'attendance', tier: 'half' },
      'tier',
      '应为以下之一：punctual、full（实际："half"）',
    ],
    [
      'unknown score period',
      { kind: 'top-n', topN: 5, scorePeriod: 'year' },
      'scorePeriod',
      '应为以下之一：quarter、half、half-year（实际："year"）',
    ],
    ['points as text', { points: '5' }, 'points', '应为数字（实际："5"）'],
    ['missing item', { item: undefined }, 'item', '缺少必填字段（应为文本）'],
    ['active as text', { active: '是' }, 'active', '应为布尔值（true/false）（实际："是"）'],
  ])('%s', (_name, patch, field, message) => {
    const bad = { ...perEvent('X-1'), ...patch, row: 4 };
    const { scenario, problems } = rulesOf([perEvent('OK-1'), bad]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: 'rules', index: 1, row: 4, field, message });
    expect(scenario.rules.map((r) => r.code)).toEqual(['OK-1']);
  });

  test('a duplicate code (after trimming) is refused; the first is kept', () => {
    const { scenario, problems } = rulesOf([perEvent('A', { points: 1 }), perEvent(' A ', { points: 2 })]);
    expect(problems).toEqual([
      { table: 'rules', index: 1, row: undefined, id: ' A ', field: 'code', message: '规则编码重复：A' },
    ]);
    expect(scenario.rules.map((r) => [r.code, r.points])).toEqual([['A', 1]]);
  });

  test('a refused rule does not reserve its code', () => {
    const { scenario, problems } = rulesOf([perEvent('A', { points: 0.5 }), perEvent('A', { points: 3 })]);
    expect(problems.map((p) => p.field)).toEqual(['points']);
    expect(scenario.rules.map((r) => [r.code, r.points])).toEqual([['A', 3]]);
  });

  // What an accepted rule becomes: code trimmed, kind fields kept, 启用 defaults to 是, only 按次 rules
  // are claimable (by default), and 需填依据 follows 可申报 unless given.
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'per-event, nothing optional',
      { code: ' X1 ' },
      { code: 'X1', kind: 'per-event', active: true, claimable: true, evidenceRequired: true },
    ],
    [
      'per-event, optional fields null',
      {
        tier: null,
        linkedCode: null,
        topN: null,
        scorePeriod: null,
        active: null,
        claimable: null,
        evidenceRequired: null,
      },
      {
        active: true,
        claimable: true,
        evidenceRequired: true,
        tier: undefined,
        linkedCode: undefined,
        topN: undefined,
        scorePeriod: undefined,
      },
    ],
    ['per-event switched off', { active: false }, { active: false, claimable: true }],
    ['per-event not claimable', { claimable: false }, { claimable: false, evidenceRequired: false }],
    [
      'per-event claimable without evidence',
      { evidenceRequired: false },
      { claimable: true, evidenceRequired: false },
    ],
    [
      'not claimable but evidence required',
      { claimable: false, evidenceRequired: true },
      { claimable: false, evidenceRequired: true },
    ],
    [
      'attendance',
      { kind: 'attendance', tier: 'full', category: 'base', points: 10 },
      {
        kind: 'attendance',
        tier: 'full',
        category: 'base',
        points: 10,
        claimable: false,
        evidenceRequired: false,
      },
    ],
    [
      'attendance claimable = true is still not claimable',
      { kind: 'attendance', tier: 'punctual', claimable: true },
      { claimable: false },
    ],
    [
      "top-n on half-year scores, written 'half' as SPEC §8 names it",
      { kind: 'top-n', topN: 5, scorePeriod: 'half' as 'half-year', category: 'reward' },
      {
        kind: 'top-n',
        topN: 5,
        scorePeriod: 'half-year',
        category: 'reward',
        claimable: false,
        evidenceRequired: false,
      },
    ],
    [
      'top-n with N = 1',
      { kind: 'top-n', topN: 1, scorePeriod: 'half-year', category: 'reward' },
      {
        kind: 'top-n',
        topN: 1,
        scorePeriod: 'half-year',
        category: 'reward',
        claimable: false,
        evidenceRequired: false,
      },
    ],
  ])('%s', (_name, patch, expected) => {
    const { scenario, problems } = rulesOf([perEvent('X1', patch)]);
    expect(problems).toEqual([]);
    expect(scenario.rules).toHaveLength(1);
    expect(scenario.rules[0]).toEqual({
      code: 'X1',
      category: 'task',
      item: '事项X1',
      points: 2,
      kind: 'per-event',
      tier: undefined,
      linkedCode: undefined,
      topN: undefined,
      scorePeriod: undefined,
      active: true,
      claimable: true,
      evidenceRequired: true,
      ...patch,
      ...expected,
    });
  });

  describe('a monthly-absence rule must point at an existing per-event rule', () => {
    const absence = (code: string, linkedCode: string, extra: Record<string, unknown> = {}) => ({
      code,
      category: 'base',
      item: `无${linkedCode}`,
      points: 5,
      kind: 'monthly-absence',
      linkedCode,
      ...extra,
    });
    const attendance = {
      code: 'ATT',
      category: 'base',
      item: '按时',
      points: 8,
      kind: 'attendance',
      tier: 'punctual',
    };

    test('linked to a per-event rule (before or after it): kept', () => {
      const { scenario, problems } = rulesOf([absence('NA', 'P'), perEvent('P')]);
      expect(problems).toEqual([]);
      expect(scenario.rules.map((r) => [r.code, r.linkedCode])).toEqual([
        ['NA', 'P'],
        ['P', undefined],
      ]);
    });

    test.each([
      ['nothing', [perEvent('P'), absence('NA', 'ZZ', { row: 3 })], 1, 3, 'ZZ'],
      ['an attendance rule', [perEvent('P'), attendance, absence('NA', 'ATT', { row: 4 })], 2, 4, 'ATT'],
      ['itself', [absence('NA', 'NA', { row: 2 }), perEvent('P')], 0, 2, 'NA'],
    ])('linked to %s: refused, naming its own row', (_name, rules, index, row, linked) => {
      const { scenario, problems } = rulesOf(rules);
      expect(problems).toEqual([
        {
          table: 'rules',
          index,
          row,
          id: 'NA',
          field: 'linkedCode',
          message: `关联编码 ${linked} 不是已有的按次规则`,
        },
      ]);
      expect(scenario.rules.map((r) => r.code)).not.toContain('NA');
    });

    test('the position named is the record’s place in the input, even after a refused rule', () => {
      const rules = [perEvent('BAD', { points: 1.5 }), perEvent('P'), absence('NA', 'ZZ', { row: 9 })];
      const { scenario, problems } = rulesOf(rules);
      expect(problems).toEqual([
        expect.objectContaining({ table: 'rules', index: 0, field: 'points' }),
        {
          table: 'rules',
          index: 2,
          row: 9,
          id: 'NA',
          field: 'linkedCode',
          message: '关联编码 ZZ 不是已有的按次规则',
        },
      ]);
      expect(scenario.rules.map((r) => r.code)).toEqual(['P']);
    });
  });
});

describe('roster', () => {
  const rosterOf = (roster: unknown[]) => validate({ roster, entries: [] });

  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['empty id', { id: '' }, 'id', '', '编号不能为空'],
    ['blank id', { id: '  ' }, 'id', '', '编号不能为空'],
    ['blank name', { name: ' ' }, 'name', '002', '姓名不能为空'],
    [
      'start month with a slash',
      { startMonth: '2026/3' },
      'startMonth',
      '002',
      '应为月份，如 2026-01（实际："2026/3"）',
    ],
    [
      'start month 13',
      { startMonth: '2026-13' },
      'startMonth',
      '002',
      '应为月份，如 2026-01（实际："2026-13"）',
    ],
    ['end month 00', { endMonth: '2026-00' }, 'endMonth', '002', '应为月份，如 2026-06（实际："2026-00"）'],
    [
      'end before start',
      { startMonth: '2026-05', endMonth: '2026-02' },
      'endMonth',
      '002',
      '离职月份 2026-02 早于起始月份 2026-05',
    ],
    ['id as a number', { id: 2 }, 'id', '', '应为文本（实际：2）'],
    ['missing name', { name: undefined }, 'name', '002', '缺少必填字段（应为文本）'],
    ['ranked as text', { ranked: '是' }, 'ranked', '002', '应为布尔值（true/false）（实际："是"）'],
  ])('%s', (_name, patch, field, id, message) => {
    const { scenario, problems } = rosterOf([ZHANG, { id: '002', name: '李四', ...patch, row: 3 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: 'roster', index: 1, row: 3, field, message });
    expect(problems[0]!.id ?? '').toBe(id);
    expect(scenario.roster.map((c) => c.id)).toEqual(['001']);
  });

  test('a duplicate id (after trimming) is refused; the first is kept', () => {
    const { scenario, problems } = rosterOf([ZHANG, { id: ' 001 ', name: '张三丰' }]);
    expect(problems).toEqual([
      { table: 'roster', index: 1, row: undefined, id: '001', field: 'id', message: '编号重复：001' },
    ]);
    expect(scenario.roster.map((c) => c.name)).toEqual(['张三']);
  });

  test('a refused cadre does not reserve the id', () => {
    const { scenario, problems } = rosterOf([{ id: '001', name: '' }, ZHANG]);
    expect(problems.map((p) => p.field)).toEqual(['name']);
    expect(scenario.roster.map((c) => c.name)).toEqual(['张三']);
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'every field',
      {
        id: ' 003 ',
        name: ' 王五 ',
        role: '网格员',
        email: 'w@x.cn',
        startMonth: '2026-02',
        endMonth: '2026-09',
        ranked: false,
      },
      {
        id: '003',
        name: '王五',
        role: '网格员',
        email: 'w@x.cn',
        startMonth: '2026-02',
        endMonth: '2026-09',
        ranked: false,
      },
    ],
    [
      'only id and name',
      { id: '003', name: '王五' },
      {
        id: '003',
        name: '王五',
        role: undefined,
        email: undefined,
        startMonth: null,
        endMonth: null,
        ranked: true,
      },
    ],
    [
      'nulls and empty months',
      { id: '003', name: '王五', role: null, email: null, startMonth: '', endMonth: null, ranked: null },
      {
        id: '003',
        name: '王五',
        role: undefined,
        email: undefined,
        startMonth: null,
        endMonth: null,
        ranked: true,
      },
    ],
    [
      'leaving in the month of joining',
      { id: '003', name: '王五', startMonth: '2026-05', endMonth: '2026-05' },
      { startMonth: '2026-05', endMonth: '2026-05' },
    ],
    [
      'a leaving month only',
      { id: '003', name: '王五', endMonth: '2026-03' },
      { startMonth: null, endMonth: '2026-03' },
    ],
    [
      'a start month only',
      { id: '003', name: '王五', startMonth: '2026-11' },
      { startMonth: '2026-11', endMonth: null },
    ],
  ])('accepted: %s', (_name, given, expected) => {
    const { scenario, problems } = rosterOf([given]);
    expect(problems).toEqual([]);
    expect(scenario.roster).toHaveLength(1);
    expect(scenario.roster[0]).toMatchObject(expected);
  });

  test('a record that is not an object', () => {
    expect(rosterOf([ZHANG, '002']).problems).toEqual([
      {
        table: 'roster',
        index: 1,
        row: undefined,
        id: undefined,
        field: '',
        message: '应为对象（实际："002"）',
      },
    ]);
  });
});

describe('entries', () => {
  const ROSTER = [ZHANG, { id: '002', name: '李四' }];
  const e = (extra: Record<string, unknown> = {}) => ({
    id: 'E1',
    month: '2026-10',
    cadreId: '001',
    ruleCode: 'T-MEDIATION',
    quantity: 1,
    ...extra,
  });
  const entriesOf = (entries: unknown[], periodYear?: number) =>
    validate({ roster: ROSTER, entries }, periodYear);

  test.each<[string, Record<string, unknown>, string, string]>([
    ['empty id', { id: '' }, 'id', '编号不能为空'],
    ['blank id', { id: '   ' }, 'id', '编号不能为空'],
    [
      'system source typed by hand',
      { source: 'system' },
      'source',
      '来源「系统」只能由系统生成；手工录入请选“两委”',
    ],
    ['month 13', { month: '2026-13' }, 'month', '应为月份，如 2026-10（实际："2026-13"）'],
    ['month 00', { month: '2026-00' }, 'month', '应为月份，如 2026-10（实际："2026-00"）'],
    ['a date for a month', { month: '2026-10-01' }, 'month', '应为月份，如 2026-10（实际："2026-10-01"）'],
    ['unknown cadre', { cadreId: '404' }, 'cadreId', '干部名册中没有编号为 404 的干部'],
    ['unknown rule', { ruleCode: 'T-NOPE' }, 'ruleCode', '积分规则中没有编码 T-NOPE'],
    [
      'attendance rule by hand',
      { ruleCode: 'B-ATT-FULL' },
      'ruleCode',
      'B-ATT-FULL（另无事假、病假记录，考勤全勤）由系统自动计算，不能手工录入',
    ],
    [
      'monthly-absence rule by form',
      { ruleCode: 'B-NO-CRITICISM', source: 'form' },
      'ruleCode',
      'B-NO-CRITICISM（月内未被街道等上级部门点名批评）由系统自动计算，不能手工录入',
    ],
    [
      'top-n rule by the committee',
      { ruleCode: 'B-QUARTER-TOP5', source: 'committee' },
      'ruleCode',
      'B-QUARTER-TOP5（每季度「四知四清四掌握」考核前5名）由系统自动计算，不能手工录入',
    ],
    ['zero quantity', { quantity: 0 }, 'quantity', '数量应为正整数（实际：0）'],
    ['negative quantity', { quantity: -2 }, 'quantity', '数量应为正整数（实际：-2）'],
    ['fractional quantity', { quantity: 1.5 }, 'quantity', '数量应为正整数（实际：1.5）'],
    ['quantity over the cap', { quantity: 101 }, 'quantity', '数量过大（上限 100，实际：101）'],
    ['fractional unit points', { unitPoints: 2.5 }, 'unitPoints', '分值应为整数（实际：2.5）'],
    ['quantity as text', { quantity: '2' }, 'quantity', '应为数字（实际："2"）'],
    ['status null', { status: null }, 'status', '应为以下之一：approved、pending、rejected（实际：null）'],
    [
      'unknown source',
      { source: '居民' },
      'source',
      '应为以下之一：form、committee、system、correction（实际："居民"）',
    ],
    ['missing month', { month: undefined }, 'month', '缺少必填字段（应为文本）'],
    ['missing quantity', { quantity: undefined }, 'quantity', '缺少必填字段（应为数字）'],
    ['unit points as text', { unitPoints: '5' }, 'unitPoints', '应为数字（实际："5"）'],
  ])('%s', (_name, patch, field, message) => {
    const { scenario, problems } = entriesOf([e({ id: 'E0' }), { ...e(), ...patch, row: 8 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: 'entries', index: 1, row: 8, field, message });
    expect(scenario.entries.map((x) => x.id)).toEqual(['E0']);
  });

  test('a refused entry names its (trimmed) id', () => {
    expect(entriesOf([e({ id: ' E7 ', quantity: 0 })]).problems[0]).toMatchObject({ id: 'E7' });
    expect(entriesOf([e({ id: 'E8', quantity: '1' })]).problems[0]).toMatchObject({ id: 'E8' });
  });

  test('a duplicate id (after trimming) is refused; a refused entry does not reserve its id', () => {
    const { scenario, problems } = entriesOf([
      e({ id: 'E1', quantity: 0 }),
      e({ id: 'E1', quantity: 2 }),
      e({ id: ' E1', quantity: 3 }),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ index: 0, field: 'quantity' }),
      { table: 'entries', index: 2, row: undefined, id: 'E1', field: 'id', message: '编号重复：E1' },
    ]);
    expect(scenario.entries.map((x) => x.quantity)).toEqual([2]);
  });

  test('the first problem of an entry is the one reported (id, source, duplicate, month, cadre, rule, quantity, unit points)', () => {
    const all = {
      id: '',
      source: 'system',
      month: 'x',
      cadreId: '404',
      ruleCode: 'NOPE',
      quantity: 0,
      unitPoints: 0.5,
    };
    const steps: [Record<string, unknown>, string][] = [
      [all, 'id'],
      [{ ...all, id: 'E5' }, 'source'],
      [{ ...all, id: 'E5', source: 'committee' }, 'month'],
      [{ ...all, id: 'E5', source: 'committee', month: '2026-10' }, 'cadreId'],
      [{ ...all, id: 'E5', source: 'committee', month: '2026-10', cadreId: '001' }, 'ruleCode'],
      [
        { ...all, id: 'E5', source: 'committee', month: '2026-10', cadreId: '001', ruleCode: 'T-MEDIATION' },
        'quantity',
      ],
      [
        {
          ...all,
          id: 'E5',
          source: 'committee',
          month: '2026-10',
          cadreId: '001',
          ruleCode: 'T-MEDIATION',
          quantity: 100,
        },
        'unitPoints',
      ],
    ];
    for (const [entry, field] of steps)
      expect(entriesOf([entry]).problems.map((p) => p.field)).toEqual([field]);
    expect(entriesOf([e({ id: 'E5' }), e({ id: 'E5', month: 'x' })]).problems.map((p) => p.field)).toEqual([
      'id',
    ]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['quantity at the cap (100)', { quantity: 100 }],
    ['negative whole unit points', { unitPoints: -3, source: 'correction' }],
    [
      'a system row with an SYS- id',
      { id: 'SYS-2026-10-001-B-ATT-FULL', source: 'system', ruleCode: 'B-ATT-FULL' },
    ],
    [
      'a correction of an attendance rule',
      {
        source: 'correction',
        ruleCode: 'B-ATT-PUNCTUAL',
        unitPoints: -8,
        correctsId: 'SYS-2026-10-001-B-ATT-PUNCTUAL',
      },
    ],
    ['another year’s month without --period', { month: '2025-12' }],
  ])('accepted: %s', (_name, patch) => {
    const { scenario, problems } = entriesOf([e(patch)]);
    expect(problems).toEqual([]);
    expect(scenario.entries).toHaveLength(1);
  });

  test('with a period year, a month of another year is refused', () => {
    expect(entriesOf([e({ month: '2025-12' })], 2026).problems).toEqual([
      {
        table: 'entries',
        index: 0,
        row: undefined,
        id: 'E1',
        field: 'month',
        message: '2025-12 不在考核年度 2026 内（考核年度见 settings.year）',
      },
    ]);
    expect(entriesOf([e({ month: '2026-01' })], 2026).problems).toEqual([]);
  });

  test('an accepted entry: defaults filled, rule fields and points resolved (T-MEDIATION +5 each)', () => {
    const { scenario } = entriesOf([e({ id: ' E1 ', quantity: 3, row: 6 })]);
    expect(scenario.entries).toEqual([
      {
        id: 'E1',
        month: '2026-10',
        cadreId: '001',
        ruleCode: 'T-MEDIATION',
        quantity: 3,
        status: 'approved',
        reason: '',
        source: 'committee',
        unitPoints: 5,
        correctsId: undefined,
        row: 6,
        item: '成功调解居民矛盾纠纷',
        category: 'task',
        points: 15,
        generated: false,
      },
    ]);
  });

  test('an accepted entry keeps what was given (status, reason, source, frozen unit points, corrected id)', () => {
    const given = e({
      id: 'E2',
      cadreId: '002',
      ruleCode: 'R-HONOR-CITY',
      quantity: 2,
      status: 'pending',
      reason: '市级表彰',
      source: 'form',
      unitPoints: 12,
      correctsId: '',
    });
    expect(entriesOf([given]).scenario.entries[0]).toEqual({
      id: 'E2',
      month: '2026-10',
      cadreId: '002',
      ruleCode: 'R-HONOR-CITY',
      quantity: 2,
      status: 'pending',
      reason: '市级表彰',
      source: 'form',
      unitPoints: 12,
      correctsId: undefined,
      row: undefined,
      item: '受市级表彰',
      category: 'reward',
      points: 24,
      generated: false,
    });
  });

  test('null optional fields take the defaults (unit points from the rule)', () => {
    const given = e({
      ruleCode: 'T-COMPLAINT',
      reason: null,
      unitPoints: null,
      correctsId: null,
      quantity: 2,
    });
    expect(entriesOf([given]).scenario.entries[0]).toMatchObject({
      reason: '',
      unitPoints: -1,
      points: -2,
      correctsId: undefined,
      category: 'task',
    });
  });

  test.each([
    ['a number', 7, '应为对象（实际：7）'],
    ['null', null, '应为对象（实际：null）'],
    ['a list', ['E1'], '应为对象（实际：["E1"]）'],
  ])('an entry that is %s', (_name, value, message) => {
    expect(entriesOf([value]).problems).toEqual([
      { table: 'entries', index: 0, row: undefined, id: undefined, field: '', message },
    ]);
  });
});

describe('attendance', () => {
  const a = (extra: Record<string, unknown> = {}) => ({ month: '2026-10', cadreId: '001', ...extra });
  const attendanceOf = (attendance: unknown[], periodYear?: number) =>
    validate(withLists({ attendance }), periodYear);

  test.each<[string, Record<string, unknown>, string, string]>([
    ['month 13', { month: '2026-13' }, 'month', '应为月份，如 2026-10（实际："2026-13"）'],
    ['unknown cadre', { cadreId: '404' }, 'cadreId', '干部名册中没有编号为 404 的干部'],
    ['negative late', { late: -1 }, 'late', '次数应为不小于 0 的整数（实际：-1）'],
    ['fractional early leave', { earlyLeave: 0.5 }, 'earlyLeave', '次数应为不小于 0 的整数（实际：0.5）'],
    ['negative absence', { absent: -2 }, 'absent', '次数应为不小于 0 的整数（实际：-2）'],
    [
      'negative personal leave',
      { personalLeaveDays: -0.5 },
      'personalLeaveDays',
      '天数应为不小于 0 的整数或半天（实际：-0.5）',
    ],
    [
      'sick leave in quarters of a day',
      { sickLeaveDays: 1.25 },
      'sickLeaveDays',
      '天数应为不小于 0 的整数或半天（实际：1.25）',
    ],
    ['late as text', { late: '1' }, 'late', '应为数字（实际："1"）'],
    ['missing cadre', { cadreId: undefined }, 'cadreId', '缺少必填字段（应为文本）'],
  ])('%s', (_name, patch, field, message) => {
    const { scenario, problems } = attendanceOf([a({ month: '2026-09' }), { ...a(), ...patch, row: 5 }]);
    expect(problems).toEqual([{ table: 'attendance', index: 1, row: 5, id: undefined, field, message }]);
    expect(scenario.attendance.map((x) => x.month)).toEqual(['2026-09']);
  });

  test('every bad count of a row is named, and the row is left out', () => {
    const { scenario, problems } = attendanceOf([
      a({ late: -1, earlyLeave: 2, absent: 0.5, sickLeaveDays: 0.3 }),
    ]);
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['late', '次数应为不小于 0 的整数（实际：-1）'],
      ['absent', '次数应为不小于 0 的整数（实际：0.5）'],
      ['sickLeaveDays', '天数应为不小于 0 的整数或半天（实际：0.3）'],
    ]);
    expect(scenario.attendance).toEqual([]);
  });

  test('a second row for the same cadre and month is refused; a refused row does not count as the first', () => {
    const { scenario, problems } = attendanceOf([a({ late: -1 }), a({ late: 1 }), a({ late: 2 })]);
    expect(problems).toEqual([
      expect.objectContaining({ index: 0, field: 'late' }),
      {
        table: 'attendance',
        index: 2,
        row: undefined,
        field: 'cadreId',
        message: '2026-10 已有该干部的考勤记录（重复）',
      },
    ]);
    expect(scenario.attendance.map((x) => x.late)).toEqual([1]);
  });

  test('the same cadre in two months, and two cadres in one month, are no duplicates', () => {
    const raw = {
      roster: [ZHANG, { id: '002', name: '李四' }],
      entries: [],
      attendance: [a(), a({ month: '2026-09' }), a({ cadreId: '002' })],
    };
    const { scenario, problems } = validate(raw);
    expect(problems).toEqual([]);
    expect(scenario.attendance).toHaveLength(3);
  });

  test('with a period year, a month of another year is refused', () => {
    expect(attendanceOf([a({ month: '2027-01' })], 2026).problems).toEqual([
      {
        table: 'attendance',
        index: 0,
        row: undefined,
        field: 'month',
        message: '2027-01 不在考核年度 2026 内（考核年度见 settings.year）',
      },
    ]);
  });

  test.each<[string, Record<string, unknown>, Record<string, number>]>([
    ['counts absent', {}, { late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 }],
    [
      'counts null',
      { late: null, earlyLeave: null, absent: null, personalLeaveDays: null, sickLeaveDays: null },
      { late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 },
    ],
    [
      'every count, half days of leave',
      { late: 2, earlyLeave: 1, absent: 3, personalLeaveDays: 0.5, sickLeaveDays: 2.5 },
      { late: 2, earlyLeave: 1, absent: 3, personalLeaveDays: 0.5, sickLeaveDays: 2.5 },
    ],
  ])('accepted: %s', (_name, patch, counts) => {
    const { scenario, problems } = attendanceOf([{ ...a(), ...patch, row: 11 }]);
    expect(problems).toEqual([]);
    expect(scenario.attendance).toEqual([{ month: '2026-10', cadreId: '001', ...counts, row: 11 }]);
  });
});

describe('scores', () => {
  const sc = (extra: Record<string, unknown> = {}) => ({
    period: '2026-Q1',
    ruleCode: 'B-QUARTER-TOP5',
    cadreId: '001',
    score: 92,
    ...extra,
  });
  const scoresOf = (scores: unknown[], periodYear?: number) => validate(withLists({ scores }), periodYear);

  test.each<[string, Record<string, unknown>, string, string]>([
    ['unknown rule', { ruleCode: 'NOPE' }, 'ruleCode', 'NOPE 不是按成绩排名的规则'],
    ['a per-event rule', { ruleCode: 'T-MEDIATION' }, 'ruleCode', 'T-MEDIATION 不是按成绩排名的规则'],
    ['an attendance rule', { ruleCode: 'B-ATT-FULL' }, 'ruleCode', 'B-ATT-FULL 不是按成绩排名的规则'],
    [
      'a half-year for a quarterly rule',
      { period: '2026-H1' },
      'period',
      '期间应为季度，如 2026-Q3（实际："2026-H1"）',
    ],
    [
      'a month for a quarterly rule',
      { period: '2026-03' },
      'period',
      '期间应为季度，如 2026-Q3（实际："2026-03"）',
    ],
    ['quarter 5', { period: '2026-Q5' }, 'period', '期间应为季度，如 2026-Q3（实际："2026-Q5"）'],
    [
      'a quarter for a half-year rule',
      { ruleCode: 'R-STUDY-TOP5', period: '2026-Q2' },
      'period',
      '期间应为半年，如 2026-H1（实际："2026-Q2"）',
    ],
    [
      'a year for a half-year rule',
      { ruleCode: 'R-STUDY-TOP5', period: '2026' },
      'period',
      '期间应为半年，如 2026-H1（实际："2026"）',
    ],
    ['unknown cadre', { cadreId: '404' }, 'cadreId', '干部名册中没有编号为 404 的干部'],
    ['score as text', { score: '92' }, 'score', '应为数字（实际："92"）'],
    ['missing score', { score: undefined }, 'score', '缺少必填字段（应为数字）'],
  ])('%s', (_name, patch, field, message) => {
    const { scenario, problems } = scoresOf([sc({ period: '2026-Q2' }), { ...sc(), ...patch, row: 7 }]);
    expect(problems).toEqual([{ table: 'scores', index: 1, row: 7, id: undefined, field, message }]);
    expect(scenario.scores.map((x) => x.period)).toEqual(['2026-Q2']);
  });

  test('a second score of the same cadre, rule and period is refused', () => {
    const { scenario, problems } = scoresOf([sc({ score: 90 }), sc({ score: 95 })]);
    expect(problems).toEqual([
      {
        table: 'scores',
        index: 1,
        row: undefined,
        field: 'cadreId',
        message: '2026-Q1 已有该干部的成绩（重复）',
      },
    ]);
    expect(scenario.scores.map((x) => x.score)).toEqual([90]);
  });

  test('other periods, rules and cadres are no duplicates; scores are kept as given', () => {
    const raw = {
      roster: [ZHANG, { id: '002', name: '李四' }],
      entries: [],
      scores: [
        sc(),
        sc({ period: '2026-Q2' }),
        sc({ cadreId: '002', score: 88.5 }),
        sc({ ruleCode: 'R-STUDY-TOP5', period: '2026-H1', row: 4 }),
      ],
    };
    const { scenario, problems } = validate(raw);
    expect(problems).toEqual([]);
    expect(scenario.scores).toEqual([
      { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 92, row: undefined },
      { period: '2026-Q2', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 92, row: undefined },
      { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '002', score: 88.5, row: undefined },
      { period: '2026-H1', ruleCode: 'R-STUDY-TOP5', cadreId: '001', score: 92, row: 4 },
    ]);
  });

  test('with a period year, a period of another year is refused', () => {
    expect(scoresOf([sc({ period: '2025-Q4' })], 2026).problems).toEqual([
      {
        table: 'scores',
        index: 0,
        row: undefined,
        field: 'period',
        message: '2025-Q4 不在考核年度 2026 内（考核年度见 settings.year）',
      },
    ]);
  });
});

describe('redemptions', () => {
  const r = (extra: Record<string, unknown> = {}) => ({
    cadreId: '001',
    date: '2026-11-03',
    halfDays: 1,
    ...extra,
  });
  const redemptionsOf = (redemptions: unknown[], periodYear?: number) =>
    validate(withLists({ redemptions }), periodYear);

  test.each<[string, Record<string, unknown>, string, string]>([
    ['unknown cadre', { cadreId: '404' }, 'cadreId', '干部名册中没有编号为 404 的干部'],
    [
      '29 February of a common year',
      { date: '2026-02-29' },
      'date',
      '应为日期，如 2026-11-03（实际："2026-02-29"）',
    ],
    ['a month for a date', { date: '2026-11' }, 'date', '应为日期，如 2026-11-03（实际："2026-11"）'],
    ['zero half-days', { halfDays: 0 }, 'halfDays', '半天数应为正整数（实际：0）'],
    ['negative half-days', { halfDays: -1 }, 'halfDays', '半天数应为正整数（实际：-1）'],
    ['one and a half half-days', { halfDays: 1.5 }, 'halfDays', '半天数应为正整数（实际：1.5）'],
    ['half-days as text', { halfDays: '1' }, 'halfDays', '应为数字（实际："1"）'],
    ['missing date', { date: undefined }, 'date', '缺少必填字段（应为文本）'],
  ])('%s', (_name, patch, field, message) => {
    const { scenario, problems } = redemptionsOf([r({ id: 'R0' }), { ...r(), ...patch, id: 'R1', row: 3 }]);
    expect(problems).toEqual([{ table: 'redemptions', index: 1, row: 3, id: 'R1', field, message }]);
    expect(scenario.redemptions.map((x) => x.id)).toEqual(['R0']);
  });

  test('a duplicate id is refused; redemptions without an id never clash', () => {
    const { scenario, problems } = redemptionsOf([
      r({ id: 'R1' }),
      r({ id: 'R1', halfDays: 2 }),
      r(),
      r({ id: null }),
    ]);
    expect(problems).toEqual([
      { table: 'redemptions', index: 1, row: undefined, id: 'R1', field: 'id', message: '编号重复：R1' },
    ]);
    expect(scenario.redemptions.map((x) => [x.id, x.halfDays])).toEqual([
      ['R1', 1],
      [undefined, 1],
      [undefined, 1],
    ]);
  });

  test('29 February of a leap year is a date', () => {
    const raw = {
      settings: { year: 2028 },
      roster: [ZHANG],
      entries: [],
      redemptions: [r({ date: '2028-02-29' })],
    };
    expect(validate(raw).problems).toEqual([]);
  });

  test('with a period year, a date of another year is refused', () => {
    expect(redemptionsOf([r({ id: 'R9', date: '2027-01-04' })], 2026).problems).toEqual([
      {
        table: 'redemptions',
        index: 0,
        row: undefined,
        id: 'R9',
        field: 'date',
        message: '2027-01-04 不在考核年度 2026 内（考核年度见 settings.year）',
      },
    ]);
  });

  test('an accepted redemption as it is kept', () => {
    const { scenario, problems } = redemptionsOf([
      r({ id: 'R1', halfDays: 2, note: '抵扣事假', row: 5 }),
      r({ date: '2026-12-31', note: null }),
    ]);
    expect(problems).toEqual([]);
    expect(scenario.redemptions).toEqual([
      { id: 'R1', cadreId: '001', date: '2026-11-03', halfDays: 2, note: '抵扣事假', row: 5 },
      { id: undefined, cadreId: '001', date: '2026-12-31', halfDays: 1, note: undefined, row: undefined },
    ]);
  });
});

describe('the sheet row travels with a record only when it is a number', () => {
  test.each<[string, unknown, number | undefined]>([
    ['a number', 12, 12],
    ['a text', '12', undefined],
    ['absent', undefined, undefined],
  ])('row given as %s', (_name, row, expected) => {
    const raw = {
      roster: [ZHANG],
      rules: [{ code: 'A', category: 'task', item: 'a', points: 1.5, kind: 'per-event', row }],
      entries: [{ id: 'E1', month: '2026-10', cadreId: '001', ruleCode: 'A', quantity: 1, row }],
    };
    const { problems } = validate(raw);
    expect(problems.map((p) => [p.table, p.row])).toEqual([
      ['rules', expected],
      ['entries', expected],
    ]);
  });
});
