// Issue 10 part 3: hand edits of input tabs are logged (who, where, old → new) by the onEdit simple trigger.
import { doSetup } from '../../src/gas/actions';
import { onEdit } from '../../src/gas/entry';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, ledgerRow, MEMBER, seedDemo, setSetting, typeRows } from './helpers';

afterEach(cleanupGas);

function book(): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  doSetup();
  seedDemo(fake, { cadres: 2 });
  typeRows(fake, 'ledger', [ledgerRow({ 编号: 'E-1', 月份: '2026-10', 干部编号: '001', 数量: 1 })]);
  fake.spreadsheet.addEditor(MEMBER);
  return fake;
}

/** A hand edit as Sheets reports it: the simple trigger runs as the editor, in AuthMode.LIMITED. */
function handEdit(fake: FakeGas, tab: string, a1: string, value: unknown, who = MEMBER) {
  const range = fake.spreadsheet.getSheetByName(tab)!.getRange(a1);
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const oldValue = single ? range.getValue() : undefined;
  fake.setActiveUser(who);
  if (single) range.setValue(value);
  fake.setAuthMode('LIMITED');
  try {
    onEdit({
      range,
      source: fake.spreadsheet,
      user: { getEmail: () => who } as GoogleAppsScript.Base.User,
      ...(single ? { value: String(value), oldValue: oldValue === '' ? undefined : String(oldValue) } : {}),
      authMode: 'LIMITED',
    } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
  } finally {
    fake.setAuthMode('FULL');
  }
}

const lastLog = (fake: FakeGas) => fake.values(TAB.log).at(-1)!;

test('a one-cell edit of 积分台账 is logged with who, row, field and old → new', () => {
  const fake = book();
  const row = fake.values(TAB.ledger).findIndex((r) => r[0] === 'E-1') + 1;
  const col = fake.values(TAB.ledger)[0]!.indexOf('数量') + 1;
  const a1 = `${String.fromCharCode(64 + col)}${row}`;
  handEdit(fake, TAB.ledger, a1, 20);
  const log = lastLog(fake);
  expect(log.slice(1, 5)).toEqual([MEMBER, '修改录入表', `「积分台账」第 ${row} 行「数量」：1 → 20`, 1]);
});

test('a block edit (paste) is logged with its range and size, saying Google gives no old values', () => {
  const fake = book();
  handEdit(fake, TAB.roster, 'B2:C3', null);
  expect(lastLog(fake)[3]).toBe(
    '「干部名册」B2:C3（4 格）被修改（粘贴、填充或清除；多格修改 Google 不提供原值）',
  );
});

test('设置 edits are logged by key (起始分 100 → 150), and empty old values read （空）', () => {
  const fake = book();
  const keys = fake.values(TAB.settings).map((r) => r[0]);
  handEdit(fake, TAB.settings, `B${keys.indexOf('起始分') + 1}`, '150');
  expect(lastLog(fake)[3]).toBe('「设置」「起始分」：100 → 150');
  handEdit(fake, TAB.settings, `B${keys.indexOf('考核年度') + 1}`, '2025');
  expect(lastLog(fake)[3]).toBe('「设置」「考核年度」：（空） → 2025');
});

test('edits of output tabs and of the committee’s own tabs are not logged', () => {
  const fake = book();
  const n = fake.values(TAB.log).length;
  handEdit(fake, TAB.monthly, 'A2', 'x', 'owner@example.com');
  const mine = fake.spreadsheet.insertSheet('我的笔记');
  handEdit(fake, mine.getName(), 'A1', 'y');
  expect(fake.values(TAB.log)).toHaveLength(n);
});

test('a blank e-mail (Google may not say who) is logged as such; a long value is cut in the log', () => {
  const fake = book();
  const col = fake.values(TAB.ledger)[0]!.indexOf('得分依据') + 1;
  handEdit(fake, TAB.ledger, `${String.fromCharCode(64 + col)}2`, '很'.repeat(100), '');
  const log = lastLog(fake);
  expect(log[1]).toBe('（Google 未提供）');
  expect(String(log[3])).toContain(`${'很'.repeat(60)}…（共 100 字）`);
});
