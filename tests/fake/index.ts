// createFakeGas(): every faked service plus test helpers; installGas()/uninstallGas() put them on globalThis.

import { ChartType } from './builders';
import { type FakeGasOptions, GasContext } from './context';
import type { CallCounter } from './counter';
import { GasException, MSG } from './errors';
import {
  type Answer,
  FakeFormApp,
  FakeFormResponse,
  type FormModel,
  FormRegistry,
  formSubmitEvent,
  recordResponse,
  sheetSubmitEvent,
} from './forms';
import { FakeHtmlService } from './html';
import type { SheetModel, SpreadsheetModel } from './model';
import { DriveStore, FakeAdvancedDrive, FakeDriveApp, FakeMailApp, FakeUrlFetchApp } from './net';
import { displayCell, readCell } from './range';
import { driveEnabled } from './scopes';
import {
  CacheStores,
  FakeCacheService,
  FakeLockService,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  LockRegistry,
  PropertyStores,
  type TriggerModel,
  TriggerRegistry,
} from './services';
import { createSpreadsheetModel, FakeSpreadsheetApp, spreadsheetApi } from './spreadsheet';
import { FakeUi } from './ui';
import { FakeLogger, FakeUtilities } from './utilities';

export type { FakeGasOptions } from './context';
export type { CallCounter } from './counter';
export { classify } from './counter';
export { FakeGasUnsupportedError, GasException, MSG } from './errors';
export { parseSheetsPdfExport, type SheetsPdfExport } from './net';
export { UNEVALUATED } from './range';
export type { Manifest } from './scopes';
export { CLASS_SCOPES, checkScopes, METHOD_SCOPES, permissionMessage, SCOPE, scopeEntry } from './scopes';

type GForm = GoogleAppsScript.Forms.Form;
type SheetSubmit = GoogleAppsScript.Events.SheetsOnFormSubmit & {
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
};

export interface SubmitOptions {
  /** Default: the fake clock's now. */
  timestamp?: Date;
  /** Respondent email (used when the form collects emails). Default: the active user. */
  email?: string;
}

export interface RunOptions {
  /** Run as this account (effective and active user). Default: unchanged. */
  as?: string;
  /** Whether SpreadsheetApp.getUi() works during the run. Default false (triggers have no UI, §1.10). */
  ui?: boolean;
}

/** The names installGas puts on the global object. */
export const GLOBAL_NAMES = [
  'SpreadsheetApp',
  'LockService',
  'PropertiesService',
  'CacheService',
  'Session',
  'ScriptApp',
  'Utilities',
  'HtmlService',
  'FormApp',
  'UrlFetchApp',
  'DriveApp',
  'MailApp',
  'Logger',
  'Charts',
  'Drive',
] as const;

export class FakeGas {
  readonly ctx: GasContext;
  // ---- the services (cast them to the @types interfaces where needed) ----
  readonly SpreadsheetApp: FakeSpreadsheetApp;
  readonly LockService: FakeLockService;
  readonly PropertiesService: FakePropertiesService;
  readonly CacheService: FakeCacheService;
  readonly Session: FakeSession;
  readonly ScriptApp: FakeScriptApp;
  readonly Utilities: FakeUtilities;
  readonly HtmlService: FakeHtmlService;
  readonly FormApp: FakeFormApp;
  readonly UrlFetchApp: FakeUrlFetchApp;
  readonly DriveApp: FakeDriveApp;
  /** The advanced Drive service v3; undefined when options.manifest does not enable it (as in Apps Script). */
  readonly Drive: FakeAdvancedDrive | undefined;
  readonly MailApp: FakeMailApp;
  readonly Logger = new FakeLogger();
  readonly Charts = Object.freeze({ ChartType });
  // ---- inspection ----
  readonly ui: FakeUi;
  readonly locks: LockRegistry;
  readonly properties = new PropertyStores();
  readonly cache = new CacheStores();
  readonly drive: DriveStore;
  private readonly forms: FormRegistry;
  private readonly triggerRegistry: TriggerRegistry;
  private readonly handlers = new Map<string, (e: unknown) => unknown>();
  /** Where installGas put the globals (handlers are looked up there too). */
  target: Record<string, unknown> | undefined;

