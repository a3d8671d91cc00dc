// The self-test scenario: the whole workflow on the spreadsheet the script is bound to, through whatever
// Apps Script services are the globals — Google's on a real account, the fake in CI (one scenario, two worlds).
//
// It is only in the self-test bundle (npm run build:selftest), never in the production dist/.

import { DEFAULT_RULES, halfOf, SOURCE_ZH, STATUS_ZH } from '../core';
import { doRecompute, doSetup } from '../gas/actions';
import { cadreTotal } from '../gas/custom-functions';
import { FORM_ID_KEY } from '../gas/intake-action';
import { previousMonthOf } from '../gas/notify';
import { publishCorrection, publishHalfYear, publishMonth, verifySnapshots } from '../gas/publish-action';
import { doSetupForm, doSyncResponses, getDialogOptions, review, submitDialog } from '../gas/server-api';
import { writeSetting } from '../gas/setup';
import { appendRows, now } from '../gas/sheets-io';
import { cellText } from '../shared/cells';
import { FORM_TITLES, monthLabel, ruleLabel, SELF } from '../shared/intake';
import { headersOf, TAB } from '../shared/tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface StepResult {
  step: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface SelfTestReport {
  ok: boolean;
  steps: StepResult[];
  notes: string[];
  text: string;
}

export const REPORT_TAB = '自测报告';

class StepFailed extends Error {}

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new StepFailed(message);
}

/** Waits for `get` to return something, polling (a real form response reaches its sheet after a moment). */
function poll<T>(get: () => T | null | undefined, seconds: number): T | null {
  // Counted tries, not Date.now(): Utilities.sleep is the only clock both worlds share.
  for (let tries = Math.ceil(seconds / 2); ; tries--) {
    const v = get();
    if (v !== null && v !== undefined) return v;
    if (tries <= 0) return null;
    SpreadsheetApp.flush();
    Utilities.sleep(2000);
  }
}

function values(ss: Spreadsheet, name: string): unknown[][] {
  const s = ss.getSheetByName(name);
  if (!s || s.getLastRow() === 0) return [];
  return s.getRange(1, 1, s.getLastRow(), Math.max(1, s.getLastColumn())).getValues();
}

/** Plus-addressed copies of the runner's own address: mail the add-on sends in the test reaches only them. */
function alias(me: string, tag: string): string {
  const at = me.indexOf('@');
  return at > 0 ? `${me.slice(0, at)}+${tag}${me.slice(at)}` : `${tag}@example.invalid`;
}

