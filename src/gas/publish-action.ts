// 发布月度公示 / 发布更正公示 / 发布半年汇总 / 校验公示 inside Sheets: protected snapshots with SHA-256 records.

import {
  earnedThrough,
  halfOf,
  isMonthKey,
  lastMonthOf,
  parsePeriod,
  periodLabel,
  quarterOf,
  rankAndTier,
  TIER_ZH,
  type YearBook,
} from '../core';
import { type Cell, cellText } from '../shared/cells';
import { buildPeriodReport } from '../shared/period-report';
import {
  appendCorrection,
  buildSnapshot,
  canonicalSnapshotText,
  publishRefusal,
  SNAPSHOT_COLUMN_WIDTHS,
  type Snapshot,
  snapshotTabName,
} from '../shared/publish';
import { readTable, type WorkbookValues } from '../shared/read-tabs';
import type { RecomputeResult } from '../shared/recompute';
import { chainHead, sealRecord } from '../shared/seal';
import { headersOf, TAB } from '../shared/tabs';
import { committeeEmails, UserFacingError } from './access';
import { logAction } from './log';
import { exportSheetPdf } from './pdf';
import { monthProtectionDescription, protectMonthRows, restrictToCommittee } from './protect';
import { recomputeWithValues } from './recompute-action';
import {
  mailSealDigest,
  offsetByDate,
  recordExternalSeal,
  sha256Hex,
  sheetView,
  spreadsheetSeals,
} from './seal-action';
import { appendRows, ensureSize, now, offsetMinutes, readTab } from './sheets-io';
import { mailStatements, type StatementMailReport } from './statement-mail';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { sha256Hex };

export interface PublishOutcome {
  message: string;
  sheetName: string;
  digest: string;
  pdfUrl?: string;
  /** 个人积分单 e-mails of a monthly or correction publication (absent when mailing itself failed). */
  mail?: StatementMailReport;
}

/** Writes snapshot values into a new protected tab; returns the tab and the digest of what reads back. */
export function writeSnapshotTab(
  ss: Spreadsheet,
  name: string,
  values: Cell[][],
  committee: readonly string[],
  style: { headerRows: number[]; tierCol?: number; tierRows?: [number, number]; widths: readonly number[] },
): { sheet: Sheet; digest: string } {
  if (ss.getSheetByName(name)) {
    throw new UserFacingError(
      `已存在名为「${name}」的表。公示表一经生成不再改写；如是失败后残留的空表，请两委核实后删除再发布。`,
    );
  }
  const sheet = ss.insertSheet(name);
  const width = Math.max(...values.map((r) => r.length), style.widths.length);
  const block = values.map((r) => [...r, ...new Array(width - r.length).fill('')]);
  ensureSize(sheet, block.length, width);
  const range = sheet.getRange(1, 1, block.length, width);
  // Text cells as plain text (a 得分依据 like "2026-10" or "=…" must stay what it was), numbers as numbers.
  range.setNumberFormats(block.map((r) => r.map((v) => (typeof v === 'number' ? '0.##' : '@'))));
  range.setValues(block);
  // One alignment for headers and figures: right-aligned numbers under left-aligned headers read as the
  // next column's (and 排名 ran into 编号 as "1 005"). Formatting only: the digest covers the values.
  range.setHorizontalAlignment('left').setVerticalAlignment('top');
  sheet.getRange(1, 1).setFontSize(15).setFontWeight('bold');
  for (const h of style.headerRows)
    sheet
      .getRange(h + 1, 1, 1, width)
      .setFontWeight('bold')
      .setBackground('#e7e6e6');
  style.widths.forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
  if (style.tierCol !== undefined && style.tierRows && style.tierRows[1] > style.tierRows[0]) {
    const [a, b] = style.tierRows;
    const colours = block.slice(a, b).map((r) => {
      const t = cellText(r[style.tierCol!]);
      const c = t.includes(TIER_ZH['bottom-three'].label)
        ? '#f4b6b6'
        : t.includes(TIER_ZH['bottom-third'].label)
          ? '#ffe699'
          : t.includes(TIER_ZH['top-third'].label)
            ? '#c6efce'
            : null;
      return [c];
    });
    sheet.getRange(a + 1, style.tierCol + 1, b - a, 1).setBackgrounds(colours as string[][]);
  }
  restrictToCommittee(
    sheet.protect(),
    committee,
    `「${name}」为已发布的公示，禁止修改（校验公示可发现任何改动）`,
  );
  // The digest covers what Sheets actually stores, so 校验公示 later compares like with like.
  const stored = sheet.getDataRange().getValues() as Cell[][];
  return { sheet, digest: sha256Hex(canonicalSnapshotText(stored)) };
}

