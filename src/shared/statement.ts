// A cadre's private monthly statement (个人积分单, SPEC §4.9), pure: one cadre's figures, rank, entries, claims and leave → HTML and plain text.

import {
  CATEGORY_ZH,
  type CadreSummary,
  type Category,
  type Entry,
  type EntrySource,
  leaveAsOf,
  monthNumber,
  periodLabel,
  type Rule,
  SOURCE_ZH,
  STATUS_ZH,
  TIER_ZH,
} from '../core';
import { cellText } from './cells';
import { FONT_STACK, publicityEnd, TIER_CSS, zhDate } from './document';
import { escapeHtml, tierClass } from './publish';
import { readTable } from './read-tabs';
import { consequenceText, flagText, type RecomputeResult } from './recompute';

/** The publication a statement follows: the snapshot tab and when it was published. */
export interface StatementPublication {
  /** '公示-2026-10' or '公示-2026-10 更正1'. */
  tabName: string;
  /** 0 for the original publication, n for '更正n'. */
  revision: number;
  /** 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai): the 公示期 starts that day. */
  publishedAt: string;
  sha256?: string | undefined;
}

export interface StatementEntry {
  id: string;
  category: string;
  item: string;
  quantity: number;
  points: number;
  reason: string;
  source: string;
  /** For a correction: the entry it corrects. */
  correctsId?: string | undefined;
}

export interface StatementClaim {
  id: string;
  month: string;
  item: string;
  quantity: number;
  points: number;
  reason: string;
  status: string;
  /** 审核意见 of a rejected claim ('' when none was written). */
  reviewNote: string;
}

export interface Statement {
  communityName: string;
  month: string;
  /** '2026年10月'. */
  monthLabel: string;
  cadreId: string;
  name: string;
  role: string;
  publication: StatementPublication;
  /** Last day of the 公示期 (inclusive), 'YYYY-MM-DD'. */
  publicityEnd: string;
  publicityDays: number;
  objectionContact: string;
  /** Rows 基础 / 任务 / 奖励: the month and the year from January through the month. */
  categories: { label: string; month: number; yearToDate: number }[];
  startingPoints: number;
  monthTotal: number;
  /** 起始分 + every approved point of the year through the month. */
  yearToDate: number;
  rank: number | null;
  /** Cadres ranked this month (the "共 N 名" of the rank). */
  rankedCount: number;
  tiers: string[];
  /** 预警 text of the tiers ('' when none). */
  consequence: string;
  /** 并列 / 部分在职 / 缺考勤 notes. */
  notes: string;
  entries: StatementEntry[];
  /** The cadre's claims still 待审核 or 已驳回 in the year, as of `generatedAt`. */
  claims: StatementClaim[];
  leave: { availablePoints: number; halfDays: number; redeemedHalfDays: number; pointsPerHalfDay: number };
  /** When the statement was made ('YYYY-MM-DD HH:mm:ss'), for the claim statuses. */
  generatedAt: string;
}

const CATS: readonly Category[] = ['base', 'task', 'reward'];

/** 审核意见 of every ledger row, by 编号 (the core keeps no review note). */
export function reviewNotes(result: RecomputeResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of readTable(result.ledger, 'ledger', []).rows) {
    const id = cellText(r.get('编号'));
    const note = cellText(r.get('审核意见'));
    if (id && note) out.set(id, note);
  }
  return out;
}

/** Statements of every cadre in the month's summary (rank order), sharing one pass over the ledger. */
export function buildStatements(
  result: RecomputeResult,
  month: string,
  publication: StatementPublication,
  generatedAt: string,
): Statement[] {
  const summary = result.months.find((p) => p.period === month);
  if (!summary) throw new Error(`month ${month} is not summarised`);
  const notes = reviewNotes(result);
  return summary.cadres.map((c) =>
    statementOf(result, c, summary.cadres, month, publication, generatedAt, notes),
  );
}

