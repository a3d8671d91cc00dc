// Publishing on the fake: refusals, the monthly 公示 (content, protection, digest, locked rows, PDF request),
// tamper detection, objections and corrections, the half-year report, and leave redemption.
import { createHash } from 'node:crypto';
import { buildYearBook, summarize, validateScenario } from '../../src/core';
import { doRecompute, doSetup } from '../../src/gas/actions';
import {
  publishCorrection,
  publishHalfYear,
  publishMonth,
  sha256Hex,
  verifySnapshots,
} from '../../src/gas/publish-action';
import { sidebarState } from '../../src/gas/review';
import { getDialogOptions, publishFromSidebar, submitDialog } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { canonicalSnapshotText } from '../../src/shared/publish';
import { headersOf, TAB } from '../../src/shared/tabs';
import { type FakeGas, type FakeGasOptions, parseSheetsPdfExport } from '../fake';
import {
  cleanupGas,
  freshGas,
  ledgerRow,
  MEMBER,
  OWNER,
  projectManifest,
  setSetting,
  sheet,
  typeRows,
} from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');
const IDS = ['001', '002', '003', '004', '005', '006'];
const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈磊', '杨静'];

function entry(
  id: string,
  month: string,
  cadre: string,
  code: string,
  points: number,
  qty: number,
  reason: string,
  status = '已通过',
): Cell[] {
  const f: Record<string, Cell> = {
    编号: id,
    月份: month,
    干部编号: cadre,
    规则编码: code,
    数量: qty,
    分值: points,
    得分依据: reason,
    来源: '两委',
    状态: status,
  };
  return ledgerRow(f);
}

/** Six cadres with September and October data only. */
function community(pdfStatus = 200, options: FakeGasOptions = {}): FakeGas {
  const fake = freshGas(options);
  doSetup();
  setSetting(fake, '社区名称', '幸福社区');
  setSetting(fake, '考核年度', '2026');
  setSetting(fake, '两委成员邮箱', MEMBER);
  doSetup();
  typeRows(
    fake,
    'roster',
    IDS.map((id, i) => [id, NAMES[i]!, '网格员', '', '在职', '2026-01', '', '是']),
  );
  const rows: Cell[][] = [];
  IDS.forEach((id, i) => {
    rows.push(entry(`S${i}`, '2026-09', id, 'T-MEDIATION', 5, i + 1, `九月调解 ${i + 1} 起`));
    rows.push(entry(`O${i}`, '2026-10', id, 'T-ACTIVITY', 2, 6 - i, '参加活动'));
  });
  rows.push(entry('S-EVIL', '2026-09', '003', 'T-GOOD-DEED', 5, 1, '=IMPORTXML("http://x","//a")'));
  typeRows(fake, 'ledger', rows);
  typeRows(
    fake,
    'attendance',
    IDS.flatMap((id, i) => [
      ['2026-09', id, i % 3 === 0 ? 1 : 0, 0, 0, 0, 0],
      ['2026-10', id, 0, 0, 0, i % 2, 0],
    ]),
  );
  fake.UrlFetchApp.respond(/\/export\?/, {
    status: pdfStatus,
    body: Buffer.from('%PDF-1.4 fake'),
    headers: { 'Content-Type': 'application/pdf' },
  });
  return fake;
}

/** 考核年度 blank; November and December data added; September to November published. */
function untilDecember(fake: FakeGas, novId: string, decId: string, decQty: number): void {
  setSetting(fake, '考核年度', '');
  typeRows(fake, 'ledger', [
    entry(novId, '2026-11', '001', 'T-MEDIATION', 5, 1, '十一月'),
    entry(decId, '2026-12', '002', 'T-MEDIATION', 5, decQty, '十二月'),
  ]);
  typeRows(
    fake,
    'attendance',
    IDS.flatMap((id) => [
      ['2026-11', id, 0, 0, 0, 0, 0],
      ['2026-12', id, 0, 0, 0, 0, 0],
    ]),
  );
  for (const m of ['2026-09', '2026-10', '2026-11']) publishMonth(fake.spreadsheet, m, OWNER);
}

const records = (fake: FakeGas) => fake.values(TAB.publications).slice(1);
const tabNames = (fake: FakeGas) => fake.spreadsheet.getSheets().map((s) => s.getName());