/**
 * Appends the sealed 公示记录 row of a written snapshot tab: its look as displayed, the month's ledger
 * rows as stored now (monthly publications), and the previous row's digest. Returns the digest.
 */
export function appendSeal(
  ss: Spreadsheet,
  records: Sheet,
  sheet: Sheet,
  p: { period: string; version: number; publisher: string; when: string; monthly: boolean },
): { digest: string; prev: string } {
  const offset = offsetByDate(ss);
  const existing = readTab(ss, 'publications');
  // A 公示记录 made before sealing lacks the seal columns: appendRows would drop them without a word.
  const header = (existing?.[0] ?? []).map((h) => cellText(h));
  const lacking = headersOf('publications').filter((h) => !header.includes(h));
  if (lacking.length)
    throw new UserFacingError(
      `「${TAB.publications}」表缺少“${lacking.join('”“')}”列，请先运行「初始化/修复表格」再发布（新列用于封存公示）。`,
    );
  const prev = chainHead(existing, offset);
  const seal = sealRecord(
    {
      period: p.period,
      version: p.version,
      tabName: sheet.getName(),
      publisher: p.publisher,
      publishedAt: p.when,
      view: sheetView(sheet),
      ...(p.monthly ? { ledger: readTab(ss, 'ledger') } : {}),
      prev,
      offsetMinutes: offset,
    },
    sha256Hex,
  );
  appendRows(records, 'publications', [seal.row]);
  return { digest: seal.digest, prev };
}

/** Runs `fn`; if it throws, deletes the tabs it may have created (by name) and rethrows. */
export function atomically<T>(ss: Spreadsheet, names: readonly string[], fn: () => T): T {
  const existed = new Set(names.filter((n) => ss.getSheetByName(n)));
  try {
    return fn();
  } catch (e) {
    for (const n of names) {
      const s = ss.getSheetByName(n);
      if (s && !existed.has(n)) {
        try {
          ss.deleteSheet(s);
        } catch {
          // leave it; the refusal message names it
        }
      }
    }
    throw e;
  }
}

/** Cadres in the bottom third or bottom three of the half-year so far (预警). */
export function halfYearWarnings(book: YearBook, month: string): string[] {
  const half = parsePeriod(halfOf(month))!;
  const before =
    half.months[0]! > `${book.year}-01`
      ? `${book.year}-${String(Number(half.months[0]!.slice(5)) - 1).padStart(2, '0')}`
      : '';
  const s = book.scenario;
  const ranked = s.roster.filter(
    (c) =>
      c.ranked &&
      half.months.some(
        (m) => m <= month && (c.startMonth ?? '') <= m && (c.endMonth === null || m <= c.endMonth),
      ),
  );
  const totals = ranked.map((c) => ({
    id: c.id,
    total:
      s.settings.startingPoints +
      earnedThrough(book, c.id, month) -
      (before ? earnedThrough(book, c.id, before) : 0),
  }));
  const res = rankAndTier(totals, s.settings.tierFraction, s.settings.bottomCount);
  const out: string[] = [];
  for (const c of ranked) {
    const r = res.get(c.id)!;
    const bad = r.tiers.filter((t) => t !== 'top-third');
    if (bad.length) out.push(`${c.name}（${c.id}）${bad.map((t) => TIER_ZH[t].label).join('、')}`);
  }
  return out;
}

/** 发布月度公示 for a month. Caller holds the lock and has checked membership. */
export function publishMonth(ss: Spreadsheet, month: string, who: string): PublishOutcome {
  const t = now(ss);
  // December is published in January: compute the month's own year unless 设置 fixes 考核年度.
  const { result, values } = recomputeWithValues(
    ss,
    isMonthKey(month) ? Number(month.slice(0, 4)) : undefined,
    '发布',
  );
  // One refusal for the add-on and jifen (src/shared/publish.ts), 申报异常 and month order included.
  const refusal = publishRefusal({
    result,
    // 申报异常 is not an input of the recompute, but an open one stops the publication.
    values: { ...values, intakeErrors: readTab(ss, 'intakeErrors') },
    month,
    nowMonth: t.month,
    offsetMinutes: offsetMinutes(ss, t.date),
  });
  if (refusal) {
    const corrections = refusal.includes('已') && result.book.scenario.publishedMonths.includes(month);
    throw new UserFacingError(corrections ? `${refusal}\n（菜单「积分管理 › 发布更正公示」）` : refusal);
  }
  const committee = committeeEmails(ss);
  const snapshot = buildSnapshot(result, { month, publishedAt: t.text, publisher: who });
  return finishPublication(
    ss,
    result,
    snapshot,
    committee,
    who,
    t.text,
    1,
    (r) => protectMonthRows(ss, r.ledger, month, committee),
    missingScoresNote(result, month),
  );
}