/** One cadre's statement; null when the cadre is not in the month's summary (not active, no entries). */
export function buildStatement(
  result: RecomputeResult,
  cadreId: string,
  month: string,
  publication: StatementPublication,
  generatedAt: string,
): Statement | null {
  const summary = result.months.find((p) => p.period === month);
  const c = summary?.cadres.find((x) => x.cadreId === cadreId);
  if (!summary || !c) return null;
  return statementOf(result, c, summary.cadres, month, publication, generatedAt, reviewNotes(result));
}

function statementOf(
  result: RecomputeResult,
  c: CadreSummary,
  all: readonly CadreSummary[],
  month: string,
  publication: StatementPublication,
  generatedAt: string,
  notes: ReadonlyMap<string, string>,
): Statement {
  const { book, settings } = result;
  const s = book.scenario;
  const arr = book.monthly.get(c.cadreId) ?? new Array<number>(36).fill(0);
  const mi = monthNumber(month) - 1;
  const ytdOf = (k: number) => {
    let sum = 0;
    for (let m = 0; m <= mi; m++) sum += arr[m * 3 + k]!;
    return sum;
  };
  const monthOf = { base: c.base, task: c.task, reward: c.reward };
  const claims: StatementClaim[] = s.entries
    .filter((e) => e.cadreId === c.cadreId && (e.status === 'pending' || e.status === 'rejected'))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map(claimView(s.rules, notes));
  const leave = leaveAsOf(book, c.cadreId, month);
  const missing = [month].filter((m) => book.missingAttendance.has(`${c.cadreId}|${m}`));
  return {
    communityName: settings.communityName,
    month,
    monthLabel: periodLabel(month),
    cadreId: c.cadreId,
    name: c.name,
    role: c.role ?? '',
    publication,
    publicityEnd: publicityEnd({
      publishedAt: publication.publishedAt,
      publicityDays: settings.publicityDays,
    }),
    publicityDays: settings.publicityDays,
    objectionContact: settings.objectionContact,
    categories: CATS.map((k, i) => ({ label: CATEGORY_ZH[k], month: monthOf[k], yearToDate: ytdOf(i) })),
    startingPoints: s.settings.startingPoints,
    monthTotal: c.total,
    yearToDate: c.yearToDate,
    rank: c.rank,
    rankedCount: all.filter((x) => x.rank !== null).length,
    tiers: c.tiers.map((t) => TIER_ZH[t].label),
    consequence: consequenceText(c, 'month'),
    notes: flagText(c, missing),
    entries: c.entries.map((e) => ({
      id: e.id,
      category: CATEGORY_ZH[e.category],
      item: e.item,
      quantity: e.quantity,
      points: e.points,
      reason: e.reason,
      source: SOURCE_ZH[e.source as EntrySource],
      ...(e.correctsId ? { correctsId: e.correctsId } : {}),
    })),
    claims,
    leave: leaveView(leave, s.settings.pointsPerHalfDay),
    generatedAt,
  };
}

/** An entry as a statement or a personal page lists a claim: item, points, status and 审核意见. */
export function claimView(
  rules: readonly Rule[],
  notes: ReadonlyMap<string, string>,
): (e: Entry) => StatementClaim {
  const byCode = new Map(rules.map((r) => [r.code, r]));
  return (e) => {
    const rule = byCode.get(e.ruleCode);
    return {
      id: e.id,
      month: e.month,
      item: rule?.item ?? e.ruleCode,
      quantity: e.quantity,
      points: (e.unitPoints ?? rule?.points ?? 0) * e.quantity,
      reason: e.reason,
      status: STATUS_ZH[e.status],
      reviewNote: e.status === 'rejected' ? (notes.get(e.id) ?? '') : '',
    };
  };
}

/** The redeemable leave as a statement or a personal page shows it. */
export function leaveView(
  leave: { availablePoints: number; halfDays: number; redeemedHalfDays: number },
  pointsPerHalfDay: number,
): Statement['leave'] {
  const { availablePoints, halfDays, redeemedHalfDays } = leave;
  return { availablePoints, halfDays, redeemedHalfDays, pointsPerHalfDay };
}

