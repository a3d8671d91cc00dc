// Spreadsheet and SpreadsheetApp: sheets (§1.6), qualified A1, protections list, flush (§1.9), active/UI context (§1.10).

import { parseA1 } from './a1';
import {
  BorderStyle,
  DataValidationCriteria,
  Dimension,
  FakeConditionalFormatRuleBuilder,
  FakeDataValidationBuilder,
  ProtectionType,
  WrapStrategy,
} from './builders';
import type { GasContext } from './context';
import { badParams, FakeGasUnsupportedError, GasException, MSG } from './errors';
import { SheetModel, SpreadsheetModel } from './model';
import { FakeRange, protectionApi, rangeApi } from './range';
import { checkSheetName, cloneSheet, nextGid, resolveGetRange, sheetApi } from './sheet';
import type { FakeUi } from './ui';
import { asUser, emailOf } from './user';

type GSS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

/** Default tab names by locale ([UNCONFIRMED] pattern, §1.6). */
export function defaultSheetBase(locale: string): string {
  return locale.startsWith('zh') ? '工作表' : locale.startsWith('ja') ? 'シート' : 'Sheet';
}

export function createSpreadsheetModel(
  ctx: GasContext,
  init: {
    name: string;
    id?: string;
    locale?: string;
    timeZone?: string;
    sheets?: string[];
    rows?: number;
    cols?: number;
  },
): SpreadsheetModel {
  const id = init.id ?? `fake-ss-${ctx.next('ss')}`;
  if (ctx.spreadsheets.has(id)) throw new FakeGasUnsupportedError(`duplicate spreadsheet id ${id}`);
  const locale = init.locale ?? 'zh_CN';
  const ss = new SpreadsheetModel(id, init.name, locale, init.timeZone ?? 'Asia/Shanghai', ctx.owner);
  const names = init.sheets && init.sheets.length > 0 ? init.sheets : [`${defaultSheetBase(locale)}1`];
  names.forEach((n, i) => {
    ss.sheets.push(new SheetModel(ss, i === 0 ? 0 : nextGid(ctx), n, init.rows, init.cols));
  });
  ss.activeSheet = ss.sheets[0];
  ss.sharedDrive = ctx.options.sharedDrive === true;
  ss.domainEdit = ctx.options.domainEdit === true;
  ctx.spreadsheets.set(id, ss);
  return ss;
}

export function spreadsheetApi(ctx: GasContext, model: SpreadsheetModel): GSS {
  if (!model.api) model.api = new FakeSpreadsheet(ctx, model);
  return model.api as GSS;
}

