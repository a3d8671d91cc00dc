// Issue 9: the claim form and its triggers across members — forms belong to their creator, triggers to
// their installer (ScriptApp.getProjectTriggers returns only the caller's), one digest per month.
import { doSetup } from '../../src/gas/actions';
import { FORM_ID_KEY } from '../../src/gas/intake-action';
import { runDailyNotify } from '../../src/gas/reminders';
import { doSetupForm } from '../../src/gas/server-api';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, MEMBER, OWNER, seedDemo, setSetting } from './helpers';

afterEach(cleanupGas);

const JIJIAN = 'jijian@example.com';

/** Owner and MEMBER on the committee, a 纪检专干, the demo roster, and the owner's form. */
function book(): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  setSetting(fake, '纪检专干邮箱', JIJIAN);
  doSetup();
  seedDemo(fake, { cadres: 3 });
  fake.spreadsheet.addEditor(MEMBER);
  doSetupForm();
  return fake;
}

const formId = () => PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY);
const logged = (fake: FakeGas) => fake.values(TAB.log).map((r) => r.join('|'));

describe('the claim form is never replaced silently', () => {
  test('a member who cannot open the owner’s form is refused, named the owner, and nothing changes', () => {
    const fake = book();
    const id = formId();
    const triggers = fake.triggers.length;
    fake.setActiveUser(MEMBER);
    expect(() => doSetupForm()).toThrow(
      `已有的《干部积分申请表》由 ${OWNER} 创建，您的账号 ${MEMBER} 无法打开它。为免已发给干部的申请表链接失效，不会新建申请表。`,
    );
    expect(formId()).toBe(id);
    expect(fake.triggers).toHaveLength(triggers);
  });

  test('once the owner adds the member as a collaborator, the member updates the same form', () => {
    const fake = book();
    const id = formId()!;
    FormApp.openById(id).addEditor(MEMBER);
    fake.setActiveUser(MEMBER);
    expect(doSetupForm()).toContain('已更新《干部积分申请表》');
    expect(formId()).toBe(id);
  });

  test('when the creator’s own form is gone, the creator gets a new one and is told the old link is dead', () => {
    const fake = book();
    const id = formId()!;
    fake.deleteForm(id);
    const said = doSetupForm();
    expect(said).toContain('原申请表已无法打开（已被删除），已新建申请表：发给干部的旧链接已失效');
    expect(formId()).not.toBe(id);
  });
});

describe('the form trigger is installed only by someone who can write what intake writes', () => {
  test('a member whose edit right on 积分台账 was taken away is refused before any form or trigger', () => {
    const fake = freshGas();
    doSetup();
    setSetting(fake, '两委成员邮箱', MEMBER);
    doSetup();
    seedDemo(fake, { cadres: 3 });
    fake.spreadsheet.addEditor(MEMBER);
    const p = fake.spreadsheet
      .getSheetByName(TAB.ledger)!
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
    p.removeEditor(MEMBER);
    fake.setActiveUser(MEMBER);
    expect(() => doSetupForm()).toThrow('您的账号还没有「积分台账」的编辑权限');
    expect(fake.triggers).toHaveLength(0);
    expect(formId()).toBeNull();
  });
});

describe('triggers belong to the member who installed them', () => {
  test('a second member is told whose triggers remain; each member has exactly one of each', () => {
    const fake = book();
    FormApp.openById(formId()!).addEditor(MEMBER);
    fake.setActiveUser(MEMBER);
    const said = doSetupForm();
    expect(said).toContain(`注意：${OWNER}（`);
    expect(said).toContain('也为本表格安装过申请表和月度汇总的触发器');
    const mine = (who: string, handler: string) =>
      fake.triggers.filter((t) => t.owner === who && t.handler === handler).length;
    // One time-driven trigger per member (the daily one does the monthly digest): an editor add-on may
    // have one trigger of each type per user per document (developers.google.com/workspace/add-ons/concepts/editor-triggers).
    const clock = (who: string) =>
      fake.triggers.filter((t) => t.owner === who && t.eventType === 'CLOCK').length;
    for (const who of [OWNER, MEMBER]) {
      expect(mine(who, 'onFormSubmit')).toBe(1);
      expect(mine(who, 'dailyNotify')).toBe(1);
      expect(mine(who, 'monthlyNotify')).toBe(0);
      expect(clock(who)).toBe(1);
    }
    // The owner running it again is told about the member, and still has one of each.
    fake.setActiveUser(OWNER);
    expect(doSetupForm()).toContain(`注意：${MEMBER}（`);
    expect(mine(OWNER, 'dailyNotify')).toBe(1);
    expect(clock(OWNER)).toBe(1);
  });

  test('two members’ daily triggers firing on the 1st send one digest; the second run is logged', () => {
    const fake = book();
    FormApp.openById(formId()!).addEditor(MEMBER);
    fake.setActiveUser(MEMBER);
    doSetupForm();
    fake.setActiveUser(OWNER);
    fake.registerHandlers({ dailyNotify: runDailyNotify });
    const at = (iso: string) => {
      fake.clock.set(new Date(iso));
      jest.setSystemTime(fake.clock.now());
    };
    const digests = () => fake.MailApp.sent.filter((m) => m.to.join() === JIJIAN);
    const daily = fake.triggers.filter((t) => t.handler === 'dailyNotify');
    expect(daily.map((t) => t.owner).sort()).toEqual([MEMBER, OWNER].sort());
    at('2026-11-01T00:00:00Z'); // 8:00 in Shanghai
    for (const t of daily) fake.fireTrigger(t.id, {});
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.subject).toContain('2026年10月');
    expect(logged(fake).some((r) => r.includes('2026-10 已由') && r.includes('本次不再重复发送'))).toBe(true);
    // Other days send no digest.
    at('2026-11-02T00:00:00Z');
    for (const t of daily) fake.fireTrigger(t.id, {});
    expect(digests()).toHaveLength(1);
    // A month later the next month's digest goes out again (the marker is per month).
    at('2026-12-01T00:00:00Z');
    fake.fireTrigger(daily[0]!.id, {});
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.subject).toContain('2026年11月');
  });
});
