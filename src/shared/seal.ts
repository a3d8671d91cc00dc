// Sealed publications, pure: what a 公示记录 row seals (ledger rows, snapshot as displayed, previous digest), and naming every change since.

import { type Cell, cellMonth, cellText } from './cells';
import { canonicalSnapshotText, DETAIL_TABLE_HEADERS } from './publish';
import { readTable } from './read-tabs';
import { headersOf, TAB } from './tabs';

/** 上一摘要 of the first sealed publication: a fixed genesis value. */
export const GENESIS = '0'.repeat(64);

/** Version tag inside every seal text, so a later format can never collide with this one. */
const SEAL_TAG = 'jifen-seal-1';

/**
 * A tab as a reader sees it. Sheets: getValues, getDisplayValues, getNumberFormats, isRowHiddenByUser,
 * isColumnHiddenByUser, getMergedRanges, isSheetHidden, getName. .xlsx: stored values, their text as
 * display, each cell's number format code, <row hidden>, <col hidden>, <mergeCell>, <sheet state>.
 */
export interface TabView {
  name: string;
  hidden: boolean;
  values: readonly (readonly Cell[])[];
  display: readonly (readonly string[])[];
  formats: readonly (readonly string[])[];
  /** 1-based rows hidden by a user, ascending. */
  hiddenRows: readonly number[];
  /** 1-based columns hidden by a user, ascending. */
  hiddenColumns: readonly number[];
  /** Merged ranges in A1 notation, e.g. 'A1:J1'. */
  merges: readonly string[];
}

export type Sha256 = (text: string) => string;

/**
 * UTC offset of Date cells: a number, or the offset at each date. Why a function: in a time zone with
 * daylight saving, a January date read in July with July's offset would shift by an hour and look edited.
 */
export type Offset = number | ((d: Date) => number);

const offsetOf = (v: Cell, o: Offset): number => (typeof o === 'number' ? o : v instanceof Date ? o(v) : 0);
const textAt = (v: Cell, o: Offset) => cellText(v, offsetOf(v, o));

/** Canonical text of one row of values: as canonicalSnapshotText, one row. */
function valueRow(r: readonly Cell[] | undefined): string[] {
  const t = (r ?? []).map((v) => cellText(v, 0));
  while (t.length && t[t.length - 1] === '') t.pop();
  return t;
}

/** One displayed row: [display text, number format] per cell, without trailing empty cells. */
function displayRow(v: TabView, i: number): [string, string][] {
  const d = v.display[i] ?? [];
  const f = v.formats[i] ?? [];
  const out: [string, string][] = [];
  const n = Math.max(d.length, f.length);
  for (let c = 0; c < n; c++) out.push([String(d[c] ?? ''), String(f[c] ?? '')]);
  while (out.length && out[out.length - 1]![0] === '') out.pop();
  return out;
}

function rowCount(v: TabView): number {
  let n = Math.max(v.values.length, v.display.length);
  while (n > 0 && valueRow(v.values[n - 1]).length === 0 && displayRow(v, n - 1).length === 0) n--;
  return n;
}

/** Canonical text of a tab as displayed: exact name, visibility, every shown text with its format, hidden rows and columns, merges. */
export function canonicalViewText(v: TabView): string {
  const n = rowCount(v);
  const rows: [string, string][][] = [];
  for (let i = 0; i < n; i++) rows.push(displayRow(v, i));
  return JSON.stringify({
    name: v.name,
    hidden: v.hidden,
    rows,
    hiddenRows: [...v.hiddenRows].sort((a, b) => a - b),
    hiddenColumns: [...v.hiddenColumns].sort((a, b) => a - b),
    merges: [...v.merges].sort(),
  });
}

/** What the seal remembers of a snapshot's look, to name what changed later (stored in 封存明细). */
export interface ViewDetail {
  /** SHA-256 of canonicalViewText. */
  d: string;
  h: boolean;
  hr: number[];
  hc: number[];
  m: string[];
  /** Per row: 8 hex of the SHA-256 of its values; and of its display (texts and formats). */
  rv: string[];
  rf: string[];
}

function short(sha: Sha256, s: string): string {
  return sha(s).slice(0, 8);
}

