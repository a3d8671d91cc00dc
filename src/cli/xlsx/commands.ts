// `jifen demo | recompute | publish | verify` on .xlsx workbooks: read tabs → shared workflow → write tabs back.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DEFAULT_RULES, periodLabel } from '../../core';
import type { Cell } from '../../shared/cells';
import { monthDocumentHtml } from '../../shared/document';
import {
  buildSnapshot,
  type PublicationRecord,
  publicationRecord,
  publishRefusal,
  type Snapshot,
} from '../../shared/publish';
import { readWorkbook, type WorkbookValues } from '../../shared/read-tabs';
import { type RecomputeResult, recompute } from '../../shared/recompute';
import {
  chainHead,
  checkSeals,
  type SealInput,
  type SealReport,
  sealRecord,
  sealRefusal,
  type TabView,
} from '../../shared/seal';
import { COLUMNS, type ColumnTab, headersOf, TAB } from '../../shared/tabs';
import { UserError } from '../errors';
import { htmlFileToPdf, pdfPageCount } from '../pdf';
import { DEMO_NOW, demoInputValues } from './demo-book';
import { type BookLock, openBook, readingBook, withBookLock, writeFilesAtomically } from './files';
import { readmeModel, snapshotModel, tabModel } from './layout';
import { sameCells, XlsxPackage } from './package';
import type { SheetModel } from './sheet-writer';

export interface WorkbookContext {
  /** Current month 'YYYY-MM' (Asia/Shanghai). */
  nowMonth: string;
  /** Current time as text 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai). */
  nowText: string;
  /** Who runs the command (操作人 / 发布人). */
  user: string;
  /** Progress line on stderr (no-op for small workbooks). */
  progress: (message: string) => void;
  /** Publisher name given with --by; otherwise 设置 公示发布人, else 社区两委 (never the OS account). */
  publisher?: string | undefined;
}

/** .xlsx Date cells are UTC wall time: no offset (see cells.dateParts). */
const XLSX_OFFSET = 0;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const ALL_TABS = Object.keys(COLUMNS) as ColumnTab[];

/** Every COLUMNS tab present in the workbook, as values (header row first). */
export function readBookValues(pkg: XlsxPackage): WorkbookValues {
  const values: WorkbookValues = {};
  for (const tab of ALL_TABS) {
    // The ledger's rows come padded to the full width, as recompute writes them: not copied there.
    const v = pkg.values(TAB[tab], tab === 'ledger' ? { padRows: headersOf('ledger').length } : {});
    if (v) values[tab] = v;
  }
  return values;
}

/** Tabs the computation reads: without them the workbook is not a 积分台账. */
const REQUIRED_TABS: readonly ColumnTab[] = [
  'settings',
  'roster',
  'rules',
  'ledger',
  'attendance',
  'scores',
  'redemptions',
];

/** Refuses a workbook with a missing tab or header, naming each one. */
export function checkStructure(pkg: XlsxPackage, values: WorkbookValues): void {
  const missing = REQUIRED_TABS.filter((t) => !pkg.sheet(TAB[t]));
  const lines: string[] = [];
  if (missing.length) lines.push(`缺少工作表：${missing.map((t) => `「${TAB[t]}」`).join('、')}`);
  const settingsHeader = (values.settings?.[0] ?? []).map((h) => (typeof h === 'string' ? h.trim() : h));
  if (values.settings)
    for (const h of ['项目', '值'])
      if (!settingsHeader.includes(h)) lines.push(`「${TAB.settings}」表第1行缺少表头「${h}」`);
  // Header problems depend on row 1 only: reading the headers alone spares a second pass over the
  // 120k-row ledger (recompute reads the whole book next).
  const headers: WorkbookValues = {};
  for (const [tab, v] of Object.entries(values) as [ColumnTab, Cell[][]][]) headers[tab] = v.slice(0, 1);
  for (const p of readWorkbook(headers, XLSX_OFFSET, DEFAULT_RULES).problems) {
    if (p.row === 1 && p.message.startsWith('表头缺少'))
      lines.push(`「${p.tab}」表第1行缺少表头「${p.field}」`);
  }
  if (lines.length)
    throw new UserError(
      `工作簿不是完整的积分台账：\n  - ${lines.join('\n  - ')}\n（表名和表头须与说明一致；可用 jifen demo 生成一个示例对照）`,
    );
}

