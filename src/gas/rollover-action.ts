// 年度结转 in Sheets: the year's 公示, an archive copy of the spreadsheet (digests verified in it), then the tabs cleared for the next year.

import { type Cell, cellText } from '../shared/cells';
import type { WorkbookValues } from '../shared/read-tabs';
import {
  archiveMarker,
  archiveRefusal,
  buildYearReport,
  EMPTIED_TABS,
  isPublicationTab,
  leavers,
  nextYearValues,
  PROGRESS_KEY,
  PROGRESS_NOTE,
  progressText,
  publishedPeriods,
  type RolloverProgress,
  type RolloverStep,
  readProgress,
  rolloverMissing,
  rolloverRefusal,
  yearOver,
  yearTabName,
} from '../shared/rollover';
import { type ColumnTab, TAB } from '../shared/tabs';
import { committeeEmails, requireCommittee, requireWritable, UserFacingError } from './access';
import { createOrUpdateForm } from './form';
import { storedFormId } from './intake-action';
import { withDocumentLock } from './lock';
import { logAction } from './log';
import { appendSeal, atomically, writeSnapshotTab } from './publish-action';
import { recomputeWithValues } from './recompute-action';
import { clearExternalSeals, externalSeals, recordExternalSeal, spreadsheetSeals } from './seal-action';
import { formatsFor, now, offsetMinutes, readTab, readTabs, writeTab } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Document property holding the archive copy's link once it is made (a rerun reuses it, never copies twice). */
const ARCHIVE_KEY = 'jifen.rollover.archive.';

const CONFIRM_HOW = '请在「年度结转」提示框中写明两委确认的例外后点“确定”';

export interface RolloverRunOptions {
  /** The exception the committee confirms (the prompt's text). */
  confirm?: string | undefined;
  /** Test hook: called after each step is done, right after the copy is made ('copied') and after the tabs are cleared ('cleared'); throw to simulate an interruption. */
  afterStep?: (step: RolloverStep | 'copied' | 'cleared') => void;
}

const INPUTS: readonly ColumnTab[] = ['settings', 'roster', 'rules', 'publications', 'objections'];

/** 设置 key → value, appending the row when the key is missing. */
function putSetting(ss: Spreadsheet, key: string, value: string, note = ''): void {
  const sheet = ss.getSheetByName(TAB.settings);
  if (!sheet) throw new UserFacingError('缺少「设置」表，请先运行「初始化/修复表格」。');
  const last = sheet.getLastRow();
  const keys = last > 0 ? sheet.getRange(1, 1, last, 1).getValues() : [];
  const row = keys.findIndex((r) => String(r[0]).trim() === key) + 1;
  if (row > 0) {
    sheet.getRange(row, 2).setNumberFormat('@').setValue(value);
    return;
  }
  const range = sheet.getRange(last + 1, 1, 1, 3);
  range.setNumberFormat('@');
  range.setValues([[key, value, note]]);
}

function settingYear(ss: Spreadsheet): number | undefined {
  const r = (readTab(ss, 'settings') ?? []).find((x) => cellText(x[0]) === '考核年度');
  const y = Number(cellText(r?.[1]));
  return Number.isInteger(y) && y > 1999 ? y : undefined;
}

function withObjections(ss: Spreadsheet, values: WorkbookValues): WorkbookValues {
  return values.objections ? values : { ...values, objections: readTab(ss, 'objections') };
}

/** What the menu shows before anything is written: the year to close and what is missing (null: nothing to ask). */
export function rolloverPreview(ss: Spreadsheet): {
  year: number;
  refusal: string | null;
  resuming: boolean;
} {
  const isArchive = archiveRefusal(readTab(ss, 'settings'));
  if (isArchive) return { year: 0, refusal: isArchive, resuming: false };
  const t = now(ss);
  const progress = readProgress(readTab(ss, 'settings'));
  if (progress && progress.step !== 'done') return { year: progress.year, refusal: null, resuming: true };
  const year = settingYear(ss) ?? Number(t.month.slice(0, 4)) - 1;
  if (!yearOver(year, t.month))
    return { year, refusal: rolloverRefusal(year, t.month, [], '', ''), resuming: false };
  const { result, values } = recomputeWithValues(ss, year, '年度结转');
  // 异议处理 is not among recompute's reads.
  const missing = rolloverMissing(result, withObjections(ss, values), offsetMinutes(ss, t.date));
  return { year, refusal: rolloverRefusal(year, t.month, missing, undefined, CONFIRM_HOW), resuming: false };
}

