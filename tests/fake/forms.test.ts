// FormApp (apps-script-facts §6) and form-submit events (§2.4–§2.5): linking, responses sheet, submissions, triggers.

import { setup } from './helpers';

function claimForm(locale = 'zh_CN') {
  const s = setup({ spreadsheet: { locale } });
  const FormApp = s.fake.FormApp as unknown as GoogleAppsScript.Forms.FormApp;
  const form = FormApp.create('干部积分申请表');
  form.setTitle('干部积分申请表');
  form.addListItem().setTitle('被申报干部').setChoiceValues(['001 张三', '002 李四']).setRequired(true);
  form.addTextItem().setTitle('数量').setRequired(true);
  form.addParagraphTextItem().setTitle('得分依据');
  form.addDateItem().setTitle('事项日期');
  form.addScaleItem().setTitle('自评').setBounds(1, 5);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, s.ss.getId());
  return { ...s, FormApp, form };
}

describe('§6 FormApp', () => {
  test('§6 create(title) names the file but getTitle() is "" until setTitle', () => {
    const { fake } = setup();
    const form = fake.FormApp.create('申请表');
    expect(form.getTitle()).toBe('');
    form.setTitle('申请表');
    expect(form.getTitle()).toBe('申请表');
  });

  test('§6 a new choice item starts with one "" choice; setChoiceValues replaces it', () => {
    const { fake } = setup();
    const item = fake.FormApp.create('f').addListItem();
    expect(item.getChoices().map((c) => c.getValue())).toEqual(['']);
    item.setChoiceValues(['a', 'b']);
    expect(item.getChoices().map((c) => c.getValue())).toEqual(['a', 'b']);
    expect(item.createChoice('c').getValue()).toBe('c');
  });

  test('§6 items: getItems, types, casts, deleteItem', () => {
    const { form, FormApp } = claimForm();
    expect(form.getItems().map((i) => i.getTitle())).toEqual([
      '被申报干部',
      '数量',
      '得分依据',
      '事项日期',
      '自评',
    ]);
    expect(form.getItems(FormApp.ItemType.LIST)).toHaveLength(1);
    const list = form.getItems()[0] as GoogleAppsScript.Forms.Item;
    expect(list.asListItem().isRequired()).toBe(true);
    expect(() => list.asTextItem()).toThrow();
    form.deleteItem(4);
    expect(form.getItems()).toHaveLength(4);
  });

  test('§6 setDestination adds a localized responses sheet: 时间戳 + item titles; Sheet.getFormUrl identifies the form', () => {
    const { ss, form, FormApp } = claimForm();
    const sheet = ss.getSheetByName('表单回复 1') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(sheet).not.toBeNull();
    expect(sheet.getRange(1, 1, 1, 6).getValues()).toEqual([
      ['时间戳', '被申报干部', '数量', '得分依据', '事项日期', '自评'],
    ]);
    expect(form.getDestinationId()).toBe(ss.getId());
    const linked = ss.getSheets().filter((s) => s.getFormUrl() !== null);
    expect(linked).toHaveLength(1);
    expect(FormApp.openByUrl(linked[0]?.getFormUrl() as string).getId()).toBe(form.getId());
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(FormApp.openById(form.getId()).getTitle()).toBe('干部积分申请表');
  });

  test('§6 English accounts get "Form Responses 1" / "Timestamp"; a second link gets "… 2"', () => {
    const { ss, FormApp } = claimForm('en_US');
    expect(ss.getSheetByName('Form Responses 1')?.getRange('A1').getValue()).toBe('Timestamp');
    const f2 = FormApp.create('other');
    f2.addTextItem().setTitle('q');
    f2.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(ss.getSheetByName('Form Responses 2')).not.toBeNull();
  });

  test('§6 questions added after linking get a new column on the right', () => {
    const { ss, form } = claimForm();
    form.addTextItem().setTitle('证据链接');
    expect(ss.getSheetByName('表单回复 1')?.getRange('G1').getValue()).toBe('证据链接');
  });
});