/**
 * 公示记录 with one more row, placed by header. A 公示记录 written before sealing lacks the seal columns:
 * they are added to its header, so the new row's 摘要 is never dropped.
 */
/**
 * Seals a tab just added to the book (as the file holds it, with the month's ledger rows when `ledger` is
 * given), chains it to the last record and writes the 公示记录 row.
 */
export function sealAddedTab(
  pkg: XlsxPackage,
  values: WorkbookValues,
  publications: Cell[][] | undefined,
  f: Pick<SealInput, 'period' | 'tabName' | 'publisher' | 'publishedAt' | 'ledger'>,
): ReturnType<typeof sealRecord> {
  const seal = sealRecord(
    {
      ...f,
      version: 1,
      view: pkg.view(f.tabName)!,
      prev: chainHead(publications, XLSX_OFFSET),
      offsetMinutes: XLSX_OFFSET,
    },
    sha256Hex,
  );
  values.publications = withRecord(publications, seal.row);
  pkg.setSheet(TAB.publications, tabModel('publications', values.publications));
  return seal;
}

export function withRecord(publications: Cell[][] | undefined, row: Cell[]): Cell[][] {
  const want = headersOf('publications');
  const header: Cell[] = publications?.length ? publications[0]!.slice() : [];
  const names = header.map((h) => (typeof h === 'string' ? h.trim() : ''));
  for (const h of want)
    if (!names.includes(h)) {
      names.push(h);
      header.push(h);
    }
  const placed: Cell[] = new Array(names.length).fill('');
  want.forEach((h, i) => {
    placed[names.indexOf(h)] = row[i] ?? '';
  });
  return [header, ...(publications?.slice(1) ?? []), placed];
}

/** Every sealed publication of an open workbook checked; `given` are digests from the printed 公示 or the e-mail. */
export function bookSeals(
  pkg: XlsxPackage,
  values: WorkbookValues,
  given: readonly string[] = [],
): SealReport {
  const views = new Map<string, TabView | undefined>();
  return checkSeals({
    publications: values.publications,
    ledger: values.ledger,
    objections: values.objections,
    offsetMinutes: XLSX_OFFSET,
    tabs: pkg.tabList(),
    view: (name) => {
      if (!views.has(name)) views.set(name, pkg.view(name));
      return views.get(name);
    },
    sha256Hex,
    given,
  });
}

/** Stops 重新计算 / 发布 (exit 3) while a sealed month, its snapshot or its record changed. */
export function refuseIfTampered(pkg: XlsxPackage, values: WorkbookValues, action: string): void {
  const refusal = sealRefusal(bookSeals(pkg, values), action);
  if (refusal) throw new UserError(refusal, 3);
}

export function appendLog(pkg: XlsxPackage, values: WorkbookValues, row: Cell[]): void {
  const log = values.log?.length ? values.log : [headersOf('log')];
  values.log = [...log, row];
  pkg.setSheet(TAB.log, tabModel('log', values.log));
}

/** The 重新计算 workflow on an open workbook: writes 积分台账, 月度汇总, 年度汇总 and 校验问题. */
export function recomputeBook(
  pkg: XlsxPackage,
  values: WorkbookValues,
  ctx: WorkbookContext,
  log = true,
): RecomputeResult {
  ctx.progress('计算积分（系统条目、汇总、排名）');
  const result = recompute(values, {
    nowMonth: ctx.nowMonth,
    nowText: ctx.nowText,
    offsetMinutes: XLSX_OFFSET,
  });
  ctx.progress('生成工作表');
  const write = (tab: ColumnTab, v: Cell[][], readFrom?: SheetModel['readFrom']) => {
    const before = values[tab];
    values[tab] = v;
    const model = { ...tabModel(tab, v), ...(readFrom ? { readFrom } : {}) };
    // A tab whose cells and layout come out as they were keeps its part (no rendering, no deflating).
    if (before && sameCells(before, v) && pkg.keepsSheet(TAB[tab], model)) return;
    pkg.setSheet(TAB[tab], model);
  };
  // Where each ledger row was read from: its texts keep their shared-string indexes.
  const read = values.ledger;
  write(
    'ledger',
    result.ledger,
    read && {
      values: read,
      rows: [0, ...result.ledgerSourceRows.map((r) => (r === null ? undefined : r - 1))],
    },
  );
  write('monthly', result.monthly);
  write('yearly', result.yearly);
  write('problems', result.problems);
  if (log) {
    const c = result.counts;
    appendLog(pkg, values, [
      ctx.nowText,
      ctx.user,
      '重新计算',
      `截至 ${result.asOf}：台账有效条目 ${c.entries} 条（其中本次生成的系统条目 ${c.systemEntries} 条），校验问题 ${c.problems} 条`,
      c.entries,
    ]);
  }
  return result;
}

