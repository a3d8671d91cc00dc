// Form intake in Sheets: finds the linked responses sheet by form URL, takes in every new response once.

import { type Cell, cellText, formatDateTime } from '../shared/cells';
import {
  contentKey,
  FORM_TITLES,
  formKey,
  type IntakeResult,
  intakeResponses,
  isLegacyKey,
  LEGACY_KEY_TITLES,
  legacyKey,
  PROCESSED_HEADERS,
  PROCESSED_TAB,
  type ResponseRow,
} from '../shared/intake';
import { TAB } from '../shared/tabs';
import { committeeEmails, UserFacingError } from './access';
import { restrictToCommittee } from './protect';
import { appendRows, offsetMinutes, readTab } from './sheets-io';
import { columnIndex, loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const FORM_ID_KEY = 'jifen.formId';

/**
 * The responses sheet of our form. Why not by name: its name is localised ("表单回复 1",
 * "Form Responses 1"…), so we match each sheet's form URL against the stored form instead.
 */
export function findResponsesSheet(ss: Spreadsheet, formId: string | null): Sheet | null {
  const linked = ss.getSheets().filter((s) => !!s.getFormUrl());
  if (!formId) return linked.length === 1 ? linked[0]! : null;
  for (const s of linked) {
    const url = s.getFormUrl() ?? '';
    if (url.includes(formId)) return s;
    try {
      if (FormApp.openByUrl(url).getId() === formId) return s;
    } catch {
      // a form we cannot open is not ours
    }
  }
  return null;
}

export function storedFormId(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY);
}

const offsetMemo = new Map<string, number>();

/**
 * The UTC offset of `tz` at an instant, in minutes (from Utilities.formatDate's 'Z', e.g. +0800).
 * Memoised per quarter-hour: offsets change only at whole quarter-hours.
 */
function offsetAt(d: Date, tz: string): number {
  const k = `${tz}|${Math.floor(d.getTime() / 900000)}`;
  const hit = offsetMemo.get(k);
  if (hit !== undefined) return hit;
  const m = /^([+-])(\d{2})(\d{2})$/.exec(Utilities.formatDate(d, tz, 'Z'));
  const off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  if (offsetMemo.size > 10000) offsetMemo.clear();
  offsetMemo.set(k, off);
  return off;
}

/** An instant's wall-clock time in `tz`, as ms since 1970 read as UTC. */
function wallMs(d: Date, tz: string): number {
  return d.getTime() + offsetAt(d, tz) * 60000;
}

const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());

/** The email column the form adds when it collects emails: localised header, second column (§6). */
const EMAIL_HEADER = /^(电子邮件地址|电子邮箱地址|邮箱地址|email address|e-mail address|username|用户名)$/i;

interface TabRow {
  row: number;
  cells: unknown[];
  /** The timestamp cell's wall clock in the spreadsheet's zone (ms read as UTC); null when not a date. */
  stamp: number | null;
  email: string;
  /** Its content key and legacy keys (computed on first use: a SHA-256 per row and scan adds up). */
  keys: () => string[];
}

/** Reads the responses tab: every non-blank row with its content key and the keys earlier versions gave it. */
export function tabRows(sheet: Sheet, tz: string, ss: Spreadsheet): { header: string[]; rows: TabRow[] } {
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const named = header.findIndex((h, j) => j > 0 && EMAIL_HEADER.test(h));
  // Another language's header: the form puts the email second, before the questions (§6).
  const questions = new Set<string>(LEGACY_KEY_TITLES);
  const second =
    header.length > 2 &&
    !questions.has(header[1]!) &&
    values.slice(1).some((r) => /^[^\s@]+@[^\s@]+$/.test(String(r[1] ?? '').trim()));
  const emailAt = named >= 0 ? named : second ? 1 : -1;
  const rows: TabRow[] = [];
  const nowOffset = offsetMinutes(ss);
  for (let i = 1; i < values.length; i++) {
    const cells = values[i]!;
    if (cells.every((c) => c === '' || c === null)) continue;
    const ts = cells[0];
    const stamp = isDate(ts) ? wallMs(ts, tz) : null;
    const email = emailAt >= 0 ? String(cells[emailAt] ?? '').trim() : '';
    let memo: string[] | undefined;
    const keys = () => {
      if (memo) return memo;
      const answers: [string, Cell][] = [];
      header.forEach((h, j) => {
        if (j === 0 || j === emailAt) return;
        const v = cells[j] as Cell;
        if (v === '' || v === null || v === undefined) return; // a question added later leaves old keys alone
        answers.push([h, isDate(v) ? new Date(wallMs(v, tz)) : v]);
      });
      const out = [contentKey(stamp, email, answers)];
      // Keys of earlier versions: the timestamp text in the offset then current (at submission, or now).
      const offsets = new Set([isDate(ts) ? offsetAt(ts, tz) : nowOffset, nowOffset]);
      for (const off of offsets) {
        const text = (title: string) => {
          const at = header.indexOf(title);
          return at < 0 ? '' : cellText(cells[at] as Cell, off);
        };
        out.push(legacyKey(cellText(ts as Cell, off), LEGACY_KEY_TITLES.map(text)));
      }
      memo = [...new Set(out)];
      return memo;
    };
    rows.push({ row: i + 1, cells, stamp, email, keys });
  }
  return { header, rows };
}

