// 初始化/修复表格: creates missing tabs with headers, formats, dropdowns, defaults and protections; repairs without loss.

import { DEFAULT_RULES } from '../core';
import type { Cell } from '../shared/cells';
import { ruleRow } from '../shared/rule-rows';
import {
  COLUMNS,
  type ColumnTab,
  headersOf,
  INPUT_TABS,
  SETTINGS_ROWS,
  settingKeys,
  TAB,
} from '../shared/tabs';
import { DATA_VERSION_KEY, DATA_VERSION_NOTE, ensureDataVersionCell, withVersionArg } from './data-version';
import { protectResponseTabs } from './form';
import { restrictToCommittee } from './protect';
import { readmeRows } from './readme-text';
import { REMINDER_KEY, REMINDER_NOTE } from './reminders';
import { ensureSize, formatsFor } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Tab order of SPEC §6. */
export const SETUP_ORDER: readonly ('readme' | ColumnTab)[] = [
  'readme',
  'settings',
  'roster',
  'rules',
  'ledger',
  'attendance',
  'scores',
  'intakeErrors',
  'objections',
  'redemptions',
  'monthly',
  'yearly',
  'publications',
  'problems',
  'log',
];

/** Tabs only the add-on writes: protected so that only the committee can change them. */
export const PROTECTED_TABS: readonly ColumnTab[] = [
  'intakeErrors',
  'monthly',
  'yearly',
  'publications',
  'problems',
  'log',
];

const HEADER_BG = '#d9e2f3';
const TIER_COLORS: [text: string, color: string][] = [
  ['前三分之一', '#c6efce'],
  ['倒数三名', '#f4b6b6'],
  ['后三分之一', '#ffe699'],
];

const TIER_TEXT = ['倒数三名', '后三分之一', '前三分之一'] as const;

/** The rules tab rows of the default catalogue. */
export function defaultRuleRows(): Cell[][] {
  return DEFAULT_RULES.map(ruleRow);
}

export interface SetupReport {
  created: string[];
  repaired: string[];
  /** JIFEN_* formulas given the JIFEN_VERSION argument. */
  formulasUpgraded: number;
}

/**
 * Gives every JIFEN_* formula on the committee's own tabs the JIFEN_VERSION argument (see
 * data-version.ts). One getFormulas per tab; only the cells that change are written.
 */
function upgradeFormulas(ss: Spreadsheet): number {
  const ours = new Set<string>([...Object.values(TAB)]);
  let n = 0;
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (ours.has(name) || /^(公示|报告)-/.test(name) || sheet.getFormUrl()) continue;
    if (sheet.getLastRow() < 1 || sheet.getLastColumn() < 1) continue;
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    for (let i = 0; i < formulas.length; i++) {
      const row = formulas[i] ?? [];
      for (let j = 0; j < row.length; j++) {
        const f = row[j];
        if (!f || !/JIFEN_/i.test(f)) continue;
        const next = withVersionArg(f);
        if (next === f) continue;
        sheet.getRange(i + 1, j + 1).setFormula(next);
        n++;
      }
    }
  }
  return n;
}

/** Creates or repairs every tab. Idempotent: a second run changes nothing the committee typed. */
/**
 * @param committee who may edit add-on tabs, snapshots and published rows
 * @param reviewers who may also write the 操作日志 (the committee plus the 纪检专干, who reviews claims)
 */
