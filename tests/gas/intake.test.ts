// Claim intake on the fake: the linked form, verified authors, keys that survive DST, time-zone and row changes, and sync.
import fc from 'fast-check';
import { DEFAULT_RULES } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import { FORM_ID_KEY } from '../../src/gas/intake-action';
import { sendDigest } from '../../src/gas/notify';
import { runDailyNotify } from '../../src/gas/reminders';
import { doSetupForm, doSyncResponses, handleFormSubmit } from '../../src/gas/server-api';
import { type Cell, cellText } from '../../src/shared/cells';
import {
  CELL_LIMIT,
  FORM_TITLES,
  LEGACY_KEY_TITLES,
  legacyKey,
  monthLabel,
  PROCESSED_TAB,
  ruleLabel,
  SELF,
} from '../../src/shared/intake';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, seedDemo, setSetting, sheet } from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');
const E = headersOf('intakeErrors');
const mediation = ruleLabel(DEFAULT_RULES.find((r) => r.code === 'T-MEDIATION')!);
/** The demo roster's emails are @example.org: the owner is of that Workspace domain, so they can sign in. */
const CHAIR = 'chair@example.org';
const WANG = 'cadre01@example.org'; // 王建国（001）

type Form = GoogleAppsScript.Forms.Form;

function prepared(options: Parameters<typeof freshGas>[0] = {}) {
  const fake = freshGas({ owner: CHAIR, ...options });
  doSetup();
  seedDemo(fake, { cadres: 4 });
  const msg = doSetupForm();
  const form = FormApp.openById(PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!);
  fake.registerHandlers({ onFormSubmit: handleFormSubmit });
  return { fake, form, msg };
}

const answers = (over: Record<string, string> = {}) => ({
  [FORM_TITLES.subject]: SELF,
  [FORM_TITLES.month]: monthLabel('2026-10'),
  [FORM_TITLES.rule]: mediation,
  [FORM_TITLES.quantity]: '2',
  [FORM_TITLES.eventDate]: '2026-10-12',
  [FORM_TITLES.evidence]: '调解3号楼漏水纠纷',
  [FORM_TITLES.link]: '',
  ...over,
});

/** A cadre submits the form and the trigger runs (王建国 unless `email` says otherwise). */
const claim = (fake: FakeGas, form: Form, over: Record<string, string> = {}, email = WANG) =>
  fake.fireFormSubmit(form, answers(over), { email });
/** A submission the trigger missed. */
const quietly = (
  fake: FakeGas,
  form: Form,
  over: Record<string, string> = {},
  opts: { email?: string; timestamp?: Date } = {},
) => fake.submitForm(form, answers(over), { email: WANG, ...opts });

const ledgerRows = (fake: FakeGas) =>
  fake
    .values(TAB.ledger)
    .slice(1)
    .filter((r) => r[L.indexOf('表单回复ID')] !== '');
const errorRows = (fake: FakeGas) => fake.values(TAB.intakeErrors).slice(1);
const responsesTab = (fake: FakeGas) => fake.spreadsheet.getSheets().find((s) => !!s.getFormUrl())!;
const reason = (fake: FakeGas, i = 0) => String(errorRows(fake)[i]![E.indexOf('原因')]);
/** Makes the form unreadable to intake (as if deleted or unshared): only the responses tab is left. */
const loseForm = () => PropertiesService.getDocumentProperties().deleteProperty(FORM_ID_KEY);

test('创建/更新申请表 builds the form from the roster and rules, links it, installs exactly one trigger', () => {
  const { fake, form, msg } = prepared();
  expect(msg).toContain(form.getPublishedUrl());
  const titles = form.getItems().map((i) => i.getTitle());
  expect(titles).toEqual(Object.values(FORM_TITLES)); // no 申报人 question: the verified email is the submitter
  const subjects = form
    .getItems()[0]!
    .asListItem()
    .getChoices()
    .map((c) => c.getValue());
  expect(subjects).toEqual([SELF, '王建国（001）', '李秀英（002）', '张伟（003）', '刘芳（004）']);
  const rules = form
    .getItems()[2]!
    .asListItem()
    .getChoices()
    .map((c) => c.getValue());
  expect(rules).toContain(mediation);
  expect(rules.some((r) => r.includes('B-ATT'))).toBe(false); // system rules are not claimable
  expect(fake.triggers.filter((t) => t.handler === 'onFormSubmit')).toHaveLength(1);
  // an older form's 申报人 question (pick any name) is removed on update
  form.addListItem().setTitle('申报人').setChoiceValues(['王建国（001）']);
  doSetupForm();
  expect(form.getItems().map((i) => i.getTitle())).toEqual(Object.values(FORM_TITLES));
  expect(fake.triggers.filter((t) => t.handler === 'onFormSubmit')).toHaveLength(1);
  expect(fake.spreadsheet.getSheets().filter((s) => s.getFormUrl())).toHaveLength(1);
});

