// 个人积分单 e-mails on the fake: after 发布月度公示 and 发布更正公示 one private message per cadre with an e-mail, none to others, the quota respected, publishing unharmed by mail failures.
import { doSetup } from '../../src/gas/actions';
import { publishCorrection, publishMonth } from '../../src/gas/publish-action';
import { getDialogOptions, submitDialog } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { TAB } from '../../src/shared/tabs';
import type { FakeGas, FakeGasOptions } from '../fake';
import { cleanupGas, freshGas, ledgerRow, MEMBER, OWNER, setSetting, typeRows } from './helpers';

afterEach(cleanupGas);

const IDS = ['001', '002', '003', '004', '005', '006'];
const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈磊', '杨静'];
// 004 has no e-mail; 006's cell holds two addresses (one statement must never reach a second person): neither gets anything.
const EMAILS = [
  'wang@example.org',
  'li@example.org',
  'zhang@example.org',
  '',
  'chen@example.org',
  'yang@example.org, boss@example.org',
];
const MAILED = [0, 1, 2, 4];

function entry(id: string, month: string, cadre: string, qty: number, reason: string): Cell[] {
  return ledgerRow({
    编号: id,
    月份: month,
    干部编号: cadre,
    规则编码: 'T-MEDIATION',
    数量: qty,
    分值: 5,
    得分依据: reason,
    来源: '两委',
    状态: '已通过',
  });
}

function community(options: FakeGasOptions = {}): FakeGas {
  const fake = freshGas(options);
  doSetup();
  setSetting(fake, '社区名称', '幸福社区');
  setSetting(fake, '考核年度', '2026');
  setSetting(fake, '两委成员邮箱', MEMBER);
  setSetting(fake, '异议联系人', '社区党群服务中心 王主任 0731-1234567');
  doSetup();
  typeRows(
    fake,
    'roster',
    IDS.map((id, i) => [id, NAMES[i]!, '网格员', EMAILS[i]!, '在职', '2026-01', '', '是']),
  );
  typeRows(
    fake,
    'ledger',
    IDS.map((id, i) => entry(`S${i}`, '2026-09', id, i + 1, `九月调解第${i + 1}号纠纷`)),
  );
  typeRows(
    fake,
    'attendance',
    IDS.map((id, i) => ['2026-09', id, i % 3 === 0 ? 1 : 0, 0, 0, 0, 0]),
  );
  fake.UrlFetchApp.respond(/\/export\?/, {
    status: 200,
    body: Buffer.from('%PDF-1.4 fake'),
    headers: { 'Content-Type': 'application/pdf' },
  });
  return fake;
}

const logRows = (fake: FakeGas, action: string) => fake.values(TAB.log).filter((r) => r[2] === action);

test('发布月度公示 mails each cadre with an e-mail their own statement, alone, and nobody else', () => {
  const fake = community();
  const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
  const sent = fake.MailApp.sent;
  expect(sent.map((m) => m.to)).toEqual(
    // rank order: 006 has most points (6 mediations), but no usable e-mail
    ['chen@example.org', 'zhang@example.org', 'li@example.org', 'wang@example.org'].map((e) => [e]),
  );
  for (const m of sent) {
    const i = EMAILS.indexOf(m.to[0]!);
    expect([m.cc, m.bcc]).toEqual([[], []]);
    expect(m.subject).toBe(`幸福社区 2026年9月个人积分单：${NAMES[i]}`);
    expect(m.name).toBe('幸福社区积分台账');
    for (const doc of [m.body, m.htmlBody!]) {
      expect(doc).toContain(`${NAMES[i]}`);
      expect(doc).toContain(`九月调解第${i + 1}号纠纷`);
      expect(doc).toContain('社区党群服务中心 王主任 0731-1234567');
      expect(doc).toContain('2026年11月9日'); // 公示期 5 days (the default) from 2026-11-05
      IDS.forEach((_, j) => {
        if (j === i) return;
        expect(doc).not.toContain(NAMES[j]!);
        expect(doc).not.toContain(`九月调解第${j + 1}号纠纷`);
        expect(doc).not.toContain(`S${j}`);
      });
    }
    expect(m.htmlBody).toContain('<meta name="viewport"');
    expect(m.body).toContain('本单依据「公示-2026-09」');
  }
  expect(out.mail!.sent.map((c) => c.cadreId)).toEqual(['005', '003', '002', '001']);
  expect(out.mail!.noEmail.map((c) => c.cadreId)).toEqual(['006', '004']);
  expect(out.message.split('\n').slice(-2)).toEqual([
    '个人积分单：已发送 4 人（每人只收到本人的一封）。',
    '没有邮箱 2 人：杨静（006）、刘芳（004）（在「干部名册」填写邮箱后，下次公示起发送）。',
  ]);
  const log = logRows(fake, '发送个人积分单');
  expect(log).toHaveLength(1);
  expect(log[0]![3]).toBe(
    '公示-2026-09：已发送 4 人（陈磊（005）、张伟（003）、李秀英（002）、王建国（001））；没有邮箱 2 人（杨静（006）、刘芳（004））',
  );
  expect(MAILED.every((i) => sent.some((m) => m.to[0] === EMAILS[i]))).toBe(true);
  expect(sent.flatMap((m) => [...m.to, ...m.cc, ...m.bcc])).not.toContain('boss@example.org');
});

