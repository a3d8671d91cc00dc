// The built dist/Code.js loaded in node:vm with the fake as its globals, driven end to end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { buildYearBook, summarize, validateScenario } from '../../src/core';
import { headersOf, TAB } from '../../src/shared/tabs';
import { createFakeGas, type FakeGas, GLOBAL_NAMES } from '../fake';
import { OWNER, seedDemo } from './helpers';

const dist = join(__dirname, '..', '..', 'dist');
const code = readFileSync(join(dist, 'Code.js'), 'utf8');

type Globals = Record<string, (...args: unknown[]) => unknown>;

// The built manifest: its oauthScopes are all the bundle gets, as on a real account (tests/fake/scopes.ts).
const manifest = JSON.parse(readFileSync(join(dist, 'appsscript.json'), 'utf8'));

function load(): { fake: FakeGas; g: Globals } {
  const fake = createFakeGas({ owner: OWNER, manifest });
  // The build writes both pages; a missing one is a build failure, not something to test around.
  for (const f of ['Sidebar', 'Dialog']) fake.setHtmlFile(f, readFileSync(join(dist, `${f}.html`), 'utf8'));
  const sandbox: Record<string, unknown> = { console, Date };
  for (const name of GLOBAL_NAMES) if (fake[name] !== undefined) sandbox[name] = fake[name];
  const ctx = vm.createContext(sandbox);
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  fake.target = ctx as Record<string, unknown>;
  return { fake, g: ctx as unknown as Globals };
}

test('onOpen builds the 积分管理 menu with every item of SPEC §7', () => {
  const { fake, g } = load();
  fake.setUiAvailable(true);
  g.onOpen!({});
  const menu = fake.ui.menu('积分管理')!;
  const labels = menu.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption);
  expect(labels).toEqual([
    '初始化/修复表格',
    '打开管理侧栏',
    '录入积分事项',
    '重新计算',
    '发布月度公示',
    '发布半年汇总',
    '发布更正公示',
    '校验公示',
    '年度结转',
    '同步表单回复',
    '创建/更新申请表',
    '发送申报汇总给纪检专干',
    '个人链接',
    '重置个人链接',
    '街道：设置社区列表',
    '街道：汇总各社区',
    '帮助',
  ]);
  // every menu item names a global function of the bundle
  for (const i of menu.items)
    if ('functionName' in i) expect(typeof g[(i as { functionName: string }).functionName]).toBe('function');
});

test.each(['NONE', 'LIMITED'] as const)(
  'loading the bundle and onOpen in AuthMode.%s build the menu and touch nothing else (editor-auth-lifecycle)',
  (mode) => {
    const fake = createFakeGas({ owner: OWNER, manifest });
    fake.setUiAvailable(true);
    fake.setAuthMode(mode); // top-level code runs in the entry point's mode too: it must call no service
    const sandbox: Record<string, unknown> = { console, Date };
    for (const name of GLOBAL_NAMES) if (fake[name] !== undefined) sandbox[name] = fake[name];
    const ctx = vm.createContext(sandbox);
    vm.runInContext(code, ctx, { filename: 'Code.js' });
    (ctx as unknown as Globals).onOpen!({ authMode: mode });
    expect(fake.ui.menu('积分管理')!.items.length).toBeGreaterThan(10);
    fake.setAuthMode('FULL');
  },
);

