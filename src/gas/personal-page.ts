// The personal page web app (doGet) and its links: who the visitor is (signed token or Workspace sign-in), their own live page, and the committee's 个人链接 / 重置个人链接.

import { cellText } from '../shared/cells';
import { cadreLabel, FORM_TITLES } from '../shared/intake';
import {
  constantTimeEqual,
  formatToken,
  jsonForScript,
  livePage,
  PAGE_CSS,
  type PersonalPage,
  parseToken,
  personalPageBody,
  REFUSAL,
  refusalBody,
  tokenPayload,
} from '../shared/personal-page';
import { escapeHtml } from '../shared/publish';
import { readTable } from '../shared/read-tabs';
import { recompute } from '../shared/recompute';
import { buildStatement, STATEMENT_CSS, type Statement } from '../shared/statement';
import { currentEmail, requireCommittee, UserFacingError } from './access';
import { FORM_ID_KEY } from './intake-action';
import { logAction } from './log';
import { INPUT_READS, snapshotEntryIds } from './recompute-action';
import { now, offsetMinutes, readTabs } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Why script properties: the web app runs in the script project's context, not in a document's, and
 * only this script can read or write them (https://developers.google.com/apps-script/guides/properties).
 * The secret never leaves them; rotating it (重置个人链接) makes every earlier signature wrong.
 */
export const SECRET_KEY = 'jifen.personalLinkSecret';
/** The spreadsheet the web app serves (a web app may have no active spreadsheet). */
export const BOOK_KEY = 'jifen.personalLinkBook';
/** The claim form's id, copied from the document properties when links are made. */
export const FORM_KEY = 'jifen.personalLinkForm';
/** How long a link stays valid (days); 重置个人链接 ends them all sooner. */
export const LINK_DAYS = 400;

const props = () => PropertiesService.getScriptProperties();

function newSecret(): string {
  // Two v4 UUIDs: 244 random bits (https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()).
  return `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
}

/**
 * HMAC-SHA256 of the payload with the secret, as web-safe base64 without padding
 * (https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String),
 * …#base64EncodeWebSafe(Byte)).
 */
function signature(secret: string, payload: string): string {
  return Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(payload, secret)).replace(
    /=+$/,
    '',
  );
}

/** 'YYYYMMDD' of a date in the spreadsheet's time zone. */
function dayKey(ss: Spreadsheet, d: Date): string {
  return Utilities.formatDate(d, ss.getSpreadsheetTimeZone(), 'yyyyMMdd');
}

/** A cadre's token (signed with the current secret). */
export function personalToken(ss: Spreadsheet, cadreId: string, secret: string, from = new Date()): string {
  const expires = dayKey(ss, new Date(from.getTime() + LINK_DAYS * 86_400_000));
  return formatToken({
    cadreId,
    expires,
    signature: signature(secret, tokenPayload(ss.getId(), cadreId, expires)),
  });
}

/** The cadre id a token vouches for, or the refusal to show. */
export function verifyToken(
  ss: Spreadsheet,
  raw: unknown,
  secret: string | null,
): { cadreId: string } | { refusal: string } {
  const t = parseToken(raw);
  if (!t || !secret) return { refusal: REFUSAL.badToken };
  const expected = signature(secret, tokenPayload(ss.getId(), t.cadreId, t.expires));
  if (!constantTimeEqual(expected, t.signature)) return { refusal: REFUSAL.badToken };
  if (dayKey(ss, new Date()) > t.expires)
    return {
      refusal: REFUSAL.expired(`${t.expires.slice(0, 4)}-${t.expires.slice(4, 6)}-${t.expires.slice(6)}`),
    };
  return { cadreId: t.cadreId };
}

/** The spreadsheet the web app serves, or null before any member made the links. */
function servedBook(): Spreadsheet | null {
  const id = props().getProperty(BOOK_KEY);
  // Why openById: in a web app getActiveSpreadsheet() is not documented to return the container.
  if (id) return SpreadsheetApp.openById(id);
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The latest monthly publication (highest version of the latest month), or null. */
function latestPublication(values: ReturnType<typeof readTabs>, offset: number) {
  let best: { month: string; version: number; tabName: string; publishedAt: string; sha256: string } | null =
    null;
  for (const r of readTable(values.publications, 'publications', ['期间']).rows) {
    const month = cellText(r.get('期间'), offset);
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    const version = Number(r.get('版本')) || 1;
    if (!best || month > best.month || (month === best.month && version > best.version)) {
      best = {
        month,
        version,
        tabName: cellText(r.get('公示表'), offset),
        publishedAt: cellText(r.get('发布时间'), offset),
        sha256: cellText(r.get('SHA-256'), offset),
      };
    }
  }
  return best;
}

/**
 * The claim form's URL with 积分干部 already set to this cadre, made by the form itself:
 * FormResponse.toPrefilledUrl() (https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl(),
 * Form.createResponse(), ListItem.createResponse(String)) — entry ids are not item ids, so never by hand.
 * '' when the form cannot be opened (FormApp.openById works only for its editors: the deployer must be one).
 */
function prefilledFormUrl(cadre: { id: string; name: string }): string {
  try {
    let formId: string | null = null;
    try {
      formId = PropertiesService.getDocumentProperties()?.getProperty(FORM_ID_KEY) ?? null;
    } catch {
      formId = null;
    }
    formId = formId || props().getProperty(FORM_KEY);
    if (!formId) return '';
    const form = FormApp.openById(formId);
    try {
      const item = form.getItems().find((i) => i.getTitle() === FORM_TITLES.subject);
      if (item)
        return form
          .createResponse()
          .withItemResponse(item.asListItem().createResponse(cadreLabel(cadre)))
          .toPrefilledUrl();
    } catch {
      // a cadre added since 创建/更新申请表 is not yet a choice: the plain form is still better than none
    }
    return form.getPublishedUrl();
  } catch {
    return '';
  }
}

/** Who is visiting: the token's cadre, else the signed-in account's roster entry. */
type Visitor = { kind: 'token'; cadreId: string; token: string } | { kind: 'email'; email: string };

export interface PersonalPageOutcome {
  /** The page's data, or null with a refusal. */
  page: PersonalPage | null;
  refusal: string;
}

/** Everything doGet decides, without HtmlService (tests read this). */
export function personalPageFor(e?: { parameter?: Record<string, string> }): PersonalPageOutcome {
  const refuse = (refusal: string): PersonalPageOutcome => ({ page: null, refusal });
  const ss = servedBook();
  if (!ss) return refuse(REFUSAL.notReady);
  const raw = e?.parameter?.t;
  let visitor: Visitor;
  if (raw !== undefined && raw !== '') {
    const v = verifyToken(ss, raw, props().getProperty(SECRET_KEY));
    if ('refusal' in v) return refuse(v.refusal);
    visitor = { kind: 'token', cadreId: v.cadreId, token: raw };
  } else {
    // Blank for a visitor outside the deployer's Workspace domain (consumer accounts) when the app
    // executes as the deployer (https://developers.google.com/apps-script/reference/base/user#getEmail()).
    const email = currentEmail();
    if (!email) return refuse(REFUSAL.noIdentity);
    visitor = { kind: 'email', email };
  }
  const t = now(ss);
  const offset = offsetMinutes(ss, t.date);
  const values = readTabs(ss, INPUT_READS);
  const result = recompute(values, {
    nowMonth: t.month,
    nowText: t.text,
    offsetMinutes: offset,
    publishedIds: snapshotEntryIds(ss, values),
  });
  const roster = result.book.scenario.roster;
  let cadreId: string;
  if (visitor.kind === 'token') {
    if (!roster.some((c) => c.id === visitor.cadreId))
      return refuse(REFUSAL.notOnRoster(`编号 ${visitor.cadreId} 的干部`));
    cadreId = visitor.cadreId;
  } else {
    const email = visitor.email;
    const matches = roster.filter((c) => (c.email ?? '').trim().toLowerCase() === email);
    if (matches.length === 0) return refuse(REFUSAL.notOnRoster(`您的账号 ${email} `));
    if (matches.length > 1) return refuse(REFUSAL.ambiguousEmail(email));
    cadreId = matches[0]!.id;
  }
  const live = livePage(result, cadreId, t.month, t.text);
  if (!live) return refuse(REFUSAL.notOnRoster(`编号 ${cadreId} 的干部`));
  const pub = latestPublication(values, offset);
  let statement: Statement | null = null;
  if (pub && result.months.some((p) => p.period === pub.month)) {
    statement = buildStatement(
      result,
      cadreId,
      pub.month,
      { tabName: pub.tabName, revision: pub.version - 1, publishedAt: pub.publishedAt, sha256: pub.sha256 },
      t.text,
    );
  }
  const base = ScriptApp.getService().getUrl() ?? '';
  const selfUrl = base && visitor.kind === 'token' ? `${base}?t=${encodeURIComponent(visitor.token)}` : base;
  return {
    page: { ...live, statement, formUrl: prefilledFormUrl({ id: cadreId, name: live.name }), selfUrl },
    refusal: '',
  };
}

/** The page as HtmlService output: dist/Personal.html with the head, body and data rendered here. */
export function servePersonalPage(e?: {
  parameter?: Record<string, string>;
}): GoogleAppsScript.HTML.HtmlOutput {
  let outcome: PersonalPageOutcome;
  try {
    outcome = personalPageFor(e);
  } catch (err) {
    console.error(`personal page: ${(err as Error)?.stack ?? String(err)}`);
    outcome = { page: null, refusal: err instanceof UserFacingError ? err.message : REFUSAL.failed };
  }
  const p = outcome.page;
  const css = `${STATEMENT_CSS}${PAGE_CSS}`;
  const body = p ? personalPageBody(p) : refusalBody(outcome.refusal);
  const data = `<script type="application/json" id="page-data">${jsonForScript(
    p ? { state: 'page', cadreId: p.cadreId } : { state: 'refused' },
  )}</script>`;
  const parts: Record<string, string> = { head: `<style>${css}</style>`, body, data };
  let html: string;
  try {
    // Why placeholders, not template scriptlets: one pass (filled text is never scanned again) and the
    // file stays plain HTML for the linter. HtmlService.createHtmlOutputFromFile: the project's Personal.html.
    html = HtmlService.createHtmlOutputFromFile('Personal')
      .getContent()
      .replace(/<!-- @page:(head|body|data) -->/g, (_m, k: string) => parts[k] ?? '');
  } catch (err) {
    // Personal.html not pushed with the script (an old deployment): the same content, without the script.
    console.error(`personal page file: ${(err as Error)?.message ?? String(err)}`);
    html = `<base target="_top">${parts.head}<main id="app">${body}</main>`;
  }
  const out = HtmlService.createHtmlOutput(html);
  return (
    out
      .setTitle(p ? `${p.communityName} 我的积分：${p.name}` : '个人积分页面')
      // Meta tags written in the HTML file are ignored in web apps; viewport must be added here
      // (https://developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String)).
      .addMetaTag('viewport', 'width=device-width, initial-scale=1')
  );
}

/** Makes the secret when there is none (or a new one: every old link stops working) and records the book. */
function prepareLinks(ss: Spreadsheet, rotate: boolean): string {
  const p = props();
  let secret = p.getProperty(SECRET_KEY);
  if (!secret || rotate) {
    secret = newSecret();
    p.setProperty(SECRET_KEY, secret);
  }
  p.setProperty(BOOK_KEY, ss.getId());
  try {
    const formId = PropertiesService.getDocumentProperties()?.getProperty(FORM_ID_KEY);
    if (formId) p.setProperty(FORM_KEY, formId);
  } catch {
    // no document properties here: the page then shows no form link
  }
  return secret;
}

/**
 * For the statement e-mail: each cadre's link, once a member has enabled the links (个人链接 made the
 * secret) and the web app is deployed; null otherwise (no secret is made here).
 */
export function personalLinkMaker(ss: Spreadsheet): ((cadreId: string) => string) | null {
  try {
    const secret = props().getProperty(SECRET_KEY);
    const base = secret ? ScriptApp.getService().getUrl() : null;
    if (!secret || !base || props().getProperty(BOOK_KEY) !== ss.getId()) return null;
    return (cadreId) => `${base}?t=${encodeURIComponent(personalToken(ss, cadreId, secret))}`;
  } catch {
    return null;
  }
}

export interface PersonalLink {
  cadreId: string;
  name: string;
  url: string;
}

/** Every roster cadre's link (committee only). */
export function personalLinks(ss: Spreadsheet, rotate: boolean): PersonalLink[] {
  const base = ScriptApp.getService().getUrl();
  if (!base)
    throw new UserFacingError(
      '尚未部署个人积分网页：请在 Apps Script 编辑器中「部署 › 新建部署 › 网页应用」（执行身份：我；谁可以访问：任何拥有 Google 账号的用户）后再试，详见 README。',
    );
  const secret = prepareLinks(ss, rotate);
  const values = readTabs(ss, ['roster']);
  return readTable(values.roster, 'roster', ['编号', '姓名'])
    .rows.map((r) => ({ cadreId: cellText(r.get('编号')), name: cellText(r.get('姓名')) }))
    .filter((c) => c.cadreId)
    .map((c) => ({ ...c, url: `${base}?t=${encodeURIComponent(personalToken(ss, c.cadreId, secret))}` }));
}

/**
 * 个人链接 / 重置个人链接: shows the links in a dialog to the member alone. Why not a tab: a protected tab
 * still shows to everyone who can open the file, and each link opens that cadre's page.
 */
export function showPersonalLinks(ss: Spreadsheet, rotate: boolean): string {
  const action = rotate ? '重置个人链接' : '查看个人链接';
  const who = requireCommittee(ss, action);
  const links = personalLinks(ss, rotate);
  const t = now(ss);
  logAction(
    ss,
    t.text,
    who,
    action,
    rotate
      ? `已更换签名密钥，旧的个人链接全部失效；新链接 ${links.length} 条`
      : `查看 ${links.length} 条个人链接`,
    links.length,
  );
  const e = escapeHtml;
  const html = `<div style="font:13px/1.5 sans-serif">
<p>${rotate ? '<b>已重置：以前发出的个人链接全部失效。</b>' : ''}请把每条链接<b>只发给干部本人</b>（私信，不要发到群里）。拿到链接的人能看到该干部的积分，链接有效 ${LINK_DAYS} 天；如有泄露，运行「积分管理 › 重置个人链接」。</p>
<table style="border-collapse:collapse;width:100%">${links
    .map(
      (l) =>
        `<tr><td style="border:1px solid #ccc;padding:3px 6px;white-space:nowrap">${e(l.name)}（${e(l.cadreId)}）</td><td style="border:1px solid #ccc;padding:3px 6px"><input readonly style="width:100%" value="${e(l.url)}" onfocus="this.select()"></td></tr>`,
    )
    .join('')}</table></div>`;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(760).setHeight(520),
    rotate ? '重置个人链接' : '个人链接',
  );
  return '';
}
