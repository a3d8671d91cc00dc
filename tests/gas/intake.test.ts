// Claim intake on the fake: the linked form, the submit trigger, duplicates, every invalid case, and sync.
import fc from 'fast-check';
import { DEFAULT_RULES } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import { FORM_ID_KEY } from '../../src/gas/intake-action';
import { runMonthlyNotify, sendDigest } from '../../src/gas/notify';
import { doSetupForm, doSyncResponses, handleFormSubmit } from '../../src/gas/server-api';
import { FORM_TITLES, monthLabel, ruleLabel, SELF } from '../../src/shared/intake';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, seedDemo, sheet } from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');
const E = headersOf('intakeErrors');
const mediation = ruleLabel(DEFAULT_RULES.find((r) => r.code === 'T-MEDIATION')!);

function prepared(options: Parameters<typeof freshGas>[0] = {}) {
  const fake = freshGas(options);
  doSetup();
  seedDemo(fake, { cadres: 4 });
  const msg = doSetupForm();
  const form = FormApp.openById(PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!);
  fake.registerHandlers({ onFormSubmit: handleFormSubmit });
  return { fake, form, msg };
}

const answers = (over: Record<string, string> = {}) => ({
  [FORM_TITLES.submitter]: '王建国（001）',
  [FORM_TITLES.subject]: SELF,
  [FORM_TITLES.month]: monthLabel('2026-10'),
  [FORM_TITLES.rule]: mediation,
  [FORM_TITLES.quantity]: '2',
  [FORM_TITLES.eventDate]: '2026-10-12',
  [FORM_TITLES.evidence]: '调解3号楼漏水纠纷',
  [FORM_TITLES.link]: '',
  ...over,
});

const ledgerRows = (fake: FakeGas) =>
  fake
    .values(TAB.ledger)
    .slice(1)
    .filter((r) => r[L.indexOf('表单回复ID')] !== '');
const errorRows = (fake: FakeGas) => fake.values(TAB.intakeErrors).slice(1);

test('创建/更新申请表 builds the form from the roster and rules, links it, installs exactly one trigger', () => {
  const { fake, form, msg } = prepared();
  expect(msg).toContain(form.getPublishedUrl());
  const titles = form.getItems().map((i) => i.getTitle());
  expect(titles).toEqual(Object.values(FORM_TITLES));
  const submitter = form
    .getItems()[0]!
    .asListItem()
    .getChoices()
    .map((c) => c.getValue());
  expect(submitter).toEqual(['王建国（001）', '李秀英（002）', '张伟（003）', '刘芳（004）']);
  const rules = form
    .getItems()[3]!
    .asListItem()
    .getChoices()
    .map((c) => c.getValue());
  expect(rules).toContain(mediation);
  expect(rules.some((r) => r.includes('B-ATT'))).toBe(false); // system rules are not claimable
  expect(fake.triggers.filter((t) => t.handler === 'onFormSubmit')).toHaveLength(1);
  // running it again updates the same form and still leaves one trigger
  doSetupForm();
  expect(fake.triggers.filter((t) => t.handler === 'onFormSubmit')).toHaveLength(1);
  expect(fake.spreadsheet.getSheets().filter((s) => s.getFormUrl())).toHaveLength(1);
});

test('a valid response becomes one 待审核 ledger row with its form key; text stays text', () => {
  const { fake, form } = prepared();
  fake.fireFormSubmit(
    form,
    answers({ [FORM_TITLES.evidence]: '=IMPORTXML("http://x","//a")', [FORM_TITLES.link]: 'https://e.x/1' }),
  );
  const rows = ledgerRows(fake);
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  expect(r[L.indexOf('状态')]).toBe('待审核');
  expect(r[L.indexOf('月份')]).toBe('2026-10');
  expect(r[L.indexOf('干部编号')]).toBe('001');
  expect(r[L.indexOf('数量')]).toBe(2);
  expect(r[L.indexOf('积分')]).toBe(10);
  expect(r[L.indexOf('申报人')]).toBe('王建国（001）');
  expect(String(r[L.indexOf('得分依据')])).toMatch(
    /^=IMPORTXML\("http:\/\/x","\/\/a"\)；事项日期：2026-10-12；材料：https:\/\/e.x\/1$/,
  );
  expect(String(r[L.indexOf('表单回复ID')])).toMatch(/^T2026-11-05 10:00:00#[0-9a-f]{8}$/);
  const row = fake.values(TAB.ledger).findIndex((x) => x[0] === r[0]) + 1;
  expect(
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('得分依据') + 1)
      .getFormula(),
  ).toBe('');
  // reporting another cadre
  fake.fireFormSubmit(form, answers({ [FORM_TITLES.subject]: '张伟（003）' }));
  expect(ledgerRows(fake)[1]![L.indexOf('干部编号')]).toBe('003');
});

