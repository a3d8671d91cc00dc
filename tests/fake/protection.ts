// Protection (§1.7): sheet and range protections, their editor lists, and enforcement against the effective user.

import type { GasContext } from './context';
import { GasException } from './errors';
import type { RangeRef, SheetModel } from './model';
import { asUser, emailOf } from './user';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GProtection = GoogleAppsScript.Spreadsheet.Protection;

export type ProtectionKind = 'RANGE' | 'SHEET';

/** Text used when a non-editor changes a protection: the real message is [UNCONFIRMED] (§1.7). */
export const PROTECTION_CHANGE_DENIED =
  'You do not have permission to change this protection. (fake text: the real message is unconfirmed, apps-script-facts §1.7)';

export class ProtectionModel {
  description = '';
  editors: string[];
  /** False until addEditor(s)/removeEditor(s)/setDomainEdit: permissions then copy the spreadsheet's (§1.7). */
  restricted = false;
  warningOnly = false;
  domainEdit: boolean;
  unprotected: RangeRef[] = [];
  rangeName: string | null = null;
  removed = false;
  api: FakeProtection | undefined;

  constructor(
    readonly type: ProtectionKind,
    readonly sheet: SheetModel,
    public ref: RangeRef | undefined,
  ) {
    // In a shared drive the creator is an ordinary editor, so the copy lists them too.
    this.editors = sheet.ss.sharedDrive
      ? [sheet.ss.owner, ...sheet.ss.editors.filter((e) => e !== sheet.ss.owner)]
      : sheet.ss.editors.filter((e) => e !== sheet.ss.owner);
    this.domainEdit = sheet.ss.domainEdit;
  }