export function setupWorkbook(
  ss: Spreadsheet,
  committee: readonly string[],
  reviewers: readonly string[] = committee,
): SetupReport {
  const report: SetupReport = { created: [], repaired: [], formulasUpgraded: 0 };
  for (const key of SETUP_ORDER) {
    const name = TAB[key];
    let sheet = ss.getSheetByName(name);
    const isNew = !sheet;
    if (!sheet) {
      sheet = ss.insertSheet(name);
      report.created.push(name);
    }
    if (key === 'readme') {
      writeReadme(sheet);
      continue;
    }
    if (ensureHeaders(sheet, key) && !isNew) report.repaired.push(name);
    if (key === 'settings') seedSettings(sheet);
    if (key === 'rules' && sheet.getLastRow() <= 1) {
      const rows = defaultRuleRows();
      const range = sheet.getRange(2, 1, rows.length, rows[0]!.length);
      range.setNumberFormats(formatsFor('rules', rows.length, rows[0]!.length));
      range.setValues(rows);
    }
    formatTab(ss, sheet, key);
    if (PROTECTED_TABS.includes(key)) protect(sheet, key === 'log' ? reviewers : committee);
    // Input tabs too (SPEC §1 trust model): cadres claim through the form and need view access at most.
    if (INPUT_TABS.includes(key)) protect(sheet, committee, `「${name}」是录入表，仅两委成员可修改`);
    // Published rows and snapshots are protected for the committee of the day: follow its changes.
    if (key === 'ledger') {
      for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
        if (p.canEdit()) restrictToCommittee(p, committee, p.getDescription());
      }
    }
  }
  for (const sheet of ss.getSheets()) {
    if (!/^(公示|报告)-/.test(sheet.getName())) continue;
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      if (p.canEdit()) restrictToCommittee(p, committee, p.getDescription());
    }
  }
  protectResponseTabs(ss, committee);
  ensureDataVersionCell(ss);
  report.formulasUpgraded = upgradeFormulas(ss);
  // The default first sheet of a new spreadsheet ("Sheet1" / "工作表1") is left alone when it has data.
  ss.setActiveSheet(ss.getSheetByName(TAB.readme)!);
  return report;
}

function writeReadme(sheet: Sheet): void {
  const rows = readmeRows();
  sheet.clearContents();
  const range = sheet.getRange(1, 1, rows.length, 2);
  range.setNumberFormat('@');
  range.setValues(rows);
  sheet.getRange(1, 1, 1, 2).setFontWeight('bold').setFontSize(14);
  sheet.getRange(3, 1, rows.length - 2, 1).setFontWeight('bold');
  sheet.setColumnWidth(1, 110);
  sheet.setColumnWidth(2, 760);
  sheet.getRange(1, 1, rows.length, 2).setWrap(true).setVerticalAlignment('top');
}

/** Writes the header row of a new tab, or appends the headers an old tab lacks. True when it changed. */
function ensureHeaders(sheet: Sheet, key: ColumnTab): boolean {
  const want = headersOf(key);
  const lastCol = sheet.getLastColumn();
  const have =
    lastCol > 0 ? (sheet.getRange(1, 1, 1, lastCol).getValues()[0] ?? []).map((v) => String(v).trim()) : [];
  const missing = want.filter((h) => !have.includes(h));
  if (missing.length === 0) return false;
  const start = have.length === 0 || have.every((h) => h === '') ? 1 : lastCol + 1;
  ensureSize(sheet, 1, start + missing.length - 1);
  const range = sheet.getRange(1, start, 1, missing.length);
  range.setNumberFormat('@');
  range.setValues([missing]);
  return true;
}

/** Adds the settings keys that are missing (keeps every value the committee typed). */
/** Writes one 设置 value (as plain text) into the row of its key; false when the key has no row. */
export function writeSetting(ss: Spreadsheet, key: string, value: string): boolean {
  const sheet = ss.getSheetByName(TAB.settings);
  if (!sheet || sheet.getLastRow() < 2) return false;
  const keys = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
  const row = keys.findIndex((r) => String(r[0]).trim() === key) + 1;
  if (row < 1) return false;
  sheet.getRange(row, 2).setNumberFormat('@').setValue(value);
  return true;
}

function seedSettings(sheet: Sheet): void {
  const last = sheet.getLastRow();
  const keys =
    last > 1
      ? sheet
          .getRange(2, 1, last - 1, 1)
          .getValues()
          .map((r) => String(r[0]).trim())
      : [];
  // 数据版本 (custom functions) and 申报提醒 (mail) exist only in Sheets: not in SETTINGS_ROWS, which the
  // .xlsx book shares.
  const all = [
    ...SETTINGS_ROWS,
    [DATA_VERSION_KEY, '', DATA_VERSION_NOTE] as const,
    [REMINDER_KEY, '是', REMINDER_NOTE] as const,
  ];
  // A key present under the name an earlier version wrote is present (read-tabs reads that name too).
  const has = (k: string) => settingKeys(k).some((x) => keys.includes(x));
  const rows = all.filter(([k]) => !has(k)).map(([k, v, note]) => [k, v, note]);
  if (rows.length === 0) return;
  const range = sheet.getRange(last + 1, 1, rows.length, 3);
  range.setNumberFormat('@');
  range.setValues(rows);
}

