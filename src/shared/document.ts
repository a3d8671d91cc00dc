// The printed 公示 and 报告 (one document design for Sheets and jifen), pure: snapshot values + settings in → A4 HTML out.

import { periodLabel, SOURCE_ZH } from '../core';
import { type Cell, cellText } from './cells';
import type { PeriodReport } from './period-report';
import { CADRE_TABLE_HEADERS, DETAIL_TABLE_HEADERS, escapeHtml, type Snapshot, tierClass } from './publish';

/** What a document needs besides the snapshot: who issues it, the 公示期, who takes objections. */
export interface DocumentMeta {
  communityName: string;
  /** 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai). */
  publishedAt: string;
  /** Calendar days of the 公示期, counted from the publication day (设置 公示期天数). */
  publicityDays: number;
  objectionContact: string;
  /** A person's or body's name — never an e-mail address or OS account. */
  publisher: string;
  /** Addressee of the 报告 (设置 报送单位). */
  reportTo: string;
  sha256: string;
  /** Tab the digest covers. */
  tabName: string;
}

/** '2026-09-01' + n days → '2026-09-0x' (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return t.toISOString().slice(0, 10);
}

/** '2026-09-01' → '2026年9月1日'. */
export function zhDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The last day of the 公示期 (inclusive): publication day + days − 1. */
export function publicityEnd(meta: Pick<DocumentMeta, 'publishedAt' | 'publicityDays'>): string {
  return addDays(meta.publishedAt, Math.max(1, meta.publicityDays) - 1);
}

/** Short names of the automatic (system) items, for the one-line condensation. */
const AUTO_SHORT: Record<string, string> = {
  '月内按时上下班，无迟到、早退、旷工': '考勤按时',
  '另无事假、病假记录，考勤全勤': '考勤全勤',
  月内未被街道等上级部门点名批评: '无批评',
  月内未被居民投诉: '无投诉',
  '每季度「四知四清四掌握」考核前5名': '季度考核前5名',
  学习强国半年汇总前5名: '学习强国前5名',
};

const signed = (n: Cell) => {
  const v = Number(n);
  return Number.isFinite(v) ? (v > 0 ? `+${v}` : `${v}`) : cellText(n);
};

/** One line for a cadre's automatic items: 考勤全勤 +10；无批评 +5；无投诉 +5. */
export function condenseAutomatic(items: readonly { item: string; points: Cell }[]): string {
  return items.map((i) => `${AUTO_SHORT[i.item] ?? i.item} ${signed(i.points)}`).join('；');
}

/** The CJK font stack of every printed page (公示, 报告, 个人积分单). */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Tier colours shared by the 公示 and the 个人积分单 (green top third, amber bottom third, red bottom three). */
export const TIER_CSS =
  '.tier.top { background: #c6efce; } .tier.bottom { background: #ffeb9c; } .tier.bottom3 { background: #ffc7ce; }';