/** At a quarter's or half-year's last month: a reminder when its assessment scores are not entered yet. */
function missingScoresNote(result: RecomputeResult, month: string): string {
  const s = result.book.scenario;
  const notes: string[] = [];
  for (const r of s.rules) {
    if (!r.active || r.kind !== 'top-n' || !r.scorePeriod) continue;
    const period = r.scorePeriod === 'quarter' ? quarterOf(month) : halfOf(month);
    if (lastMonthOf(parsePeriod(period)!) !== month) continue;
    if (!s.scores.some((x) => x.ruleCode === r.code && x.period === period)) {
      notes.push(`${period}「${r.item}」成绩尚未录入，公示后再录入将不能自动加分（需走更正）`);
    }
  }
  return notes.length ? `\n注意：${notes.join('；')}。` : '';
}

function finishPublication(
  ss: Spreadsheet,
  result: RecomputeResult,
  snapshot: Snapshot,
  committee: readonly string[],
  who: string,
  when: string,
  version: number,
  protectRows: (r: RecomputeResult) => number,
  extraNote = '',
): PublishOutcome {
  const { layout } = snapshot;
  const records = ss.getSheetByName(TAB.publications);
  if (!records) throw new UserFacingError('缺少「公示记录」表，请先运行「初始化/修复表格」。');
  // Until the 公示记录 row exists nothing is published: a failure removes the half-made tab, so a retry works.
  const { sheet, digest, prev } = atomically(ss, [snapshot.tabName], () => {
    const written = writeSnapshotTab(ss, snapshot.tabName, snapshot.values, committee, {
      headerRows: [layout.cadreHeaderRow, layout.detailHeaderRow],
      tierCol: 8,
      tierRows: layout.cadreRows,
      widths: SNAPSHOT_COLUMN_WIDTHS,
    });
    const seal = appendSeal(ss, records, written.sheet, {
      period: snapshot.month,
      version,
      publisher: who,
      when,
      monthly: true,
    });
    return { sheet: written.sheet, ...seal };
  });
  recordExternalSeal(snapshot.tabName, digest);
  // Published from here on: what fails now is a warning, not an error.
  let runs = 0;
  let lockNote = '';
  try {
    runs = protectRows(result);
  } catch (e) {
    lockNote = `（台账行加锁未完成：${(e as Error)?.message ?? String(e)}；请所有者运行「初始化/修复表格」后再发布下一个月。）`;
  }
  const pdf = exportSheetPdf(ss, sheet, snapshot.tabName, { portrait: true });
  const mailNote = mailSealDigest(
    ss,
    { tabName: snapshot.tabName, period: snapshot.month, digest, prev, publisher: who, when },
    who,
  );
  const warnings = halfYearWarnings(result.book, snapshot.month);
  logAction(
    ss,
    when,
    who,
    version > 1 ? '发布更正公示' : '发布月度公示',
    `${snapshot.tabName}：${snapshot.cadres} 名干部，明细 ${snapshot.entries} 条，摘要 ${digest}`,
    snapshot.values.length,
  );
  // SPEC §4.9: every cadre with an e-mail gets their own statement. A failure here never undoes the publication.
  let mail: StatementMailReport | undefined;
  let mailLine: string;
  try {
    mail = mailStatements(
      ss,
      result,
      snapshot.month,
      { tabName: snapshot.tabName, revision: snapshot.revision, publishedAt: when, sha256: digest },
      who,
    );
    mailLine = mail.message;
  } catch (e) {
    mailLine = `个人积分单未能发送（${(e as Error)?.message ?? String(e)}）；公示已发布。`;
    try {
      logAction(ss, when, who, '发送个人积分单', mailLine, 0);
    } catch {
      // the publication is recorded; the message above tells the committee
    }
  }
  const lines = [
    `已发布「${snapshot.tabName}」：${snapshot.cadres} 名干部，明细 ${snapshot.entries} 条。${extraNote}`,
    `校验码（封存摘要，SHA-256）：${digest}`,
    mailNote,
    lockNote || `${periodLabel(snapshot.month)}的台账记录已锁定（${runs} 处保护）。`,
    pdf.ok
      ? `打印版 PDF：${pdf.url}`
      : `PDF 未能自动导出（${pdf.reason}）。公示已发布，可用「文件 › 下载 › PDF」手动导出「${snapshot.tabName}」。`,
  ];
  if (warnings.length)
    lines.push(`预警（${periodLabel(halfOf(snapshot.month))}至今）：${warnings.join('；')}`);
  lines.push(mailLine);
  return {
    message: lines.join('\n'),
    sheetName: snapshot.tabName,
    digest,
    ...(pdf.ok ? { pdfUrl: pdf.url } : {}),
    ...(mail ? { mail } : {}),
  };
}

