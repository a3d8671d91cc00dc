// The seal's canonical texts by hand: a tab's view, its per-row detail, the sealed ledger rows, the 摘要 and a whole 公示记录 row, each written out in full.
import { createHash } from 'node:crypto';
import type { Cell } from '../../src/shared/cells';
import {
  canonicalLedgerText,
  canonicalViewText,
  chainDigest,
  GENESIS,
  lookAlikeKey,
  type SealFields,
  sealedLedgerRows,
  sealRecord,
  type TabView,
  viewDetail,
} from '../../src/shared/seal';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const short = (t: string) => sha(t).slice(0, 8);

const view: TabView = {
  name: '公示-2026-10',
  hidden: false,
  values: [['标题'], [1, 'a'], [], ['', '']],
  display: [['标题'], ['1', 'a', ''], [], ['', '']],
  formats: [['@'], ['0', '@', 'General'], [], ['', '']],
  hiddenRows: [10, 9, 2],
  hiddenColumns: [3, 1],
  merges: ['B2:C2', 'A1:J1'],
};
/** The view as canonicalViewText writes it: trailing blank rows and cells dropped, lists sorted (rows numerically). */
const VIEW_TEXT =
  '{"name":"公示-2026-10","hidden":false,"rows":[[["标题","@"]],[["1","0"],["a","@"]]],"hiddenRows":[2,9,10],"hiddenColumns":[1,3],"merges":["A1:J1","B2:C2"]}';

describe('a tab as displayed', () => {
  test('canonicalViewText', () => {
    expect(canonicalViewText(view)).toBe(VIEW_TEXT);
  });

  test('a display cell with a format but no text still counts inside a row; a hidden tab says so', () => {
    const v: TabView = {
      ...view,
      hidden: true,
      values: [['x', '', 'y']],
      display: [['x', '', 'y']],
      formats: [['@', '0.00', '@']],
      hiddenRows: [],
      hiddenColumns: [],
      merges: [],
    };
    expect(canonicalViewText(v)).toBe(
      '{"name":"公示-2026-10","hidden":true,"rows":[[["x","@"],["","0.00"],["y","@"]]],"hiddenRows":[],"hiddenColumns":[],"merges":[]}',
    );
  });

  test('rows are counted to the last one with values or display text; formats alone do not count', () => {
    const v: TabView = {
      ...view,
      values: [['a'], [null], []],
      display: [['a'], [''], ['']],
      formats: [['@'], ['0'], ['0']],
      hiddenRows: [],
      hiddenColumns: [],
      merges: [],
    };
    expect(JSON.parse(canonicalViewText(v)).rows).toEqual([[['a', '@']]]);
    // values without display (a reader that gives none) still count
    const valuesOnly: TabView = { ...v, values: [['a'], ['b']], display: [], formats: [] };
    expect(JSON.parse(canonicalViewText(valuesOnly)).rows).toEqual([[], []]);
  });

  test('viewDetail: digest of the view, its flags as stored, 8-hex digests of each row', () => {
    expect(viewDetail(view, sha)).toEqual({
      d: sha(VIEW_TEXT),
      h: false,
      hr: [10, 9, 2],
      hc: [3, 1],
      m: ['A1:J1', 'B2:C2'],
      rv: [short('["标题"]'), short('["1","a"]')],
      rf: [short('[["标题","@"]]'), short('[["1","0"],["a","@"]]')],
    });
  });
});

