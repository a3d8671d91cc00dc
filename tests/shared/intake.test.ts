// Platform-neutral intake: keys, strict quantities, cell-size cuts, verified authors and one bad response not blocking others.
import { DEFAULT_RULES } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import {
  CELL_LIMIT,
  contentKey,
  FORM_TITLES,
  fitCell,
  formKey,
  type IntakeContext,
  intakeResponses,
  legacyKey,
  parseQuantity,
  type ResponseRow,
  ruleLabel,
  SELF,
} from '../../src/shared/intake';
import { headersOf } from '../../src/shared/tabs';

const L = headersOf('ledger');
const E = headersOf('intakeErrors');
const mediation = ruleLabel(DEFAULT_RULES.find((r) => r.code === 'T-MEDIATION')!);

const ctx: IntakeContext = {
  cadres: [
    { id: '001', name: '王建国', email: 'Wang@Example.org', startMonth: null, endMonth: null },
    { id: '002', name: '李秀英', email: 'li@example.org', startMonth: null, endMonth: null },
    { id: '003', name: '张伟', email: 'shared@example.org', startMonth: null, endMonth: null },
    { id: '004', name: '刘芳', email: 'shared@example.org', startMonth: null, endMonth: null },
  ],
  rules: DEFAULT_RULES,
  publishedMonths: new Set(),
  knownKeys: new Set(),
  nowMonth: '2026-11',
  nowText: '2026-11-05 10:00:00',
  deadlineDay: 0,
};

function response(over: Partial<Record<string, Cell>> = {}, meta: Partial<ResponseRow> = {}): ResponseRow {
  const answers: Record<string, Cell> = {
    [FORM_TITLES.subject]: SELF,
    [FORM_TITLES.month]: '2026年10月份（2026-10）',
    [FORM_TITLES.rule]: mediation,
    [FORM_TITLES.quantity]: '2',
    [FORM_TITLES.evidence]: '调解3号楼漏水纠纷',
    ...over,
  };
  return {
    row: 2,
    responseId: 'resp-1',
    keys: [formKey('resp-1')],
    email: 'wang@example.org',
    timestamp: '2026-11-05 09:00:00',
    get: (t) => answers[t] ?? '',
    raw: () =>
      Object.entries(answers)
        .map(([k, v]) => `${k}：${String(v)}`)
        .join('；'),
    ...meta,
  };
}

describe('keys', () => {
  const cells = (evidence: string) =>
    [
      [FORM_TITLES.evidence, evidence],
      [FORM_TITLES.quantity, 2],
    ] as const;
  test('S + SHA-256 of the exact answers: trailing spaces stay distinct; column order does not matter', () => {
    const a = contentKey(1_790_000_000_000, 'wang@example.org', cells('调解'));
    expect(a).toMatch(/^S[0-9a-f]{64}$/);
    expect(contentKey(1_790_000_000_000, 'wang@example.org', cells('调解 '))).not.toBe(a);
    expect(contentKey(1_790_000_000_000, 'wang@example.org', [...cells('调解')].reverse())).toBe(a);
    // a number and the same digits as text are different answers
    expect(
      contentKey(1_790_000_000_000, 'wang@example.org', [
        [FORM_TITLES.evidence, '调解'],
        [FORM_TITLES.quantity, '2'],
      ]),
    ).not.toBe(a);
    expect(contentKey(1_790_000_000_001, 'wang@example.org', cells('调解'))).not.toBe(a);
    expect(contentKey(1_790_000_000_000, 'li@example.org', cells('调解'))).not.toBe(a);
  });

  test('two new responses that share a legacy 32-bit key are both taken in', () => {
    const shared = legacyKey('2026-11-05 09:00:00', ['a']);
    const a = response({}, { responseId: 'a', keys: ['Sa', shared] });
    const b = response(
      { [FORM_TITLES.evidence]: '调解3号楼漏水纠纷 ' },
      { responseId: 'b', keys: ['Sb', shared] },
    );
    const res = intakeResponses([a, b], ctx);
    expect(res.ledgerRows.map((r) => r[L.indexOf('表单回复ID')])).toEqual(['Sa', 'Sb']);
    // legacy keys are never stored again
    expect(res.processedRows.map((r) => [r[0], r[1]])).toEqual([
      ['Sa', ''],
      ['Sb', ''],
    ]);
  });

  test('a legacy key already stored by an earlier version is recognised', () => {
    const old = legacyKey('2026-11-05 09:00:00', ['x']);
    const res = intakeResponses([response({}, { keys: ['Snew', old] })], {
      ...ctx,
      knownKeys: new Set([old]),
    });
    expect(res.ledgerRows).toHaveLength(0);
    expect(res.duplicates).toBe(1);
    // its new key is recorded, so that a later DST change (which altered legacy keys) cannot make it look new
    expect(res.processedRows).toEqual([['Snew', '', 2, '（已收取，补记键）', '2026-11-05 10:00:00']]);
  });

  test('a response known by one key has its other keys recorded (补记)', () => {
    const res = intakeResponses([response({}, { keys: ['Rid', 'Stab'] })], {
      ...ctx,
      knownKeys: new Set(['Rid']),
    });
    expect(res.duplicates).toBe(1);
    expect(res.processedRows).toEqual([['Stab', 'Rid', 2, '（已收取，补记键）', '2026-11-05 10:00:00']]);
  });
});