export function viewDetail(v: TabView, sha: Sha256): ViewDetail {
  const n = rowCount(v);
  const rv: string[] = [];
  const rf: string[] = [];
  for (let i = 0; i < n; i++) {
    rv.push(short(sha, JSON.stringify(valueRow(v.values[i]))));
    rf.push(short(sha, JSON.stringify(displayRow(v, i))));
  }
  return {
    d: sha(canonicalViewText(v)),
    h: v.hidden,
    hr: [...v.hiddenRows],
    hc: [...v.hiddenColumns],
    m: [...v.merges].sort(),
    rv,
    rf,
  };
}

const LEDGER_HEADERS = headersOf('ledger');

export interface LedgerRowText {
  /** 1-based row in 积分台账. */
  row: number;
  fields: Record<string, string>;
}

/**
 * The ledger rows a publication of `month` seals: every 积分台账 row whose 月份 is the month, except
 * 来源 更正 rows (a correction is added to a published month on purpose, and is sealed by its own
 * 更正公示). Fields by header, as text (Date cells in the sheet's offset).
 */
export function sealedLedgerRows(
  ledger: readonly (readonly Cell[])[] | undefined,
  month: string,
  offsetMinutes: Offset,
  corrections = false,
): LedgerRowText[] {
  const t = readTable(ledger as Cell[][] | undefined, 'ledger', []);
  const out: LedgerRowText[] = [];
  for (const r of t.rows) {
    if (cellMonth(r.get('月份'), offsetOf(r.get('月份'), offsetMinutes)) !== month) continue;
    if ((cellText(r.get('来源')) === '更正') !== corrections) continue;
    const fields: Record<string, string> = {};
    for (const h of LEDGER_HEADERS) if (t.index.has(h)) fields[h] = textAt(r.get(h), offsetMinutes);
    out.push({ row: r.row, fields });
  }
  return out;
}

/** Canonical text of sealed ledger rows: each row's fields in COLUMNS order, rows sorted (position does not matter). */
export function canonicalLedgerText(rows: readonly LedgerRowText[]): string {
  return JSON.stringify(rows.map((r) => JSON.stringify(LEDGER_HEADERS.map((h) => r.fields[h] ?? ''))).sort());
}

/** The sealed fields of a 公示记录 row, as text. */
export interface SealFields {
  period: string;
  version: string;
  tabName: string;
  publisher: string;
  publishedAt: string;
  rows: string;
  /** SHA-256 of the snapshot's values (canonicalSnapshotText), as before sealing existed. */
  sha256: string;
  /** Number of sealed ledger rows ('' for a half-year publication). */
  ledgerRows: string;
  /** SHA-256 of canonicalLedgerText ('' for a half-year publication). */
  ledgerSha: string;
  /** JSON of ViewDetail. */
  detail: string;
  prev: string;
}

/** 摘要: SHA-256 over the previous digest and every sealed field. */
export function chainDigest(f: SealFields, sha: Sha256): string {
  return sha(
    JSON.stringify([
      SEAL_TAG,
      f.prev,
      f.period,
      f.version,
      f.tabName,
      f.publisher,
      // A time of exactly 00:00:00 reads back from a date-time cell as the date alone.
      f.publishedAt.replace(/ 00:00:00$/, ''),
      f.rows,
      f.sha256,
      f.ledgerRows,
      f.ledgerSha,
      f.detail,
    ]),
  );
}

/** Reads the sealed fields of each 公示记录 row (header first); rows without 摘要 are legacy (values only). */
export function readRecords(
  publications: readonly (readonly Cell[])[] | undefined,
  offsetMinutes: Offset,
): { row: number; fields: SealFields; digest: string }[] {
  const t = readTable(publications as Cell[][] | undefined, 'publications', []);
  return t.rows.map((r) => {
    const g = (h: string) => textAt(r.get(h), offsetMinutes);
    return {
      row: r.row,
      digest: g('摘要').toLowerCase(),
      fields: {
        period: g('期间'),
        version: g('版本'),
        tabName: g('公示表'),
        publisher: g('发布人'),
        publishedAt: g('发布时间'),
        rows: g('行数'),
        sha256: g('SHA-256').toLowerCase(),
        ledgerRows: g('台账行数'),
        ledgerSha: g('台账SHA-256').toLowerCase(),
        detail: g('封存明细'),
        prev: g('上一摘要').toLowerCase(),
      },
    };
  });
}