  constructor(options: FakeGasOptions = {}) {
    const ctx = new GasContext(options);
    this.ctx = ctx;
    this.ui = new FakeUi(ctx);
    this.locks = new LockRegistry(ctx);
    this.drive = new DriveStore(ctx);
    this.forms = new FormRegistry(ctx);
    this.triggerRegistry = new TriggerRegistry(ctx);
    this.SpreadsheetApp = new FakeSpreadsheetApp(ctx, this.ui);
    this.LockService = new FakeLockService(ctx, this.locks);
    this.PropertiesService = new FakePropertiesService(ctx, this.properties);
    this.CacheService = new FakeCacheService(ctx, this.cache);
    this.Session = new FakeSession(ctx);
    this.ScriptApp = new FakeScriptApp(ctx, this.triggerRegistry);
    this.Utilities = new FakeUtilities(ctx);
    this.HtmlService = new FakeHtmlService(ctx);
    this.FormApp = new FakeFormApp(this.forms);
    this.UrlFetchApp = new FakeUrlFetchApp(ctx);
    this.DriveApp = new FakeDriveApp(this.drive);
    this.Drive = driveEnabled(options.manifest) ? new FakeAdvancedDrive(this.drive) : undefined;
    this.MailApp = new FakeMailApp(ctx);
    const s = options.spreadsheet ?? {};
    const ss = createSpreadsheetModel(ctx, {
      name: s.name ?? '积分台账（测试）',
      ...(s.id !== undefined ? { id: s.id } : {}),
      locale: s.locale ?? 'zh_CN',
      timeZone: s.timeZone ?? 'Asia/Shanghai',
      ...(s.sheets !== undefined ? { sheets: s.sheets } : {}),
    });
    ctx.activeSpreadsheetId = ss.id;
  }

  // ---- counting ----
  /** Calls by "Class.method": counts.get('Range.getValues'), counts.reads(), counts.writes(), counts.reset(). */
  get counts(): CallCounter {
    return this.ctx.counter;
  }
  get clock() {
    return this.ctx.clock;
  }
  get toasts() {
    return this.ctx.toasts;
  }

