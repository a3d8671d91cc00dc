// Tamper corpus on the Sheets fake: an editor (the owner, who passes every protection) changes a published month; 校验公示 and 重新计算 name each change.
import { doRecompute, doSetup } from '../../src/gas/actions';
import { publishCorrection, publishMonth, verifySnapshots } from '../../src/gas/publish-action';
import { sha256Hex } from '../../src/gas/seal-action';
import { getDialogOptions, submitDialog } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import {
  canonicalLedgerText,
  chainDigest,
  GENESIS,
  readRecords,
  sealedLedgerRows,
} from '../../src/shared/seal';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import { cleanupGas, freshGas, ledgerRow, MEMBER, OWNER, setSetting, sheet, typeRows } from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');
const P = headersOf('publications');
const IDS = ['001', '002', '003', '004', '005', '006'];
const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈磊', '杨静'];
const DISCIPLINE = 'jijian@example.com';
const OFFSET = 480; // Asia/Shanghai

function entry(id: string, month: string, cadre: string, qty: number, reason: string): Cell[] {
  return ledgerRow({
    编号: id,
    月份: month,
    干部编号: cadre,
    规则编码: 'T-MEDIATION',
    数量: qty,
    分值: 5,
    得分依据: reason,
    来源: '两委',
    状态: '已通过',
  });
}

/** Six cadres, September and October published (two sealed records in the chain). */
function published(months = ['2026-09', '2026-10'], timeZone = 'Asia/Shanghai'): FakeGas {
  const fake = freshGas({ spreadsheet: { name: '积分台账（测试）', locale: 'zh_CN', timeZone } });
  doSetup();
  setSetting(fake, '社区名称', '幸福社区');
  setSetting(fake, '考核年度', '2026');
  setSetting(fake, '两委成员邮箱', MEMBER);
  setSetting(fake, '纪检专干邮箱', DISCIPLINE);
  doSetup();
  typeRows(
    fake,
    'roster',
    IDS.map((id, i) => [id, NAMES[i]!, '网格员', '', '在职', '2026-01', '', '是']),
  );
  typeRows(
    fake,
    'ledger',
    IDS.flatMap((id, i) => [
      entry(`S${i}`, '2026-09', id, i + 1, `九月调解 ${i + 1} 起`),
      entry(`O${i}`, '2026-10', id, 6 - i, '十月调解'),
    ]),
  );
  typeRows(
    fake,
    'attendance',
    IDS.flatMap((id) => [
      ['2026-09', id, 0, 0, 0, 0, 0],
      ['2026-10', id, 0, 0, 0, 0, 0],
    ]),
  );
  fake.UrlFetchApp.respond(/\/export\?/, {
    status: 200,
    body: Buffer.from('%PDF-1.4 fake'),
    headers: { 'Content-Type': 'application/pdf' },
  });
  for (const m of months) publishMonth(fake.spreadsheet, m, OWNER);
  return fake;
}

const ledgerRowOf = (fake: FakeGas, id: string) => fake.values(TAB.ledger).findIndex((r) => r[0] === id) + 1;
const snap = (fake: FakeGas, name = '公示-2026-09') => sheet(fake, name);
const findings = (fake: FakeGas) => verifySnapshots(fake.spreadsheet, OWNER).message;

test('an untouched book verifies; the chain starts at the genesis; the digest is kept outside and e-mailed to the 纪检专干', () => {
  const fake = published();
  const v = verifySnapshots(fake.spreadsheet, OWNER);
  expect(v).toEqual({
    message:
      '校验通过：2 份公示与发布时封存的内容一致（公示表的显示内容、已发布月份的台账记录、公示记录的摘要链），未被改动。',
    modified: 0,
  });
  const recs = readRecords(fake.values(TAB.publications) as Cell[][], OFFSET);
  expect(recs.map((r) => r.fields.prev)).toEqual([GENESIS, recs[0]!.digest]);
  // 6 typed rows and 18 generated ones (attendance, no-deduction awards) per month
  expect(recs.map((r) => r.fields.ledgerRows)).toEqual(['24', '24']);
  // the external copy: add-on document properties, and one e-mail per publication to the 纪检专干
  expect(fake.properties.document.get(fake.spreadsheet.getId())!.get('jifen.seal.公示-2026-09')).toBe(
    recs[0]!.digest,
  );
  const mails = fake.MailApp.sent.filter((m) => m.to.includes(DISCIPLINE));
  expect(mails.map((m) => m.subject)).toEqual([
    expect.stringContaining('公示封存摘要：公示-2026-09'),
    expect.stringContaining('公示封存摘要：公示-2026-10'),
  ]);
  expect(mails[1]!.body).toContain(`摘要（SHA-256）：${recs[1]!.digest}`);
  expect(mails[1]!.body).toContain(`上一摘要：${recs[0]!.digest}`);
  expect(doRecompute()).toContain('重新计算完成');
});

