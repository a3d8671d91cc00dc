// Who may do what: committee members (设置 两委成员邮箱 plus the owner) act; everyone else is refused.

import { readSettings, type SheetProblem } from '../shared/read-tabs';
import { readTab } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A refusal or a plain error to show the user in Chinese, never a stack trace. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** The email of the person running the action ('' when policy hides it). */
export function currentEmail(): string {
  return (Session.getActiveUser().getEmail() || '').toLowerCase();
}

/** Committee emails: the 设置 list plus the spreadsheet owner. */
export function committeeEmails(ss: Spreadsheet): string[] {
  return people(ss).committee;
}

/** The committee plus the 纪检专干, who may also review claims (SPEC §1); protections let both edit. */
export function reviewerEmails(ss: Spreadsheet): string[] {
  const p = people(ss);
  return [...new Set([...p.committee, ...(p.discipline ? [p.discipline] : [])])];
}

function people(ss: Spreadsheet): { committee: string[]; discipline: string } {
  const problems: SheetProblem[] = [];
  const settings = readSettings(readTab(ss, 'settings'), problems);
  const owner = ss.getOwner()?.getEmail()?.toLowerCase();
  return {
    committee: [...new Set([...(owner ? [owner] : []), ...settings.committeeEmails])],
    discipline: settings.disciplineEmail,
  };
}

/** Throws a Chinese refusal unless the current user is on the committee. Returns their email. */
export function requireCommittee(ss: Spreadsheet, action: string, orDisciplineOfficer = false): string {
  const email = currentEmail();
  if (!email) {
    throw new UserFacingError(
      `无法确认您的身份（Google 未提供邮箱），不能${action}。请使用本表格所属单位的账号登录后重试。`,
    );
  }
  if (!(orDisciplineOfficer ? reviewerEmails(ss) : committeeEmails(ss)).includes(email)) {
    throw new UserFacingError(
      `只有两委成员可以${action}。您的账号 ${email} 不在「设置」表的两委成员邮箱中。`,
    );
  }
  return email;
}

/**
 * Refuses before anything is written when a tab the action writes is protected against this user
 * (e.g. a new committee member before the owner re-ran setup). Avoids half-done actions.
 */
export function requireWritable(ss: Spreadsheet, tabs: readonly string[]): void {
  const blocked = tabs.filter((name) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return false;
    const blocks = (p: GoogleAppsScript.Spreadsheet.Protection) => !p.isWarningOnly() && !p.canEdit();
    return (
      sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some(blocks) ||
      sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).some(blocks)
    );
  });
  if (blocked.length > 0) {
    throw new UserFacingError(
      `您的账号还没有${blocked.map((b) => `「${b}」`).join('')}的编辑权限（受保护的系统表）。请表格所有者运行「积分管理 › 初始化/修复表格」同步两委成员权限后再试。`,
    );
  }
}