describe('refusals leave everything as it was', () => {
  test('a pending claim in the month', () => {
    const fake = community();
    typeRows(fake, 'ledger', [entry('P1', '2026-09', '002', 'T-MEDIATION', 5, 1, '待审', '待审核')]);
    expect(() => publishMonth(fake.spreadsheet, '2026-09', OWNER)).toThrow(/1 条待审核/);
    expect(tabNames(fake)).not.toContain('公示-2026-09');
    expect(records(fake)).toEqual([]);
  });

  test('an intake error for the month', () => {
    const fake = community();
    typeRows(fake, 'intakeErrors', [
      [
        '2026-10-02 09:00:00',
        'R9@x',
        9,
        '张伟（003）',
        '数量应为正整数',
        '积分月份：2026年9月份（2026-09）；数量：0',
      ],
    ]);
    expect(() => publishMonth(fake.spreadsheet, '2026-09', OWNER)).toThrow(/1 条申报异常/);
    expect(records(fake)).toEqual([]);
    // The sidebar knows it before anyone clicks: the month's unhandled intake errors are counted.
    expect(sidebarState(fake.spreadsheet, '2026-09').counts.monthIntakeErrors).toBe(1);
    expect(sidebarState(fake.spreadsheet, '2026-08').counts.monthIntakeErrors).toBe(0);
    // handled (marked, not deleted): publishing goes ahead
    const E = headersOf('intakeErrors');
    sheet(fake, TAB.intakeErrors)
      .getRange(2, E.indexOf('处理情况') + 1)
      .setValue('已处理');
    const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
    expect(out.sheetName).toBe('公示-2026-09');
    // Published: the sidebar links the month to its tab and to the PDF exported at publish time (kept in
    // the document properties: later sidebar loads still have it).
    expect(out.pdfUrl).toMatch(/^https:\/\/drive\.google\.com\//);
    const link = sidebarState(fake.spreadsheet, '2026-09').publication;
    const gid = fake.spreadsheet.getSheetByName('公示-2026-09')!.getSheetId();
    expect(link).toEqual({
      tabName: '公示-2026-09',
      url: `${fake.spreadsheet.getUrl()}#gid=${gid}`,
      pdfUrl: out.pdfUrl,
    });
    expect(fake.PropertiesService.getDocumentProperties().getProperty('jifen.pdfUrl.公示-2026-09')).toBe(
      out.pdfUrl,
    );
  });

  test('a 校验问题 in the month: the sidebar disables 发布 with the words publishing refuses with', () => {
    const fake = community();
    typeRows(fake, 'ledger', [entry('H1', '2026-09', '001', 'T-MEDIATION', 5, 1, '调解')]);
    // 数量 typed as text: a 校验问题 of that 积分台账 row once recomputed.
    const row = fake.values(TAB.ledger).findIndex((r) => r[0] === 'H1') + 1;
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('数量') + 1)
      .setValue('很多');
    doRecompute();
    let thrown = '';
    try {
      publishMonth(fake.spreadsheet, '2026-09', OWNER);
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toMatch(
      /^2026-09 有 1 处校验问题（积分台账第\d+行「数量」：.+），请先在「校验问题」表查看并修正后再发布$/,
    );
    expect(sidebarState(fake.spreadsheet, '2026-09').publishBlocked).toBe(thrown);
    // Another month is not blocked by it.
    expect(sidebarState(fake.spreadsheet, '2026-10').publishBlocked).toBe(
      '请按月份顺序公示：2026-09 尚未发布公示。',
    );
  });

  test('months out of order, a future month, a bad key', () => {
    const fake = community();
    expect(() => publishMonth(fake.spreadsheet, '2026-10', OWNER)).toThrow(/请按月份顺序公示：2026-09/);
    // The sidebar says so before anyone presses 发布, in the same words (shared rule quickPublishRefusal).
    expect(sidebarState(fake.spreadsheet, '2026-10').publishBlocked).toBe(
      '请按月份顺序公示：2026-09 尚未发布公示。',
    );
    expect(sidebarState(fake.spreadsheet, '2026-12').publishBlocked).toBe(
      '2026-12 尚未到来（当前为 2026-11），不能发布公示',
    );
    expect(sidebarState(fake.spreadsheet, '2026-09').publishBlocked).toBeUndefined();
    expect(() => publishMonth(fake.spreadsheet, '2026-12', OWNER)).toThrow(/尚未到来/);
    expect(() => publishMonth(fake.spreadsheet, '2026/9', OWNER)).toThrow(/月份格式/);
    expect(records(fake)).toEqual([]);
  });
});

test('a full month publish: snapshot content, protection, digest, locked rows, PDF request; recompute leaves it alone', () => {
  const fake = community();
  const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
  expect(out.sheetName).toBe('公示-2026-09');
  const snap = fake.values('公示-2026-09');
  expect(snap[0]![0]).toBe('幸福社区 2026年9月 干部积分公示');
  // Readable on screen: the rank (a number) and the id sit left-aligned under their own headers.
  const tab = fake.spreadsheet.getSheetByName('公示-2026-09')!;
  const headerRow = snap.findIndex((r) => r[0] === '排名') + 1;
  expect(tab.getRange(headerRow + 1, 1).getValue()).toBe(1);
  expect(tab.getRange(headerRow + 1, 1).getHorizontalAlignment()).toBe('left');
  expect(tab.getRange(headerRow, 1).getHorizontalAlignment()).toBe('left');
  // per-cadre figures equal the core's month summary
  const raw = {
    settings: { year: 2026, asOf: '2026-11' },
    roster: IDS.map((id, i) => ({ id, name: NAMES[i] })),
    entries: fake
      .values(TAB.ledger)
      .slice(1)
      .filter((r) => r[L.indexOf('来源')] !== '系统')
      .map((r) => ({
        id: r[0],
        month: r[1],
        cadreId: r[2],
        ruleCode: r[4],
        quantity: r[6],
        status: 'approved',
        reason: r[9],
      })),
    attendance: fake
      .values(TAB.attendance)
      .slice(1)
      .map((r) => ({
        month: r[0],
        cadreId: r[1],
        late: r[2],
        earlyLeave: r[3],
        absent: r[4],
        personalLeaveDays: r[5],
        sickLeaveDays: r[6],
      })),
  };
  const { scenario, problems } = validateScenario(raw, { defaultAsOf: '2026-11' });
  expect(problems).toEqual([]);
  const want = summarize(buildYearBook(scenario, 2026), '2026-09');
  const header = snap.findIndex((r) => r[0] === '排名');
  for (const c of want.cadres) {
    const r = snap.slice(header + 1).find((x) => x[1] === c.cadreId)!;
    expect([r[0], r[3], r[4], r[5], r[6], r[7]]).toEqual([
      c.rank,
      c.base,
      c.task,
      c.reward,
      c.total,
      c.yearToDate,
    ]);
  }
  // every approved entry with its reason, hostile text kept as text
  expect(snap.some((r) => r[7] === '=IMPORTXML("http://x","//a")')).toBe(true);
  expect(snap.some((r) => r[7] === '九月调解 3 起')).toBe(true);
  // protected: only the committee
  const p = sheet(fake, '公示-2026-09').getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!;
  expect(p.getEditors().map((u) => u.getEmail())).toEqual(expect.arrayContaining([MEMBER]));
  fake.setActiveUser('cadre@example.org');
  expect(() => sheet(fake, '公示-2026-09').getRange(1, 1).setValue('改')).toThrow(/protected cell/);
  fake.setActiveUser(OWNER);
  // 公示记录: digest of the tab's values, computed independently
  const rec = records(fake)[0]!;
  const digest = createHash('sha256')
    .update(canonicalSnapshotText(snap as Cell[][]), 'utf8')
    .digest('hex');
  expect(rec.slice(0, 4)).toEqual(['2026-09', 1, '公示-2026-09', OWNER]);
  expect(rec[6]).toBe(digest);
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  // September's ledger rows are locked
  const ledgerProtections = sheet(fake, TAB.ledger).getProtections(SpreadsheetApp.ProtectionType.RANGE);
  expect(ledgerProtections.length).toBeGreaterThan(0);
  expect(ledgerProtections.every((x) => x.getDescription().includes('2026-09'))).toBe(true);
  // the PDF request: export URL for this sheet on A4, with the script's token
  const req = fake.UrlFetchApp.requests[0]!;
  expect(req.url).toContain(`/spreadsheets/d/${fake.spreadsheet.getId()}/export?`);
  expect(req.url).toContain(`gid=${sheet(fake, '公示-2026-09').getSheetId()}`);
  // Its print setup (the only place a Sheets PDF gets one: Apps Script has no page-setup API):
  // A4 portrait, one page wide, no gridlines, page numbers; the 公示 tab freezes no rows.
  expect(parseSheetsPdfExport(req.url)).toEqual({
    spreadsheetId: fake.spreadsheet.getId(),
    gid: sheet(fake, '公示-2026-09').getSheetId(),
    size: 'A4',
    portrait: true,
    fitToWidth: true,
    repeatFrozenRows: false,
    gridlines: false,
    pageNumbers: true,
    margins: [0.5, 0.5, 0.4, 0.4],
  });
  expect(sheet(fake, '公示-2026-09').getFrozenRows()).toBe(0);
  expect(req.headers.Authorization).toBe(`Bearer fake-oauth-token:${OWNER}`);
  expect(req.muteHttpExceptions).toBe(true);
  expect(out.pdfUrl).toMatch(/^https:\/\/drive\.google\.com\/file\/d\/[^/]+\/view/);
  expect(out.message).toContain('打印版 PDF');
  expect(fake.drive.files().map((f) => f.name)).toContain('公示-2026-09.pdf');
  // recompute afterwards changes neither the snapshot nor September's rows
  const sepBefore = fake.values(TAB.ledger).filter((r) => r[1] === '2026-09');
  doRecompute();
  expect(fake.values('公示-2026-09')).toEqual(snap);
  expect(fake.values(TAB.ledger).filter((r) => r[1] === '2026-09')).toEqual(sepBefore);
  // the locks still sit on exactly September's rows, wherever the rewrite put them
  const after = fake.values(TAB.ledger);
  const locked = sheet(fake, TAB.ledger)
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .flatMap((x) => {
      const r = x.getRange();
      return Array.from({ length: r.getNumRows() }, (_, k) => r.getRow() + k);
    });
  expect(locked.map((row) => after[row - 1]![1]).every((m) => m === '2026-09')).toBe(true);
  expect(locked).toHaveLength(sepBefore.length);
  // publishing it again is refused, pointing at 更正
  expect(() => publishMonth(fake.spreadsheet, '2026-09', OWNER)).toThrow(/已.*发布公示.*更正/s);
  // October now publishes in order
  expect(publishMonth(fake.spreadsheet, '2026-10', OWNER).sheetName).toBe('公示-2026-10');
});

describe('the PDF is saved with the advanced Drive service, under drive.file only (issue 9)', () => {
  // The manifest grants drive.file, not drive: DriveApp.createFolder / Folder.createFile would be refused
  // (DOC https://developers.google.com/apps-script/reference/drive/drive-app#createFolder(String)); Drive API v3
  // files.create takes drive.file (DOC https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create).
  test('publish: the folder and the file come from Drive.Files.create; DriveApp is never called', () => {
    const fake = community();
    const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
    expect(fake.counts.get('Drive.Files.create')).toBe(2); // the 积分公示PDF folder, then the PDF
    expect(fake.counts.total('DriveApp.')).toBe(0);
    expect(fake.counts.total('Folder.')).toBe(0);
    const [folder] = fake.drive.folders();
    expect(folder).toMatchObject({ name: '积分公示PDF', parent: 'fake-root-folder', trashed: false });
    const pdf = fake.drive.files().find((f) => f.name === '公示-2026-09.pdf')!;
    expect(pdf).toMatchObject({ parent: folder!.id, mimeType: 'application/pdf', text: '%PDF-1.4 fake' });
    expect(out.pdfUrl).toBe(`https://drive.google.com/file/d/${pdf.id}/view?usp=drivesdk`);
    expect(out.message).toContain(`打印版 PDF：${out.pdfUrl}`);
    // October goes into the same folder (looked up by its stored id with Drive.Files.get)
    publishMonth(fake.spreadsheet, '2026-10', OWNER);
    expect(fake.drive.folders()).toHaveLength(1);
    expect(fake.drive.files().find((f) => f.name === '公示-2026-10.pdf')!.parent).toBe(folder!.id);
  });

  test('a folder in the trash is replaced by a new one', () => {
    const fake = community();
    publishMonth(fake.spreadsheet, '2026-09', OWNER);
    const old = fake.drive.folders()[0]!.id;
    fake.drive.items.get(old)!.trashed = true;
    publishMonth(fake.spreadsheet, '2026-10', OWNER);
    const fresh = fake.drive.folders().find((f) => !f.trashed)!;
    expect(fresh.id).not.toBe(old);
    expect(fake.drive.files().find((f) => f.name === '公示-2026-10.pdf')!.parent).toBe(fresh.id);
  });

  test('a stored folder id this script cannot see under drive.file (made by hand) gets a new folder', () => {
    const fake = community();
    const mine = fake.drive.addUserFolder('积分公示PDF');
    PropertiesService.getDocumentProperties().setProperty('jifen.pdfFolderId', mine);
    publishMonth(fake.spreadsheet, '2026-09', OWNER);
    const pdf = fake.drive.files().find((f) => f.name === '公示-2026-09.pdf')!;
    expect(pdf.parent).not.toBe(mine);
    expect(PropertiesService.getDocumentProperties().getProperty('jifen.pdfFolderId')).toBe(pdf.parent);
  });

  test('without the Drive advanced service in the manifest the publication stands and says why', () => {
    const { dependencies: _omit, ...bare } = projectManifest();
    const fake = community(200, { manifest: bare });
    expect(fake.Drive).toBeUndefined();
    const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
    expect(out.message).toContain(
      'PDF 未能自动导出（未启用 Drive 高级服务：appsscript.json 的 enabledAdvancedServices 缺少 Drive v3）',
    );
    expect(out.pdfUrl).toBeUndefined();
    expect(records(fake)).toHaveLength(1);
  });
});

test('PDF export refused by Google: the publication stands and the message says how to print', () => {
  const fake = community(403);
  const out = publishMonth(fake.spreadsheet, '2026-09', OWNER);
  expect(out.message).toContain('PDF 未能自动导出（Google 返回 HTTP 403）');
  expect(records(fake)).toHaveLength(1);
});

test('校验公示: intact snapshots pass; an edited one is reported', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  expect(verifySnapshots(fake.spreadsheet, OWNER)).toMatchObject({ modified: 0 });
  sheet(fake, '公示-2026-09').getRange(6, 7).setValue(999); // the owner can still edit a protected tab
  const v = verifySnapshots(fake.spreadsheet, OWNER);
  expect(v.modified).toBe(1);
  expect(v.message).toContain(
    '公示-2026-09 第 6 行 内容被改动（现在：2 005 陈磊 15 30 0 999 225 前三分之一）',
  );
  fake.spreadsheet.deleteSheet(sheet(fake, '公示-2026-09'));
  expect(verifySnapshots(fake.spreadsheet, OWNER).message).toContain('已被删除或改名');
});

