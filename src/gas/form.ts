// 创建/更新申请表: the linked Google Form with choices from the roster and the claimable rules, and one submit trigger.

import { isActive } from '../core';
import {
  cadreLabel,
  FORM_TITLE,
  FORM_TITLES,
  LEGACY_SUBMITTER_TITLE,
  monthChoices,
  monthLabel,
  ruleLabel,
  SELF,
} from '../shared/intake';
import { TAB } from '../shared/tabs';
import { committeeEmails, currentEmail, requireWritable, UserFacingError } from './access';
import { FORM_ID_KEY, findResponsesSheet } from './intake-action';
import { installMonthlyNotify } from './notify';
import { restrictToCommittee } from './protect';
import { now } from './sheets-io';
import { loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;

export const SUBMIT_HANDLER = 'onFormSubmit';

export interface FormReport {
  created: boolean;
  formId: string;
  url: string;
  editUrl: string;
  cadres: number;
  rules: number;
  triggersRemoved: number;
  /** true: only signed-in accounts of the owner's Workspace domain may respond; false: any signed-in Google account. */
  domainOnly: boolean;
  /** The stored form was gone (its own creator could not open it) and a new one replaced it. */
  replacedDeleted: boolean;
  /** Other members whose triggers for this spreadsheet are still installed (Google lets only them remove them). */
  otherInstallers: TriggerInstaller[];
}

export interface TriggerInstaller {
  email: string;
  at: string;
}

/** Who installed this spreadsheet's triggers, and when (document property, one entry per account). */
export const TRIGGER_INSTALLERS_KEY = 'jifen.triggerInstallers';

export function triggerInstallers(): TriggerInstaller[] {
  try {
    const raw = PropertiesService.getDocumentProperties().getProperty(TRIGGER_INSTALLERS_KEY);
    const list = raw ? (JSON.parse(raw) as TriggerInstaller[]) : [];
    return Array.isArray(list) ? list.filter((x) => x && typeof x.email === 'string') : [];
  } catch {
    return [];
  }
}

/** Records `me` as an installer (now) and returns the other installers on record. */
function recordTriggerInstaller(me: string, at: string): TriggerInstaller[] {
  const others = triggerInstallers().filter((x) => x.email !== me);
  PropertiesService.getDocumentProperties().setProperty(
    TRIGGER_INSTALLERS_KEY,
    JSON.stringify([...others, { email: me, at }]),
  );
  return others;
}

/** Who created the claim form (document property): the one account that can always open it. */
export const FORM_OWNER_KEY = 'jifen.formOwner';

/**
 * The stored form, or null when there is none yet or its own creator can no longer open it (deleted).
 * Why not "null whenever it fails to open": FormApp.openById fails alike for a deleted form and for one
 * the caller may not open (the same "No item with the given ID could be found…" text), and replacing a
 * form someone else owns kills the link already in the cadres' WeChat group. So only the creator may
 * replace it; anyone else is refused with the creator's name.
 */
function openStored(ss: Spreadsheet, me: string): { form: Form | null; replacedDeleted: boolean } {
  const props = PropertiesService.getDocumentProperties();
  const id = props.getProperty(FORM_ID_KEY);
  if (!id) return { form: null, replacedDeleted: false };
  try {
    return { form: FormApp.openById(id), replacedDeleted: false };
  } catch {
    // Forms made before the creator was recorded: the spreadsheet owner made them, if anyone did.
    const owner = (props.getProperty(FORM_OWNER_KEY) || ss.getOwner()?.getEmail() || '').toLowerCase();
    if (owner && owner === me) return { form: null, replacedDeleted: true };
    throw new UserFacingError(
      `已有的《干部积分申请表》由 ${owner || '另一位两委成员'} 创建，您的账号 ${me || '（未知）'} 无法打开它。为免已发给干部的申请表链接失效，不会新建申请表。请 ${owner || '创建它的成员'} 运行「积分管理 › 创建/更新申请表」，或请其在表单右上角「添加协作者」中加入您后再试。`,
    );
  }
}

function itemByTitle(form: Form, title: string): Item | undefined {
  return form.getItems().find((i) => i.getTitle() === title);
}

function listItem(form: Form, title: string, help: string, choices: string[], required: boolean): void {
  const existing = itemByTitle(form, title);
  const item = existing ? existing.asListItem() : form.addListItem().setTitle(title);
  item.setHelpText(help).setChoiceValues(choices).setRequired(required);
}

function textItem(form: Form, title: string, help: string, required: boolean): void {
  const existing = itemByTitle(form, title);
  const item = existing ? existing.asTextItem() : form.addTextItem().setTitle(title);
  item.setHelpText(help).setRequired(required);
}

/**
 * Verified authors (issue 10): the form records the respondent's signed-in Google account, which they
 * cannot type over. `setEmailCollectionType(VERIFIED)` is the current API
 * (https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType),
 * https://developers.google.com/apps-script/reference/forms/email-collection-type); runtimes without it
 * have only `setCollectEmail(true)`. `setRequireLogin(true)` further limits responses to the owner's
 * Google Workspace domain and is for Workspace accounts only
 * (https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean)): on a
 * consumer (gmail.com) account it fails, and VERIFIED alone still makes respondents sign in to any
 * Google account. Must run before setDestination: the e-mail column is laid out when linking.
 */
function collectVerifiedEmail(form: GoogleAppsScript.Forms.Form): { domainOnly: boolean } {
  const f = form as GoogleAppsScript.Forms.Form & { setEmailCollectionType?: (t: unknown) => unknown };
  const types = (FormApp as unknown as { EmailCollectionType?: { VERIFIED?: unknown } }).EmailCollectionType;
  if (typeof f.setEmailCollectionType === 'function' && types?.VERIFIED !== undefined) {
    f.setEmailCollectionType(types.VERIFIED);
  } else if (!form.collectsEmail()) {
    form.setCollectEmail(true);
  }
  try {
    form.setRequireLogin(true);
    return { domainOnly: true };
  } catch {
    return { domainOnly: false }; // consumer account: no domain to restrict to
  }
}

/** Protects every form-responses tab of the spreadsheet to the committee. */
export function protectResponseTabs(ss: Spreadsheet, committee: readonly string[]): void {
  for (const sheet of ss.getSheets()) {
    if (!sheet.getFormUrl()) continue;
    const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect();
    restrictToCommittee(p, committee, `「${sheet.getName()}」是申请表的原始回复，仅两委成员可修改`);
    if (p.isWarningOnly()) p.setWarningOnly(false);
  }
}

/** Creates the form (or updates the one stored in document properties), links it, installs the trigger. */
export function createOrUpdateForm(ss: Spreadsheet): FormReport {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'publications']);
  const cadres = wb.scenario.roster.filter((c) => isActive(c, wb.now.month));
  const rules = wb.scenario.rules.filter((r) => r.active && r.claimable && r.kind === 'per-event');
  if (cadres.length === 0)
    throw new UserFacingError('「干部名册」中没有在职干部，请先录入干部再创建申请表。');
  if (rules.length === 0)
    throw new UserFacingError('「积分规则」中没有可申报的规则（类型为按次、启用且可申报）。');

  const me = currentEmail();
  // Intake writes the ledger, 申报异常 and the log as the trigger's installer: someone who cannot write
  // all three would install a trigger whose every run half-writes and repeats. Refuse before anything.
  requireWritable(ss, [TAB.ledger, TAB.intakeErrors, TAB.log]);
  const stored = openStored(ss, me);
  let form = stored.form;
  const created = !form;
  if (!form) {
    form = FormApp.create(FORM_TITLE);
    PropertiesService.getDocumentProperties().setProperty(FORM_ID_KEY, form.getId());
    PropertiesService.getDocumentProperties().setProperty(FORM_OWNER_KEY, me);
  }
  // Why setTitle after create: FormApp.create names the Drive file, the form's title stays ''.
  form
    .setTitle(`${wb.settings.communityName} ${FORM_TITLE}`)
    .setDescription('每月如实申报本人（或报告其他干部）的积分事项，每月最后一天前提交。两委初评后公示。')
    .setAllowResponseEdits(false) // an edited response would re-fire with blanks (apps-script-facts §2.4)
    .setConfirmationMessage('已收到您的申报，两委审核后将在月度公示中体现。');
  const signIn = collectVerifiedEmail(form);
  const names = cadres.map(cadreLabel);
  // No 申报人 question: the submitter is the verified sign-in email (issue 10 part 2). An older form's
  // question is removed so that nobody can pick another cadre's name; its column and answers stay.
  const legacy = itemByTitle(form, LEGACY_SUBMITTER_TITLE);
  if (legacy) form.deleteItem(legacy);
  listItem(
    form,
    FORM_TITLES.subject,
    '为本人申报选“本人”；报告其他干部的事项请选该干部',
    [SELF, ...names],
    true,
  );
  listItem(
    form,
    FORM_TITLES.month,
    '积分所属月份（每年初请两委重新运行“创建/更新申请表”以更新月份）',
    monthChoices(wb.now.month).map(monthLabel),
    true,
  );
  listItem(form, FORM_TITLES.rule, '按《积分制管理办法》选择事项', rules.map(ruleLabel), true);
  textItem(form, FORM_TITLES.quantity, '次数或件数，正整数', true);
  if (!itemByTitle(form, FORM_TITLES.eventDate))
    form.addDateItem().setTitle(FORM_TITLES.eventDate).setRequired(false);
  if (!itemByTitle(form, FORM_TITLES.evidence)) {
    form
      .addParagraphTextItem()
      .setTitle(FORM_TITLES.evidence)
      .setHelpText('事项经过、时间地点、相关人员等')
      .setRequired(true);
  }
  textItem(form, FORM_TITLES.link, '照片或文件的链接（选填）', false);

  if (created || !findResponsesSheet(ss, form.getId())) {
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  }
  // The responses tab is input too: a file editor typing a row there would become a claim on the next
  // sync. Protections bind people, not the form's own submissions.
  protectResponseTabs(ss, committeeEmails(ss));

  // Exactly one submit trigger of this user: stale or duplicate ones make one submission run twice
  // (§2.5). getProjectTriggers returns only the caller's own triggers
  // (https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()), so
  // another member's stay: they are recorded and named below, and intake (keys, lock) and the monthly
  // digest (a per-month marker) are safe to run twice.
  let removed = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === SUBMIT_HANDLER) {
      ScriptApp.deleteTrigger(t);
      removed++;
    }
  }
  ScriptApp.newTrigger(SUBMIT_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
  // The claims go to the 纪检专干 at each month's end (policy 四(一)): a digest on the 1st of the next month.
  installMonthlyNotify(ss);
  const others = recordTriggerInstaller(me, now(ss).text);
  return {
    created,
    replacedDeleted: stored.replacedDeleted,
    otherInstallers: others,
    formId: form.getId(),
    url: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    cadres: cadres.length,
    rules: rules.length,
    triggersRemoved: removed,
    domainOnly: signIn.domainOnly,
  };
}
