// Intake by hand: labels, keys, cuts, quantities, lateness and every refusal, each expectation written out in full.
import { createHash } from 'node:crypto';
import { DEFAULT_RULES, type Rule } from '../../src/core';
import type { Cell } from '../../src/shared/cells';
import {
  CELL_LIMIT,
  cadreIdFromLabel,
  cadreLabel,
  contentKey,
  FORM_TITLES,
  fingerprint,
  fitCell,
  formKey,
  type IntakeContext,
  intakeResponses,
  isLate,
  isLegacyKey,
  legacyKey,
  monthChoices,
  monthFromAnswer,
  monthLabel,
  parseQuantity,
  type ResponseRow,
  responsePlace,
  ruleCodeFromLabel,
  ruleLabel,
  SELF,
} from '../../src/shared/intake';

/** An independent SHA-256 (node:crypto), to write expected keys from their documented canonical form. */
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** FNV-1a 32-bit written with BigInt, independent of the Math.imul version under test. */
function fnvReference(text: string): string {
  let h = 0x811c9dc5n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x01000193n) % 0x1_0000_0000n;
  }
  return h.toString(16).padStart(8, '0');
}

describe('labels the form shows', () => {
  test.each([
    [{ id: '001', name: '王建国' }, '王建国（001）'],
    [{ id: 'A7', name: '李秀英' }, '李秀英（A7）'],
  ])('cadreLabel(%j) = %s', (c, label) => {
    expect(cadreLabel(c)).toBe(label);
  });

  test.each([
    [
      { code: 'T-MEDIATION', item: '成功调解居民矛盾纠纷', points: 5 },
      '成功调解居民矛盾纠纷（+5分）〔T-MEDIATION〕',
    ],
    [{ code: 'B-CRITICIZED', item: '被上级点名批评', points: -5 }, '被上级点名批评（-5分）〔B-CRITICIZED〕'],
    [{ code: 'Z', item: '零分事项', points: 0 }, '零分事项（0分）〔Z〕'],
  ])('ruleLabel(%j) = %s', (r, label) => {
    expect(ruleLabel(r)).toBe(label);
  });

  test.each([
    ['2026-10', '2026年10月份（2026-10）'],
    ['2026-03', '2026年3月份（2026-03）'],
    ['2027-12', '2027年12月份（2027-12）'],
  ])('monthLabel(%s) = %s', (m, label) => {
    expect(monthLabel(m)).toBe(label);
  });

  test.each([
    ['2026-11', ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['2026-12', ['2026-09', '2026-10', '2026-11', '2026-12']],
    [
      '2026-04',
      [
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
      ],
    ],
    [
      '2026-03',
      [
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
      ],
    ],
    [
      '2026-01',
      [
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
      ],
    ],
  ])('monthChoices(%s): three months back through December', (now, months) => {
    expect(monthChoices(now)).toEqual(months);
  });
});

describe('reading answers back', () => {
  test.each<[Cell, number, string]>([
    ['2026年10月份（2026-10）', 0, '2026-10'],
    ['  2026年9月份（2026-09）  ', 0, '2026-09'],
    ['2026/10', 0, '2026-10'],
    ['2026-7', 0, '2026-07'],
    // the label's month must close the answer: text after it is not a month label
    ['2026年10月份（2026-10）之后', 0, '2026年10月份（2026-10）之后'],
    ['（2026-10）x', 0, '（2026-10）x'],
    ['十月', 0, '十月'],
    // a Date cell is read in the sheet's offset: 16:00 UTC on 31 Oct is 1 Nov in Shanghai
    [new Date(Date.UTC(2026, 9, 31, 16)), 480, '2026-11'],
    [new Date(Date.UTC(2026, 9, 31, 16)), 0, '2026-10'],
    [new Date(Date.UTC(2026, 9, 31, 16, 30)), 0, '2026-10'],
  ])('monthFromAnswer(%j, %d) = %s', (v, offset, month) => {
    expect(monthFromAnswer(v, offset)).toBe(month);
  });

  test.each([
    ['王建国（001）', '001'],
    ['王建国（ 001 ）', '001'],
    ['王建国（001）  ', '001'],
    ['王（甲）（001）', '001'],
    ['王建国(001)', '001'],
    ['王建国( 7 )', '7'],
    ['王建国(001) ', '001'],
    // not at the end: the whole answer, trimmed, is the id
    ['王建国（001）x', '王建国（001）x'],
    ['王建国(001)x', '王建国(001)x'],
    ['  002 ', '002'],
    ['王建国（）', '王建国（）'],
    ['王建国()', '王建国()'],
  ])('cadreIdFromLabel(%j) = %s', (label, id) => {
    expect(cadreIdFromLabel(label)).toBe(id);
  });

  test.each([
    ['成功调解居民矛盾纠纷（+5分）〔T-MEDIATION〕', 'T-MEDIATION'],
    ['事项〔 T-X 〕 ', 'T-X'],
    ['事项〔A〕〔B〕', 'B'],
    ['事项〔T-X〕后缀', '事项〔T-X〕后缀'],
    ['  T-ACTIVITY ', 'T-ACTIVITY'],
  ])('ruleCodeFromLabel(%j) = %s', (label, code) => {
    expect(ruleCodeFromLabel(label)).toBe(code);
  });
});

describe('keys', () => {
  test.each(['', 'a', 'foobar', '2026-11-05 09:00:00', '干部积分', 'x'.repeat(300)])(
    'fingerprint(%j) is FNV-1a 32-bit as 8 hex digits',
    (text) => {
      expect(fingerprint(text)).toBe(fnvReference(text));
      expect(fingerprint(text)).toMatch(/^[0-9a-f]{8}$/);
    },
  );

  test('published FNV-1a vectors, and a hash with leading zero digits kept', () => {
    expect(fingerprint('')).toBe('811c9dc5');
    expect(fingerprint('a')).toBe('e40c292c');
    expect(fingerprint('foobar')).toBe('bf9cf968');
    // find a short text whose hash is below 0x10000000 (by the reference) and check the padding
    let t = 0;
    while (!fnvReference(String(t)).startsWith('0')) t++;
    expect(fingerprint(String(t))).toBe(fnvReference(String(t)));
    expect(fingerprint(String(t)).startsWith('0')).toBe(true);
  });

  test('legacyKey = T + timestamp + # + fingerprint of the answers joined by U+0001', () => {
    expect(legacyKey('2026-11-05 09:00:00', ['a', 'b'])).toBe(
      `T2026-11-05 09:00:00#${fnvReference('a\u0001b')}`,
    );
    expect(legacyKey('t', ['a', 'b'])).not.toBe(legacyKey('t', ['ab']));
    expect(isLegacyKey(legacyKey('t', []))).toBe(true);
    expect(isLegacyKey('Rabc')).toBe(false);
    expect(isLegacyKey('Sabc')).toBe(false);
    expect(formKey('2_ABaOnud')).toBe('R2_ABaOnud');
  });

  test('contentKey is S and the SHA-256 of the canonical JSON of stamp, email and the typed answers sorted by title', () => {
    const d = new Date(Date.UTC(2026, 10, 5, 9));
    const key = contentKey(1_790_000_000_000, 'wang@example.org', [
      ['得分依据', '调解 '],
      ['数量', 2],
      ['事项日期', d],
      ['本人', true],
      ['链接', ''],
      ['空', null],
      ['未答', undefined],
      ['假', false],
    ]);
    const canonical = JSON.stringify([
      1_790_000_000_000,
      'wang@example.org',
      [
        ['事项日期', { d: d.getTime() }],
        ['假', { b: false }],
        ['得分依据', '调解 '],
        ['数量', { n: 2 }],
        ['未答', null],
        ['本人', { b: true }],
        ['空', null],
        ['链接', null],
      ],
    ]);
    expect(key).toBe(`S${sha(canonical)}`);
    expect(contentKey(null, '', [])).toBe(`S${sha('[null,"",[]]')}`);
  });
});

describe('fitting one cell (50,000 characters)', () => {
  const note = (len: number) => `……（原文 ${len} 字，全文见表单回复第 3 行）`;
  test('exactly the limit is kept whole; one more is cut to the limit with the note', () => {
    const full = 'a'.repeat(CELL_LIMIT);
    expect(fitCell(full, '表单回复第 3 行')).toBe(full);
    const over = 'a'.repeat(CELL_LIMIT + 1);
    const n = note(CELL_LIMIT + 1);
    expect(fitCell(over, '表单回复第 3 行')).toBe('a'.repeat(CELL_LIMIT - n.length) + n);
  });

  // The character just before the cut decides: a high surrogate (U+D800–U+DBFF) moves the cut back one.
  const len = 60_000;
  const cut = CELL_LIMIT - note(len).length;
  test.each([
    ['U+D83D (👍)', '👍', true],
    ['U+D800 (𐀀, lowest high surrogate)', '\ud800\udc00', true],
    ['U+DBFF (U+10FFFF, highest high surrogate)', '\udbff\udfff', true],
    ['U+FF0C (，), above the surrogates', '，x', false],
    ['U+D7FF, below the surrogates', '\ud7ffx', false],
  ])('%s just before the cut', (_name, pair, movesBack) => {
    const text = 'x'.repeat(cut - 1) + pair + 'x'.repeat(len - cut - 1);
    expect(text).toHaveLength(len);
    const kept = movesBack ? 'x'.repeat(cut - 1) : text.slice(0, cut);
    expect(fitCell(text, '表单回复第 3 行')).toBe(kept + note(len));
  });

  test.each([
    [{ row: 5, responseId: 'r' }, '表单回复第 5 行'],
    [{ row: null, responseId: 'r9' }, '申请表的回复记录（回复ID r9）'],
    [{ row: null, responseId: '' }, '申请表的回复记录（回复ID 未知）'],
  ])('responsePlace(%j) = %s', (r, place) => {
    expect(responsePlace(r)).toBe(place);
  });
});

describe('quantity', () => {
  const w = '表单回复第 2 行';
  const badText = (shown: string) =>
    `${w}「数量」应为正整数，只能用阿拉伯数字填写（如 2），不能带逗号、小数点、指数或全角数字；填写的是「${shown}」，未作任何换算`;
  test.each<[Cell, ReturnType<typeof parseQuantity>]>([
    [1, { ok: true, n: 1 }],
    [100, { ok: true, n: 100 }],
    [101, { ok: false, reason: `${w}「数量」：数量 101 过大（上限 100）` }],
    [0, { ok: false, reason: `${w}「数量」应为正整数（填写的是：0）` }],
    [-3, { ok: false, reason: `${w}「数量」应为正整数（填写的是：-3）` }],
    ['1', { ok: true, n: 1 }],
    ['100', { ok: true, n: 100 }],
    ['007', { ok: true, n: 7 }],
    ['\t3\t', { ok: true, n: 3 }],
    ['101', { ok: false, reason: `${w}「数量」：数量 101 过大（上限 100）` }],
    ['00', { ok: false, reason: `${w}「数量」应为正整数（填写的是：00）` }],
    ['   ', { ok: false, reason: `${w}「数量」未填写，应为正整数` }],
    [null, { ok: false, reason: `${w}「数量」未填写，应为正整数` }],
    // text is shown as typed, untrimmed
    [' 1.5 ', { ok: false, reason: badText(' 1.5 ') }],
    [true, { ok: false, reason: badText('TRUE') }],
    [new Date(Date.UTC(2026, 0, 2)), { ok: false, reason: badText('2026-01-02') }],
  ])('parseQuantity(%j)', (v, expected) => {
    expect(parseQuantity(v, w)).toEqual(expected);
  });
});

describe('isLate: after the month end (0) or after day N of the next month', () => {
  test.each([
    ['2026-10', '2026-10-31', 0, false],
    ['2026-10', '2026-11-01', 0, true],
    ['2026-10', '2026-10-31 23:59:59', 0, false],
    ['2026-10', '2026-11-01 00:00:00', 0, true],
    ['2026-09', '2026-09-30', 0, false],
    ['2026-09', '2026-10-01', 0, true],
    ['2028-02', '2028-02-29', 0, false],
    ['2028-02', '2028-03-01', 0, true],
    ['2026-02', '2026-02-28', 0, false],
    ['2026-02', '2026-03-01', 0, true],
    ['2026-10', '2026-11-05', 5, false],
    ['2026-10', '2026-11-06', 5, true],
    ['2026-12', '2027-01-05', 5, false],
    ['2026-12', '2027-01-06', 5, true],
    ['2026-10', '2026-11-09', 10, false],
    ['2026-10', '2026-11-11', 10, true],
    // unreadable month or date: never late
    ['十月', '2027-01-01', 0, false],
    ['2026-13', '2027-01-01', 0, false],
    ['2026-10', '2026-12', 0, false],
    ['2026-10', '', 0, false],
  ])('isLate(%s, %j, %d) = %s', (month, day, deadline, late) => {
    expect(isLate(month, day, deadline)).toBe(late);
  });
});

// ---- intakeResponses: whole rows written out by hand ----

const custom = (over: Partial<Rule> & Pick<Rule, 'code' | 'item'>): Rule => ({
  category: 'task',
  points: 3,
  kind: 'per-event',
  active: true,
  claimable: true,
  evidenceRequired: false,
  ...over,
});

const ctx: IntakeContext = {
  cadres: [
    { id: '001', name: '王建国', email: ' Wang@Example.org ', startMonth: null, endMonth: null },
    { id: '002', name: '李秀英', email: 'li@example.org', startMonth: null, endMonth: null },
    { id: '003', name: '张伟', email: 'shared@example.org', startMonth: null, endMonth: '2026-10' },
    { id: '004', name: '刘芳', email: 'shared@example.org', startMonth: null, endMonth: null },
    { id: '005', name: '陈静', email: 'chen@example.org', startMonth: '2026-11', endMonth: null },
    { id: '006', name: '赵敏', email: 'zhao@example.org', startMonth: null, endMonth: '2026-09' },
    { id: '007', name: '孙磊', startMonth: null, endMonth: null },
  ],
  rules: [
    ...DEFAULT_RULES,
    custom({ code: 'X-OFF', item: '停用事项', active: false }),
    custom({ code: 'X-FREE', item: '无需依据', points: 4 }),
    custom({ code: 'X-ATT', item: '考勤类', kind: 'attendance', tier: 'punctual' }),
    custom({ code: 'X-TOP', item: '排名类', kind: 'top-n', topN: 3, scorePeriod: 'quarter' }),
  ],
  publishedMonths: new Set(['2026-08']),
  knownKeys: new Set(),
  nowMonth: '2026-11',
  nowText: '2026-11-05 10:00:00',
  deadlineDay: 0,
};

const MEDIATION = '成功调解居民矛盾纠纷（+5分）〔T-MEDIATION〕';

function response(over: Partial<Record<string, Cell>> = {}, meta: Partial<ResponseRow> = {}): ResponseRow {
  const answers: Record<string, Cell> = {
    [FORM_TITLES.subject]: SELF,
    [FORM_TITLES.month]: '2026年10月份（2026-10）',
    [FORM_TITLES.rule]: MEDIATION,
    [FORM_TITLES.quantity]: 2,
    [FORM_TITLES.evidence]: '调解3号楼漏水纠纷',
    ...over,
  };
  return {
    row: 2,
    responseId: 'resp-1',
    keys: ['Rresp-1'],
    email: 'wang@example.org',
    timestamp: '2026-11-05 09:00:00',
    get: (t) => answers[t] ?? '',
    raw: () => '原始答案',
    ...meta,
  };
}

/** A 积分台账 row in column order (编号 … 更正对象). */
function ledger(o: {
  id: string;
  month: string;
  cadre: [string, string];
  rule: [string, string];
  n: number;
  unit: number;
  details: string;
  email: string;
  at: string;
  key: string;
}): Cell[] {
  const [cid, cname] = o.cadre;
  const [code, item] = o.rule;
  return [
    o.id,
    o.month,
    cid,
    cname,
    code,
    item,
    o.n,
    o.unit,
    o.n * o.unit,
    o.details,
    '表单',
    o.email,
    o.at,
    '待审核',
    '',
    '',
    '',
    o.key,
    '',
  ];
}

/** A 申报异常 row in column order (记录时间 … 处理情况). */
function refused(key: string, row: number | '', email: string, reason: string, raw = '原始答案'): Cell[] {
  return ['2026-11-05 10:00:00', key, row, email, reason, raw, '待处理'];
}

describe('intakeResponses: rows taken in', () => {
  test('a claim lands as a whole 待审核 row: id, 积分 = 分值 × 数量, details joined by ；', () => {
    const res = intakeResponses(
      [
        response(
          { [FORM_TITLES.eventDate]: '2026/10/12', [FORM_TITLES.link]: 'https://drive/x' },
          { keys: ['Rresp-1', 'Sabc', 'Sdef'], email: ' Wang@example.org ' },
        ),
      ],
      ctx,
    );
    expect(res).toEqual({
      ledgerRows: [
        ledger({
          id: 'F-20261105090000-2',
          month: '2026-10',
          cadre: ['001', '王建国'],
          rule: ['T-MEDIATION', '成功调解居民矛盾纠纷'],
          n: 2,
          unit: 5,
          details: '调解3号楼漏水纠纷；事项日期：2026-10-12；材料：https://drive/x',
          email: 'Wang@example.org',
          at: '2026-11-05 09:00:00',
          key: 'Rresp-1',
        }),
      ],
      errorRows: [],
      processedRows: [['Rresp-1', 'Sabc Sdef', 2, '积分台账', '2026-11-05 10:00:00']],
      duplicates: 0,
    });
    expect(res.ledgerRows[0]![8]).toBe(10);
  });

  test('本人 or a blank 积分干部 means the submitter; the current month is open; a rule without 依据 needs none', () => {
    const res = intakeResponses(
      [
        response(
          {
            [FORM_TITLES.subject]: '',
            [FORM_TITLES.month]: '2026-11',
            [FORM_TITLES.rule]: 'X-FREE',
            [FORM_TITLES.quantity]: '3',
            [FORM_TITLES.evidence]: '',
          },
          { email: 'li@example.org' },
        ),
      ],
      ctx,
    );
    expect(res.errorRows).toEqual([]);
    expect(res.ledgerRows).toEqual([
      ledger({
        id: 'F-20261105090000-2',
        month: '2026-11',
        cadre: ['002', '李秀英'],
        rule: ['X-FREE', '无需依据'],
        n: 3,
        unit: 4,
        details: '',
        email: 'li@example.org',
        at: '2026-11-05 09:00:00',
        key: 'Rresp-1',
      }),
    ]);
  });

  test('ids: the first 14 timestamp digits, x without digits, a key digest without a row', () => {
    const ids = (meta: Partial<ResponseRow>) => intakeResponses([response({}, meta)], ctx).ledgerRows[0]![0];
    expect(ids({ timestamp: '2026-11-05 09:00:00.123' })).toBe('F-20261105090000-2');
    expect(ids({ timestamp: '昨天上午' })).toBe('F-x-2');
    expect(ids({ row: null, keys: ['Rresp-1', 'Sz'] })).toBe(
      `F-20261105090000-${sha('Rresp-1 Sz').slice(0, 6)}`,
    );
    const processed = intakeResponses([response({}, { row: null })], ctx).processedRows;
    expect(processed).toEqual([['Rresp-1', '', '', '积分台账', '2026-11-05 10:00:00']]);
  });
});

describe('intakeResponses: every refusal, with its exact reason', () => {
  const w = '表单回复第 2 行';
  test.each<[string, Partial<Record<string, Cell>>, Partial<ResponseRow>, string]>([
    [
      'blank',
      {
        [FORM_TITLES.subject]: '',
        [FORM_TITLES.month]: '',
        [FORM_TITLES.rule]: '',
        [FORM_TITLES.quantity]: '',
        [FORM_TITLES.evidence]: '',
      },
      {},
      `${w}是空白申报：除时间戳外没有任何内容（可能是重复或编辑触发）`,
    ],
    [
      'unverified email (trimmed in the message)',
      {},
      { unverified: true, email: ' typed@example.org ' },
      `${w}：申请表现在不收集经验证的登录邮箱（“收集电子邮件地址”设置被改为可手填），申报人邮箱「typed@example.org」无法确认，未作为申报收取。请两委运行「创建/更新申请表」恢复设置，核实后直接录入`,
    ],
    ['no timestamp', {}, { timestamp: '' }, '缺少时间戳'],
    [
      'email not in the roster (trimmed)',
      {},
      { email: ' stranger@example.org ' },
      '申报人邮箱 stranger@example.org 不在干部名册中（请在「干部名册」的邮箱列登记本人的登录邮箱）',
    ],
    [
      'shared email, subject not in roster: only the email is reported',
      { [FORM_TITLES.subject]: '赵六（009）' },
      { email: ' Shared@example.org ' },
      '申报人邮箱 Shared@example.org 在干部名册中登记给了多名干部（张伟（003）、刘芳（004）），无法确认申报人',
    ],
    [
      'shared email, 本人 for an inactive month: only the email is reported',
      { [FORM_TITLES.month]: '2026-11' },
      { email: 'shared@example.org' },
      '申报人邮箱 shared@example.org 在干部名册中登记给了多名干部（张伟（003）、刘芳（004）），无法确认申报人',
    ],
    [
      'subject not in roster',
      { [FORM_TITLES.subject]: '赵六（009）' },
      {},
      '积分干部「赵六（009）」不在干部名册中',
    ],
    ['no rule chosen', { [FORM_TITLES.rule]: '' }, {}, '未选择积分事项'],
    [
      'unknown rule (no 依据 asked for it)',
      { [FORM_TITLES.rule]: '不存在〔X-NONE〕', [FORM_TITLES.evidence]: '' },
      {},
      '积分事项「不存在〔X-NONE〕」不在积分规则中',
    ],
    ['rule switched off', { [FORM_TITLES.rule]: 'X-OFF' }, {}, '积分事项 X-OFF（停用事项）已停用'],
    [
      'penalty rule',
      { [FORM_TITLES.rule]: 'B-CRITICIZED' },
      {},
      '积分事项 B-CRITICIZED（被上级点名批评）不能通过申请表申报',
    ],
    [
      'attendance rule marked claimable',
      { [FORM_TITLES.rule]: 'X-ATT' },
      {},
      '积分事项 X-ATT（考勤类）不能通过申请表申报',
    ],
    [
      'top-N rule marked claimable',
      { [FORM_TITLES.rule]: 'X-TOP' },
      {},
      '积分事项 X-TOP（排名类）不能通过申请表申报',
    ],
    [
      'default attendance rule',
      { [FORM_TITLES.rule]: 'B-ATT-PUNCTUAL' },
      {},
      '积分事项 B-ATT-PUNCTUAL（月内按时上下班，无迟到、早退、旷工）不能通过申请表申报',
    ],
    ['month unreadable', { [FORM_TITLES.month]: '十月' }, {}, '积分月份格式不正确：「十月」，应如 2026-10'],
    ['month empty', { [FORM_TITLES.month]: '' }, {}, '积分月份格式不正确：「空」，应如 2026-10'],
    ['month to come', { [FORM_TITLES.month]: '2026-12' }, {}, '积分月份 2026-12 尚未到来'],
    [
      'month published',
      { [FORM_TITLES.month]: '2026-08' },
      {},
      '2026-08 已公示，不能再申报；如有遗漏请向两委提出异议',
    ],
    [
      'before the cadre started',
      { [FORM_TITLES.month]: '2026-10' },
      { email: 'chen@example.org' },
      '陈静 在 2026-10 不在职',
    ],
    [
      'after the cadre left',
      { [FORM_TITLES.month]: '2026-10' },
      { email: 'zhao@example.org' },
      '赵敏 在 2026-10 不在职',
    ],
    ['no 得分依据', { [FORM_TITLES.evidence]: '  ' }, {}, '未填写得分依据'],
    [
      'several faults, joined by ；',
      {
        [FORM_TITLES.subject]: '赵六（009）',
        [FORM_TITLES.rule]: '不存在〔X-NONE〕',
        [FORM_TITLES.quantity]: 0,
        [FORM_TITLES.month]: '2026-12',
      },
      {},
      `积分干部「赵六（009）」不在干部名册中；积分事项「不存在〔X-NONE〕」不在积分规则中；${w}「数量」应为正整数（填写的是：0）；积分月份 2026-12 尚未到来`,
    ],
    [
      'quantity alone',
      { [FORM_TITLES.quantity]: '1.5' },
      {},
      `${w}「数量」应为正整数，只能用阿拉伯数字填写（如 2），不能带逗号、小数点、指数或全角数字；填写的是「1.5」，未作任何换算`,
    ],
  ])('%s', (_name, answers, meta, reason) => {
    const r = response(answers, meta);
    const res = intakeResponses([r], ctx);
    expect(res.ledgerRows).toEqual([]);
    expect(res.errorRows).toEqual([refused('Rresp-1', 2, r.email.trim(), reason)]);
    expect(res.processedRows).toEqual([['Rresp-1', '', 2, '申报异常', '2026-11-05 10:00:00']]);
    expect(res.duplicates).toBe(0);
  });

  test('a cadre registered without an email is simply not a submitter', () => {
    const res = intakeResponses([response({ [FORM_TITLES.subject]: '孙磊（007）' })], ctx);
    expect(res.ledgerRows.map((r) => [r[2], r[11]])).toEqual([['007', 'wang@example.org']]);
  });

  test('申报异常 names the first non-legacy key; the row is blank without a tab row', () => {
    const legacy = legacyKey('2026-11-05 09:00:00', ['x']);
    const res = intakeResponses(
      [response({ [FORM_TITLES.rule]: '' }, { keys: [legacy, 'Rr1', 'Sx'], row: null })],
      ctx,
    );
    expect(res.errorRows).toEqual([refused('Rr1', '', 'wang@example.org', '未选择积分事项')]);
    expect(res.processedRows).toEqual([['Rr1', 'Sx', '', '申报异常', '2026-11-05 10:00:00']]);
  });
});

describe('intakeResponses: responses that cannot be read', () => {
  test('raw() failing on a refused response: kept as unreadable, with the generic reason', () => {
    const r = response({ [FORM_TITLES.rule]: '' });
    r.raw = () => {
      throw new Error('gone');
    };
    const res = intakeResponses([r], ctx);
    expect(res.errorRows).toEqual([
      refused(
        'Rresp-1',
        2,
        'wang@example.org',
        '表单回复第 2 行无法处理：原始内容无法读取',
        '（原始内容无法读取）',
      ),
    ]);
  });

  test('answers and raw both failing: one 申报异常 row, the next response still lands', () => {
    const broken = response({}, { keys: ['Rbad'], row: 3 });
    broken.get = () => {
      throw new TypeError('no answers');
    };
    broken.raw = () => {
      throw new Error('no raw');
    };
    const res = intakeResponses([broken, response({}, { keys: ['Rok'], row: 4 })], ctx);
    expect(res.errorRows).toEqual([
      refused('Rbad', 3, 'wang@example.org', '表单回复第 3 行无法处理：no answers', '（原始内容无法读取）'),
    ]);
    expect(res.ledgerRows.map((r) => r[17])).toEqual(['Rok']);
  });

  test('a thrown value that cannot even be turned into text gives 未知错误', () => {
    const broken = response();
    broken.get = () => {
      throw {
        toString() {
          throw new Error('nope');
        },
      };
    };
    const res = intakeResponses([broken], ctx);
    expect(res.errorRows).toEqual([
      refused('Rresp-1', 2, 'wang@example.org', '表单回复第 2 行无法处理：未知错误'),
    ]);
  });
  test('a thrown string is its own message', () => {
    const broken = response();
    broken.get = () => {
      throw '坏了';
    };
    expect(intakeResponses([broken], ctx).errorRows[0]![4]).toBe('表单回复第 2 行无法处理：坏了');
  });
});

describe('intakeResponses: duplicates', () => {
  test('known by every key: counted, nothing written', () => {
    const res = intakeResponses([response({}, { keys: ['Ra', 'Sb'] })], {
      ...ctx,
      knownKeys: new Set(['Ra', 'Sb']),
    });
    expect(res).toEqual({ ledgerRows: [], errorRows: [], processedRows: [], duplicates: 1 });
  });

  test('known by one of three keys: the first new key recorded, with the others', () => {
    const res = intakeResponses([response({}, { keys: ['Ra', 'Sb', 'Sc'], row: 6 })], {
      ...ctx,
      knownKeys: new Set(['Ra']),
    });
    expect(res).toEqual({
      ledgerRows: [],
      errorRows: [],
      processedRows: [['Sb', 'Ra Sc', 6, '（已收取，补记键）', '2026-11-05 10:00:00']],
      duplicates: 1,
    });
  });

  test('only legacy keys, none of them known: not taken in, nothing recorded', () => {
    const res = intakeResponses([response({}, { keys: [legacyKey('t', ['a'])] })], ctx);
    expect(res).toEqual({ ledgerRows: [], errorRows: [], processedRows: [], duplicates: 1 });
  });

  test('the same response delivered twice in one batch lands once', () => {
    const res = intakeResponses([response(), response()], ctx);
    expect(res.ledgerRows).toHaveLength(1);
    expect(res.duplicates).toBe(1);
    expect(res.processedRows).toHaveLength(1);
  });
});