describe('§2.4 form submissions and events', () => {
  test('§2.4 submitForm appends a row and returns {range, values, namedValues, triggerUid, source}', () => {
    const { fake, ss, form } = claimForm();
    fake.clock.set(new Date('2026-10-15T06:30:00Z'));
    const e = fake.submitForm(form, {
      被申报干部: '001 张三',
      数量: '2',
      得分依据: '调解纠纷',
      事项日期: '2026-10-12',
      自评: 4,
    });
    const sheet = ss.getSheetByName('表单回复 1') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(sheet.getLastRow()).toBe(2);
    expect(e.range.getA1Notation()).toBe('A2:F2');
    expect(e.range.getSheet().getName()).toBe('表单回复 1');
    expect(e.values).toEqual(['2026/10/15 14:30:00', '001 张三', '2', '调解纠纷', '2026-10-12', '4']);
    expect(e.values.every((v) => typeof v === 'string')).toBe(true);
    expect(e.namedValues.被申报干部).toEqual(['001 张三']);
    expect(e.namedValues.时间戳).toEqual(['2026/10/15 14:30:00']);
    expect(e.triggerUid).toBe('');
    expect(e.source.getId()).toBe(ss.getId());
    expect(String(e.authMode)).toBe('FULL');
    const typed = e.range.getValues()[0] as unknown[];
    expect(typed[0]).toBeInstanceOf(Date);
    expect(typed[2]).toBe(2);
    expect(form.getResponses()).toHaveLength(1);
  });

  test('§2.4 unanswered questions are "" in values and have no ItemResponse', () => {
    const { fake, form } = claimForm();
    const e = fake.submitForm(form, { 被申报干部: '002 李四', 数量: '1' });
    expect(e.values.slice(1)).toEqual(['002 李四', '1', '', '', '']);
    const r = form.getResponses()[0] as GoogleAppsScript.Forms.FormResponse;
    expect(r.getItemResponses().map((x) => x.getItem().getTitle())).toEqual(['被申报干部', '数量']);
    expect(r.getId()).toMatch(/^2_/);
  });

  test('§2.4 the form refuses what a respondent could not submit', () => {
    const { fake, form } = claimForm();
    expect(() => fake.submitForm(form, { 数量: '1' })).toThrow(/required/);
    expect(() => fake.submitForm(form, { 被申报干部: '003 王五', 数量: '1' })).toThrow(/not a choice/);
    expect(() => fake.submitForm(form, { 被申报干部: '001 张三', 数量: '1', 自评: 9 })).toThrow(/outside/);
  });

  test('§1.3 security: an answer starting with "=" is not run as a formula in the responses sheet', () => {
    const { fake, ss, form } = claimForm();
    fake.submitForm(form, { 被申报干部: '001 张三', 数量: '1', 得分依据: '=IMPORTXML("http://x","//a")' });
    const r = ss.getSheetByName('表单回复 1')?.getRange('D2') as GoogleAppsScript.Spreadsheet.Range;
    expect(r.getFormula()).toBe('');
    expect(r.getValue()).toBe('=IMPORTXML("http://x","//a")');
  });

  test('§2.4 the form-bound event carries the FormResponse and the Form', () => {
    const { fake, form } = claimForm();
    fake.submitForm(form, { 被申报干部: '001 张三', 数量: '3' });
    const e = fake.formEvent(form);
    expect(e.source.getId()).toBe(form.getId());
    expect(e.response.getItemResponses()[1]?.getResponse()).toBe('3');
  });

  test('§2.4 an edited response fires again with "" for unchanged answers', () => {
    const { fake, form } = claimForm();
    fake.submitForm(form, { 被申报干部: '001 张三', 数量: '3', 得分依据: 'a' });
    const id = form.getResponses()[0]?.getId() as string;
    const e = fake.editFormResponse(form, id, { 数量: '4' });
    expect(e.values.slice(1)).toEqual(['', '4', '', '', '']);
    expect(e.range.getRow()).toBe(2);
    expect(e.range.getValues()[0]?.[2]).toBe(4);
  });

  test('§2.2/§2.5 fireFormSubmit runs installed triggers as their creator; fireTrigger redelivers the same event', () => {
    const { fake, ss, form } = claimForm();
    const seen: Array<{ uid: string; row: number; user: string }> = [];
    fake.registerHandlers({
      onClaim: (e: GoogleAppsScript.Events.SheetsOnFormSubmit) => {
        seen.push({
          uid: e.triggerUid,
          row: e.range.getRow(),
          user: fake.Session.getEffectiveUser().getEmail(),
        });
      },
    });
    const t = fake.ScriptApp.newTrigger('onClaim').forSpreadsheet(ss).onFormSubmit().create();
    fake.setActiveUser('cadre@example.com');
    const { event } = fake.fireFormSubmit(form, { 被申报干部: '001 张三', 数量: '1' });
    fake.fireTrigger(t, event);
    expect(seen).toEqual([
      { uid: t.getUniqueId(), row: 2, user: 'owner@example.com' },
      { uid: t.getUniqueId(), row: 2, user: 'owner@example.com' },
    ]);
    expect(fake.Session.getEffectiveUser().getEmail()).toBe('cadre@example.com');
  });

  test('§2.2 FormResponse.submit() stores a response but fires no trigger', () => {
    const { fake, ss, form } = claimForm();
    let fired = 0;
    fake.registerHandlers({ h: () => fired++ });
    fake.ScriptApp.newTrigger('h').forSpreadsheet(ss).onFormSubmit().create();
    const items = form.getItems();
    form
      .createResponse()
      .withItemResponse((items[0] as GoogleAppsScript.Forms.Item).asListItem().createResponse('001 张三'))
      .withItemResponse((items[1] as GoogleAppsScript.Forms.Item).asTextItem().createResponse('2'))
      .submit();
    expect(fired).toBe(0);
    expect(ss.getSheetByName('表单回复 1')?.getLastRow()).toBe(2);
  });

  test('§6 toPrefilledUrl uses entry ids, not item ids', () => {
    const { form } = claimForm();
    const item = (form.getItems()[0] as GoogleAppsScript.Forms.Item).asListItem();
    const url = form.createResponse().withItemResponse(item.createResponse('001 张三')).toPrefilledUrl();
    expect(url).toContain('usp=pp_url&entry.');
    expect(url).not.toContain(`entry.${item.getId()}=`);
  });
});