test('a short quota: what fits is sent, the rest is named in the result and the log; the publication stands', () => {
  const fake = community({ mailDailyQuota: 2 });
  const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
  expect(out.sheetName).toBe('公示-2026-09');
  expect(
    fake
      .values(TAB.publications)
      .slice(1)
      .map((r) => r[2]),
  ).toEqual(['公示-2026-09']);
  expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual(['chen@example.org', 'zhang@example.org']);
  expect(fake.MailApp.getRemainingDailyQuota()).toBe(0);
  expect(out.mail!.notSent).toEqual([
    { cadreId: '002', name: '李秀英', reason: '今日邮件配额已用完' },
    { cadreId: '001', name: '王建国', reason: '今日邮件配额已用完' },
  ]);
  expect(out.message).toContain(
    '未发送 2 人（今日邮件配额已用完）：李秀英（002）、王建国（001）。请两委另行告知本人（可次日在电脑上用 jifen statements 生成个人积分单）。',
  );
  expect(logRows(fake, '发送个人积分单')[0]![3]).toContain(
    '未发送 2 人（李秀英（002）：今日邮件配额已用完；王建国（001）：今日邮件配额已用完）',
  );
});

test('sending stops at the time budget; the rest are named', () => {
  const fake = community();
  // Each send takes 50 s of (fake) clock: the 120 s budget allows three.
  const real = fake.MailApp.sendEmail.bind(fake.MailApp);
  const spy = jest.spyOn(fake.MailApp, 'sendEmail').mockImplementation((...a: unknown[]) => {
    (real as (...x: unknown[]) => void)(...a);
    jest.setSystemTime(Date.now() + 50_000);
  });
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  spy.mockRestore();
  expect(fake.MailApp.sent.map((m) => m.to[0])).toEqual([
    'chen@example.org',
    'zhang@example.org',
    'li@example.org',
  ]);
  expect(logRows(fake, '发送个人积分单')[0]![3]).toContain(
    '未发送 1 人（王建国（001）：本次运行时间不够（Apps Script 单次最长 6 分钟））',
  );
});

test('mail failing outright never fails the publication', () => {
  const fake = community();
  const spy = jest.spyOn(fake.MailApp, 'sendEmail').mockImplementation(() => {
    throw new Error('Gmail 暂时不可用');
  });
  const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
  spy.mockRestore();
  expect(out.sheetName).toBe('公示-2026-09');
  expect(out.mail!.sent).toEqual([]);
  expect(out.mail!.notSent.map((x) => x.reason)).toEqual(new Array(4).fill('发送失败：Gmail 暂时不可用'));
  expect(out.message).toContain('未发送 4 人（发送失败：Gmail 暂时不可用）');
  const quota = jest.spyOn(fake.MailApp, 'getRemainingDailyQuota').mockImplementation(() => {
    throw new Error('Authorization is required');
  });
  setSetting(fake, '考核年度', '2026');
  typeRows(fake, 'ledger', [entry('T1', '2026-10', '001', 1, '十月调解')]);
  typeRows(fake, 'attendance', [['2026-10', '001', 0, 0, 0, 0, 0]]);
  const oct = publishMonth(fake.spreadsheet, '2026-10', OWNER);
  quota.mockRestore();
  expect(oct.sheetName).toBe('公示-2026-10');
  expect(oct.mail!.notSent[0]!.reason).toBe('无法读取邮件配额：Authorization is required');
});

test('发布更正公示 mails the corrected statements, marked 更正1, again one per cadre', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  const before = fake.MailApp.sent.length;
  expect(
    submitDialog({ kind: 'objection', month: '2026-09', cadreId: '002', entryId: 'S1', content: '少记1起' })
      .ok,
  ).toBe(true);
  const objection = getDialogOptions().objections!.find((x) => x.cadreId === '002')!;
  expect(
    submitDialog({
      kind: 'finding',
      objectionId: objection.id,
      result: 'upheld',
      opinion: '经核实属实',
      corrections: [{ entryId: 'S1', ruleCode: '', pointsDelta: 5, reason: '补记1起调解' }],
    }).ok,
  ).toBe(true);
  const out = publishCorrection(fake.spreadsheet, '2026-09', OWNER);
  expect(out.sheetName).toBe('公示-2026-09 更正1');
  const again = fake.MailApp.sent.slice(before);
  expect(again.map((m) => m.to[0]).sort()).toEqual(MAILED.map((i) => EMAILS[i]).sort());
  const li = again.find((m) => m.to[0] === 'li@example.org')!;
  expect(li.subject).toBe('幸福社区 2026年9月个人积分单（更正1）：李秀英');
  expect(li.body).toContain('补记1起调解');
  expect(li.body).toContain('本单依据「公示-2026-09 更正1」');
  const wang = again.find((m) => m.to[0] === 'wang@example.org')!;
  expect(wang.body).not.toContain('补记1起调解');
  expect(wang.body).not.toContain('李秀英');
  expect(logRows(fake, '发送个人积分单').map((r) => String(r[3]).split('：')[0])).toEqual([
    '公示-2026-09',
    '公示-2026-09 更正1',
  ]);
});
