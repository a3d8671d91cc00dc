// LockService (§3.1), PropertiesService (§3.2), CacheService (§3.3), Session and context (§1.10), ScriptApp triggers (§2.2–§2.3).

import { expectGasError, expectUnsupported, setup } from './helpers';
import { MSG } from './index';

describe('§3.1 LockService', () => {
  test('§3.1 tryLock/hasLock/releaseLock; calling get*Lock acquires nothing', () => {
    const { fake } = setup();
    const lock = fake.LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(lock.tryLock(1000)).toBe(true); // no effect when already held
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    lock.releaseLock(); // no effect when not held
  });

  test('§3.1 another execution holds it: tryLock is false, waitLock throws the exact text, time passes', () => {
    const { fake } = setup();
    fake.locks.holdByOther('script');
    const lock = fake.LockService.getScriptLock();
    const t0 = fake.clock.now();
    expect(lock.tryLock(5000)).toBe(false);
    expect(fake.clock.now() - t0).toBe(5000);
    expectGasError(
      () => lock.waitLock(30000),
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(lock.hasLock()).toBe(false);
    fake.locks.releaseOther('script');
    lock.waitLock(10);
    expect(lock.hasLock()).toBe(true);
  });

  test('§3.1 waitLock succeeds when the other holder lets go within the timeout', () => {
    const { fake } = setup();
    fake.locks.holdByOther('document', 2000);
    const lock = fake.LockService.getDocumentLock();
    lock.waitLock(10000);
    expect(lock.hasLock()).toBe(true);
  });

  test('§3.1 locks are freed when the execution ends; document lock is null outside a container', () => {
    const { fake } = setup();
    const lock = fake.LockService.getScriptLock();
    lock.waitLock(100);
    fake.endExecution();
    expect(lock.hasLock()).toBe(false);
    expect(fake.locks.isHeld('script')).toBe(false);
    fake.setContainerBound(false);
    expect(fake.LockService.getDocumentLock()).toBeNull();
  });
});

describe('§3.2 PropertiesService', () => {
  test('§3.2 strings, null when missing, chaining, setProperties(…, deleteAllOthers)', () => {
    const { fake } = setup();
    const p = fake.PropertiesService.getDocumentProperties();
    expect(p.getProperty('missing')).toBeNull();
    p.setProperty('a', '1').setProperty('b', 2 as unknown as string);
    expect(p.getProperty('b')).toBe('2');
    expect(p.getKeys().sort()).toEqual(['a', 'b']);
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteProperty('c');
    expect(p.getKeys()).toEqual([]);
  });

  test('§3.2 document, script and per-user stores are separate; document is null without a container', () => {
    const { fake } = setup();
    fake.PropertiesService.getScriptProperties().setProperty('k', 'script');
    fake.PropertiesService.getUserProperties().setProperty('k', 'owner');
    fake.setActiveUser('alice@example.com');
    expect(fake.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    expect(fake.PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    fake.setContainerBound(false);
    expect(fake.PropertiesService.getDocumentProperties()).toBeNull();
  });

  test('§3.2 9 KB per value, 500 KB per store', () => {
    const { fake } = setup();
    const p = fake.PropertiesService.getScriptProperties();
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow();
    for (let i = 0; i < 80; i++) {
      try {
        p.setProperty(`k${i}`, 'y'.repeat(9000));
      } catch (e) {
        expect((e as Error).message).toMatch(/quota/);
        expect(i).toBe(56); // 56 × ~9 KB > 500 KB
        return;
      }
    }
    throw new Error('the store limit was not enforced');
  });
});

describe('§3.3 CacheService', () => {
  test('§3.3 get null when missing or expired (fake clock), getAll only found keys, default 600 s', () => {
    const { fake } = setup();
    const c = fake.CacheService.getScriptCache();
    c.put('a', '1');
    c.put('b', '2', 10);
    expect(c.getAll(['a', 'b', 'z'])).toEqual({ a: '1', b: '2' });
    fake.clock.advance(11_000);
    expect(c.get('b')).toBeNull();
    fake.clock.advance(600_000);
    expect(c.get('a')).toBeNull();
  });

  test('§3.3 limits: key 250 chars, value 100 KB, ttl 1..21600; entries may vanish early (evictAll)', () => {
    const { fake } = setup();
    const c = fake.CacheService.getUserCache();
    expect(() => c.put('k'.repeat(251), 'v')).toThrow();
    expect(() => c.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow();
    expectUnsupported(() => c.put('k', 'v', 21601));
    c.put('k', 'v');
    fake.cache.evictAll();
    expect(c.get('k')).toBeNull();
    fake.setContainerBound(false);
    expect(fake.CacheService.getDocumentCache()).toBeNull();
  });
});

describe('§1.10 Session and the run context', () => {
  test('§1.10 active and effective users are settable; "" when policy hides the user', () => {
    const { fake } = setup({ owner: 'owner@example.com' });
    expect(fake.Session.getActiveUser().getEmail()).toBe('owner@example.com');
    fake.setActiveUser('alice@example.com');
    expect(fake.Session.getEffectiveUser().getEmail()).toBe('alice@example.com');
    fake.setActiveUser('');
    expect(fake.Session.getActiveUser().getEmail()).toBe('');
    expect(fake.Session.getScriptTimeZone()).toBe('Asia/Shanghai');
  });

  // DOC https://developers.google.com/apps-script/reference/base/session#getActiveUser(): the email is blank in
  // any context that runs without the user's authorization (simple onOpen/onEdit, custom functions), except
  // for the developer or a user of the developer's Google Workspace domain.
  describe('getActiveUser().getEmail() blank where the Session page says', () => {
    const run = (owner: string, user: string, ctx: 'full' | 'simple' | 'custom') => {
      const { fake } = setup({ owner });
      fake.setActiveUser(user).setRunContext(ctx);
      return fake.Session.getActiveUser().getEmail();
    };
    test('a simple trigger or a custom function hides a consumer account that is not the developer', () => {
      expect(run('boss@gmail.com', 'cadre@gmail.com', 'simple')).toBe('');
      expect(run('boss@gmail.com', 'cadre@gmail.com', 'custom')).toBe('');
      expect(run('boss@gmail.com', 'cadre@gmail.com', 'full')).toBe('cadre@gmail.com');
    });
    test('a different domain is hidden; the same Workspace domain is not; the developer always sees themselves', () => {
      expect(run('boss@jiedao.org', 'cadre@other.org', 'simple')).toBe('');
      expect(run('boss@jiedao.org', 'cadre@jiedao.org', 'simple')).toBe('cadre@jiedao.org');
      expect(run('boss@gmail.com', 'boss@gmail.com', 'simple')).toBe('boss@gmail.com');
      expect(run('boss@gmail.com', 'Boss@Gmail.com', 'custom')).toBe('Boss@Gmail.com');
    });
    test('the developer can differ from the spreadsheet owner (an add-on)', () => {
      const { fake } = setup({ owner: 'sheet@jiedao.org', scriptOwner: 'dev@gmail.com' });
      fake.setActiveUser('sheet@jiedao.org').setRunContext('simple');
      expect(fake.Session.getActiveUser().getEmail()).toBe('');
      expect(fake.Session.getEffectiveUser().getEmail()).toBe('sheet@jiedao.org');
    });
  });

  test('§1.10 getUi throws the exact text without a UI; getActiveSpreadsheet may be null', () => {
    const { fake, app } = setup();
    fake.setUiAvailable(false);
    expectGasError(() => app.getUi(), 'Cannot call SpreadsheetApp.getUi() from this context.');
    fake.setActiveSpreadsheet(null);
    expect(app.getActiveSpreadsheet()).toBeNull();
  });

  test('§1.10 openById works for spreadsheets the fake knows; create() adds one', () => {
    const { app, ss } = setup();
    expect(app.openById(ss.getId()).getName()).toBe(ss.getName());
    const other = app.create('报表');
    expect(app.openByUrl(other.getUrl()).getId()).toBe(other.getId());
    expect(() => app.openById('nope')).toThrow();
  });
});

describe('§2.2–§2.3 ScriptApp triggers', () => {
  test('§2.2 forSpreadsheet(ss).onFormSubmit().create(); getProjectTriggers; deleteTrigger', () => {
    const { fake, ss } = setup();
    const S = fake.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp;
    const t = S.newTrigger('onFormSubmitHandler').forSpreadsheet(ss).onFormSubmit().create();
    expect(t.getHandlerFunction()).toBe('onFormSubmitHandler');
    expect(String(t.getEventType())).toBe('ON_FORM_SUBMIT');
    expect(String(t.getTriggerSource())).toBe('SPREADSHEETS');
    expect(t.getTriggerSourceId()).toBe(ss.getId());
    expect(S.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    S.deleteTrigger(t);
    expect(S.getProjectTriggers()).toHaveLength(0);
  });

  test("§2.3 getProjectTriggers lists only the current user's triggers", () => {
    const { fake, ss } = setup();
    fake.ScriptApp.newTrigger('a').forSpreadsheet(ss).onOpen().create();
    fake.setActiveUser('alice@example.com');
    expect(fake.ScriptApp.getProjectTriggers()).toHaveLength(0);
  });

  test('§2.3 20 triggers per user: the 21st throws the exact text', () => {
    const { fake } = setup();
    for (let i = 0; i < 20; i++) fake.ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expectGasError(
      () => fake.ScriptApp.newTrigger('f20').timeBased().everyHours(1).create(),
      MSG.tooManyTriggers,
    );
  });

  // DOC https://developers.google.com/apps-script/guides/services/quotas: "Triggers: 20 / user / script"
  test('§2.3 the 20 are per user: another user still adds one; deleting one frees a place', () => {
    const { fake } = setup();
    for (let i = 0; i < 20; i++) fake.ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    fake.setActiveUser('alice@example.com');
    fake.ScriptApp.newTrigger('mine').timeBased().everyHours(1).create();
    expect(fake.triggers).toHaveLength(21);
    fake.setActiveUser(fake.owner);
    const form = () =>
      fake.ScriptApp.newTrigger('g').forSpreadsheet(fake.spreadsheet).onFormSubmit().create();
    expectGasError(form, MSG.tooManyTriggers);
    fake.ScriptApp.deleteTrigger(fake.ScriptApp.getProjectTriggers()[0]!);
    expect(form().getHandlerFunction()).toBe('g');
  });

  test('§2.3 timeBased: everyMinutes accepts only 1, 5, 10, 15, 30', () => {
    const { fake } = setup();
    const t = fake.ScriptApp.newTrigger('tick').timeBased().everyMinutes(15).create();
    expect(String(t.getEventType())).toBe('CLOCK');
    expect(() => fake.ScriptApp.newTrigger('tick').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(fake.triggers[0]?.schedule).toEqual({ everyMinutes: 15 });
  });

  test('§2.2 runHandler: private (_) or missing handlers fail with "Script function not found"', () => {
    const { fake } = setup();
    fake.registerHandlers({ ok: () => 'ran', hidden_: () => 'no' });
    expect(fake.runHandler('ok', {})).toBe('ran');
    expectGasError(() => fake.runHandler('hidden_', {}), 'Script function not found: hidden_');
    expectGasError(() => fake.runHandler('missing', {}), MSG.functionNotFound('missing'));
  });

  test('§7.1 getOAuthToken returns a token string', () => {
    const { fake } = setup();
    expect(fake.ScriptApp.getOAuthToken()).toMatch(/^fake-oauth-token/);
  });
});
