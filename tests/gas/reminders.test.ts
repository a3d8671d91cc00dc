// 申报提醒 on the fake: the daily trigger reminds active cadres who have not claimed, 3 days before 申报截止日, once a month across installers; the 设置 switch; the queue sent by the daily run.
import { doSetup } from '../../src/gas/actions';
import { FORM_ID_KEY } from '../../src/gas/intake-action';
import { MAIL_QUEUE_TAB } from '../../src/gas/mail-queue';
import { runMonthlyNotify } from '../../src/gas/notify';
import { deadlineOf, reminderMonth, runDailyNotify } from '../../src/gas/reminders';
import { doSetupForm } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas, FakeGasOptions } from '../fake';
import {
  cleanupGas,
  freshGas,
  ledgerRow,
  MEMBER,
  OUTSIDER,
  OWNER,
  seedDemo,
  setSetting,
  typeRows,
} from './helpers';

afterEach(cleanupGas);

// seedDemo: 001 王建国 cadre01@example.org … 004 刘芳 cadre04@example.org, all active.
const mail = (n: number) => `cadre0${n}@example.org`;

function formClaim(id: string, month: string, cadreId: string, submitter: string): Cell[] {
  return ledgerRow({
    编号: id,
    月份: month,
    干部编号: cadreId,
    规则编码: 'T-MEDIATION',
    事项: '成功调解居民矛盾纠纷',
    数量: 1,
    分值: 5,
    积分: 5,
    得分依据: '调解',
    来源: '表单',
    申报人: submitter,
    申报时间: `${month}-20 09:00:00`,
    状态: '待审核',
    表单回复ID: `R-${id}`,
  });
}

function book(options: FakeGasOptions = {}): FakeGas {
  const fake = freshGas(options);
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  doSetup();
  seedDemo(fake, { cadres: 4 });
  typeRows(fake, 'roster', [
    ['005', '赵敏', '委员', 'cadre05@example.org', '离职', '2026-01', '2026-09', '是'],
    ['006', '孙强', '委员', '', '在职', '2026-01', '', '是'],
  ]);
  typeRows(fake, 'ledger', [
    formClaim('F-1', '2026-11', '001', '王建国（001）'),
    formClaim('F-2', '2026-11', '002', mail(2)), // 申报人 as a verified email (intake of issue 10)
    formClaim('F-3', '2026-11', '003', '王建国（001）'), // 王建国 reported 张伟: 张伟 has not claimed himself
    formClaim('F-4', '2026-10', '004', '刘芳（004）'), // last month does not count for November
  ]);
  fake.spreadsheet.addEditor(MEMBER);
  doSetupForm();
  fake.registerHandlers({ dailyNotify: runDailyNotify });
  return fake;
}

/** Moves both clocks to 9:00 in Shanghai on `day`. */
function at(fake: FakeGas, day: string): void {
  const t = new Date(`${day}T01:00:00Z`);
  fake.clock.set(t);
  jest.setSystemTime(t);
}

const daily = (fake: FakeGas) => fake.triggers.filter((t) => t.handler === 'dailyNotify');
const fireAll = (fake: FakeGas) => {
  for (const t of daily(fake)) fake.fireTrigger(t.id, {});
};
const reminders = (fake: FakeGas) => fake.MailApp.sent.filter((m) => m.subject.includes('积分申报提醒'));
const logged = (fake: FakeGas) => fake.values(TAB.log).map((r) => r.join('|'));

describe('when the reminder is due', () => {
  test('月末: from 3 days before the month’s last day through that day', () => {
    expect(deadlineOf('2026-11', 0)).toBe('2026-11-30');
    expect(deadlineOf('2027-02', 0)).toBe('2027-02-28');
    expect(reminderMonth('2026-11-26', 0)).toBeNull();
    expect(reminderMonth('2026-11-27', 0)).toBe('2026-11');
    expect(reminderMonth('2026-11-30', 0)).toBe('2026-11');
    expect(reminderMonth('2026-12-01', 0)).toBeNull();
    expect(reminderMonth('2027-02-25', 0)).toBe('2027-02');
  });
  test('a day of the next month: the window may start in the claim month itself', () => {
    expect(deadlineOf('2026-11', 2)).toBe('2026-12-02');
    expect(reminderMonth('2026-11-28', 2)).toBeNull();
    expect(reminderMonth('2026-11-29', 2)).toBe('2026-11');
    expect(reminderMonth('2026-12-02', 2)).toBe('2026-11');
    expect(reminderMonth('2026-12-03', 2)).toBeNull();
    expect(reminderMonth('2026-11-05', 5)).toBe('2026-10');
  });
});