function tabUnit(header: string[], t: TabRow, tz: string): ResponseRow {
  // The tab is read in the spreadsheet's zone: Dates are handed over as wall clock written as UTC.
  const wall = (v: unknown) => (isDate(v) ? new Date(wallMs(v, tz)) : v) as Cell;
  return {
    row: t.row,
    responseId: '',
    keys: t.keys(),
    email: t.email,
    timestamp: t.stamp === null ? '' : formatDateTime(new Date(t.stamp), 0),
    get: (title: string) => {
      const at = header.indexOf(title);
      return at < 0 ? '' : wall(t.cells[at]);
    },
    raw: () => header.map((h, j) => `${h}：${cellText(wall(t.cells[j]), 0)}`).join('；'),
  };
}

interface FormAnswerSet {
  id: string;
  instant: Date;
  email: string;
  unverified: boolean;
  answers: Map<string, string>;
}

/**
 * Whether the form still collects verified emails. A form editor can switch "Collect email addresses"
 * to "Responder input" (https://developers.google.com/apps-script/reference/forms/email-collection-type),
 * after which the email is typed text. Runtimes without getEmailCollectionType only know collectsEmail().
 */
function collectsVerifiedEmail(form: GoogleAppsScript.Forms.Form): boolean {
  const f = form as GoogleAppsScript.Forms.Form & { getEmailCollectionType?: () => unknown };
  const types = (FormApp as unknown as { EmailCollectionType?: { VERIFIED?: unknown } }).EmailCollectionType;
  if (typeof f.getEmailCollectionType === 'function' && types?.VERIFIED !== undefined)
    return f.getEmailCollectionType() === types.VERIFIED;
  return form.collectsEmail();
}

/** The form's responses, or null when the form cannot be opened or read. */
function formResponses(formId: string | null): FormAnswerSet[] | null {
  if (!formId) return null;
  try {
    const form = FormApp.openById(formId);
    const verified = collectsVerifiedEmail(form);
    return form.getResponses().map((r) => {
      const answers = new Map<string, string>();
      for (const ir of r.getItemResponses()) {
        const v = ir.getResponse() as unknown;
        answers.set(ir.getItem().getTitle(), Array.isArray(v) ? v.map(String).join(', ') : String(v ?? ''));
      }
      return {
        id: r.getId(),
        instant: r.getTimestamp() as unknown as Date,
        email: r.getRespondentEmail() ?? '',
        unverified: !verified,
        answers,
      };
    });
  } catch {
    return null; // deleted, no longer shared, or Forms unavailable: the responses tab alone is read
  }
}

/**
 * Pairs each form response with its responses-tab row. First by email and the same second on the wall
 * clock (one map lookup each). Then, for rows written before the spreadsheet's time zone changed, by
 * email, the same choices and a wall-clock difference of whole quarter-hours within ±14 h, taking first
 * the difference most pairs share (all rows written under the old zone share it).
 */