/** Points with their sign: 5 → '+5', -2 → '-2'. */
export const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
/** Half-days as days: 3 → '1.5'. */
const days = (halfDays: number) => String(halfDays / 2);

/** Subject line of the statement e-mail. */
export function statementSubject(s: Statement): string {
  const rev = s.publication.revision ? `（更正${s.publication.revision}）` : '';
  return `${s.communityName} ${s.monthLabel}个人积分单${rev}：${s.name}`;
}

function title(s: Statement): string {
  return `${s.monthLabel}个人积分单${s.publication.revision ? `（更正${s.publication.revision}）` : ''}`;
}

function rankText(s: Statement): string {
  return s.rank === null ? '不参与排名' : `第 ${s.rank} 名（共 ${s.rankedCount} 名参与排名）`;
}

function leaveText(s: Statement): string {
  const l = s.leave;
  return (
    `可用积分 ${l.availablePoints} 分（本年累计超出起始分 ${s.startingPoints} 的部分，减去已兑换的），` +
    `按每半天 ${l.pointsPerHalfDay} 分，可兑换事假 ${l.halfDays} 个半天（${days(l.halfDays)} 天）；` +
    `本年已兑换 ${l.redeemedHalfDays} 个半天（截至${s.monthLabel}末）。兑换请向两委申请。`
  );
}

/** `strong` wraps the deadline and the contact (already escaped for HTML, as is for text). */
function objectionText(s: Statement, strong: (t: string) => string = (t) => t): string {
  return (
    `本月公示期 ${s.publicityDays} 天：${zhDate(s.publication.publishedAt)}至${zhDate(s.publicityEnd)}。` +
    `如对本单或公示有异议，请于 ${strong(zhDate(s.publicityEnd))} 前向 ${strong(s.objectionContact)} 实名提出，写明条目编号和理由；` +
    `两委核实后答复，确有错误的发布更正公示。`
  );
}

function sourceText(s: Statement): string {
  return `本单依据「${s.publication.tabName}」（发布时间 ${s.publication.publishedAt}），只含您本人的积分；其他干部的情况见公示。申报状态截至 ${s.generatedAt}。`;
}