describe('the sealed ledger rows', () => {
  const ledger: Cell[][] = [
    ['编号', '月份', '积分', '来源', '备注'],
    ['E1', '2026-10', 5, '表单', '不封存的列'],
    ['E2', new Date(Date.UTC(2026, 8, 30, 16)), -2, '两委', ''],
    ['E3', '2026-09', 1, '表单', ''],
    ['C1', '2026/10', 3, '更正', ''],
  ];

  test("a month's rows but corrections, fields of the ledger's own columns as text", () => {
    expect(sealedLedgerRows(ledger, '2026-10', 0)).toEqual([
      { row: 2, fields: { 编号: 'E1', 月份: '2026-10', 积分: '5', 来源: '表单' } },
    ]);
    // read in Shanghai time, E2's date is 1 October
    expect(sealedLedgerRows(ledger, '2026-10', 480)).toEqual([
      { row: 2, fields: { 编号: 'E1', 月份: '2026-10', 积分: '5', 来源: '表单' } },
      { row: 3, fields: { 编号: 'E2', 月份: '2026-10-01', 积分: '-2', 来源: '两委' } },
    ]);
    // an offset given per date
    expect(sealedLedgerRows(ledger, '2026-10', () => 480).map((r) => r.row)).toEqual([2, 3]);
    expect(sealedLedgerRows(ledger, '2026-09', 0).map((r) => r.row)).toEqual([3, 4]);
  });

  test('the corrections of a month, for a 更正公示', () => {
    expect(sealedLedgerRows(ledger, '2026-10', 0, true)).toEqual([
      { row: 5, fields: { 编号: 'C1', 月份: '2026/10', 积分: '3', 来源: '更正' } },
    ]);
    expect(sealedLedgerRows(undefined, '2026-10', 0)).toEqual([]);
  });

  test('canonicalLedgerText: every row as all ledger columns in order, rows sorted', () => {
    const blanks = (n: number) => Array<string>(n).fill('');
    expect(
      canonicalLedgerText([
        { row: 2, fields: { 编号: 'E2', 月份: '2026-10' } },
        { row: 3, fields: { 编号: 'E1', 积分: '5' } },
      ]),
    ).toBe(
      JSON.stringify([
        // 编号, 月份, 干部编号, 干部姓名, 规则编码, 事项, 数量, 分值, 积分, … (19 columns)
        JSON.stringify(['E1', '', '', '', '', '', '', '', '5', ...blanks(10)]),
        JSON.stringify(['E2', '2026-10', ...blanks(17)]),
      ]),
    );
    expect(canonicalLedgerText([])).toBe('[]');
  });
});

describe('the 摘要', () => {
  const fields: SealFields = {
    period: '2026-10',
    version: '1',
    tabName: '公示-2026-10',
    publisher: '社区两委',
    publishedAt: '2026-11-03 09:30:00',
    rows: '12',
    sha256: 'a'.repeat(64),
    ledgerRows: '30',
    ledgerSha: 'b'.repeat(64),
    detail: '{}',
    prev: GENESIS,
  };
  test('SHA-256 of the tagged JSON list: previous digest first, then every sealed field', () => {
    expect(chainDigest(fields, sha)).toBe(
      sha(
        JSON.stringify([
          'jifen-seal-1',
          GENESIS,
          '2026-10',
          '1',
          '公示-2026-10',
          '社区两委',
          '2026-11-03 09:30:00',
          '12',
          'a'.repeat(64),
          '30',
          'b'.repeat(64),
          '{}',
        ]),
      ),
    );
  });
  test('a time of exactly midnight is sealed as the date alone (a date-time cell reads it back so)', () => {
    const midnight = chainDigest({ ...fields, publishedAt: '2026-11-03 00:00:00' }, sha);
    expect(midnight).toBe(chainDigest({ ...fields, publishedAt: '2026-11-03' }, sha));
    expect(chainDigest({ ...fields, publishedAt: '2026-11-03 00:00:01' }, sha)).not.toBe(midnight);
    expect(chainDigest({ ...fields, publishedAt: '2026-11-03 00:00:00 ' }, sha)).not.toBe(midnight);
  });
  test.each(Object.keys(fields) as (keyof SealFields)[])('changing %s changes the 摘要', (k) => {
    expect(chainDigest({ ...fields, [k]: `${fields[k]}x` }, sha)).not.toBe(chainDigest(fields, sha));
  });
});