test('a 公示记录 made before sealing is refused until 初始化/修复表格 adds the seal columns (nothing half-made)', () => {
  const fake = published([]);
  sheet(fake, TAB.publications).deleteColumns(8, 5);
  expect(() => publishMonth(fake.spreadsheet, '2026-09', OWNER)).toThrow(
    '「公示记录」表缺少“台账行数”“台账SHA-256”“封存明细”“上一摘要”“摘要”列，请先运行「初始化/修复表格」再发布（新列用于封存公示）。',
  );
  expect(fake.spreadsheet.getSheetByName('公示-2026-09')).toBeNull();
  doSetup();
  publishMonth(fake.spreadsheet, '2026-09', OWNER);
  expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0);
});

test('a time zone with daylight saving: a date cell sealed in winter still verifies in summer', () => {
  const fake = published([], 'Europe/Berlin');
  typeRows(fake, 'ledger', [
    ledgerRow({
      编号: 'DST-1',
      月份: '2026-09',
      干部编号: '001',
      规则编码: 'T-MEDIATION',
      数量: 1,
      分值: 5,
      得分依据: '夏令时',
      来源: '两委',
      状态: '已通过',
    }),
  ]);
  // A date-time typed where Sheets made it a real date (not the text the add-on writes).
  sheet(fake, TAB.ledger)
    .getRange(ledgerRowOf(fake, 'DST-1'), L.indexOf('申报时间') + 1)
    .setNumberFormat('yyyy-MM-dd HH:mm:ss')
    .setValue(new Date('2026-09-10T08:00:00Z'));
  publishMonth(fake.spreadsheet, '2026-09', OWNER); // November: CET (+60); the cell is a CEST (+120) date
  jest.setSystemTime(new Date('2027-06-01T02:00:00Z')); // CEST
  expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0);
});

test('edits in an unpublished month stay allowed: no message', () => {
  const fake = published();
  typeRows(fake, 'ledger', [entry('N1', '2026-11', '001', 1, '十一月')]);
  sheet(fake, TAB.ledger)
    .getRange(ledgerRowOf(fake, 'N1'), L.indexOf('数量') + 1)
    .setValue(4);
  expect(doRecompute()).toContain('重新计算完成');
  expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0);
});

