// 街道汇总 (sub-district roll-up), pure: from what each community published (公示 snapshots, 公示记录) → verified months, totals, tiers, flags.

import { rankAndTier, TIER_ZH, type Tier } from '../core';
import { type Cell, cellText } from './cells';
import { CADRE_TABLE_HEADERS, canonicalSnapshotText } from './publish';
import { readTable } from './read-tabs';
import { chainDigest, GENESIS, readRecords } from './seal';
import { TAB } from './tabs';

/** What the roll-up reads of one community: only published tabs (and 设置 / 异议处理 for name and objections). */
export interface CommunityBook {
  /** File path or spreadsheet link, as given. */
  source: string;
  settings?: readonly (readonly Cell[])[] | undefined;
  publications?: readonly (readonly Cell[])[] | undefined;
  objections?: readonly (readonly Cell[])[] | undefined;
  /** Values of a snapshot tab by exact name (undefined when the tab is absent). */
  snapshot: (name: string) => readonly (readonly Cell[])[] | undefined;
  /**
   * Findings of the platform's full seal check (CLI: the same check as `jifen verify`, display and
   * ledger included). Without it the roll-up checks values digests and the 摘要 chain only.
   */
  sealFindings?: readonly string[];
  offsetMinutes: number;
}

export type MonthState = 'verified' | 'tampered' | 'unverifiable' | 'late' | 'due' | 'future';

export const MONTH_STATE_ZH: Record<MonthState, string> = {
  verified: '已公示·校验一致',
  tampered: '已公示·发布后被改动',
  unverifiable: '已公示·无法校验',
  late: '逾期未公示',
  due: '本月待公示',
  future: '未到',
};

export interface MonthStatus {
  month: string;
  state: MonthState;
  /** Tab of the version whose figures are used ('' when none). */
  tabName: string;
  versions: number;
  publishedAt: string;
  notes: string[];
}

export interface CadreFigures {
  cadreId: string;
  name: string;
  ranked: boolean;
  startingPoints: number;
  /** 月度积分 per verified month. */
  months: Record<string, number>;
  h1: number;
  h2: number;
  year: number;
}

export interface PeriodRanking {
  period: string;
  /** 'published': a verified half-year/year 公示; 'computed': from the verified months (complete or not). */
  basis: 'published' | 'computed';
  complete: boolean;
  rows: {
    cadreId: string;
    name: string;
    total: number;
    rank: number | null;
    tiers: string;
    consequence: string;
    tie: boolean;
  }[];
  bottomThree: string[];
  ties: string[];
}

export interface CorrectionRecord {
  period: string;
  tabName: string;
  version: number;
  publishedAt: string;
  state: MonthState;
}

export interface ObjectionSummary {
  total: number;
  upheld: number;
  rejected: number;
  pending: number;
  rows: { id: string; month: string; cadre: string; result: string; corrections: string }[];
}

export type CommunityFlag = 'late' | 'unverifiable' | 'tampered';

export const FLAG_ZH: Record<CommunityFlag, string> = {
  late: '逾期',
  unverifiable: '无法校验',
  tampered: '公示被改动',
};

export interface CommunityRollup {
  source: string;
  name: string;
  year: number;
  asOf: string;
  months: MonthStatus[];
  cadres: CadreFigures[];
  periods: PeriodRanking[];
  corrections: CorrectionRecord[];
  objections: ObjectionSummary;
  flags: CommunityFlag[];
  findings: string[];
}

export interface UnreadableCommunity {
  source: string;
  reason: string;
}

export type Sha256 = (text: string) => string;

const HALF_RE = /^(\d{4})-H([12])$/;

