// Seals in Sheets: a tab as displayed, the check of every sealed publication, the digest kept outside the cells and e-mailed to the 纪检专干.

import type { Cell } from '../shared/cells';
import type { WorkbookValues } from '../shared/read-tabs';
import { checkSeals, type SealReport, type TabView } from '../shared/seal';
import { disciplineEmail } from './access';
import { logAction } from './log';
import { offsetMinutes, readTab } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** SHA-256 as lowercase hex, through Apps Script's own digest (signed bytes → 0..255). */
export function sha256Hex(text: string): string {
  return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)
    .map((b) => ((b + 256) % 256).toString(16).padStart(2, '0'))
    .join('');
}

/**
 * A tab as a reader sees it: stored values, getDisplayValues, getNumberFormats, rows and columns hidden
 * by a user, merged blocks, whether the tab is hidden, its exact name.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#isRowHiddenByUser(Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getMergedRanges()
 */
export function sheetView(sheet: Sheet): TabView {
  const range = sheet.getDataRange();
  const rows = range.getNumRows();
  const cols = range.getNumColumns();
  const hiddenRows: number[] = [];
  const hiddenColumns: number[] = [];
  for (let r = 1; r <= rows; r++) if (sheet.isRowHiddenByUser(r)) hiddenRows.push(r);
  for (let c = 1; c <= cols; c++) if (sheet.isColumnHiddenByUser(c)) hiddenColumns.push(c);
  return {
    name: sheet.getName(),
    hidden: sheet.isSheetHidden(),
    values: range.getValues() as Cell[][],
    display: range.getDisplayValues(),
    formats: range.getNumberFormats(),
    hiddenRows,
    hiddenColumns,
    merges: range.getMergedRanges().map((m) => m.getA1Notation()),
  };
}

const SEAL_PREFIX = 'jifen.seal.';

/** The spreadsheet's offset at each date, asked once per day (DST changes it twice a year). */
export function offsetByDate(ss: Spreadsheet): (d: Date) => number {
  const memo = new Map<number, number>();
  return (d) => {
    const day = Math.floor(d.getTime() / 86_400_000);
    let o = memo.get(day);
    if (o === undefined) {
      o = offsetMinutes(ss, d);
      memo.set(day, o);
    }
    return o;
  };
}

/**
 * The add-on's document properties. Why there: they can be written only by this script, not by an
 * editor of the cells ("Document properties created by a script are not accessible outside that
 * script, even by other scripts accessing the same document",
 * https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()).
 */
function docProps(): GoogleAppsScript.Properties.Properties | null {
  try {
    return PropertiesService.getDocumentProperties();
  } catch {
    return null;
  }
}

/** Digests kept outside the cells at publication, by 公示表 name. */
export function externalSeals(): Map<string, string> {
  const out = new Map<string, string>();
  const all = docProps()?.getProperties() ?? {};
  for (const [k, v] of Object.entries(all))
    if (k.startsWith(SEAL_PREFIX)) out.set(k.slice(SEAL_PREFIX.length), v);
  return out;
}

/** Forgets every digest kept outside (年度结转: the new year's chain starts fresh; the archive keeps the old one). */
export function clearExternalSeals(): number {
  const p = docProps();
  if (!p) return 0;
  const keys = Object.keys(p.getProperties()).filter((k) => k.startsWith(SEAL_PREFIX));
  for (const k of keys) p.deleteProperty(k);
  return keys.length;
}

export function recordExternalSeal(tabName: string, digest: string): void {
  docProps()?.setProperty(SEAL_PREFIX + tabName, digest);
}

/** Every sealed publication checked (values already read may be passed in). */
export function spreadsheetSeals(
  ss: Spreadsheet,
  values: WorkbookValues = {},
  external: Map<string, string> = externalSeals(),
): SealReport {
  const publications = values.publications ?? readTab(ss, 'publications');
  if ((publications?.length ?? 0) <= 1 && external.size === 0) return { findings: [], records: 0, sealed: 0 };
  const sheets = ss.getSheets();
  const byName = new Map(sheets.map((s) => [s.getName(), s]));
  const views = new Map<string, TabView | undefined>();
  return checkSeals({
    publications,
    ledger: values.ledger ?? readTab(ss, 'ledger'),
    objections: values.objections ?? readTab(ss, 'objections'),
    offsetMinutes: offsetByDate(ss),
    tabs: sheets.map((s) => ({ name: s.getName(), hidden: s.isSheetHidden() })),
    view: (name) => {
      if (!views.has(name)) {
        const s = byName.get(name);
        views.set(name, s ? sheetView(s) : undefined);
      }
      return views.get(name);
    },
    sha256Hex,
    external,
  });
}

/**
 * E-mails a publication's digest to the 纪检专干 (role as the committee confirmed it, else 设置), so a
 * copy exists outside the spreadsheet. Returns the line for the publish message; never throws.
 */
export function mailSealDigest(
  ss: Spreadsheet,
  seal: { tabName: string; period: string; digest: string; prev: string; publisher: string; when: string },
  who: string,
): string {
  let to = '';
  try {
    to = disciplineEmail(ss);
    if (!to) return '未设置纪检专干邮箱，摘要没有发送；请把上面的校验码另行交纪检专干保存。';
    MailApp.sendEmail({
      to,
      subject: `公示封存摘要：${seal.tabName}（${seal.when}）`,
      body: [
        `「${seal.tabName}」已发布（期间 ${seal.period}，发布人 ${seal.publisher}，${seal.when}）。`,
        '',
        `摘要（SHA-256）：${seal.digest}`,
        `上一摘要：${seal.prev}`,
        '',
        '请保存本邮件。摘要覆盖该月的积分台账记录、公示表的显示内容（数值、格式、隐藏行列、合并、表名和可见性）和上一次发布的摘要。',
        '核对方法：在表格中运行「积分管理 › 校验公示」，并对照「公示记录」表中该行的“摘要”：与本邮件不同，说明公示记录在发布后被改动或重新计算。',
        '',
        `积分台账：${ss.getUrl()}`,
        '（本邮件由积分台账自动发送）',
      ].join('\n'),
      name: '积分台账',
    });
  } catch (e) {
    return `摘要邮件未能发送给纪检专干（${(e as Error)?.message ?? String(e)}）；请把上面的校验码另行交纪检专干保存。`;
  }
  logAction(ss, seal.when, who, '发送摘要', `${seal.tabName} 摘要 ${seal.digest} 已发送给纪检专干 ${to}`, 1);
  return `摘要已发送给纪检专干 ${to}。`;
}
