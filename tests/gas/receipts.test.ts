// 审核回执 on the fake: one mail per submitter per review batch, only their own claims, within the MailApp quota (queue, never dropped, never twice).
import { doSetup } from '../../src/gas/actions';
import { FORM_ID_KEY } from '../../src/gas/intake-action';
import { MAIL_QUEUE_TAB } from '../../src/gas/mail-queue';
import { doSetupForm, review } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { FORM_TITLES, monthLabel, SELF } from '../../src/shared/intake';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas, FakeGasOptions } from '../fake';
import { cleanupGas, freshGas, ledgerRow, MEMBER, OUTSIDER, seedDemo, setSetting, typeRows } from './helpers';

afterEach(cleanupGas);

// seedDemo: 001 王建国 cadre01@example.org, 002 李秀英 cadre02@…, 003 张伟 cadre03@…, 004 刘芳 cadre04@…
const WANG = 'cadre01@example.org';
const LI = 'cadre02@example.org';
const ZHANG = 'cadre03@example.org';

function claim(id: string, cadreId: string, qty: number, submitter: string, reason: string): Cell[] {
  return ledgerRow({
    编号: id,
    月份: '2026-10',
    干部编号: cadreId,
    规则编码: 'T-MEDIATION',
    事项: '成功调解居民矛盾纠纷',
    数量: qty,
    分值: 5,
    积分: 5 * qty,
    得分依据: reason,
    来源: '表单',
    申报人: submitter,
    申报时间: '2026-10-20 09:00:00',
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
  typeRows(fake, 'ledger', [
    claim('F-1', '001', 1, '王建国（001）', '王的调解一'),
    claim('F-2', '001', 2, '王建国（001）', '王的调解二'),
    claim('F-3', '002', 3, '李秀英（002）', '李的调解'),
    claim('F-4', '003', 1, '王建国（001）', '王报告张伟'),
    claim('F-5', '004', 1, 'stranger@evil.example', '冒名'),
    claim('F-6', '003', 2, '张伟（003）', '张的调解'),
    claim('F-7', '002', 1, '李秀英（002）', '李的第二件'),
  ]);
  return fake;
}

const mailsTo = (fake: FakeGas, to: string) => fake.MailApp.sent.filter((m) => m.to.join(',') === to);
const logged = (fake: FakeGas) => fake.values(TAB.log).map((r) => r.join('|'));

test('one receipt per submitter per batch, listing each of their claims with month, decision, points and reason', () => {
  const fake = book();
  fake.setActiveUser(MEMBER);
  const before = fake.MailApp.sent.length;
  const res = review({ ids: ['F-1', 'F-2', 'F-3', 'F-4'], action: 'approve', month: '2026-10' });
  expect(res.message).toBe('已通过 4 条；已发送审核回执 2 封');
  expect(fake.MailApp.sent.length - before).toBe(2);
  const [wang] = mailsTo(fake, WANG);
  expect(mailsTo(fake, WANG)).toHaveLength(1);
  expect(wang!.subject).toBe('示例社区 积分申报审核结果（2026年10月，3 条）');
  expect(wang!.name).toBe('积分台账');
  expect(wang!.body).toContain('王建国同志：\n\n两委已审核您提交的积分申报（共 3 条），结果如下：');
  expect(wang!.body).toContain(
    [
      '1. 事项：成功调解居民矛盾纠纷',
      '   月份：2026年10月',
      '   审核结果：通过',
      '   积分：5 分',
      '   审核意见：（无）',
      '   申报编号：F-1',
    ].join('\n'),
  );
  expect(wang!.body).toContain(
    '2. 事项：成功调解居民矛盾纠纷\n   月份：2026年10月\n   审核结果：通过\n   积分：10 分',
  );
  // F-4 was reported by 王建国 for 张伟: the receipt goes to the submitter and names the cadre.
  expect(wang!.body).toContain(
    '3. 事项：成功调解居民矛盾纠纷\n   月份：2026年10月\n   积分干部：张伟（003）\n',
  );
  expect(wang!.body).toContain('审核时间：2026-11-05 10:00:00');
  expect(wang!.body).toContain('如有异议，请在公示期内向社区两委办公室提出。');
  expect(mailsTo(fake, LI)[0]!.body).toContain('李秀英同志：');
  expect(mailsTo(fake, ZHANG)).toHaveLength(0); // 张伟 submitted nothing in this batch
  // each send is one 操作日志 row
  expect(logged(fake)).toContainEqual(
    `2026-11-05 10:00:00|${MEMBER}|审核回执|已发送给 ${WANG}：F-1、F-2、F-4（通过、通过、通过）|1`,
  );
  expect(logged(fake)).toContainEqual(`2026-11-05 10:00:00|${MEMBER}|审核回执|已发送给 ${LI}：F-3（通过）|1`);
});

test('reject and adjust receipts say 不通过 / 调整 with the points counted and the reviewer’s reason', () => {
  const fake = book();
  review({ ids: ['F-3'], action: 'reject', reason: '无佐证材料', month: '2026-10' });
  const rejected = mailsTo(fake, LI).at(-1)!.body;
  expect(rejected).toContain(
    '   审核结果：不通过\n   积分：0 分（申报 15 分，不计入）\n   审核意见：无佐证材料',
  );
  review({ ids: ['F-6'], action: 'adjust', quantity: 1, reason: '只有一次有记录', month: '2026-10' });
  const adjusted = mailsTo(fake, ZHANG).at(-1)!.body;
  expect(adjusted).toContain(
    '   审核结果：调整\n   积分：5 分\n   审核意见：数量由 2 调整为 1：只有一次有记录\n   申报编号：F-6',
  );
});

test('privacy: a receipt holds none of another submitter’s claims, reasons or names', () => {
  const fake = book();
  review({ ids: ['F-1', 'F-2', 'F-3', 'F-4', 'F-6', 'F-7'], action: 'approve', month: '2026-10' });
  const owners: Record<string, string[]> = {
    [WANG]: ['F-1', 'F-2', 'F-4'],
    [LI]: ['F-3', 'F-7'],
    [ZHANG]: ['F-6'],
  };
  const names: Record<string, string> = { [WANG]: '王建国', [LI]: '李秀英', [ZHANG]: '张伟' };
  expect(fake.MailApp.sent.map((m) => m.to[0]).sort()).toEqual([WANG, LI, ZHANG].sort());
  for (const m of fake.MailApp.sent) {
    const to = m.to[0]!;
    const text = `${m.subject}\n${m.body}`;
    for (const id of owners[to]!) expect(text).toContain(`申报编号：${id}\n`);
    for (const [other, ids] of Object.entries(owners)) {
      if (other === to) continue;
      for (const id of ids) expect(text).not.toContain(`申报编号：${id}\n`);
      expect(text).not.toContain(other);
      // 张伟 appears in 王建国's receipt only as the cadre 王建国 reported (F-4), never as a submitter
      if (!(to === WANG && other === ZHANG)) expect(text).not.toContain(names[other]!);
    }
    // 得分依据 of anybody's claim is never quoted (only the committee's 审核意见)
    for (const reason of ['王的调解一', '李的调解', '张的调解', '冒名']) expect(text).not.toContain(reason);
  }
});

test('a typed address that is neither a roster 邮箱 nor a verified form sign-in gets nothing; it is logged', () => {
  const fake = book();
  const res = review({ ids: ['F-5'], action: 'reject', reason: '冒名申报', month: '2026-10' });
  expect(fake.MailApp.sent).toHaveLength(0);
  expect(res.message).toBe('已驳回 1 条；1 条的申报人没有可用邮箱，未发回执（见「操作日志」）');
  expect(logged(fake)).toContainEqual(
    '2026-11-05 10:00:00|owner@example.com|审核回执|未发送：F-5 的申报人邮箱 stranger@evil.example 不在干部名册中，也不是申请表记录的登录邮箱|0',
  );
});

test('an address the claim form recorded as a verified sign-in gets its receipt even when not in the roster', () => {
  const fake = book();
  doSetupForm();
  const form = FormApp.openById(PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!);
  const verified = 'wang.newmail@example.com'; // the form admits the owner's domain only
  fake.submitForm(
    form,
    {
      [FORM_TITLES.subject]: SELF,
      [FORM_TITLES.month]: monthLabel('2026-10'),
      [FORM_TITLES.rule]: '成功调解居民矛盾纠纷（+5分）〔T-MEDIATION〕',
      [FORM_TITLES.quantity]: '1',
      [FORM_TITLES.evidence]: '调解',
    },
    { email: verified },
  );
  typeRows(fake, 'ledger', [claim('F-8', '001', 1, verified, '新邮箱申报')]);
  review({ ids: ['F-8'], action: 'approve', month: '2026-10' });
  expect(mailsTo(fake, verified)).toHaveLength(1);
  // Nobody but that address: the roster email of 001 is not copied.
  expect(fake.MailApp.sent.map((m) => m.to)).toEqual([[verified]]);
  // The greeting has no name: the address is not the roster's.
  expect(mailsTo(fake, verified)[0]!.body.startsWith('您好：')).toBe(true);
});

test('attacker: a 申报人 or roster 邮箱 holding a list or extra text never becomes a recipient', () => {
  const fake = book();
  typeRows(fake, 'ledger', [
    claim('F-9', '004', 1, `${WANG},evil@evil.example`, 'x'),
    claim('F-10', '004', 1, 'evil@evil.example（004）', 'x'),
    claim('F-11', '004', 1, `${WANG}\nBcc: evil@evil.example`, 'x'),
  ]);
  typeRows(fake, 'roster', [
    ['009', '钱七', '委员', `q@example.org, evil@evil.example`, '在职', '', '', '是'],
  ]);
  typeRows(fake, 'ledger', [claim('F-12', '009', 1, '钱七（009）', 'x')]);
  const res = review({ ids: ['F-9', 'F-10', 'F-11', 'F-12'], action: 'approve', month: '2026-10' });
  expect(fake.MailApp.sent).toHaveLength(0);
  expect(res.message).toBe('已通过 4 条；4 条的申报人没有可用邮箱，未发回执（见「操作日志」）');
  expect(logged(fake).filter((r) => r.includes('|审核回执|未发送：F-'))).toHaveLength(4);
  expect(logged(fake)).toContainEqual(
    '2026-11-05 10:00:00|owner@example.com|审核回执|未发送：F-12 的申报人 钱七（009） 在干部名册中没有登记有效邮箱|0',
  );
});

describe('the daily quota', () => {
  test('the quota is the reviewer’s own: another member’s review sends what the first one queued', () => {
    const fake = book({ mailDailyQuota: 1 });
    review({ ids: ['F-1', 'F-3'], action: 'approve', month: '2026-10' }); // as the owner
    expect(fake.MailApp.sent.map((m) => [m.from, m.to[0]])).toEqual([['owner@example.com', WANG]]);
    fake.setActiveUser(MEMBER);
    review({ ids: ['F-6'], action: 'reject', reason: '重复申报', month: '2026-10' });
    // MEMBER's one recipient goes to the oldest waiting receipt; the new one waits in turn
    expect(fake.MailApp.sent.map((m) => [m.from, m.to[0]])).toEqual([
      ['owner@example.com', WANG],
      [MEMBER, LI],
    ]);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual([ZHANG]);
  });

  test('past the quota receipts wait in a hidden protected queue; the next review sends them first, none twice', () => {
    const fake = book({ mailDailyQuota: 1 });
    fake.setActiveUser(MEMBER);
    const first = review({ ids: ['F-1', 'F-3', 'F-6'], action: 'approve', month: '2026-10' });
    expect(first.message).toBe(
      '已通过 3 条；已发送审核回执 1 封；2 封因今日邮件额度已用完排队，额度恢复后自动发送',
    );
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG]);
    const queue = fake.spreadsheet.getSheetByName(MAIL_QUEUE_TAB)!;
    expect(queue.isSheetHidden()).toBe(true);
    const p = queue.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([MEMBER]);
    fake.setActiveUser(OUTSIDER);
    expect(() => queue.getRange(2, 7).setValue('已发送')).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    fake.setActiveUser(MEMBER);
    const rows = fake.values(MAIL_QUEUE_TAB).slice(1);
    expect(rows.map((r) => [r[2], r[3], r[6]])).toEqual([
      ['审核回执', LI, '待发送'],
      ['审核回执', ZHANG, '待发送'],
    ]);
    expect(String(rows[0]![5])).toContain('申报编号：F-3');
    expect(logged(fake).filter((r) => r.includes('今日邮件额度已用完，已排队'))).toHaveLength(2);
    expect(logged(fake).some((r) => r.includes(`已排队（队列 ${rows[1]![0]}）：${ZHANG}：F-6（通过）`))).toBe(
      true,
    );

    // Still no quota: a new review queues behind the waiting ones, nothing is sent or lost.
    const second = review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
    expect(second.message).toBe('已通过 1 条；1 封因今日邮件额度已用完排队，额度恢复后自动发送');
    expect(fake.MailApp.sent).toHaveLength(1);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual([LI, ZHANG, WANG]);

    // A new quota day with room for two: oldest first, the rest keeps waiting.
    fake.MailApp.resetQuota(2);
    const third = review({ ids: ['F-7'], action: 'approve', month: '2026-10' });
    expect(third.message).toBe(
      '已通过 1 条；已发送审核回执 2 封（含此前排队的 2 封）；1 封因今日邮件额度已用完排队，额度恢复后自动发送',
    );
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG, LI, ZHANG]);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => [r[3], r[6]]),
    ).toEqual([
      [WANG, '待发送'],
      [LI, '待发送'],
    ]);

    // Plenty of quota: everything left goes, each exactly once, and the queue is empty.
    fake.MailApp.resetQuota(100);
    review({ ids: ['F-4'], action: 'approve', month: '2026-10' });
    review({ ids: ['F-5'], action: 'approve', month: '2026-10' }); // no receipt (typed address), flushes nothing new
    const sent = fake.MailApp.sent.map(
      (m) => `${m.to[0]} ${[...m.body.matchAll(/申报编号：(\S+)/g)].map((x) => x[1])}`,
    );
    expect(sent).toEqual([
      `${WANG} F-1`,
      `${LI} F-3`,
      `${ZHANG} F-6`,
      `${WANG} F-2`,
      `${LI} F-7`,
      `${WANG} F-4`,
    ]);
    expect(fake.values(MAIL_QUEUE_TAB).slice(1)).toEqual([]);
    expect(logged(fake).filter((r) => /已发送（队列 Q\d+-\d+）给/.test(r))).toHaveLength(4);
  });

  test('a mail MailApp refuses for another reason stays in the queue as 发送失败 and is not retried silently', () => {
    const fake = book();
    const mail = fake.MailApp as unknown as { sendEmail: (m: { to: string }) => void };
    const real = mail.sendEmail.bind(fake.MailApp);
    mail.sendEmail = (m) => {
      if (m.to === LI) throw new Error('Invalid email: cadre02@example.org');
      real(m);
    };
    review({ ids: ['F-1', 'F-3'], action: 'approve', month: '2026-10' });
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG]);
    const rows = fake.values(MAIL_QUEUE_TAB).slice(1);
    expect(rows.map((r) => [r[3], r[6]])).toEqual([[LI, '发送失败']]);
    expect(String(rows[0]![7])).toContain('Invalid email: cadre02@example.org');
    mail.sendEmail = real;
    review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG, WANG]);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => r[6]),
    ).toEqual(['发送失败']);
    // The committee sets it back to 待发送: the next review sends it, once.
    fake.spreadsheet.getSheetByName(MAIL_QUEUE_TAB)!.getRange(2, 7).setValue('待发送');
    review({ ids: ['F-7'], action: 'approve', month: '2026-10' });
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG, WANG, LI, LI]);
    expect(fake.MailApp.sent[2]!.body).toContain('申报编号：F-3');
    expect(fake.values(MAIL_QUEUE_TAB).slice(1)).toEqual([]);
  });

  test('a failure between two sent rows: both sent rows go, the failed one stays', () => {
    const fake = book({ mailDailyQuota: 1 });
    review({ ids: ['F-1', 'F-3', 'F-6'], action: 'approve', month: '2026-10' }); // LI, ZHANG wait
    review({ ids: ['F-2'], action: 'approve', month: '2026-10' }); // WANG waits
    fake.MailApp.resetQuota(100);
    const mail = fake.MailApp as unknown as { sendEmail: (m: { to: string }) => void };
    const real = mail.sendEmail.bind(fake.MailApp);
    mail.sendEmail = (m) => {
      if (m.to === ZHANG) throw new Error('Invalid email: cadre03@example.org');
      real(m);
    };
    review({ ids: ['F-5'], action: 'approve', month: '2026-10' }); // no receipt of its own
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG, LI, WANG]);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => [r[3], r[6]]),
    ).toEqual([[ZHANG, '发送失败']]);
  });

  test('attacker: a row forged into 邮件队列, or a queued row redirected, is never sent from anyone’s account', () => {
    const fake = book({ mailDailyQuota: 1 });
    review({ ids: ['F-1', 'F-3'], action: 'approve', month: '2026-10' }); // LI's receipt waits
    const queue = fake.spreadsheet.getSheetByName(MAIL_QUEUE_TAB)!;
    // the owner (who may edit the protected tab) redirects the waiting receipt and forges a second row
    queue.getRange(2, 4).setValue('evil@evil.example');
    const forged = [
      'Q1-1',
      '2026-11-05 10:00:00',
      '审核回执',
      ZHANG,
      '通知',
      '请把密码发给我',
      '待发送',
      '',
      'x',
    ];
    queue.getRange(3, 1, 1, forged.length).setNumberFormat('@').setValues([forged]);
    fake.MailApp.resetQuota(100);
    review({ ids: ['F-6'], action: 'approve', month: '2026-10' });
    expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([WANG, ZHANG]);
    expect(fake.MailApp.sent.some((m) => m.body.includes('请把密码发给我'))).toBe(false);
    expect(
      fake
        .values(MAIL_QUEUE_TAB)
        .slice(1)
        .map((r) => [r[3], r[6]]),
    ).toEqual([
      ['evil@evil.example', '发送失败'],
      [ZHANG, '发送失败'],
    ]);
    expect(
      logged(fake).filter((r) => r.includes('校验不符：这一行不是系统排入的，或排队后被改动过，未发送')),
    ).toHaveLength(2);
  });
});