test('创建/更新申请表 leaves each member exactly one time-driven trigger: the daily one', () => {
  const fake = book();
  doSetupForm();
  FormApp.openById(PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!).addEditor(MEMBER);
  fake.setActiveUser(MEMBER);
  doSetupForm();
  doSetupForm();
  for (const who of [OWNER, MEMBER]) {
    const clock = fake.triggers.filter((t) => t.owner === who && t.eventType === 'CLOCK');
    expect(clock.map((t) => [t.handler, t.schedule])).toEqual([['dailyNotify', { everyDays: 1, atHour: 8 }]]);
  }
});

test('a monthly trigger of an earlier version sends the digest, then replaces itself with the daily one', () => {
  const fake = book();
  setSetting(fake, '纪检专干邮箱', 'jijian@example.com');
  fake.registerHandlers({ monthlyNotify: runMonthlyNotify });
  // the way earlier versions installed it: monthly, its spreadsheet recorded under its id
  for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t);
  const old = ScriptApp.newTrigger('monthlyNotify').timeBased().onMonthDay(1).atHour(8).create();
  PropertiesService.getScriptProperties().setProperty(
    `jifen.notify.${old.getUniqueId()}`,
    fake.spreadsheet.getId(),
  );
  at(fake, '2026-11-01');
  fake.fireTrigger(old.getUniqueId(), {});
  expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual(['jijian@example.com']);
  expect(fake.triggers.map((t) => [t.owner, t.handler])).toEqual([[OWNER, 'dailyNotify']]);
  expect(logged(fake).filter((r) => r.includes('本账号的月度触发器已换为每日触发器'))).toHaveLength(1);
  // the same morning the daily one would not send the digest again; on the 27th it reminds
  fireAll(fake);
  expect(fake.MailApp.sent).toHaveLength(1);
  at(fake, '2026-11-27');
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3), mail(4)]);
});

test('3 days before 月末 each active cadre with an email who has not claimed gets one reminder', () => {
  const fake = book();
  at(fake, '2026-11-26');
  fireAll(fake);
  expect(reminders(fake)).toHaveLength(0);
  at(fake, '2026-11-27');
  fireAll(fake);
  // not 001 (claimed), not 002 (claimed by verified email), not 005 (left in September), not 006 (no email)
  expect(reminders(fake).map((m) => m.to)).toEqual([[mail(3)], [mail(4)]]);
  const zhang = reminders(fake)[0]!;
  expect(zhang.subject).toBe('示例社区 2026年11月积分申报提醒（截止 2026年11月30日）');
  expect(zhang.body).toContain(
    '张伟同志：\n\n您还没有通过《干部积分申请表》提交2026年11月的积分申报。申报截止日为 2026年11月30日，请在截止日前如实申报本人的积分事项；如2026年11月没有可申报的事项，请忽略本邮件。',
  );
  const url = FormApp.openById(
    PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!,
  ).getPublishedUrl();
  expect(zhang.body).toContain(`申请表：${url}`);
  expect(zhang.body).toContain('两委可在「设置」表把「申报提醒」改为“否”关闭');
  // a reminder is about its addressee only
  expect(zhang.body).not.toContain('刘芳');
  expect(logged(fake)).toContainEqual(
    `2026-11-27 09:00:00|${OWNER}|申报提醒|已发送给 ${mail(3)}：2026-11 申报提醒|1`,
  );
  expect(logged(fake)).toContainEqual(
    `2026-11-27 09:00:00|${OWNER}|申报提醒|2026-11 尚未申报的在职干部 2 名：已发送申报提醒 2 封|2`,
  );
  // the following days of the window send nothing more
  at(fake, '2026-11-28');
  fireAll(fake);
  at(fake, '2026-11-30');
  fireAll(fake);
  expect(reminders(fake)).toHaveLength(2);
});

