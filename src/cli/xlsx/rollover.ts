// `jifen rollover <book.xlsx>`: 年度结转 in three resumable steps — the year's 公示, a verified read-only archive, the next year's book.

import { chmodSync, existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readSettings } from '../../shared/read-tabs';
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
  withSetting,
  yearOver,
  yearTabName,
} from '../../shared/rollover';
import { TAB } from '../../shared/tabs';
import { UserError } from '../errors';
import {
  appendLog,
  bookSeals,
  checkStructure,
  noticeLines,
  readBookValues,
  recomputeBook,
  refuseIfTampered,
  requireExisting,
  requireXlsxName,
  sealAddedTab,
  type WorkbookContext,
} from './commands';
import { type BookLock, openBook, readingBook, withBookLock, writeFilesAtomically } from './files';
import { periodReportModel, tabModel } from './layout';
import { XlsxPackage } from './package';

/** .xlsx Date cells are UTC wall time (see commands.ts). */
const XLSX_OFFSET = 0;

export interface RolloverOptions {
  /** The exception the committee confirms (--confirm-exceptions): missing items then do not block. */
  confirm?: string | undefined;
  /** Test hook: called after each step is written (throw to simulate an interruption there). */
  afterStep?: (step: RolloverStep) => void;
}

/** '<dir>/<book>-2026归档.xlsx' beside the working book. */
export function archivePathFor(file: string, year: number): string {
  return join(dirname(file), `${basename(file, extname(file))}-${year}归档.xlsx`);
}

const CONFIRM_HOW =
  '请加 --confirm-exceptions "<说明>" 重新运行（例如 --confirm-exceptions "上半年汇总已书面报送街道"）';

export function runRollover(file: string, ctx: WorkbookContext, opts: RolloverOptions = {}): string {
  requireXlsxName(file);
  requireExisting(file);
  return withBookLock(file, 'rollover', (lock) => rolloverLocked(file, ctx, opts, lock));
}

/** Runs the steps still to do, one file write each; the marker in 设置 says which step is next. */
function rolloverLocked(file: string, ctx: WorkbookContext, opts: RolloverOptions, lock: BookLock): string {
  const done: string[] = [];
  for (;;) {
    ctx.progress('读取工作簿');
    const { pkg, stamp } = openBook(file, true);
    const values = readingBook(file, () => readBookValues(pkg));
    checkStructure(pkg, values);
    const isArchive = archiveRefusal(values.settings);
    if (isArchive) throw new UserError(isArchive);
    const progress = readProgress(values.settings);
    const nowYear = Number(ctx.nowMonth.slice(0, 4));
    // In January 考核年度 left blank would mean the new year; the close is of the year before.
    // A close stopped part way is finished for its own year, whatever 考核年度 says by now.
    const resuming = progress && progress.step !== 'done' ? progress.year : undefined;
    if (resuming === undefined && readSettings(values.settings, []).year === undefined)
      values.settings = withSetting(values.settings, '考核年度', String(nowYear - 1));
    const year = resuming ?? readSettings(values.settings, []).year!;
    if (progress?.step === 'done' && progress.year === year - 1 && !yearOver(year, ctx.nowMonth)) {
      if (done.length) return finish(lock, done);
      return `${progress.year} 年度已结转（归档：${progress.archive ?? '见操作日志'}），工作簿现为 ${year} 年度，无需再次结转。\n`;
    }
    const step = progress && progress.year === year && progress.step !== 'done' ? progress.step : null;
    let next: RolloverStep;
    let line: string;
    if (step === null) {
      line = publishYear(pkg, values, year, ctx, opts.confirm);
      next = 'published';
    } else if (step === 'published') {
      line = writeArchive(file, pkg, values, year, ctx, lock);
      next = 'archived';
    } else {
      line = openNextYear(pkg, values, year, progress!, ctx);
      next = 'done';
    }
    ctx.progress('写入文件');
    writeFilesAtomically([{ path: file, data: pkg.toBuffer(), backup: true, unchangedSince: stamp }], lock);
    done.push(line);
    opts.afterStep?.(next);
    if (next === 'done') return finish(lock, done);
  }
}

function finish(lock: BookLock, lines: readonly string[]): string {
  return `${noticeLines(lock.notices)}${lines.map((l) => `${l}\n`).join('')}`;
}

function setProgress(pkg: XlsxPackage, values: ReturnType<typeof readBookValues>, p: RolloverProgress) {
  values.settings = withSetting(values.settings, PROGRESS_KEY, progressText(p), PROGRESS_NOTE);
  pkg.setSheet(TAB.settings, tabModel('settings', values.settings));
}

