// Shared state of one fake: options, clock, users, call counter, and the registries every service reads.

import { CallCounter } from './counter';
import { checkCustomFunctionCall } from './custom-functions';
import { GasException } from './errors';
import type { SpreadsheetModel } from './model';
import { checkScopes, type Manifest } from './scopes';
import type { CoercionOptions } from './values';

export interface FakeGasOptions {
  /** Owner of the spreadsheet (can always edit protected ranges, §1.7). Default 'owner@example.com'. */
  owner?: string;
  /**
   * The script's developer (who "runs the script themselves", DOC base/session#getActiveUser()). Default: the
   * spreadsheet owner (a bound script).
   */
  scriptOwner?: string;
  /** Session.getActiveUser() / getEffectiveUser() at start. Default: the owner. */
  activeUser?: string;
  /** The active spreadsheet's name, id, locale, time zone and first sheet names. */
  spreadsheet?: {
    name?: string;
    id?: string;
    /** 'zh_CN' (default) or 'en_US': default sheet names, form-response sheet names and headers. */
    locale?: string;
    /** Default 'Asia/Shanghai'. */
    timeZone?: string;
    /** Sheets to create instead of the one default sheet. */
    sheets?: string[];
  };
  /** Session.getScriptTimeZone() (appsscript.json timeZone). Default 'Asia/Shanghai'. */
  scriptTimeZone?: string;
  /** Project HTML files for HtmlService.createHtmlOutputFromFile, by name without '.html'. */
  htmlFiles?: Record<string, string>;
  /** Initial fake clock (used by Utilities.sleep, locks, cache expiry, form timestamps). Default 2026-10-15T02:00:00Z. */
  now?: Date | number;
  /** See values.ts CoercionOptions. Defaults: 'throw', 'throw', 'clear'. */
  ambiguousStrings?: CoercionOptions['ambiguousStrings'];
  numberIntoTextCell?: CoercionOptions['numberIntoTextCell'];
  undefinedValues?: CoercionOptions['undefinedValues'];
  /** Number format given to a JS Date written into an unformatted cell. Default by locale ([UNCONFIRMED]). */
  dateTimeFormat?: string;
  /** Computes a formula's value; return undefined for "unknown" (getValues then gives UNEVALUATED). */
  evaluateFormula?: (formula: string, at: { sheet: string; row: number; column: number }) => unknown;
  /** Utilities.getUuid; default: deterministic 'fa4e0000-…-000000000001' style ids. */
  uuid?: () => string;
  /**
   * The spreadsheet lives in a shared drive: `Spreadsheet.getOwner()` returns null ("null for a file in
   * a shared drive", https://developers.google.com/apps-script/reference/drive/file#getOwner()), and no
   * owner can always edit protected ranges (§1.7's owner rule has no owner to apply to). `owner` is
   * then only the person who created the file: an editor like any other.
   */
  sharedDrive?: boolean;
  /**
   * Workspace: "everyone in the domain can edit" is on for the file, so new protections copy it (§1.7:
   * permissions of a new protection copy the spreadsheet's) until setDomainEdit(false).
   */
  domainEdit?: boolean;
  /** MailApp daily recipient quota: 100 consumer (default) or 1500 Workspace (§7.2). */
  mailDailyQuota?: number;
  /**
   * The project's appsscript.json. With `oauthScopes`, every call outside them throws Google's "You do not
   * have permission to call …" (scopes.ts); `dependencies.enabledAdvancedServices` decides whether the
   * `Drive` global exists. Default: none (nothing checked, Drive available).
   */
  manifest?: Manifest;
}

export class FakeClock {
  private t: number;
  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  date(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date | number): void {
    this.t = typeof at === 'number' ? at : at.getTime();
  }
}

