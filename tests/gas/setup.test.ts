// 初始化/修复表格 on the fake: every tab with headers, formats, dropdowns, defaults and protections; idempotent.
import { DEFAULT_RULES } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import { headersOf, SETTINGS_ROWS, TAB } from '../../src/shared/tabs';
import { cleanupGas, freshGas, MEMBER, OUTSIDER, OWNER, setSetting, sheet, typeRows } from './helpers';

afterEach(cleanupGas);

test('setup on an empty spreadsheet creates every tab of SPEC §6 with Chinese headers', () => {
  const fake = freshGas();
  const msg = doSetup();
  expect(msg).toContain('初始化完成');
  const names = fake.spreadsheet.getSheets().map((s) => s.getName());
  for (const name of Object.values(TAB)) expect(names).toContain(name);
  expect(fake.values(TAB.ledger)[0]).toEqual(headersOf('ledger'));
  expect(fake.values(TAB.roster)[0]).toEqual(headersOf('roster'));
  // header row frozen, text columns are plain text
  const ledger = sheet(fake, TAB.ledger);
  expect(ledger.getFrozenRows()).toBe(1);
  expect(ledger.getRange('A2').getNumberFormat()).toBe('@');
  expect(ledger.getRange('B2').getNumberFormat()).toBe('@'); // 月份
  // the default catalogue and settings
  const rules = fake.values(TAB.rules);
  expect(rules.slice(1).map((r) => r[0])).toEqual(DEFAULT_RULES.map((r) => r.code));
  const settings = fake
    .values(TAB.settings)
    .slice(1)
    .map((r) => r[0]);
  // 数据版本 (JIFEN_VERSION) and 申报提醒 (Sheets only) after the rows the .xlsx book shares.
  expect(settings).toEqual([...SETTINGS_ROWS.map(([k]) => k), '数据版本', '申报提醒']);
  // dropdowns on status and source
  const statusCol = headersOf('ledger').indexOf('状态') + 1;
  const rule = ledger.getRange(2, statusCol).getDataValidation();
  expect(rule?.getCriteriaValues()[0]).toEqual(['待审核', '已通过', '已驳回']);
  // the log has the action
  const log = fake.values(TAB.log);
  expect(log[1]![2]).toBe('初始化/修复表格');
  expect(log[1]![1]).toBe(OWNER);
});

test('setup twice duplicates nothing and keeps what the committee typed', () => {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  typeRows(fake, 'roster', [['001', '张三', '网格员', '', '在职', '2026-01', '', '是']]);
  const rule = sheet(fake, TAB.rules);
  rule.getRange(3, 10).setValue('否'); // deactivate B-ATT-FULL
  // 数据版本 changes with every action by design (it makes JIFEN_* formulas recalculate).
  const typed = () =>
    [TAB.settings, TAB.roster, TAB.rules].map((t) => fake.values(t).filter((r) => r[0] !== '数据版本'));
  const before = typed();
  doSetup();
  expect(typed()).toEqual(before);
  expect(fake.spreadsheet.getSheets().filter((s) => s.getName() === TAB.ledger)).toHaveLength(1);
  expect(
    fake
      .values(TAB.log)
      .slice(1)
      .map((r) => r[3]),
  ).toEqual([
    expect.stringContaining(`新建 ${Object.keys(TAB).length} 张表`),
    expect.stringContaining('新建 0 张表'),
    `两委成员新增 ${MEMBER}`, // the member list confirmed by this run (issue 10)
  ]);
});

test('a missing header is repaired by appending it, data untouched', () => {
  const fake = freshGas();
  doSetup();
  const att = sheet(fake, TAB.attendance);
  att.getRange(1, 7).clearContent(); // 病假天数 header lost
  typeRows(fake, 'attendance', [['2026-10', '001', 0, 0, 0, 1, '']]);
  const msg = doSetup();
  expect(msg).toContain('修复 1 张表');
  const header = fake.values(TAB.attendance)[0]!;
  expect(header).toContain('病假天数');
  expect(fake.values(TAB.attendance)[1]!.slice(0, 6)).toEqual(['2026-10', '001', 0, 0, 0, 1]);
});

test('add-on tabs are protected: editors are the committee', () => {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', `${MEMBER}, another@example.com`);
  doSetup();
  const p = sheet(fake, TAB.monthly).getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
  expect(p.getDescription()).toContain('仅两委成员');
  const editors = p
    .getEditors()
    .map((u) => u.getEmail())
    .sort();
  expect(editors).toEqual(expect.arrayContaining([MEMBER, 'another@example.com']));
  expect(editors).not.toContain(OUTSIDER);
});

test('setup is refused for someone outside the committee, and nothing changes', () => {
  const fake = freshGas();
  doSetup();
  const before = fake.spreadsheet.getSheets().map((s) => s.getName());
  fake.setActiveUser(OUTSIDER);
  expect(() => doSetup()).toThrow(/只有两委成员/);
  expect(fake.spreadsheet.getSheets().map((s) => s.getName())).toEqual(before);
});

test('a book set up by an earlier version keeps its 公示期天数 / 异议受理 rows: setup adds no second key for them', () => {
  const fake = freshGas();
  doSetup();
  const s = sheet(fake, TAB.settings);
  // rename the SPEC keys back to the names earlier versions wrote, with values of the committee's own
  const keys = fake.values(TAB.settings).map((r) => r[0]);
  s.getRange(keys.indexOf('公示天数') + 1, 1, 1, 2).setValues([['公示期天数', '10']]);
  s.getRange(keys.indexOf('异议联系人') + 1, 1, 1, 2).setValues([['异议受理', '王主任']]);
  doSetup();
  const after = fake.values(TAB.settings).map((r) => String(r[0]));
  expect(after.filter((k) => ['公示天数', '公示期天数', '异议联系人', '异议受理'].includes(k))).toEqual([
    '公示期天数',
    '异议受理',
  ]);
});