  /** §1.7: the owner can always edit; warning-only protections let everyone edit (after a UI warning). */
  userCanEdit(user: string): boolean {
    const owner = this.sheet.ss.owner;
    if (this.warningOnly || !this.restricted) return true;
    if (user === owner && !this.sheet.ss.sharedDrive) return true;
    if (this.editors.includes(user)) return true;
    return this.domainEdit && domainOf(user) === domainOf(owner);
  }
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

function covered(g: Box, holes: readonly RangeRef[]): boolean {
  if (holes.length === 0) return false;
  for (let r = g.row; r < g.row + g.numRows; r++) {
    for (let c = g.col; c < g.col + g.numCols; c++) {
      if (!holes.some((h) => overlaps(h, { row: r, col: c, numRows: 1, numCols: 1 }))) return false;
    }
  }
  return true;
}

/** Throws the §1.7 protected-cell error when the effective user may not edit any cell of `g`. */
export function assertCanEditCells(ctx: GasContext, sheet: SheetModel, g: Box): void {
  const user = ctx.effectiveUser;
  for (const p of sheet.protections) {
    if (p.removed || p.userCanEdit(user)) continue;
    if (p.type === 'RANGE' && p.ref && overlaps(p.ref, g)) throw new GasException(MSG_PROTECTED);
    if (p.type === 'SHEET' && !covered(g, p.unprotected)) throw new GasException(MSG_PROTECTED);
  }
}

/**
 * Structural edits (insert/delete rows or columns, rename, delete the sheet, freeze, resize, hide): blocked by a
 * sheet protection the user can't edit, and, for deletions, by range protections they overlap.
 */
export function assertCanEditStructure(ctx: GasContext, sheet: SheetModel, deleting?: Box): void {
  const user = ctx.effectiveUser;
  for (const p of sheet.protections) {
    if (p.removed || p.userCanEdit(user)) continue;
    if (p.type === 'SHEET') throw new GasException(MSG_PROTECTED);
    if (deleting && p.ref && overlaps(p.ref, deleting)) throw new GasException(MSG_PROTECTED);
  }
}

const MSG_PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** The factory the Range/Sheet modules give us to build Range objects (avoids an import cycle). */
export type RangeFactory = (sheet: SheetModel, ref: Box) => GRange;
export type RangeUnwrapper = (r: GRange) => { sheet: SheetModel; grid: Box };

export class FakeProtection
  implements
    Pick<
      GProtection,
      | 'addEditor'
      | 'addEditors'
      | 'canDomainEdit'
      | 'canEdit'
      | 'getDescription'
      | 'getEditors'
      | 'getProtectionType'
      | 'getRange'
      | 'getRangeName'
      | 'getUnprotectedRanges'
      | 'isWarningOnly'
      | 'remove'
      | 'removeEditor'
      | 'removeEditors'
      | 'setDescription'
      | 'setDomainEdit'
      | 'setRange'
      | 'setRangeName'
      | 'setUnprotectedRanges'
      | 'setWarningOnly'
    >
{
  constructor(
    private readonly ctx: GasContext,
    readonly model: ProtectionModel,
    private readonly makeRange: RangeFactory,
    private readonly unwrap: RangeUnwrapper,
  ) {}

  private hit(m: string): void {
    this.ctx.hit(`Protection.${m}`);
  }

  private self(): GProtection {
    return this as unknown as GProtection;
  }

  private mutate(): void {
    if (!this.model.userCanEdit(this.ctx.effectiveUser)) throw new GasException(PROTECTION_CHANGE_DENIED);
  }

  addEditor(user: string | GoogleAppsScript.Base.User): GProtection {
    this.hit('addEditor');
    return this.add([emailOf(user)]);
  }

  addEditors(emailAddresses: string[]): GProtection {
    this.hit('addEditors');
    return this.add(emailAddresses);
  }

  private add(emails: string[]): GProtection {
    this.mutate();
    this.model.restricted = true;
    const ss = this.model.sheet.ss;
    for (const e of emails) {
      // The owner is never listed (§1.7); in a shared drive there is no owner, so everyone is.
      if ((ss.sharedDrive || e !== ss.owner) && !this.model.editors.includes(e)) this.model.editors.push(e);
    }
    return this.self();
  }

  removeEditor(user: string | GoogleAppsScript.Base.User): GProtection {
    this.hit('removeEditor');
    return this.remove_([emailOf(user)]);
  }

  removeEditors(users: string[] | GoogleAppsScript.Base.User[]): GProtection {
    this.hit('removeEditors');
    return this.remove_((users as Array<string | GoogleAppsScript.Base.User>).map(emailOf));
  }

  /** §1.7: neither the owner nor the current user can be removed; they are silently kept. */
  private remove_(emails: string[]): GProtection {
    this.mutate();
    this.model.restricted = true;
    const ss = this.model.sheet.ss;
    const keep = new Set([...(ss.sharedDrive ? [] : [ss.owner]), this.ctx.effectiveUser]);
    const drop = new Set(emails.filter((e) => !keep.has(e)));
    this.model.editors = this.model.editors.filter((e) => !drop.has(e));
    return this.self();
  }

  /** The owner is not listed (§1.7 COMMUNITY). */
  getEditors(): GoogleAppsScript.Base.User[] {
    this.hit('getEditors');
    return this.model.editors.map(asUser);
  }

  canEdit(): boolean {
    this.hit('canEdit');
    return this.model.userCanEdit(this.ctx.effectiveUser);
  }

  canDomainEdit(): boolean {
    this.hit('canDomainEdit');
    // §1.7: throws if the user cannot edit the protected area (text [UNCONFIRMED]).
    this.mutate();
    return this.model.domainEdit;
  }

  setDomainEdit(editable: boolean): GProtection {
    this.hit('setDomainEdit');
    this.mutate();
    if (domainOf(this.model.sheet.ss.owner) === 'gmail.com') {
      // §1.7 [DOC]: throws for gmail.com owners; the message is [UNCONFIRMED].
      throw new GasException('setDomainEdit is not available for consumer (gmail.com) accounts. (fake text)');
    }
    this.model.restricted = true;
    this.model.domainEdit = editable;
    return this.self();
  }

  getDescription(): string {
    this.hit('getDescription');
    return this.model.description;
  }

  setDescription(description: string): GProtection {
    this.hit('setDescription');
    this.mutate();
    this.model.description = description;
    return this.self();
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.hit('getProtectionType');
    return this.model.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }

  getRange(): GRange {
    this.hit('getRange');
    const s = this.model.sheet;
    return this.makeRange(s, this.model.ref ?? { row: 1, col: 1, numRows: s.maxRows, numCols: s.maxCols });
  }

  setRange(range: GRange): GProtection {
    this.hit('setRange');
    this.mutate();
    const { sheet, grid } = this.unwrap(range);
    if (this.model.type !== 'RANGE' || sheet !== this.model.sheet) {
      throw new GasException('FakeGas: setRange is only supported for range protections on the same sheet');
    }
    if (this.model.ref) sheet.refs.delete(this.model.ref);
    this.model.ref = sheet.track({ ...grid });
    return this.self();
  }

  getRangeName(): string | null {
    this.hit('getRangeName');
    return this.model.rangeName;
  }

  setRangeName(rangeName: string): GProtection {
    this.hit('setRangeName');
    this.mutate();
    this.model.rangeName = rangeName;
    return this.self();
  }

  getUnprotectedRanges(): GRange[] {
    this.hit('getUnprotectedRanges');
    return this.model.unprotected.filter((r) => !r.dead).map((r) => this.makeRange(this.model.sheet, r));
  }

  setUnprotectedRanges(ranges: GRange[]): GProtection {
    this.hit('setUnprotectedRanges');
    this.mutate();
    const s = this.model.sheet;
    for (const r of this.model.unprotected) s.refs.delete(r);
    this.model.unprotected = [];
    if (this.model.type !== 'SHEET') return this.self(); // [DOC]: ignored for range protections
    for (const r of ranges) {
      const { sheet, grid } = this.unwrap(r);
      if (sheet !== s) continue;
      this.model.unprotected.push(s.track({ ...grid }));
    }
    return this.self();
  }

  isWarningOnly(): boolean {
    this.hit('isWarningOnly');
    return this.model.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): GProtection {
    this.hit('setWarningOnly');
    this.mutate();
    this.model.warningOnly = warningOnly;
    return this.self();
  }

  remove(): void {
    this.hit('remove');
    this.mutate();
    this.model.removed = true;
    const s = this.model.sheet;
    s.protections = s.protections.filter((p) => p !== this.model);
    if (this.model.ref) s.refs.delete(this.model.ref);
  }
}