export interface PublishOutcome {
  result: RecomputeResult;
  snapshot: Snapshot;
  record: PublicationRecord;
  /** 摘要: the chain digest of the sealed 公示记录 row (printed on the 公示). */
  digest: string;
  html: string;
}

/** The 发布月度公示 workflow on an open workbook: recompute, refuse or snapshot, record the digest. */
export function publishBook(
  pkg: XlsxPackage,
  values: WorkbookValues,
  month: string,
  ctx: WorkbookContext,
): PublishOutcome {
  const publications = values.publications;
  refuseIfTampered(pkg, values, '发布');
  const result = recomputeBook(pkg, values, ctx, false);
  const refusal = publishRefusal({
    result,
    values: { ...values, publications },
    month,
    nowMonth: ctx.nowMonth,
    offsetMinutes: XLSX_OFFSET,
  });
  if (refusal) throw new UserError(`不能发布公示：${refusal}`);
  const publisher = ctx.publisher || result.settings.publisherName || '社区两委';
  const snapshot = buildSnapshot(result, { month, publishedAt: ctx.nowText, publisher });
  if (pkg.sheet(snapshot.tabName))
    throw new UserError(
      `不能发布公示：工作簿中已有「${snapshot.tabName}」表，但「${TAB.publications}」中没有它的记录。请核对后删除或改名该表再发布`,
    );
  const record = publicationRecord(snapshot, sha256Hex);
  pkg.addSheet(snapshot.tabName, snapshotModel(snapshot));
  // The seal covers what the file holds: the snapshot and the ledger read back as written.
  const seal = sealAddedTab(pkg, values, publications, {
    period: month,
    tabName: snapshot.tabName,
    publisher,
    publishedAt: ctx.nowText,
    ledger: pkg.values(TAB.ledger),
  });
  appendLog(pkg, values, [
    ctx.nowText,
    ctx.user,
    '发布公示',
    `${snapshot.tabName}：${snapshot.cadres} 名干部，明细 ${snapshot.entries} 条，摘要 ${seal.digest}`,
    snapshot.entries,
  ]);
  const html = monthDocumentHtml(snapshot, {
    communityName: result.settings.communityName,
    publishedAt: ctx.nowText,
    publicityDays: result.settings.publicityDays,
    objectionContact: result.settings.objectionContact,
    publisher,
    reportTo: result.settings.reportTo,
    sha256: seal.digest,
    tabName: snapshot.tabName,
  });
  return { result, snapshot, record, digest: seal.digest, html };
}

/** Top three and bottom three of a month, for the terminal. */
export function monthHighlights(result: RecomputeResult, month: string): string {
  const summary = result.months.find((p) => p.period === month);
  if (!summary) return '';
  const ranked = summary.cadres.filter((c) => c.rank !== null);
  const show = (cs: typeof ranked) =>
    cs.map((c) => `${c.rank}. ${c.name}（${c.cadreId}）月度 ${c.total} 分，年度累计 ${c.yearToDate} 分`);
  const lines = [
    `${result.settings.communityName} ${periodLabel(month)}（共 ${summary.cadres.length} 名干部）`,
  ];
  lines.push('  前三名：', ...show(ranked.slice(0, 3)).map((l) => `    ${l}`));
  lines.push('  倒数三名：', ...show(ranked.slice(-3)).map((l) => `    ${l}`));
  return `${lines.join('\n')}\n`;
}

export function requireXlsxName(file: string): void {
  const ext = extname(file).toLowerCase();
  if (ext === '.xls' || ext === '.et' || ext === '.ods')
    throw new UserError(`不支持 ${ext} 格式，请先另存为 .xlsx（Excel 工作簿）：${file}`);
  if (ext !== '.xlsx') throw new UserError(`文件名应以 .xlsx 结尾：${file}`);
}