function num(v: Cell): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const t = cellText(v);
  if (t === '' || !/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** The previous month of 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The rows of a table whose header row starts with `first` and contains `need`, until the first blank id. */
function tableAfter(
  values: readonly (readonly Cell[])[],
  need: readonly string[],
  idCol: string,
): Record<string, Cell>[] {
  const at = values.findIndex((r) => {
    const t = r.map((c) => cellText(c));
    return need.every((h) => t.includes(h));
  });
  if (at < 0) return [];
  const header = values[at]!.map((c) => cellText(c));
  const out: Record<string, Cell>[] = [];
  for (let i = at + 1; i < values.length; i++) {
    const r = values[i] ?? [];
    const rec: Record<string, Cell> = {};
    header.forEach((h, c) => {
      if (h) rec[h] = r[c];
    });
    if (!cellText(rec[idCol])) break;
    out.push(rec);
  }
  return out;
}

function startingPointsOf(values: readonly (readonly Cell[])[]): number | undefined {
  for (const r of values.slice(0, 3)) {
    const m = /起始分[：:]\s*(-?\d+(?:\.\d+)?)/.exec(cellText(r[0]));
    if (m) return Number(m[1]);
  }
  return undefined;
}

interface RecordCheck {
  row: number;
  period: string;
  version: number;
  tabName: string;
  publishedAt: string;
  state: 'verified' | 'tampered' | 'unverifiable';
  notes: string[];
}

/**
 * Checks every 公示记录 row: values digest, the record's own 摘要 and the chain, plus the platform's
 * findings naming its tab or month. Platform findings that name neither (the chain as a whole) go to
 * `unmapped`: each of them is a change to something published.
 */
function checkRecords(book: CommunityBook, sha: Sha256, unmapped: string[]): RecordCheck[] {
  const records = readRecords(book.publications, book.offsetMinutes);
  const out: RecordCheck[] = [];
  let prev = GENESIS;
  const platform = book.sealFindings ?? [];
  const used = new Set<string>();
  for (const r of records) {
    const f = r.fields;
    const notes: string[] = [];
    let state: RecordCheck['state'] = 'verified';
    const values = f.tabName ? book.snapshot(f.tabName) : undefined;
    if (!f.tabName || !f.sha256) {
      state = 'unverifiable';
      notes.push(`${TAB.publications}第 ${r.row} 行缺少公示表名或 SHA-256，无法校验`);
    } else if (!values) {
      state = 'tampered';
      notes.push(`${f.tabName} 不存在（已被删除或改名）`);
    } else if (sha(canonicalSnapshotText(values)) !== f.sha256) {
      state = 'tampered';
      notes.push(`${f.tabName} 发布后被改动（内容与 SHA-256 不符）`);
    }
    if (r.digest) {
      if (chainDigest(f, sha) !== r.digest) {
        state = 'tampered';
        notes.push(`${TAB.publications}第 ${r.row} 行（${f.tabName}）内容被改动，与其摘要不符`);
      }
      if (f.prev !== prev) {
        state = 'tampered';
        notes.push(`${TAB.publications}第 ${r.row} 行（${f.tabName}）的上一摘要不接上一行：链断开`);
      }
      prev = r.digest;
    } else if (state === 'verified') {
      state = 'unverifiable';
      notes.push(`${f.tabName} 是旧版公示记录（无摘要），只能核对数值，无法确认记录本身未被改动`);
    }
    for (const p of platform)
      if (f.tabName && p.includes(f.tabName)) {
        used.add(p);
        state = 'tampered';
        if (!notes.includes(p)) notes.push(p);
      }
    out.push({
      row: r.row,
      period: f.period,
      version: Number(f.version) || 1,
      tabName: f.tabName,
      publishedAt: f.publishedAt,
      state,
      notes,
    });
  }
  // Platform findings about a month (ledger rows changed) or the chain as a whole.
  for (const p of platform) {
    if (used.has(p)) continue;
    const m = /^(\d{4}-\d{2}) 已发布/.exec(p);
    const hit = m ? out.filter((r) => r.period === m[1]) : [];
    for (const r of hit) {
      r.state = 'tampered';
      r.notes.push(p);
    }
    if (!hit.length) unmapped.push(p);
  }
  return out;
}

function yearOf(book: CommunityBook, records: readonly RecordCheck[], asOf: string): number {
  const t = readTable(book.settings as Cell[][] | undefined, 'settings', []);
  for (const r of t.rows)
    if (cellText(r.get('项目')) === '考核年度') {
      const y = num(r.get('值'));
      if (y) return y;
    }
  const p = records.find((r) => /^\d{4}/.test(r.period));
  return p ? Number(p.period.slice(0, 4)) : Number(asOf.slice(0, 4));
}

function nameOf(book: CommunityBook): string {
  const t = readTable(book.settings as Cell[][] | undefined, 'settings', []);
  for (const r of t.rows) if (cellText(r.get('项目')) === '社区名称') return cellText(r.get('值'));
  return '';
}

function objectionsOf(book: CommunityBook): ObjectionSummary {
  const t = readTable(book.objections as Cell[][] | undefined, 'objections', []);
  const rows = t.rows
    .map((r) => ({
      id: cellText(r.get('编号')),
      month: cellText(r.get('月份'), book.offsetMinutes).slice(0, 7),
      cadre: [cellText(r.get('干部编号')), cellText(r.get('干部姓名'))].filter(Boolean).join(' '),
      result: cellText(r.get('处理结果')) || '待处理',
      corrections: cellText(r.get('更正条目')),
    }))
    .filter((r) => r.id || r.cadre);
  return {
    total: rows.length,
    upheld: rows.filter((r) => r.result === '成立').length,
    rejected: rows.filter((r) => r.result === '不成立').length,
    pending: rows.filter((r) => r.result !== '成立' && r.result !== '不成立').length,
    rows,
  };
}

const consequence = (tiers: readonly Tier[], kind: 'half-year' | 'year') =>
  tiers
    .map((t) => (t === 'top-third' && kind === 'year' ? '年度优秀评定优先考虑' : TIER_ZH[t].consequence))
    .join('；');

/** Ranks totals as SPEC §5 does (thirds rounded, bottom three, ties at a boundary). */
function computedRanking(
  period: string,
  kind: 'half-year' | 'year',
  cadres: readonly CadreFigures[],
  total: (c: CadreFigures) => number,
  complete: boolean,
): PeriodRanking {
  const ranked = cadres.filter((c) => c.ranked);
  const res = rankAndTier(
    ranked.map((c) => ({ id: c.cadreId, total: total(c) })),
    1 / 3,
    3,
  );
  const rows = cadres
    .map((c) => {
      const r = res.get(c.cadreId);
      return {
        cadreId: c.cadreId,
        name: c.name,
        total: total(c),
        rank: r ? r.rank : null,
        tiers: r ? r.tiers.map((t) => TIER_ZH[t].label).join('、') : '',
        consequence: r ? consequence(r.tiers, kind) : '',
        tie: r ? r.tieAtBoundary : false,
      };
    })
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.cadreId.localeCompare(b.cadreId));
  return finishRanking(period, 'computed', complete, rows);
}

