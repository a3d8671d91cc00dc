// The cadre's personal page (个人积分页面, issue 13 part 3), pure: signed link tokens, one cadre's live figures and claims, and the page's escaped HTML.

import { leaveAsOf, monthNumber, periodLabel } from '../core';
import { escapeHtml } from './publish';
import type { RecomputeResult } from './recompute';
import {
  claimView,
  leaveView,
  reviewNotes,
  type Statement,
  type StatementClaim,
  signed,
  statementBodyHtml,
} from './statement';

/**
 * A personal link's token: `<cadreId>.<expires YYYYMMDD>.<signature>`, the signature being the web-safe
 * base64 of HMAC-SHA256(secret, tokenPayload(…)) without padding. The payload names the spreadsheet, so
 * a token of one community's book never opens another's.
 */
export interface TokenParts {
  cadreId: string;
  /** Last valid day, 'YYYYMMDD'. */
  expires: string;
  signature: string;
}

export function tokenPayload(spreadsheetId: string, cadreId: string, expires: string): string {
  return `jifen-personal-v1|${spreadsheetId}|${cadreId}|${expires}`;
}

export function formatToken(p: TokenParts): string {
  return `${p.cadreId}.${p.expires}.${p.signature}`;
}

/** null unless the text has the three parts (the cadre id may itself hold dots: split from the right). */
export function parseToken(t: unknown): TokenParts | null {
  if (typeof t !== 'string' || t.length > 300) return null;
  const j = t.lastIndexOf('.');
  const i = j > 0 ? t.lastIndexOf('.', j - 1) : -1;
  if (i <= 0) return null;
  const p = { cadreId: t.slice(0, i), expires: t.slice(i + 1, j), signature: t.slice(j + 1) };
  if (!/^\d{8}$/.test(p.expires) || !/^[A-Za-z0-9_-]{20,}$/.test(p.signature)) return null;
  return p;
}

/** Equal strings, in time that depends only on the lengths (no early exit on the first differing character). */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let k = 0; k < n; k++) diff |= (a.charCodeAt(k) || 0) ^ (b.charCodeAt(k) || 0);
  return diff === 0;
}

/** Refusals shown on the page (the visitor sees only this, never a stack trace). */
export const REFUSAL = {
  badToken:
    '这个个人链接无效或已被两委重置（旧链接会全部失效）。请向两委索取新的个人链接，不要使用别人转发的链接。',
  expired: (day: string) => `这个个人链接已于 ${day} 过期。请向两委索取新的个人链接。`,
  notOnRoster: (who: string) =>
    `${who}不在「干部名册」中（或已被移出），无法显示个人积分。如有疑问请联系两委。`,
  noIdentity:
    '无法确认您的身份：请用两委发给您的个人链接打开本页面（链接以 ?t= 结尾），或用登记在「干部名册」中的本单位 Google 账号登录后打开。',
  ambiguousEmail: (email: string) =>
    `您的账号 ${email} 在「干部名册」中登记给了多名干部，无法确定是哪一位。请联系两委更正名册，或使用个人链接打开。`,
  notReady: '个人积分页面尚未启用：请两委成员在表格中运行「积分管理 › 个人链接」后再试。',
  failed: '页面暂时无法打开（读取积分台账时出错），请稍后刷新；如仍不行请联系两委。',
} as const;

/** A claim on the page: the statement's claim (status 待审核 / 已通过 / 已驳回). */
export type LiveClaim = StatementClaim;

/** Everything one cadre's page shows: nothing of any other cadre but the rank inside the statement. */
export interface PersonalPage {
  communityName: string;
  cadreId: string;
  name: string;
  role: string;
  /** The current month (or the last month of the 考核年度 when it is over). */
  month: string;
  monthLabel: string;
  /** Approved points of the month so far, null when the cadre is not counted that month. */
  monthTotal: number | null;
  /** 起始分 + approved points of the year through the month, null as above. */
  yearToDate: number | null;
  startingPoints: number;
  /** The cadre's own claims of the month (form claims and anything pending or rejected), as of now. */
  claims: LiveClaim[];
  leave: { availablePoints: number; halfDays: number; redeemedHalfDays: number; pointsPerHalfDay: number };
  /** The latest published month's 个人积分单, null before any publication (or when the cadre was not in it). */
  statement: Statement | null;
  /** The claim form, prefilled with this cadre ('' when it cannot be opened). */
  formUrl: string;
  /** This page's own address (the refresh link). */
  selfUrl: string;
  generatedAt: string;
}

/** The live part of the page for one cadre (the caller adds the statement and the links). */
export function livePage(
  result: RecomputeResult,
  cadreId: string,
  nowMonth: string,
  generatedAt: string,
): Omit<PersonalPage, 'statement' | 'formUrl' | 'selfUrl'> | null {
  const { book, settings } = result;
  const s = book.scenario;
  const cadre = s.roster.find((c) => c.id === cadreId);
  if (!cadre) return null;
  const months = result.months.map((p) => p.period);
  const month = months.includes(nowMonth)
    ? nowMonth
    : (months.filter((m) => m <= nowMonth).pop() ?? nowMonth);
  const summary = result.months.find((p) => p.period === month)?.cadres.find((c) => c.cadreId === cadreId);
  const claims: LiveClaim[] = s.entries
    .filter(
      (e) => e.cadreId === cadreId && e.month === month && (e.source === 'form' || e.status !== 'approved'),
    )
    .map(claimView(s.rules, reviewNotes(result)));
  const leave = leaveAsOf(book, cadreId, month);
  return {
    communityName: settings.communityName,
    cadreId,
    name: cadre.name,
    role: cadre.role ?? '',
    month,
    monthLabel: periodLabel(month),
    monthTotal: summary ? summary.total : null,
    yearToDate: summary ? summary.yearToDate : null,
    startingPoints: s.settings.startingPoints,
    claims,
    leave: leaveView(leave, s.settings.pointsPerHalfDay),
    generatedAt,
  };
}