test('objection upheld → correction entries and 公示-2026-09 更正1 listing exactly what changed; original untouched', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  const original = fake.values('公示-2026-09');
  const o = submitDialog({
    kind: 'objection',
    month: '2026-09',
    cadreId: '002',
    entryId: 'S1',
    content: '调解了3起，只记了2起',
  });
  expect(o.ok).toBe(true);
  const objection = getDialogOptions().objections!.find((x) => x.cadreId === '002')!;
  expect(objection.status).toBe('待处理');
  const bad = submitDialog({
    kind: 'finding',
    objectionId: objection.id,
    result: 'upheld',
    opinion: '属实',
    corrections: [],
  });
  expect(bad.errors?.corrections).toBe('异议成立时至少填写一条更正');
  const f = submitDialog({
    kind: 'finding',
    objectionId: objection.id,
    result: 'upheld',
    opinion: '经核实属实',
    corrections: [{ entryId: 'S1', ruleCode: '', pointsDelta: 5, reason: '补记1起调解' }],
  });
  expect(f.ok).toBe(true);
  const correction = fake.values(TAB.ledger).find((r) => r[L.indexOf('来源')] === '更正')!;
  expect([
    correction[1],
    correction[2],
    correction[4],
    correction[8],
    correction[L.indexOf('更正对象')],
  ]).toEqual(['2026-09', '002', 'T-MEDIATION', 5, 'S1']);
  const out = publishCorrection(fake.spreadsheet, '2026-09', OWNER);
  expect(out.sheetName).toBe('公示-2026-09 更正1');
  const revised = fake.values('公示-2026-09 更正1');
  const at = revised.findIndex((r) => String(r[0]).startsWith('更正说明'));
  expect(at).toBeGreaterThan(0);
  expect(revised[at + 2]!.slice(0, 5)).toEqual([correction[0], '002', '李秀英', 'S1', 5]);
  const beforeAfter = revised
    .slice(at)
    .find((r) => r[0] === '002' && r.length >= 6 && typeof r[3] === 'number')!;
  expect(Number(beforeAfter[3]) - Number(beforeAfter[2])).toBe(5);
  expect(fake.values('公示-2026-09')).toEqual(original);
  expect(records(fake).map((r) => [r[0], r[1], r[2]])).toEqual([
    ['2026-09', 1, '公示-2026-09'],
    ['2026-09', 2, '公示-2026-09 更正1'],
  ]);
  expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0);
  // nothing new to correct: refused
  expect(() => publishCorrection(fake.spreadsheet, '2026-09', OWNER)).toThrow(/没有新的更正条目/);
});

