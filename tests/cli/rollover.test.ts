// jifen rollover: the demo year closed (year 公示, verified read-only archive, next year's book), refusals, and reruns after an interruption at each step.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDemoBook,
  publishBook,
  readBookValues,
  type WorkbookContext,
} from '../../src/cli/xlsx/commands';
import { DEMO_NOW } from '../../src/cli/xlsx/demo-book';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { archivePathFor, runRollover } from '../../src/cli/xlsx/rollover';
import { entryData, readZip } from '../../src/cli/xlsx/zip';
import { type Cell, cellText } from '../../src/shared/cells';
import { recompute } from '../../src/shared/recompute';
import type { RolloverStep } from '../../src/shared/rollover';
import { headersOf, TAB } from '../../src/shared/tabs';
import { cli, readBook, sha256, tempDir } from './helpers';

const JAN = { month: '2027-01', instant: new Date('2027-01-05T01:00:00Z') };
const ctx: WorkbookContext = {
  nowMonth: '2027-01',
  nowText: '2027-01-05 09:00:00',
  user: '李秀英',
  progress: () => {},
};

const col = (v: Cell[][], h: string) => v[0]!.map((x) => cellText(x)).indexOf(h);

interface Prep {
  /** Months left unpublished. */
  skip?: string[];
  /** Leave the demo's pending claims and open objection as they are. */
  keepOpen?: boolean;
  /** Add a January 2027 claim (pending) and attendance row, typed before the close. */
  january?: boolean;
}

const JAN_CLAIM: Record<string, Cell> = {
  编号: 'F-2027-0001',
  月份: '2027-01',
  干部编号: '003',
  干部姓名: '张伟',
  规则编码: 'T-MEDIATION',
  事项: '调解矛盾纠纷',
  数量: 1,
  得分依据: '1月3日调解邻里纠纷',
  来源: '表单',
  申报人: 'cadre03@example.org',
  申报时间: '2027-01-03 20:00:00',
  状态: '待审核',
};

/**
 * The demo year made ready to close, in memory: pending claims reviewed, the objection decided, cadre 012
 * left in November, and every month with data published here (whatever the demo publishes itself).
 */
function prepareBook(file: string, prep: Prep = {}): void {
  const { pkg } = buildDemoBook({ ...ctx, nowMonth: DEMO_NOW.month, nowText: DEMO_NOW.recomputeAt });
  const values = readBookValues(pkg);
  if (!prep.keepOpen) {
    const st = col(values.ledger!, '状态');
    for (const r of values.ledger!.slice(1)) if (r[st] === '待审核') r[st] = '已通过';
    const o = values.objections!;
    for (const r of o.slice(1)) {
      r[col(o, '处理结果')] = '不成立';
      r[col(o, '处理意见')] = '考勤机记录完整，维持原考勤';
      r[col(o, '处理人')] = '李秀英';
      r[col(o, '处理时间')] = '2026-10-20 10:00:00';
    }
    pkg.setSheet(TAB.ledger, tabModel('ledger', values.ledger!));
    pkg.setSheet(TAB.objections, tabModel('objections', o));
    // The demo's 申报异常 (an October claim from someone not on the roster) handled: it would stop
    // October's publication (the shared rule).
    const ie = values.intakeErrors!;
    for (const r of ie.slice(1)) r[col(ie, '处理情况')] = '已处理';
    pkg.setSheet(TAB.intakeErrors, tabModel('intakeErrors', ie));
  }
  if (prep.january) {
    values.ledger!.push(values.ledger![0]!.map((h) => JAN_CLAIM[String(h)] ?? ''));
    const att: Record<string, Cell> = { 月份: '2027-01', 干部编号: '003', 迟到: 1 };
    values.attendance!.push(values.attendance![0]!.map((h) => att[String(h)] ?? ''));
    pkg.setSheet(TAB.ledger, tabModel('ledger', values.ledger!));
    pkg.setSheet(TAB.attendance, tabModel('attendance', values.attendance!));
  }
  const ro = values.roster!;
  const leaver = ro.find((r) => r[0] === '012')!;
  leaver[col(ro, '在职状态')] = '离职';
  leaver[col(ro, '离职月份')] = '2026-11';
  pkg.setSheet(TAB.roster, tabModel('roster', ro));
  const result = recompute(values, { nowMonth: '2027-01', nowText: ctx.nowText, offsetMinutes: 0 });
  const published = new Set(result.book.scenario.publishedMonths);
  const withData = new Set([
    ...result.book.scenario.entries.filter((e) => e.source !== 'system').map((e) => e.month),
    ...result.book.scenario.attendance.map((a) => a.month),
  ]);
  for (const m of [...withData].sort())
    if (m.startsWith('2026-') && !published.has(m) && !(prep.skip ?? []).includes(m))
      publishBook(pkg, values, m, ctx);
  writeFileSync(file, pkg.toBuffer());
}