  // ---- the spreadsheet ----
  /** The spreadsheet the fake started with (whatever is active now). */
  get spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return spreadsheetApi(this.ctx, this.model());
  }
  private model(id?: string): SpreadsheetModel {
    const m = this.ctx.spreadsheets.get(id ?? this.ctx.spreadsheets.keys().next().value ?? '');
    if (!m) throw new Error(`FakeGas: no spreadsheet ${id ?? ''}`);
    return m;
  }
  private sheetModel(name: string, ssId?: string): SheetModel {
    const s = this.model(ssId).sheets.find((x) => x.name === name);
    if (!s) throw new Error(`FakeGas: no sheet named "${name}"`);
    return s;
  }
  /** Reads a sheet's data range as getValues would, without counting calls. */
  values(sheetName: string, ssId?: string): unknown[][] {
    const s = this.sheetModel(sheetName, ssId);
    return this.grid(s, (r, c) => readCell(this.ctx, s, r, c));
  }
  /** Reads a sheet's data range as getDisplayValues would, without counting calls. */
  displayValues(sheetName: string, ssId?: string): string[][] {
    const s = this.sheetModel(sheetName, ssId);
    return this.grid(s, (r, c) => displayCell(this.ctx, s, r, c));
  }
  private grid<T>(s: SheetModel, f: (r: number, c: number) => T): T[][] {
    const rows = s.lastRow();
    const cols = s.lastCol();
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i + 1, j + 1)));
  }

  // ---- context ----
  get owner(): string {
    return this.ctx.owner;
  }
  /** Sets Session.getActiveUser() and the effective user (whose edits protections are checked against, §1.7). */
  setActiveUser(email: string): this {
    this.ctx.activeUser = email;
    this.ctx.effectiveUser = email || this.ctx.effectiveUser;
    return this;
  }
  /** Only Session.getEffectiveUser() (e.g. an installable trigger runs as its creator, §2.2). */
  setEffectiveUser(email: string): this {
    this.ctx.effectiveUser = email;
    return this;
  }
  /**
   * 'simple' (simple onOpen/onEdit trigger) or 'custom' (custom function): the run has no user authorization,
   * so Session.getActiveUser().getEmail() is '' except for the developer or their Workspace domain. 'full' (default).
   */
  /** The AuthMode the next calls run in (see GasContext.authMode); runHandler's opts.authMode sets it for one run. */
  setAuthMode(mode: 'FULL' | 'LIMITED' | 'NONE'): this {
    this.ctx.authMode = mode;
    return this;
  }
  /**
   * 'webapp': a web app deployed to execute as the developer (USER_DEPLOYING): like 'simple', the visitor's
   * email is '' unless they are the developer or in the developer's Workspace domain
   * (https://developers.google.com/apps-script/reference/base/user#getEmail()).
   */
  setRunContext(context: 'full' | 'simple' | 'custom' | 'webapp'): this {
    this.ctx.runContext = context;
    return this;
  }
  /** The deployed web app's URL returned by ScriptApp.getService().getUrl() (null: not deployed). */
  setWebAppUrl(url: string | null): this {
    this.ctx.webAppUrl = url;
    return this;
  }
  /** false: SpreadsheetApp.getUi() throws "Cannot call SpreadsheetApp.getUi() from this context." (§1.10). */
  setUiAvailable(available: boolean): this {
    this.ctx.uiAvailable = available;
    return this;
  }
  /** false: getDocumentLock/getDocumentProperties/getDocumentCache return null (standalone, §3). */
  setContainerBound(bound: boolean): this {
    this.ctx.containerBound = bound;
    return this;
  }
  /** null: getActiveSpreadsheet() returns null (e.g. an add-on's time-driven run, §1.10). */
  setActiveSpreadsheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet | string | null): this {
    this.ctx.activeSpreadsheetId = ss === null ? null : typeof ss === 'string' ? ss : ss.getId();
    return this;
  }
  /** Adds a project HTML file for HtmlService.createHtmlOutputFromFile / createTemplateFromFile. */
  setHtmlFile(name: string, content: string): this {
    this.HtmlService.files.set(name, content);
    return this;
  }
  /** Ends the "execution": frees this execution's locks (§3.1). */
  endExecution(): void {
    this.locks.endExecution();
  }

  // ---- custom functions ----
  /**
   * Cells whose formula calls one of these (=JIFEN_TOTAL(A2, "2026-10")) are computed by calling it in
   * the custom-function context, and recalculated only when their arguments' values change.
   */
  registerCustomFunctions(fns: Record<string, (...args: never[]) => unknown>): this {
    for (const [k, v] of Object.entries(fns)) this.ctx.customFunctions.set(k.toUpperCase(), v as never);
    return this;
  }
  /** How many times custom functions actually ran (cache hits do not count). */
  get customFunctionCalls(): number {
    return this.ctx.customFunctionCalls;
  }
  /** The error note of a custom-function cell showing #ERROR! ('' when none). */
  customFunctionError(sheetName: string, row: number, col: number): string {
    return this.ctx.customFunctionErrors.get(`${sheetName}!R${row}C${col}`) ?? '';
  }

  // ---- triggers and handlers ----
  get triggers(): readonly TriggerModel[] {
    return this.triggerRegistry.all;
  }
  /** Handler functions by global name, for fireFormSubmit/runHandler (besides those on installGas's target). */
  registerHandlers(handlers: Record<string, (e: never) => unknown>): this {
    for (const [k, v] of Object.entries(handlers)) this.handlers.set(k, v as (e: unknown) => unknown);
    return this;
  }
  /**
   * Runs a global handler like Apps Script does: names ending in '_' or not found fail with
   * `Script function not found: <name>` (§2.2). Locks are freed afterwards; no UI unless opts.ui.
   */
  runHandler(name: string, event: unknown, opts: RunOptions = {}): unknown {
    const fn = name.endsWith('_') ? undefined : (this.handlers.get(name) ?? this.target?.[name]);
    if (typeof fn !== 'function') throw new GasException(MSG.functionNotFound(name));
    const saved = { a: this.ctx.activeUser, e: this.ctx.effectiveUser, ui: this.ctx.uiAvailable };
    if (opts.as !== undefined) {
      this.ctx.activeUser = opts.as;
      this.ctx.effectiveUser = opts.as;
    }
    this.ctx.uiAvailable = opts.ui ?? false;
    try {
      return (fn as (e: unknown) => unknown)(event);
    } finally {
      this.ctx.activeUser = saved.a;
      this.ctx.effectiveUser = saved.e;
      this.ctx.uiAvailable = saved.ui;
      this.locks.endExecution();
    }
  }
  /** Fires one installed trigger with an event (e.g. the same form event twice, §2.5), as the trigger's creator. */
  fireTrigger(trigger: GoogleAppsScript.Script.Trigger | string, event: object): unknown {
    const id = typeof trigger === 'string' ? trigger : trigger.getUniqueId();
    const t = this.triggerRegistry.all.find((x) => x.id === id);
    if (!t) throw new Error(`FakeGas: no trigger ${id}`);
    return this.runHandler(t.handler, { ...event, triggerUid: t.id }, { as: t.owner });
  }

  // ---- forms ----
  private formModel(form: GForm | string): FormModel {
    return this.forms.byIdOrForm(form);
  }
  /** The form is deleted from Drive (its owner emptied the trash): openById fails from now on. */
  deleteForm(form: GForm | string): void {
    this.formModel(form).deleted = true;
  }
  /**
   * A respondent submits the form: validates answers (keyed by item title), stores the response, appends a row to
   * the linked responses sheet and returns the spreadsheet form-submit event {range, values, namedValues, triggerUid,
   * source, authMode} (§2.4). No trigger runs: see fireFormSubmit.
   */
  submitForm(form: GForm | string, answers: Record<string, Answer>, opts: SubmitOptions = {}): SheetSubmit {
    const m = this.formModel(form);
    const r = this.submitModel(m, answers, opts);
    return sheetSubmitEvent(this.forms, m, r, '');
  }
  private submitModel(m: FormModel, answers: Record<string, Answer>, opts: SubmitOptions) {
    if (!m.accepting) throw new Error('FakeGas: the form is not accepting responses');
    // opts.email is the respondent's signed-in Google account ('' = not signed in). VERIFIED collection and
    // setRequireLogin both need sign-in (DOC forms/form#setEmailCollectionType, #setRequireLogin); the latter
    // also limits respondents to the owner's domain.
    const signedIn = opts.email ?? this.ctx.activeUser;
    if ((m.emailCollectionType === 'VERIFIED' || m.requireLogin) && !signedIn) {
      throw new Error('FakeGas: this form requires sign-in; an anonymous respondent cannot submit');
    }
    const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
    if (m.requireLogin && domain(signedIn) !== domain(this.ctx.owner)) {
      throw new Error(`FakeGas: this form accepts only accounts of ${domain(this.ctx.owner)}`);
    }
    const r = {
      id: null as string | null,
      timestamp: opts.timestamp ? new Date(opts.timestamp) : this.ctx.clock.date(),
      email: opts.email ?? this.ctx.activeUser,
      answers: this.forms.answers(m, answers),
    };
    recordResponse(this.forms, m, r);
    return r;
  }
  /** The form-bound event {response, source, triggerUid, authMode} for a stored response (latest by default). */
  formEvent(form: GForm | string, responseId?: string): GoogleAppsScript.Events.FormsOnFormSubmit {
    const m = this.formModel(form);
    const r =
      responseId === undefined
        ? m.responses[m.responses.length - 1]
        : m.responses.find((x) => x.id === responseId);
    if (!r) throw new Error('FakeGas: no such response');
    return formSubmitEvent(this.forms, m, r, '');
  }
  /**
   * A respondent edits an earlier response: the row is updated, and the returned event has '' for every
   * unchanged answer (§2.4 COMMUNITY).
   */
  editFormResponse(form: GForm | string, responseId: string, changes: Record<string, Answer>): SheetSubmit {
    const m = this.formModel(form);
    const r = m.responses.find((x) => x.id === responseId);
    if (!r) throw new Error(`FakeGas: no response ${responseId}`);
    const changed = new Map<number, string | string[]>();
    for (const [k, v] of Object.entries(changes)) {
      const item = m.items.find((i) => i.title === k);
      if (!item) throw new Error(`FakeGas: no item titled "${k}"`);
      changed.set(
        item.id,
        this.forms
          .answers({ ...m, items: [{ ...item, required: false }] } as FormModel, { [k]: v })
          .get(item.id) as string,
      );
    }
    for (const [id, v] of changed) r.answers.set(id, v);
    r.timestamp = this.ctx.clock.date();
    const d = this.forms.destination(m);
    if (d) this.forms.writeRow(m, d.sheet, r, new Set(changed.keys()));
    return sheetSubmitEvent(this.forms, m, r, '', new Set(changed.keys()));
  }
  /** submitForm, then every installed form-submit trigger for it (spreadsheet- and form-bound) runs as its creator. */
  fireFormSubmit(
    form: GForm | string,
    answers: Record<string, Answer>,
    opts: SubmitOptions = {},
  ): { event: SheetSubmit; response: GoogleAppsScript.Forms.FormResponse; results: unknown[] } {
    const m = this.formModel(form);
    const r = this.submitModel(m, answers, opts);
    const results: unknown[] = [];
    for (const t of [...this.triggerRegistry.all]) {
      if (t.eventType !== 'ON_FORM_SUBMIT') continue;
      if (t.source === 'SPREADSHEETS' && t.sourceId === m.destinationId) {
        results.push(this.runHandler(t.handler, sheetSubmitEvent(this.forms, m, r, t.id), { as: t.owner }));
      } else if (t.source === 'FORMS' && t.sourceId === m.id) {
        results.push(this.runHandler(t.handler, formSubmitEvent(this.forms, m, r, t.id), { as: t.owner }));
      }
    }
    const response = new FakeFormResponse(this.forms, m, r) as unknown as GoogleAppsScript.Forms.FormResponse;
    return { event: sheetSubmitEvent(this.forms, m, r, ''), response, results };
  }
}