test('objection rejected: the finding is recorded and shown, no correction', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  submitDialog({ kind: 'objection', month: '2026-09', cadreId: '004', entryId: '', content: '考勤有误' });
  const id = getDialogOptions().objections![0]!.id;
  const f = submitDialog({
    kind: 'finding',
    objectionId: id,
    result: 'rejected',
    opinion: '考勤机记录无误',
    corrections: [],
  });
  expect(f.message).toContain('不成立');
  const row = fake.values(TAB.objections).find((r) => r[0] === id)!;
  expect(row[headersOf('objections').indexOf('处理结果')]).toBe('不成立');
  expect(getDialogOptions().objections![0]).toMatchObject({ status: '不成立', opinion: '考勤机记录无误' });
  expect(fake.values(TAB.ledger).some((r) => r[L.indexOf('来源')] === '更正')).toBe(false);
});

test('half-year report: ranking with 起始分, top third for reward, bottom groups with consequences', () => {
  const fake = community();
  expect(() => publishHalfYear(fake.spreadsheet, '2026-H2', OWNER)).toThrow(/请先发布 2026-09、2026-10/);
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  publishMonth(fake.spreadsheet, '2026-10', OWNER);
  const out = publishHalfYear(fake.spreadsheet, '2026-H2', OWNER);
  expect(out.sheetName).toBe('公示-2026-H2');
  const ranking = fake.values('公示-2026-H2');
  const header = ranking.findIndex((r) => r[0] === '排名');
  const rows = ranking.slice(header + 1).filter((r) => IDS.includes(String(r[1])));
  expect(rows).toHaveLength(6);
  for (const r of rows) expect(r[4]).toBe(100); // 起始分
  const report = fake.values('报告-2026-H2');
  const text = report.map((r) => r.join(' ')).join('\n');
  const top = rows.filter((r) => String(r[9]).includes('前三分之一')).map((r) => r[2]);
  expect(top.length).toBe(2); // k = round(6/3)
  for (const name of top) expect(text).toMatch(new RegExp(`给予物质奖励）\\s*\\n[^\\n]*${name}`));
  expect(text).toContain('取消评先评优资格');
  expect(text).toContain('倒数后三名');
  expect(
    records(fake)
      .filter((r) => r[0] === '2026-H2')
      .map((r) => r[2]),
  ).toEqual(['公示-2026-H2', '报告-2026-H2']);
  expect(() => publishHalfYear(fake.spreadsheet, '2026-H2', OWNER)).toThrow(/已发布/);
  // The 报告's PDF: its twelve-column table prints landscape, one page wide.
  const exports = fake.UrlFetchApp.requests.map((r) => parseSheetsPdfExport(r.url));
  const rep = exports.find((e) => e.gid === sheet(fake, '报告-2026-H2').getSheetId())!;
  expect(rep).toMatchObject({ size: 'A4', portrait: false, fitToWidth: true, repeatFrozenRows: false });
  expect(out.pdfUrl).toBeDefined();
});

