// `jifen rollup <a.xlsx> <b.xlsx> … --out 街道汇总.xlsx`: reads each community's book read-only, verifies its 公示, writes the 街道 roll-up book.

import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Cell } from '../../shared/cells';
import type { WorkbookValues } from '../../shared/read-tabs';
import {
  type CommunityRollup,
  FLAG_ZH,
  OVERVIEW_TAB,
  rollupBookValues,
  rollupCommunity,
  type UnreadableCommunity,
} from '../../shared/rollup';
import { TAB } from '../../shared/tabs';
import { UserError } from '../errors';
import { bookSeals, sha256Hex } from './commands';
import { lockFileOf, openBook, readingBook, withBookLock, writeFilesAtomically } from './files';
import { XlsxPackage } from './package';
import type { SheetModel } from './sheet-writer';

/** The .xlsx files are written and read with dates in Asia/Shanghai wall time (as everywhere in the CLI). */
const XLSX_OFFSET = 0;

export interface RollupRun {
  communities: CommunityRollup[];
  unreadable: UnreadableCommunity[];
  text: string;
}

/** Reads one community book, never for writing. Returns the reason when it is not a readable jifen book. */
export function readCommunity(file: string, asOf: string): CommunityRollup | UnreadableCommunity {
  try {
    if (extname(file).toLowerCase() !== '.xlsx') return { source: file, reason: '不是 .xlsx 文件' };
    const { pkg } = openBook(file, false);
    if (!pkg.sheet(TAB.publications) && !pkg.sheet(TAB.settings))
      return { source: file, reason: `不是积分台账（没有「${TAB.settings}」和「${TAB.publications}」表）` };
    // Only the tabs the roll-up and the seal check read (not 月度汇总, 年度汇总 …).
    const values = readingBook(file, () => {
      const v: WorkbookValues = {};
      for (const tab of ['settings', 'publications', 'objections', 'ledger'] as const) {
        const t = pkg.values(TAB[tab]);
        if (t) v[tab] = t;
      }
      return v;
    });
    // The same seal check as `jifen verify`: snapshots as displayed, sealed ledger rows, the 摘要 chain.
    const seals = readingBook(file, () => bookSeals(pkg, values));
    const cache = new Map<string, Cell[][] | undefined>();
    return rollupCommunity(
      {
        source: file,
        settings: values.settings,
        publications: values.publications,
        objections: values.objections,
        snapshot: (name) => {
          if (!cache.has(name)) cache.set(name, pkg.values(name));
          return cache.get(name);
        },
        sealFindings: seals.findings,
        offsetMinutes: XLSX_OFFSET,
      },
      { asOf, sha256Hex },
    );
  } catch (e) {
    const reason = e instanceof UserError ? e.message : `内部错误：${(e as Error)?.message ?? String(e)}`;
    return { source: file, reason };
  }
}

function sheetModel(values: Cell[][], headerRows: number[], widths: number[]): SheetModel {
  return {
    values,
    columns: widths.map((width) => ({ width, style: 'general' as const })),
    headerRows,
    styleOf: (row, _col, v) => (row === 0 ? 'title' : typeof v === 'string' ? 'text' : undefined),
  };
}

/** `jifen rollup`: every book read-only, one book written at --out. */
export function runRollup(
  files: readonly string[],
  out: string,
  opts: { asOf: string; generatedAt: string; progress: (m: string) => void },
): RollupRun {
  if (extname(out).toLowerCase() !== '.xlsx') throw new UserError(`--out 的文件名应以 .xlsx 结尾：${out}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.asOf))
    throw new UserError(`--as-of 应为 YYYY-MM，例如 2026-10（实际：${opts.asOf}）`);
  const outPath = resolve(out);
  for (const f of files)
    if (resolve(f) === outPath)
      throw new UserError(`--out 不能是输入的社区工作簿（${f}）：汇总从不改写社区的文件`);
  const open = lockFileOf(out);
  if (open)
    throw new UserError(
      `文件 ${out} 正被 Excel/WPS/LibreOffice 打开（发现锁文件 ${basename(open)}），请先关闭后重试`,
    );
  const communities: CommunityRollup[] = [];
  const unreadable: UnreadableCommunity[] = [];
  for (const f of files) {
    opts.progress(`读取 ${f}`);
    const r = readCommunity(f, opts.asOf);
    if ('reason' in r) unreadable.push(r);
    else communities.push(r);
  }
  const book = rollupBookValues(communities, unreadable, { asOf: opts.asOf, generatedAt: opts.generatedAt });
  const pkg = XlsxPackage.create();
  pkg.addSheet(
    OVERVIEW_TAB,
    sheetModel(
      book.overview,
      book.overviewHeaderRows,
      [160, 220, 70, 80, 70, 50, 70, 60, 60, 90, 90, 160, 200],
    ),
  );
  for (const c of book.communities)
    pkg.addSheet(c.tabName, sheetModel(c.values, c.headerRows, [90, 120, 150, 80, 140, 260, 110]));
  try {
    mkdirSync(dirname(outPath), { recursive: true });
  } catch {
    // reported by the write below
  }
  withBookLock(out, 'rollup', (lock) => writeFilesAtomically([{ path: out, data: pkg.toBuffer() }], lock));
  const lines = [`已生成街道汇总：${outPath}（截至 ${opts.asOf}，${communities.length} 个社区）`];
  for (const c of communities) {
    const n = (s: string) => c.months.filter((m) => m.state === s).length;
    const flags = c.flags.length ? `；标记：${c.flags.map((f) => FLAG_ZH[f]).join('、')}` : '';
    lines.push(
      `  ${c.name}：校验一致 ${n('verified')} 个月，逾期 ${n('late')}，无法校验 ${n('unverifiable')}，被改动 ${n('tampered')}；干部 ${c.cadres.length} 名${flags}`,
    );
  }
  for (const u of unreadable) lines.push(`  无法读取：${u.source}：${u.reason}`);
  lines.push('（各社区工作簿只读取，未被改写）');
  return { communities, unreadable, text: `${lines.join('\n')}\n` };
}