/** Step 1: the checks, then the year's 公示 (sealed in 公示记录 like a month). Not published twice. */
function publishYear(
  pkg: XlsxPackage,
  values: ReturnType<typeof readBookValues>,
  year: number,
  ctx: WorkbookContext,
  confirm: string | undefined,
): string {
  refuseIfTampered(pkg, values, '年度结转');
  const publications = values.publications;
  const result = recomputeBook(pkg, values, ctx, false);
  const missing = rolloverMissing(result, { ...values, publications }, XLSX_OFFSET);
  const refusal = rolloverRefusal(year, ctx.nowMonth, missing, confirm, CONFIRM_HOW);
  if (refusal) throw new UserError(refusal);
  const tabName = yearTabName(year);
  const publisher = ctx.publisher || result.settings.publisherName || '社区两委';
  if (missing.length)
    appendLog(pkg, values, [
      ctx.nowText,
      ctx.user,
      '年度结转',
      `两委确认例外：${confirm!.trim()}（尚缺：${missing.map((m) => m.text).join('；')}）`,
      missing.length,
    ]);
  let line: string;
  if (publishedPeriods({ publications }, XLSX_OFFSET).has(String(year))) {
    line = `${year} 年度公示此前已发布（「${tabName}」），未重复发布。`;
  } else {
    if (pkg.sheet(tabName))
      throw new UserError(
        `不能发布年度公示：工作簿中已有「${tabName}」表，但「${TAB.publications}」中没有它的记录。请核对后删除或改名该表再结转`,
      );
    const report = buildYearReport(result, {
      publishedAt: ctx.nowText,
      publisher,
      exceptions: missing.length ? confirm : undefined,
    });
    pkg.addSheet(tabName, periodReportModel(report));
    const seal = sealAddedTab(pkg, values, publications, {
      period: String(year),
      tabName,
      publisher,
      publishedAt: ctx.nowText,
    });
    appendLog(pkg, values, [
      ctx.nowText,
      ctx.user,
      '发布年度公示',
      `${tabName}：${report.table.end - report.table.start} 名干部，前三分之一 ${report.topThird.length} 人，后三分之一 ${report.bottomThird.length} 人，摘要 ${seal.digest}`,
      report.table.end - report.table.start,
    ]);
    line = `已发布 ${year} 年度公示「${tabName}」，摘要（SHA-256）：${seal.digest}`;
  }
  setProgress(pkg, values, { year, step: 'published' });
  return line;
}

/** Whether the archive file holds the year's 公示 and every seal in it verifies. */
function archiveState(path: string, year: number): { ok: boolean; findings: string[]; records: number } {
  const { pkg } = openBook(path, false);
  const values = readingBook(path, () => readBookValues(pkg));
  const report = readingBook(path, () => bookSeals(pkg, values));
  const hasYear = publishedPeriods(values, XLSX_OFFSET).has(String(year));
  const findings = [...report.findings, ...(hasYear ? [] : [`归档中没有 ${year} 年度公示的记录`])];
  return { ok: findings.length === 0, findings, records: report.records };
}

/** Step 2: the read-only archive of the whole year, verified; its path recorded in 设置 and 操作日志. */
function writeArchive(
  file: string,
  pkg: XlsxPackage,
  values: ReturnType<typeof readBookValues>,
  year: number,
  ctx: WorkbookContext,
  lock: BookLock,
): string {
  const path = archivePathFor(file, year);
  const shown = resolve(path);
  let line: string;
  if (existsSync(path)) {
    const state = archiveState(path, year);
    if (!state.ok)
      throw new UserError(
        `归档文件 ${shown} 已存在，但校验不通过：\n${state.findings.map((f) => `  - ${f}`).join('\n')}\n请核对后把它移走（不要删除，先保存一份），再重新运行 jifen rollover。`,
        3,
      );
    line = `归档 ${shown} 此前已写好且校验通过（${state.records} 张公示），未重写。`;
  } else {
    // The archive is the book as it is now (with the year's 公示), marked as the archive.
    const archive = XlsxPackage.open(pkg.toBuffer());
    const archiveValues = { ...values };
    archiveValues.settings = withSetting(
      values.settings,
      PROGRESS_KEY,
      archiveMarker(year, resolve(file)),
      PROGRESS_NOTE,
    );
    archive.setSheet(TAB.settings, tabModel('settings', archiveValues.settings));
    archive.markReadOnlyRecommended();
    writeFilesAtomically([{ path, data: archive.toBuffer() }], lock);
    // Why chmod: "read-only recommended" is only advice to Excel; the file mode stops an accidental save.
    try {
      chmodSync(path, 0o444);
    } catch {
      // a file system without modes (some shares): the marker in the file still says read-only
    }
    const state = archiveState(path, year);
    if (!state.ok)
      throw new UserError(
        `归档文件 ${shown} 写入后校验不通过：\n${state.findings.map((f) => `  - ${f}`).join('\n')}`,
        3,
      );
    line = `已写入只读归档 ${shown}，校验通过（${state.records} 张公示与封存内容一致）。`;
  }
  setProgress(pkg, values, { year, step: 'archived', archive: shown });
  appendLog(pkg, values, [ctx.nowText, ctx.user, '年度结转', `${year} 年度归档：${shown}（校验通过）`, 1]);
  return line;
}

/** Step 3: the working book for the next year; the old year's 公示 tabs stay only in the archive. */
function openNextYear(
  pkg: XlsxPackage,
  values: ReturnType<typeof readBookValues>,
  year: number,
  progress: RolloverProgress,
  ctx: WorkbookContext,
): string {
  const left = leavers(values);
  const next = nextYearValues(values, year);
  for (const t of pkg.tabList()) if (isPublicationTab(t.name)) pkg.removeSheet(t.name);
  for (const tab of [...EMPTIED_TABS, 'roster', 'settings'] as const) {
    values[tab] = next[tab];
    pkg.setSheet(TAB[tab], tabModel(tab, next[tab]!));
  }
  setProgress(pkg, values, {
    year,
    step: 'done',
    ...(progress.archive ? { archive: progress.archive } : {}),
  });
  const detail =
    `${year} 年度已结转，工作簿现为 ${year + 1} 年度：积分台账、考勤记录、考核成绩、积分兑换、异议处理、汇总和公示记录已清空（保留表头），` +
    `干部名册、积分规则和设置保留；${left.length ? `离职干部 ${left.join('、')} 只保留在归档中` : '没有离职干部'}。归档：${progress.archive ?? '见上'}`;
  appendLog(pkg, values, [ctx.nowText, ctx.user, '年度结转', detail, next.roster!.length - 1]);
  return detail;
}