test('redemption: over the balance refused with figures; within it recorded with before and after', () => {
  const fake = community();
  typeRows(fake, 'ledger', [entry('BIG', '2026-10', '001', 'R-HONOR-NATIONAL', 30, 5, '全国表彰')]);
  const opts = getDialogOptions();
  const bal = opts.balances!.find((b) => b.cadreId === '001')!;
  expect(bal.halfDays).toBe(Math.floor(bal.availablePoints / 100));
  const over = submitDialog({
    kind: 'redemption',
    cadreId: '001',
    halfDays: bal.halfDays + 1,
    date: '2026-11-03',
    note: '',
  });
  expect(over.ok).toBe(false);
  expect(over.errors?.halfDays).toContain('超出可用积分');
  expect(fake.values(TAB.redemptions).length).toBe(1);
  const ok = submitDialog({
    kind: 'redemption',
    cadreId: '001',
    halfDays: 1,
    date: '2026-11-03',
    note: '家中有事',
  });
  expect(ok.ok).toBe(true);
  expect(ok.message).toContain(
    `兑换前可用 ${bal.availablePoints} 分，兑换后 ${bal.availablePoints - 100} 分`,
  );
  expect(getDialogOptions().balances!.find((b) => b.cadreId === '001')!.availablePoints).toBe(
    bal.availablePoints - 100,
  );
  // the ranking total is not lowered (SPEC §4.8)
  doRecompute();
  const H = headersOf('yearly');
  const year = fake.values(TAB.yearly).find((r) => r[0] === '2026' && r[H.indexOf('干部编号')] === '001')!;
  expect(year[H.indexOf('可用积分')]).toBe(bal.availablePoints - 100);
  expect(Number(year[H.indexOf('合计')])).toBe(100 + bal.availablePoints);
});