const CSS = `
  @page { size: A4 portrait; margin: 16mm 14mm 18mm 14mm; }
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; }
  body { font-family: ${FONT_STACK};
         font-size: 10pt; line-height: 1.45; color: #111; width: 100%; }
  .issuer { text-align: center; font-size: 12pt; letter-spacing: 0.2em; margin: 0 0 1mm; }
  h1 { font-size: 17pt; text-align: center; margin: 1mm 0 3mm; }
  h2 { font-size: 12pt; margin: 5mm 0 2mm; }
  p { margin: 0 0 2mm; }
  .lead { text-indent: 2em; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; table-layout: fixed; }
  th, td { border: 0.5pt solid #555; padding: 1mm 1.4mm; text-align: left; vertical-align: top;
           overflow-wrap: anywhere; word-break: break-word; font-size: 9.5pt; }
  th { background: #e7e6e6; font-weight: bold; }
  .num { text-align: right; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td.who { font-weight: bold; }
  td.auto { color: #333; }
  .small { font-size: 9pt; color: #444; }
  ${TIER_CSS}
  .digest { font-size: 9pt; color: #333; overflow-wrap: anywhere; margin-top: 4mm; }
  .digest code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
  .sign { margin-top: 8mm; margin-left: 55%; break-inside: avoid; page-break-inside: avoid; }
  /* The closing (footer line, digest, 落款) and the last rows before it print as one unit (see table()). */
  tbody.tail { break-inside: avoid; page-break-inside: avoid; }
  td.closing { border: none; padding: 3mm 0 0; font-size: 10pt; overflow-wrap: normal; word-break: normal; }
  div.closing { break-inside: avoid; page-break-inside: avoid; }
  .sign .seal { height: 30mm; border: 0.5pt dashed #aaa; color: #999; font-size: 9pt; text-align: center;
                padding-top: 12mm; margin: 2mm 0; width: 40mm; }
  @media print { th, .tier { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Rows of the last table printed together with the closing (so the 落款 never stands alone on a page). */
const TAIL_ROWS = 2;

/**
 * Widths (percent) per column, so the table never exceeds the printable width. With `closing`, the table
 * ends in a row group holding its last rows and the closing (footer line, digest, 落款) in one full-width
 * cell, unbreakable: when it does not fit on the page, those rows move over with it, under the repeated
 * header. Why inside the table: Chromium does not honour break-before: avoid between a table and the
 * block after it (the closing alone was pushed onto a last page; see tests/cli/correction-pdf.test.ts).
 */
function table(
  headers: readonly string[],
  widths: readonly number[],
  rows: string[][],
  numeric: Set<string>,
  raw = false,
  closing = '',
): string {
  const cols = widths.map((w) => `<col style="width:${w}%">`).join('');
  const head = headers
    .map((h) => `<th${numeric.has(h) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const tr = (r: string[]) =>
    `<tr>${r
      .map((t, i) => {
        const h = headers[i] ?? '';
        const cls = h === '分档' && t ? `tier ${tierClass(t)}` : numeric.has(h) ? 'num' : '';
        return `<td${cls ? ` class="${cls}"` : ''}>${raw ? t : escapeHtml(t)}</td>`;
      })
      .join('')}</tr>`;
  const split = closing ? Math.max(0, rows.length - TAIL_ROWS) : rows.length;
  const body = rows.slice(0, split).map(tr).join('\n');
  const tail = closing
    ? `<tbody class="tail">${rows.slice(split).map(tr).join('\n')}<tr><td class="closing" colspan="${headers.length}">${closing}</td></tr></tbody>`
    : '';
  return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead>${split > 0 ? `<tbody>${body}</tbody>` : ''}${tail}</table>`;
}

function header(meta: DocumentMeta, title: string): string {
  return `<p class="issuer">${escapeHtml(meta.communityName)}两委</p>\n<h1>${escapeHtml(title)}</h1>`;
}

function publicityLead(meta: DocumentMeta, what: string): string {
  const end = publicityEnd(meta);
  return (
    `<p class="lead">根据《社区干部积分制管理办法》，现将${escapeHtml(what)}予以公示。` +
    `公示期 ${meta.publicityDays} 天：${zhDate(meta.publishedAt)}至${zhDate(end)}。` +
    `对公示内容有异议的，请于<b>${zhDate(end)}</b>前向<b>${escapeHtml(meta.objectionContact)}</b>实名提出，写明事项和理由；` +
    `两委调查核实后答复，确有错误的发布更正公示。</p>`
  );
}

function digestBlock(meta: DocumentMeta): string {
  return (
    `<p class="digest">封存摘要（SHA-256，覆盖表格「${escapeHtml(meta.tabName)}」的显示内容、本期积分台账记录和上一次发布的摘要）：<code>${escapeHtml(meta.sha256)}</code><br>` +
    `核对方法：在 Google 表格中点「积分管理 › 校验公示」，或运行 <code>jifen verify 台账.xlsx --digest 本摘要</code>；显示“一致”且「公示记录」中该次发布的摘要与此相同，即说明公示和台账记录发布后未被改动。</p>`
  );
}

function signature(meta: DocumentMeta, body = `${meta.communityName}两委`): string {
  return (
    `<div class="sign"><p>${escapeHtml(body)}（盖章）</p><div class="seal">公章</div>` +
    `<p>${zhDate(meta.publishedAt)}</p><p class="small">发布人：${escapeHtml(meta.publisher)}</p></div>`
  );
}

/** The end of a document (footer line, digest, 落款), kept in one piece. */
function closing(...parts: string[]): string {
  return parts.join('\n');
}

interface TableSpec {
  headers: readonly string[];
  widths: readonly number[];
  rows: string[][];
  numeric: Set<string>;
  raw?: boolean;
}

/**
 * The tables of a document, the last one carrying the closing with its last rows (see table()); other
 * HTML (headings) passes through. Without a table to end on, the closing follows as one block.
 */
function endWith(parts: readonly (string | TableSpec)[], closingHtml: string): string {
  let last = -1;
  parts.forEach((p, i) => {
    if (typeof p !== 'string' && p.rows.length > 0) last = i;
  });
  const out = parts.map((p, i) =>
    typeof p === 'string'
      ? p
      : table(p.headers, p.widths, p.rows, p.numeric, p.raw, i === last ? closingHtml : ''),
  );
  if (last < 0) out.push(`<div class="closing">${closingHtml}</div>`);
  return out.join('\n');
}

const RANK_NUMERIC = new Set(['排名', '基础', '任务', '奖励', '月度积分', '年度累计', '起始分', '合计']);

/** The monthly 公示 and the 更正公示, from the snapshot values (what the digest covers). */
export function monthDocumentHtml(snapshot: Snapshot, meta: DocumentMeta): string {
  const v = snapshot.values;
  const { layout } = snapshot;
  const col = (headers: readonly string[], name: string) => headers.indexOf(name as never);
  const rankRows: string[][] = [];
  for (let r = layout.cadreRows[0]; r < layout.cadreRows[1]; r++)
    rankRows.push(CADRE_TABLE_HEADERS.map((_, i) => cellText(v[r]?.[i])));
  const ranking = table(CADRE_TABLE_HEADERS, [5, 6, 9, 6, 6, 6, 10, 10, 15, 27], rankRows, RANK_NUMERIC);
  // Detail: per cadre, the automatic items on one line, then each claim or committee entry with its reason.
  const D = DETAIL_TABLE_HEADERS;
  const byCadre = new Map<string, { name: string; auto: { item: string; points: Cell }[]; rows: Cell[][] }>();
  for (let r = layout.detailRows[0]; r < layout.detailRows[1]; r++) {
    const row = v[r] ?? [];
    const id = cellText(row[col(D, '干部编号')]);
    const g = byCadre.get(id) ?? { name: cellText(row[col(D, '姓名')]), auto: [], rows: [] };
    byCadre.set(id, g);
    if (cellText(row[col(D, '来源')]) === SOURCE_ZH.system)
      g.auto.push({ item: cellText(row[col(D, '事项')]), points: row[col(D, '积分')] ?? '' });
    else g.rows.push(row);
  }
  const detailRows: string[][] = [];
  for (const [id, g] of byCadre) {
    const who = `<b>${escapeHtml(g.name)}</b><br><span class="small">${escapeHtml(id)}</span>`;
    let first = true;
    const cell = () => {
      const c = first ? who : '';
      first = false;
      return c;
    };
    if (g.auto.length) detailRows.push([cell(), '自动计分', escapeHtml(condenseAutomatic(g.auto)), '', '']);
    for (const row of g.rows) {
      const q = Number(row[col(D, '数量')]);
      detailRows.push([
        cell(),
        escapeHtml(`${cellText(row[col(D, '事项')])}${q > 1 ? ` ×${q}` : ''}`),
        escapeHtml(cellText(row[col(D, '得分依据')])),
        escapeHtml(signed(row[col(D, '积分')] ?? '')),
        `<span class="small">${escapeHtml(cellText(row[col(D, '来源')]))}<br>${escapeHtml(cellText(row[col(D, '条目编号')]))}</span>`,
      ]);
    }
  }
  const end = closing(
    `<p>${escapeHtml(cellText(v[layout.footerRow]?.[0]))}</p>`,
    digestBlock(meta),
    signature(meta),
  );
  const parts: (string | TableSpec)[] = [
    {
      headers: ['干部', '事项', '得分依据', '积分', '来源/编号'],
      widths: [12, 24, 42, 8, 14],
      rows: detailRows,
      numeric: new Set(['积分']),
      raw: true,
    },
  ];
  // A correction lists what changed after the regular blocks (rows after the footer).
  if (snapshot.revision > 0) {
    const extra = v.slice(layout.footerRow + 1);
    let i = 0;
    while (i < extra.length) {
      const r = extra[i]!;
      if (r.length === 0) {
        i++;
        continue;
      }
      if (r.length === 1) {
        parts.push(`<h2>三、${escapeHtml(cellText(r[0]))}</h2>`);
        i++;
        continue;
      }
      const hdr = r.map((c) => cellText(c));
      const rows: string[][] = [];
      i++;
      while (i < extra.length && (extra[i]?.length ?? 0) > 1) {
        rows.push(extra[i]!.map((c) => cellText(c)));
        i++;
      }
      parts.push({
        headers: hdr,
        widths: hdr.map(() => 100 / hdr.length),
        rows,
        numeric: new Set(hdr.filter((h) => /积分|变化|累计/.test(h))),
      });
    }
  }
  const period = snapshot.title.replace(/^.*? (\S+年\S*?) .*$/, '$1');
  const what = snapshot.revision ? `${period}干部积分更正情况` : `${period}干部积分情况`;
  const body = [
    header(meta, snapshot.title),
    publicityLead(meta, what),
    `<p class="small">${escapeHtml(cellText(v[layout.metaRow]?.[0]))}</p>`,
    '<h2>一、积分排名</h2>',
    ranking,
    `<h2>二、积分明细（${escapeHtml(period)}全部已通过条目；自动计分为考勤、无批评、无投诉等系统条目）</h2>`,
    endWith(parts, end),
  ];
  return page(snapshot.title, body.join('\n'));
}

const REPORT_WIDTHS = [6, 6, 8, 10, 7, 6, 6, 6, 6, 12, 16, 11];

/** The half-year 公示 (ranking with 起始分). */
export function halfYearDocumentHtml(report: PeriodReport, meta: DocumentMeta): string {
  const v = report.values;
  const hdr = (v[report.table.header] ?? []).map((c) => cellText(c));
  const rows = v.slice(report.table.start, report.table.end).map((r) => hdr.map((_, i) => cellText(r[i])));
  const body = [
    header(meta, report.title),
    // From the period, not the title: a community name with a space (「某街道 和平社区」) broke the title's split.
    publicityLead(meta, `${periodLabel(report.period)}干部积分排名`),
    `<p class="small">${escapeHtml(cellText(v[1]?.[0]))}</p>`,
    endWith(
      [{ headers: hdr, widths: REPORT_WIDTHS, rows, numeric: RANK_NUMERIC }],
      closing(
        `<p>${escapeHtml(cellText(v[report.table.end + 1]?.[0]))}</p>`,
        digestBlock(meta),
        signature(meta),
      ),
    ),
  ];
  return page(report.title, body.join('\n'));
}

/** The half-year 报告 to the 街道党工委: 报送单位, 报送日期, tiers, consequences, ties to decide. */
export function reportDocumentHtml(report: PeriodReport, meta: DocumentMeta): string {
  const rv = report.reportValues;
  const title = cellText(rv[0]?.[0]);
  const hdrIndex = rv.findIndex((r, i) => i > 2 && r.length > 1);
  const sections: string[] = [];
  for (let i = 3; i < (hdrIndex < 0 ? rv.length : hdrIndex); i++) {
    const t = cellText(rv[i]?.[0]);
    if (!t) continue;
    sections.push(
      /^[一二三四五六七八九十]、/.test(t)
        ? `<h2>${escapeHtml(t)}</h2>`
        : `<p class="lead">${escapeHtml(t)}</p>`,
    );
  }
  const hdr = hdrIndex >= 0 ? rv[hdrIndex]!.map((c) => cellText(c)) : [];
  const rows = hdrIndex >= 0 ? rv.slice(hdrIndex + 1).map((r) => hdr.map((_, i) => cellText(r[i]))) : [];
  const end = closing(digestBlock({ ...meta, tabName: report.reportTabName }), signature(meta));
  const body = [
    `<p class="issuer">${escapeHtml(meta.communityName)}两委</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p><b>报送单位：</b>${escapeHtml(meta.reportTo)}　　<b>报送日期：</b>${zhDate(meta.publishedAt)}　　<b>填报人：</b>${escapeHtml(meta.publisher)}</p>`,
    ...sections,
    endWith(hdr.length ? [{ headers: hdr, widths: REPORT_WIDTHS, rows, numeric: RANK_NUMERIC }] : [], end),
  ];
  return page(title, body.join('\n'));
}

/** Chromium's page footer (CLI): 第 x 页 共 y 页, inside the bottom margin. */
export const PAGE_FOOTER_TEMPLATE =
  "<div style=\"width:100%;text-align:center;font-size:9pt;font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;color:#333\">" +
  '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';