function finishRanking(
  period: string,
  basis: PeriodRanking['basis'],
  complete: boolean,
  rows: PeriodRanking['rows'],
): PeriodRanking {
  const label = (r: PeriodRanking['rows'][number]) => `${r.name}（${r.cadreId}，${r.total}分）`;
  return {
    period,
    basis,
    complete,
    rows,
    bottomThree: rows.filter((r) => r.tiers.includes(TIER_ZH['bottom-three'].label)).map(label),
    ties: rows.filter((r) => r.tie).map(label),
  };
}

/** A verified half-year (or year) 公示: its ranking table as published. */
function publishedRanking(period: string, values: readonly (readonly Cell[])[]): PeriodRanking | null {
  const rows = tableAfter(values, ['编号', '合计', '分档', '结果运用'], '编号');
  if (!rows.length) return null;
  return finishRanking(
    period,
    'published',
    true,
    rows.map((r) => ({
      cadreId: cellText(r.编号),
      name: cellText(r.姓名),
      total: num(r.合计) ?? 0,
      rank: num(r.排名) ?? null,
      tiers: cellText(r.分档),
      consequence: cellText(r.结果运用),
      tie: cellText(r.标记).includes('并列'),
    })),
  );
}

export interface RollupOptions {
  /** Months before this one ('YYYY-MM') must be published by then. */
  asOf: string;
  sha256Hex: Sha256;
}