export function runSelfTest(): SelfTestReport {
  const steps: StepResult[] = [];
  const notes: string[] = [];
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let failed = false;
  const step = (name: string, fn: () => string): void => {
    if (failed) return;
    const t0 = Date.now();
    try {
      steps.push({ step: name, ok: true, detail: fn(), ms: Date.now() - t0 });
    } catch (e) {
      failed = true;
      const msg = (e as Error)?.message ?? String(e);
      steps.push({ step: name, ok: false, detail: msg, ms: Date.now() - t0 });
    }
  };

  const me = (Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail()).toLowerCase();
  const L = headersOf('ledger');
  let month = '';
  let formId = '';
  let claimId = '';

  step('准备', () => {
    check(
      ss,
      '没有当前表格：请把自测脚本绑定到一个新建的空白表格（clasp create --type sheets）后在其中运行。',
    );
    check(me, 'Google 没有提供运行者的邮箱，无法自测（需要 userinfo.email 权限）。');
    check(
      !ss.getSheetByName(TAB.settings),
      `「${ss.getName()}」已有「设置」表：自测只在新建的空白表格中运行，以免改动真实数据。`,
    );
    month = previousMonthOf(now(ss).month);
    return `运行者 ${me}；测试月份 ${month}；表格 ${ss.getUrl()}`;
  });

  step('初始化表格', () => {
    const said = doSetup(ss);
    check(said.includes('初始化完成'), said);
    for (const name of Object.values(TAB)) check(ss.getSheetByName(name), `缺少「${name}」表`);
    const p = ss.getSheetByName(TAB.ledger)!.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    check(p?.canEdit(), '「积分台账」没有保护，或运行者不能编辑');
    return `${Object.values(TAB).length} 张表，「积分台账」已保护`;
  });

  step('设置与干部名册', () => {
    check(writeSetting(ss, '考核年度', month.slice(0, 4)), '「设置」缺少「考核年度」');
    writeSetting(ss, '社区名称', '自测社区');
    writeSetting(ss, '纪检专干邮箱', alias(me, 'jijian'));
    appendRows(ss.getSheetByName(TAB.roster)!, 'roster', [
      ['001', '自测甲', '书记', me, '在职', '', '', '是'],
      ['002', '自测乙', '委员', alias(me, 'c002'), '在职', '', '', '是'],
      ['003', '自测丙', '网格员', alias(me, 'c003'), '在职', '', '', '是'],
    ]);
    const said = doSetup(ss); // a member confirms the new 纪检专干
    check(said.includes('初始化完成'), said);
    return '考核年度、纪检专干、3 名干部';
  });

  step('创建申请表', () => {
    const said = doSetupForm(ss);
    check(said.includes('已创建《干部积分申请表》'), said);
    formId = PropertiesService.getDocumentProperties().getProperty(FORM_ID_KEY) ?? '';
    check(formId, '申请表编号没有记录');
    const mine = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === 'onFormSubmit');
    check(mine.length === 1, `应有 1 个申报触发器，实际 ${mine.length} 个`);
    return `申请表 ${FormApp.openById(formId).getPublishedUrl()}`;
  });

  step('提交一份真实的表单回复', () => {
    const form = FormApp.openById(formId);
    const mediation = DEFAULT_RULES.find((r) => r.code === 'T-MEDIATION')!;
    const answers: Record<string, string> = {
      [FORM_TITLES.subject]: SELF,
      [FORM_TITLES.month]: monthLabel(month),
      [FORM_TITLES.rule]: ruleLabel(mediation),
      [FORM_TITLES.quantity]: '2',
      [FORM_TITLES.evidence]: '自测：调解邻里纠纷两起',
    };
    const response = form.createResponse();
    for (const item of form.getItems()) {
      const answer = answers[item.getTitle()];
      if (answer === undefined) continue;
      const type = String(item.getType());
      if (type === 'LIST') response.withItemResponse(item.asListItem().createResponse(answer));
      else if (type === 'TEXT') response.withItemResponse(item.asTextItem().createResponse(answer));
      else if (type === 'PARAGRAPH_TEXT')
        response.withItemResponse(item.asParagraphTextItem().createResponse(answer));
    }
    response.submit();
    return `已提交（${Object.keys(answers).length} 个问题）`;
  });

  step('申报入账（恰好一次）', () => {
    const landed = poll(() => {
      doSyncResponses(ss);
      const inLedger = values(ss, TAB.ledger).filter(
        (r) => r[L.indexOf('来源')] === SOURCE_ZH.form && cellText(r[L.indexOf('月份')] as never) !== '',
      );
      const inErrors = values(ss, TAB.intakeErrors).slice(1);
      return inLedger.length + inErrors.length > 0 ? { inLedger, inErrors } : null;
    }, 60);
    check(landed, '60 秒内表单回复没有进入「积分台账」或「申报异常」');
    check(
      landed.inLedger.length + landed.inErrors.length === 1,
      `一份回复应恰好入账一次，实际台账 ${landed.inLedger.length} 条、申报异常 ${landed.inErrors.length} 条`,
    );
    if (landed.inLedger.length === 1) {
      const row = landed.inLedger[0]!;
      claimId = cellText(row[L.indexOf('编号')] as never);
      check(
        row[L.indexOf('状态')] === STATUS_ZH.pending,
        `新申报应为待审核，实际 ${String(row[L.indexOf('状态')])}`,
      );
      return `台账 ${claimId}（待审核），申报人 ${cellText(row[L.indexOf('申报人')] as never) || '（空）'}`;
    }
    // A script-submitted response may carry no verified e-mail: recorded, then entered by the committee.
    const reason = (landed.inErrors[0] ?? []).map((c) => cellText(c as never)).join(' | ');
    notes.push(`脚本提交的表单回复进入了「申报异常」：${reason}`);
    const s = ss.getSheetByName(TAB.intakeErrors)!;
    const col = headersOf('intakeErrors').indexOf('处理情况') + 1;
    s.getRange(2, col).setValue('已处理');
    return `进入「申报异常」（见备注），已标为已处理`;
  });

  step('审核', () => {
    if (!claimId) {
      const r = submitDialog({
        kind: 'event',
        month,
        cadreId: '001',
        ruleCode: 'T-MEDIATION',
        quantity: 2,
        reason: '自测：两委代录',
      });
      check(r.ok, r.message);
      return `两委代录：${r.message}`;
    }
    const r = review({ ids: [claimId], action: 'approve', month });
    check(r.ok, r.message);
    const row = values(ss, TAB.ledger).find((x) => cellText(x[L.indexOf('编号')] as never) === claimId);
    check(
      row?.[L.indexOf('状态')] === STATUS_ZH.approved,
      `审核后应为已通过，实际 ${String(row?.[L.indexOf('状态')])}`,
    );
    return `${claimId} 已通过`;
  });

  step('两委录入与考勤', () => {
    for (const [cadreId, quantity] of [
      ['002', 1],
      ['003', 3],
    ] as const) {
      const r = submitDialog({
        kind: 'event',
        month,
        cadreId,
        ruleCode: 'T-MEDIATION',
        quantity,
        reason: '自测录入',
      });
      check(r.ok, `${cadreId}：${r.message}`);
    }
    const r = submitDialog({
      kind: 'attendance',
      month,
      rows: ['001', '002', '003'].map((cadreId) => ({
        cadreId,
        late: cadreId === '003' ? 1 : 0,
        earlyLeave: 0,
        absent: 0,
        personalLeaveDays: 0,
        sickLeaveDays: 0,
      })),
    });
    check(r.ok, r.message);
    return '2 条事项、3 条考勤';
  });

  step('重新计算', () => {
    const said = doRecompute(ss);
    check(said.includes('重新计算完成'), said);
    const rows = values(ss, TAB.monthly).filter((r) => cellText(r[0] as never) === month);
    check(rows.length >= 3, `「月度汇总」应有 3 名干部的 ${month} 行，实际 ${rows.length}`);
    return said.split('\n')[0]!;
  });

  let digest = '';
  step('发布月度公示（含 PDF）', () => {
    const out = publishMonth(ss, month, me);
    check(ss.getSheetByName(out.sheetName), `缺少「${out.sheetName}」`);
    digest = out.digest;
    if (!out.pdfUrl) notes.push(`PDF 没有保存：${out.message}`);
    check(out.pdfUrl, `PDF 没有保存到云端硬盘：${out.message}`);
    return `「${out.sheetName}」摘要 ${digest.slice(0, 12)}…；PDF ${out.pdfUrl}`;
  });

  step('校验公示（未改动）', () => {
    const v = verifySnapshots(ss, me);
    check(v.modified === 0, v.message);
    return v.message.split('\n')[0]!;
  });

  step('篡改后校验', () => {
    const snap = ss.getSheetByName(`公示-${month}`)!;
    const cell = snap.getRange(snap.getLastRow(), 2);
    const old = cell.getValue();
    cell.setValue(`${cellText(old as never)}（改）`);
    const v = verifySnapshots(ss, me);
    check(v.modified > 0, `改动了「公示-${month}」，校验却说没有改动：${v.message}`);
    cell.setValue(old);
    const again = verifySnapshots(ss, me);
    check(again.modified === 0, `恢复原值后应校验通过：${again.message}`);
    return `发现改动（${v.modified}），恢复后通过`;
  });

  step('异议与更正公示', () => {
    const entry = values(ss, TAB.ledger).find(
      (r) =>
        cellText(r[L.indexOf('干部编号')] as never) === '002' && r[L.indexOf('来源')] !== SOURCE_ZH.system,
    );
    check(entry, '找不到 002 的事项');
    const entryId = cellText(entry[L.indexOf('编号')] as never);
    const o = submitDialog({ kind: 'objection', month, cadreId: '002', entryId, content: '自测：少记一起' });
    check(o.ok, o.message);
    const objection = getDialogOptions().objections?.find((x) => x.cadreId === '002');
    check(objection, '异议没有登记');
    const f = submitDialog({
      kind: 'finding',
      objectionId: objection.id,
      result: 'upheld',
      opinion: '自测：属实',
      corrections: [{ entryId, ruleCode: '', pointsDelta: 5, reason: '补记一起调解' }],
    });
    check(f.ok, f.message);
    const out = publishCorrection(ss, month, me);
    check(ss.getSheetByName(out.sheetName), `缺少「${out.sheetName}」`);
    return `「${out.sheetName}」`;
  });

  step('半年汇总与报告', () => {
    const half = halfOf(month);
    const out = publishHalfYear(ss, half, me);
    check(
      ss.getSheetByName(`公示-${half}`) && ss.getSheetByName(`报告-${half}`),
      `缺少「公示-${half}」或「报告-${half}」`,
    );
    return out.message.split('\n')[0]!;
  });

  step('单元格公式（JIFEN_TOTAL 随计算更新）', () => {
    const sheet = ss.insertSheet('自测公式');
    const current = now(ss).month;
    sheet.getRange('A1').setNumberFormat('@').setValue('001');
    sheet.getRange('B1').setFormula(`=JIFEN_TOTAL(A1, "${month}", JIFEN_VERSION)`);
    sheet.getRange('B2').setFormula(`=JIFEN_TOTAL(A1, "${current}", JIFEN_VERSION)`);
    const read = (a1: string) => () => {
      const v = sheet.getRange(a1).getValue();
      return typeof v === 'number' ? v : null;
    };
    const first = poll(read('B1'), 30);
    check(first !== null, `30 秒内 JIFEN_TOTAL 没有算出数值：${String(sheet.getRange('B1').getValue())}`);
    const expected = cadreTotal('001', month);
    check(first === expected, `JIFEN_TOTAL 为 ${first}，核心计算为 ${String(expected)}`);
    // A published month takes no new entries: the refusal is the expected answer.
    const late = submitDialog({
      kind: 'event',
      month,
      cadreId: '001',
      ruleCode: 'T-MEDIATION',
      quantity: 1,
      reason: '自测：上月补录',
    });
    check(!late.ok, '已公示的月份仍可录入新事项');
    if (current.slice(0, 4) !== month.slice(0, 4)) {
      notes.push(
        `本月 ${current} 不在考核年度 ${month.slice(0, 4)}：跳过“计算后公式自动更新”的检查（请在 2–12 月再运行一次）。`,
      );
      return `JIFEN_TOTAL = ${first}（与核心一致）`;
    }
    const before = poll(read('B2'), 30);
    check(before !== null, `本月 JIFEN_TOTAL 没有算出数值：${String(sheet.getRange('B2').getValue())}`);
    const mediation = DEFAULT_RULES.find((r) => r.code === 'T-MEDIATION')!;
    const r = submitDialog({
      kind: 'event',
      month: current,
      cadreId: '001',
      ruleCode: 'T-MEDIATION',
      quantity: 1,
      reason: '自测：本月',
    });
    check(r.ok, r.message);
    doRecompute(ss);
    const after = poll(() => {
      const v = read('B2')();
      return v !== null && v !== before ? v : null;
    }, 30);
    check(
      after === before + mediation.points,
      `计算后本月 JIFEN_TOTAL 应为 ${before + mediation.points}，实际 ${String(after ?? sheet.getRange('B2').getValue())}（公式没有随计算更新）`,
    );
    check(read('B1')() === first, '已公示月份的 JIFEN_TOTAL 不应改变');
    return `公示月 ${first}（与核心一致）；本月 ${before} → ${after}（计算后自动更新）`;
  });

  // Cleanup runs even after a failure: the scratch form and triggers go; the spreadsheet stays for reading.
  const cleanup: string[] = [];
  for (const t of ScriptApp.getProjectTriggers()) {
    try {
      ScriptApp.deleteTrigger(t);
      cleanup.push(`删除触发器 ${t.getHandlerFunction()}`);
    } catch (e) {
      cleanup.push(`未能删除触发器：${(e as Error).message}`);
    }
  }
  if (formId) {
    try {
      const drive = (globalThis as { Drive?: { Files?: { update?: (r: object, id: string) => unknown } } })
        .Drive;
      if (!drive?.Files?.update) throw new Error('Drive 高级服务没有 Files.update');
      drive.Files.update({ trashed: true }, formId);
      cleanup.push('申请表已移到回收站');
    } catch (e) {
      cleanup.push(`申请表未能移到回收站（请手动删除）：${(e as Error).message}`);
    }
  }
  notes.push(`清理：${cleanup.join('；') || '无'}`);
  notes.push('本表格（自测表格）保留供查看，看完请手动删除。');

  const ok = !failed && steps.length > 0;
  const lines = [
    `积分台账自测：${ok ? '全部通过' : '未通过'}（${steps.filter((s) => s.ok).length}/${steps.length} 步）`,
    ...steps.map((s) => `${s.ok ? '通过' : '失败'}  ${s.step}（${s.ms} ms）：${s.detail}`),
    ...notes.map((n) => `备注：${n}`),
  ];
  writeReport(ss, steps, notes, ok);
  for (const l of lines) console.log(l);
  return { ok, steps, notes, text: lines.join('\n') };
}

function writeReport(ss: Spreadsheet, steps: StepResult[], notes: string[], ok: boolean): void {
  if (!ss) return;
  try {
    const sheet = ss.getSheetByName(REPORT_TAB) ?? ss.insertSheet(REPORT_TAB, 0);
    sheet.clear();
    const rows: (string | number)[][] = [
      ['步骤', '结果', '说明', '用时（毫秒）'],
      ...steps.map((s) => [s.step, s.ok ? '通过' : '失败', s.detail, s.ms]),
      ...notes.map((n) => ['备注', '', n, '']),
      ['结论', ok ? '全部通过' : '未通过', new Date().toISOString(), ''],
    ];
    const range = sheet.getRange(1, 1, rows.length, 4);
    range.setNumberFormat('@');
    range.setValues(rows.map((r) => r.map(String)));
    sheet.setColumnWidth(3, 600);
  } catch (e) {
    console.error(`自测报告表写入失败：${(e as Error).message}`);
  }
}