const STATUS_CLASS: Record<string, string> = { 待审核: 'pending', 已通过: 'approved', 已驳回: 'rejected' };

/** The page's own styles, after the statement's (src/shared/statement.ts STATEMENT_CSS). */
export const PAGE_CSS = `
  body { overflow-x: hidden; }
  .top { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
  .top h1 { text-align: left; margin: 0; }
  .refresh { font-size: 13px; white-space: nowrap; color: #1a73e8; }
  .form-link { display: block; text-align: center; margin: 10px 0 4px; padding: 10px 12px; border-radius: 6px;
               background: #1a73e8; color: #fff; text-decoration: none; font-size: 16px; }
  .hint { font-size: 12px; color: #555; }
  .st { display: inline-block; white-space: nowrap; padding: 0 6px; border-radius: 3px; }
  .st.pending { background: #fff4d6; color: #7a4b00; }
  .st.approved { background: #e6f4ea; color: #1e6b34; }
  .st.rejected { background: #fce8e6; color: #8a1c1c; }
  .published { margin-top: 22px; border-top: 3px double #bbb; padding-top: 6px; }
  .published > h1 { font-size: 18px; }
  .refusal { margin: 40px auto; max-width: 420px; border: 1px solid #e8c66a; background: #fffaf0;
             border-radius: 8px; padding: 14px 16px; }
  .refusal h1 { font-size: 18px; text-align: left; margin: 0 0 8px; }
  #loading { display: none; position: fixed; inset: 0; background: rgba(255,255,255,.85); z-index: 10;
             align-items: center; justify-content: center; font-size: 16px; color: #333; }
  body.is-loading #loading { display: flex; }
`;

function claimsHtml(p: Omit<PersonalPage, 'statement' | 'formUrl' | 'selfUrl'>): string {
  const e = escapeHtml;
  if (!p.claims.length) return `<p class="empty">${e(p.monthLabel)}还没有您的申报。</p>`;
  return `<table class="claims"><thead><tr><th>申报</th><th class="status">状态</th></tr></thead><tbody>${p.claims
    .map(
      (x) =>
        `<tr><td>${e(x.item)}${x.quantity > 1 ? ` ×${x.quantity}` : ''}（${signed(x.points)} 分）` +
        `<span class="reason">依据：${e(x.reason)}</span><span class="meta">${e(x.id)}</span></td>` +
        `<td class="status"><span class="st ${STATUS_CLASS[x.status] ?? ''}">${e(x.status)}</span>` +
        `${x.reviewNote ? `<span class="reason">审核意见：${e(x.reviewNote)}</span>` : ''}</td></tr>`,
    )
    .join('\n')}</tbody></table>`;
}

/** The page body: the live month, the claim form link, then the latest published statement. Every text escaped. */
export function personalPageBody(p: PersonalPage): string {
  const e = escapeHtml;
  const l = p.leave;
  const num = (n: number | null) => (n === null ? '—' : String(n));
  const parts = [
    `<p class="issuer">${e(p.communityName)}两委</p>`,
    `<div class="top"><h1>我的积分</h1>${p.selfUrl ? `<a class="refresh" id="refresh" href="${e(p.selfUrl)}" target="_top">刷新</a>` : ''}</div>`,
    `<p class="who"><b>${e(p.name)}</b>（${e(p.cadreId)}）${p.role ? ` · ${e(p.role)}` : ''}<span class="private">仅本人可见</span></p>`,
    `<h2>${e(p.monthLabel)}（实时）</h2>`,
    '<div class="cards">',
    `<div class="card"><div class="k">本月已通过</div><div class="v">${num(p.monthTotal)}</div><div class="u">分</div></div>`,
    `<div class="card"><div class="k">年度累计</div><div class="v">${num(p.yearToDate)}</div><div class="u">1–${monthNumber(p.month)}月，含起始分 ${p.startingPoints}</div></div>`,
    `<div class="card"><div class="k">可抵事假</div><div class="v">${l.halfDays / 2}</div><div class="u">天（${l.halfDays} 个半天）</div></div>`,
    '</div>',
    `<p class="hint">可用积分 ${l.availablePoints} 分，每半天 ${l.pointsPerHalfDay} 分；本年已兑换 ${l.redeemedHalfDays} 个半天。兑换请向两委申请。数据截至 ${e(p.generatedAt)}，本月积分以月度公示为准。</p>`,
    '<h2>我的申报</h2>',
    claimsHtml(p),
    p.formUrl
      ? `<a class="form-link" id="form-link" href="${e(p.formUrl)}" target="_blank" rel="noopener">申报积分事项（已选好本人）</a><p class="hint">申请表须用您登记在干部名册中的 Google 账号提交。</p>`
      : '<p class="hint">申请表链接暂时无法生成，请使用两委在群里发布的申请表链接。</p>',
  ];
  const published = p.statement
    ? `<section class="published">${statementBodyHtml(p.statement)}</section>`
    : '<section class="published"><p class="empty">还没有发布过月度公示，公示后这里显示您的个人积分单。</p></section>';
  return `${parts.join('\n')}\n${published}`;
}

/** A refusal in place of the page: a title and the reason, nothing else. */
export function refusalBody(message: string): string {
  return `<div class="refusal" id="refusal" role="alert"><h1>无法打开个人积分页面</h1><p>${escapeHtml(message)}</p></div>`;
}

/**
 * JSON to embed in `<script type="application/json">`: "<", ">" and "&" as \\u escapes so that no value
 * can end the element or open a comment; U+2028/2029 likewise (old JS parsers).
 */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