/** `jifen demo <out.xlsx>`: the example community's workbook, built with the same workflow as recompute/publish. */
export function runDemo(out: string, opts: { force: boolean; progress: (m: string) => void }): string {
  requireXlsxName(out);
  if (existsSync(out) && !opts.force) throw new UserError(`文件已存在：${out}。如要覆盖，请加 --force`);
  const ctx: WorkbookContext = {
    nowMonth: DEMO_NOW.month,
    nowText: DEMO_NOW.recomputeAt,
    user: DEMO_NOW.publisher,
    progress: opts.progress,
  };
  const { pkg, result } = buildDemoBook(ctx);
  try {
    mkdirSync(dirname(resolve(out)), { recursive: true });
  } catch {
    // reported by the write below
  }
  const notices = withBookLock(out, 'demo', (lock) => {
    // Checked again under the lock: another run may have created the file meanwhile.
    if (existsSync(out) && !opts.force) throw new UserError(`文件已存在：${out}。如要覆盖，请加 --force`);
    writeFilesAtomically([{ path: out, data: pkg.toBuffer() }], lock);
    return lock.notices;
  });
  return `${noticeLines(notices)}已生成示例工作簿：${resolve(out)}\n（示例时钟 ${DEMO_NOW.month}；2026年1–8月已公示，${DEMO_NOW.readyMonth} 可以发布，${DEMO_NOW.month} 有待审核的申报）\n\n${monthHighlights(result, DEMO_NOW.month)}`;
}

/** The demo workbook in memory: input tabs, then recompute, then January–August published in order. */
export function buildDemoBook(ctx: WorkbookContext): { pkg: XlsxPackage; result: RecomputeResult } {
  const { values, readme } = demoInputValues();
  const pkg = XlsxPackage.create();
  pkg.addSheet(TAB.readme, readmeModel(readme));
  for (const tab of ALL_TABS) pkg.addSheet(TAB[tab], tabModel(tab, values[tab] ?? [headersOf(tab)]));
  appendLog(pkg, values, [
    ctx.nowText,
    ctx.user,
    '生成示例',
    'jifen demo：示例社区 12 名干部，2026年1–10月',
    0,
  ]);
  let result = recomputeBook(pkg, values, ctx);
  // In month order, as the add-on and `jifen publish` require.
  for (const month of DEMO_NOW.publishedMonths) {
    result = publishBook(pkg, values, month, { ...ctx, nowText: DEMO_NOW.publishedAt }).result;
  }
  return { pkg, result };
}

/** Notices of the book lock (stale lock taken over, temp files removed), printed before the result. */
export function noticeLines(notices: readonly string[]): string {
  return notices.map((n) => `${n}\n`).join('');
}

/** Fails early with the usual message for a missing file or folder, before a lock is created beside it. */
export function requireExisting(file: string): void {
  if (!existsSync(file)) openBook(file, false);
}

/** `jifen recompute <book.xlsx>`: read–compute–write under the book's lock. */
export function runRecompute(file: string, ctx: WorkbookContext): string {
  requireXlsxName(file);
  requireExisting(file);
  return withBookLock(file, 'recompute', (lock) => recomputeLocked(file, ctx, lock));
}

function recomputeLocked(file: string, ctx: WorkbookContext, lock: BookLock): string {
  ctx.progress('读取工作簿');
  const { pkg, stamp } = openBook(file, true);
  const values = readingBook(file, () => readBookValues(pkg));
  checkStructure(pkg, values);
  refuseIfTampered(pkg, values, '重新计算');
  const result = recomputeBook(pkg, values, ctx);
  ctx.progress('写入文件');
  const { backups } = writeFilesAtomically(
    [{ path: file, data: pkg.toBuffer(), backup: true, unchangedSince: stamp }],
    lock,
  );
  const c = result.counts;
  return (
    noticeLines(lock.notices) +
    `已重新计算 ${result.settings.communityName} ${result.year} 年度（截至 ${result.asOf}）：` +
    `台账有效条目 ${c.entries} 条（其中本次生成的系统条目 ${c.systemEntries} 条），干部 ${c.cadres} 名，校验问题 ${c.problems} 条${c.problems ? '（见「校验问题」表）' : ''}\n` +
    `已写入：${file}\n备份：${backups.join('、') || '无'}\n`
  );
}

