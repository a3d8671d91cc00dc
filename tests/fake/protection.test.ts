// Protections (apps-script-facts §1.7): editors lists and enforcement of edits made as a non-editor.

import { expectGasError, setup } from './helpers';
import { MSG } from './index';

const OWNER = 'owner@example.com';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

function lockedSheet() {
  const s = setup({ owner: OWNER });
  s.ss.addEditors([ALICE, BOB]);
  const snap = s.ss.insertSheet('公示-2026-10');
  snap.getRange('A1:B2').setValues([
    ['姓名', '积分'],
    ['张三', 10],
  ]);
  // Google's lock-down pattern (§1.7).
  const p = snap.protect().setDescription('公示快照');
  p.addEditor(s.fake.Session.getEffectiveUser());
  p.removeEditors(p.getEditors());
  return { ...s, snap, p };
}

describe('§1.7 protections', () => {
  test('§1.7 protect() copies the spreadsheet permissions until editors change: nothing is enforced yet', () => {
    const { ss, fake } = setup({ owner: OWNER });
    ss.addEditor(ALICE);
    const sheet = ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet;
    const p = sheet.protect();
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([ALICE]);
    fake.setActiveUser(ALICE);
    sheet.getRange('A1').setValue('ok');
    expect(p.canEdit()).toBe(true);
  });

  test('§1.7 the owner is not listed by getEditors of a new protection', () => {
    const { sheet } = setup({ owner: OWNER });
    expect(sheet.protect().getEditors()).toHaveLength(0);
  });

  test('§1.7 sheet.protect() returns the existing sheet protection', () => {
    const { sheet, ss } = setup();
    const a = sheet.protect().setDescription('x');
    const b = sheet.protect();
    expect(b.getDescription()).toBe('x');
    expect(ss.getProtections('SHEET' as never)).toHaveLength(1);
    expect(a).toBe(b);
  });

  test('§1.7 a non-editor writing a protected sheet gets the exact error; the owner can always edit', () => {
    const { fake, snap, p } = lockedSheet();
    expect(p.getEditors()).toHaveLength(0);
    fake.setActiveUser(ALICE);
    expect(p.canEdit()).toBe(false);
    expectGasError(() => snap.getRange('B2').setValue(99), MSG.protectedCell);
    expectGasError(() => snap.appendRow(['李四', 5]), MSG.protectedCell);
    expectGasError(() => snap.getRange('A1').setBackground('#ff0000'), MSG.protectedCell);
    expectGasError(() => snap.insertRowsAfter(1, 1), MSG.protectedCell);
    expectGasError(() => snap.clear(), MSG.protectedCell);
    expectGasError(() => snap.setName('改名'), MSG.protectedCell);
    expectGasError(() => snap.getParent().deleteSheet(snap), MSG.protectedCell);
    expect(snap.getRange('B2').getValue()).toBe(10);
    expect(snap.getRange('B2').canEdit()).toBe(false);
    fake.setActiveUser(OWNER);
    snap.getRange('B2').setValue(11);
    expect(snap.getRange('B2').getValue()).toBe(11);
  });

  test('§1.7 addEditor grants; removeEditors cannot remove the owner or the current user', () => {
    const { fake, snap, p } = lockedSheet();
    p.addEditor(ALICE);
    fake.setActiveUser(ALICE);
    snap.getRange('A3').setValue('ok');
    p.removeEditors([ALICE, BOB]); // Alice is the current user: kept
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([ALICE]);
    fake.setActiveUser(BOB);
    expectGasError(() => snap.getRange('A4').setValue('no'), MSG.protectedCell);
  });

  test('§1.7 range protections block only their cells; unprotected ranges open holes in a sheet protection', () => {
    const { fake, ss } = setup({ owner: OWNER });
    const sheet = ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet;
    const rp = sheet.getRange('A1:A5').protect().setDescription('表头');
    rp.removeEditors(rp.getEditors());
    fake.setActiveUser(ALICE);
    sheet.getRange('B1').setValue('free');
    expectGasError(() => sheet.getRange('A2:B2').setValues([['x', 'y']]), MSG.protectedCell);
    expectGasError(() => sheet.deleteRows(3, 1), MSG.protectedCell);
    fake.setActiveUser(OWNER);
    rp.remove();
    const sp = sheet.protect();
    sp.setUnprotectedRanges([sheet.getRange('C2:D10')]);
    sp.removeEditors(sp.getEditors());
    fake.setActiveUser(ALICE);
    sheet.getRange('C2:D3').setValues([
      [1, 2],
      [3, 4],
    ]);
    expectGasError(() => sheet.getRange('C1').setValue(1), MSG.protectedCell);
    expect(sp.getUnprotectedRanges()[0]?.getA1Notation()).toBe('C2:D10');
  });

  test('§1.7 warning-only protections let everyone edit', () => {
    const { fake, snap, p } = lockedSheet();
    p.setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    fake.setActiveUser(ALICE);
    snap.getRange('A3').setValue('ok');
  });

  test('§1.7 only users who canEdit may change or remove a protection', () => {
    const { fake, p } = lockedSheet();
    fake.setActiveUser(ALICE);
    expect(() => p.remove()).toThrow(/permission/);
    expect(() => p.setDescription('x')).toThrow(/permission/);
    fake.setActiveUser(OWNER);
    p.remove();
  });

  test('§1.7 getProtections(type) on sheet and spreadsheet; remove() drops it', () => {
    const { ss, sheet, fake } = setup();
    const RANGE = fake.SpreadsheetApp.ProtectionType
      .RANGE as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
    const SHEET = fake.SpreadsheetApp.ProtectionType
      .SHEET as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
    sheet.getRange('A1').protect().setDescription('r1');
    sheet.getRange('B1').protect().setDescription('r2');
    sheet.protect();
    expect(sheet.getProtections(RANGE).map((p) => p.getDescription())).toEqual(['r1', 'r2']);
    expect(ss.getProtections(SHEET)).toHaveLength(1);
    expect(String(sheet.getProtections(RANGE)[0]?.getProtectionType())).toBe('RANGE');
    sheet.getProtections(RANGE)[0]?.remove();
    expect(sheet.getProtections(RANGE)).toHaveLength(1);
  });

  test('§1.7 protected ranges move with inserted rows', () => {
    const { ss, fake } = setup({ owner: OWNER });
    const sheet = ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet;
    const p = sheet.getRange('A2:B2').protect();
    p.removeEditors(p.getEditors());
    sheet.insertRowBefore(1);
    expect(p.getRange().getA1Notation()).toBe('A3:B3');
    fake.setActiveUser(ALICE);
    sheet.getRange('A2').setValue('now free');
    expectGasError(() => sheet.getRange('A3').setValue('x'), MSG.protectedCell);
  });

  test('§1.7 setDomainEdit throws for gmail.com owners', () => {
    const { sheet } = setup({ owner: 'someone@gmail.com' });
    expect(() => sheet.protect().setDomainEdit(false)).toThrow();
  });

  test('§2.2 triggers run as their creator: protections are checked against the effective user', () => {
    const { fake, snap, p } = lockedSheet();
    p.addEditor(ALICE);
    fake.setActiveUser(BOB).setEffectiveUser(ALICE);
    snap.getRange('A5').setValue('written as Alice');
    expect(fake.Session.getActiveUser().getEmail()).toBe(BOB);
  });
});