/** The 上一摘要 of the next publication: the last sealed row's 摘要, or GENESIS. */
export function chainHead(
  publications: readonly (readonly Cell[])[] | undefined,
  offsetMinutes: Offset,
): string {
  const sealed = readRecords(publications, offsetMinutes).filter((r) => r.digest);
  return sealed.length ? sealed[sealed.length - 1]!.digest : GENESIS;
}

/** 封存明细 as stored: within a cell's 50,000 characters (very long snapshots keep no per-row values). */
function detailText(d: ViewDetail): string {
  const full = JSON.stringify(d);
  return full.length <= 45000 ? full : JSON.stringify({ ...d, rv: [], rf: [] });
}

export interface SealInput {
  period: string;
  version: number;
  tabName: string;
  publisher: string;
  publishedAt: string;
  /** The snapshot tab as written (read back). */
  view: TabView;
  /** The ledger as stored after the publication's recompute; undefined for a half-year publication. */
  ledger?: readonly (readonly Cell[])[] | undefined;
  prev: string;
  offsetMinutes: Offset;
}

/** The full 公示记录 row of a sealed publication, in COLUMNS.publications order, and its digest. */
export function sealRecord(
  input: SealInput,
  sha: Sha256,
): { row: Cell[]; fields: SealFields; digest: string } {
  const monthly = /^\d{4}-\d{2}$/.test(input.period) && input.ledger !== undefined;
  const rows = monthly ? sealedLedgerRows(input.ledger, input.period, input.offsetMinutes) : [];
  const fields: SealFields = {
    period: input.period,
    version: String(input.version),
    tabName: input.tabName,
    publisher: input.publisher,
    publishedAt: input.publishedAt,
    rows: String(rowCount(input.view)),
    sha256: sha(canonicalSnapshotText(input.view.values)),
    ledgerRows: monthly ? String(rows.length) : '',
    ledgerSha: monthly ? sha(canonicalLedgerText(rows)) : '',
    detail: detailText(viewDetail(input.view, sha)),
    prev: input.prev,
  };
  const digest = chainDigest(fields, sha);
  const row: Cell[] = [
    fields.period,
    input.version,
    fields.tabName,
    fields.publisher,
    fields.publishedAt,
    rowCount(input.view),
    fields.sha256,
    monthly ? rows.length : '',
    fields.ledgerSha,
    fields.detail,
    fields.prev,
    digest,
  ];
  return { row, fields, digest };
}

export interface SealEnv {
  publications: readonly (readonly Cell[])[] | undefined;
  ledger: readonly (readonly Cell[])[] | undefined;
  /** 异议处理: upheld objections list the correction rows they added. */
  objections?: readonly (readonly Cell[])[] | undefined;
  offsetMinutes: Offset;
  /** Every tab's name and visibility, in tab order. */
  tabs: readonly { name: string; hidden: boolean }[];
  /** The view of a tab by exact name. */
  view: (name: string) => TabView | undefined;
  sha256Hex: Sha256;
  /** Digests recorded outside the spreadsheet at publication, by 公示表 name (Sheets: document properties). */
  external?: ReadonlyMap<string, string>;
  /** Digests from the printed 公示 or the e-mail, typed by the checker (CLI --digest). */
  given?: readonly string[];
}

export interface SealReport {
  /** Every change found, in Chinese, naming month, tab, row and what. */
  findings: string[];
  /** 公示记录 rows checked. */
  records: number;
  /** Of those, sealed ones (with 摘要). */
  sealed: number;
}

const shortHex = (s: string) => `${s.slice(0, 12)}…`;

/** Tab names compared as a reader would: width-folded, no spaces or invisible characters, one kind of dash. */
export function lookAlikeKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff0d]/g, '-')
    .replace(/[Oo]/g, '0')
    .toLowerCase();
}

function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function parseDetail(text: string): ViewDetail | null {
  try {
    const d = JSON.parse(text) as ViewDetail;
    return d && typeof d.d === 'string' && Array.isArray(d.rv) ? d : null;
  } catch {
    return null;
  }
}