describe('quantity: number cells or plain ASCII digits only, never reinterpreted', () => {
  const refused = (shown: string) =>
    `表单回复第 2 行「数量」应为正整数，只能用阿拉伯数字填写（如 2），不能带逗号、小数点、指数或全角数字；填写的是「${shown}」，未作任何换算`;
  test.each([
    ['1,5', refused('1,5')],
    ['1,000', refused('1,000')],
    ['1e3', refused('1e3')],
    ['１５', refused('１５')],
    ['1.5', refused('1.5')],
    ['两次', refused('两次')],
    ['-2', refused('-2')],
    ['0', '表单回复第 2 行「数量」应为正整数（填写的是：0）'],
    ['', '表单回复第 2 行「数量」未填写，应为正整数'],
    ['500', '表单回复第 2 行「数量」：数量 500 过大（上限 100）'],
  ])('%j → %s', (v, reason) => {
    expect(parseQuantity(v, '表单回复第 2 行')).toEqual({ ok: false, reason });
    const res = intakeResponses([response({ [FORM_TITLES.quantity]: v })], ctx);
    expect(res.ledgerRows).toHaveLength(0);
    expect(res.errorRows[0]![E.indexOf('原因')]).toBe(reason);
  });
  test.each([
    ['2', 2],
    [' 12 ', 12],
    [7, 7],
  ])('%j is accepted as %d', (v, n) => {
    expect(parseQuantity(v, 'x')).toEqual({ ok: true, n });
  });
  test('a number cell that is not a positive whole number is refused', () => {
    expect(parseQuantity(1.5, '表单回复第 4 行')).toEqual({
      ok: false,
      reason: '表单回复第 4 行「数量」应为正整数（填写的是：1.5）',
    });
  });
});

describe('verified authors', () => {
  test('申报人 is the verified email (matched case-insensitively); reporting another cadre works', () => {
    const res = intakeResponses(
      [response({ [FORM_TITLES.subject]: '李秀英（002）' }, { email: 'WANG@example.org' })],
      ctx,
    );
    const row = res.ledgerRows[0]!;
    expect(row[L.indexOf('申报人')]).toBe('WANG@example.org');
    expect(row[L.indexOf('干部编号')]).toBe('002');
  });
  test.each([
    [
      'an email not in the roster',
      'stranger@example.org',
      '申报人邮箱 stranger@example.org 不在干部名册中（请在「干部名册」的邮箱列登记本人的登录邮箱）',
    ],
    [
      'no email collected',
      '',
      '表单回复第 2 行没有记录申报人的登录邮箱：申请表需收集已验证的邮箱，请两委运行「创建/更新申请表」',
    ],
    [
      'an email two cadres share',
      'shared@example.org',
      '申报人邮箱 shared@example.org 在干部名册中登记给了多名干部（张伟（003）、刘芳（004）），无法确认申报人',
    ],
  ])('%s goes to 申报异常', (_name, email, reason) => {
    const res = intakeResponses([response({}, { email })], ctx);
    expect(res.ledgerRows).toHaveLength(0);
    expect(res.errorRows[0]![E.indexOf('原因')]).toBe(reason);
    expect(res.errorRows[0]![E.indexOf('申报人')]).toBe(email);
  });
});

test('a tab row the readable form has no response for is refused, whatever email it shows', () => {
  const res = intakeResponses([response({}, { responseId: '', keys: ['Sx'], row: 7, orphan: true })], ctx);
  expect(res.ledgerRows).toHaveLength(0);
  expect(res.errorRows[0]![E.indexOf('原因')]).toBe(
    '表单回复第 7 行在申请表的回复记录中找不到（可能是在回复表中手工录入或粘贴的行，或表单中的回复已被删除），申报人邮箱无法核实，未作为申报收取',
  );
});

describe('cell limit and one bad response', () => {
  test('fitCell keeps short text and cuts long text to exactly the limit, with a note', () => {
    expect(fitCell('短', '表单回复第 3 行')).toBe('短');
    const cut = fitCell('长'.repeat(60_000), '表单回复第 3 行');
    expect(cut).toHaveLength(CELL_LIMIT);
    expect(cut.endsWith('……（原文 60000 字，全文见表单回复第 3 行）')).toBe(true);
    // a surrogate pair is never split
    const emoji = fitCell('👍'.repeat(30_000), '表单回复第 3 行');
    expect(emoji.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(/[\ud800-\udbff]……/.test(emoji)).toBe(false);
  });

  test('an over-long 得分依据 is stored cut, with a note naming the responses-tab row', () => {
    const long = '经'.repeat(70_000);
    const res = intakeResponses([response({ [FORM_TITLES.evidence]: long }, { row: 9 })], ctx);
    const cell = String(res.ledgerRows[0]![L.indexOf('得分依据')]);
    expect(cell).toHaveLength(CELL_LIMIT);
    expect(cell.endsWith('……（原文 70000 字，全文见表单回复第 9 行）')).toBe(true);
  });

  test('a response that cannot be read goes to 申报异常; the next one still lands', () => {
    const broken = response({}, { responseId: 'bad', keys: ['Rbad'], row: 3 });
    broken.get = () => {
      throw new Error('boom');
    };
    const fine = response({}, { responseId: 'ok', keys: ['Rok'], row: 4 });
    const res = intakeResponses([broken, fine], ctx);
    expect(res.errorRows.map((r) => r[E.indexOf('原因')])).toEqual(['表单回复第 3 行无法处理：boom']);
    expect(res.ledgerRows.map((r) => r[L.indexOf('表单回复ID')])).toEqual(['Rok']);
    expect(res.processedRows.map((r) => r[3])).toEqual(['申报异常', '积分台账']);
  });
});
