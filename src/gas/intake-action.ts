// Form intake in Sheets: finds the linked responses sheet by form URL, takes in every new response once.

import { cellText } from '../shared/cells';
import { type IntakeResult, intakeResponses, type ResponseRow } from '../shared/intake';
import { TAB } from '../shared/tabs';
import { UserFacingError } from './access';
import { appendRows, readTab } from './sheets-io';
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

/** Reads the responses sheet into rows looked up by question title. */
export function responseRows(sheet: Sheet, offset: number): ResponseRow[] {
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const rows: ResponseRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const cells = values[i]!;
    if (cells.every((c) => c === '' || c === null)) continue;
    rows.push({
      row: i + 1,
      timestamp: cellText(cells[0] as never, offset),
      get: (title: string) => {
        const at = header.indexOf(title);
        return at < 0 ? '' : (cells[at] as never);
      },
      raw: () => header.map((h, j) => `${h}：${cellText(cells[j] as never, offset)}`).join('；'),
    });
  }
  return rows;
}

/** Takes in everything new from the responses sheet. Caller holds the document lock. */
export function syncResponses(ss: Spreadsheet): IntakeResult & { scanned: number } {
  const sheet = findResponsesSheet(ss, storedFormId());
  if (!sheet) throw new UserFacingError('没有找到申请表的回复表。请先运行菜单「创建/更新申请表」。');
  const ledgerSheet = ss.getSheetByName(TAB.ledger);
  const errorsSheet = ss.getSheetByName(TAB.intakeErrors);
  if (!ledgerSheet || !errorsSheet)
    throw new UserFacingError('缺少「积分台账」或「申报异常」表，请先运行「初始化/修复表格」。');
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'ledger', 'publications']);
  const errors = readTab(ss, 'intakeErrors');
  const known = new Set<string>();
  for (const [values, header] of [
    [wb.values.ledger, '表单回复ID'],
    [errors, '表单回复ID'],
  ] as const) {
    const at = columnIndex(values, header);
    if (at < 0) continue;
    for (let i = 1; i < (values?.length ?? 0); i++) {
      const k = String(values![i]![at] ?? '').trim();
      if (k) known.add(k);
    }
  }
  const rows = responseRows(sheet, wb.offset);
  const res = intakeResponses(rows, {
    cadres: wb.scenario.roster,
    rules: wb.scenario.rules,
    publishedMonths: wb.published,
    knownKeys: known,
    nowMonth: wb.now.month,
    nowText: wb.now.text,
    deadlineDay: wb.settings.deadlineDay,
    offsetMinutes: wb.offset,
  });
  appendRows(ledgerSheet, 'ledger', res.ledgerRows);
  appendRows(errorsSheet, 'intakeErrors', res.errorRows);
  return { ...res, scanned: rows.length };
}
