// Utilities, UrlFetchApp (§7.1), DriveApp and MailApp (§7.2): signed digests, dates, fetch records and errors, files, mail.

import { expectGasError, setup } from './helpers';
import { parseSheetsPdfExport } from './net';

describe('Utilities', () => {
  test('computeDigest(SHA_256) returns signed Java bytes', () => {
    const { fake } = setup();
    const U = fake.Utilities as unknown as GoogleAppsScript.Utilities.Utilities;
    const d = U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc');
    expect(d).toHaveLength(32);
    expect(d.slice(0, 4)).toEqual([-70, 120, 22, -65]); // ba 78 16 bf
    expect(d.every((b) => b >= -128 && b <= 127)).toBe(true);
    const hex = d.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(U.computeDigest(U.DigestAlgorithm.SHA_256, '积分', U.Charset.UTF_8)).toHaveLength(32);
  });

  test('formatDate uses Java patterns in the given zone', () => {
    const { fake } = setup();
    const d = new Date('2026-10-04T16:30:05Z');
    expect(fake.Utilities.formatDate(d, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-10-05 00:30:05');
    expect(fake.Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-10-04T16:30:05Z');
    expect(fake.Utilities.formatDate(d, 'Asia/Shanghai', "yyyy-MM'月'")).toBe('2026-10月');
    expect(fake.Utilities.formatDate(d, 'Asia/Shanghai', 'EEE, d MMM yyyy Z')).toBe('Mon, 5 Oct 2026 +0800');
  });

  test('base64, uuid, blobs, csv, sleep', () => {
    const { fake } = setup();
    const U = fake.Utilities;
    expect(U.base64Encode('积分')).toBe(Buffer.from('积分').toString('base64'));
    expect(U.base64Decode(U.base64Encode([-1, 0, 1]))).toEqual([-1, 0, 1]);
    expect(U.getUuid()).not.toBe(U.getUuid());
    const blob = U.newBlob('hello', 'text/plain', 'a.txt');
    expect([blob.getName(), blob.getContentType(), blob.getDataAsString()]).toEqual([
      'a.txt',
      'text/plain',
      'hello',
    ]);
    expect(U.parseCsv('a,"b,c"\n"d""e",f')).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f'],
    ]);
    const t = fake.clock.now();
    U.sleep(1500);
    expect(fake.clock.now() - t).toBe(1500);
  });
});

describe('§7.1 UrlFetchApp', () => {
  test('§7.1 fetch records requests and returns scripted responses', () => {
    const { fake } = setup();
    fake.UrlFetchApp.respond(/\/export\?/, { status: 200, body: '%PDF-1.4', contentType: 'application/pdf' });
    const res = fake.UrlFetchApp.fetch('https://docs.google.com/spreadsheets/d/x/export?format=pdf', {
      headers: { Authorization: `Bearer ${fake.ScriptApp.getOAuthToken()}` },
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(200);
    expect(res.getBlob().getContentType()).toBe('application/pdf');
    expect(fake.UrlFetchApp.requests[0]).toMatchObject({ method: 'get', muteHttpExceptions: true });
    expect(fake.UrlFetchApp.requests[0]?.headers.Authorization).toMatch(/^Bearer /);
  });

  test('§7.1 the Sheets PDF export URL: the print setup it asks for, and a parameter §7.1 does not list is refused', () => {
    const base = 'https://docs.google.com/spreadsheets/d/ss%201/export?format=pdf&exportFormat=pdf&gid=7';
    const rest =
      '&gridlines=false&pagenum=CENTER&top_margin=0.5&bottom_margin=0.5&left_margin=0.4&right_margin=0.4';
    expect(parseSheetsPdfExport(`${base}&size=A4&portrait=false&fitw=true&fzr=true${rest}`)).toEqual({
      spreadsheetId: 'ss 1',
      gid: 7,
      size: 'A4',
      portrait: false,
      fitToWidth: true,
      repeatFrozenRows: true,
      gridlines: false,
      pageNumbers: true,
      margins: [0.5, 0.5, 0.4, 0.4],
    });
    // Google would silently ignore these; the model does not.
    expect(() => parseSheetsPdfExport(`${base}&size=A4&portrait=false&fitW=true&fzr=true${rest}`)).toThrow(
      'FakeGas: Sheets export: unknown parameter fitW (not in apps-script-facts §7.1)',
    );
    expect(() => parseSheetsPdfExport(`${base}&size=A4&portrait=no&fitw=true&fzr=true${rest}`)).toThrow(
      'FakeGas: Sheets export: portrait=no is not a value §7.1 lists',
    );
    expect(() => parseSheetsPdfExport(`${base}&size=A4&portrait=true&fzr=true${rest}`)).toThrow(
      'FakeGas: Sheets export: fitw not given (its default is not documented)',
    );
  });

  test('§7.1 an HTTP error without muteHttpExceptions throws the documented text', () => {
    const { fake } = setup();
    fake.UrlFetchApp.respond('https://docs.google.com/', [
      { status: 429, body: 'Too Many Requests' },
      { status: 200 },
    ]);
    expectGasError(
      () => fake.UrlFetchApp.fetch('https://docs.google.com/spreadsheets/d/x/export'),
      'Request failed for https://docs.google.com returned code 429. Truncated server response: Too Many Requests (use muteHttpExceptions option to examine full response)',
    );
    expect(fake.UrlFetchApp.fetch('https://docs.google.com/a').getResponseCode()).toBe(200);
    expect(() => fake.UrlFetchApp.fetch('https://example.com')).toThrow(/no scripted response/);
  });
});

describe('§7.2 DriveApp and MailApp', () => {
  test('§7.2 createFile(blob) and folders give files with ids and URLs', () => {
    const { fake } = setup();
    const folder = fake.DriveApp.createFolder('公示');
    const file = folder.createFile(
      fake.Utilities.newBlob('pdf-bytes', 'application/pdf', '公示-2026-10.pdf'),
    );
    expect(file.getName()).toBe('公示-2026-10.pdf');
    expect(file.getUrl()).toContain(file.getId());
    expect(fake.DriveApp.getFolderById(folder.getId()).getFiles().next().getId()).toBe(file.getId());
    expect(fake.DriveApp.getFileById(file.getId()).getMimeType()).toBe('application/pdf');
    expect(fake.drive.files()).toHaveLength(1);
    expect(() => fake.DriveApp.getFileById('nope')).toThrow();
  });

  test('§7.2 MailApp counts recipients against the daily quota and 50 per message', () => {
    const { fake } = setup({ mailDailyQuota: 3 });
    fake.MailApp.sendEmail('a@example.com,b@example.com', '新申报', '有 2 条待审核');
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(1);
    expect(fake.MailApp.sent[0]?.to).toEqual(['a@example.com', 'b@example.com']);
    expect(() =>
      fake.MailApp.sendEmail({ to: 'c@example.com,d@example.com', subject: 's', body: 'b' }),
    ).toThrow();
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.com`).join(',');
    expect(() => setup().fake.MailApp.sendEmail(many, 's', 'b')).toThrow(/Per Message/);
  });

  test('§7.2 a refused message is not recorded and uses no quota; cc and bcc count; resetQuota starts a new day', () => {
    const { fake } = setup({ mailDailyQuota: 4 });
    fake.MailApp.sendEmail({
      to: 'a@example.com',
      cc: 'b@example.com',
      bcc: 'c@example.com',
      subject: 's',
      body: 'b',
    });
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => fake.MailApp.sendEmail('d@example.com,e@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(fake.MailApp.sent).toHaveLength(1);
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(1); // the refused message used nothing
    fake.MailApp.sendEmail('d@example.com', 's', 'b');
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(0);
    fake.MailApp.resetQuota();
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(4);
    fake.MailApp.resetQuota(1);
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(1);
  });

  test('§9 the mail quota is per account: one user spending theirs leaves another’s whole', () => {
    const { fake } = setup({ mailDailyQuota: 2, owner: 'owner@example.com' });
    fake.MailApp.sendEmail('a@example.com,b@example.com', 's', 'b');
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(0);
    fake.setActiveUser('other@example.com');
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(2);
    fake.MailApp.sendEmail('c@example.com', 's', 'b');
    expect(fake.MailApp.sent.map((m) => m.from)).toEqual(['owner@example.com', 'other@example.com']);
    expect(fake.MailApp.getRemainingDailyQuota()).toBe(1);
  });
});