/** The snapshot's 积分明细 rows by 条目编号, as published (for naming ledger changes). */
function publishedEntries(
  view: TabView | undefined,
  corrections = false,
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (!view) return out;
  const v = view.values;
  const at = v.findIndex((r) => cellText(r[0]) === DETAIL_TABLE_HEADERS[0] && cellText(r[9]) === '条目编号');
  if (at < 0) return out;
  for (let i = at + 1; i < v.length; i++) {
    const r = v[i] ?? [];
    const id = cellText(r[9]);
    if (!id) break;
    const rec: Record<string, string> = {};
    DETAIL_TABLE_HEADERS.forEach((h, c) => {
      rec[h] = cellText(r[c]);
    });
    if ((rec.来源 === '更正') === corrections) out.set(id, rec);
  }
  return out;
}

const COMPARED = ['干部编号', '数量', '分值', '积分', '得分依据'] as const;
const isApproved = (f: Record<string, string>) => f.状态 === '已通过' || f.来源 === '系统';

/** Names each sealed ledger change of a month against the published snapshot's 积分明细. */
function ledgerFindings(
  month: string,
  tabName: string,
  publishedRows: string,
  now: readonly LedgerRowText[],
  snapshot: TabView | undefined,
): string[] {
  const pub = publishedEntries(snapshot);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of now) {
    const id = r.fields.编号 ?? '';
    const p = pub.get(id);
    if (!isApproved(r.fields)) {
      if (p) {
        seen.add(id);
        out.push(
          `${month} 已发布：${TAB.ledger}第 ${r.row} 行（编号 ${id}）状态 已通过→${r.fields.状态 || '空'}`,
        );
      }
      continue;
    }
    if (!p) {
      out.push(
        `${month} 已发布：${TAB.ledger}第 ${r.row} 行（编号 ${id || '空'}）是发布后新增或改为已通过的，不在「${tabName}」中`,
      );
      continue;
    }
    seen.add(id);
    for (const h of COMPARED) {
      const a = p[h] ?? '';
      const b = r.fields[h] ?? '';
      if (a !== b) out.push(`${month} 已发布：${TAB.ledger}第 ${r.row} 行 ${h} ${a || '空'}→${b || '空'}`);
    }
  }
  for (const [id, p] of pub) {
    if (!seen.has(id))
      out.push(`${month} 已发布：条目 ${id}（${p.姓名 || p.干部编号} ${p.事项}）已从${TAB.ledger}删除`);
  }
  if (out.length === 0)
    out.push(`${TAB.ledger} ${month} 的记录已改变（发布时 ${publishedRows} 行，现在 ${now.length} 行）`);
  return out;
}

/**
 * Correction rows of a sealed month. One listed in the latest 公示 (a published 更正公示) must still
 * match it; one not yet published must be listed by an upheld objection (异议处理 更正条目), or it is a
 * row typed in as 更正 to slip points into a published month.
 */
function correctionFindings(
  month: string,
  rows: readonly LedgerRowText[],
  snapshot: TabView | undefined,
  upheld: ReadonlySet<string>,
): string[] {
  const pub = publishedEntries(snapshot, true);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const id = r.fields.编号 ?? '';
    const p = pub.get(id);
    if (!p) {
      if (!upheld.has(id))
        out.push(
          `${month} 已发布：${TAB.ledger}第 ${r.row} 行（编号 ${id || '空'}）是更正条目，但「${TAB.objections}」中没有成立的异议列出它`,
        );
      continue;
    }
    seen.add(id);
    for (const h of COMPARED) {
      const a = p[h] ?? '';
      const b = r.fields[h] ?? '';
      if (a !== b) out.push(`${month} 已发布：${TAB.ledger}第 ${r.row} 行 ${h} ${a || '空'}→${b || '空'}`);
    }
  }
  for (const [id, p] of pub)
    if (!seen.has(id))
      out.push(`${month} 已发布：更正条目 ${id}（${p.姓名 || p.干部编号}）已从${TAB.ledger}删除`);
  return out;
}

/** Correction ids listed by upheld objections (异议处理 处理结果 成立, 更正条目). */
function upheldCorrections(objections: readonly (readonly Cell[])[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const r of readTable(objections as Cell[][] | undefined, 'objections', []).rows)
    if (cellText(r.get('处理结果')) === '成立')
      for (const id of cellText(r.get('更正条目')).split(/[、,，\s]+/)) if (id) out.add(id);
  return out;
}