/** One community's roll-up from its published tabs. */
export function rollupCommunity(book: CommunityBook, opts: RollupOptions): CommunityRollup {
  const unmapped: string[] = [];
  const sha = opts.sha256Hex;
  const records = checkRecords(book, sha, unmapped);
  const findings: string[] = [...unmapped];
  const year = yearOf(book, records, opts.asOf);
  // A publication counts from its 发布时间: one made after the as-of month was not there "by then".
  const byThen = records.filter((r) => !r.publishedAt || r.publishedAt.slice(0, 7) <= opts.asOf);
  const months: MonthStatus[] = [];
  const used = new Map<string, RecordCheck>();
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const recs = byThen.filter((r) => r.period === month).sort((a, b) => a.version - b.version);
    // One platform finding about the month lands on each of its versions: list it once.
    const all = [...new Set(recs.flatMap((r) => r.notes))];
    // A rewritten tab names every row; the overview keeps the first few.
    const notes = all.length > 5 ? [...all.slice(0, 5), `……共 ${all.length} 处`] : all;
    if (!recs.length) {
      const state: MonthState = month < opts.asOf ? 'late' : month === opts.asOf ? 'due' : 'future';
      months.push({ month, state, tabName: '', versions: 0, publishedAt: '', notes });
      continue;
    }
    const state: MonthState = recs.some((r) => r.state === 'tampered')
      ? 'tampered'
      : recs.some((r) => r.state === 'unverifiable')
        ? 'unverifiable'
        : 'verified';
    const latest = recs[recs.length - 1]!;
    if (state === 'verified') used.set(month, latest);
    months.push({
      month,
      state,
      tabName: state === 'verified' ? latest.tabName : '',
      versions: recs.length,
      publishedAt: recs[0]!.publishedAt,
      notes,
    });
  }

  // Figures: the latest version of each verified month, nothing else.
  const cadres = new Map<string, CadreFigures>();
  let start = 0;
  const lastYtd = new Map<string, { month: string; ytd: number }>();
  for (const [month, rec] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const values = book.snapshot(rec.tabName) ?? [];
    start = startingPointsOf(values) ?? start;
    for (const r of tableAfter(values, [CADRE_TABLE_HEADERS[0], '编号', '月度积分'], '编号')) {
      const id = cellText(r.编号);
      const c = cadres.get(id) ?? {
        cadreId: id,
        name: cellText(r.姓名),
        ranked: true,
        startingPoints: start,
        months: {},
        h1: 0,
        h2: 0,
        year: 0,
      };
      c.name = cellText(r.姓名) || c.name;
      c.ranked = cellText(r.排名) !== '不参与排名';
      c.months[month] = num(r.月度积分) ?? 0;
      const ytd = num(r.年度累计);
      if (ytd !== undefined) lastYtd.set(id, { month, ytd });
      cadres.set(id, c);
    }
  }
  const list = [...cadres.values()].sort((a, b) => a.cadreId.localeCompare(b.cadreId));
  for (const c of list) {
    const sum = (from: number, to: number) =>
      Object.entries(c.months)
        .filter(([m]) => Number(m.slice(5)) >= from && Number(m.slice(5)) <= to)
        .reduce((s, [, v]) => s + v, 0);
    c.h1 = c.startingPoints + sum(1, 6);
    c.h2 = c.startingPoints + sum(7, 12);
    c.year = c.startingPoints + sum(1, 12);
  }
  // Cross-check against the published 年度累计 when every month up to the last one is verified.
  const verifiedRun = months.findIndex((m) => m.state !== 'verified');
  const runEnd = verifiedRun < 0 ? 12 : verifiedRun;
  for (const c of list) {
    const last = lastYtd.get(c.cadreId);
    if (!last || Number(last.month.slice(5)) > runEnd) continue;
    // Up to that month only: a later month whose 年度累计 is blank must not be counted against it.
    const upTo =
      c.startingPoints +
      Object.entries(c.months)
        .filter(([m]) => m <= last.month)
        .reduce((s, [, v]) => s + v, 0);
    if (Math.abs(upTo - last.ytd) > 1e-9)
      findings.push(
        `${c.name}（${c.cadreId}）：各月公示的月度积分合计 ${upTo} 分（含起始分）与 ${last.month} 公示的年度累计 ${last.ytd} 分不符（可能有更正条目）`,
      );
  }

  // Half-years and the year: a verified published ranking wins; otherwise computed from the months.
  const periods: PeriodRanking[] = [];
  const verifiedMonths = (from: number, to: number) =>
    months.slice(from - 1, to).every((m) => m.state === 'verified');
  const publishedOf = (period: string) => {
    const recs = byThen.filter((r) => r.period === period);
    const latest = recs.sort((a, b) => a.version - b.version)[recs.length - 1];
    if (!latest || recs.some((r) => r.state !== 'verified')) return null;
    const v = book.snapshot(latest.tabName);
    return v ? publishedRanking(period, v) : null;
  };
  for (const [period, from, to, total] of [
    [`${year}-H1`, 1, 6, (c: CadreFigures) => c.h1],
    [`${year}-H2`, 7, 12, (c: CadreFigures) => c.h2],
  ] as const) {
    if (months[from - 1]!.state === 'future' || months[from - 1]!.state === 'due') continue;
    periods.push(
      publishedOf(period) ?? computedRanking(period, 'half-year', list, total, verifiedMonths(from, to)),
    );
  }
  if (list.length)
    periods.push(
      publishedOf(String(year)) ??
        computedRanking(String(year), 'year', list, (c) => c.year, verifiedMonths(1, 12)),
    );

  const corrections: CorrectionRecord[] = byThen
    .filter((r) => r.version > 1 || / 更正\d+$/.test(r.tabName))
    .map((r) => ({
      period: r.period,
      tabName: r.tabName,
      version: r.version,
      publishedAt: r.publishedAt,
      state: r.state,
    }));
  for (const r of records) if (HALF_RE.test(r.period) && r.state === 'tampered') findings.push(...r.notes);

  const flags: CommunityFlag[] = [];
  if (months.some((m) => m.state === 'late')) flags.push('late');
  if (months.some((m) => m.state === 'unverifiable') || !book.publications) flags.push('unverifiable');
  if (
    months.some((m) => m.state === 'tampered') ||
    records.some((r) => r.state === 'tampered') ||
    unmapped.length > 0
  )
    flags.push('tampered');
  if (!book.publications) findings.unshift(`缺少「${TAB.publications}」表，无法校验任何公示`);

  const snapTitle = used.size ? cellText(book.snapshot([...used.values()][0]!.tabName)?.[0]?.[0]) : '';
  return {
    source: book.source,
    name: nameOf(book) || snapTitle.split(' ')[0] || book.source,
    year,
    asOf: opts.asOf,
    months,
    cadres: list,
    periods,
    corrections,
    objections: objectionsOf(book),
    flags,
    findings: [...new Set(findings)],
  };
}

