// The self-test bundle (npm run build:selftest) in node:vm on the fake: the scenario a maintainer runs on a
// real account runs here on every CI run, under the real manifest's scopes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { createFakeGas, type FakeGas, GLOBAL_NAMES } from '../fake';

const root = join(__dirname, '..', '..');
let out: string;
let code: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'jifen-selftest-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--selftest', '--out', out], {
    stdio: 'pipe',
  });
  code = readFileSync(join(out, 'Code.js'), 'utf8');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Globals = Record<string, (...args: unknown[]) => unknown>;

function load(manifest: object): { fake: FakeGas; g: Globals } {
  const runner = 'maintainer@example.com';
  const fake = createFakeGas({ owner: runner, manifest, now: new Date('2026-12-02T02:00:00Z') });
  for (const f of ['Sidebar', 'Dialog']) fake.setHtmlFile(f, readFileSync(join(out, `${f}.html`), 'utf8'));
  const sandbox: Record<string, unknown> = { console: { log() {}, error() {} }, Date };
  for (const name of GLOBAL_NAMES) if (fake[name] !== undefined) sandbox[name] = fake[name];
  const ctx = vm.createContext(sandbox);
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  fake.target = ctx as Record<string, unknown>;
  const g = ctx as unknown as Globals;
  // Google's export URL answers with the PDF of the tab (the one thing the fake cannot render).
  fake.UrlFetchApp.respond(/\/export\?/, {
    status: 200,
    body: '%PDF-1.4 selftest',
    contentType: 'application/pdf',
  });
  // Sheets computes =JIFEN_TOTAL(…) cells by calling the bundle's global in the custom-function context.
  fake.registerCustomFunctions({
    JIFEN_TOTAL: g.JIFEN_TOTAL!,
    JIFEN_RANK: g.JIFEN_RANK!,
    JIFEN_LEAVE_DAYS: g.JIFEN_LEAVE_DAYS!,
  });
  return { fake, g };
}

const realManifest = () => JSON.parse(readFileSync(join(out, 'appsscript.json'), 'utf8'));

test('the self-test bundle = every production global + jifenSelfTest; the production dist/ has no jifenSelfTest', () => {
  const selfGlobals = JSON.parse(readFileSync(join(out, 'globals.json'), 'utf8')) as string[];
  const prodGlobals = JSON.parse(readFileSync(join(root, 'dist', 'globals.json'), 'utf8')) as string[];
  expect(selfGlobals).toEqual([...prodGlobals, 'jifenSelfTest'].sort());
  expect(readFileSync(join(root, 'dist', 'Code.js'), 'utf8')).not.toContain('jifenSelfTest');
  expect(code).toMatch(/\nfunction jifenSelfTest\(\) \{/);
});

test('jifenSelfTest passes every step on the fake, writes 自测报告, and cleans up its triggers', () => {
  const { fake, g } = load(realManifest());
  const text = String(g.jifenSelfTest!());
  const lines = text.split('\n');
  if (!lines[0]!.includes('全部通过')) console.warn(text);
  expect(lines[0]).toMatch(/^积分台账自测：全部通过（(\d+)\/\1 步）$/);
  for (const step of [
    '准备',
    '初始化表格',
    '设置与干部名册',
    '创建申请表',
    '提交一份真实的表单回复',
    '申报入账（恰好一次）',
    '审核',
    '两委录入与考勤',
    '重新计算',
    '发布月度公示（含 PDF）',
    '校验公示（未改动）',
    '篡改后校验',
    '异议与更正公示',
    '半年汇总与报告',
    '单元格公式（JIFEN_TOTAL 随计算更新）',
  ]) {
    expect(lines.some((l) => l.startsWith(`通过  ${step}（`))).toBe(true);
  }
  const report = fake.values('自测报告');
  expect(report[0]).toEqual(['步骤', '结果', '说明', '用时（毫秒）']);
  expect(report.at(-1)?.slice(0, 2)).toEqual(['结论', '全部通过']);
  expect(fake.triggers).toHaveLength(0);
});

test('the self-test can fail: without drive.file the PDF step fails and it says so, in the report too', () => {
  const m = realManifest();
  m.oauthScopes = m.oauthScopes.filter((s: string) => !s.endsWith('/drive.file'));
  const { fake, g } = load(m);
  const text = String(g.jifenSelfTest!());
  expect(text.split('\n')[0]).toMatch(/^积分台账自测：未通过/);
  expect(text).toMatch(/失败 {2}发布月度公示（含 PDF）/);
  expect(fake.values('自测报告').at(-1)?.slice(0, 2)).toEqual(['结论', '未通过']);
});

test('it refuses to run on a spreadsheet that already holds a 设置 tab (a real book)', () => {
  const { fake, g } = load(realManifest());
  fake.spreadsheet.insertSheet('设置');
  const text = String(g.jifenSelfTest!());
  expect(text).toContain('失败  准备');
  expect(text).toContain('已有「设置」表：自测只在新建的空白表格中运行');
  expect(fake.spreadsheet.getSheetByName('积分台账')).toBeNull();
});