test('two members’ daily triggers firing the same morning remind once; the next month reminds again', () => {
  const fake = book();
  FormApp.openById(PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!).addEditor(MEMBER);
  fake.setActiveUser(MEMBER);
  doSetupForm();
  fake.setActiveUser(OWNER);
  expect(
    daily(fake)
      .map((t) => t.owner)
      .sort(),
  ).toEqual([MEMBER, OWNER].sort());
  at(fake, '2026-11-27');
  fireAll(fake);
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3), mail(4)]);
  const dup = logged(fake).filter((r) => r.includes('2026-11 已由') && r.includes('本次不再重复发送'));
  expect(dup).toHaveLength(3);
  // December: nobody has claimed, every active cadre with an email is reminded, once
  at(fake, '2026-12-28');
  fireAll(fake);
  fireAll(fake);
  expect(
    reminders(fake)
      .slice(2)
      .map((m) => m.to[0]),
  ).toEqual([mail(1), mail(2), mail(3), mail(4)]);
  expect(reminders(fake).at(-1)!.subject).toBe('示例社区 2026年12月积分申报提醒（截止 2026年12月31日）');
});

test('设置 申报提醒 否 turns it off; turned back on within the window, it still goes out', () => {
  const fake = book();
  expect(fake.values(TAB.settings).find((r) => r[0] === '申报提醒')?.[1]).toBe('是');
  setSetting(fake, '申报提醒', '否');
  at(fake, '2026-11-27');
  fireAll(fake);
  at(fake, '2026-11-28');
  fireAll(fake);
  expect(reminders(fake)).toHaveLength(0);
  setSetting(fake, '申报提醒', '是');
  at(fake, '2026-11-29');
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3), mail(4)]);
});

test('申报截止日 5: the reminder for October goes out from November 2 and counts October’s claims', () => {
  const fake = book();
  setSetting(fake, '申报截止日', '5');
  at(fake, '2026-11-02');
  fireAll(fake);
  // 004 claimed October (F-4); the demo's own form rows have no 申报人
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(1), mail(2), mail(3)]);
  expect(reminders(fake)[0]!.subject).toBe('示例社区 2026年10月积分申报提醒（截止 2026年11月5日）');
});

test('past the quota the daily run queues reminders, and sends them the next day, none twice', () => {
  const fake = book({ mailDailyQuota: 1 });
  at(fake, '2026-11-27');
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3)]);
  expect(
    fake
      .values(MAIL_QUEUE_TAB)
      .slice(1)
      .map((r) => [r[2], r[3], r[6]]),
  ).toEqual([['申报提醒', mail(4), '待发送']]);
  expect(logged(fake)).toContainEqual(
    `2026-11-27 09:00:00|${OWNER}|申报提醒|2026-11 尚未申报的在职干部 2 名：已发送申报提醒 1 封；1 封因今日邮件额度已用完排队，额度恢复后自动发送|2`,
  );
  // same day, quota still spent: nothing goes, nothing is lost
  fireAll(fake);
  expect(reminders(fake)).toHaveLength(1);
  at(fake, '2026-11-28');
  fake.MailApp.resetQuota();
  fireAll(fake);
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3), mail(4)]);
  expect(fake.values(MAIL_QUEUE_TAB).slice(1)).toEqual([]);
  expect(
    logged(fake).some((r) => /申报提醒\|已发送（队列 Q\d+-\d+）给 cadre04@example.org\|1$/.test(r)),
  ).toBe(true);
});

test('attacker: a non-member calling dailyNotify (google.script.run) sends nothing, not even the queue, and sets no marker', () => {
  const fake = book({ mailDailyQuota: 1 });
  at(fake, '2026-11-27');
  fireAll(fake); // 张伟 reminded, 刘芳 queued
  const queued = fake.values(MAIL_QUEUE_TAB);
  fake.MailApp.resetQuota(100);
  fake.setActiveUser(OUTSIDER);
  at(fake, '2026-12-28');
  runDailyNotify({});
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3)]);
  expect(fake.values(MAIL_QUEUE_TAB)).toEqual(queued);
  // a member's trigger still does the December reminders afterwards
  fake.setActiveUser(OWNER);
  fireAll(fake);
  expect(reminders(fake).map((m) => m.to[0])).toEqual([mail(3), mail(4), mail(1), mail(2), mail(3), mail(4)]);
});