test('a valid response becomes one 待审核 ledger row keyed by the form’s response id; 申报人 is the verified email', () => {
  const { fake, form } = prepared();
  const { response } = claim(fake, form, {
    [FORM_TITLES.evidence]: '=IMPORTXML("http://x","//a")',
    [FORM_TITLES.link]: 'https://e.x/1',
  });
  const rows = ledgerRows(fake);
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  expect(r[L.indexOf('状态')]).toBe('待审核');
  expect(r[L.indexOf('月份')]).toBe('2026-10');
  expect(r[L.indexOf('干部编号')]).toBe('001');
  expect(r[L.indexOf('数量')]).toBe(2);
  expect(r[L.indexOf('积分')]).toBe(10);
  expect(r[L.indexOf('申报人')]).toBe(WANG);
  expect(r[L.indexOf('申报时间')]).toBe('2026-11-05 10:00:00');
  expect(String(r[L.indexOf('得分依据')])).toBe(
    '=IMPORTXML("http://x","//a")；事项日期：2026-10-12；材料：https://e.x/1',
  );
  // https://developers.google.com/apps-script/reference/forms/form-response#getId()
  expect(r[L.indexOf('表单回复ID')]).toBe(`R${response.getId()}`);
  const row = fake.values(TAB.ledger).findIndex((x) => x[0] === r[0]) + 1;
  expect(
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('得分依据') + 1)
      .getFormula(),
  ).toBe('');
  // the key is remembered in a hidden tab only the committee may edit, with the tab row's content key
  const done = fake.spreadsheet.getSheetByName(PROCESSED_TAB)!;
  expect(done.isSheetHidden()).toBe(true);
  expect(done.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!.getDescription()).toBe(
    '「已处理申报」记录已收取的申请表回复，删除后回复会被重新收取',
  );
  fake.setActiveUser(WANG); // a cadre with edit access to the file cannot erase the record
  expect(() => done.deleteRow(2)).toThrow(/protected/);
  fake.setActiveUser(CHAIR);
  const rec = fake.values(PROCESSED_TAB);
  expect(rec[0]).toEqual(['表单回复ID', '其他键', '回复行', '去向', '记录时间']);
  expect(rec[1]![0]).toBe(`R${response.getId()}`);
  expect(String(rec[1]![1])).toMatch(/^S[0-9a-f]{64}$/);
  expect(rec[1]!.slice(2)).toEqual(['2', '积分台账', '2026-11-05 10:00:00']);
});

describe('verified authors (issue 10 part 2)', () => {
  test('a roster member may report another cadre; 申报人 stays the reporter', () => {
    const { fake, form } = prepared();
    claim(fake, form, { [FORM_TITLES.subject]: '张伟（003）' }, 'cadre02@example.org');
    const r = ledgerRows(fake)[0]!;
    expect(r[L.indexOf('干部编号')]).toBe('003');
    expect(r[L.indexOf('申报人')]).toBe('cadre02@example.org');
  });

  test('a signed-in account that is not in 干部名册 goes to 申报异常 with the reason', () => {
    const { fake, form } = prepared();
    claim(fake, form, {}, 'visitor@example.org');
    expect(ledgerRows(fake)).toHaveLength(0);
    expect(errorRows(fake)).toHaveLength(1);
    expect(reason(fake)).toBe(
      '申报人邮箱 visitor@example.org 不在干部名册中（请在「干部名册」的邮箱列登记本人的登录邮箱）',
    );
    expect(errorRows(fake)[0]![E.indexOf('申报人')]).toBe('visitor@example.org');
  });
});

test('a row typed into the responses tab (not a form response) is not taken as a claim: its email is unverified', () => {
  const { fake, form } = prepared();
  claim(fake, form);
  const tab = responsesTab(fake);
  const header = fake.values(tab.getName())[0]!.map(String);
  const typed = header.map((h) => {
    if (h === '时间戳') return new Date('2026-11-05T01:30:00Z');
    if (h === '电子邮件地址') return 'cadre02@example.org';
    const a = answers({ [FORM_TITLES.quantity]: '9' }) as Record<string, string>;
    return a[h] ?? '';
  });
  tab.appendRow(typed); // the owner may; protection keeps other editors out (permissions.test.ts)
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 1 条，已处理过 1 条');
  expect(reason(fake)).toBe(
    '表单回复第 3 行在申请表的回复记录中找不到（可能是在回复表中手工录入或粘贴的行，或表单中的回复已被删除），申报人邮箱无法核实，未作为申报收取',
  );
  loseForm(); // and from the tab alone it is not taken a second time
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 2 条');
});

