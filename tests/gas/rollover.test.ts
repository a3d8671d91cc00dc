// 年度结转 on the fake: the demo year closed into an archive copy (digests verified there) and the next year opened; refusals; reruns after each step.

import { doSetup } from '../../src/gas/actions';
import * as entry from '../../src/gas/entry';
import { publishHalfYear, publishMonth, verifySnapshots } from '../../src/gas/publish-action';
import { rolloverSpreadsheet } from '../../src/gas/rollover-action';
import { doSetupForm } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import type { RolloverStep } from '../../src/shared/rollover';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, MEMBER, OWNER, seedDemo, setSetting, sheet, typeRows } from './helpers';

afterEach(cleanupGas);

const JANUARY = new Date('2027-01-05T02:00:00Z'); // 2027-01-05 10:00 in Shanghai

interface Prep {
  /** Months left unpublished. */
  skip?: string[];
  /** Keep October's pending claims and add an open objection. */
  keepOpen?: boolean;
  halfYears?: boolean;
}

/** The demo community, its year published here (whatever else publishes), cadre 012 left in November; the clock then moves to January. */
function demoYear(prep: Prep = {}): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '社区名称', '幸福社区');
  setSetting(fake, '考核年度', '2026');
  setSetting(fake, '两委成员邮箱', MEMBER);
  doSetup();
  seedDemo(fake);
  const ro = sheet(fake, TAB.roster);
  const rv = ro.getDataRange().getValues();
  const r012 = rv.findIndex((r) => r[0] === '012') + 1;
  ro.getRange(r012, 5).setValue('离职');
  ro.getRange(r012, 7).setNumberFormat('@').setValue('2026-11');
  if (prep.keepOpen) {
    typeRows(fake, 'objections', [
      [
        'O001',
        '2026-09',
        '007',
        '赵敏',
        '',
        '9月考勤缺失，请核实',
        '2026-10-10 15:20:00',
        '待处理',
      ] as Cell[],
    ]);
  } else {
    const lg = sheet(fake, TAB.ledger);
    const lv = lg.getDataRange().getValues();
    const st = lv[0]!.indexOf('状态');
    lv.forEach((r, i) => {
      if (r[st] === '待审核') lg.getRange(i + 1, st + 1).setValue('已通过');
    });
  }
  for (let m = 1; m <= 10; m++) {
    const month = `2026-${String(m).padStart(2, '0')}`;
    if (prep.skip?.includes(month)) continue;
    const published = fake.values(TAB.publications).some((r) => r[0] === month);
    if (!published) publishMonth(fake.spreadsheet, month, OWNER);
  }
  if (prep.halfYears !== false) {
    publishHalfYear(fake.spreadsheet, '2026-H1', OWNER);
    publishHalfYear(fake.spreadsheet, '2026-H2', OWNER);
  }
  jest.setSystemTime(JANUARY);
  return fake;
}

const setting = (fake: FakeGas, key: string, ssId?: string) =>
  fake.values(TAB.settings, ssId).find((r) => r[0] === key)?.[1];

function archiveOf(fake: FakeGas): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const url = String(setting(fake, '结转进度')).replace(/^2026 已完成：/, '');
  return fake.SpreadsheetApp.openByUrl(url);
}