/** Header style, frozen row, widths, column formats and dropdowns (idempotent). */
function formatTab(ss: Spreadsheet, sheet: Sheet, key: ColumnTab): void {
  const specs = COLUMNS[key];
  const lastCol = Math.max(sheet.getLastColumn(), specs.length);
  const header = sheet.getRange(1, 1, 1, lastCol);
  header.setFontWeight('bold').setBackground(HEADER_BG);
  sheet.setFrozenRows(1);
  const headers = (header.getValues()[0] ?? []).map((v) => String(v).trim());
  const maxRows = sheet.getMaxRows();
  const colOf = (h: string) => headers.indexOf(h) + 1;
  if (maxRows > 1) {
    // Formats by header, so a tab whose columns were moved keeps each column's format.
    const formats = formatsFor(key, 1, specs.length)[0]!;
    const row = headers.map((h) => {
      const i = specs.findIndex((s) => s.header === h);
      return i >= 0 ? formats[i]! : '@';
    });
    sheet
      .getRange(2, 1, maxRows - 1, headers.length)
      .setNumberFormats(Array.from({ length: maxRows - 1 }, () => row.slice()));
  }
  for (const spec of specs) {
    const c = colOf(spec.header);
    if (c < 1) continue;
    sheet.setColumnWidth(c, spec.width);
    if (spec.note) sheet.getRange(1, c).setNote(spec.note);
    if (maxRows < 2) continue;
    const data = sheet.getRange(2, c, maxRows - 1, 1);
    if (spec.choices) {
      data.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList([...spec.choices], true)
          // 考核项目 may name a committee-added rule (its code), so other values are allowed there.
          .setAllowInvalid(spec.header === '考核项目')
          .build(),
      );
    } else if (spec.header === '干部编号' && key !== 'roster') {
      const roster = ss.getSheetByName(TAB.roster);
      if (roster) {
        data.setDataValidation(
          SpreadsheetApp.newDataValidation()
            .requireValueInRange(roster.getRange('A2:A'), true)
            .setAllowInvalid(true)
            .setHelpText('请填写「干部名册」中的编号')
            .build(),
        );
      }
    } else if (spec.header === '规则编码' && key === 'ledger') {
      const rules = ss.getSheetByName(TAB.rules);
      if (rules) {
        data.setDataValidation(
          SpreadsheetApp.newDataValidation()
            .requireValueInRange(rules.getRange('A2:A'), true)
            .setAllowInvalid(true)
            .setHelpText('请填写「积分规则」中的规则编码')
            .build(),
        );
      }
    }
  }
  if (key === 'monthly' || key === 'yearly') tierFormatting(sheet);
}

/** Colours the 分档 column by tier (conditional formatting, replaced on every run). */
export function tierFormatting(sheet: Sheet): void {
  const col = COLUMNS.monthly.findIndex((c) => c.header === '分档') + 1;
  const range = sheet.getRange(2, col, Math.max(1, sheet.getMaxRows() - 1), 1);
  const rules = TIER_TEXT.map((t) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextContains(t)
      .setBackground(TIER_COLORS.find(([x]) => x === t)![1])
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

/** Protects a whole tab: only the owner and the committee may edit it. */
function protect(
  sheet: Sheet,
  committee: readonly string[],
  description = `「${sheet.getName()}」由积分台账自动生成，仅两委成员可修改`,
): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const p = restrictToCommittee(existing ?? sheet.protect(), committee, description);
  // A warning-only protection lets anyone edit after a click: not a protection here.
  if (p.isWarningOnly()) p.setWarningOnly(false);
}