test.each([
  ['en_US', 'Email Address'],
  ['zh_CN', 'Adresse e-mail'], // a header in another language: the second column holding addresses
])('tab-only intake finds the email column (%s, %s)', (locale, header) => {
  const { fake, form } = prepared({ spreadsheet: { locale } });
  const tab = responsesTab(fake);
  tab.getRange(1, 2).setValue(header);
  loseForm();
  quietly(fake, form);
  expect(doSyncResponses()).toContain('新增待审核 1 条');
  expect(ledgerRows(fake)[0]![L.indexOf('申报人')]).toBe(WANG);
});

test('a 已处理申报 tab made by another editor before the first intake is taken over and protected', () => {
  const { fake, form } = prepared();
  fake.setActiveUser('cadre03@example.org'); // an editor of the file, not on the committee
  fake.spreadsheet.insertSheet(PROCESSED_TAB);
  fake.setActiveUser(CHAIR);
  claim(fake, form);
  fake.setActiveUser('cadre03@example.org');
  const done = fake.spreadsheet.getSheetByName(PROCESSED_TAB)!;
  expect(() => done.getRange(2, 1).setValue('')).toThrow(/protected/);
  fake.setActiveUser(CHAIR);
  expect(ledgerRows(fake)).toHaveLength(1);
  expect(fake.values(PROCESSED_TAB)[0]).toEqual(['表单回复ID', '其他键', '回复行', '去向', '记录时间']);
  // and it does remember: the deleted claim does not come back
  const at = fake.values(TAB.ledger).findIndex((r) => String(r[L.indexOf('表单回复ID')]).startsWith('R')) + 1;
  sheet(fake, TAB.ledger).deleteRow(at);
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 1 条');
});

test('two members’ submit triggers (each runs on every submission): one claim, the second run finds it taken', () => {
  const { fake, form } = prepared();
  const member = 'member@example.org';
  setSetting(fake, '两委成员邮箱', member);
  doSetup(); // the owner confirms the new member
  fake.spreadsheet.addEditor(member);
  form.addEditor(member); // forms belong to their creator: the member needs to be a collaborator
  fake.setActiveUser(member);
  doSetupForm();
  fake.setActiveUser(CHAIR);
  expect(fake.triggers.filter((t) => t.handler === 'onFormSubmit')).toHaveLength(2);
  claim(fake, form);
  expect(ledgerRows(fake)).toHaveLength(1);
  expect(fake.values(TAB.log).slice(1).at(-1)![3]).toContain('新增待审核 0 条，申报异常 0 条，重复送达 1 条');
});

test('the same event delivered twice adds nothing the second time', () => {
  const { fake, form } = prepared();
  const { event } = claim(fake, form);
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  fake.fireTrigger(trigger.id, event);
  fake.fireTrigger(trigger.id, event);
  expect(ledgerRows(fake)).toHaveLength(1);
  expect(errorRows(fake)).toHaveLength(0);
  expect(fake.values(TAB.log).slice(1).at(-1)![3]).toContain('重复送达 1 条');
});

test('two responses interleaved: both land exactly once', () => {
  const { fake, form } = prepared();
  const a = quietly(fake, form);
  fake.clock.advance(1000);
  const b = quietly(fake, form, {}, { email: 'cadre02@example.org' });
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  fake.fireTrigger(trigger.id, b);
  fake.fireTrigger(trigger.id, a);
  const ids = ledgerRows(fake).map((r) => r[L.indexOf('干部编号')]);
  expect(ids.sort()).toEqual(['001', '002']);
});

describe('quantity: only a number cell or plain ASCII digits; nothing is reinterpreted (issue 10 part 4)', () => {
  const refused = (shown: string) =>
    `表单回复第 2 行「数量」应为正整数，只能用阿拉伯数字填写（如 2），不能带逗号、小数点、指数或全角数字；填写的是「${shown}」，未作任何换算`;
  // Sheets may read 「1,000」 typed into the responses tab as 1000 and 「1e3」 as 1000: the form's own text is used.
  const thousands = (s: string) => Number(s.replace(/,/g, ''));
  test.each(['1,5', '1,000', '1e3', '１５', '1.5', '两次'])('%s', (q) => {
    const { fake, form } = prepared({ ambiguousStrings: thousands });
    claim(fake, form, { [FORM_TITLES.quantity]: q });
    expect(ledgerRows(fake)).toHaveLength(0);
    expect(reason(fake)).toBe(refused(q));
    expect(errorRows(fake)[0]![E.indexOf('原始内容')]).toContain(`数量：${q}`);
  });

  test('from the responses tab alone (form unreadable): a text cell 「1,5」 is refused, a number cell accepted', () => {
    const { fake, form } = prepared();
    loseForm();
    quietly(fake, form, { [FORM_TITLES.quantity]: '1,5' });
    fake.clock.advance(1000);
    quietly(fake, form, { [FORM_TITLES.quantity]: '3' });
    expect(doSyncResponses()).toContain('新增待审核 1 条，申报异常 1 条');
    expect(reason(fake)).toBe(refused('1,5'));
    expect(ledgerRows(fake)[0]![L.indexOf('数量')]).toBe(3);
    expect(String(ledgerRows(fake)[0]![L.indexOf('表单回复ID')])).toMatch(/^S[0-9a-f]{64}$/);
  });
});

