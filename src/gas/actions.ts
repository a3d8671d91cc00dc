// Menu actions: setup, recompute, help, and the placeholders of features that come with later issues.

import { TAB } from '../shared/tabs';
import {
  currentEmail,
  describeRoleChange,
  recordedRoles,
  recordRoles,
  requireCommittee,
  requireWritable,
  typedRoles,
} from './access';
import { withDocumentLock } from './lock';
import { logAction } from './log';
import { recomputeSpreadsheet } from './recompute-action';
import { setupWorkbook, writeSetting } from './setup';
import { now } from './sheets-io';
import { runAction } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function active(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** 初始化/修复表格. On a brand-new spreadsheet anyone who can edit it is its owner, so the check passes. */
export function doSetup(ss: Spreadsheet = active()): string {
  return withDocumentLock(() => {
    const first = firstMemberBootstrap(ss);
    // Before setup there is no 设置 tab: only the owner qualifies then. A member confirms 设置's list here.
    const who = first || requireCommittee(ss, '初始化表格', false, true);
    const before = recordedRoles();
    // A new spreadsheet has no 设置 yet: its committee is the owner alone (or, in a shared drive, the
    // first member).
    const roles = first
      ? { committee: [first], discipline: typedRoles(ss, '').discipline }
      : ss.getSheetByName(TAB.settings)
        ? typedRoles(ss)
        : typedRolesOwnerOnly(ss);
    const reviewers = [...new Set([...roles.committee, ...(roles.discipline ? [roles.discipline] : [])])];
    const report = setupWorkbook(ss, roles.committee, reviewers);
    // 设置 must say what was confirmed, or the next action would read "member removed" and pause.
    if (first) writeSetting(ss, '两委成员邮箱', first);
    recordRoles(roles);
    const change = before ? describeRoleChange(before, roles) : '';
    const t = now(ss);
    const detail = `新建 ${report.created.length} 张表${report.created.length ? `（${report.created.join('、')}）` : ''}；修复 ${report.repaired.length} 张表${report.repaired.length ? `（${report.repaired.join('、')}）` : ''}${report.formulasUpgraded ? `；为 ${report.formulasUpgraded} 个 JIFEN_* 公式加上参数 JIFEN_VERSION（计算后自动更新）` : ''}`;
    logAction(ss, t.text, who, '初始化/修复表格', detail, report.created.length + report.repaired.length);
    if (change) logAction(ss, t.text, who, '确认人员名单', change, 1);
    if (first) {
      logAction(
        ss,
        t.text,
        who,
        '首位两委成员',
        `表格位于共享云端硬盘，没有所有者；${who} 运行初始化，成为第一位两委成员`,
        1,
      );
    }
    const outsiders = ss
      .getEditors()
      .map((u) => u.getEmail().toLowerCase())
      .filter((e) => e && !reviewers.includes(e));
    const editorsNote = outsiders.length
      ? `\n\n注意：以下账号能编辑本表格文件，但不是两委成员或纪检专干：${outsiders.join('、')}。录入表和系统表已受保护，他们不能修改，但仍可新建工作表、修改未保护的内容。干部只需要「查看」权限或不需要权限：通过申请表申报，查看公示和自己的积分。请在「共享」中把他们改为「查看者」或移除。`
      : '';
    const firstNote = first
      ? `\n\n表格位于共享云端硬盘，没有所有者：您（${first}）已成为第一位两委成员（已记入「操作日志」）。请在「设置」填写其他两委成员邮箱后再运行一次本操作。`
      : '';
    return `初始化完成。${detail}。${firstNote}全部录入表和系统表已受保护，仅两委成员可修改${change ? `；已确认人员名单变更：${change}` : ''}。${editorsNote}\n下一步：在「设置」表填写两委成员邮箱（修改后请再运行一次本操作），在「干部名册」表录入干部。`;
  });
}

/**
 * A file in a shared drive has no owner: `Spreadsheet.getOwner()` returns null
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner()), so the rule
 * "the owner is always a member" names nobody and no one could ever run setup. Bootstrap: while no
 * member list was ever confirmed and 设置 names none, whoever runs setup becomes the first member
 * (logged). Returns that person's email, or '' when the normal rules apply.
 */
function firstMemberBootstrap(ss: Spreadsheet): string {
  if (ss.getOwner()) return '';
  if (recordedRoles()) return '';
  if (ss.getSheetByName(TAB.settings) && typedRoles(ss, '').committee.length > 0) return '';
  return currentEmail();
}

function typedRolesOwnerOnly(ss: Spreadsheet) {
  const owner = ss.getOwner()?.getEmail()?.toLowerCase();
  return { committee: owner ? [owner] : [], discipline: '' };
}

/** 重新计算. */
export function doRecompute(ss: Spreadsheet = active()): string {
  return withDocumentLock(() => {
    const who = requireCommittee(ss, '重新计算');
    requireWritable(ss, [TAB.monthly, TAB.yearly, TAB.problems, TAB.log, TAB.ledger]);
    const res = recomputeSpreadsheet(ss);
    const t = now(ss);
    const detail = `${res.year}年度，截至 ${res.asOf}：${res.counts.cadres} 名干部，台账有效条目 ${res.counts.entries} 条（其中本次生成的系统条目 ${res.counts.systemEntries} 条），校验问题 ${res.counts.problems} 条`;
    logAction(ss, t.text, who, '重新计算', detail, res.counts.problems);
    const problems =
      res.counts.problems > 0
        ? `\n有 ${res.counts.problems} 处问题未计入，请查看「校验问题」表逐行修改后再次计算。`
        : '\n没有发现问题。';
    return `重新计算完成。${detail}。${problems}`;
  });
}

export function menuAction(title: string, fn: () => string): void {
  runAction(title, fn);
}

/** A feature of a later release: says so plainly rather than failing. */
export function comingSoon(feature: string): string {
  return `「${feature}」功能正在开发中，即将在后续版本提供。`;
}

export function helpText(): string {
  return [
    '积分台账使用帮助（菜单「积分管理」）：',
    '1. 「初始化/修复表格」：创建或修复全部工作表并设保护（可重复运行，不会丢失已录入内容）；修改「设置」中的两委成员名单后也要运行一次以确认。',
    '2. 在「设置」填写两委成员邮箱和纪检专干邮箱，在「干部名册」录入干部（邮箱填干部登录申请表用的账号）。',
    '3. 「创建/更新申请表」：生成干部申报用的 Google 表单（要求登录，记录登录邮箱）；「同步表单回复」补收漏掉的回复。',
    '4. 「打开管理侧栏」：逐条审核申报（通过、驳回、调整），查看本月状态并发布；「录入积分事项」：两委录入事项、考勤、考核成绩、积分兑换、异议。',
    '5. 「重新计算」：生成考勤、无批评、无投诉、前5名等系统积分，更新「月度汇总」「年度汇总」，问题列在「校验问题」。',
    '6. 「发布月度公示」「发布更正公示」「发布半年汇总」：按月份顺序发布受保护的公示表和 PDF；「校验公示」核对发布后是否被改动。',
    '7. 「发送申报汇总给纪检专干」：把某月的申报清单发给纪检专干（每月1日也会自动发送）。',
    '8. 「个人链接」：每名干部查看本人积分页面的专用链接；「重置个人链接」使旧链接全部失效。',
    '9. 「年度结转」：每年一月结束上一年度（年度公示、只读归档、转入新年度）。',
    '10. 「街道：设置社区列表」「街道：汇总各社区」：只在街道自己的汇总表中使用。',
    '11. 单元格公式（最后一个参数写 JIFEN_VERSION，计算后自动更新）：=JIFEN_TOTAL(干部编号, "2026-10", JIFEN_VERSION)、=JIFEN_RANK(干部编号, "2026-H1", JIFEN_VERSION)、=JIFEN_LEAVE_DAYS(干部编号, JIFEN_VERSION)。',
    `当前账号：${currentEmail() || '（未知）'}`,
  ].join('\n');
}