test('the same event delivered twice adds nothing the second time', () => {
  const { fake, form } = prepared();
  const { event } = fake.fireFormSubmit(form, answers());
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  fake.fireTrigger(trigger.id, event);
  fake.fireTrigger(trigger.id, event);
  expect(ledgerRows(fake)).toHaveLength(1);
  expect(errorRows(fake)).toHaveLength(0);
  expect(fake.values(TAB.log).slice(1).at(-1)![3]).toContain('重复送达 1 条');
});

test('two responses interleaved: both land exactly once', () => {
  const { fake, form } = prepared();
  const a = fake.submitForm(form, answers());
  fake.clock.advance(1000);
  const b = fake.submitForm(form, answers({ [FORM_TITLES.submitter]: '李秀英（002）' }));
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  fake.fireTrigger(trigger.id, b);
  fake.fireTrigger(trigger.id, a);
  const ids = ledgerRows(fake).map((r) => r[L.indexOf('干部编号')]);
  expect(ids.sort()).toEqual(['001', '002']);
});

describe('invalid responses go to 申报异常 with a Chinese reason; the raw response stays', () => {
  test.each([
    ['quantity zero', { [FORM_TITLES.quantity]: '0' }, '数量应为正整数'],
    ['fractional quantity', { [FORM_TITLES.quantity]: '1.5' }, '数量应为正整数'],
    ['quantity text', { [FORM_TITLES.quantity]: '两次' }, '数量应为正整数'],
    ['absurd quantity', { [FORM_TITLES.quantity]: '5000' }, '过大'],
    ['future month', { [FORM_TITLES.month]: monthLabel('2026-12') }, '尚未到来'],
    ['blank evidence', { [FORM_TITLES.evidence]: '   ' }, '未填写得分依据'],
  ])('%s', (_name, over, reason) => {
    const { fake, form } = prepared();
    fake.fireFormSubmit(form, answers(over));
    expect(ledgerRows(fake)).toHaveLength(0);
    const errs = errorRows(fake);
    expect(errs).toHaveLength(1);
    expect(errs[0]![E.indexOf('原因')]).toContain(reason);
    expect(errs[0]![E.indexOf('原始内容')]).toContain('申报人：王建国（001）');
    // the response itself is untouched in the responses sheet
    const responses = fake.spreadsheet.getSheets().find((s) => s.getFormUrl())!;
    expect(responses.getLastRow()).toBe(2);
  });

  test('unknown cadre (removed from the roster after the form was made) and a deactivated rule', () => {
    const { fake, form } = prepared();
    sheet(fake, TAB.roster).deleteRow(2); // 001 王建国
    const rulesTab = sheet(fake, TAB.rules);
    const codes = fake.values(TAB.rules).map((r) => r[0]);
    rulesTab.getRange(codes.indexOf('T-MEDIATION') + 1, 10).setValue('否');
    fake.fireFormSubmit(form, answers());
    const reason = String(errorRows(fake)[0]![E.indexOf('原因')]);
    expect(reason).toContain('申报人「王建国（001）」不在干部名册中');
    expect(reason).toContain('已停用');
  });

  test('a published month is refused', () => {
    const { fake, form } = prepared();
    sheet(fake, TAB.publications).appendRow(['2026-10', 1, '公示-2026-10', 'o', 't', 1, 'x']);
    fake.fireFormSubmit(form, answers());
    expect(errorRows(fake)[0]![E.indexOf('原因')]).toContain('已公示');
  });

  test('an empty delivery (timestamp only) is recorded once, not dropped', () => {
    const { fake } = prepared();
    const responses = fake.spreadsheet.getSheets().find((s) => s.getFormUrl())!;
    responses.getRange(2, 1).setValue(new Date('2026-11-05T03:00:00Z'));
    doSyncResponses();
    doSyncResponses();
    expect(errorRows(fake)).toHaveLength(1);
    expect(errorRows(fake)[0]![E.indexOf('原因')]).toContain('空白申报');
  });
});

test('deleting or re-ordering rows of the responses sheet does not bring old responses back', () => {
  const { fake, form } = prepared();
  for (let i = 0; i < 3; i++) {
    fake.fireFormSubmit(form, answers({ [FORM_TITLES.quantity]: String(i + 1) }));
    fake.clock.advance(1000);
  }
  const responses = fake.spreadsheet.getSheets().find((s) => s.getFormUrl())!;
  responses.deleteRow(2); // the first response, say a test entry
  fake.fireFormSubmit(form, answers({ [FORM_TITLES.quantity]: '9' }));
  expect(ledgerRows(fake).map((r) => r[L.indexOf('数量')])).toEqual([1, 2, 3, 9]);
  expect(doSyncResponses()).toContain('新增待审核 0 条');
});

