// OAuth scopes of every fake method, copied from each reference page's "Authorization" list, and the one check that refuses a call the manifest's oauthScopes do not cover.

import { FakeGasUnsupportedError, GasException } from './errors';

const A = 'https://www.googleapis.com/auth/';
export const SCOPE = {
  spreadsheets: `${A}spreadsheets`,
  spreadsheetsCurrentOnly: `${A}spreadsheets.currentonly`,
  forms: `${A}forms`,
  formsCurrentOnly: `${A}forms.currentonly`,
  containerUi: `${A}script.container.ui`,
  scriptApp: `${A}script.scriptapp`,
  externalRequest: `${A}script.external_request`,
  sendMail: `${A}script.send_mail`,
  userinfoEmail: `${A}userinfo.email`,
  drive: `${A}drive`,
  driveReadonly: `${A}drive.readonly`,
  driveFile: `${A}drive.file`,
  driveAppdata: `${A}drive.appdata`,
  driveMetadata: `${A}drive.metadata`,
  driveMetadataReadonly: `${A}drive.metadata.readonly`,
  drivePhotosReadonly: `${A}drive.photos.readonly`,
} as const;

const DOCS = 'https://developers.google.com/apps-script/reference/';

/** How a refused call fails: a built-in service's Exception, or an advanced service's REST 403. */
type Kind = 'service' | 'advanced';

interface Entry {
  /** Any one of these is enough (the page says "one or more of the following scopes"). [] = none needed. */
  scopes: readonly string[];
  /** The page the list was copied from. */
  doc: string;
  kind?: Kind;
}

const SHEETS: Entry = {
  // Every Spreadsheet-service page (SpreadsheetApp, Spreadsheet, Sheet, Range, Protection …) lists these two.
  scopes: [SCOPE.spreadsheetsCurrentOnly, SCOPE.spreadsheets],
  doc: `${DOCS}spreadsheet/spreadsheet-app`,
};
const FORMS: Entry = {
  scopes: [SCOPE.formsCurrentOnly, SCOPE.forms],
  doc: `${DOCS}forms/form`,
};
const NONE = (doc: string): Entry => ({ scopes: [], doc });

/**
 * Class-wide lists: every method of the class needs one of these scopes. Services whose pages have no
 * "Authorization" section (Lock, Properties, Cache, Utilities, HtmlService) need none.
 */
export const CLASS_SCOPES: Readonly<Record<string, Entry>> = {
  SpreadsheetApp: SHEETS,
  Spreadsheet: SHEETS,
  Sheet: SHEETS,
  Range: SHEETS,
  Protection: SHEETS,
  FormApp: { ...FORMS, doc: `${DOCS}forms/form-app` },
  Form: FORMS,
  FormResponse: { ...FORMS, doc: `${DOCS}forms/form-response` },
  // Ui: only the show* methods list a scope (below); alert, prompt and menus list none.
  Ui: NONE(`${DOCS}base/ui`),
  Session: NONE(`${DOCS}base/session`),
  ScriptApp: NONE(`${DOCS}script/script-app`),
  UrlFetchApp: { scopes: [SCOPE.externalRequest], doc: `${DOCS}url-fetch/url-fetch-app` },
  MailApp: { scopes: [SCOPE.sendMail], doc: `${DOCS}mail/mail-app` },
  DriveApp: { scopes: [SCOPE.driveReadonly, SCOPE.drive], doc: `${DOCS}drive/drive-app` },
  Folder: { scopes: [SCOPE.driveReadonly, SCOPE.drive], doc: `${DOCS}drive/folder` },
  File: { scopes: [SCOPE.driveReadonly, SCOPE.drive], doc: `${DOCS}drive/file` },
  Lock: NONE(`${DOCS}lock/lock`),
  LockService: NONE(`${DOCS}lock/lock-service`),
  Properties: NONE(`${DOCS}properties/properties`),
  PropertiesService: NONE(`${DOCS}properties/properties-service`),
  Cache: NONE(`${DOCS}cache/cache`),
  CacheService: NONE(`${DOCS}cache/cache-service`),
  Utilities: NONE(`${DOCS}utilities/utilities`),
  HtmlService: NONE(`${DOCS}html/html-service`),
};

const DRIVE_V3 = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/';