/** Path of the printable page beside the workbook: '<book>-公示-2026-10.html'. */
export function htmlPathFor(file: string, tabName: string): string {
  const base = basename(file, extname(file));
  return join(dirname(file), `${base}-${tabName.replace(/\s+/g, '-')}.html`);
}

/** `jifen publish <book.xlsx> --month 2026-10`: the workbook, the HTML page and (with Chromium) its PDF. */
export async function runPublish(file: string, month: string, ctx: WorkbookContext): Promise<string> {
  requireXlsxName(file);
  requireExisting(file);
  // The lock covers the PDF too: it is written beside the book, after it.
  return withBookLock(file, 'publish', (lock) => publishLocked(file, month, ctx, lock));
}

async function publishLocked(
  file: string,
  month: string,
  ctx: WorkbookContext,
  lock: BookLock,
): Promise<string> {
  ctx.progress('读取工作簿');
  const { pkg, stamp } = openBook(file, true);
  const values = readingBook(file, () => readBookValues(pkg));
  checkStructure(pkg, values);
  const out = publishBook(pkg, values, month, ctx);
  ctx.progress('写入文件');
  const html = htmlPathFor(file, out.snapshot.tabName);
  // The book first: a kill between the two renames leaves a publication without its page, never a
  // page (or a success message) for a publication the book does not have.
  const { backups } = writeFilesAtomically(
    [
      { path: file, data: pkg.toBuffer(), backup: true, unchangedSince: stamp },
      { path: html, data: out.html },
    ],
    lock,
  );
  ctx.progress('生成 PDF');
  const pdfPath = html.replace(/\.html$/, '.pdf');
  const printed = await htmlFileToPdf(html);
  let pdfLine: string;
  if ('pdf' in printed) {
    writeFilesAtomically([{ path: pdfPath, data: printed.pdf }], lock);
    pdfLine = `PDF（A4，${pdfPageCount(printed.pdf)} 页）：${pdfPath}`;
  } else pdfLine = `PDF 未生成：${printed.reason}。可用浏览器打开上面的页面，打印为 PDF。`;
  return (
    noticeLines(lock.notices) +
    `已发布 ${periodLabel(month)} 公示：「${out.snapshot.tabName}」（${out.snapshot.cadres} 名干部，明细 ${out.snapshot.entries} 条）\n` +
    `摘要（SHA-256，已印在公示上；请另行交纪检专干保存）：${out.digest}\n` +
    `已写入：${file}\n可打印页面（A4）：${html}\n${pdfLine}\n备份：${backups.join('、') || '无'}\n\n` +
    monthHighlights(out.result, month)
  );
}

/**
 * `jifen verify <book.xlsx> [--digest d1,d2]`: 校验公示 of every sealed publication. `given` are digests
 * from the printed 公示 or the e-mail: a recomputed or deleted record is caught only against them.
 */
export function runVerify(
  file: string,
  given: readonly string[] = [],
): { text: string; ok: boolean; findings: string[] } {
  requireXlsxName(file);
  const { pkg } = openBook(file, false);
  if (!pkg.sheet(TAB.publications)) throw new UserError(`缺少工作表「${TAB.publications}」`);
  const values = readingBook(file, () => readBookValues(pkg));
  const report = readingBook(file, () => bookSeals(pkg, values, given));
  const bad = report.findings;
  if (report.records === 0 && bad.length === 0)
    return { text: '「公示记录」中还没有任何公示。\n', ok: true, findings: bad };
  if (bad.length === 0) {
    const ext = given.length ? `，公示/邮件上的 ${given.length} 个校验码都在公示记录中` : '';
    return {
      text: `校验公示：全部 ${report.records} 张公示与发布时封存的内容一致（公示表的显示内容、已发布月份的台账记录、公示记录的摘要链${ext}）。\n`,
      ok: true,
      findings: bad,
    };
  }
  return {
    text: `校验公示：发现 ${bad.length} 处发布后的改动！\n${bad.map((f) => `  - ${f}`).join('\n')}\n`,
    ok: false,
    findings: bad,
  };
}