describe('年度结转 (Sheets)', () => {
  test('refusal lists exactly what is missing; nothing is written', () => {
    const fake = demoYear({ skip: ['2026-10'], keepOpen: true, halfYears: false });
    const before = fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.values(s.getName())]);
    const lv = fake.values(TAB.ledger);
    const st = lv[0]!.indexOf('状态');
    const pending = lv
      .map((r, i) => ({ r, row: i + 1 }))
      .filter(({ r }) => r[st] === '待审核')
      .map(({ r, row }) => `积分台账第${row}行（${r[0]}，${r[3]} ${r[1]}）待审核`);
    expect(pending).toHaveLength(2);
    const items = [
      '2026-10 的月度公示未发布',
      '2026年上半年汇总（2026-H1）未发布',
      '2026年下半年汇总（2026-H2）未发布',
      ...pending,
      '异议处理第2行（O001，赵敏）尚未处理',
    ];
    const expected =
      `2026 年度还不能结转，尚缺以下 ${items.length} 项：\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n` +
      '请先逐项处理（发布公示、审核申报、处理异议）后再结转；如两委确认按现状结转，请在「年度结转」提示框中写明两委确认的例外后点“确定”，说明会写入操作日志和年度公示。';
    // The menu shows the list in its prompt; 取消 leaves everything as it was.
    fake.ui.respondWith('CANCEL');
    entry.menuYearRollover();
    const shown = fake.ui.alerts.filter((a) => a.title === '年度结转');
    expect(shown[0]!.kind).toBe('prompt');
    expect(shown[0]!.prompt).toBe(
      `${expected}\n\n如两委确认按现状结转，请写明例外说明后点“确定”；点“取消”则不结转。`,
    );
    expect(shown[1]!.prompt).toBe(`未结转。${expected}`);
    expect(() => rolloverSpreadsheet(fake.spreadsheet, OWNER)).toThrow(expected);
    const after = fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.values(s.getName())]);
    // recompute rewrites the summaries; nothing of the close happened
    expect(after.map((x) => x[0])).toEqual(before.map((x) => x[0]));
    expect(setting(fake, '结转进度')).toBeUndefined();
    expect(setting(fake, '考核年度')).toBe('2026');
  });

  test('closes the demo year: year 公示, archive copy verified, next year at 起始分', () => {
    const fake = demoYear();
    doSetupForm();
    const triggers = fake.ScriptApp.getProjectTriggers()
      .map((t) => t.getHandlerFunction())
      .sort();
    expect(triggers.length).toBeGreaterThan(0);
    fake.ui.respondWith('OK'); // the result alert
    entry.menuYearRollover();
    const said = fake.ui.alerts.filter((a) => a.title === '年度结转').at(-1)!.prompt;
    expect(said).toMatch(
      /^已发布 2026 年度公示「公示-2026」，校验码（封存摘要，SHA-256）：[0-9a-f]{64}\n已建立归档副本「幸福社区 积分台账 2026归档」：https:\/\/docs\.google\.com\/spreadsheets\/d\/.+（其中 \d+ 份公示的校验码全部一致）\n2026 年度已结转，表格现为 2027 年度/,
    );
    expect(said).toContain('\n申请表的月份选项已更新（');
    // Triggers kept; the copy has no form link.
    expect(
      fake.ScriptApp.getProjectTriggers()
        .map((t) => t.getHandlerFunction())
        .sort(),
    ).toEqual(triggers);
    const archive = archiveOf(fake);
    expect(archive.getName()).toBe('幸福社区 积分台账 2026归档');
    expect(archive.getSheets().every((s) => s.getFormUrl() === null)).toBe(true);
    const id = archive.getId();
    // Totals of the archive's year 公示 equal its 年度汇总 for 2026.
    const snap = fake.values('公示-2026', id);
    const h = snap.findIndex((r) => r[0] === '排名');
    const snapTotals = new Map(
      snap
        .slice(h + 1)
        .filter((r) => /^\d{3}$/.test(String(r[1])))
        .map((r) => [String(r[1]), Number(r[8])]),
    );
    const yearly = fake.values(TAB.yearly, id);
    const c = (x: string) => yearly[0]!.indexOf(x);
    const yearTotals = new Map(
      yearly.filter((r) => r[0] === '2026').map((r) => [String(r[c('干部编号')]), Number(r[c('合计')])]),
    );
    expect(snapTotals.size).toBe(12);
    expect(snapTotals).toEqual(yearTotals);
    // The archive is read-only: every sheet protected; a non-member cannot type into it.
    for (const s of archive.getSheets())
      expect(s.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!.getDescription()).toBe(
        '2026 年度归档（只读）',
      );
    // The working book: next year, emptied, 公示 tabs gone, leaver gone, its own 校验公示 has nothing.
    expect(setting(fake, '考核年度')).toBe('2027');
    for (const t of ['ledger', 'attendance', 'scores', 'redemptions', 'objections', 'publications'] as const)
      expect(fake.values(TAB[t])).toEqual([headersOf(t)]);
    expect(fake.spreadsheet.getSheets().filter((s) => s.getName().startsWith('公示-'))).toEqual([]);
    const roster = fake.values(TAB.roster);
    expect(roster.slice(1).map((r) => r[0])).toHaveLength(11);
    expect(roster.some((r) => r[0] === '012')).toBe(false);
    expect(verifySnapshots(fake.spreadsheet, OWNER).message).toBe('还没有发布过公示。');
    expect(
      sheet(fake, TAB.ledger)
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .filter((p) => /已公示/.test(p.getDescription())),
    ).toEqual([]);
    const log = fake.values(TAB.log).map((r) => `${r[2]}|${r[3]}`);
    expect(log.filter((l) => l.startsWith('发布年度公示|公示-2026：12 名干部'))).toHaveLength(1);
    expect(log).toContainEqual(
      expect.stringMatching(
        /^年度结转\|2026 年度归档：https:\/\/docs\.google\.com\/spreadsheets\/d\/.+（副本中 \d+ 份公示校验通过）$/,
      ),
    );
    // The new year starts at 起始分.
    entry.menuRecompute();
    const y = fake.values(TAB.yearly).filter((r) => r[0] === '2027');
    const yh = fake.values(TAB.yearly)[0]!;
    expect(y).toHaveLength(11);
    for (const r of y) expect(r[yh.indexOf('起始分')]).toBe(100);
    // The archive itself refuses a close.
    expect(() => rolloverSpreadsheet(archive, OWNER)).toThrow(
      `这是 2026 年度的只读归档，不能结转或修改。年度结转请对工作簿（${fake.spreadsheet.getUrl()}）运行。`,
    );
    // A second run has nothing to do.
    expect(rolloverSpreadsheet(fake.spreadsheet, OWNER)).toBe(
      `2026 年度已结转（归档：${archive.getUrl()}），表格现为 2027 年度，无需再次结转。`,
    );
  });

  const steps: (RolloverStep | 'copied' | 'cleared')[] = [
    'published',
    'copied',
    'archived',
    'cleared',
    'done',
  ];
  test.each(steps)('rerun after an interruption after step %s: nothing lost, nothing doubled', (k) => {
    const fake = demoYear();
    const copies = () => [...fake.ctx.spreadsheets.values()].filter((s) => s.name.endsWith('归档')).length;
    expect(() =>
      rolloverSpreadsheet(fake.spreadsheet, OWNER, {
        confirm: '',
        afterStep: (s) => {
          if (s === k) throw new Error(`interrupted after ${s}`);
        },
      }),
    ).toThrow(`interrupted after ${k}`);
    rolloverSpreadsheet(fake.spreadsheet, OWNER);
    expect(copies()).toBe(1);
    const log = fake.values(TAB.log).map((r) => String(r[2]));
    expect(log.filter((l) => l === '发布年度公示')).toHaveLength(1);
    expect(log.filter((l) => l === '年度结转')).toHaveLength(2);
    expect(setting(fake, '考核年度')).toBe('2027');
    const archive = archiveOf(fake);
    expect(fake.values(TAB.publications, archive.getId()).filter((r) => r[0] === '2026')).toHaveLength(1);
    for (const s of archive.getSheets())
      expect(s.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
  });
});