describe('each tampering is detected and named', () => {
  test('1 ledger quantity edit in a published month: named with old → new; 重新计算 and 发布 refuse, results unchanged', () => {
    const fake = published(['2026-09']);
    const H = headersOf('monthly');
    const total = () =>
      fake.values(TAB.monthly).find((r) => r[0] === '2026-09' && r[H.indexOf('干部编号')] === '003')![
        H.indexOf('合计')
      ];
    const before = total();
    const row = ledgerRowOf(fake, 'S2');
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('数量') + 1)
      .setValue(20);
    const line = `2026-09 已发布：积分台账第 ${row} 行 数量 3→20`;
    expect(findings(fake)).toContain(line);
    expect(() => doRecompute()).toThrow(
      `已发布的内容被改动，重新计算已停止（为免悄悄改变已发布月份的结果）：\n- ${line}`,
    );
    expect(() => publishMonth(fake.spreadsheet, '2026-10', OWNER)).toThrow(
      `发布已停止（为免悄悄改变已发布月份的结果）：\n- ${line}`,
    );
    expect(total()).toBe(before);
  });

  test('2 backdated row added into a published month', () => {
    const fake = published();
    typeRows(fake, 'ledger', [entry('LATE-1', '2026-09', '001', 9, '补录')]);
    expect(findings(fake)).toContain(
      `2026-09 已发布：积分台账第 ${ledgerRowOf(fake, 'LATE-1')} 行（编号 LATE-1）是发布后新增或改为已通过的，不在「公示-2026-09」中`,
    );
  });

  test('3 ledger row of a published month deleted', () => {
    const fake = published();
    sheet(fake, TAB.ledger).deleteRow(ledgerRowOf(fake, 'S1'));
    expect(findings(fake)).toMatch(/2026-09 已发布：条目 S1（李秀英 [^）]+）已从积分台账删除/);
  });

  test('4 snapshot value edited', () => {
    const fake = published();
    snap(fake).getRange(5, 7).setValue(99);
    expect(findings(fake)).toContain('公示-2026-09 第 5 行 内容被改动（现在：');
  });

  test('5 number format changed (value untouched, shown differently)', () => {
    const fake = published();
    snap(fake).getRange(5, 7).setNumberFormat('0.00');
    expect(findings(fake)).toContain('公示-2026-09 第 5 行 数字格式或显示被改动（数值未变；现在格式：');
  });

  test('6 row hidden', () => {
    const fake = published();
    snap(fake).hideRows(5);
    expect(findings(fake)).toContain('公示-2026-09 第 5 行 隐藏');
  });

  test('7 column hidden', () => {
    const fake = published();
    snap(fake).hideColumns(9);
    expect(findings(fake)).toContain('公示-2026-09 第 I 列 隐藏');
  });

  test('8 cells merged', () => {
    const fake = published();
    snap(fake).getRange('A1:C1').merge();
    expect(findings(fake)).toContain('公示-2026-09 A1:C1 合并单元格');
  });

  test('9 tab renamed', () => {
    const fake = published();
    snap(fake).setName('公示-2026-09（旧）');
    expect(findings(fake)).toContain('公示-2026-09 已被改名为「公示-2026-09（旧）」');
  });

  test('10 real tab hidden and a look-alike tab added', () => {
    const fake = published();
    const values = snap(fake).getDataRange().getValues();
    snap(fake).hideSheet();
    const fakeTab = fake.spreadsheet.insertSheet('公示-2026-O9');
    fakeTab
      .getRange(1, 1, values.length, values[0]!.length)
      .setNumberFormat('@')
      .setValues(values.map((r) => r.map(String)));
    const msg = findings(fake);
    expect(msg).toContain('公示-2026-09 已被隐藏');
    expect(msg).toContain('另有名称相似的表「公示-2026-O9」，不是发布的公示「公示-2026-09」');
  });

  test('11 a 公示记录 row deleted: the chain breaks, the outside copy names the lost record, recompute refuses', () => {
    const fake = published();
    sheet(fake, TAB.publications).deleteRow(2);
    const msg = findings(fake);
    expect(msg).toContain('公示记录 第 2 行被删除：链断开');
    expect(msg).toContain('公示记录中「公示-2026-09」的记录被删除（发布时另行保存的校验码');
    expect(() => doRecompute()).toThrow('公示记录中「公示-2026-09」的记录被删除');
  });

  test('11b the last 公示记录 row deleted (the chain alone cannot tell): the outside copy names it', () => {
    const fake = published();
    sheet(fake, TAB.publications).deleteRow(3);
    expect(findings(fake)).toContain('公示记录中「公示-2026-10」的记录被删除');
  });

  test('12 ledger edited and the whole chain recomputed by the editor: the outside copy and the snapshot still name it', () => {
    const fake = published();
    const row = ledgerRowOf(fake, 'S2');
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('数量') + 1)
      .setValue(20);
    // The editor knows the algorithm: new ledger digest, new 摘要, next row relinked and re-digested.
    const recs = readRecords(fake.values(TAB.publications) as Cell[][], OFFSET);
    const rows = sealedLedgerRows(fake.values(TAB.ledger) as Cell[][], '2026-09', OFFSET);
    const f1 = { ...recs[0]!.fields, ledgerSha: sha256Hex(canonicalLedgerText(rows)) };
    const d1 = chainDigest(f1, sha256Hex);
    const f2 = { ...recs[1]!.fields, prev: d1 };
    const d2 = chainDigest(f2, sha256Hex);
    const pub = sheet(fake, TAB.publications);
    const col = (h: string) => P.indexOf(h) + 1;
    pub.getRange(2, col('台账SHA-256')).setValue(f1.ledgerSha);
    pub.getRange(2, col('摘要')).setValue(d1);
    pub.getRange(3, col('上一摘要')).setValue(d1);
    pub.getRange(3, col('摘要')).setValue(d2);
    const msg = findings(fake);
    expect(msg).toContain('公示记录 第 2 行（公示-2026-09）摘要被重新计算：与发布时另行保存的校验码');
    expect(msg).toContain('公示记录 第 3 行（公示-2026-10）摘要被重新计算');
    expect(msg).toContain(`2026-09 已发布：积分台账第 ${row} 行 数量 3→20`);
    expect(msg).not.toContain('链断开');
  });

  test('13 chain reordered (two 公示记录 rows swapped)', () => {
    const fake = published();
    const pub = sheet(fake, TAB.publications);
    const a = pub.getRange(2, 1, 1, P.length).getValues();
    const b = pub.getRange(3, 1, 1, P.length).getValues();
    pub.getRange(2, 1, 1, P.length).setValues(b);
    pub.getRange(3, 1, 1, P.length).setValues(a);
    const msg = findings(fake);
    expect(msg).toContain('公示记录 顺序被调换：第 2 行「公示-2026-10」应接在第 3 行之后：链断开');
  });

  test('15 a row typed in as 更正 (no upheld objection lists it) to slip points into a published month', () => {
    const fake = published();
    typeRows(fake, 'ledger', [
      ledgerRow({
        编号: 'FAKE-X',
        月份: '2026-09',
        干部编号: '002',
        规则编码: 'T-MEDIATION',
        数量: 1,
        分值: 5,
        得分依据: '补加',
        来源: '更正',
        状态: '已通过',
      }),
    ]);
    expect(findings(fake)).toContain(
      `2026-09 已发布：积分台账第 ${ledgerRowOf(fake, 'FAKE-X')} 行（编号 FAKE-X）是更正条目，但「异议处理」中没有成立的异议列出它`,
    );
    expect(() => doRecompute()).toThrow('是更正条目，但「异议处理」中没有成立的异议列出它');
  });

  test('16 the legitimate correction path verifies; a published correction edited afterwards is named', () => {
    const fake = published();
    submitDialog({
      kind: 'objection',
      month: '2026-09',
      cadreId: '002',
      entryId: '',
      content: '通报批评漏记',
    });
    const id = getDialogOptions().objections!.find((o) => o.status === '待处理')!.id;
    expect(
      submitDialog({
        kind: 'finding',
        objectionId: id,
        result: 'upheld',
        opinion: '核实',
        corrections: [{ entryId: '', ruleCode: 'B-CRITICIZED', pointsDelta: -5, reason: '通报批评漏记' }],
      }).ok,
    ).toBe(true);
    expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0); // recorded, not yet published
    publishCorrection(fake.spreadsheet, '2026-09', OWNER);
    expect(verifySnapshots(fake.spreadsheet, OWNER).modified).toBe(0);
    const v = fake.values(TAB.ledger);
    const row =
      v.findIndex((r) => r[L.indexOf('来源')] === '更正' && r[L.indexOf('规则编码')] === 'B-CRITICIZED') + 1;
    sheet(fake, TAB.ledger)
      .getRange(row, L.indexOf('积分') + 1)
      .setValue(-1);
    expect(findings(fake)).toContain(`2026-09 已发布：积分台账第 ${row} 行 积分 -5→-1`);
  });

  test('14 a 公示记录 field (发布人) edited', () => {
    const fake = published();
    sheet(fake, TAB.publications)
      .getRange(2, P.indexOf('发布人') + 1)
      .setValue('他人');
    expect(findings(fake)).toContain('公示记录 第 2 行（公示-2026-09）内容被改动，与其摘要不符');
  });
});