/** Records of a period in 公示记录, oldest first. */
function recordsOf(ss: Spreadsheet, period: string): { version: number; tabName: string }[] {
  return readTable(readTab(ss, 'publications'), 'publications', [])
    .rows.filter((r) => cellText(r.get('期间')) === period)
    .map((r) => ({ version: Number(r.get('版本')) || 1, tabName: cellText(r.get('公示表')) }))
    .sort((a, b) => a.version - b.version);
}

/** 发布更正公示: a revised snapshot of a published month listing exactly what changed. */
export function publishCorrection(ss: Spreadsheet, month: string, who: string): PublishOutcome {
  if (!isMonthKey(month)) throw new UserFacingError(`月份格式应为 2026-10（实际：${month}）`);
  const records = recordsOf(ss, month);
  if (records.length === 0)
    throw new UserFacingError(`${month} 尚未发布公示，无需更正；请直接发布月度公示。`);
  const t = now(ss);
  const { result } = recomputeWithValues(ss, Number(month.slice(0, 4)), '发布');
  if (result.year !== Number(month.slice(0, 4))) {
    throw new UserFacingError(
      `${month} 不在当前考核年度 ${result.year}。请把「设置」中的考核年度临时改为 ${month.slice(0, 4)}（或留空），发布更正公示后再改回。`,
    );
  }
  const last = records[records.length - 1]!;
  const prev = (readTabByName(ss, last.tabName) ?? []) as Cell[][];
  const revision = last.version; // version 1 = original → 更正1
  const snapshot = buildSnapshot(result, { month, revision, publishedAt: t.text, publisher: who });
  // What changed: the new correction entries, and each affected cadre's figures before → after.
  const { corrections } = appendCorrection(snapshot, result, { tabName: last.tabName, values: prev });
  if (corrections === 0) {
    throw new UserFacingError(
      `${month} 没有新的更正条目。请先在「录入积分事项 › 处理异议」中记录成立的异议和更正条目。`,
    );
  }
  const committee = committeeEmails(ss);
  return finishPublication(
    ss,
    result,
    snapshot,
    committee,
    who,
    t.text,
    revision + 1,
    // The recompute above already re-protected every row of this published month, corrections included.
    () => countMonthProtections(ss, month),
    `其中更正 ${corrections} 条；原公示「${snapshotTabName(month)}」保持不变。`,
  );
}

/** How many row protections a published month has in 积分台账. */
function countMonthProtections(ss: Spreadsheet, month: string): number {
  const sheet = ss.getSheetByName(TAB.ledger);
  if (!sheet) return 0;
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === monthProtectionDescription(month)).length;
}

function readTabByName(ss: Spreadsheet, name: string): Cell[][] | undefined {
  const s = ss.getSheetByName(name);
  return s ? (s.getDataRange().getValues() as Cell[][]) : undefined;
}

