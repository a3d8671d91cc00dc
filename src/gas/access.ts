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

/**
 * The roles as last confirmed by a committee member running 初始化/修复表格, kept in the add-on's
 * document properties. Why not 设置 alone: a cell can be edited by anyone who gets past the
 * protection (the owner by mistake, a protection removed); the properties of this script can be
 * written only by this script, so the role list is what a member last confirmed.
 */
export interface RoleRecord {
  committee: string[];
  discipline: string;
}

const ROLE_KEY = 'jifen.roles';

function docProps(): GoogleAppsScript.Properties.Properties | null {
  try {
    return PropertiesService.getDocumentProperties();
  } catch {
    return null;
  }
}

export function recordedRoles(): RoleRecord | null {
  const raw = docProps()?.getProperty(ROLE_KEY);
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as RoleRecord;
    if (!Array.isArray(r.committee)) return null;
    return { committee: r.committee.map(String), discipline: String(r.discipline ?? '') };
  } catch {
    return null;
  }
}

export function recordRoles(r: RoleRecord): void {
  docProps()?.setProperty(ROLE_KEY, JSON.stringify(r));
}

/** The roles as 设置 states them now (the owner always belongs to the committee). */
export function typedRoles(ss: Spreadsheet, owner = ownerEmail(ss)): RoleRecord {
  const problems: SheetProblem[] = [];
  const settings = readSettings(readTab(ss, 'settings'), problems);
  return {
    committee: [
      ...new Set([...(owner ? [owner] : []), ...settings.committeeEmails.map((e) => e.toLowerCase())]),
    ],
    discipline: (settings.disciplineEmail || '').toLowerCase(),
  };
}

/** What changed in 设置 since a member last confirmed the roles ('' when nothing). */
export function roleChange(ss: Spreadsheet): string {
  const rec = recordedRoles();
  if (!rec) return '';
  return describeRoleChange(rec, typedRoles(ss));
}

export function describeRoleChange(before: RoleRecord, after: RoleRecord): string {
  const added = after.committee.filter((e) => !before.committee.includes(e));
  const removed = before.committee.filter((e) => !after.committee.includes(e));
  const parts: string[] = [];
  if (added.length) parts.push(`两委成员新增 ${added.join('、')}`);
  if (removed.length) parts.push(`两委成员移除 ${removed.join('、')}`);
  if (before.discipline !== after.discipline)
    parts.push(`纪检专干由 ${before.discipline || '（空）'} 改为 ${after.discipline || '（空）'}`);
  return parts.join('；');
}

/** Committee emails: the list a member last confirmed (else, before any confirmation, 设置) plus the owner. */
export function committeeEmails(ss: Spreadsheet): string[] {
  return people(ss).committee;
}

/** The committee plus the 纪检专干 (who may inspect and write the log, SPEC §1). */
export function reviewerEmails(ss: Spreadsheet): string[] {
  const p = people(ss);
  return [...new Set([...p.committee, ...(p.discipline ? [p.discipline] : [])])];
}

/** The 纪检专干's email ('' when none). */
export function disciplineEmail(ss: Spreadsheet): string {
  return people(ss).discipline;
}

function ownerEmail(ss: Spreadsheet): string {
  return ss.getOwner()?.getEmail()?.toLowerCase() ?? '';
}

function people(ss: Spreadsheet, owner = ownerEmail(ss), rec = recordedRoles()): RoleRecord {
  if (!rec) return typedRoles(ss, owner);
  return {
    committee: [...new Set([...(owner ? [owner] : []), ...rec.committee])],
    discipline: rec.discipline,
  };
}

/**
 * Throws a Chinese refusal unless the current user is on the committee (or, when allowed, is the
 * 纪检专干). Also refuses while 设置's role list differs from the one a member confirmed, so an
 * edit nobody confirmed can neither grant nor take away rights. `confirming`: 初始化/修复表格, the
 * action by which a member confirms the change. Returns the user's email.
 */
export function requireCommittee(
  ss: Spreadsheet,
  action: string,
  orDisciplineOfficer = false,
  confirming = false,
): string {
  const email = currentEmail();
  if (!email) {
    throw new UserFacingError(
      `无法确认您的身份（Google 未提供邮箱），不能${action}。请使用本表格所属单位的账号登录后重试。`,
    );
  }
  // One owner lookup and at most one 设置 read (the recompute call budget counts them).
  const owner = ownerEmail(ss);
  const rec = recordedRoles();
  const p = people(ss, owner, rec);
  const allowed = orDisciplineOfficer && p.discipline ? [...p.committee, p.discipline] : p.committee;
  if (!allowed.includes(email)) {
    throw new UserFacingError(
      orDisciplineOfficer
        ? `只有两委成员或纪检专干可以${action}。您的账号 ${email} 不在两委成员确认过的名单中。`
        : `只有两委成员可以${action}。您的账号 ${email} 不在两委成员确认过的两委成员名单中（「设置」表的两委成员邮箱，经两委成员运行「初始化/修复表格」确认）。`,
    );
  }
  const change = confirming || !rec ? '' : describeRoleChange(rec, typedRoles(ss, owner));
  if (change) {
    throw new UserFacingError(
      `「设置」中的人员名单与两委成员上次确认的不一致（${change}），为防止未经确认的授权，暂停${action}。如果这是两委成员的修改，请两委成员运行「积分管理 › 初始化/修复表格」确认；如果不是，请在「设置」中恢复原值并查看「操作日志」。`,
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
    // canEdit first: it is true for the committee, so the usual case costs one call per protection.
    const blocks = (p: GoogleAppsScript.Spreadsheet.Protection) => !p.canEdit() && !p.isWarningOnly();
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