function tab(file: string, name: string): Cell[][] {
  return readBook(file).values(name) ?? [];
}

const CONFIRM = ['--confirm-exceptions', '上、下半年汇总已在 Google 表格中发布', '--by', '李秀英'];

describe('jifen rollover', () => {
  test('refuses (exit 2) and lists exactly what is missing; the book is untouched', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book, { skip: ['2026-10'], keepOpen: true });
    const before = sha256(readFileSync(book));
    const ledger = tab(book, TAB.ledger);
    const pending = ledger
      .map((r, i) => ({ r, row: i + 1 }))
      .filter(({ r }) => r[col(ledger, '状态')] === '待审核')
      .map(({ r, row }) => `${TAB.ledger}第${row}行（${r[0]}，${r[3]} ${r[1]}）待审核`);
    expect(pending).toHaveLength(2);
    const run = await cli(['rollover', book, '--by', '李秀英'], JAN);
    expect(run.code).toBe(2);
    const items = [
      '2026-10 的月度公示未发布',
      '2026年上半年汇总（2026-H1）未发布',
      '2026年下半年汇总（2026-H2）未发布',
      ...pending,
      `${TAB.objections}第2行（O001，${tab(book, TAB.objections)[1]![3]}）尚未处理`,
    ];
    expect(run.err).toBe(
      `错误：2026 年度还不能结转，尚缺以下 ${items.length} 项：\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n` +
        '请先逐项处理（发布公示、审核申报、处理异议）后再结转；如两委确认按现状结转，请加 --confirm-exceptions "<说明>" 重新运行（例如 --confirm-exceptions "上半年汇总已书面报送街道"），说明会写入操作日志和年度公示。\n',
    );
    expect(sha256(readFileSync(book))).toBe(before);
    expect(existsSync(archivePathFor(book, 2026))).toBe(false);
  });

  test('refuses before the year is over', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book);
    const run = await cli(['rollover', book, ...CONFIRM], { month: '2026-12' });
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      '错误：考核年度 2026 尚未结束（当前为 2026-12），年度结转请在 2027 年1月及以后进行。\n',
    );
  });

  test('closes the demo year: year 公示, verified read-only archive, the next year at 起始分', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book, { january: true });
    const run = await cli(['rollover', book, ...CONFIRM], JAN);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const archive = archivePathFor(book, 2026);
    expect(run.out).toContain(`已写入只读归档 ${archive}，校验通过`);
    expect(run.out).toContain('已发布 2026 年度公示「公示-2026」');
    expect(statSync(archive).mode & 0o222).toBe(0);

    // The archive verifies, and its year 公示 totals are the year's totals (年度汇总 2026, 合计).
    const verify = await cli(['verify', archive], JAN);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^校验公示：全部 \d+ 张公示与发布时封存的内容一致/);
    const a = XlsxPackage.open(readFileSync(archive));
    expect(a.tabList().some((t) => t.name === '公示-2026-10')).toBe(true);
    const snap = a.values('公示-2026')!;
    const h = snap.findIndex((r) => r[0] === '排名');
    const snapTotals = new Map(
      snap
        .slice(h + 1)
        .filter((r) => /^\d{3}$/.test(String(r[1])))
        .map((r) => [String(r[1]), Number(r[8])]),
    );
    const yearly = a.values(TAB.yearly)!;
    const yearTotals = new Map(
      yearly
        .filter((r) => r[0] === '2026')
        .map((r) => [String(r[col(yearly, '干部编号')]), Number(r[col(yearly, '合计')])]),
    );
    expect(snapTotals.size).toBe(12);
    expect(snapTotals).toEqual(yearTotals);
    expect(snap.some((r) => String(r[0]).startsWith('评优依据：年度积分排名前三分之一的 4 人'))).toBe(true);
    expect(snap.some((r) => r[0] === '两委确认的例外：上、下半年汇总已在 Google 表格中发布')).toBe(true);
    const wb = readZip(readFileSync(archive)).find((e) => e.name === 'xl/workbook.xml')!;
    expect(entryData(wb).toString('utf8')).toContain('<fileSharing readOnlyRecommended="1"/><workbookPr');

    // The working book is the next year's.
    const settings = tab(book, TAB.settings);
    const get = (k: string) => settings.find((r) => r[0] === k)?.[1];
    expect(get('考核年度')).toBe('2027');
    expect(get('结转进度')).toBe(`2026 已完成：${archive}`);
    expect(get('起始分')).toBe('100');
    for (const t of ['scores', 'redemptions', 'objections', 'publications'] as const)
      expect(tab(book, TAB[t])).toEqual([headersOf(t)]);
    // January's claim and attendance, typed before the close, stay (the pending claim did not block 2026).
    const claim = tab(book, TAB.ledger);
    expect(claim).toHaveLength(2);
    expect(claim[1]!.slice(0, 3)).toEqual(['F-2027-0001', '2027-01', '003']);
    expect(claim[1]![col(claim, '状态')]).toBe('待审核');
    expect(
      tab(book, TAB.attendance)
        .slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual([['2027-01', '003', 1]]);
    const roster = tab(book, TAB.roster);
    expect(roster.slice(1).map((r) => r[0])).toEqual([
      '001',
      '002',
      '003',
      '004',
      '005',
      '006',
      '007',
      '008',
      '009',
      '010',
      '011',
    ]);
    expect(tab(book, TAB.rules)).toEqual(a.values(TAB.rules));
    expect(
      readBook(book)
        .tabList()
        .filter((t) => t.name.startsWith('公示-')),
    ).toEqual([]);
    const log = tab(book, TAB.log).map((r) => `${r[2]}|${r[3]}`);
    expect(log.filter((l) => l.startsWith('发布年度公示|公示-2026：12 名干部'))).toHaveLength(1);
    expect(log).toContain(`年度结转|2026 年度归档：${archive}（校验通过）`);
    expect(
      log.some((l) => l.startsWith('年度结转|两委确认例外：上、下半年汇总已在 Google 表格中发布（尚缺：')),
    ).toBe(true);

    // The new year: everyone starts at 起始分.
    const re = await cli(['recompute', book, '--by', '李秀英'], { month: '2027-01' });
    expect(re.code).toBe(0);
    const y = tab(book, TAB.yearly).filter((r) => r[0] === '2027');
    expect(y).toHaveLength(11);
    const yh = tab(book, TAB.yearly);
    // Nothing of 2026 carries over: the only entries are January's (generated ones and the pending claim).
    const nl = tab(book, TAB.ledger);
    expect(nl.slice(1).every((r) => r[col(nl, '月份')] === '2027-01')).toBe(true);
    expect(
      nl
        .slice(1)
        .filter((r) => r[col(nl, '来源')] !== '系统')
        .map((r) => r[0]),
    ).toEqual(['F-2027-0001']);
    const earned = (id: string) =>
      nl
        .slice(1)
        .filter((r) => r[col(nl, '干部编号')] === id && r[col(nl, '状态')] === '已通过')
        .reduce((s, r) => s + Number(r[col(nl, '积分')]), 0);
    for (const r of y) {
      expect(r[col(yh, '起始分')]).toBe(100);
      expect(r[col(yh, '合计')]).toBe(100 + earned(String(r[col(yh, '干部编号')])));
    }
    expect((await cli(['verify', book], JAN)).out).toBe('「公示记录」中还没有任何公示。\n');

    // A second run has nothing to do.
    const again = await cli(['rollover', book], JAN);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`2026 年度已结转（归档：${archive}），工作簿现为 2027 年度，无需再次结转。\n`);
  });

  test('an archive that exists but does not verify stops the close (exit 3)', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book);
    writeFileSync(archivePathFor(book, 2026), readFileSync(book)); // no year 公示 in it
    const run = await cli(['rollover', book, ...CONFIRM], JAN);
    expect(run.code).toBe(3);
    expect(run.err).toContain(`归档文件 ${archivePathFor(book, 2026)} 已存在，但校验不通过：`);
    expect(run.err).toContain('归档中没有 2026 年度公示的记录');
    // Step 1 is done and marked; the rerun continues from there after the file is moved away.
    expect(tab(book, TAB.settings).find((r) => r[0] === '结转进度')?.[1]).toBe('2026 年度公示已发布');
  });

  test('a published month changed after publication stops the close (exit 3); nothing is written', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book);
    const pkg = readBook(book);
    const ledger = pkg.values(TAB.ledger)!;
    const row = ledger.findIndex((r) => r[1] === '2026-05' && r[col(ledger, '来源')] === '两委');
    ledger[row]![col(ledger, '积分')] = 99;
    pkg.setSheet(TAB.ledger, tabModel('ledger', ledger));
    writeFileSync(book, pkg.toBuffer());
    const before = sha256(readFileSync(book));
    const run = await cli(['rollover', book, ...CONFIRM], JAN);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/^错误：已发布的内容被改动，年度结转已停止/);
    expect(run.err).toContain('2026-05');
    expect(sha256(readFileSync(book))).toBe(before);
    expect(existsSync(archivePathFor(book, 2026))).toBe(false);
  });

  test('the archive itself cannot be rolled over again (read-only file); an empty exception is refused', async () => {
    const dir = tempDir();
    const book = join(dir, '台账.xlsx');
    prepareBook(book);
    expect((await cli(['rollover', book, '--confirm-exceptions', '  '], JAN)).err).toBe(
      '错误：选项 --confirm-exceptions 的值不能为空，例如 --confirm-exceptions "上半年汇总已书面报送街道"\n',
    );
    expect((await cli(['rollover', book, ...CONFIRM], JAN)).code).toBe(0);
    const archive = archivePathFor(book, 2026);
    const again = await cli(['rollover', archive, ...CONFIRM], JAN);
    expect(again.code).toBe(2);
    // As root the file mode does not stop a write; the archive's own marker does.
    expect(again.err).toMatch(
      /^错误：(这是 2026 年度的只读归档，不能结转或修改。年度结转请对工作簿（.+台账\.xlsx）运行。|没有权限写入文件.+)\n$/,
    );
  });

  const steps: RolloverStep[] = ['published', 'archived', 'done'];
  test.each(steps)('rerun after an interruption after step %s: nothing lost, nothing doubled', (k) => {
    const dir = tempDir();
    const ref = join(dir, '参照.xlsx');
    const book = join(dir, '台账.xlsx');
    prepareBook(ref);
    writeFileSync(book, readFileSync(ref));
    const opts = { confirm: '半年汇总已书面报送' };
    runRollover(ref, ctx, opts);
    expect(() =>
      runRollover(book, ctx, {
        ...opts,
        afterStep: (s) => {
          if (s === k) throw new Error(`interrupted after ${s}`);
        },
      }),
    ).toThrow(`interrupted after ${k}`);
    // The rerun is given no exception text: step 1 is done, the checks are not repeated.
    runRollover(book, ctx, {});
    const values = (f: string) => {
      const p = readBook(f);
      return Object.fromEntries(p.tabList().map((t) => [t.name, p.values(t.name)]));
    };
    const strip = (v: Record<string, Cell[][] | undefined>, f: string) =>
      JSON.parse(JSON.stringify(v).replaceAll(archivePathFor(f, 2026), '<归档>').replaceAll(f, '<台账>'));
    expect(strip(values(book), book)).toEqual(strip(values(ref), ref));
    expect(strip(values(archivePathFor(book, 2026)), book)).toEqual(
      strip(values(archivePathFor(ref, 2026)), ref),
    );
    const log = tab(book, TAB.log).map((r) => String(r[2]));
    expect(log.filter((l) => l === '发布年度公示')).toHaveLength(1);
    expect(log.filter((l) => l === '年度结转')).toHaveLength(3);
  });
});
