// Record shapes: the fast guards accept exactly the well-formed records, and parseRecord's Chinese messages.
import * as z from 'zod/mini';
import {
  attendanceShape,
  cadreShape,
  entryShape,
  guardOf,
  isEntryRecord,
  parseRecord,
  redemptionShape,
  ruleShape,
  scoreShape,
  settingsShape,
  showValue,
} from '../../src/core/schema';

describe('showValue: a short display of the offending value', () => {
  const forty = 'a'.repeat(40);
  test.each<[string, unknown, string]>([
    ['undefined', undefined, '缺失'],
    ['a text, quoted', '2026/3', '"2026/3"'],
    ['an empty text', '', '""'],
    ['a text of 40 characters, whole', forty, `"${forty}"`],
    ['a text of 41 characters, cut at 40', `${forty}b`, `"${forty}…"`],
    ['a number', -2, '-2'],
    ['null', null, 'null'],
    ['true', true, 'true'],
    ['a short list', [1, 2], '[1,2]'],
    ['a short object', { a: 1 }, '{"a":1}'],
    [
      'a long list, cut at 40',
      Array.from({ length: 20 }, (_, i) => i + 10),
      '[10,11,12,13,14,15,16,17,18,19,20,21,22,…',
    ],
    ['JSON of exactly 40 characters, whole', [`${'x'.repeat(36)}`], `["${'x'.repeat(36)}"]`],
    ['a bigint (no JSON)', 10n, '10'],
    ['a symbol (no JSON)', Symbol('s'), 'Symbol(s)'],
  ])('%s', (_name, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  test('a circular object (no JSON)', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(showValue(o)).toBe('[object Object]');
  });
});

describe('guardOf: a fast check equal to the schema for every record', () => {
  const CADRE = { id: '001', name: '张三' };
  const RULE = { code: 'X', category: 'task', item: 'x', points: 2, kind: 'per-event' };
  const SCORE = { period: '2026-Q1', ruleCode: 'B-QUARTER-TOP5', cadreId: '001', score: 90 };
  const ATT = { month: '2026-10', cadreId: '001' };
  const RED = { cadreId: '001', date: '2026-11-03', halfDays: 1 };
  const shapes = {
    cadreShape,
    ruleShape,
    scoreShape,
    attendanceShape,
    redemptionShape,
    settingsShape,
    entryShape,
  };

  // [shape, record, well-formed?]: written from the shapes of SPEC §8.
  test.each<[keyof typeof shapes, unknown, boolean]>([
    ['cadreShape', CADRE, true],
    [
      'cadreShape',
      { ...CADRE, role: null, email: 'a@b.cn', startMonth: '2026-01', endMonth: null, ranked: false },
      true,
    ],
    ['cadreShape', { ...CADRE, extra: 1 }, true],
    ['cadreShape', { ...CADRE, id: 1 }, false],
    ['cadreShape', { name: '张三' }, false],
    ['cadreShape', { ...CADRE, ranked: 'yes' }, false],
    ['cadreShape', { ...CADRE, ranked: null }, true],
    ['cadreShape', { ...CADRE, role: 5 }, false],
    ['cadreShape', null, false],
    ['cadreShape', [CADRE], false],
    ['cadreShape', 'CADRE', false],
    ['ruleShape', RULE, true],
    ['ruleShape', { ...RULE, category: 'other' }, false],
    ['ruleShape', { ...RULE, kind: 'top-n', topN: 5, scorePeriod: 'quarter' }, true],
    ['ruleShape', { ...RULE, scorePeriod: 'half' }, true],
    ['ruleShape', { ...RULE, scorePeriod: 'year' }, false],
    ['ruleShape', { ...RULE, tier: null, scorePeriod: null, topN: null }, true],
    ['ruleShape', { ...RULE, tier: 'full', active: false, claimable: true, evidenceRequired: false }, true],
    ['ruleShape', { ...RULE, points: Number.NaN }, false],
    ['ruleShape', { ...RULE, points: Number.POSITIVE_INFINITY }, false],
    ['ruleShape', { ...RULE, points: '2' }, false],
    ['ruleShape', { ...RULE, topN: Number.NaN }, false],
    ['scoreShape', SCORE, true],
    ['scoreShape', { ...SCORE, score: Number.NaN }, false],
    ['scoreShape', { ...SCORE, score: null }, false],
    ['attendanceShape', ATT, true],
    ['attendanceShape', { ...ATT, late: null, sickLeaveDays: 0.5 }, true],
    ['attendanceShape', { ...ATT, late: '1' }, false],
    ['redemptionShape', RED, true],
    ['redemptionShape', { ...RED, id: null, note: '事假' }, true],
    ['redemptionShape', { ...RED, halfDays: undefined }, false],
    ['settingsShape', {}, true],
    ['settingsShape', { fullAttendanceMode: 'add', year: 2026 }, true],
    ['settingsShape', { fullAttendanceMode: 'both' }, false],
    ['settingsShape', { fullAttendanceMode: null }, true],
    [
      'entryShape',
      { id: 'E', month: '2026-10', cadreId: '001', ruleCode: 'X', quantity: 1, status: 'pending' },
      true,
    ],
    [
      'entryShape',
      { id: 'E', month: '2026-10', cadreId: '001', ruleCode: 'X', quantity: 1, status: null },
      false,
    ],
  ])('%s %j → %s', (shape, record, ok) => {
    expect(guardOf(shapes[shape])(record)).toBe(ok);
    expect(shapes[shape].safeParse(record).success).toBe(ok);
  });

  test('the guard of a shape is made once and reused', () => {
    expect(guardOf(cadreShape)).toBe(guardOf(cadreShape));
  });

  test('kinds the guard does not know always go through zod (never accepted by the guard)', () => {
    const shape = z.object({ tags: z.array(z.string()) });
    expect(guardOf(shape)({ tags: ['a'] })).toBe(false);
    expect(parseRecord(shape, { tags: ['a'] }, 'entries', 0, undefined)).toEqual({
      ok: true,
      value: { tags: ['a'] },
    });
  });
});

describe('isEntryRecord: the hand-written entry guard', () => {
  const E = { id: 'E1', month: '2026-10', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: 1 };
  test.each<[string, unknown, boolean]>([
    ['the required fields', E, true],
    [
      'every optional field',
      { ...E, status: 'rejected', reason: '无', source: 'correction', unitPoints: -5, correctsId: 'E0' },
      true,
    ],
    ['optional texts and unit points null', { ...E, reason: null, unitPoints: null, correctsId: null }, true],
    ['status form-typed', { ...E, status: '已通过' }, false],
    ['status null', { ...E, status: null }, false],
    ['source null', { ...E, source: null }, false],
    ['source unknown', { ...E, source: 'resident' }, false],
    ...(['form', 'committee', 'system'] as const).map((source): [string, unknown, boolean] => [
      `source ${source}`,
      { ...E, source },
      true,
    ]),
    ['status approved', { ...E, status: 'approved' }, true],
    ['id a number', { ...E, id: 1 }, false],
    ['month missing', { ...E, month: undefined }, false],
    ['cadre id a number', { ...E, cadreId: 1 }, false],
    ['rule code missing', { ...E, ruleCode: undefined }, false],
    ['quantity text', { ...E, quantity: '1' }, false],
    ['quantity NaN', { ...E, quantity: Number.NaN }, false],
    ['quantity infinite', { ...E, quantity: Number.POSITIVE_INFINITY }, false],
    ['reason a number', { ...E, reason: 5 }, false],
    ['unit points text', { ...E, unitPoints: '5' }, false],
    ['unit points NaN', { ...E, unitPoints: Number.NaN }, false],
    ['corrected id a number', { ...E, correctsId: 3 }, false],
    ['null', null, false],
    ['a list', [E], false],
    ['a text', 'E1', false],
  ])('%s', (_name, value, ok) => {
    expect(isEntryRecord(value)).toBe(ok);
    expect(entryShape.safeParse(value).success).toBe(ok);
  });
});

describe('parseRecord: one Chinese problem per offending field', () => {
  test('a well-formed record is returned as given (extra keys kept: the sheet row travels with it)', () => {
    const rec = { id: '001', name: '张三', row: 4 };
    const res = parseRecord(cadreShape, rec, 'roster', 0, 4);
    expect(res).toEqual({ ok: true, value: rec });
  });

  test('each problem names table, index, row, the record’s id and the field, in field order', () => {
    const res = parseRecord(
      entryShape,
      { id: 'E4', month: 202610, cadreId: '001', quantity: '2', status: 'ok' },
      'entries',
      3,
      5,
    );
    expect(res).toEqual({
      ok: false,
      problems: [
        { table: 'entries', index: 3, row: 5, id: 'E4', field: 'month', message: '应为文本（实际：202610）' },
        {
          table: 'entries',
          index: 3,
          row: 5,
          id: 'E4',
          field: 'ruleCode',
          message: '缺少必填字段（应为文本）',
        },
        { table: 'entries', index: 3, row: 5, id: 'E4', field: 'quantity', message: '应为数字（实际："2"）' },
        {
          table: 'entries',
          index: 3,
          row: 5,
          id: 'E4',
          field: 'status',
          message: '应为以下之一：approved、pending、rejected（实际："ok"）',
        },
      ],
    });
  });

  test('an id that is not text is not named', () => {
    expect(parseRecord(cadreShape, { id: 7, name: '张三' }, 'roster', 0, undefined)).toEqual({
      ok: false,
      problems: [
        {
          table: 'roster',
          index: 0,
          row: undefined,
          id: undefined,
          field: 'id',
          message: '应为文本（实际：7）',
        },
      ],
    });
  });

  test.each<[string, unknown, string]>([
    ['null', null, '应为对象（实际：null）'],
    ['a number', 3, '应为对象（实际：3）'],
    ['a text', 'x', '应为对象（实际："x"）'],
    ['a list', [{ id: '001' }], '应为对象（实际：[{"id":"001"}]）'],
    ['nothing', undefined, '应为对象（实际：缺失）'],
  ])('a record that is %s', (_name, value, message) => {
    expect(parseRecord(cadreShape, value, 'roster', 2, 9)).toEqual({
      ok: false,
      problems: [{ table: 'roster', index: 2, row: 9, id: undefined, field: '', message }],
    });
  });

  test.each<[string, unknown, string]>([
    ['boolean', 'yes', '应为布尔值（true/false）（实际："yes"）'],
    ['boolean, missing', undefined, ''],
    ['boolean, a number', 1, '应为布尔值（true/false）（实际：1）'],
  ])('type names in Chinese: %s', (_name, ranked, message) => {
    const res = parseRecord(cadreShape, { id: '001', name: '张三', ranked }, 'roster', 0, undefined);
    if (message === '') expect(res.ok).toBe(true);
    else expect(res).toMatchObject({ ok: false, problems: [{ field: 'ranked', message }] });
  });

  test('any other kind of issue reads 格式不正确, with the value', () => {
    const shape = z.object({ codes: z.array(z.string()).check(z.minLength(1)) });
    expect(parseRecord(shape, { codes: [] }, 'rules', 1, 2)).toEqual({
      ok: false,
      problems: [
        {
          table: 'rules',
          index: 1,
          row: 2,
          id: undefined,
          field: 'codes',
          message: '格式不正确（实际：[]）',
        },
      ],
    });
  });

  test('an expected type without a Chinese name is shown as zod names it', () => {
    const shape = z.object({ n: z.bigint() });
    expect(parseRecord(shape, { n: 1 }, 'rules', 0, undefined)).toMatchObject({
      ok: false,
      problems: [{ field: 'n', message: '应为bigint（实际：1）' }],
    });
  });
});