/** Menu: 年度结转. Lists what is missing and asks for the committee's stated exception, then runs the steps. */
export function menuRollover(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): string {
  requireCommittee(ss, '年度结转');
  const preview = withDocumentLock(() => rolloverPreview(ss), 120000);
  let confirm: string | undefined;
  if (preview.refusal) {
    if (!preview.refusal.includes('尚缺')) return preview.refusal;
    const ui = SpreadsheetApp.getUi();
    const r = ui.prompt(
      '年度结转',
      `${preview.refusal}\n\n如两委确认按现状结转，请写明例外说明后点“确定”；点“取消”则不结转。`,
      ui.ButtonSet.OK_CANCEL,
    );
    confirm = r.getSelectedButton() === ui.Button.OK ? r.getResponseText().trim() : '';
    if (!confirm) return `未结转。${preview.refusal}`;
  }
  return withDocumentLock(
    () => rolloverSpreadsheet(ss, requireCommittee(ss, '年度结转'), { confirm }),
    300000,
  );
}

/** Runs the steps still to do; the 设置 marker 结转进度 says which is next. Caller holds the lock and checked membership. */
export function rolloverSpreadsheet(ss: Spreadsheet, who: string, opts: RolloverRunOptions = {}): string {
  requireWritable(ss, [TAB.settings, TAB.publications, TAB.log, TAB.ledger, TAB.roster]);
  const isArchive = archiveRefusal(readTab(ss, 'settings'));
  if (isArchive) throw new UserFacingError(isArchive);
  const lines: string[] = [];
  const t = now(ss);
  for (;;) {
    const progress = readProgress(readTab(ss, 'settings'));
    // A close stopped part way is finished for its own year, whatever 考核年度 says by now.
    let year = progress && progress.step !== 'done' ? progress.year : settingYear(ss);
    if (year === undefined) {
      // In January a blank 考核年度 would mean the new year; the close is of the year before.
      year = Number(t.month.slice(0, 4)) - 1;
      putSetting(ss, '考核年度', String(year));
    }
    if (progress?.step === 'done' && progress.year === year - 1 && !yearOver(year, t.month)) {
      if (lines.length) return lines.join('\n');
      return `${progress.year} 年度已结转（归档：${progress.archive ?? '见操作日志'}），表格现为 ${year} 年度，无需再次结转。`;
    }
    const step = progress && progress.year === year && progress.step !== 'done' ? progress.step : null;
    let next: RolloverStep;
    if (step === null) {
      lines.push(publishYear(ss, year, who, opts.confirm));
      next = 'published';
    } else if (step === 'published') {
      lines.push(archiveCopy(ss, year, who, opts));
      next = 'archived';
    } else {
      lines.push(openNextYear(ss, year, who, progress!, opts));
      next = 'done';
    }
    opts.afterStep?.(next);
    if (next === 'done') return lines.join('\n');
  }
}

