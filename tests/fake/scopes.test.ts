// Scopes: the fake refuses a call outside the manifest's oauthScopes with Google's message; each case cites the page it copies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeGas, type FakeGas, GLOBAL_NAMES, installGas, type Manifest } from './index';
import { CLASS_SCOPES, checkScopes, METHOD_SCOPES, SCOPE, scopeEntry } from './scopes';

const project = JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as Manifest;
const only = (...oauthScopes: string[]): Manifest => ({
  oauthScopes,
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] },
});
const gas = (manifest?: Manifest): FakeGas =>
  createFakeGas(
    manifest ? { manifest, htmlFiles: { Page: '<p>x</p>' } } : { htmlFiles: { Page: '<p>x</p>' } },
  );
const denied = (name: string, scopes: string) =>
  `You do not have permission to call ${name}. Required permissions: ${scopes}`;

describe('DOCS https://developers.google.com/apps-script/concepts/scopes: an explicit oauthScopes list is all a script gets', () => {
  test('no manifest (or no oauthScopes): nothing is checked, as with automatic detection', () => {
    expect(() => gas().DriveApp.createFolder('x')).not.toThrow();
    expect(() => gas({}).MailApp.sendEmail('a@example.com', 's', 'b')).not.toThrow();
  });

  test('the project manifest: what the add-on needs, and not the restricted drive scope', () => {
    const s = project.oauthScopes ?? [];
    expect(s).toEqual(expect.arrayContaining([SCOPE.driveFile, SCOPE.spreadsheets, SCOPE.forms]));
    expect(s).not.toContain(SCOPE.drive);
    expect(s).not.toContain(SCOPE.driveReadonly);
    expect(project.dependencies?.enabledAdvancedServices).toEqual([
      { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
    ]);
  });
});

describe('Drive: DriveApp needs drive; the advanced service takes drive.file (issue 9 "PDF never saved")', () => {
  // DOC https://developers.google.com/apps-script/reference/drive/drive-app#createFolder(String),
  // …/drive/drive-app#getFolderById(String), …/drive/folder#createFile(BlobSource)
  test('the old PDF path under the project manifest is refused with Google’s text', () => {
    const fake = gas(project);
    expect(() => fake.DriveApp.getFolderById('any')).toThrow(
      denied('DriveApp.getFolderById', `(${SCOPE.driveReadonly} || ${SCOPE.drive})`),
    );
    expect(() => fake.DriveApp.createFolder('积分公示PDF')).toThrow(
      denied('DriveApp.createFolder', SCOPE.drive),
    );
    expect(fake.drive.folders()).toEqual([]); // refused before anything was made
  });

  test('drive.readonly reads folders but cannot create a file in one', () => {
    const fake = gas(only(SCOPE.driveReadonly));
    const root = fake.DriveApp.getRootFolder();
    expect(() => root.createFile(fake.Utilities.newBlob('x', 'text/plain', 'a.txt'))).toThrow(
      denied('Folder.createFile', SCOPE.drive),
    );
  });

  test('the error is a Google Exception (name "Exception", String(e) "Exception: …")', () => {
    const fake = gas(only(SCOPE.driveFile));
    let err: unknown;
    try {
      fake.DriveApp.createFolder('x');
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe('Exception');
    expect(String(err)).toBe(`Exception: ${denied('DriveApp.createFolder', SCOPE.drive)}`);
  });

  // DOC https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create (drive, drive.appdata, drive.file)
  test('Drive.Files.create makes a folder and a file in it under drive.file alone', () => {
    const fake = gas(only(SCOPE.driveFile));
    const folder = fake.Drive!.Files.create({ name: 'F', mimeType: 'application/vnd.google-apps.folder' });
    expect(folder).toEqual({
      kind: 'drive#file',
      id: folder.id,
      name: 'F',
      mimeType: 'application/vnd.google-apps.folder',
    });
    const blob = fake.Utilities.newBlob('%PDF', 'application/pdf', 'a.pdf');
    const file = fake.Drive!.Files.create({ name: 'a.pdf', parents: [folder.id!] }, blob, {
      fields: 'id,webViewLink,parents',
    });
    expect(file).toEqual({
      id: file.id,
      webViewLink: `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
      parents: [folder.id],
    });
    expect(fake.Drive!.Files.get(folder.id!, { fields: 'trashed' })).toEqual({ trashed: false });
  });

  test('no Drive scope at all: the REST call fails with the API’s insufficient-scopes text', () => {
    const fake = gas(only(SCOPE.spreadsheets));
    expect(() => fake.Drive!.Files.create({ name: 'x' })).toThrow(
      'API call to drive.files.create failed with error: Request had insufficient authentication scopes.',
    );
  });

  // DOC https://developers.google.com/workspace/drive/api/guides/about-auth: drive.file = files the app created or opened
  test('drive.file cannot see a folder the user made by hand; drive.readonly can', () => {
    const narrow = gas(only(SCOPE.driveFile));
    const hand = narrow.drive.addUserFolder('mine');
    expect(() => narrow.Drive!.Files.get(hand)).toThrow(
      `API call to drive.files.get failed with error: File not found: ${hand}.`,
    );
    expect(() => narrow.Drive!.Files.create({ name: 'x', parents: [hand] })).toThrow(/File not found/);
    const wide = gas(only(SCOPE.driveReadonly, SCOPE.driveFile));
    const h2 = wide.drive.addUserFolder('mine');
    expect(wide.Drive!.Files.get(h2).name).toBe('mine');
  });

  // DOC https://developers.google.com/apps-script/guides/services/advanced#enable_advanced_services
  test('a manifest that does not enable Drive v3 has no Drive global', () => {
    const fake = gas(only(SCOPE.driveFile));
    expect(fake.Drive).toBeDefined();
    const off = gas({ oauthScopes: [SCOPE.driveFile], dependencies: { enabledAdvancedServices: [] } });
    expect(off.Drive).toBeUndefined();
    const target: Record<string, unknown> = { Drive: 'before' };
    const undo = installGas(off, target);
    expect('Drive' in target).toBe(false);
    expect(GLOBAL_NAMES).toContain('Drive');
    undo();
    expect(target.Drive).toBe('before');
  });
});

describe('the other services the add-on calls', () => {
  // DOC https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
  test('spreadsheets.currentonly covers the open spreadsheet, not openById', () => {
    const fake = gas(only(SCOPE.spreadsheetsCurrentOnly));
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet()!;
    ss.getSheets()[0]!.getRange('A1').setValue('ok');
    expect(() => fake.SpreadsheetApp.openById(ss.getId())).toThrow(
      denied('SpreadsheetApp.openById', SCOPE.spreadsheets),
    );
  });

  test('no Sheets scope: every Spreadsheet-service call names both scopes', () => {
    const fake = gas(only(SCOPE.spreadsheets));
    const range = fake.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!.getRange('A1');
    fake.ctx.grantedScopes = [SCOPE.forms];
    expect(() => range.setValue(1)).toThrow(
      denied('Range.setValue', `(${SCOPE.spreadsheetsCurrentOnly} || ${SCOPE.spreadsheets})`),
    );
  });

  test('mail (DOC …/reference/mail/mail-app#sendEmail(String,String,String)), fetch (DOC …/url-fetch/url-fetch-app#fetch(String)), triggers (DOC …/script/script-app#newTrigger(String))', () => {
    const fake = gas(only(SCOPE.spreadsheets));
    expect(() => fake.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow(
      denied('MailApp.sendEmail', SCOPE.sendMail),
    );
    expect(() => fake.MailApp.getRemainingDailyQuota()).toThrow(
      denied('MailApp.getRemainingDailyQuota', SCOPE.sendMail),
    );
    expect(() => fake.UrlFetchApp.fetch('https://example.com/')).toThrow(
      denied('UrlFetchApp.fetch', SCOPE.externalRequest),
    );
    expect(() => fake.ScriptApp.newTrigger('f')).toThrow(denied('ScriptApp.newTrigger', SCOPE.scriptApp));
    expect(() => fake.ScriptApp.getProjectTriggers()).toThrow(
      denied('ScriptApp.getProjectTriggers', SCOPE.scriptApp),
    );
    // getOAuthToken, Lock, Properties, Cache, Utilities, HtmlService list no scope
    expect(fake.ScriptApp.getOAuthToken()).toMatch(/^fake-oauth-token:/);
    expect(fake.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(fake.PropertiesService.getScriptProperties().getProperty('x')).toBeNull();
    expect(fake.Utilities.getUuid()).toMatch(/-/);
  });

  // DOC https://developers.google.com/apps-script/reference/base/session#getActiveUser() lists userinfo.email;
  // without it the email reads '' rather than failing (apps-script-facts §1.10).
  test('Session without userinfo.email: the users’ emails are blank', () => {
    const fake = gas(only(SCOPE.spreadsheets));
    expect(fake.Session.getActiveUser().getEmail()).toBe('');
    expect(fake.Session.getEffectiveUser().getEmail()).toBe('');
    expect(gas(project).Session.getActiveUser().getEmail()).toBe('owner@example.com');
    expect(fake.Session.getScriptTimeZone()).toBe('Asia/Shanghai');
  });

  // DOC https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object)
  test('sidebars and dialogs need script.container.ui; an alert lists no scope', () => {
    const fake = gas(only(SCOPE.spreadsheets));
    const ui = fake.SpreadsheetApp.getUi();
    expect(() => ui.showSidebar(fake.HtmlService.createHtmlOutputFromFile('Page'))).toThrow(
      denied('Ui.showSidebar', SCOPE.containerUi),
    );
    expect(() => ui.showModalDialog(fake.HtmlService.createHtmlOutput('x'), 't')).toThrow(
      denied('Ui.showModalDialog', SCOPE.containerUi),
    );
    expect(String(ui.alert('hi'))).toBe('OK');
  });

  // DOC https://developers.google.com/apps-script/reference/forms/form-app#create(String)
  test('forms.currentonly cannot create a form; forms can', () => {
    expect(() => gas(only(SCOPE.formsCurrentOnly)).FormApp.create('t')).toThrow(
      denied('FormApp.create', SCOPE.forms),
    );
    expect(gas(only(SCOPE.forms)).FormApp.create('t').getId()).toMatch(/\w/);
  });
});

describe('the table is complete', () => {
  test('a method the table does not know is refused under a manifest, not silently allowed', () => {
    expect(() => checkScopes([SCOPE.drive], 'Drive.Files.list')).toThrow(
      'FakeGas: no scope entry for Drive.Files.list in tests/fake/scopes.ts',
    );
    expect(() => checkScopes([SCOPE.drive], 'GmailApp.sendEmail')).toThrow(/no scope entry/);
    expect(() => checkScopes(null, 'GmailApp.sendEmail')).not.toThrow();
  });

  test('every name the fake counts has an entry, and every entry cites a page', () => {
    const dir = __dirname;
    const names = new Set<string>();
    const classes = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/\.hit\('([A-Za-z]+\.[A-Za-z.]+)'\)/g)) names.add(m[1]!);
      for (const m of text.matchAll(/\.hit\(`([A-Za-z]+)\.\$\{m\}`\)/g)) classes.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(40);
    expect(classes).toEqual(
      new Set([
        'Utilities',
        'SpreadsheetApp',
        'Spreadsheet',
        'Sheet',
        'ScriptApp',
        'Range',
        'Protection',
        'Properties',
        'HtmlService',
        'FormApp',
        'Form',
        'Cache',
      ]),
    );
    for (const n of names) expect([n, scopeEntry(n) !== undefined]).toEqual([n, true]);
    for (const c of classes) expect([c, c in CLASS_SCOPES]).toEqual([c, true]);
    for (const e of [...Object.values(CLASS_SCOPES), ...Object.values(METHOD_SCOPES)])
      expect(e.doc).toMatch(/^https:\/\/developers\.google\.com\//);
  });
});
