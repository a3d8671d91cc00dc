// Issue 9: setup where Google gives no owner (a shared drive) and where domain-wide edit is on (Workspace).

import { recordedRoles } from '../../src/gas/access';
import { doRecompute, doSetup } from '../../src/gas/actions';
import { TAB } from '../../src/shared/tabs';
import { cleanupGas, freshGas, MEMBER, OUTSIDER, OWNER, setSetting } from './helpers';

afterEach(cleanupGas);

const PROTECTED_MSG =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

function logRows(fake: ReturnType<typeof freshGas>): string[] {
  return fake.values(TAB.log).map((r) => r.join('|'));
}

describe('a spreadsheet in a shared drive (getOwner() is null)', () => {
  test('whoever runs setup first on a book with no committee becomes its first member, and it is logged', () => {
    const fake = freshGas({ sharedDrive: true });
    fake.spreadsheet.addEditor(MEMBER);
    fake.spreadsheet.addEditor(OUTSIDER);
    fake.setActiveUser(MEMBER);
    const said = doSetup();
    expect(said).toContain(`表格位于共享云端硬盘，没有所有者：您（${MEMBER}）已成为第一位两委成员`);
    expect(recordedRoles()?.committee).toEqual([MEMBER]);
    expect(logRows(fake).some((r) => r.includes('首位两委成员') && r.includes(MEMBER))).toBe(true);
    // The creator of the file and other editors are not members just for being there.
    for (const who of [OWNER, OUTSIDER]) {
      fake.setActiveUser(who);
      expect(() => fake.spreadsheet.getSheetByName(TAB.ledger)!.getRange(2, 1).setValue('x')).toThrow(
        PROTECTED_MSG,
      );
      expect(() => doSetup()).toThrow(`只有两委成员可以初始化表格。您的账号 ${who}`);
    }
  });

  test('the first member adds the others through 设置 and a confirming setup; they can then edit', () => {
    const fake = freshGas({ sharedDrive: true });
    fake.spreadsheet.addEditor(MEMBER);
    fake.setActiveUser(MEMBER);
    doSetup();
    setSetting(fake, '两委成员邮箱', `${MEMBER},${OWNER}`);
    doSetup();
    expect(recordedRoles()?.committee).toEqual([MEMBER, OWNER]);
    fake.setActiveUser(OWNER);
    fake.spreadsheet.getSheetByName(TAB.ledger)!.getRange(2, 1).setValue('x');
    expect(fake.values(TAB.ledger)[1]?.[0]).toBe('x');
  });

  test('once 设置 names members, a newcomer running setup does not become one', () => {
    const fake = freshGas({ sharedDrive: true });
    fake.spreadsheet.addEditor(MEMBER);
    fake.spreadsheet.addEditor(OUTSIDER);
    fake.setActiveUser(MEMBER);
    doSetup();
    fake.setActiveUser(OUTSIDER);
    expect(() => doSetup()).toThrow('只有两委成员可以初始化表格');
    expect(recordedRoles()?.committee).toEqual([MEMBER]);
  });
});

describe('Workspace domain edit (Protection.setDomainEdit)', () => {
  test('setup turns domain edit off on every protection, so a colleague of the domain cannot edit', () => {
    const boss = 'boss@community.org';
    const fake = freshGas({ owner: boss, activeUser: boss, domainEdit: true });
    doSetup();
    const colleague = 'someone@community.org';
    fake.spreadsheet.addEditor(colleague);
    for (const name of [TAB.ledger, TAB.settings, TAB.log]) {
      const sheet = fake.spreadsheet.getSheetByName(name)!;
      expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!.canDomainEdit()).toBe(false);
      fake.setActiveUser(colleague);
      expect(() => sheet.getRange(2, 1).setValue('x')).toThrow(PROTECTED_MSG);
      fake.setActiveUser(boss);
    }
  });

  test('a consumer (gmail.com) owner: setup works (setDomainEdit would throw there, so it is not called)', () => {
    const me = 'someone@gmail.com';
    const fake = freshGas({ owner: me, activeUser: me });
    expect(doSetup()).toContain('初始化完成');
    expect(fake.spreadsheet.getSheetByName(TAB.ledger)).not.toBeNull();
  });
});

test('after the bootstrap 设置 names the first member, so the next action is not paused as a role change', () => {
  const fake = freshGas({ sharedDrive: true });
  fake.spreadsheet.addEditor(MEMBER);
  fake.setActiveUser(MEMBER);
  doSetup();
  const settings = fake.values(TAB.settings).find((r) => r[0] === '两委成员邮箱');
  expect(settings?.[1]).toBe(MEMBER);
  expect(doRecompute()).toContain('重新计算完成');
});
