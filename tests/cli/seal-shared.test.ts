// src/shared/seal.ts on its own (pure, shared by Sheets and the CLI): canonical texts, the chain digest, look-alike names.

import { sha256Hex } from '../../src/cli/xlsx/commands';
import {
  canonicalLedgerText,
  canonicalViewText,
  chainDigest,
  GENESIS,
  lookAlikeKey,
  type SealFields,
  sealedLedgerRows,
  type TabView,
} from '../../src/shared/seal';
import { headersOf } from '../../src/shared/tabs';

const L = headersOf('ledger');
const row = (id: string, month: string, source = '两委', qty = 1) =>
  L.map((h) => ({ 编号: id, 月份: month, 来源: source, 数量: qty, 状态: '已通过' })[h as '编号'] ?? '');

test('the ledger seal covers the month’s rows in any order, without corrections; a quantity changes it', () => {
  const a = [L, row('A', '2026-09'), row('B', '2026-09'), row('C', '2026-10'), row('K', '2026-09', '更正')];
  const b = [L, row('C', '2026-10'), row('B', '2026-09'), row('A', '2026-09')];
  const text = (v: typeof a) => canonicalLedgerText(sealedLedgerRows(v, '2026-09', 0));
  expect(sealedLedgerRows(a, '2026-09', 0).map((r) => [r.row, r.fields.编号])).toEqual([
    [2, 'A'],
    [3, 'B'],
  ]);
  expect(text(a)).toBe(text(b));
  expect(text([L, row('A', '2026-09', '两委', 2), row('B', '2026-09')])).not.toBe(text(a));
});

test('the view text changes with each thing a reader sees', () => {
  const base: TabView = {
    name: '公示-2026-09',
    hidden: false,
    values: [['标题'], [1, 'x']],
    display: [['标题'], ['1', 'x']],
    formats: [['@'], ['0.##', '@']],
    hiddenRows: [],
    hiddenColumns: [],
    merges: ['A1:J1'],
  };
  const t = canonicalViewText(base);
  const variants: Partial<TabView>[] = [
    { name: '公示-2026-09 ' },
    { hidden: true },
    { display: [['标题'], ['1.00', 'x']] },
    { formats: [['@'], ['0.00', '@']] },
    { hiddenRows: [2] },
    { hiddenColumns: [2] },
    { merges: ['A1:J1', 'A2:B2'] },
  ];
  for (const v of variants) expect(canonicalViewText({ ...base, ...v })).not.toBe(t);
  // trailing empty cells and rows do not count (Sheets and .xlsx read them differently)
  expect(
    canonicalViewText({
      ...base,
      display: [['标题', ''], ['1', 'x'], []],
      formats: [['@', ''], ['0.##', '@'], []],
    }),
  ).toBe(t);
});

test('the chain digest depends on every sealed field and on the previous digest', () => {
  const f: SealFields = {
    period: '2026-09',
    version: '1',
    tabName: '公示-2026-09',
    publisher: '社区两委',
    publishedAt: '2026-10-09 10:00:00',
    rows: '76',
    sha256: 'a'.repeat(64),
    ledgerRows: '55',
    ledgerSha: 'b'.repeat(64),
    detail: '{}',
    prev: GENESIS,
  };
  const d = chainDigest(f, sha256Hex);
  expect(d).toMatch(/^[0-9a-f]{64}$/);
  for (const k of Object.keys(f) as (keyof SealFields)[])
    expect(chainDigest({ ...f, [k]: `${f[k]}x` }, sha256Hex)).not.toBe(d);
  // a time of exactly midnight reads back from a date-time cell as the date alone
  expect(chainDigest({ ...f, publishedAt: '2026-10-09 00:00:00' }, sha256Hex)).toBe(
    chainDigest({ ...f, publishedAt: '2026-10-09' }, sha256Hex),
  );
});

test('look-alike tab names fold width, spaces, dashes and O/0', () => {
  const k = lookAlikeKey('公示-2026-09');
  for (const n of [
    '公示－２０２６－０９',
    '公示-2026-O9',
    ' 公示 -2026-09',
    '公示‐2026‐09',
    '公示-2026\u200b-09',
  ])
    expect(lookAlikeKey(n)).toBe(k);
  expect(lookAlikeKey('公示-2026-08')).not.toBe(k);
  expect(lookAlikeKey('公示-2026-09 更正1')).not.toBe(k);
});