/** Step 1: the checks, then the year's 公示 (protected, sealed in 公示记录, digest kept outside). Never twice. */
function publishYear(ss: Spreadsheet, year: number, who: string, confirm: string | undefined): string {
  const t = now(ss);
  const { result, values } = recomputeWithValues(ss, year, '年度结转');
  // 异议处理 is not among recompute's reads.
  const missing = rolloverMissing(result, withObjections(ss, values), offsetMinutes(ss, t.date));
  const refusal = rolloverRefusal(year, t.month, missing, confirm, CONFIRM_HOW);
  if (refusal) throw new UserFacingError(refusal);
  if (missing.length)
    logAction(
      ss,
      t.text,
      who,
      '年度结转',
      `两委确认例外：${confirm!.trim()}（尚缺：${missing.map((m) => m.text).join('；')}）`,
      missing.length,
    );
  const tabName = yearTabName(year);
  let line: string;
  if (publishedPeriods(values, offsetMinutes(ss, t.date)).has(String(year))) {
    line = `${year} 年度公示此前已发布（「${tabName}」），未重复发布。`;
  } else {
    const publisher = result.settings.publisherName || who;
    const report = buildYearReport(result, {
      publishedAt: t.text,
      publisher,
      exceptions: missing.length ? confirm : undefined,
    });
    const records = ss.getSheetByName(TAB.publications);
    if (!records) throw new UserFacingError('缺少「公示记录」表，请先运行「初始化/修复表格」。');
    const committee = committeeEmails(ss);
    const sealed = atomically(ss, [tabName], () => {
      const snap = writeSnapshotTab(ss, tabName, report.values, committee, {
        headerRows: [report.table.header],
        tierCol: 9,
        tierRows: [report.table.start, report.table.end],
        widths: [50, 60, 70, 90, 55, 50, 50, 50, 55, 120, 300, 180],
      });
      return appendSeal(ss, records, snap.sheet, {
        period: String(year),
        version: 1,
        publisher,
        when: t.text,
        monthly: false,
      });
    });
    recordExternalSeal(tabName, sealed.digest);
    const n = report.table.end - report.table.start;
    logAction(
      ss,
      t.text,
      who,
      '发布年度公示',
      `${tabName}：${n} 名干部，前三分之一 ${report.topThird.length} 人，后三分之一 ${report.bottomThird.length} 人，摘要 ${sealed.digest}`,
      n,
    );
    line = `已发布 ${year} 年度公示「${tabName}」，校验码（封存摘要，SHA-256）：${sealed.digest}`;
  }
  putSetting(ss, PROGRESS_KEY, progressText({ year, step: 'published' }), PROGRESS_NOTE);
  return line;
}

/** Every seal of a spreadsheet checked against the digests this document kept outside its cells. */
function verifyCopy(copy: Spreadsheet, year: number, external: Map<string, string>): string[] {
  const values: WorkbookValues = readTabs(copy, ['publications', 'ledger', 'objections']);
  const report = spreadsheetSeals(copy, values, external);
  const has = publishedPeriods(values, offsetMinutes(copy)).has(String(year));
  return [...report.findings, ...(has ? [] : [`归档副本中没有 ${year} 年度公示的记录`])];
}

function openCopy(url: string): Spreadsheet | null {
  try {
    return SpreadsheetApp.openByUrl(url);
  } catch {
    return null; // deleted or no longer shared: a new copy is made
  }
}

/**
 * Step 2: the archive, a copy of the whole spreadsheet named 「<社区名称> 积分台账 <year>归档」
 * (Spreadsheet.copy, https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#copy(String)),
 * every sheet protected for the committee only, every 公示 digest verified in the copy. Its link goes
 * into a document property at once (a rerun reuses the copy) and into 设置 and 操作日志 once verified.
 * Why the copy is checked against this document's digests: document properties are script-bound, so the
 * copy has none of its own (and no form link, no triggers — the archive only keeps values).
 */
function archiveCopy(ss: Spreadsheet, year: number, who: string, opts: RolloverRunOptions): string {
  const t = now(ss);
  const props = PropertiesService.getDocumentProperties();
  const external = externalSeals();
  const known = props.getProperty(ARCHIVE_KEY + year);
  let copy = known ? openCopy(known) : null;
  const reused = copy !== null;
  if (!copy) {
    const community =
      cellText((readTab(ss, 'settings') ?? []).find((r) => cellText(r[0]) === '社区名称')?.[1]) || '社区';
    copy = ss.copy(`${community} 积分台账 ${year}归档`);
    props.setProperty(ARCHIVE_KEY + year, copy.getUrl());
    opts.afterStep?.('copied');
  }
  makeReadOnly(copy, ss, year);
  const findings = verifyCopy(copy, year, external);
  if (findings.length)
    throw new UserFacingError(
      `归档副本（${copy.getUrl()}）校验不通过：\n${findings.map((f) => `- ${f}`).join('\n')}\n本表格未作任何清空。请两委核实该副本（不要删除它），再联系维护人员。`,
    );
  const url = copy.getUrl();
  putSetting(ss, PROGRESS_KEY, progressText({ year, step: 'archived', archive: url }), PROGRESS_NOTE);
  const n = verifyCount(copy);
  logAction(ss, t.text, who, '年度结转', `${year} 年度归档：${url}（副本中 ${n} 份公示校验通过）`, n);
  return reused
    ? `归档副本此前已建好且校验通过：${url}`
    : `已建立归档副本「${copy.getName()}」：${url}（其中 ${n} 份公示的校验码全部一致）`;
}

