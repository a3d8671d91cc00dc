// Issue 10 access model, tried as a self-interested cadre who is an editor of the file but not on the committee.

import { doSetup } from '../../src/gas/actions';
import * as entry from '../../src/gas/entry';
import { doSetupForm, getSidebarState, inspect, review } from '../../src/gas/server-api';
import { headersOf, INPUT_TABS, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, MEMBER, OUTSIDER, OWNER, seedDemo, setSetting, typeRows } from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');
const JIJIAN = 'jijian@example.com';
const PROTECTED_MSG =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

function pendingClaim(id: string): (string | number)[] {
  const f: Record<string, string | number> = {
    编号: id,
    月份: '2026-10',
    干部编号: '001',
    规则编码: 'T-MEDIATION',
    数量: 1,
    分值: 5,
    积分: 5,
    得分依据: '调解纠纷',
    来源: '表单申报',
    申报人: OUTSIDER,
    申报时间: '2026-10-20 09:00:00',
    状态: '待审核',
  };
  return L.map((h) => f[h] ?? '');
}

/** A set-up book: committee = owner + MEMBER, a 纪检专干, a pending claim; OUTSIDER can edit the file. */
function book(): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  setSetting(fake, '纪检专干邮箱', JIJIAN);
  doSetup();
  seedDemo(fake, { cadres: 3 });
  typeRows(fake, 'ledger', [pendingClaim('F-1')]);
  fake.spreadsheet.addEditor(OUTSIDER);
  return fake;
}

function snapshot(fake: FakeGas): unknown {
  return fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.values(s.getName())]);
}

describe('every input tab is protected to the committee (SPEC §1 trust model)', () => {
  test.each(INPUT_TABS.map((t) => [TAB[t], t] as const))(
    '%s: a non-member editor cannot type into it',
    (name) => {
      const fake = book();
      const sheet = fake.spreadsheet.getSheetByName(name)!;
      const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
      expect(p.isWarningOnly()).toBe(false);
      const editors = p.getEditors().map((u) => u.getEmail());
      expect(editors).toContain(MEMBER);
      expect(editors).not.toContain(OUTSIDER);
      expect(editors).not.toContain(JIJIAN);
      const before = snapshot(fake);
      fake.setActiveUser(OUTSIDER);
      // an existing cell, a new row below the data, and appendRow
      expect(() => sheet.getRange(2, 2).setValue('999')).toThrow(PROTECTED_MSG);
      expect(() => sheet.getRange(sheet.getLastRow() + 1, 1).setValue('x')).toThrow(PROTECTED_MSG);
      expect(() => sheet.appendRow(['x'])).toThrow(PROTECTED_MSG);
      fake.setActiveUser(OWNER);
      expect(snapshot(fake)).toEqual(before);
    },
  );

  test('a committee member can still type into every input tab', () => {
    const fake = book();
    fake.setActiveUser(MEMBER);
    for (const t of INPUT_TABS) {
      const sheet = fake.spreadsheet.getSheetByName(TAB[t])!;
      expect(() => sheet.getRange(sheet.getLastRow() + 1, 1).setValue('x')).not.toThrow();
    }
  });

  test('forged rows (已通过 with a forged 审核人, 起始分 raised, own email added) are impossible for a non-member', () => {
    const fake = book();
    fake.setActiveUser(OUTSIDER);
    const ledger = fake.spreadsheet.getSheetByName(TAB.ledger)!;
    const forged = pendingClaim('F-9').map((v, i) =>
      L[i] === '状态' ? '已通过' : L[i] === '审核人' ? MEMBER : v,
    );
    expect(() => ledger.appendRow(forged)).toThrow(PROTECTED_MSG);
    const statusCol = L.indexOf('状态') + 1;
    expect(() => ledger.getRange(2, statusCol).setValue('已通过')).toThrow(PROTECTED_MSG);
    expect(() => setSetting(fake, '起始分', '500')).toThrow(PROTECTED_MSG);
    expect(() => setSetting(fake, '两委成员邮箱', `${MEMBER}, ${OUTSIDER}`)).toThrow(PROTECTED_MSG);
    // nor can they lift a protection
    const p = ledger.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
    expect(p.canEdit()).toBe(false);
    expect(() => p.remove()).toThrow();
  });
});