export class GasContext {
  readonly counter = new CallCounter();
  readonly clock: FakeClock;
  readonly options: FakeGasOptions;
  owner: string;
  activeUser: string;
  effectiveUser: string;
  uiAvailable = true;
  /**
   * 'full': the user authorized the script (menus, sidebar calls, installable triggers). 'simple' (a simple
   * onOpen/onEdit trigger) and 'custom' (a custom function) run without the user's authorization.
   */
  runContext: 'full' | 'simple' | 'custom' | 'webapp' = 'full';
  /** ScriptApp.getService().getUrl(): the web app's /exec URL, null when not deployed. */
  webAppUrl: string | null = null;
  /**
   * The authorization mode of the running entry point (editor-auth-lifecycle, apps-script-facts §2.1):
   * NONE — an add-on's onOpen before it is enabled in the file: menus, Logger, Utilities only;
   * LIMITED — bound simple triggers and onOpen otherwise: the bound file and Properties, but no UrlFetch,
   * no sidebars or dialogs, no other files, nothing that needs authorization; FULL — everything granted.
   * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
   */
  authMode: 'FULL' | 'LIMITED' | 'NONE' = 'FULL';
  scriptOwner: string;
  containerBound = true;
  activeSpreadsheetId: string | null = null;
  scriptTimeZone: string;
  /** The manifest's explicit oauthScopes, or null (no list: nothing is checked). */
  grantedScopes: readonly string[] | null;
  readonly spreadsheets = new Map<string, SpreadsheetModel>();
  /** Form id → URL that Sheet.getFormUrl reports (filled by the forms module). */
  readonly formUrls = new Map<string, string>();
  /** Spreadsheet.toast calls, in order. */
  readonly toasts: Array<{ msg: string; title: string; timeoutSeconds: number | null }> = [];
  private readonly seq = new Map<string, number>();
  /** Custom functions by upper-case name (FakeGas.registerCustomFunctions), see custom-functions.ts. */
  readonly customFunctions = new Map<string, (...args: unknown[]) => unknown>();
  /** Cached results by cell + formula + argument values: recalculated only when arguments change. */
  readonly customFunctionResults = new Map<string, string | number | boolean | Date>();
  /** The note of a cell showing #ERROR! ('Sheet!R1C1' → message). */
  readonly customFunctionErrors = new Map<string, string>();
  /** True while a custom function runs: calls are checked against what that context allows. */
  inCustomFunction = false;
  customFunctionCalls = 0;

  constructor(options: FakeGasOptions) {
    this.options = options;
    this.owner = options.owner ?? 'owner@example.com';
    this.activeUser = options.activeUser ?? this.owner;
    this.scriptOwner = options.scriptOwner ?? this.owner;
    this.effectiveUser = this.activeUser;
    this.scriptTimeZone = options.scriptTimeZone ?? 'Asia/Shanghai';
    this.grantedScopes = options.manifest?.oauthScopes ? [...options.manifest.oauthScopes] : null;
    const now = options.now ?? Date.UTC(2026, 9, 15, 2, 0, 0);
    this.clock = new FakeClock(typeof now === 'number' ? now : now.getTime());
  }

  /** Next number of a named sequence (ids are deterministic). */
  next(kind: string): number {
    const n = (this.seq.get(kind) ?? 0) + 1;
    this.seq.set(kind, n);
    return n;
  }

  /** Every counted call: refused first when the granted scopes do not cover it (scopes.ts), then counted. */
  hit(name: string): void {
    checkAuthMode(this.authMode, name);
    checkScopes(this.grantedScopes, name);
    this.counter.hit(name);
    if (this.inCustomFunction) checkCustomFunctionCall(name);
  }

  coercion(locale: string): CoercionOptions {
    return {
      ambiguousStrings: this.options.ambiguousStrings ?? 'throw',
      numberIntoTextCell: this.options.numberIntoTextCell ?? 'throw',
      undefinedValues: this.options.undefinedValues ?? 'clear',
      dateTimeFormat: this.options.dateTimeFormat ?? defaultDateTimeFormat(locale),
    };
  }
}

/** [UNCONFIRMED] display patterns for date-times written by scripts, per locale. */
export function defaultDateTimeFormat(locale: string): string {
  return locale.startsWith('zh') ? 'yyyy/M/d H:mm:ss' : 'M/d/yyyy H:mm:ss';
}

/** NONE: only menus, Logger and Utilities. */
const NONE_ALLOWS = /^(SpreadsheetApp\.getUi|Ui\.create(Addon)?Menu|Menu\.|Logger\.|Utilities\.)/;
/** LIMITED: what needs authorization, shows UI or opens other files. */
const LIMITED_DENIES =
  /^(UrlFetchApp\.|MailApp\.|FormApp\.|DriveApp\.|Drive\.|ScriptApp\.newTrigger|Ui\.show|SpreadsheetApp\.open|HtmlService\.)/;

/** Throws for a call the current AuthMode does not allow (the text is [UNCONFIRMED]; the rule is [DOC]). */
export function checkAuthMode(mode: 'FULL' | 'LIMITED' | 'NONE', name: string): void {
  if (mode === 'FULL') return;
  if (mode === 'NONE' ? NONE_ALLOWS.test(name) : !LIMITED_DENIES.test(name)) return;
  throw new GasException(
    `You do not have permission to call ${name}. (fake text: not allowed in AuthMode.${mode})`,
  );
}