test('the sidebar publish button: refusal as a message, success with the refreshed state', () => {
  const fake = community();
  const no = publishFromSidebar('2026-10');
  expect(no.ok).toBe(false);
  expect(no.message).toContain('请按月份顺序公示');
  const yes = publishFromSidebar('2026-09');
  expect(yes).toMatchObject({ ok: true, sheetName: '公示-2026-09' });
  expect(yes.state?.published).toBe(true);
  expect(yes.state?.month).toBe('2026-09');
  fake.setActiveUser('cadre@example.org');
  const outsider = publishFromSidebar('2026-10');
  expect(outsider.ok).toBe(false);
  expect(outsider.message).toContain('只有两委成员');
  expect(tabNames(fake)).not.toContain('公示-2026-10');
});

test('December is published in January when 考核年度 is left blank', () => {
  const fake = community();
  untilDecember(fake, 'D1', 'D2', 2);
  jest.setSystemTime(new Date('2027-01-06T02:00:00Z'));
  const out = publishMonth(fake.spreadsheet, '2026-12', OWNER);
  expect(out.sheetName).toBe('公示-2026-12');
  const snap = fake.values('公示-2026-12');
  expect(snap.some((r) => r[7] === '十二月')).toBe(true);
  // December's attendance points were generated for the 2026 ledger, not dropped for 2027
  expect(
    fake
      .values(TAB.ledger)
      .some((r) => r[1] === '2026-12' && String(r[0]).startsWith('SYS-2026-12-001-B-ATT')),
  ).toBe(true);
});