describe('the committee list cannot be widened by an edit nobody on the committee confirmed', () => {
  test('an email added to 设置 (e.g. by the owner by mistake or past a removed protection) grants nothing', () => {
    const fake = book();
    setSetting(fake, '两委成员邮箱', `${MEMBER}, ${OUTSIDER}`); // the value changed anyway
    fake.setActiveUser(OUTSIDER);
    const before = snapshot(fake);
    const res = review({ ids: ['F-1'], action: 'approve', month: '2026-10' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/只有两委成员可以/);
    expect(() => doSetup()).toThrow(/只有两委成员可以/);
    expect(getSidebarState('2026-10').user.isCommittee).toBe(false);
    fake.setActiveUser(OWNER);
    expect(snapshot(fake)).toEqual(before);
  });

  test('until a member confirms, the changed list pauses every action and names the change', () => {
    const fake = book();
    setSetting(fake, '两委成员邮箱', `${MEMBER}, ${OUTSIDER}`);
    fake.setActiveUser(MEMBER);
    const res = review({ ids: ['F-1'], action: 'approve', month: '2026-10' });
    expect(res.ok).toBe(false);
    expect(res.message).toContain(`两委成员新增 ${OUTSIDER}`);
    expect(res.message).toContain('初始化/修复表格');
    // a member confirms by running setup: the change is reported and logged
    const msg = doSetup();
    expect(msg).toContain(`已确认人员名单变更：两委成员新增 ${OUTSIDER}`);
    const log = fake.values(TAB.log);
    expect(log.at(-1)!.slice(1, 4)).toEqual([MEMBER, '确认人员名单', `两委成员新增 ${OUTSIDER}`]);
    fake.setActiveUser(OUTSIDER);
    expect(review({ ids: ['F-1'], action: 'approve', month: '2026-10' }).ok).toBe(true);
  });

  test('a changed 纪检专干 email is held back the same way', () => {
    const fake = book();
    setSetting(fake, '纪检专干邮箱', OUTSIDER);
    fake.setActiveUser(OUTSIDER);
    const res = inspect({ id: 'F-1', opinion: '我审查通过', month: '2026-10' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/只有两委成员或纪检专干可以/);
  });
});

test('setup names every editor of the file who is not a committee member or the 纪检专干, in Chinese', () => {
  const fake = book();
  fake.spreadsheet.addEditor('cadre07@example.org');
  fake.spreadsheet.addEditor(JIJIAN);
  const msg = doSetup();
  expect(msg).toContain('不是两委成员或纪检专干');
  expect(msg).toContain(OUTSIDER);
  expect(msg).toContain('cadre07@example.org');
  expect(msg).toContain('「查看」权限或不需要权限');
  const named = msg.slice(msg.indexOf('不是两委成员或纪检专干'));
  expect(named).not.toContain(JIJIAN);
  expect(named).not.toContain(MEMBER);
});

describe('the 纪检专干 inspects and leaves a 审查意见, never decides (SPEC §1)', () => {
  test('approve, reject and adjust are refused; a 审查意见 is logged and shown on the claim', () => {
    const fake = book();
    fake.setActiveUser(JIJIAN);
    const ledgerBefore = fake.values(TAB.ledger);
    for (const req of [
      { ids: ['F-1'], action: 'approve' as const, month: '2026-10' },
      { ids: ['F-1'], action: 'reject' as const, reason: '不实', month: '2026-10' },
      { ids: ['F-1'], action: 'adjust' as const, quantity: 3, reason: '多次', month: '2026-10' },
    ]) {
      const res = review(req);
      expect(res.ok).toBe(false);
      expect(res.message).toMatch(/只有两委成员可以审核/);
    }
    expect(fake.values(TAB.ledger)).toEqual(ledgerBefore);
    const state = getSidebarState('2026-10');
    expect(state.user).toMatchObject({ isCommittee: false, canPublish: false, isDiscipline: true });
    const res = inspect({ id: 'F-1', opinion: '  请补充调解记录  ', month: '2026-10' });
    expect(res.ok).toBe(true);
    expect(fake.values(TAB.ledger)).toEqual(ledgerBefore); // the claim is unchanged
    const log = fake.values(TAB.log).at(-1)!;
    expect(log.slice(1, 4)).toEqual([JIJIAN, '审查意见', 'F-1：请补充调解记录']);
    const claim = res.state!.pending.find((c) => c.id === 'F-1')!;
    expect(claim.inspections).toEqual([expect.stringMatching(/^jijian@example\.com .*：请补充调解记录$/)]);
  });

  test('an empty opinion or an unknown claim is refused with a Chinese message, nothing logged', () => {
    const fake = book();
    fake.setActiveUser(JIJIAN);
    const before = fake.values(TAB.log);
    expect(inspect({ id: 'F-1', opinion: ' ', month: '2026-10' })).toMatchObject({
      ok: false,
      message: '请填写审查意见',
    });
    expect(inspect({ id: 'F-404', opinion: '看看', month: '2026-10' })).toMatchObject({
      ok: false,
      message: '找不到编号 F-404 的申报',
    });
    expect(fake.values(TAB.log)).toEqual(before);
  });
});

/** Every global Apps Script can call, as a non-member editor: refused in Chinese, nothing changed. */
describe('every server function refuses a non-member editor', () => {
  const calls: [string, () => unknown, 'alert' | 'result' | 'throw' | 'read'][] = [
    ['menuSetup', () => entry.menuSetup(), 'alert'],
    ['menuRecompute', () => entry.menuRecompute(), 'alert'],
    ['menuOpenSidebar', () => entry.menuOpenSidebar(), 'alert'],
    ['menuOpenEntryDialog', () => entry.menuOpenEntryDialog(), 'alert'],
    ['menuPublishMonth', () => entry.menuPublishMonth(), 'alert'],
    ['menuPublishHalfYear', () => entry.menuPublishHalfYear(), 'alert'],
    ['menuPublishCorrection', () => entry.menuPublishCorrection(), 'alert'],
    ['menuVerifySnapshots', () => entry.menuVerifySnapshots(), 'alert'],
    ['menuYearRollover', () => entry.menuYearRollover(), 'alert'],
    ['menuSyncResponses', () => entry.menuSyncResponses(), 'alert'],
    ['menuSetupForm', () => entry.menuSetupForm(), 'alert'],
    ['menuNotifyDiscipline', () => entry.menuNotifyDiscipline(), 'alert'],
    ['menuPersonalLinks', () => entry.menuPersonalLinks(), 'alert'],
    ['menuResetPersonalLinks', () => entry.menuResetPersonalLinks(), 'alert'],
    [
      'sidebarReview',
      () => entry.sidebarReview({ ids: ['F-1'], action: 'approve', month: '2026-10' }),
      'result',
    ],
    [
      'sidebarInspect',
      () => entry.sidebarInspect({ id: 'F-1', opinion: '通过吧', month: '2026-10' }),
      'result',
    ],
    ['sidebarPublish', () => entry.sidebarPublish('2026-10'), 'result'],
    [
      'dialogSubmit',
      () =>
        entry.dialogSubmit({
          kind: 'event',
          month: '2026-10',
          cadreId: '001',
          ruleCode: 'R-HONOR-NATIONAL',
          quantity: 5,
          reason: '自己加分',
        }),
      'result',
    ],
  ];
  test.each(calls)('%s', (name, call, kind) => {
    const fake = book();
    const before = snapshot(fake);
    fake.setActiveUser(OUTSIDER);
    const alerts = fake.ui.alerts.length;
    const out = call();
    if (kind === 'alert') {
      const shown = fake.ui.alerts.slice(alerts);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.prompt).toMatch(
        /^只有两委成员(或纪检专干)?可以.+。您的账号 cadre05@example\.org 不在/,
      );
    } else {
      expect(out).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^只有两委成员(或纪检专干)?可以/),
      });
    }
    expect(fake.ui.sidebars ?? []).toHaveLength(0);
    fake.setActiveUser(OWNER);
    expect(snapshot(fake)).toEqual(before);
    void name;
  });

  test('the read-only and open functions show a read-only view and change nothing', () => {
    const fake = book();
    const before = snapshot(fake);
    fake.setActiveUser(OUTSIDER);
    expect(entry.sidebarGetState('2026-10').user).toMatchObject({ isCommittee: false, isDiscipline: false });
    expect(entry.dialogGetOptions().user.isCommittee).toBe(false);
    entry.onOpen();
    entry.menuHelp();
    fake.setActiveUser(OWNER);
    expect(snapshot(fake)).toEqual(before);
  });

  // onEdit is a simple trigger: Sheets runs it as whoever edited, and only for their own hand edit (which a
  // protected input tab refuses a non-member anyway). Called directly through google.script.run, only
  // plain values arrive, never a Range (https://developers.google.com/apps-script/guides/html/reference/run,
  // "Parameters and return values"): nothing is written and nothing throws.
  test('onEdit called by a non-member with a forged event changes nothing and never throws', () => {
    const fake = book();
    const before = snapshot(fake);
    fake.setActiveUser(OUTSIDER);
    const forged = [
      undefined,
      { range: { a1: 'A1' }, value: '99', oldValue: '1', user: { email: OUTSIDER } },
      { range: null },
    ];
    for (const e of forged)
      expect(() => entry.onEdit(e as unknown as GoogleAppsScript.Events.SheetsOnEdit)).not.toThrow();
    fake.setActiveUser(OWNER);
    expect(snapshot(fake)).toEqual(before);
  });

  test('the list above covers every exported global that changes something', () => {
    const tested = new Set([...calls.map(([n]) => n), 'onEdit']);
    const readOnly = new Set(['onOpen', 'onInstall', 'menuHelp', 'sidebarGetState', 'dialogGetOptions']);
    // triggers run as their creator (a member), custom functions are read-only by the platform; onEdit
    // runs as the editor and only appends to the log (tests/gas/edit-log.test.ts); dailyNotify called by
    // a non-member does nothing (tests/gas/reminders.test.ts); doGet is read-only and shows a visitor
    // only their own page (tests/gas/personal-page.test.ts)
    const other = new Set([
      'doGet',
      'onFormSubmit',
      'monthlyNotify',
      'dailyNotify',
      'onEdit',
      'JIFEN_TOTAL',
      'JIFEN_RANK',
      'JIFEN_LEAVE_DAYS',
      // the 街道 roll-up runs in the 街道's own book and refuses a community book (tests/gas/rollup.test.ts)
      'menuRollupSetup',
      'menuRollup',
    ]);
    const untested = Object.keys(entry).filter((k) => !tested.has(k) && !readOnly.has(k) && !other.has(k));
    expect(untested).toEqual([]);
  });
});