/** Methods whose page lists something other than their class's list. */
export const METHOD_SCOPES: Readonly<Record<string, Entry>> = {
  // Opening or creating another file needs the full scope: currentonly covers only the open document.
  'SpreadsheetApp.openById': {
    scopes: [SCOPE.spreadsheets],
    doc: `${DOCS}spreadsheet/spreadsheet-app#openById(String)`,
  },
  'SpreadsheetApp.openByUrl': {
    scopes: [SCOPE.spreadsheets],
    doc: `${DOCS}spreadsheet/spreadsheet-app#openByUrl(String)`,
  },
  'SpreadsheetApp.create': {
    scopes: [SCOPE.spreadsheets],
    doc: `${DOCS}spreadsheet/spreadsheet-app#create(String)`,
  },
  'FormApp.create': { scopes: [SCOPE.forms], doc: `${DOCS}forms/form-app#create(String)` },
  'FormApp.openById': { scopes: [SCOPE.forms], doc: `${DOCS}forms/form-app#openById(String)` },
  'FormApp.openByUrl': { scopes: [SCOPE.forms], doc: `${DOCS}forms/form-app#openByUrl(String)` },
  'Ui.showSidebar': { scopes: [SCOPE.containerUi], doc: `${DOCS}base/ui#showSidebar(Object)` },
  'Ui.showModalDialog': { scopes: [SCOPE.containerUi], doc: `${DOCS}base/ui#showModalDialog(Object,String)` },
  'Ui.showModelessDialog': {
    scopes: [SCOPE.containerUi],
    doc: `${DOCS}base/ui#showModelessDialog(Object,String)`,
  },
  // Session.getActiveUser/getEffectiveUser list userinfo.email, but without it getEmail() is '' rather than an
  // error (facts §1.10): FakeSession models that, so they are not refused here.
  'ScriptApp.newTrigger': { scopes: [SCOPE.scriptApp], doc: `${DOCS}script/script-app#newTrigger(String)` },
  // TriggerBuilder.create() (the fake counts it as ScriptApp.createTrigger): same page family.
  'ScriptApp.createTrigger': { scopes: [SCOPE.scriptApp], doc: `${DOCS}script/trigger-builder` },
  'ScriptApp.getProjectTriggers': {
    scopes: [SCOPE.scriptApp],
    doc: `${DOCS}script/script-app#getProjectTriggers()`,
  },
  'ScriptApp.getUserTriggers': {
    scopes: [SCOPE.scriptApp],
    doc: `${DOCS}script/script-app#getUserTriggers(Spreadsheet)`,
  },
  'ScriptApp.deleteTrigger': {
    scopes: [SCOPE.scriptApp],
    doc: `${DOCS}script/script-app#deleteTrigger(Trigger)`,
  },
  // Creating anything through DriveApp needs the full, restricted drive scope (not drive.file).
  'DriveApp.createFile': { scopes: [SCOPE.drive], doc: `${DOCS}drive/drive-app#createFile(BlobSource)` },
  'DriveApp.createFolder': { scopes: [SCOPE.drive], doc: `${DOCS}drive/drive-app#createFolder(String)` },
  'Folder.createFile': { scopes: [SCOPE.drive], doc: `${DOCS}drive/folder#createFile(BlobSource)` },
  'Folder.createFolder': { scopes: [SCOPE.drive], doc: `${DOCS}drive/folder#createFolder(String)` },
  // The advanced Drive service is the Drive REST API: its methods take drive.file for files the app created.
  'Drive.Files.create': {
    scopes: [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile],
    doc: `${DRIVE_V3}create`,
    kind: 'advanced',
  },
  'Drive.Files.get': {
    scopes: [
      SCOPE.drive,
      SCOPE.driveAppdata,
      SCOPE.driveFile,
      SCOPE.driveMetadata,
      SCOPE.driveMetadataReadonly,
      SCOPE.drivePhotosReadonly,
      SCOPE.driveReadonly,
    ],
    doc: `${DRIVE_V3}get`,
    kind: 'advanced',
  },
};

/** The documented scopes of `Class.method` and their page, or undefined when the table does not know it. */
export function scopeEntry(name: string): Entry | undefined {
  const own = METHOD_SCOPES[name];
  if (own) return own;
  if (name.startsWith('Drive.')) return undefined; // every advanced-service method is listed by name
  return CLASS_SCOPES[name.split('.')[0] ?? ''];
}

/**
 * Google's text for a built-in service call outside the granted scopes: one scope bare, several as
 * `(a || b)`. Seen in real logs, e.g. "You do not have permission to call SpreadsheetApp.openById.
 * Required permissions: https://www.googleapis.com/auth/spreadsheets" and "… DriveApp.getFolderById.
 * Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)".
 * DOCS https://developers.google.com/apps-script/concepts/scopes (an explicit oauthScopes list is all the
 * script gets).
 */
export function permissionMessage(name: string, required: readonly string[]): string {
  const list = required.length === 1 ? required[0] : `(${required.join(' || ')})`;
  return `You do not have permission to call ${name}. Required permissions: ${list}`;
}

/**
 * An advanced service is a REST call: a token without the scope gets the API's 403. The wording of the
 * wrapper ("API call to drive.files.create failed with error: …") is recalled from real logs [UNCONFIRMED];
 * "Request had insufficient authentication scopes." is the Google APIs' standard 403 text.
 */
export function advancedPermissionMessage(name: string): string {
  const rest = name.split('.').slice(1).join('.').toLowerCase();
  return `API call to drive.${rest} failed with error: Request had insufficient authentication scopes.`;
}

/** The granted list covers a method needing any of `required`. */
export function covers(granted: readonly string[], required: readonly string[]): boolean {
  return required.length === 0 || required.some((s) => granted.includes(s));
}

/**
 * The one check every counted fake call goes through (GasContext.hit). `granted` null = the manifest has
 * no oauthScopes (automatic detection grants what the code uses): nothing is checked. Otherwise a call
 * outside the list throws Google's message, and a method missing from the table is refused (a fake that
 * does not know a method's scopes would silently allow it).
 */
export function checkScopes(granted: readonly string[] | null, name: string): void {
  if (granted === null) return;
  const e = scopeEntry(name);
  if (!e) throw new FakeGasUnsupportedError(`no scope entry for ${name} in tests/fake/scopes.ts`);
  if (covers(granted, e.scopes)) return;
  throw new GasException(
    e.kind === 'advanced' ? advancedPermissionMessage(name) : permissionMessage(name, e.scopes),
  );
}

/** The manifest fields the fake reads (appsscript.json). */
export interface Manifest {
  oauthScopes?: string[];
  dependencies?: {
    enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }>;
  };
}

/** Whether the manifest enables the advanced Drive service v3 under the global name `Drive`. */
export function driveEnabled(manifest: Manifest | undefined): boolean {
  if (!manifest) return true; // no manifest given: lenient default, as before
  return (manifest.dependencies?.enabledAdvancedServices ?? []).some(
    (s) => s.userSymbol === 'Drive' && s.serviceId === 'drive' && s.version === 'v3',
  );
}