describe('sealRecord: the whole 公示记录 row', () => {
  const ledger: Cell[][] = [
    ['编号', '月份', '积分', '来源'],
    ['E1', '2026-10', 5, '表单'],
    ['E2', '2026-09', 1, '表单'],
  ];
  const input = {
    period: '2026-10',
    version: 2,
    tabName: '公示-2026-10 更正1',
    publisher: '王书记',
    publishedAt: '2026-11-20 10:00:00',
    view,
    ledger,
    prev: 'c'.repeat(64),
    offsetMinutes: 0,
  };
  const SNAP_SHA = sha('[["标题"],["1","a"]]');
  // E1 in the 19 ledger columns: 编号, 月份, …, 积分 (9th), 得分依据, 来源 (11th), then 8 blanks
  const LEDGER_SHA = sha(
    JSON.stringify([
      JSON.stringify([
        'E1',
        '2026-10',
        '',
        '',
        '',
        '',
        '',
        '',
        '5',
        '',
        '表单',
        ...Array<string>(8).fill(''),
      ]),
    ]),
  );
  // A function, called in the tests: Stryker credits what runs while the file loads to no test.
  const DETAIL = () => JSON.stringify(viewDetail(view, sha));

  test('a month: values digest, sealed ledger rows, view detail, chained to the previous 摘要', () => {
    const r = sealRecord(input, sha);
    const digest = sha(
      JSON.stringify([
        'jifen-seal-1',
        'c'.repeat(64),
        '2026-10',
        '2',
        '公示-2026-10 更正1',
        '王书记',
        '2026-11-20 10:00:00',
        '2',
        SNAP_SHA,
        '1',
        LEDGER_SHA,
        DETAIL(),
      ]),
    );
    expect(r.row).toEqual([
      '2026-10',
      2,
      '公示-2026-10 更正1',
      '王书记',
      '2026-11-20 10:00:00',
      2,
      SNAP_SHA,
      1,
      LEDGER_SHA,
      DETAIL(),
      'c'.repeat(64),
      digest,
    ]);
    expect(r.digest).toBe(digest);
    expect(r.fields).toEqual({
      period: '2026-10',
      version: '2',
      tabName: '公示-2026-10 更正1',
      publisher: '王书记',
      publishedAt: '2026-11-20 10:00:00',
      rows: '2',
      sha256: SNAP_SHA,
      ledgerRows: '1',
      ledgerSha: LEDGER_SHA,
      detail: DETAIL(),
      prev: 'c'.repeat(64),
    });
  });

  test('a half-year, or a month given no ledger: no ledger fields', () => {
    for (const over of [{ period: '2026-H2' }, { ledger: undefined }]) {
      const r = sealRecord({ ...input, ...over }, sha);
      expect([r.row[7], r.row[8], r.fields.ledgerRows, r.fields.ledgerSha]).toEqual(['', '', '', '']);
    }
  });

  test('a very long snapshot keeps its view digest but no per-row digests (the cell holds 50,000 characters)', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`第${i}行`]);
    const big: TabView = { ...view, values: rows, display: rows, formats: rows.map(() => ['@']) };
    const full = viewDetail(big, sha);
    expect(JSON.stringify(full).length).toBeGreaterThan(45_000);
    const stored = JSON.parse(sealRecord({ ...input, view: big }, sha).fields.detail);
    expect(stored).toEqual({ ...full, rv: [], rf: [] });
    // the demo-sized view is kept whole
    expect(JSON.parse(sealRecord(input, sha).fields.detail)).toEqual(viewDetail(view, sha));
  });
});

describe('lookAlikeKey: tab names as a reader compares them', () => {
  test.each([
    ['公示-2026-10', '公示-2026-10'],
    ['公示－２０２６－１０', '公示-2026-10'],
    ['公示—2026–10', '公示-2026-10'],
    ['公示‐2026‒10', '公示-2026-10'],
    ['公示−2026ー10', '公示-2026-10'],
    ['公示 -2026-10\u200b', '公示-2026-10'],
    ['\ufeff公示-2026\u2060-10\u200e', '公示-2026-10'],
    ['公示-2O26-1o', '公示-2026-10'],
    ['ABC', 'abc'],
    ['公示-2026-10\t更正1', '公示-2026-10更正1'],
  ])('lookAlikeKey(%j) = %s', (name, key) => {
    expect(lookAlikeKey(name)).toBe(key);
  });
});