function pairRows(
  responses: FormAnswerSet[],
  rows: TabRow[],
  header: string[],
  tz: string,
): Map<number, TabRow> {
  const paired = new Map<number, TabRow>();
  const free = new Set(rows.filter((t) => t.stamp !== null));
  const mail = (e: string) => e.trim().toLowerCase();
  const bucket = new Map<string, TabRow[]>();
  const keyOf = (email: string, ms: number) => `${mail(email)}|${Math.floor(ms / 1000)}`;
  for (const t of free) {
    const k = keyOf(t.email, t.stamp!);
    bucket.set(k, [...(bucket.get(k) ?? []), t]);
  }
  const walls = responses.map((r) => wallMs(r.instant, tz));
  responses.forEach((r, i) => {
    const w = walls[i]!;
    // a tab without an email column ('' on both sides) pairs by time alone
    for (const k of [keyOf(r.email, w), keyOf(r.email, w - 1000), keyOf(r.email, w + 1000)]) {
      const t = (bucket.get(k) ?? []).find((x) => free.has(x) && Math.abs(x.stamp! - w) < 1000);
      if (t) {
        paired.set(i, t);
        free.delete(t);
        break;
      }
    }
  });
  if (free.size === 0 || paired.size === responses.length) return paired;
  const choices = [FORM_TITLES.subject, FORM_TITLES.month, FORM_TITLES.rule];
  const cell = (t: TabRow, title: string) => {
    const at = header.indexOf(title);
    return at < 0 ? '' : cellText(t.cells[at] as Cell);
  };
  const q = 15 * 60000;
  const cands: { i: number; t: TabRow; d: number; off: number }[] = [];
  responses.forEach((r, i) => {
    if (paired.has(i)) return;
    for (const t of free) {
      if (mail(r.email) !== mail(t.email)) continue;
      const d = t.stamp! - r.instant.getTime();
      const d15 = Math.round(d / q) * q;
      if (Math.abs(d15) > 14 * 3600000 || Math.abs(d - d15) >= 1000) continue;
      if (!choices.every((c) => (r.answers.get(c) ?? '').trim() === cell(t, c))) continue;
      cands.push({ i, t, d: d15, off: Math.abs(d - d15) });
    }
  });
  const count = new Map<number, number>();
  for (const c of cands) count.set(c.d, (count.get(c.d) ?? 0) + 1);
  cands.sort((a, b) => count.get(b.d)! - count.get(a.d)! || a.off - b.off || a.i - b.i);
  for (const c of cands) {
    if (paired.has(c.i) || !free.has(c.t)) continue;
    paired.set(c.i, c.t);
    free.delete(c.t);
  }
  return paired;
}

/**
 * The responses to take in: the form's own (keyed by their id) and tab rows no form response accounts
 * for. `settled`: form keys whose tab-row keys are already recorded (no need to compute those again).
 */
export function responseUnits(
  ss: Spreadsheet,
  sheet: Sheet,
  settled: ReadonlySet<string> = new Set(),
): ResponseRow[] {
  const tz = ss.getSpreadsheetTimeZone();
  const { header, rows } = tabRows(sheet, tz, ss);
  const responses = formResponses(storedFormId());
  if (!responses) return rows.map((t) => tabUnit(header, t, tz));
  const paired = pairRows(responses, rows, header, tz);
  const units: ResponseRow[] = responses.map((r, i) => {
    const t = paired.get(i);
    return {
      row: t?.row ?? null,
      responseId: r.id,
      keys: [formKey(r.id), ...(t && !settled.has(formKey(r.id)) ? t.keys() : [])],
      email: r.email,
      ...(r.unverified ? { unverified: true } : {}),
      timestamp: Utilities.formatDate(r.instant, tz, 'yyyy-MM-dd HH:mm:ss'),
      get: (title: string) => r.answers.get(title) ?? '',
      raw: () => [`邮箱：${r.email}`, ...[...r.answers].map(([title, v]) => `${title}：${v}`)].join('；'),
    };
  });
  const used = new Set(paired.values());
  for (const t of rows) if (!used.has(t)) units.push({ ...tabUnit(header, t, tz), orphan: true });
  return units;
}

/** Keys in a column of a tab read with getValues (header row first). */
function keysIn(values: Cell[][] | undefined, header: string, into: Set<string>, split = false): void {
  const at = columnIndex(values, header);
  if (at < 0) return;
  for (let i = 1; i < (values?.length ?? 0); i++) {
    const k = String(values![i]![at] ?? '').trim();
    if (!k) continue;
    if (split) for (const part of k.split(/\s+/)) into.add(part);
    else into.add(k);
  }
}