describe('invalid responses go to 申报异常 with a Chinese reason; the raw response stays', () => {
  test.each([
    ['quantity zero', { [FORM_TITLES.quantity]: '0' }, '表单回复第 2 行「数量」应为正整数（填写的是：0）'],
    [
      'absurd quantity',
      { [FORM_TITLES.quantity]: '5000' },
      '表单回复第 2 行「数量」：数量 5000 过大（上限 100）',
    ],
    ['future month', { [FORM_TITLES.month]: monthLabel('2026-12') }, '积分月份 2026-12 尚未到来'],
    ['blank evidence', { [FORM_TITLES.evidence]: '   ' }, '未填写得分依据'],
  ])('%s', (_name, over, why) => {
    const { fake, form } = prepared();
    claim(fake, form, over);
    expect(ledgerRows(fake)).toHaveLength(0);
    const errs = errorRows(fake);
    expect(errs).toHaveLength(1);
    expect(errs[0]![E.indexOf('原因')]).toBe(why);
    expect(errs[0]![E.indexOf('原始内容')]).toContain(`邮箱：${WANG}`);
    expect(errs[0]![E.indexOf('回复行')]).toBe(2);
    // the response itself is untouched in the responses sheet
    expect(responsesTab(fake).getLastRow()).toBe(2);
  });

  test('unknown cadre (removed from the roster after the form was made) and a deactivated rule', () => {
    const { fake, form } = prepared();
    const rulesTab = sheet(fake, TAB.rules);
    const codes = fake.values(TAB.rules).map((r) => r[0]);
    rulesTab.getRange(codes.indexOf('T-MEDIATION') + 1, 10).setValue('否');
    sheet(fake, TAB.roster).deleteRow(4); // 003 张伟
    claim(fake, form, { [FORM_TITLES.subject]: '张伟（003）' });
    expect(reason(fake)).toBe(
      '积分干部「张伟（003）」不在干部名册中；积分事项 T-MEDIATION（成功调解居民矛盾纠纷）已停用',
    );
  });

  test('a published month is refused', () => {
    const { fake, form } = prepared();
    sheet(fake, TAB.publications).appendRow(['2026-10', 1, '公示-2026-10', 'o', 't', 1, 'x']);
    claim(fake, form);
    expect(reason(fake)).toBe('2026-10 已公示，不能再申报；如有遗漏请向两委提出异议');
  });

  test('an empty delivery (timestamp only) is recorded once, not dropped', () => {
    const { fake } = prepared();
    responsesTab(fake).getRange(2, 1).setValue(new Date('2026-11-05T03:00:00Z'));
    doSyncResponses();
    doSyncResponses();
    expect(errorRows(fake)).toHaveLength(1);
    expect(reason(fake)).toBe('表单回复第 2 行是空白申报：除时间戳外没有任何内容（可能是重复或编辑触发）');
  });
});

test('deleting or re-ordering rows of the responses sheet does not bring old responses back', () => {
  const { fake, form } = prepared();
  for (let i = 0; i < 3; i++) {
    claim(fake, form, { [FORM_TITLES.quantity]: String(i + 1) });
    fake.clock.advance(1000);
  }
  responsesTab(fake).deleteRow(2); // the first response, say a test entry
  claim(fake, form, { [FORM_TITLES.quantity]: '9' });
  expect(ledgerRows(fake).map((r) => r[L.indexOf('数量')])).toEqual([1, 2, 3, 9]);
  expect(doSyncResponses()).toContain('新增待审核 0 条');
  loseForm(); // the same from the responses tab alone
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条');
});