// ---------- Sheets of the roll-up book (values only; the platform lays them out) ----------

export const OVERVIEW_TAB = '街道总览';
/** The 街道 book's list of community links (Sheets side). */
export const COMMUNITY_LIST_TAB = '社区列表';

export const OVERVIEW_HEADERS = [
  '社区',
  '来源',
  '考核年度',
  '应公示月数',
  '按时公示',
  '逾期',
  '无法校验',
  '被改动',
  '干部数',
  '年度合计最高',
  '年度合计最低',
  '标记',
  '按时公示（图）',
] as const;

const BAR = '█';

/** A bar of `n` out of `max`, `width` blocks wide: a chart drawn in cells (the .xlsx writer draws no charts). */
export function cellBar(n: number, max: number, width = 12): string {
  if (max <= 0 || n <= 0) return '';
  return BAR.repeat(Math.max(1, Math.round((n / max) * width)));
}

export interface RollupBookValues {
  overview: Cell[][];
  /** 0-based rows of `overview` that are table headers. */
  overviewHeaderRows: number[];
  communities: { tabName: string; values: Cell[][]; headerRows: number[] }[];
}

/**
 * Unique tab names for the communities: Excel allows 31 characters without []:*?/\ and compares names
 * case-insensitively; 街道总览 and 社区列表 are taken. A community named like another (or like the overview) gets '(2)'.
 */