test('同步表单回复 takes in exactly what the trigger missed, and is idempotent', () => {
  const { fake, form } = prepared();
  for (let i = 0; i < 3; i++) {
    fake.submitForm(form, answers({ [FORM_TITLES.quantity]: String(i + 1) }));
    fake.clock.advance(1000);
  }
  fake.submitForm(form, answers({ [FORM_TITLES.quantity]: '0' }));
  expect(doSyncResponses()).toContain('新增待审核 3 条，申报异常 1 条');
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 4 条');
  expect(ledgerRows(fake).map((r) => r[L.indexOf('数量')])).toEqual([1, 2, 3]);
});

test('1,000 random responses: each lands exactly once, in the ledger or in 申报异常; nothing escapes', () => {
  // Random free text may look like a date or a number; how Sheets parses that is locale-dependent (fake: keep as text).
  const { fake, form } = prepared({ ambiguousStrings: 'text' });
  const labels = (i: number) =>
    form
      .getItems()
      [i]!.asListItem()
      .getChoices()
      .map((c) => c.getValue());
  const arb = fc.record({
    submitter: fc.constantFrom(...labels(0)),
    subject: fc.constantFrom(...labels(1)),
    month: fc.constantFrom(...labels(2)),
    rule: fc.constantFrom(...labels(3)),
    quantity: fc.oneof(
      fc.integer({ min: -3, max: 200 }).map(String),
      fc.constantFrom('', '1.5', 'x', '３', '1e2', '=1+1'),
    ),
    evidence: fc.string({ minLength: 0, maxLength: 30 }),
  });
  const samples = fc.sample(arb, { numRuns: 1000, seed: 4242 });
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  let thrown = 0;
  samples.forEach((s, i) => {
    const ev = fake.submitForm(form, {
      [FORM_TITLES.submitter]: s.submitter,
      [FORM_TITLES.subject]: s.subject,
      [FORM_TITLES.month]: s.month,
      [FORM_TITLES.rule]: s.rule,
      [FORM_TITLES.quantity]: s.quantity || '1',
      [FORM_TITLES.evidence]: s.evidence || '无',
    });
    fake.clock.advance(1000);
    // the trigger fires for some, twice for others, never for the rest (sync picks those up)
    try {
      if (i % 3 === 0) fake.fireTrigger(trigger.id, ev);
      if (i % 7 === 0) fake.fireTrigger(trigger.id, ev);
    } catch {
      thrown++;
    }
  });
  doSyncResponses();
  doSyncResponses();
  expect(thrown).toBe(0);
  const keys = [
    ...fake
      .values(TAB.ledger)
      .slice(1)
      .map((r) => r[L.indexOf('表单回复ID')]),
    ...errorRows(fake).map((r) => r[E.indexOf('表单回复ID')]),
  ].filter((k) => k !== '');
  expect(keys).toHaveLength(1000);
  expect(new Set(keys).size).toBe(1000);
  const landed = ledgerRows(fake).length;
  const refused = errorRows(fake).length;
  expect(landed + refused).toBe(1000);
  expect(landed).toBeGreaterThan(0);
  expect(refused).toBeGreaterThan(0);
  // report the split for the issue note
  console.log(`random responses: ${landed} to 积分台账, ${refused} to 申报异常`);
}, 180_000);

test('the month’s claims go to the 纪检专干: on demand, and by the monthly trigger installed with the form', () => {
  const { fake, form } = prepared();
  const { setSetting } = require('./helpers') as typeof import('./helpers');
  fake.fireFormSubmit(form, answers());
  fake.fireFormSubmit(form, answers({ [FORM_TITLES.quantity]: '0' }));
  expect(() => sendDigest(fake.spreadsheet, '2026-10', 'owner@example.com')).toThrow(/没有填写纪检专干邮箱/);
  setSetting(fake, '纪检专干邮箱', 'jijian@example.com');
  doSetup(); // a member confirms the changed 纪检专干 (issue 10)
  const claims = fake
    .values(TAB.ledger)
    .filter((r) => r[L.indexOf('来源')] === '表单' && r[L.indexOf('月份')] === '2026-10').length;
  expect(sendDigest(fake.spreadsheet, '2026-10', 'owner@example.com')).toContain(`（${claims} 条）`);
  const mail = fake.MailApp.sent.at(-1)!;
  expect(mail.to).toEqual(['jijian@example.com']);
  expect(mail.subject).toContain(`2026年10月干部积分申报汇总（${claims} 条）`);
  expect(mail.body).toContain('王建国（001）');
  expect(mail.body).toContain('申报异常 1 条');
  // one monthly trigger, installed by 创建/更新申请表, sending last month's digest
  const monthly = fake.triggers.filter((t) => t.handler === 'monthlyNotify');
  expect(monthly).toHaveLength(1);
  doSetupForm();
  expect(fake.triggers.filter((t) => t.handler === 'monthlyNotify')).toHaveLength(1);
  fake.registerHandlers({ monthlyNotify: runMonthlyNotify });
  fake.fireTrigger(fake.triggers.find((t) => t.handler === 'monthlyNotify')!.id, {});
  expect(fake.MailApp.sent.at(-1)!.subject).toContain('2026年10月'); // the clock is in November
});
