// `jifen statements <book.xlsx> --month 2026-10 --out <dir>`: one private 个人积分单 page (HTML, and PDF with Chromium) per cadre of a published month.

import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMonthKey, periodLabel } from '../../core';
import { cellText } from '../../shared/cells';
import { canonicalSnapshotText } from '../../shared/publish';
import { readTable } from '../../shared/read-tabs';
import { recompute } from '../../shared/recompute';
import { buildStatements, type StatementPublication, statementHtml } from '../../shared/statement';
import { TAB } from '../../shared/tabs';
import { UserError } from '../errors';
import { htmlFilesToPdf } from '../pdf';
import { checkStructure, readBookValues, sha256Hex, type WorkbookContext } from './commands';
import { openBook, writeFilesAtomically } from './files';

/** .xlsx Date cells are UTC wall time (see cells.dateParts). */
const XLSX_OFFSET = 0;

/** '<id>-<name>.html' with characters no file system accepts replaced (names are typed by people). */
export function statementFileName(cadreId: string, name: string, ext = 'html'): string {
  const safe = (t: string) =>
    t
      .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
      .replace(/^\.+/, '_')
      .trim();
  return `${safe(cadreId)}-${safe(name) || '未命名'}.${ext}`;
}

/** The latest 公示记录 row of a month (highest 版本), or undefined when the month is not published. */
function latestPublication(
  publications: Parameters<typeof readTable>[0],
  month: string,
): StatementPublication | undefined {
  let best: (StatementPublication & { version: number }) | undefined;
  for (const r of readTable(publications, 'publications', ['期间']).rows) {
    if (cellText(r.get('期间'), XLSX_OFFSET) !== month) continue;
    const version = Number(r.get('版本')) || 1;
    if (best && best.version >= version) continue;
    best = {
      version,
      revision: version - 1,
      tabName: cellText(r.get('公示表')),
      publishedAt: cellText(r.get('发布时间'), XLSX_OFFSET),
      sha256: cellText(r.get('SHA-256')).toLowerCase() || undefined,
    };
  }
  if (!best) return undefined;
  const { version: _, ...pub } = best;
  return pub;
}

export async function runStatements(
  file: string,
  month: string,
  outDir: string,
  ctx: WorkbookContext,
): Promise<string> {
  if (!/\.xlsx$/i.test(file)) throw new UserError(`文件名应以 .xlsx 结尾：${file}`);
  if (!isMonthKey(month)) throw new UserError(`月份格式应为 YYYY-MM，例如 2026-10（实际：${month}）`);
  ctx.progress('读取工作簿');
  const { pkg } = openBook(file, false);
  const values = readBookValues(pkg);
  checkStructure(pkg, values);
  // SPEC §4.9: statements follow publication; an unpublished month's figures may still change.
  const publication = latestPublication(values.publications, month);
  if (!publication)
    throw new UserError(
      `${month} 尚未发布公示，不能生成个人积分单（个人积分单在公示之后生成，内容与公示一致）。` +
        `请先运行 jifen publish ${file} --month ${month}`,
    );
  try {
    if (!statSync(outDir).isDirectory()) throw new UserError(`--out ${outDir} 是文件，不是文件夹`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    try {
      mkdirSync(outDir, { recursive: true });
    } catch {
      throw new UserError(`无法创建文件夹 ${outDir}`);
    }
  }
  ctx.progress('计算积分');
  // In memory only: the workbook is read, never rewritten.
  const result = recompute(values, {
    nowMonth: ctx.nowMonth,
    nowText: ctx.nowText,
    offsetMinutes: XLSX_OFFSET,
  });
  if (result.year !== Number(month.slice(0, 4)))
    throw new UserError(`${month} 不在考核年度 ${result.year} 内（见「${TAB.settings}」表的“考核年度”）`);
  if (!result.months.some((p) => p.period === month))
    throw new UserError(`${month} 没有可汇总的积分数据，不能生成个人积分单`);
  const statements = buildStatements(result, month, publication, ctx.nowText);
  // A correction entered but not yet published would make a statement differ from the 公示.
  const snapshot = pkg.values(publication.tabName);
  const warnings: string[] = [];
  if (!snapshot) warnings.push(`工作簿中找不到公示表「${publication.tabName}」，请运行 jifen verify 核对`);
  else {
    if (publication.sha256 && sha256Hex(canonicalSnapshotText(snapshot)) !== publication.sha256)
      warnings.push(
        `「${publication.tabName}」与「${TAB.publications}」的校验码不符（发布后被改动），请运行 jifen verify 核对`,
      );
    const shown = new Set(snapshot.map((r) => cellText(r[9])).filter(Boolean));
    const extra = result.book.entries.filter((e) => e.month === month && !shown.has(e.id)).map((e) => e.id);
    if (extra.length)
      warnings.push(
        `有 ${extra.length} 条已通过的条目不在「${publication.tabName}」中（${extra.slice(0, 5).join('、')}${extra.length > 5 ? '等' : ''}），` +
          '个人积分单已计入它们，可能与公示不一致；请先发布更正公示',
      );
  }
  // Listed and written by cadre id: the terminal shows files, not a ranking.
  const pages = [...statements]
    .sort((a, b) => (a.cadreId < b.cadreId ? -1 : 1))
    .map((s) => ({
      path: join(outDir, statementFileName(s.cadreId, s.name)),
      data: statementHtml(s),
    }));
  ctx.progress('写入个人积分单');
  writeFilesAtomically(pages);
  ctx.progress('生成 PDF');
  const printed = await htmlFilesToPdf(pages.map((p) => p.path));
  const pdfs = printed.flatMap((r, i) =>
    'pdf' in r ? [{ path: pages[i]!.path.replace(/\.html$/, '.pdf'), data: r.pdf }] : [],
  );
  if (pdfs.length) writeFilesAtomically(pdfs);
  const failed = printed.find((r): r is { reason: string } => 'reason' in r);
  const pdfLine = failed
    ? pdfs.length
      ? `PDF：${pdfs.length} 份已生成，${printed.length - pdfs.length} 份未生成（${failed.reason}）`
      : `PDF 未生成：${failed.reason}。可用浏览器打开页面，打印为 PDF。`
    : `PDF：每人一份（A4），与页面同名`;
  return (
    `已生成 ${periodLabel(month)}个人积分单 ${pages.length} 份（依据「${publication.tabName}」）：${resolve(outDir)}\n` +
    pages.map((p) => `  ${p.path}\n`).join('') +
    `${pdfLine}\n` +
    warnings.map((w) => `注意：${w}\n`).join('') +
    '每份只含本人的积分和申报，请分别发给本人，不要转发到群里。\n'
  );
}