describe('the claim form collects verified emails (issue 10 part 2, form side)', () => {
  const formOf = (fake: FakeGas) => {
    const id = fake.PropertiesService.getDocumentProperties()
      .getKeys()
      .find((k) => /form/i.test(k))!;
    return fake.FormApp.openById(fake.PropertiesService.getDocumentProperties().getProperty(id)!);
  };

  test('Workspace owner: VERIFIED collection and sign-in limited to the domain; the respondent email is exposed', () => {
    const fake = book();
    const msg = doSetupForm();
    expect(msg).toContain('要求用本单位账号登录');
    const form = formOf(fake) as GoogleAppsScript.Forms.Form & { getEmailCollectionType(): string };
    expect(form.getEmailCollectionType()).toBe('VERIFIED');
    expect(form.requiresLogin()).toBe(true);
    expect(() => fake.submitForm(form, {}, { email: '' })).toThrow(/sign-in/);
  });

  test('consumer owner: setRequireLogin is unavailable, the form still collects the signed-in account', () => {
    const fake = freshGas({ owner: 'chair@gmail.com' });
    doSetup();
    seedDemo(fake, { cadres: 3 });
    const msg = doSetupForm();
    expect(msg).toContain('个人账号无法限定单位域名');
    const form = formOf(fake) as GoogleAppsScript.Forms.Form & { getEmailCollectionType(): string };
    expect(form.getEmailCollectionType()).toBe('VERIFIED');
    expect(form.requiresLogin()).toBe(false);
  });
});