/** Builds a fresh fake: one spreadsheet (active), empty stores, clock at options.now. */
export function createFakeGas(options: FakeGasOptions = {}): FakeGas {
  return new FakeGas(options);
}

const saved = new WeakMap<object, Map<string, PropertyDescriptor | undefined>>();

/** Puts the services on `target` (globalThis by default) and returns a function that restores what was there. */
export function installGas(fake: FakeGas, target: object = globalThis): () => void {
  const t = target as Record<string, unknown>;
  const before = new Map<string, PropertyDescriptor | undefined>();
  for (const name of GLOBAL_NAMES) {
    before.set(name, Object.getOwnPropertyDescriptor(t, name));
    if (fake[name] === undefined) {
      // a service the manifest does not enable is no global at all (a bare reference is a ReferenceError)
      delete t[name];
      continue;
    }
    Object.defineProperty(t, name, {
      value: fake[name],
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
  saved.set(target, before);
  fake.target = t;
  return () => uninstallGas(target);
}

/** Restores the globals installGas replaced. */
export function uninstallGas(target: object = globalThis): void {
  const before = saved.get(target);
  if (!before) return;
  const t = target as Record<string, unknown>;
  for (const [name, d] of before) {
    if (d) Object.defineProperty(t, name, d);
    else delete t[name];
  }
  saved.delete(target);
}
