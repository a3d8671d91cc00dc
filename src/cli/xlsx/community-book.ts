// A demo-like community book with chosen months published (roll-up tests and the roll-up benchmark).

import type { Cell } from '../../shared/cells';
import { type DemoScenario, demoScenario } from '../../shared/demo';
import { COLUMNS, type ColumnTab, headersOf, TAB } from '../../shared/tabs';
import { publishBook, recomputeBook, type WorkbookContext } from './commands';
import { demoInputValues } from './demo-book';
import { readmeModel, tabModel } from './layout';
import { XlsxPackage } from './package';

/** 'YYYY-MM' → the 5th of the next month at 10:00, the publication time of that month's 公示. */
export function publicationTime(month: string): { nowMonth: string; nowText: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { nowMonth: next, nowText: `${next}-05 10:00:00` };
}

/**
 * The demo's input tabs renamed to `name`, recomputed, and `months` published in order, each at the
 * start of the following month. `scenario` replaces the demo scenario (e.g. 30 cadres for the benchmark).
 */
export function communityBook(name: string, months: readonly string[], scenario?: DemoScenario): XlsxPackage {
  const { values, readme } = demoInputValues(scenario);
  values.settings = (values.settings ?? [headersOf('settings')]).map((r): Cell[] =>
    r[0] === '社区名称' ? [r[0], name, r[2] ?? ''] : r,
  );
  const pkg = XlsxPackage.create();
  pkg.addSheet(TAB.readme, readmeModel(readme));
  for (const tab of Object.keys(COLUMNS) as ColumnTab[])
    pkg.addSheet(TAB[tab], tabModel(tab, values[tab] ?? [headersOf(tab)]));
  const ctx = (month: string): WorkbookContext => ({
    ...publicationTime(month),
    user: 'cadre01@example.org',
    publisher: `${name}两委`,
    progress: () => {},
  });
  recomputeBook(pkg, values, ctx(months[0] ?? '2026-01'), false);
  for (const m of months) publishBook(pkg, values, m, ctx(m));
  return pkg;
}

/** Changes one cell of a tab as an editor would (the tab is rewritten with only that cell different). */
export function editCell(pkg: XlsxPackage, tab: string, row: number, col: number, value: Cell): void {
  const v = pkg.values(tab);
  if (!v) throw new Error(`no tab ${tab}`);
  const copy = v.map((r) => r.slice());
  while (copy.length <= row) copy.push([]);
  copy[row]![col] = value;
  pkg.setSheet(tab, { values: copy });
}

/**
 * The demo scenario with `cadres` cadres: the demo's twelve repeated (copy k: ids 013…, names with k+1,
 * their entries, attendance and scores), for the roll-up benchmark's 30-cadre communities.
 */
export function scaledScenario(cadres: number): DemoScenario {
  const s = demoScenario();
  const out: DemoScenario = { ...s, roster: [], entries: [], attendance: [], scores: [] };
  for (let k = 0; out.roster.length < cadres; k++)
    for (const c of s.roster) {
      if (out.roster.length >= cadres) break;
      const id = String(out.roster.length + 1).padStart(3, '0');
      const of = (x: Record<string, unknown>) => x.cadreId === c.id;
      out.roster.push({ ...c, id, name: k ? `${c.name}${k + 1}` : c.name, email: `c${id}@example.org` });
      for (const e of s.entries.filter(of))
        out.entries.push({ ...e, id: k ? `${e.id}-${k}` : e.id, cadreId: id });
      for (const a of s.attendance.filter(of)) out.attendance.push({ ...a, cadreId: id });
      for (const x of s.scores.filter(of)) out.scores.push({ ...x, cadreId: id });
    }
  return out;
}