test('menu setup → tabs; recompute → summaries; custom functions → the core’s numbers', () => {
  const { fake, g } = load();
  fake.setUiAvailable(true);
  g.menuSetup!();
  expect(fake.ui.alerts.at(-1)!.prompt).toContain('初始化完成');
  for (const name of Object.values(TAB)) expect(fake.spreadsheet.getSheetByName(name)).not.toBeNull();

  // the demo community, typed into the tabs
  const restore = GLOBAL_NAMES.map((n) => [n, (globalThis as Record<string, unknown>)[n]] as const);
  for (const n of GLOBAL_NAMES) (globalThis as Record<string, unknown>)[n] = fake[n];
  const demo = seedDemo(fake, { cadres: 6 });
  for (const [n, v] of restore) (globalThis as Record<string, unknown>)[n] = v;

  g.menuRecompute!();
  expect(fake.ui.alerts.at(-1)!.prompt).toContain('重新计算完成');
  const asOf = fake.values(TAB.log).at(-1)![3] as string;
  const month = /截至 (\d{4}-\d{2})/.exec(asOf)![1]!;
  const { scenario } = validateScenario(
    { ...demo, settings: { ...demo.settings, asOf: month } },
    { defaultAsOf: month },
  );
  const book = buildYearBook(scenario, 2026);
  const oct = summarize(book, '2026-10');
  const H = headersOf('monthly');
  const rows = fake.values(TAB.monthly).filter((r) => r[0] === '2026-10');
  for (const c of oct.cadres) {
    const r = rows.find((x) => x[H.indexOf('干部编号')] === c.cadreId)!;
    expect([r[H.indexOf('合计')], r[H.indexOf('排名')]]).toEqual([c.total, c.rank]);
  }
  const h1 = summarize(book, '2026-H1').cadres.find((c) => c.cadreId === '002')!;
  expect(g.JIFEN_TOTAL!('002', '2026-H1')).toBe(h1.total);
  expect(g.JIFEN_RANK!([['002']], '2026-H1')).toEqual([[h1.rank]]);

  // the sidebar's server function answers plain JSON
  const state = g.sidebarGetState!() as { user: { isCommittee: boolean }; months: unknown[] };
  expect(state.user.isCommittee).toBe(true);
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);

  // menu items that need a page show it
  if (fake.HtmlService.files.has('Sidebar')) {
    g.menuOpenSidebar!();
    expect(fake.ui.dialogs.at(-1)).toMatchObject({ kind: 'sidebar', title: '积分管理' });
  }
});

test('a failing menu action ends in a Chinese alert, never a stack trace', () => {
  const { fake, g } = load();
  fake.setUiAvailable(true);
  g.menuRecompute!(); // before setup
  const alert = fake.ui.alerts.at(-1)!;
  expect(alert.prompt).toContain('初始化/修复表格');
  expect(alert.prompt).not.toMatch(/\bat \w+ \(/);
});

// Issue 9 "PDF never saved": under dist/appsscript.json (drive.file, Drive v3 enabled) the bundle's publish
// saves its PDF with Drive.Files.create; DriveApp (drive scope only) is never called.
test('sidebar publish in the bundle saves the PDF through the advanced Drive service under drive.file', () => {
  const { fake, g } = load();
  expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/drive.file');
  expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  fake.setUiAvailable(true);
  g.menuSetup!();
  const restore = GLOBAL_NAMES.map((n) => [n, (globalThis as Record<string, unknown>)[n]] as const);
  for (const n of GLOBAL_NAMES) (globalThis as Record<string, unknown>)[n] = fake[n];
  seedDemo(fake, { cadres: 6 });
  for (const [n, v] of restore) (globalThis as Record<string, unknown>)[n] = v;
  g.menuRecompute!();
  fake.UrlFetchApp.respond(/\/export\?/, {
    status: 200,
    body: '%PDF-1.4 bundle',
    contentType: 'application/pdf',
  });
  const month = String(fake.values(TAB.monthly)[1]![0]);
  const out = g.sidebarPublish!(month) as { ok: boolean; message: string; pdfUrl?: string };
  expect(out.ok).toBe(true);
  const pdf = fake.drive.files().find((f) => f.name === `公示-${month}.pdf`)!;
  expect(pdf).toMatchObject({ mimeType: 'application/pdf', text: '%PDF-1.4 bundle' });
  expect(fake.drive.folders().map((f) => [f.id, f.name])).toEqual([[pdf.parent, '积分公示PDF']]);
  expect(out.pdfUrl).toBe(`https://drive.google.com/file/d/${pdf.id}/view?usp=drivesdk`);
  expect(fake.counts.get('Drive.Files.create')).toBe(2);
  expect(fake.counts.total('DriveApp.')).toBe(0);
  // The bundle's publish also mails each of the six cadres their own 个人积分单 (issue 13).
  expect(fake.MailApp.sent.map((m) => m.to.join()).sort()).toEqual(
    ['01', '02', '03', '04', '05', '06'].map((n) => `cadre${n}@example.org`),
  );
  expect(out.message).toContain('个人积分单：已发送 6 人（每人只收到本人的一封）。');
});