/**
 * The hidden 已处理申报 tab, protected to the committee. Re-protected on every run: a tab of that name
 * made by another editor before the first intake must not stay theirs to edit.
 */
function processedTab(ss: Spreadsheet): Sheet {
  let sheet = ss.getSheetByName(PROCESSED_TAB);
  if (!sheet) {
    sheet = ss.insertSheet(PROCESSED_TAB);
    sheet.hideSheet();
  }
  const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect();
  restrictToCommittee(
    p,
    committeeEmails(ss),
    `「${PROCESSED_TAB}」记录已收取的申请表回复，删除后回复会被重新收取`,
  );
  if (p.isWarningOnly()) p.setWarningOnly(false);
  // The header row is how the keys are found: put it back if the tab lacks it.
  const first = sheet.getLastRow() > 0 ? String(sheet.getRange(1, 1).getValue()).trim() : '';
  if (first !== PROCESSED_HEADERS[0]) {
    if (sheet.getLastRow() > 0) sheet.insertRowBefore(1);
    sheet.getRange(1, 1, 1, PROCESSED_HEADERS.length).setValues([[...PROCESSED_HEADERS]]);
    sheet.setFrozenRows(1);
  }
  return sheet;
}

/** Takes in everything new from the form and its responses tab. Caller holds the document lock. */
export function syncResponses(ss: Spreadsheet): IntakeResult & { scanned: number } {
  const sheet = findResponsesSheet(ss, storedFormId());
  if (!sheet) throw new UserFacingError('没有找到申请表的回复表。请先运行菜单「创建/更新申请表」。');
  const ledgerSheet = ss.getSheetByName(TAB.ledger);
  const errorsSheet = ss.getSheetByName(TAB.intakeErrors);
  if (!ledgerSheet || !errorsSheet)
    throw new UserFacingError('缺少「积分台账」或「申报异常」表，请先运行「初始化/修复表格」。');
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'ledger', 'publications']);
  const errors = readTab(ss, 'intakeErrors');
  const done = processedTab(ss);
  const known = new Set<string>();
  keysIn(wb.values.ledger, '表单回复ID', known);
  keysIn(errors, '表单回复ID', known);
  const record = done.getDataRange().getValues() as Cell[][];
  // Earlier versions kept their keys only in the ledger and 申报异常: a legacy key here is not ours.
  const recorded = new Set<string>();
  keysIn(record, PROCESSED_HEADERS[0], recorded);
  keysIn(record, PROCESSED_HEADERS[1], recorded, true);
  for (const k of recorded) if (!isLegacyKey(k)) known.add(k);
  const settled = new Set<string>();
  for (const r of record.slice(1)) {
    const all = `${String(r[0] ?? '')} ${String(r[1] ?? '')}`.split(/\s+/).filter(Boolean);
    if (all.length > 1) for (const k of all) if (k.startsWith('R')) settled.add(k);
  }
  const units = responseUnits(ss, sheet, settled);
  const res = intakeResponses(units, {
    cadres: wb.scenario.roster,
    rules: wb.scenario.rules,
    publishedMonths: wb.published,
    knownKeys: known,
    nowMonth: wb.now.month,
    nowText: wb.now.text,
    deadlineDay: wb.settings.deadlineDay,
  });
  // Claims first, the record of keys last: a failure in between leaves a claim whose key is still
  // found in the ledger, never a remembered key without its claim.
  appendRows(ledgerSheet, 'ledger', res.ledgerRows);
  appendRows(errorsSheet, 'intakeErrors', res.errorRows);
  if (res.processedRows.length > 0) {
    const start = done.getLastRow() + 1;
    const need = start + res.processedRows.length - 1 - done.getMaxRows();
    if (need > 0) done.insertRowsAfter(done.getMaxRows(), need);
    const range = done.getRange(start, 1, res.processedRows.length, PROCESSED_HEADERS.length);
    range.setNumberFormat('@');
    range.setValues(
      res.processedRows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))),
    );
  }
  return { ...res, scanned: units.length };
}