type SSPick =
  | 'addEditor'
  | 'addEditors'
  | 'addViewer'
  | 'copy'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'getEditors'
  | 'getFormUrl'
  | 'getId'
  | 'getName'
  | 'getNumSheets'
  | 'getOwner'
  | 'getProtections'
  | 'getRange'
  | 'getRangeByName'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSheetValues'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'getViewers'
  | 'insertSheet'
  | 'moveActiveSheet'
  | 'removeEditor'
  | 'rename'
  | 'setActiveSheet'
  | 'setNamedRange'
  | 'setSpreadsheetLocale'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class FakeSpreadsheet implements Pick<GSS, SSPick> {
  constructor(
    private readonly ctx: GasContext,
    readonly model: SpreadsheetModel,
  ) {}

  private hit(m: string): void {
    this.ctx.hit(`Spreadsheet.${m}`);
  }

  private self(): GSS {
    return this as unknown as GSS;
  }

  private sheet(m: SheetModel): GSheet {
    return sheetApi(this.ctx, m);
  }

  getId(): string {
    this.hit('getId');
    return this.model.id;
  }
  getName(): string {
    this.hit('getName');
    return this.model.name;
  }
  rename(newName: string): void {
    this.hit('rename');
    this.model.name = newName;
  }
  getUrl(): string {
    this.hit('getUrl');
    return this.model.url;
  }
  getOwner(): GoogleAppsScript.Base.User | null {
    this.hit('getOwner');
    // "Returns … the owner of the file, or null for a file in a shared drive."
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner()
    return this.model.sharedDrive ? null : asUser(this.model.owner);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    this.hit('getEditors');
    return [this.model.owner, ...this.model.editors.filter((e) => e !== this.model.owner)].map(asUser);
  }
  addEditor(user: string | GoogleAppsScript.Base.User): GSS {
    this.hit('addEditor');
    const e = emailOf(user);
    if (!this.model.editors.includes(e) && e !== this.model.owner) this.model.editors.push(e);
    return this.self();
  }
  addEditors(emailAddresses: string[]): GSS {
    this.hit('addEditors');
    for (const e of emailAddresses)
      if (!this.model.editors.includes(e) && e !== this.model.owner) this.model.editors.push(e);
    return this.self();
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): GSS {
    this.hit('removeEditor');
    const e = emailOf(user);
    const i = this.model.editors.indexOf(e);
    if (i >= 0) this.model.editors.splice(i, 1);
    return this.self();
  }
  getViewers(): GoogleAppsScript.Base.User[] {
    this.hit('getViewers');
    return this.model.viewers.map(asUser);
  }
  addViewer(user: string | GoogleAppsScript.Base.User): GSS {
    this.hit('addViewer');
    this.model.viewers.push(emailOf(user));
    return this.self();
  }
  getSpreadsheetTimeZone(): string {
    this.hit('getSpreadsheetTimeZone');
    return this.model.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.hit('setSpreadsheetTimeZone');
    this.model.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.hit('getSpreadsheetLocale');
    return this.model.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.hit('setSpreadsheetLocale');
    this.model.locale = locale;
  }

  /**
   * copy(name): "Copies the spreadsheet and returns the new one."
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#copy(String)
   * The copy is a new file owned by the user running the script, with every sheet in order: values,
   * formats, notes, widths, frozen rows, merges, hidden rows/columns/sheets, tab colours. Not copied in the
   * fake [UNCONFIRMED for real Sheets]: anything script-bound (document properties, triggers, the add-on's
   * state) — they belong to the original document — and form links: no sheet of the copy receives a
   * form's responses (Sheet.getFormUrl() is null). Protections, charts, conditional formats and named
   * ranges are not copied either; an archive that must be read-only protects its sheets itself.
   */
  copy(name: string): GSS {
    this.hit('copy');
    if (typeof name !== 'string') badParams('SpreadsheetApp', 'Spreadsheet', 'copy', [name]);
    const src = this.model;
    const m = createSpreadsheetModel(this.ctx, {
      name,
      locale: src.locale,
      timeZone: src.timeZone,
      sheets: ['__copy__'],
    });
    m.owner = this.ctx.effectiveUser || src.owner;
    m.sheets = src.sheets.map((sh) => {
      const c = cloneSheet(this.ctx, sh, m, sh.name);
      for (const r of sh.hiddenRows) c.hiddenRows.add(r);
      for (const col of sh.hiddenCols) c.hiddenCols.add(col);
      c.merges = sh.merges.map((x) => ({ ...x }));
      c.hidden = sh.hidden;
      c.tabColor = sh.tabColor;
      return c;
    });
    m.activeSheet = m.sheets[0];
    return spreadsheetApi(this.ctx, m);
  }

  // ---- sheets ----
  getSheets(): GSheet[] {
    this.hit('getSheets');
    return this.model.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    this.hit('getNumSheets');
    return this.model.sheets.length;
  }
  /** null when missing (§1.6). A case-only match is refused rather than guessed ([UNCONFIRMED]). */
  getSheetByName(name: string): GSheet | null {
    this.hit('getSheetByName');
    const exact = this.model.sheets.find((s) => s.name === name);
    if (exact) return this.sheet(exact);
    const ci = this.model.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
    if (ci) {
      throw new FakeGasUnsupportedError(
        `getSheetByName("${name}") matches "${ci.name}" only ignoring case: real behaviour [UNCONFIRMED] (§1.6)`,
      );
    }
    return null;
  }
  getSheetById(id: number): GSheet | null {
    this.hit('getSheetById');
    const s = this.model.sheets.find((x) => x.gid === id);
    return s ? this.sheet(s) : null;
  }
  getActiveSheet(): GSheet {
    this.hit('getActiveSheet');
    return this.sheet(this.model.activeSheet ?? (this.model.sheets[0] as SheetModel));
  }
  setActiveSheet(sheet: GSheet): GSheet {
    this.hit('setActiveSheet');
    const m = this.unwrapSheet(sheet, 'setActiveSheet');
    this.model.activeSheet = m;
    return sheet;
  }
  /** 1-based position for the active sheet. */
  moveActiveSheet(pos: number): void {
    this.hit('moveActiveSheet');
    const m = this.model.activeSheet as SheetModel;
    if (!Number.isInteger(pos) || pos < 1 || pos > this.model.sheets.length)
      badParams('SpreadsheetApp', 'Spreadsheet', 'moveActiveSheet', [pos]);
    this.model.sheets.splice(this.model.sheets.indexOf(m), 1);
    this.model.sheets.splice(pos - 1, 0, m);
  }
  /**
   * insertSheet(), (index), (name), (name, index), with or without {template}. The new sheet becomes active (§1.6);
   * a taken name throws the §1.6 text. Index is 0-based.
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GSheet {
    this.hit('insertSheet');
    let name: string | undefined;
    let index: number | undefined;
    let options: { template?: GSheet } | undefined;
    for (const arg of [a, b, c]) {
      if (arg === undefined) continue;
      if (typeof arg === 'string' && name === undefined && index === undefined) name = arg;
      else if (typeof arg === 'number' && index === undefined && options === undefined) index = arg;
      else if (typeof arg === 'object' && arg !== null && options === undefined)
        options = arg as { template?: GSheet };
      else
        badParams(
          'SpreadsheetApp',
          'Spreadsheet',
          'insertSheet',
          [a, b, c].filter((x) => x !== undefined),
        );
    }
    const ss = this.model;
    if (name === undefined) {
      const base = defaultSheetBase(ss.locale);
      let n = ss.sheets.length + 1;
      while (ss.sheets.some((s) => s.name === `${base}${n}`)) n++;
      name = `${base}${n}`;
    } else checkSheetName(ss, name);
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > ss.sheets.length)) {
      badParams(
        'SpreadsheetApp',
        'Spreadsheet',
        'insertSheet',
        [a, b, c].filter((x) => x !== undefined),
      );
    }
    const template = options?.template ? this.unwrapSheet(options.template, 'insertSheet') : undefined;
    const m = template
      ? cloneSheet(this.ctx, template, ss, name)
      : new SheetModel(ss, nextGid(this.ctx), name);
    ss.sheets.splice(index ?? ss.sheets.length, 0, m);
    ss.activeSheet = m;
    return this.sheet(m);
  }
  /** The last sheet can't go (§1.6); a protected sheet only by its editors (§1.7). */
  deleteSheet(sheet: GSheet): void {
    this.hit('deleteSheet');
    const m = this.unwrapSheet(sheet, 'deleteSheet');
    if (this.model.sheets.length === 1) throw new GasException(MSG.lastSheet);
    for (const p of m.protections) {
      if (p.type === 'SHEET' && !p.userCanEdit(this.ctx.effectiveUser))
        throw new GasException(MSG.protectedCell);
    }
    const i = this.model.sheets.indexOf(m);
    this.model.sheets.splice(i, 1);
    m.deleted = true;
    m.protections = [];
    if (this.model.activeSheet === m) this.model.activeSheet = this.model.sheets[Math.max(0, i - 1)];
  }
  private unwrapSheet(sheet: GSheet, method: string): SheetModel {
    const m = (sheet as unknown as { model?: unknown }).model;
    if (!(m instanceof SheetModel) || m.ss !== this.model || m.deleted) {
      badParams('SpreadsheetApp', 'Spreadsheet', method, [sheet]);
    }
    return m;
  }

  // ---- ranges ----
  /** 'Sheet!A1:B2' (quoted names allowed), or A1 on the active sheet. */
  getRange(a1Notation: string): GRange {
    this.hit('getRange');
    if (typeof a1Notation !== 'string') badParams('SpreadsheetApp', 'Spreadsheet', 'getRange', [a1Notation]);
    const p = parseA1(a1Notation);
    if (!p) throw new GasException(MSG.rangeNotFound);
    let sheet = this.model.activeSheet as SheetModel;
    let local = a1Notation;
    if (p.sheetName !== undefined) {
      const found = this.model.sheets.find((s) => s.name === p.sheetName);
      if (!found) throw new GasException(MSG.rangeNotFound);
      sheet = found;
      local = a1Notation.slice(a1Notation.lastIndexOf('!') + 1);
    }
    return rangeApi(this.ctx, sheet, resolveGetRange(sheet, [local]));
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.hit('getSheetValues');
    return this.getActiveSheetSilently().getSheetValues(startRow, startColumn, numRows, numColumns);
  }
  private getActiveSheetSilently(): GSheet {
    return this.sheet(this.model.activeSheet as SheetModel);
  }
  setNamedRange(name: string, range: GRange): void {
    this.hit('setNamedRange');
    const { sheet, grid } = FakeRange.unwrap(range);
    this.model.namedRanges.set(name, { sheet, ref: sheet.track({ ...grid }) });
  }
  getRangeByName(name: string): GRange | null {
    this.hit('getRangeByName');
    const n = this.model.namedRanges.get(name);
    if (!n || n.ref.dead || n.sheet.deleted) return null;
    return rangeApi(this.ctx, n.sheet, { ...n.ref });
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    this.hit('getProtections');
    const t = String(type);
    if (t !== ProtectionType.RANGE && t !== ProtectionType.SHEET)
      badParams('SpreadsheetApp', 'Spreadsheet', 'getProtections', [type]);
    return this.model.sheets.flatMap((s) =>
      s.protections.filter((p) => p.type === t).map((p) => protectionApi(this.ctx, p)),
    );
  }
  /** Ambiguous with several forms (§6): the fake returns the first linked sheet's form. */
  getFormUrl(): string | null {
    this.hit('getFormUrl');
    const s = this.model.sheets.find((x) => x.formId !== null);
    return s?.formId ? (this.ctx.formUrls.get(s.formId) ?? null) : null;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.hit('toast');
    this.ctx.toasts.push({ msg: String(msg), title: title ?? '', timeoutSeconds: timeoutSeconds ?? null });
  }

  toString(): string {
    return `Spreadsheet(${this.model.name})`;
  }
}