export function communityTabNames(names: readonly string[]): string[] {
  const used = new Set([OVERVIEW_TAB.toLowerCase(), COMMUNITY_LIST_TAB.toLowerCase()]);
  return names.map((n) => {
    const base =
      n
        .replace(/[[\]:*?/\\]/g, '_')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, 27) || '社区';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}(${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The cells of 街道汇总: the overview (with cell-drawn charts) and one tab per community. */
export function rollupBookValues(
  communities: readonly CommunityRollup[],
  unreadable: readonly UnreadableCommunity[],
  meta: { asOf: string; generatedAt: string },
): RollupBookValues {
  const overview: Cell[][] = [
    ['街道汇总：各社区已公示的干部积分'],
    [
      `截至 ${meta.asOf}（${meta.asOf} 之前的月份应已公示）　生成时间：${meta.generatedAt}　只读取各社区已发布的公示和公示记录，逐一校验摘要`,
    ],
    [],
  ];
  const headerRows = [overview.length];
  overview.push([...OVERVIEW_HEADERS]);
  const due = (c: CommunityRollup) => c.months.filter((m) => m.month < meta.asOf).length;
  const maxDue = Math.max(1, ...communities.map(due));
  for (const c of communities) {
    const count = (s: MonthState) => c.months.filter((m) => m.state === s).length;
    const onTime = c.months.filter((m) => m.month < meta.asOf && m.state === 'verified').length;
    const totals = c.cadres.map((x) => x.year);
    overview.push([
      c.name,
      c.source,
      c.year,
      due(c),
      onTime,
      count('late'),
      count('unverifiable'),
      count('tampered'),
      c.cadres.length,
      totals.length ? Math.max(...totals) : '',
      totals.length ? Math.min(...totals) : '',
      c.flags.map((f) => FLAG_ZH[f]).join('、') || '正常',
      cellBar(onTime, maxDue),
    ]);
  }
  for (const u of unreadable)
    overview.push([`无法读取：${u.source}`, u.source, '', '', '', '', '', '', '', '', '', u.reason]);
  overview.push([]);
  // Distribution of year totals across all communities (verified months only), as a cell chart.
  const all = communities.flatMap((c) => c.cadres.map((x) => x.year));
  overview.push(['年度合计分布（全部社区干部，仅计校验一致的月份）']);
  headerRows.push(overview.length);
  overview.push(['分数段', '人数', '图']);
  if (all.length) {
    const lo = Math.floor(Math.min(...all) / 10) * 10;
    const hi = Math.floor(Math.max(...all) / 10) * 10;
    const step = Math.max(10, Math.ceil((hi - lo + 10) / 10 / 10) * 10);
    const bins: [number, number][] = [];
    for (let b = lo; b <= hi; b += step) bins.push([b, all.filter((t) => t >= b && t < b + step).length]);
    const max = Math.max(...bins.map(([, n]) => n));
    for (const [b, n] of bins) overview.push([`${b}–${b + step - 1}`, n, cellBar(n, max, 20)]);
  }
  if (unreadable.length) {
    overview.push([]);
    for (const u of unreadable) overview.push([`无法读取：${u.source}：${u.reason}`]);
  }

  const names = communityTabNames(communities.map((c) => c.name));
  return {
    overview,
    overviewHeaderRows: headerRows,
    communities: communities.map((c, i) => ({ tabName: names[i]!, ...communitySheet(c) })),
  };
}

function communitySheet(c: CommunityRollup): { values: Cell[][]; headerRows: number[] } {
  const v: Cell[][] = [];
  const headers: number[] = [];
  const head = (row: Cell[]) => {
    headers.push(v.length);
    v.push(row);
  };
  v.push([`${c.name} ${c.year} 年度（截至 ${c.asOf}）`]);
  v.push([`来源：${c.source}　标记：${c.flags.map((f) => FLAG_ZH[f]).join('、') || '正常'}`]);
  v.push([]);
  v.push(['一、各月公示']);
  head(['月份', '状态', '所用公示表', '版本数', '首次发布时间', '说明']);
  for (const m of c.months)
    if (m.state !== 'future')
      v.push([m.month, MONTH_STATE_ZH[m.state], m.tabName, m.versions, m.publishedAt, m.notes.join('；')]);
  v.push([]);
  v.push(['二、干部积分（含起始分；只计校验一致的月份）']);
  head(['编号', '姓名', '参与排名', '起始分', '上半年合计', '下半年合计', '年度合计']);
  for (const x of c.cadres)
    v.push([x.cadreId, x.name, x.ranked ? '是' : '否', x.startingPoints, x.h1, x.h2, x.year]);
  for (const p of c.periods) {
    v.push([]);
    const basis =
      p.basis === 'published'
        ? '按已发布并校验一致的排名公示'
        : `按已公示且校验一致的月份计算${p.complete ? '' : '，月份不全，暂定'}`;
    v.push([`三、${p.period} 排名与分档（${basis}）`]);
    head(['排名', '编号', '姓名', '合计', '分档', '结果运用（§5）', '并列需两委研究']);
    for (const r of p.rows)
      v.push([r.rank ?? '不参与排名', r.cadreId, r.name, r.total, r.tiers, r.consequence, r.tie ? '是' : '']);
    v.push([`倒数三名：${p.bottomThree.join('、') || '无'}`]);
    v.push([`需两委研究的并列：${p.ties.join('、') || '无'}`]);
  }
  v.push([]);
  v.push([
    `四、异议 ${c.objections.total} 件（成立 ${c.objections.upheld}，不成立 ${c.objections.rejected}，待处理 ${c.objections.pending}）`,
  ]);
  if (c.objections.rows.length) {
    head(['编号', '月份', '干部', '处理结果', '更正条目']);
    for (const o of c.objections.rows) v.push([o.id, o.month, o.cadre, o.result, o.corrections]);
  }
  v.push([]);
  v.push([`五、更正公示 ${c.corrections.length} 次`]);
  if (c.corrections.length) {
    head(['期间', '公示表', '版本', '发布时间', '状态']);
    for (const r of c.corrections)
      v.push([r.period, r.tabName, r.version, r.publishedAt, MONTH_STATE_ZH[r.state]]);
  }
  if (c.findings.length) {
    v.push([]);
    v.push(['六、校验发现']);
    for (const f of c.findings) v.push([f]);
  }
  return { values: v, headerRows: headers };
}