/** The copy marks itself as the archive; every sheet not yet protected becomes editable by the committee only (idempotent). */
function makeReadOnly(copy: Spreadsheet, ss: Spreadsheet, year: number): void {
  const marker = archiveMarker(year, ss.getUrl());
  if (
    cellText((readTab(copy, 'settings') ?? []).find((r) => cellText(r[0]) === PROGRESS_KEY)?.[1]) !== marker
  )
    putSetting(copy, PROGRESS_KEY, marker, PROGRESS_NOTE);
  const committee = committeeEmails(ss);
  const me = Session.getEffectiveUser().getEmail();
  const keep = new Set([...committee, ...(me ? [me] : [])].map((e) => e.toLowerCase()));
  for (const sheet of copy.getSheets()) {
    if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length) continue;
    const p = sheet.protect();
    p.setDescription(`${year} 年度归档（只读）`);
    const stale = p.getEditors().filter((u) => !keep.has(u.getEmail().toLowerCase()));
    if (stale.length) p.removeEditors(stale.map((u) => u.getEmail()));
  }
}

function verifyCount(copy: Spreadsheet): number {
  return Math.max(0, (readTab(copy, 'publications')?.length ?? 1) - 1);
}

/** Step 3: the tabs cleared for the next year; 公示 tabs and published-row protections go (the archive keeps them). */
function openNextYear(
  ss: Spreadsheet,
  year: number,
  who: string,
  progress: RolloverProgress,
  opts: RolloverRunOptions,
): string {
  const t = now(ss);
  const values = readTabs(ss, [...INPUTS, ...EMPTIED_TABS]);
  const left = leavers(values);
  const next = nextYearValues(values, year, offsetMinutes(ss, t.date));
  for (const sheet of ss.getSheets()) if (isPublicationTab(sheet.getName())) ss.deleteSheet(sheet);
  // Published months' ledger rows were protected (积分台账 2026-xx 已公示（只读）): the new year's rows must not inherit them.
  const ledger = ss.getSheetByName(TAB.ledger);
  if (ledger)
    for (const p of ledger.getProtections(SpreadsheetApp.ProtectionType.RANGE))
      if (/已公示/.test(p.getDescription())) p.remove();
  for (const tab of [...EMPTIED_TABS, 'roster'] as const) {
    const sheet = ss.getSheetByName(TAB[tab]);
    const v = next[tab];
    if (!sheet || !v) continue;
    const width = Math.max(1, ...v.map((r) => r.length));
    writeTab(sheet, v as Cell[][], formatsFor(tab, v.length, width));
  }
  putSetting(ss, '考核年度', String(year + 1));
  opts.afterStep?.('cleared');
  clearExternalSeals();
  let form = '';
  if (storedFormId()) {
    try {
      const r = createOrUpdateForm(ss);
      form = `申请表的月份选项已更新（${r.url}）。`;
    } catch (e) {
      form = `申请表未能更新（${e instanceof UserFacingError ? e.message : ((e as Error)?.message ?? String(e))}），请运行「积分管理 › 创建/更新申请表」。`;
    }
  }
  putSetting(
    ss,
    PROGRESS_KEY,
    progressText({ year, step: 'done', ...(progress.archive ? { archive: progress.archive } : {}) }),
    PROGRESS_NOTE,
  );
  const detail =
    `${year} 年度已结转，表格现为 ${year + 1} 年度：积分台账、考勤记录、考核成绩、积分兑换、异议处理、汇总和公示记录已清空（保留表头），` +
    `干部名册、积分规则、设置和触发器保留；${left.length ? `离职干部 ${left.join('、')} 只保留在归档中` : '没有离职干部'}。归档：${progress.archive ?? '见操作日志'}`;
  logAction(
    ss,
    t.text,
    who,
    '年度结转',
    `${detail}${form ? `。${form}` : ''}`,
    (next.roster?.length ?? 1) - 1,
  );
  return `${detail}${form ? `\n${form}` : ''}`;
}