/** Names each change of a snapshot tab's look and content against what its seal remembers. */
function viewFindings(
  tab: string,
  view: TabView,
  detail: ViewDetail | null,
  valuesSha: string,
  env: SealEnv,
): string[] {
  const sha = env.sha256Hex;
  const out: string[] = [];
  const d = detail ?? { d: '', h: false, hr: [], hc: [], m: [], rv: [], rf: [] };
  if (view.hidden && !d.h) out.push(`${tab} 已被隐藏`);
  for (const r of view.hiddenRows) if (!d.hr.includes(r)) out.push(`${tab} 第 ${r} 行 隐藏`);
  for (const c of view.hiddenColumns) if (!d.hc.includes(c)) out.push(`${tab} 第 ${columnLetter(c)} 列 隐藏`);
  for (const m of view.merges) if (!d.m.includes(m)) out.push(`${tab} ${m} 合并单元格`);
  for (const m of d.m) if (!view.merges.includes(m)) out.push(`${tab} ${m} 取消合并`);
  const now = viewDetail(view, sha);
  const valuesChanged = sha(canonicalSnapshotText(view.values)) !== valuesSha;
  if (valuesChanged || now.d !== d.d) {
    const n = d.rv.length ? Math.max(now.rv.length, d.rv.length) : 0;
    const rows: string[] = [];
    for (let i = 0; i < n; i++) {
      if (now.rv[i] !== d.rv[i]) {
        const text = valueRow(view.values[i]).join(' ').slice(0, 40);
        rows.push(`${tab} 第 ${i + 1} 行 内容被改动（现在：${text || '空'}）`);
      } else if (now.rf[i] !== d.rf[i]) {
        const f = [...new Set((view.formats[i] ?? []).filter(Boolean))].join('、');
        rows.push(`${tab} 第 ${i + 1} 行 数字格式或显示被改动（数值未变；现在格式：${f || '无'}）`);
      }
    }
    if (d.rv.length && now.rv.length !== d.rv.length)
      rows.unshift(`${tab} 行数 ${d.rv.length}→${now.rv.length}`);
    if (rows.length === 0 && out.length === 0)
      rows.push(valuesChanged ? `${tab} 发布后被改动` : `${tab} 显示内容被改动`);
    out.push(...rows);
  }
  return out;
}

/**
 * 校验公示 of every publication: the hash chain of 公示记录, each record against its own digest and
 * against digests kept outside the spreadsheet, each snapshot as displayed, and each sealed month's
 * ledger rows. Returns every change, named.
 */
/** Names the add-on and jifen give published tabs: 公示-2026-10, 公示-2026-10 更正1, 公示-2026-H1, 报告-2026-H1, 公示-2026. */
const SNAPSHOT_NAME = /^(公示|报告)-\d{4}(-(\d{2}|H[12]))?( 更正\d+)?$/;