type AppPick =
  | 'create'
  | 'flush'
  | 'getActive'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getUi'
  | 'newConditionalFormatRule'
  | 'newDataValidation'
  | 'openById'
  | 'openByUrl'
  | 'setActiveSheet'
  | 'setActiveSpreadsheet';

/** Not in the facts file: the message commonly reported for openById of a missing or unshared file. [UNCONFIRMED] */
const OPEN_FAILED =
  'Unexpected error while getting the method or property openById on object SpreadsheetApp.';

export class FakeSpreadsheetApp implements Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppPick> {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;

  constructor(
    private readonly ctx: GasContext,
    private readonly ui: FakeUi,
  ) {}

  private hit(m: string): void {
    this.ctx.hit(`SpreadsheetApp.${m}`);
  }

  private active(): SpreadsheetModel | null {
    const id = this.ctx.activeSpreadsheetId;
    return id === null ? null : (this.ctx.spreadsheets.get(id) ?? null);
  }

  /** null when the run has no container (§1.10), e.g. after fake.setActiveSpreadsheet(null). */
  getActiveSpreadsheet(): GSS {
    this.hit('getActiveSpreadsheet');
    const m = this.active();
    return (m ? spreadsheetApi(this.ctx, m) : null) as GSS;
  }
  getActive(): GSS {
    this.hit('getActive');
    const m = this.active();
    return (m ? spreadsheetApi(this.ctx, m) : null) as GSS;
  }
  getActiveSheet(): GSheet {
    this.hit('getActiveSheet');
    const m = this.active();
    return (m?.activeSheet ? sheetApi(this.ctx, m.activeSheet) : null) as GSheet;
  }
  setActiveSpreadsheet(newActiveSpreadsheet: GSS): void {
    this.hit('setActiveSpreadsheet');
    this.ctx.activeSpreadsheetId = newActiveSpreadsheet.getId();
  }
  setActiveSheet(sheet: GSheet): GSheet {
    this.hit('setActiveSheet');
    const m = (sheet as unknown as { model: SheetModel }).model;
    m.ss.activeSheet = m;
    return sheet;
  }
  /**
   * Per-user access: the run's effective user must be the owner, an editor or a viewer (or in the owner's
   * domain when the whole domain may edit); a shared drive's members are not modelled, so any user may
   * open a shared-drive file. Google: openById/openByUrl "throws a scripting exception if the … doesn't
   * exist or the user doesn't have permission to access it" (same failure for both cases):
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openByUrl(String)
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
   */
  private mayOpen(m: SpreadsheetModel): boolean {
    if (m.sharedDrive) return true;
    const u = this.ctx.effectiveUser.toLowerCase();
    const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
    return (
      u === m.owner.toLowerCase() ||
      m.editors.some((e) => e.toLowerCase() === u) ||
      m.viewers.some((e) => e.toLowerCase() === u) ||
      (m.domainEdit && domain(u) === domain(m.owner))
    );
  }
  openById(id: string): GSS {
    this.hit('openById');
    const m = this.ctx.spreadsheets.get(id);
    if (!m || !this.mayOpen(m)) throw new GasException(OPEN_FAILED);
    return spreadsheetApi(this.ctx, m);
  }
  openByUrl(url: string): GSS {
    this.hit('openByUrl');
    const id = /\/spreadsheets\/d\/([^/]+)/.exec(url)?.[1];
    const m = id ? this.ctx.spreadsheets.get(id) : undefined;
    if (!m || !this.mayOpen(m)) throw new GasException(OPEN_FAILED.replace('openById', 'openByUrl'));
    return spreadsheetApi(this.ctx, m);
  }
  create(name: string, rows?: number, columns?: number): GSS {
    this.hit('create');
    const m = createSpreadsheetModel(this.ctx, {
      name,
      locale: this.active()?.locale ?? this.ctx.options.spreadsheet?.locale ?? 'zh_CN',
      ...(rows !== undefined ? { rows } : {}),
      ...(columns !== undefined ? { cols: columns } : {}),
    });
    return spreadsheetApi(this.ctx, m);
  }
  /** A no-op that is counted, so tests can assert "flush before releaseLock" (§1.9). */
  flush(): void {
    this.hit('flush');
  }
  /** Throws the §1.10 text when the fake has no UI (fake.setUiAvailable(false): triggers, time-driven runs). */
  getUi(): GoogleAppsScript.Base.Ui {
    this.hit('getUi');
    if (!this.ctx.uiAvailable) throw new GasException(MSG.noUi);
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.hit('newDataValidation');
    return new FakeDataValidationBuilder() as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.hit('newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder() as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
}