// Verified authors (issue 10). Sources:
// https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType)
// https://developers.google.com/apps-script/reference/forms/email-collection-type
// https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean) (Workspace only)
// https://developers.google.com/apps-script/reference/forms/form-response#getRespondentEmail()
describe('email collection and sign-in', () => {
  type WithType = GoogleAppsScript.Forms.Form & {
    setEmailCollectionType(t: string): GoogleAppsScript.Forms.Form;
    getEmailCollectionType(): string;
  };
  function verifiedForm(owner?: string) {
    const s = setup(owner ? { owner } : {});
    const FormApp = s.fake.FormApp as unknown as GoogleAppsScript.Forms.FormApp & {
      EmailCollectionType: Record<string, string>;
    };
    const form = FormApp.create('f') as WithType;
    form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED!);
    form.addTextItem().setTitle('数量').setRequired(true);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, s.ss.getId());
    return { ...s, FormApp, form };
  }

  test('VERIFIED records the signed-in account: getRespondentEmail and the responses sheet show it', () => {
    const { fake, ss, form } = verifiedForm();
    expect(form.getEmailCollectionType()).toBe('VERIFIED');
    expect(form.collectsEmail()).toBe(true);
    fake.submitForm(form, { 数量: '2' }, { email: 'cadre01@example.com' });
    expect(form.getResponses()[0]!.getRespondentEmail()).toBe('cadre01@example.com');
    const sheet = ss.getSheets()[0]!;
    expect(sheet.getRange(1, 2).getValue()).toBe('电子邮件地址');
    expect(sheet.getRange(2, 2).getValue()).toBe('cadre01@example.com');
  });

  test('without email collection getRespondentEmail is "" (the docs: filled only when emails are collected)', () => {
    const s = setup();
    const form = s.fake.FormApp.create('f');
    form.addTextItem().setTitle('数量');
    form.setDestination(s.fake.FormApp.DestinationType.SPREADSHEET, s.ss.getId());
    s.fake.submitForm(form, { 数量: '2' }, { email: 'cadre01@example.com' });
    expect(form.getResponses()[0]!.getRespondentEmail()).toBe('');
  });

  test('VERIFIED needs sign-in: an anonymous respondent cannot submit', () => {
    const { fake, form } = verifiedForm();
    expect(() => fake.submitForm(form, { 数量: '2' }, { email: '' })).toThrow(/requires sign-in/);
    expect(form.getResponses()).toHaveLength(0);
  });

  test('setRequireLogin(true) works for a Workspace owner and limits respondents to the owner’s domain', () => {
    const { fake, form } = verifiedForm('chair@shequ.example.com');
    form.setRequireLogin(true);
    expect(form.requiresLogin()).toBe(true);
    expect(() => fake.submitForm(form, { 数量: '1' }, { email: 'stranger@gmail.com' })).toThrow(
      /accepts only/,
    );
    fake.submitForm(form, { 数量: '1' }, { email: 'cadre02@shequ.example.com' });
    expect(form.getResponses()).toHaveLength(1);
  });

  test('setRequireLogin(true) throws for a consumer (gmail.com) owner; nothing changes', () => {
    const { form } = verifiedForm('chair@gmail.com');
    expect(() => form.setRequireLogin(true)).toThrow();
    expect(form.requiresLogin()).toBe(false);
  });

  test('an unknown collection type is refused', () => {
    const { form } = verifiedForm();
    expect(() => form.setEmailCollectionType('ALWAYS')).toThrow(/Invalid argument/);
  });
});

describe('per-user access to forms', () => {
  const NO_ITEM =
    'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

  test('openById works for the creator and editors, and fails alike for others, deleted and unknown forms', () => {
    const { fake } = setup({ owner: 'a@example.com' });
    const app = fake.FormApp as unknown as GoogleAppsScript.Forms.FormApp;
    const form = app.create('申请表');
    const id = form.getId();
    expect(form.getEditors().map((u) => u.getEmail())).toEqual(['a@example.com']);
    fake.setActiveUser('b@example.com');
    expect(() => app.openById(id)).toThrow(NO_ITEM);
    expect(() => app.openByUrl(form.getEditUrl())).toThrow(NO_ITEM);
    fake.setActiveUser('a@example.com');
    form.addEditor('b@example.com');
    fake.setActiveUser('b@example.com');
    expect(app.openById(id).getId()).toBe(id);
    fake.deleteForm(id);
    expect(() => app.openById(id)).toThrow(NO_ITEM);
    expect(() => app.openById('no-such-form')).toThrow(NO_ITEM);
  });

  test('the owner of a form is whoever created it, not the spreadsheet owner', () => {
    const { fake } = setup({ owner: 'a@example.com' });
    fake.setActiveUser('m@example.com');
    const app = fake.FormApp as unknown as GoogleAppsScript.Forms.FormApp;
    expect(
      app
        .create('x')
        .getEditors()
        .map((u) => u.getEmail()),
    ).toEqual(['m@example.com']);
  });
});