test('a publication that fails before its record is written leaves no half-made tab; a retry works', () => {
  const fake = community();
  const records = sheet(fake, TAB.publications);
  const p = records.protect(); // the owner locks 公示记录 against everyone else
  p.removeEditors(p.getEditors());
  fake.setActiveUser(MEMBER);
  expect(() => publishMonth(fake.spreadsheet, '2026-09', MEMBER)).toThrow(/protected/);
  expect(tabNames(fake)).not.toContain('公示-2026-09');
  fake.setActiveUser(OWNER);
  p.addEditor(MEMBER);
  fake.setActiveUser(MEMBER);
  expect(publishMonth(fake.spreadsheet, '2026-09', MEMBER).sheetName).toBe('公示-2026-09');
});

test('a correction that adds a criticism also takes back the no-criticism award (−5 and −5 more); removing it restores it', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  const total = () => {
    doRecompute();
    const H = headersOf('monthly');
    return Number(
      fake.values(TAB.monthly).find((r) => r[0] === '2026-09' && r[H.indexOf('干部编号')] === '002')![
        H.indexOf('合计')
      ],
    );
  };
  const before = total();
  const raise = (content: string, delta: number) => {
    submitDialog({ kind: 'objection', month: '2026-09', cadreId: '002', entryId: '', content });
    const id = getDialogOptions().objections!.find((o) => o.status === '待处理')!.id;
    const res = submitDialog({
      kind: 'finding',
      objectionId: id,
      result: 'upheld',
      opinion: '核实',
      corrections: [{ entryId: '', ruleCode: 'B-CRITICIZED', pointsDelta: delta, reason: content }],
    });
    expect(res.ok).toBe(true);
  };
  raise('街道通报批评漏记', -5);
  expect(total()).toBe(before - 10);
  const added = fake
    .values(TAB.ledger)
    .filter((r) => r[L.indexOf('来源')] === '更正')
    .map((r) => [r[4], r[8]]);
  expect(added).toEqual([
    ['B-CRITICIZED', -5],
    ['B-NO-CRITICISM', -5],
  ]);
  raise('该通报实为他人，撤销', 5);
  expect(total()).toBe(before);
});