describe('shared drives and domain edit', () => {
  test('a file in a shared drive has no owner: getOwner() is null (reference/spreadsheet/spreadsheet#getOwner())', () => {
    const { ss } = setup({ owner: OWNER, sharedDrive: true });
    expect(ss.getOwner()).toBeNull();
    expect(setup({ owner: OWNER }).ss.getOwner()?.getEmail()).toBe(OWNER);
  });

  test('in a shared drive nobody edits a locked sheet by being the owner: the creator must be an editor', () => {
    const { fake, ss } = setup({ owner: OWNER, sharedDrive: true });
    ss.addEditor(ALICE);
    const sheet = ss.insertSheet('锁定');
    const p = sheet.protect();
    // The creator is an ordinary editor there, so the new protection's copy lists them.
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, ALICE]);
    fake.setActiveUser(ALICE);
    p.removeEditors([OWNER]); // ALICE runs it: she is kept (current user), the creator is not
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([ALICE]);
    fake.setActiveUser(OWNER);
    expect(p.canEdit()).toBe(false);
    expectGasError(() => sheet.getRange('A1').setValue(1), MSG.protectedCell);
  });

  test('§1.7 a protection copies domain edit: a colleague of the domain edits until setDomainEdit(false)', () => {
    const boss = 'boss@community.org';
    const colleague = 'someone@community.org';
    const { fake, ss } = setup({ owner: boss, domainEdit: true });
    const sheet = ss.insertSheet('锁定');
    const p = sheet.protect();
    p.removeEditors(p.getEditors());
    expect(p.canDomainEdit()).toBe(true);
    fake.setActiveUser(colleague);
    sheet.getRange('A1').setValue('改了');
    fake.setActiveUser(boss);
    p.setDomainEdit(false);
    fake.setActiveUser(colleague);
    expectGasError(() => sheet.getRange('A1').setValue('又改'), MSG.protectedCell);
  });
});