test('同步表单回复 takes in exactly what the trigger missed, and is idempotent', () => {
  const { fake, form } = prepared();
  for (let i = 0; i < 3; i++) {
    quietly(fake, form, { [FORM_TITLES.quantity]: String(i + 1) });
    fake.clock.advance(1000);
  }
  quietly(fake, form, { [FORM_TITLES.quantity]: '0' });
  expect(doSyncResponses()).toContain('新增待审核 3 条，申报异常 1 条');
  expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 4 条');
  expect(ledgerRows(fake).map((r) => r[L.indexOf('数量')])).toEqual([1, 2, 3]);
});

describe('processed keys outlive deleted rows (issue 10 part 4)', () => {
  test('a rejected claim whose ledger row is deleted does not come back as 待审核; nor a deleted 申报异常 row', () => {
    const { fake, form } = prepared();
    claim(fake, form);
    fake.clock.advance(1000);
    claim(fake, form, { [FORM_TITLES.quantity]: '0' });
    const ledger = sheet(fake, TAB.ledger);
    const at =
      fake.values(TAB.ledger).findIndex((r) => String(r[L.indexOf('表单回复ID')]).startsWith('R')) + 1;
    ledger.getRange(at, L.indexOf('状态') + 1).setValue('已驳回');
    ledger.deleteRow(at);
    sheet(fake, TAB.intakeErrors).deleteRow(2);
    for (const mode of ['form', 'tab only']) {
      if (mode === 'tab only') loseForm();
      expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 2 条');
    }
    expect(ledgerRows(fake)).toHaveLength(0);
    expect(errorRows(fake)).toHaveLength(0);
  });

  test('keys written by earlier versions (32-bit, trimmed) are still recognised: an old book does not double', () => {
    const { fake, form } = prepared();
    quietly(fake, form); // taken in by an earlier version, which stored its own key
    const header = fake.values(responsesTab(fake).getName())[0]!.map(String);
    const cells = responsesTab(fake).getRange(2, 1, 1, header.length).getValues()[0]! as Cell[];
    const text = (t: string) => (header.indexOf(t) < 0 ? '' : cellText(cells[header.indexOf(t)], 480));
    const old = legacyKey(cellText(cells[0], 480), LEGACY_KEY_TITLES.map(text));
    expect(old).toMatch(/^T2026-11-05 10:00:00#[0-9a-f]{8}$/);
    const row = new Array<Cell>(L.length).fill('');
    row[L.indexOf('编号')] = 'F-old-2';
    row[L.indexOf('月份')] = '2026-10';
    row[L.indexOf('表单回复ID')] = old;
    sheet(fake, TAB.ledger).appendRow(row);
    expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 1 条');
    // its new keys are recorded now, so a later DST change or a lost form cannot make it look new
    loseForm();
    expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 1 条');
  });
});

test.each(['form', 'tab only'])(
  'two answers that differ only by trailing spaces, same second and account, both land (%s)',
  (mode) => {
    const { fake, form } = prepared();
    const at = new Date('2026-11-05T01:00:00Z');
    quietly(fake, form, { [FORM_TITLES.evidence]: '入户走访' }, { timestamp: at });
    quietly(fake, form, { [FORM_TITLES.evidence]: '入户走访  ' }, { timestamp: at });
    if (mode === 'tab only') loseForm();
    expect(doSyncResponses()).toContain('新增待审核 2 条');
    expect(new Set(ledgerRows(fake).map((r) => r[L.indexOf('表单回复ID')])).size).toBe(2);
  },
);

test('switching between form and tab-only intake neither doubles nor loses', () => {
  const { fake, form } = prepared();
  const id = PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!;
  quietly(fake, form);
  loseForm();
  expect(doSyncResponses()).toContain('新增待审核 1 条');
  fake.clock.advance(1000);
  quietly(fake, form, { [FORM_TITLES.quantity]: '3' });
  PropertiesService.getDocumentProperties().setProperty(FORM_ID_KEY, id);
  // the first is recognised by its tab row and its form id is recorded; the second is new
  expect(doSyncResponses()).toContain('新增待审核 1 条，申报异常 0 条，已处理过 1 条');
  expect(fake.values(PROCESSED_TAB).map((r) => r[3])).toContain('（已收取，补记键）');
  expect(ledgerRows(fake).map((r) => String(r[L.indexOf('表单回复ID')])[0])).toEqual(['S', 'R']);
});

describe('over-long answers (issue 10 part 4)', () => {
  test('a 得分依据 over 50,000 characters is stored cut with a note; the full text stays in the responses tab; later claims still land', () => {
    const { fake, form } = prepared();
    const long = '事'.repeat(60_000);
    claim(fake, form, { [FORM_TITLES.evidence]: long, [FORM_TITLES.link]: '' });
    fake.clock.advance(1000);
    claim(fake, form, { [FORM_TITLES.evidence]: long, [FORM_TITLES.quantity]: '0' });
    fake.clock.advance(1000);
    claim(fake, form);
    const rows = ledgerRows(fake);
    expect(rows).toHaveLength(2);
    const cell = String(rows[0]![L.indexOf('得分依据')]);
    expect(cell).toHaveLength(CELL_LIMIT);
    const full = `${long}；事项日期：2026-10-12`;
    expect(cell).toBe(
      `${full.slice(0, CELL_LIMIT - `……（原文 ${full.length} 字，全文见表单回复第 2 行）`.length)}……（原文 ${full.length} 字，全文见表单回复第 2 行）`,
    );
    const raw = String(errorRows(fake)[0]![E.indexOf('原始内容')]);
    expect(raw).toHaveLength(CELL_LIMIT);
    expect(raw).toMatch(/全文见表单回复第 3 行）$/);
    const header = fake.values(responsesTab(fake).getName())[0]!;
    expect(String(fake.values(responsesTab(fake).getName())[1]![header.indexOf(FORM_TITLES.evidence)])).toBe(
      long,
    );
  });
});

describe('keys survive DST and time-zone changes (issue 10 part 4)', () => {
  // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 CEST (01:00 UTC).
  const beforeDst = new Date('2026-10-24T20:00:00Z');
  const afterDst = new Date('2026-10-26T08:00:00Z');
  const at = (fake: FakeGas, d: Date) => {
    jest.setSystemTime(d);
    fake.clock.set(d);
  };
  test.each(['form', 'tab only'])('%s', (mode) => {
    const { fake, form } = prepared({ spreadsheet: { timeZone: 'Europe/Berlin' } });
    at(fake, beforeDst);
    if (mode === 'tab only') loseForm();
    quietly(fake, form, { [FORM_TITLES.eventDate]: '2026-10-20' });
    quietly(fake, form, { [FORM_TITLES.quantity]: '3' }, { timestamp: new Date('2026-10-24T19:00:00Z') });
    expect(doSyncResponses()).toContain('新增待审核 2 条');
    quietly(fake, form, { [FORM_TITLES.quantity]: '4' }, { timestamp: new Date('2026-10-24T19:30:00Z') });
    at(fake, afterDst);
    expect(doSyncResponses()).toContain('新增待审核 1 条，申报异常 0 条，已处理过 2 条');
    quietly(fake, form, { [FORM_TITLES.quantity]: '5' }, { timestamp: new Date('2026-10-24T19:45:00Z') });
    fake.spreadsheet.setSpreadsheetTimeZone('Asia/Shanghai');
    expect(doSyncResponses()).toContain('新增待审核 1 条，申报异常 0 条，已处理过 3 条');
    expect(doSyncResponses()).toContain('新增待审核 0 条，申报异常 0 条，已处理过 4 条');
    expect(ledgerRows(fake).map((r) => r[L.indexOf('数量')])).toEqual([2, 3, 4, 5]);
  });
});

const N = 1000;
test(`${N} random responses: each lands exactly once, in the ledger or in 申报异常; nothing escapes`, () => {
  // Random free text may look like a date or a number; how Sheets parses that is locale-dependent (fake: keep as text).
  const { fake, form } = prepared({ ambiguousStrings: 'text' });
  const labels = (i: number) =>
    form
      .getItems()
      [i]!.asListItem()
      .getChoices()
      .map((c) => c.getValue());
  const arb = fc.record({
    email: fc.constantFrom(WANG, 'cadre02@example.org', 'cadre04@example.org', 'visitor@example.org'),
    subject: fc.constantFrom(...labels(0)),
    month: fc.constantFrom(...labels(1)),
    rule: fc.constantFrom(...labels(2)),
    quantity: fc.oneof(
      fc.integer({ min: -3, max: 200 }).map(String),
      fc.constantFrom('', '1.5', 'x', '３', '1e2', '=1+1'),
    ),
    evidence: fc.string({ minLength: 0, maxLength: 30 }),
  });
  const samples = fc.sample(arb, { numRuns: N, seed: 4242 });
  const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
  let thrown = 0;
  samples.forEach((s, i) => {
    const ev = fake.submitForm(
      form,
      {
        [FORM_TITLES.subject]: s.subject,
        [FORM_TITLES.month]: s.month,
        [FORM_TITLES.rule]: s.rule,
        [FORM_TITLES.quantity]: s.quantity || '1',
        [FORM_TITLES.evidence]: s.evidence || '无',
      },
      { email: s.email },
    );
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
  expect(keys).toHaveLength(N);
  expect(new Set(keys).size).toBe(N);
  const landed = ledgerRows(fake).length;
  const refused = errorRows(fake).length;
  expect(landed + refused).toBe(N);
  expect(landed).toBeGreaterThan(0);
  expect(refused).toBeGreaterThan(0);
  // report the split for the issue note
  console.log(`random responses: ${landed} to 积分台账, ${refused} to 申报异常`);
}, 180_000);

test('the month’s claims go to the 纪检专干: on demand, and by the monthly trigger installed with the form', () => {
  const { fake, form } = prepared();
  const { setSetting } = require('./helpers') as typeof import('./helpers');
  claim(fake, form);
  claim(fake, form, { [FORM_TITLES.quantity]: '0' });
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
  // one daily trigger, installed by 创建/更新申请表, sending last month's digest on the 1st
  expect(fake.triggers.filter((t) => t.handler === 'dailyNotify')).toHaveLength(1);
  doSetupForm();
  expect(fake.triggers.filter((t) => t.handler === 'dailyNotify')).toHaveLength(1);
  fake.registerHandlers({ dailyNotify: runDailyNotify });
  fake.clock.set(new Date('2026-12-01T00:00:00Z')); // 8:00 in Shanghai
  jest.setSystemTime(fake.clock.now());
  fake.fireTrigger(fake.triggers.find((t) => t.handler === 'dailyNotify')!.id, {});
  expect(fake.MailApp.sent.at(-1)!.to).toEqual(['jijian@example.com']);
  expect(fake.MailApp.sent.at(-1)!.subject).toContain('2026年11月干部积分申报汇总');
});

describe('property (issue 10): every response lands exactly once in 积分台账 or 申报异常', () => {
  type Op =
    | { k: 'submit'; deliveries: number }
    | { k: 'redeliver'; pick: number }
    | { k: 'sync' }
    | { k: 'dst' }
    | { k: 'tz'; zone: string }
    | { k: 'deleteLedger'; pick: number }
    | { k: 'deleteError'; pick: number }
    | { k: 'loseForm' }
    | { k: 'restoreForm' }
    | { k: 'reorder' };
  const spec = fc.record({
    email: fc.constantFrom(WANG, 'cadre02@example.org', 'cadre03@example.org', 'visitor@example.org'),
    subject: fc.constantFrom(SELF, '张伟（003）', '刘芳（004）'),
    quantity: fc.constantFrom('1', '2', '3', '0', '1,5', '１５', '1e3', '200'),
    spaces: fc.integer({ min: 0, max: 2 }),
    /** A second response, same second and account, differing only by a trailing space. */
    twin: fc.boolean(),
  });
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      arbitrary: fc.record({ k: fc.constant('submit' as const), deliveries: fc.integer({ min: 0, max: 2 }) }),
      weight: 5,
    },
    { arbitrary: fc.record({ k: fc.constant('redeliver' as const), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.constant({ k: 'sync' as const }), weight: 2 },
    { arbitrary: fc.constant({ k: 'dst' as const }), weight: 1 },
    {
      arbitrary: fc.record({
        k: fc.constant('tz' as const),
        zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin'),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ k: fc.constant('deleteLedger' as const), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant('deleteError' as const), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.constant({ k: 'loseForm' as const }), weight: 1 },
    { arbitrary: fc.constant({ k: 'restoreForm' as const }), weight: 1 },
    { arbitrary: fc.constant({ k: 'reorder' as const }), weight: 1 },
  );

  test('random responses, duplicated and re-delivered out of order, across DST and time-zone changes, with deleted rows', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 8 }),
        fc.array(op, { maxLength: 25 }),
        (specs, ops) => {
          const { fake, form } = prepared({ spreadsheet: { timeZone: 'Europe/Berlin' } });
          const formId = PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY)!;
          const trigger = fake.triggers.find((t) => t.handler === 'onFormSubmit')!;
          const setTime = (d: Date) => {
            jest.setSystemTime(d);
            fake.clock.set(d);
          };
          setTime(new Date('2026-10-24T18:00:00Z')); // Berlin leaves summer time on 2026-10-25 01:00 UTC
          const expected = new Map<string, number>(); // marker → responses carrying it
          const deleted = new Map<string, number>(); // marker → rows the committee deleted
          const events: object[] = [];
          let next = 0;
          const markerOf = (text: string) => /申报#(\d+)#/.exec(text)?.[0];
          const submitNext = (deliveries: number) => {
            const s = specs[next];
            if (!s) return;
            const marker = `申报#${next}#`;
            next++;
            const at = fake.clock.date();
            const one = (spaces: number) => {
              const ev = fake.submitForm(
                form,
                answers({
                  [FORM_TITLES.subject]: s.subject,
                  [FORM_TITLES.quantity]: s.quantity,
                  [FORM_TITLES.evidence]: `${marker}${' '.repeat(spaces)}`,
                }),
                { email: s.email, timestamp: at },
              );
              events.push(ev);
              expected.set(marker, (expected.get(marker) ?? 0) + 1);
              for (let d = 0; d < deliveries; d++) fake.fireTrigger(trigger.id, ev);
            };
            one(s.spaces);
            if (s.twin) one(s.spaces + 1);
            fake.clock.advance(61_000);
            jest.setSystemTime(fake.clock.date());
          };
          const deleteRow = (tab: string, column: string, pick: number) => {
            const values = fake.values(tab);
            const at = values[0]!.indexOf(column);
            const rows = values
              .map((r, i) => ({ i, m: markerOf(String(r[at])) }))
              .filter((x): x is { i: number; m: string } => x.i > 0 && !!x.m);
            const victim = rows[pick % Math.max(1, rows.length)];
            if (!victim) return;
            sheet(fake, tab).deleteRow(victim.i + 1);
            deleted.set(victim.m, (deleted.get(victim.m) ?? 0) + 1);
          };
          let dstDone = false;
          for (const o of ops) {
            if (o.k === 'submit') submitNext(o.deliveries);
            else if (o.k === 'redeliver' && events.length > 0)
              fake.fireTrigger(trigger.id, events[o.pick % events.length]!);
            else if (o.k === 'sync') doSyncResponses();
            else if (o.k === 'dst' && !dstDone) {
              setTime(new Date('2026-10-26T09:00:00Z'));
              dstDone = true;
            } else if (o.k === 'tz') fake.spreadsheet.setSpreadsheetTimeZone(o.zone);
            else if (o.k === 'deleteLedger') deleteRow(TAB.ledger, '得分依据', o.pick);
            else if (o.k === 'deleteError') deleteRow(TAB.intakeErrors, '原始内容', o.pick);
            else if (o.k === 'loseForm') loseForm();
            else if (o.k === 'restoreForm')
              PropertiesService.getDocumentProperties().setProperty(FORM_ID_KEY, formId);
            else if (o.k === 'reorder') {
              const tab = responsesTab(fake);
              if (tab.getLastRow() > 2)
                tab
                  .getRange(2, 1, tab.getLastRow() - 1, tab.getLastColumn())
                  .sort({ column: 1, ascending: false });
            }
          }
          while (next < specs.length) submitNext(0);
          doSyncResponses(); // in whichever mode the ops left
          loseForm();
          doSyncResponses();
          PropertiesService.getDocumentProperties().setProperty(FORM_ID_KEY, formId);
          doSyncResponses();
          const landed = new Map<string, number>();
          const count = (tab: string, column: string) => {
            const values = fake.values(tab);
            const at = values[0]!.indexOf(column);
            for (const r of values.slice(1)) {
              const m = markerOf(String(r[at]));
              if (m) landed.set(m, (landed.get(m) ?? 0) + 1);
            }
          };
          count(TAB.ledger, '得分依据');
          count(TAB.intakeErrors, '原始内容');
          for (const [m, n] of expected)
            expect([m, (landed.get(m) ?? 0) + (deleted.get(m) ?? 0)]).toEqual([m, n]);
          expect([...landed.keys()].filter((m) => !expected.has(m))).toEqual([]);
          cleanupGas();
        },
      ),
      { numRuns: 60, seed: 20261025 },
    );
  });
});

test('a form switched to typed emails: its responses go to 申报异常, never become someone’s claim; restored, they count', () => {
  const { fake, form } = prepared();
  const f = form as Form & { setEmailCollectionType(t: unknown): Form };
  // A form editor changes 收集电子邮件地址 to 可手填 (RESPONDER_INPUT): now anyone can type 王建国's email.
  f.setEmailCollectionType(
    (FormApp as unknown as { EmailCollectionType: { RESPONDER_INPUT: unknown } }).EmailCollectionType
      .RESPONDER_INPUT,
  );
  claim(fake, form, { [FORM_TITLES.evidence]: '冒名申报' });
  expect(ledgerRows(fake)).toHaveLength(0);
  const err = errorRows(fake).at(-1)!;
  expect(String(err[E.indexOf('原因')])).toContain(
    '申请表现在不收集经验证的登录邮箱（“收集电子邮件地址”设置被改为可手填），申报人邮箱「cadre01@example.org」无法确认，未作为申报收取',
  );
  // 创建/更新申请表 restores VERIFIED; the next verified response is a claim again.
  doSetupForm();
  claim(fake, form, { [FORM_TITLES.evidence]: '本人申报' });
  expect(ledgerRows(fake)).toHaveLength(1);
});