/** The statement's style sheet (also used by the personal page, src/gas/personal-page.ts). */
export const STATEMENT_CSS = `
  * { box-sizing: border-box; }
  html { -webkit-text-size-adjust: 100%; }
  body { font-family: ${FONT_STACK}; font-size: 15px; line-height: 1.5; color: #111;
         margin: 0 auto; padding: 12px; max-width: 720px; background: #fff; }
  .issuer { text-align: center; letter-spacing: 0.2em; margin: 0; color: #333; }
  h1 { font-size: 21px; text-align: center; margin: 2px 0 4px; }
  h2 { font-size: 16px; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 1px solid #ccc;
       break-after: avoid; page-break-after: avoid; }
  p { margin: 0 0 8px; }
  .who { text-align: center; margin-bottom: 10px; }
  .private { display: inline-block; font-size: 12px; color: #7a4b00; background: #fff4d6;
             border: 1px solid #e8c66a; border-radius: 3px; padding: 0 6px; margin-left: 4px; }
  .cards { display: flex; gap: 8px; margin: 8px 0; }
  .card { flex: 1 1 0; min-width: 0; border: 1px solid #bbb; border-radius: 6px; padding: 6px 8px; text-align: center; }
  .card .k { font-size: 12px; color: #555; }
  .card .v { font-size: 22px; font-weight: bold; white-space: nowrap; }
  .card .u { font-size: 12px; color: #555; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 6px; }
  th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top;
           overflow-wrap: anywhere; }
  th { background: #e7e6e6; }
  .num { text-align: right; white-space: nowrap; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td .reason { display: block; color: #333; font-size: 13px; }
  td .meta { display: block; color: #666; font-size: 11px; overflow-wrap: anywhere; }
  ${TIER_CSS}
  .tier { display: inline-block; white-space: nowrap; padding: 0 4px; border-radius: 3px; }
  th.status, td.status { width: 30%; }
  .warn { color: #8a1c1c; }
  /* The CJK fonts have no bold face and Chromium's synthetic bold is faint: colour carries it. */
  .due { color: #8a1c1c; }
  .empty { color: #666; }
  .footer { font-size: 12px; color: #555; margin-top: 14px; overflow-wrap: anywhere; }
  @page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }
  @media print {
    body { font-size: 10.5pt; max-width: none; padding: 0; }
    h1 { font-size: 16pt; } h2 { font-size: 12pt; margin: 12px 0 4px; } .card .v { font-size: 15pt; }
    th, td { padding: 2px 6px; }
    th, .tier, .private { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

/** The statement's sections as HTML (no document around them); every text escaped. */
export function statementBodyHtml(s: Statement): string {
  const e = escapeHtml;
  const tiers = s.tiers.length
    ? s.tiers.map((t) => `<span class="tier ${tierClass(t)}">${e(t)}</span>`).join(' ')
    : '无';
  const rows = [
    `<tr><td>起始分</td><td class="num">—</td><td class="num">${s.startingPoints}</td></tr>`,
    ...s.categories.map(
      (c) =>
        `<tr><td>${e(c.label)}</td><td class="num">${c.month}</td><td class="num">${c.yearToDate}</td></tr>`,
    ),
    `<tr><th>合计</th><th class="num">${s.monthTotal}</th><th class="num">${s.yearToDate}</th></tr>`,
  ];
  const entries = s.entries.length
    ? `<table><thead><tr><th>事项与得分依据</th><th class="num">积分</th></tr></thead><tbody>${s.entries
        .map(
          (x) =>
            `<tr><td>${e(x.item)}${x.quantity > 1 ? ` ×${x.quantity}` : ''}` +
            `<span class="reason">依据：${e(x.reason)}</span>` +
            `<span class="meta">${e(x.category)} · ${e(x.source)} · ${e(x.id)}${x.correctsId ? ` · 更正 ${e(x.correctsId)}` : ''}</span></td>` +
            `<td class="num">${signed(x.points)}</td></tr>`,
        )
        .join('\n')}</tbody></table>`
    : '<p class="empty">本月没有已通过的积分条目。</p>';
  const claims = s.claims.length
    ? `<table><thead><tr><th>申报</th><th class="status">状态</th></tr></thead><tbody>${s.claims
        .map(
          (x) =>
            `<tr><td>${e(periodLabel(x.month))} ${e(x.item)}${x.quantity > 1 ? ` ×${x.quantity}` : ''}（${signed(x.points)} 分）` +
            `<span class="reason">依据：${e(x.reason)}</span><span class="meta">${e(x.id)}</span></td>` +
            `<td class="status">${e(x.status)}${x.reviewNote ? `<span class="reason">审核意见：${e(x.reviewNote)}</span>` : ''}</td></tr>`,
        )
        .join('\n')}</tbody></table>`
    : '<p class="empty">没有待审核或已驳回的申报。</p>';
  const body = [
    `<p class="issuer">${e(s.communityName)}两委</p>`,
    `<h1>${e(title(s))}</h1>`,
    `<p class="who"><b>${e(s.name)}</b>（${e(s.cadreId)}）${s.role ? ` · ${e(s.role)}` : ''}<span class="private">仅发本人</span></p>`,
    '<div class="cards">',
    `<div class="card"><div class="k">本月积分</div><div class="v">${s.monthTotal}</div><div class="u">分</div></div>`,
    `<div class="card"><div class="k">年度累计</div><div class="v">${s.yearToDate}</div><div class="u">含起始分 ${s.startingPoints}</div></div>`,
    `<div class="card"><div class="k">本月排名</div><div class="v">${s.rank === null ? '—' : s.rank}</div><div class="u">${s.rank === null ? '不参与排名' : `共 ${s.rankedCount} 名`}</div></div>`,
    '</div>',
    '<h2>一、本月积分与年度累计</h2>',
    `<table><thead><tr><th>类别</th><th class="num">${e(s.monthLabel)}</th><th class="num">1–${monthNumber(s.month)}月累计</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<h2>二、排名与分档</h2>',
    `<p>${e(rankText(s))}；分档：${tiers}</p>`,
    s.consequence ? `<p class="warn">${e(s.consequence)}</p>` : '',
    s.notes ? `<p>备注：${e(s.notes)}</p>` : '',
    `<h2>三、本月积分明细（${s.entries.length} 条）</h2>`,
    entries,
    '<h2>四、待审核和已驳回的申报</h2>',
    claims,
    '<h2>五、积分抵扣事假</h2>',
    `<p>${e(leaveText(s))}</p>`,
    '<h2>六、如有异议</h2>',
    `<p>${objectionText({ ...s, objectionContact: e(s.objectionContact) }, (t) => `<b class="due">${t}</b>`)}</p>`,
    `<p class="footer">${e(sourceText(s))}${s.publication.sha256 ? `<br>公示校验码（SHA-256）：${e(s.publication.sha256)}` : ''}</p>`,
  ];
  return body.filter(Boolean).join('\n');
}