export function checkSeals(env: SealEnv): SealReport {
  const sha = env.sha256Hex;
  const records = readRecords(env.publications, env.offsetMinutes);
  const findings: string[] = [];
  const byDigest = new Map<string, number>();
  for (const r of records) if (r.digest) byDigest.set(r.digest, r.row);
  const names = new Set(records.map((r) => r.fields.tabName));
  const sealed = records.filter((r) => r.digest);
  let prev: (typeof records)[number] | undefined;
  const latestOfMonth = new Map<string, (typeof records)[number]>();
  for (const r of records) {
    const f = r.fields;
    const tab = f.tabName;
    if (r.digest) {
      // The chain: each sealed row names the digest of the sealed row before it.
      const expected = prev ? prev.digest : GENESIS;
      if (f.prev !== expected) {
        const j = byDigest.get(f.prev);
        if (j !== undefined)
          findings.push(
            `${TAB.publications} 顺序被调换：第 ${r.row} 行「${tab}」应接在第 ${j} 行之后：链断开`,
          );
        else if (prev && env.external?.get(prev.fields.tabName) === f.prev) {
          // prev's digest was recomputed; reported below with prev's own external check
        } else
          findings.push(
            `${TAB.publications} 第 ${r.row} 行被删除：链断开（现在第 ${r.row} 行「${tab}」的上一摘要 ${shortHex(f.prev)} 在${TAB.publications}中找不到；也可能是上一行的摘要被重新计算）`,
          );
      }
      if (chainDigest(f, sha) !== r.digest)
        findings.push(`${TAB.publications} 第 ${r.row} 行（${tab}）内容被改动，与其摘要不符`);
      const ext = env.external?.get(tab);
      if (ext && ext !== r.digest)
        findings.push(
          `${TAB.publications} 第 ${r.row} 行（${tab}）摘要被重新计算：与发布时另行保存的校验码 ${shortHex(ext)} 不符`,
        );
      prev = r;
      if (/^\d{4}-\d{2}$/.test(f.period) && f.ledgerSha) latestOfMonth.set(f.period, r);
    }
    // The snapshot tab, by its exact name.
    const view = env.view(tab);
    if (!view) {
      const renamed = env.tabs.find(
        (t) =>
          !names.has(t.name) &&
          env.view(t.name) &&
          sha(canonicalSnapshotText(env.view(t.name)!.values)) === f.sha256,
      );
      findings.push(renamed ? `${tab} 已被改名为「${renamed.name}」` : `${tab} 不存在（已被删除或改名）`);
    } else if (r.digest) {
      findings.push(...viewFindings(tab, view, parseDetail(f.detail), f.sha256, env));
    } else if (sha(canonicalSnapshotText(view.values)) !== f.sha256) {
      findings.push(`${tab} 发布后被改动（旧版公示记录，只核对数值）`);
    }
    const key = lookAlikeKey(tab);
    for (const t of env.tabs)
      if (t.name !== tab && !names.has(t.name) && !t.hidden && lookAlikeKey(t.name) === key)
        findings.push(`另有名称相似的表「${t.name}」，不是发布的公示「${tab}」`);
  }
  // A 公示 tab with no record: the last 公示记录 row deleted leaves no break in the chain, but its tab
  // (published, protected) is still there — unless that was deleted too, which only an outside digest shows.
  for (const t of env.tabs)
    if (!names.has(t.name) && SNAPSHOT_NAME.test(t.name))
      findings.push(`「${t.name}」是公示表，但${TAB.publications}中没有它的记录（记录可能被删除）`);
  // Digests kept outside: a record that is gone still has its digest there.
  if (env.external)
    for (const [tab, digest] of env.external)
      if (!records.some((r) => r.fields.tabName === tab))
        findings.push(
          `${TAB.publications}中「${tab}」的记录被删除（发布时另行保存的校验码 ${shortHex(digest)} 仍在）`,
        );
  for (const g of env.given ?? []) {
    const d = g.trim().toLowerCase();
    if (d && !byDigest.has(d))
      findings.push(
        `${TAB.publications} 摘要被重新计算或记录被删除：公示/邮件上的校验码 ${shortHex(d)} 不在${TAB.publications}中`,
      );
  }
  const upheld = upheldCorrections(env.objections);
  // Each sealed month's ledger rows, once per month (every version seals the same non-correction rows).
  // The rows are also compared with the snapshot's 积分明细 even when the digest matches: an editor who
  // recomputed the record's digests is still caught unless the snapshot was rewritten too.
  for (const [month, r] of latestOfMonth) {
    const now = sealedLedgerRows(env.ledger, month, env.offsetMinutes);
    const first = records.find((x) => x.fields.period === month && x.digest);
    const lines = ledgerFindings(
      month,
      first?.fields.tabName ?? r.fields.tabName,
      r.fields.ledgerRows,
      now,
      env.view(r.fields.tabName),
    );
    const digestHolds = sha(canonicalLedgerText(now)) === r.fields.ledgerSha;
    findings.push(...(digestHolds ? lines.filter((l) => !l.startsWith(TAB.ledger)) : lines));
    findings.push(
      ...correctionFindings(
        month,
        sealedLedgerRows(env.ledger, month, env.offsetMinutes, true),
        env.view(r.fields.tabName),
        upheld,
      ),
    );
  }
  return { findings: [...new Set(findings)], records: records.length, sealed: sealed.length };
}

/** The refusal of 重新计算 / 发布 while a sealed month has changed (null when nothing did). */
export function sealRefusal(report: SealReport, action: string): string | null {
  if (report.findings.length === 0) return null;
  const shown = report.findings.slice(0, 20);
  return [
    `已发布的内容被改动，${action}已停止（为免悄悄改变已发布月份的结果）：`,
    ...shown.map((f) => `- ${f}`),
    ...(report.findings.length > shown.length ? [`……共 ${report.findings.length} 处`] : []),
    '请把以上内容恢复原样（可用版本记录或备份），已发布月份如确有错误请登记异议并发布更正公示；恢复后再操作。',
  ].join('\n');
}
