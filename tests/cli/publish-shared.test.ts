// src/shared/publish.ts on its own (pure, shared with the Sheets flow): names, digest text, refusals, snapshot, verify, HTML.

import { createHash } from 'node:crypto';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import {
  buildSnapshot,
  canonicalSnapshotText,
  escapeHtml,
  publicationRecord,
  publicationRow,
  publishRefusal,
  snapshotHtml,
  snapshotTabName,
  tierClass,
  verifyPublications,
} from '../../src/shared/publish';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { recompute } from '../../src/shared/recompute';
import { headersOf } from '../../src/shared/tabs';

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const opts = { nowMonth: '2026-10', nowText: '2026-10-09 09:00:00', offsetMinutes: 0 };

function demo(): WorkbookValues {
  return demoInputValues().values;
}

test('snapshot tab names', () => {
  expect(snapshotTabName('2026-10')).toBe('公示-2026-10');
  expect(snapshotTabName('2026-10', 1)).toBe('公示-2026-10 更正1');
});

test('canonical text: display strings, trailing empty cells and rows dropped, JSON of the 2-D array', () => {
  expect(canonicalSnapshotText([['标题', '', null], [], [1, 0.5, -5, true, ' x '], [null, ''], []])).toBe(
    '[["标题"],[],["1","0.5","-5","TRUE","x"]]',
  );
  // Same values however empty cells are represented (getValues pads with '', an .xlsx reader leaves holes).
  expect(canonicalSnapshotText([['a', '', 'b', '']])).toBe(canonicalSnapshotText([['a', null, 'b']]));
  expect(canonicalSnapshotText([['a'], ['b']])).not.toBe(canonicalSnapshotText([['a', 'b']]));
});

test('refusals: format, year, future, already published, pending, problems of that month, month order', () => {
  const values = demo();
  const result = recompute(values, opts);
  const refuse = (month: string, v: WorkbookValues = values, r = result) =>
    publishRefusal({ result: r, values: v, month, nowMonth: '2026-10', offsetMinutes: 0 });
  expect(refuse('2026/10')).toContain('月份格式');
  expect(refuse('2027-01')).toContain('不在考核年度 2026');
  expect(refuse('2026-11')).toContain('尚未到来');
  expect(refuse('2026-10')).toMatch(/还有 2 条待审核的申报（积分台账第\d+行、第\d+行）/);
  // Months are published in order, as the add-on requires (one rule, src/shared/publish.ts).
  expect(refuse('2026-09')).toBe(
    '请按月份顺序公示：2026-01、2026-02、2026-03、2026-04、2026-05、2026-06、2026-07、2026-08 尚未发布公示。',
  );
  expect(refuse('2026-01')).toBeNull();
  const published: WorkbookValues = {
    ...values,
    publications: [
      headersOf('publications'),
      ['2026-09', 1, '公示-2026-09', 'x', '2026-10-09 10:00:00', 80, 'ab'],
    ],
  };
  expect(refuse('2026-09', published)).toContain('已于 2026-10-09 10:00:00 发布公示');
  // A bad hand-typed row in September blocks September only.
  const ledger = [
    ...values.ledger!,
    ['H1', '2026-09', '001', '', 'T-MEDIATION', '', '很多', '', '', '调解', '两委'],
  ];
  const withBad = { ...values, ledger };
  const r2 = recompute(withBad, opts);
  expect(refuse('2026-09', withBad, r2)).toContain('1 处校验问题');
  expect(refuse('2026-09', withBad, r2)).toContain('数量');
  expect(refuse('2026-01', withBad, r2)).toBeNull();
  // An open 申报异常 naming the month blocks it too.
  const intakeErrors = [
    headersOf('intakeErrors'),
    ['2026-02-03 09:00:00', 'k', 2, 'a@example.org', '干部不在名册', '原始（2026-01）', ''],
  ];
  expect(refuse('2026-01', { ...values, intakeErrors })).toContain('2026-01 有 1 条申报异常尚未处理');
  intakeErrors[1]![6] = '已处理';
  expect(refuse('2026-01', { ...values, intakeErrors })).toBeNull();
});

test('the snapshot: title, tables, every approved entry of the month, and a record with the digest of its values', () => {
  const result = recompute(demo(), opts);
  const snap = buildSnapshot(result, {
    month: '2026-09',
    publishedAt: '2026-10-09 10:00:00',
    publisher: '两委',
  });
  expect(snap.tabName).toBe('公示-2026-09');
  expect(snap.values[0]).toEqual(['示例社区 2026年9月 干部积分公示']);
  const sept = result.months.find((p) => p.period === '2026-09')!;
  const [cs, ce] = snap.layout.cadreRows;
  expect(ce - cs).toBe(sept.cadres.length);
  const [ds, de] = snap.layout.detailRows;
  const entries = result.book.entries.filter((e) => e.month === '2026-09');
  expect(de - ds).toBe(entries.length);
  expect(snap.entries).toBe(entries.length);
  const total = snap.values.slice(ds, de).reduce((s, r) => s + Number(r[6]), 0);
  expect(total).toBe(sept.cadres.reduce((s, c) => s + c.total, 0));
  const record = publicationRecord(snap, sha);
  expect(publicationRow(record)).toEqual([
    '2026-09',
    1,
    '公示-2026-09',
    '两委',
    '2026-10-09 10:00:00',
    snap.values.length,
    sha(canonicalSnapshotText(snap.values)),
  ]);
  const revision = buildSnapshot(result, { month: '2026-09', revision: 1, publishedAt: 'x', publisher: 'y' });
  expect(revision.tabName).toBe('公示-2026-09 更正1');
  expect(publicationRecord(revision, sha).version).toBe(2);
});

test('verifyPublications: ok, modified, missing', () => {
  const result = recompute(demo(), opts);
  const snap = buildSnapshot(result, { month: '2026-09', publishedAt: 't', publisher: 'p' });
  const rec = publicationRow(publicationRecord(snap, sha));
  const pubs = [headersOf('publications'), rec, ['2026-08', 1, '公示-2026-08', 'p', 't', 1, 'ff']];
  const edited = snap.values.map((r) => r.slice());
  edited[snap.layout.cadreRows[0]]![6] = 999;
  const tabs = new Map([['公示-2026-09', snap.values]]);
  expect(verifyPublications(pubs, (n) => tabs.get(n), sha).map((v) => v.status)).toEqual(['ok', 'missing']);
  tabs.set('公示-2026-09', edited);
  expect(verifyPublications(pubs, (n) => tabs.get(n), sha)[0]!.status).toBe('modified');
});

test('HTML: escaped text, tier classes, digest footer', () => {
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  expect(tierClass('后三分之一、倒数三名')).toBe('bottom3');
  expect(tierClass('前三分之一')).toBe('top');
  expect(tierClass('')).toBe('');
  const result = recompute(demo(), opts);
  const snap = buildSnapshot(result, { month: '2026-09', publishedAt: 't', publisher: '<b>两委</b>' });
  const html = snapshotHtml(snap, 'abc123');
  expect(html).toContain('&lt;b&gt;两委&lt;/b&gt;');
  expect(html).not.toContain('<b>两委');
  expect(html).toContain('公示-2026-09 · SHA-256 abc123');
  expect(html.match(/<table class="cadres">[\s\S]*?<\/table>/)![0].match(/<tr>/g)!.length).toBe(
    1 + snap.cadres,
  );
});