/** 发布半年汇总: the half-year ranking (protected, digested) and the report for the 街道党工委 (tab + PDF). */
export function publishHalfYear(ss: Spreadsheet, period: string, who: string): PublishOutcome {
  const p = parsePeriod(period);
  if (p?.kind !== 'half-year')
    throw new UserFacingError(`半年期间应为 2026-H1 或 2026-H2（实际：${period}）`);
  if (recordsOf(ss, period).length > 0) throw new UserFacingError(`${period} 已发布半年汇总，不能重复发布。`);
  const t = now(ss);
  const { result } = recomputeWithValues(ss, p.year, '发布');
  if (p.year !== result.year) throw new UserFacingError(`${period} 不在考核年度 ${result.year} 内。`);
  const published = new Set(result.book.scenario.publishedMonths);
  const withData = new Set([
    ...result.book.scenario.entries.filter((e) => e.source !== 'system').map((e) => e.month),
    ...result.book.scenario.attendance.map((a) => a.month),
  ]);
  const open = p.months.filter((m) => withData.has(m) && !published.has(m));
  if (open.length)
    throw new UserFacingError(`请先发布 ${open.join('、')} 的月度公示，再发布${periodLabel(period)}汇总。`);
  if (![...withData].some((m) => p.months.includes(m)))
    throw new UserFacingError(`${periodLabel(period)}没有任何积分数据。`);
  const committee = committeeEmails(ss);
  const report = buildPeriodReport(result, period, { publishedAt: t.text, publisher: who });
  const widths = [50, 60, 70, 90, 55, 50, 50, 50, 55, 120, 300, 180];
  const records = ss.getSheetByName(TAB.publications);
  if (!records) throw new UserFacingError('缺少「公示记录」表，请先运行「初始化/修复表格」。');
  const { snap, rep } = atomically(ss, [report.tabName, report.reportTabName], () => {
    const snap = writeSnapshotTab(ss, report.tabName, report.values, committee, {
      headerRows: [report.table.header],
      tierCol: 9,
      tierRows: [report.table.start, report.table.end],
      widths,
    });
    const rep = writeSnapshotTab(ss, report.reportTabName, report.reportValues, committee, {
      headerRows: [
        report.reportValues.length - report.values.slice(report.table.start, report.table.end).length - 1,
      ],
      widths,
    });
    const one = { period, version: 1, publisher: who, when: t.text, monthly: false };
    const first = appendSeal(ss, records, snap.sheet, one);
    const second = appendSeal(ss, records, rep.sheet, one);
    return { snap: { ...snap, ...first }, rep: { ...rep, ...second } };
  });
  recordExternalSeal(report.tabName, snap.digest);
  recordExternalSeal(report.reportTabName, rep.digest);
  // The 报告's ranking table has twelve columns: landscape.
  const pdf = exportSheetPdf(ss, rep.sheet, report.reportTabName, { portrait: false });
  const mailNote = mailSealDigest(
    ss,
    {
      tabName: report.reportTabName,
      period,
      digest: rep.digest,
      prev: rep.prev,
      publisher: who,
      when: t.text,
    },
    who,
  );
  logAction(
    ss,
    t.text,
    who,
    '发布半年汇总',
    `${report.tabName}、${report.reportTabName}：前三分之一 ${report.topThird.length} 人，后三分之一 ${report.bottomThird.length} 人，倒数三名 ${report.bottomThree.length} 人`,
    report.values.length,
  );
  const names = (cs: typeof report.topThird) => (cs.length ? cs.map((c) => c.name).join('、') : '无');
  return {
    message: [
      `已发布「${report.tabName}」和报街道党工委的「${report.reportTabName}」。`,
      `前三分之一（物质奖励）：${names(report.topThird)}`,
      `后三分之一：${names(report.bottomThird)}；倒数三名：${names(report.bottomThree)}`,
      report.ties.length ? `并列需两委研究：${names(report.ties)}` : '',
      `校验码（封存摘要，SHA-256）：${snap.digest}；报告 ${rep.digest}`,
      mailNote,
      pdf.ok
        ? `报告 PDF：${pdf.url}`
        : `报告 PDF 未能自动导出（${pdf.reason}），可用「文件 › 下载 › PDF」手动导出。`,
    ]
      .filter(Boolean)
      .join('\n'),
    sheetName: report.tabName,
    digest: snap.digest,
    ...(pdf.ok ? { pdfUrl: pdf.url } : {}),
  };
}

/** 校验公示: checks every sealed publication (chain, records, snapshots as displayed, ledger rows) and names each change. */
export function verifySnapshots(ss: Spreadsheet, who: string): { message: string; modified: number } {
  const report = spreadsheetSeals(ss);
  const bad = report.findings;
  const t = now(ss);
  logAction(
    ss,
    t.text,
    who,
    '校验公示',
    bad.length ? bad.join('；') : `全部 ${report.records} 份一致`,
    bad.length,
  );
  if (report.records === 0 && bad.length === 0) return { message: '还没有发布过公示。', modified: 0 };
  if (bad.length === 0)
    return {
      message: `校验通过：${report.records} 份公示与发布时封存的内容一致（公示表的显示内容、已发布月份的台账记录、公示记录的摘要链），未被改动。`,
      modified: 0,
    };
  return {
    message: [
      `发现 ${bad.length} 处发布后的改动：`,
      ...bad.map((f) => `- ${f}`),
      '请查看「操作日志」与表格的版本记录，核实后由两委处理（恢复原样；确有错误的走异议和更正公示）。',
    ].join('\n'),
    modified: bad.length,
  };
}

export type { WorkbookValues };