test('a row typed into a published month stops 重新计算, named, results unchanged; removing it lets recompute run', () => {
  const fake = community();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  const H = headersOf('monthly');
  const totalOf = () =>
    fake.values(TAB.monthly).find((r) => r[0] === '2026-09' && r[H.indexOf('干部编号')] === '001')![
      H.indexOf('合计')
    ];
  doRecompute();
  const before = totalOf();
  typeRows(fake, 'ledger', [entry('LATE-1', '2026-09', '001', 'T-MEDIATION', 5, 2, '补录')]);
  const row = fake.values(TAB.ledger).findIndex((r) => r[0] === 'LATE-1') + 1;
  expect(() => doRecompute()).toThrow(
    `已发布的内容被改动，重新计算已停止（为免悄悄改变已发布月份的结果）：\n- 2026-09 已发布：积分台账第 ${row} 行（编号 LATE-1）是发布后新增或改为已通过的，不在「公示-2026-09」中`,
  );
  expect(totalOf()).toBe(before);
  sheet(fake, TAB.ledger).deleteRow(row);
  expect(doRecompute()).toContain('重新计算完成');
  expect(totalOf()).toBe(before);
});

describe('linked corrections count whole events, not signs', () => {
  function totalAfter(existing: number, lines: { ruleCode: string; pointsDelta: number }[]) {
    const fake = community();
    if (existing > 0)
      typeRows(fake, 'ledger', [entry('CRIT', '2026-09', '002', 'B-CRITICIZED', -5, existing, '街道通报')]);
    publishMonth(fake.spreadsheet, '2026-09', OWNER);
    const H = headersOf('monthly');
    const total = () => {
      doRecompute();
      return Number(
        fake.values(TAB.monthly).find((r) => r[0] === '2026-09' && r[H.indexOf('干部编号')] === '002')![
          H.indexOf('合计')
        ],
      );
    };
    const before = total();
    submitDialog({ kind: 'objection', month: '2026-09', cadreId: '002', entryId: '', content: '异议' });
    const id = getDialogOptions().objections!.find((o) => o.status === '待处理')!.id;
    const res = submitDialog({
      kind: 'finding',
      objectionId: id,
      result: 'upheld',
      opinion: '核实',
      corrections: lines.map((l) => ({
        entryId: '',
        ruleCode: l.ruleCode,
        pointsDelta: l.pointsDelta,
        reason: '更正',
      })),
    });
    expect(res.ok).toBe(true);
    return total() - before;
  }

  test('the committee corrects the award itself: nothing is added twice', () => {
    expect(
      totalAfter(0, [
        { ruleCode: 'B-CRITICIZED', pointsDelta: -5 },
        { ruleCode: 'B-NO-CRITICISM', pointsDelta: -5 },
      ]),
    ).toBe(-10);
  });

  test('a lighter penalty (+2 on a −5 criticism) does not restore the award', () => {
    expect(totalAfter(1, [{ ruleCode: 'B-CRITICIZED', pointsDelta: 2 }])).toBe(2);
  });

  test('removing a criticism of quantity 2 in one +10 line restores the award (+15)', () => {
    expect(totalAfter(2, [{ ruleCode: 'B-CRITICIZED', pointsDelta: 10 }])).toBe(15);
  });
});

test('December published in January after a January recompute: its protections follow its rows', () => {
  const fake = community();
  untilDecember(fake, 'N1', 'D1', 1);
  jest.setSystemTime(new Date('2026-12-20T02:00:00Z'));
  doRecompute();
  jest.setSystemTime(new Date('2027-01-06T02:00:00Z'));
  doRecompute(); // computes 2027: January's system rows appear
  publishMonth(fake.spreadsheet, '2026-12', OWNER);
  const decContent = () => fake.values(TAB.ledger).filter((r) => r[1] === '2026-12');
  const before = decContent();
  doRecompute(); // 2027 again: January's rows are regenerated around December's
  expect(decContent()).toEqual(before);
  // every protected ledger range of December still covers only December rows
  const ledger = sheet(fake, TAB.ledger);
  const values = fake.values(TAB.ledger);
  let covered = 0;
  for (const p of ledger.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (!p.getDescription().includes('2026-12')) continue;
    const range = p.getRange();
    for (let r = range.getRow(); r <= range.getLastRow(); r++) {
      expect(values[r - 1]![1]).toBe('2026-12');
      covered++;
    }
  }
  // and every December row is covered
  expect(covered).toBe(values.filter((r) => r[1] === '2026-12').length);
});