test('the form-responses tab is protected too: a typed row cannot become a claim; the form still writes', () => {
  const fake = book();
  doSetupForm();
  const responses = fake.spreadsheet.getSheets().find((s) => !!s.getFormUrl())!;
  const form = fake.FormApp.openByUrl(responses.getFormUrl()!);
  fake.setActiveUser(OUTSIDER);
  expect(() => responses.appendRow([new Date(), OUTSIDER, '001 王建国'])).toThrow(PROTECTED_MSG);
  expect(() => responses.getRange(2, 2).setValue(MEMBER)).toThrow(PROTECTED_MSG);
  // a respondent's submission is written by Google Forms, not by the respondent
  const before = responses.getLastRow();
  const first = fake.values(responses.getName())[0]!;
  // the first choice of every list question, any text elsewhere: what a respondent can pick
  const answers = Object.fromEntries(
    form.getItems().flatMap((it) => {
      const title = it.getTitle();
      if (!first.includes(title)) return [];
      if (it.getType() === FormApp.ItemType.LIST)
        return [[title, it.asListItem().getChoices()[0]!.getValue()]];
      if (it.getType() === FormApp.ItemType.DATE) return [[title, '2026-10-12']];
      return [[title, '1']];
    }),
  );
  fake.submitForm(form, answers, { email: 'cadre01@example.com' });
  expect(responses.getLastRow()).toBe(before + 1);
});

test('a non-member cannot widen, weaken, rename, delete or clear a protected input tab', () => {
  const fake = book();
  const before = snapshot(fake);
  fake.setActiveUser(OUTSIDER);
  const ledger = fake.spreadsheet.getSheetByName(TAB.ledger)!;
  const p = ledger.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
  expect(() => p.addEditor(OUTSIDER)).toThrow();
  expect(() => p.setWarningOnly(true)).toThrow();
  expect(() => ledger.setName('积分台账-旧')).toThrow(PROTECTED_MSG);
  expect(() => fake.spreadsheet.deleteSheet(ledger)).toThrow(PROTECTED_MSG);
  expect(() => ledger.clear()).toThrow(PROTECTED_MSG);
  expect(() => ledger.deleteRow(2)).toThrow(PROTECTED_MSG);
  fake.setActiveUser(OWNER);
  expect(p.getEditors().map((u) => u.getEmail())).not.toContain(OUTSIDER);
  expect(snapshot(fake)).toEqual(before);
});