/** The statement as a phone-first page (360 px up) that also prints on A4; every text escaped. */
export function statementHtml(s: Statement): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${s.communityName} ${title(s)}：${s.name}`)}</title>
<style>${STATEMENT_CSS}</style>
</head>
<body>
${statementBodyHtml(s)}
</body>
</html>
`;
}

/** The statement as plain text (the e-mail body for clients that show no HTML). */
export function statementText(s: Statement): string {
  const lines: string[] = [
    `${s.communityName} ${title(s)}`,
    `${s.name}（${s.cadreId}）${s.role ? ` ${s.role}` : ''} —— 本单只发给您本人`,
    '',
    '一、本月积分与年度累计',
    ...s.categories.map(
      (c) => `  ${c.label}：本月 ${c.month} 分，1–${monthNumber(s.month)}月累计 ${c.yearToDate} 分`,
    ),
    `  本月积分 ${s.monthTotal} 分；年度累计 ${s.yearToDate} 分（含起始分 ${s.startingPoints}）`,
    '',
    '二、排名与分档',
    `  ${rankText(s)}；分档：${s.tiers.length ? s.tiers.join('、') : '无'}`,
  ];
  if (s.consequence) lines.push(`  ${s.consequence}`);
  if (s.notes) lines.push(`  备注：${s.notes}`);
  lines.push('', `三、本月积分明细（${s.entries.length} 条）`);
  if (!s.entries.length) lines.push('  本月没有已通过的积分条目。');
  s.entries.forEach((x, i) => {
    lines.push(
      `  ${i + 1}. ${x.item}${x.quantity > 1 ? ` ×${x.quantity}` : ''}  ${signed(x.points)} 分`,
      `     依据：${x.reason}`,
      `     ${x.category} · ${x.source} · 编号 ${x.id}${x.correctsId ? ` · 更正 ${x.correctsId}` : ''}`,
    );
  });
  lines.push('', '四、待审核和已驳回的申报');
  if (!s.claims.length) lines.push('  没有待审核或已驳回的申报。');
  for (const x of s.claims) {
    lines.push(
      `  - ${periodLabel(x.month)} ${x.item}${x.quantity > 1 ? ` ×${x.quantity}` : ''}（${signed(x.points)} 分）：${x.status}`,
      `    依据：${x.reason}；编号 ${x.id}`,
    );
    if (x.reviewNote) lines.push(`    审核意见：${x.reviewNote}`);
  }
  lines.push('', '五、积分抵扣事假', `  ${leaveText(s)}`, '', '六、如有异议', `  ${objectionText(s)}`, '');
  lines.push(sourceText(s));
  if (s.publication.sha256) lines.push(`公示校验码（SHA-256）：${s.publication.sha256}`);
  return `${lines.join('\n')}\n`;
}
