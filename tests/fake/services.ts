// LockService (§3.1), PropertiesService (§3.2), CacheService (§3.3), Session (§1.10) and ScriptApp triggers (§2.2–§2.3).

import type { GasContext } from './context';
import { badParams, FakeGasUnsupportedError, GasException, MSG } from './errors';
import { asUser } from './user';

// ------------------------------------------------------------------ LockService

export type LockScope = 'script' | 'document' | 'user';

interface LockState {
  holder: 'self' | 'other';
  /** Lock objects of this execution that hold it. */
  owners: Set<FakeLock>;
  /** For 'other': clock time at which the other execution lets go (Infinity = never). */
  releaseAt: number;
}

/** The process-wide lock table. Tests mark a lock as held by another execution (§3.1 "Fake:"). */
export class LockRegistry {
  private readonly table = new Map<string, LockState>();
  constructor(private readonly ctx: GasContext) {}

  keyOf(scope: LockScope): string {
    if (scope === 'script') return 'script';
    if (scope === 'user') return `user:${this.ctx.effectiveUser}`;
    return `document:${this.ctx.activeSpreadsheetId ?? ''}`;
  }

  /** Another execution holds the lock; it lets go after `releaseAfterMs` of fake time, or never. */
  holdByOther(scope: LockScope, releaseAfterMs = Number.POSITIVE_INFINITY): void {
    const key = this.keyOf(scope);
    const cur = this.table.get(key);
    if (cur?.holder === 'self')
      throw new FakeGasUnsupportedError(`the ${scope} lock is held by this execution`);
    this.table.set(key, {
      holder: 'other',
      owners: new Set(),
      releaseAt: this.ctx.clock.now() + releaseAfterMs,
    });
  }

  releaseOther(scope: LockScope): void {
    const key = this.keyOf(scope);
    if (this.table.get(key)?.holder === 'other') this.table.delete(key);
  }

  /** True while any execution (this one or a simulated other) holds the lock. */
  isHeld(scope: LockScope): boolean {
    return this.table.has(this.keyOf(scope));
  }

  /** Locks are freed automatically when the execution ends (§3.1). */
  endExecution(): void {
    for (const [k, s] of [...this.table]) {
      if (s.holder === 'self') {
        for (const l of s.owners) l.held = false;
        this.table.delete(k);
      }
    }
  }

  acquire(lock: FakeLock, timeoutMs: number): boolean {
    const s = this.table.get(lock.key);
    if (!s) {
      this.table.set(lock.key, { holder: 'self', owners: new Set([lock]), releaseAt: 0 });
      return true;
    }
    if (s.holder === 'self') {
      s.owners.add(lock);
      return true;
    }
    const wait = s.releaseAt - this.ctx.clock.now();
    if (wait <= timeoutMs) {
      this.ctx.clock.advance(Math.max(0, wait));
      this.table.set(lock.key, { holder: 'self', owners: new Set([lock]), releaseAt: 0 });
      return true;
    }
    this.ctx.clock.advance(timeoutMs);
    return false;
  }

  release(lock: FakeLock): void {
    const s = this.table.get(lock.key);
    if (s?.holder !== 'self') return;
    s.owners.delete(lock);
    if (s.owners.size === 0) this.table.delete(lock.key);
  }
}

export class FakeLock implements GoogleAppsScript.Lock.Lock {
  held = false;
  constructor(
    private readonly ctx: GasContext,
    private readonly registry: LockRegistry,
    readonly key: string,
  ) {}

  private check(method: string, ms: unknown): number {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) badParams('Lock', 'Lock', method, [ms]);
    return ms;
  }
  /** true/false; no effect if this lock is already held (§3.1). Waiting advances the fake clock. */
  tryLock(timeoutInMillis: number): boolean {
    this.ctx.hit('Lock.tryLock');
    const ms = this.check('tryLock', timeoutInMillis);
    if (this.held) return true;
    this.held = this.registry.acquire(this, ms);
    return this.held;
  }
  /** Throws `Lock timeout: another process was holding the lock for too long.` (§3.1). */
  waitLock(timeoutInMillis: number): void {
    this.ctx.hit('Lock.waitLock');
    const ms = this.check('waitLock', timeoutInMillis);
    if (this.held) return;
    this.held = this.registry.acquire(this, ms);
    if (!this.held) throw new GasException(MSG.lockTimeout);
  }
  hasLock(): boolean {
    this.ctx.hit('Lock.hasLock');
    return this.held;
  }
  /** Does nothing when not held. */
  releaseLock(): void {
    this.ctx.hit('Lock.releaseLock');
    if (!this.held) return;
    this.held = false;
    this.registry.release(this);
  }
}

export class FakeLockService implements GoogleAppsScript.Lock.LockService {
  constructor(
    private readonly ctx: GasContext,
    readonly registry: LockRegistry,
  ) {}
  /** null outside a container (§3.1): fake.setContainerBound(false) or no active spreadsheet. */
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.hit('LockService.getDocumentLock');
    if (!this.ctx.containerBound || this.ctx.activeSpreadsheetId === null)
      return null as unknown as GoogleAppsScript.Lock.Lock;
    return new FakeLock(this.ctx, this.registry, this.registry.keyOf('document'));
  }
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.hit('LockService.getScriptLock');
    return new FakeLock(this.ctx, this.registry, 'script');
  }
  getUserLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.hit('LockService.getUserLock');
    return new FakeLock(this.ctx, this.registry, this.registry.keyOf('user'));
  }
}

// ------------------------------------------------------------------ PropertiesService

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;
// Not in the facts file: messages recalled from real runs. [UNCONFIRMED]
const QUOTA_MSG =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
const VALUE_TOO_LARGE = 'Argument too large: value';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

type GProps = GoogleAppsScript.Properties.Properties;

export class FakeProperties implements GProps {
  constructor(
    private readonly ctx: GasContext,
    readonly store: Map<string, string>,
  ) {}
  private hit(m: string): void {
    this.ctx.hit(`Properties.${m}`);
  }
  private me(): GProps {
    return this as unknown as GProps;
  }
  private put(entries: Array<[string, unknown]>, replaceAll: boolean): void {
    const next = replaceAll ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of entries) {
      if (typeof k !== 'string' || v === null || v === undefined) {
        throw new FakeGasUnsupportedError(
          `setProperty(${JSON.stringify(k)}, ${String(v)}): null/undefined values`,
        );
      }
      // Values are strings (§3.2); a number comes back as its String() [UNCONFIRMED coercion].
      const s = String(v);
      if (bytes(s) > VALUE_LIMIT) throw new GasException(VALUE_TOO_LARGE);
      next.set(k, s);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > STORE_LIMIT) throw new GasException(QUOTA_MSG);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
  deleteAllProperties(): GProps {
    this.hit('deleteAllProperties');
    this.store.clear();
    return this.me();
  }
  deleteProperty(key: string): GProps {
    this.hit('deleteProperty');
    this.store.delete(key);
    return this.me();
  }
  getKeys(): string[] {
    this.hit('getKeys');
    return [...this.store.keys()];
  }
  getProperties(): { [key: string]: string } {
    this.hit('getProperties');
    return Object.fromEntries(this.store);
  }
  /** null when missing (§3.2). */
  getProperty(key: string): string | null {
    this.hit('getProperty');
    return this.store.get(key) ?? null;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): GProps {
    this.hit('setProperties');
    this.put(Object.entries(properties), deleteAllOthers);
    return this.me();
  }
  setProperty(key: string, value: string): GProps {
    this.hit('setProperty');
    this.put([[key, value]], false);
    return this.me();
  }
}

export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly document = new Map<string, Map<string, string>>();
  readonly user = new Map<string, Map<string, string>>();
}

export class FakePropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  constructor(
    private readonly ctx: GasContext,
    readonly stores: PropertyStores,
  ) {}
  /** null where there is no container or add-on context (§3.2). */
  getDocumentProperties(): GProps {
    this.ctx.hit('PropertiesService.getDocumentProperties');
    const id = this.ctx.activeSpreadsheetId;
    if (!this.ctx.containerBound || id === null) return null as unknown as GProps;
    let m = this.stores.document.get(id);
    if (!m) {
      m = new Map();
      this.stores.document.set(id, m);
    }
    return new FakeProperties(this.ctx, m) as unknown as GProps;
  }
  getScriptProperties(): GProps {
    this.ctx.hit('PropertiesService.getScriptProperties');
    return new FakeProperties(this.ctx, this.stores.script) as unknown as GProps;
  }
  /** Per user (the effective user). */
  getUserProperties(): GProps {
    this.ctx.hit('PropertiesService.getUserProperties');
    let m = this.stores.user.get(this.ctx.effectiveUser);
    if (!m) {
      m = new Map();
      this.stores.user.set(this.ctx.effectiveUser, m);
    }
    return new FakeProperties(this.ctx, m) as unknown as GProps;
  }
}

// ------------------------------------------------------------------ CacheService

interface CacheEntry {
  value: string;
  expires: number;
}

const CACHE_DEFAULT_TTL = 600;
const CACHE_MAX_TTL = 21_600;
const CACHE_KEY_MAX = 250;
const CACHE_VALUE_MAX = 100 * 1024;
const CACHE_CAP = 1000;

export class FakeCache implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly ctx: GasContext,
    readonly entries: Map<string, CacheEntry>,
  ) {}
  private hit(m: string): void {
    this.ctx.hit(`Cache.${m}`);
  }
  private live(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e && e.expires <= this.ctx.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
  private store(key: string, value: unknown, ttl: number | undefined, method: string): void {
    if (typeof key !== 'string' || typeof value !== 'string')
      badParams('Cache', 'Cache', method, [key, value]);
    if (key.length > CACHE_KEY_MAX)
      throw new GasException('Argument too large: key (fake text; limit 250 characters, §3.3)');
    if (bytes(value) > CACHE_VALUE_MAX)
      throw new GasException('Argument too large: value (fake text; limit 100 KB, §3.3)');
    const secs = ttl ?? CACHE_DEFAULT_TTL;
    if (!Number.isFinite(secs) || secs < 1 || secs > CACHE_MAX_TTL) {
      throw new FakeGasUnsupportedError(
        `cache expiration ${secs}s outside 1..21600 (§3.3; behaviour [UNCONFIRMED])`,
      );
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.ctx.clock.now() + secs * 1000 });
    while (this.entries.size > CACHE_CAP) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
  /** null when missing or expired (§3.3). */
  get(key: string): string | null {
    this.hit('get');
    return this.live(key)?.value ?? null;
  }
  /** Only the keys found (§3.3). */
  getAll(keys: string[]): { [key: string]: string } {
    this.hit('getAll');
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this.live(k);
      if (e) out[k] = e.value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.hit('put');
    this.store(key, value, expirationInSeconds, 'put');
  }
  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.hit('putAll');
    for (const [k, v] of Object.entries(values)) this.store(k, v, expirationInSeconds, 'putAll');
  }
  remove(key: string): void {
    this.hit('remove');
    this.entries.delete(key);
  }
  removeAll(keys: string[]): void {
    this.hit('removeAll');
    for (const k of keys) this.entries.delete(k);
  }
}

export class CacheStores {
  readonly script = new Map<string, CacheEntry>();
  readonly document = new Map<string, Map<string, CacheEntry>>();
  readonly user = new Map<string, Map<string, CacheEntry>>();

  /** Entries may vanish early (§3.3): drop everything so tests cover the null path. */
  evictAll(): void {
    this.script.clear();
    for (const m of this.document.values()) m.clear();
    for (const m of this.user.values()) m.clear();
  }
}

function sub<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  return m;
}

export class FakeCacheService implements GoogleAppsScript.Cache.CacheService {
  constructor(
    private readonly ctx: GasContext,
    readonly stores: CacheStores,
  ) {}
  getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
    this.ctx.hit('CacheService.getDocumentCache');
    const id = this.ctx.activeSpreadsheetId;
    if (!this.ctx.containerBound || id === null) return null;
    return new FakeCache(this.ctx, sub(this.stores.document, id));
  }
  getScriptCache(): GoogleAppsScript.Cache.Cache {
    this.ctx.hit('CacheService.getScriptCache');
    return new FakeCache(this.ctx, this.stores.script);
  }
  getUserCache(): GoogleAppsScript.Cache.Cache {
    this.ctx.hit('CacheService.getUserCache');
    return new FakeCache(this.ctx, sub(this.stores.user, this.ctx.effectiveUser));
  }
}

// ------------------------------------------------------------------ Session

/** Consumer Google accounts: not a Google Workspace domain, so "same domain" never applies. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
function sameWorkspaceDomain(a: string, b: string): boolean {
  const d = domainOf(a);
  return d === domainOf(b) && !CONSUMER_DOMAINS.has(d);
}

export class FakeSession
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      | 'getActiveUser'
      | 'getActiveUserLocale'
      | 'getEffectiveUser'
      | 'getScriptTimeZone'
      | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly ctx: GasContext) {}
  /**
   * getEmail() is '' where policy hides the user (DOC https://developers.google.com/apps-script/reference/base/session#getActiveUser()):
   * in a context that runs without the user's authorization (a simple onOpen/onEdit trigger, a custom
   * function: fake.setRunContext('simple' | 'custom')), unless the user is the script's developer or in the
   * developer's Google Workspace domain (a consumer gmail.com account has none). Also '' without the
   * userinfo.email scope in an explicit oauthScopes list (facts §1.10), and for fake.setActiveUser('').
   */
  getActiveUser(): GoogleAppsScript.Base.User {
    this.ctx.hit('Session.getActiveUser');
    const me = this.ctx.activeUser;
    if (!me || !this.emailScope()) return asUser('');
    if (this.ctx.runContext === 'full' || sameUser(me, this.ctx.scriptOwner)) return asUser(me);
    return asUser(sameWorkspaceDomain(me, this.ctx.scriptOwner) ? me : '');
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.ctx.hit('Session.getEffectiveUser');
    return asUser(this.emailScope() ? this.ctx.effectiveUser : '');
  }
  private emailScope(): boolean {
    const g = this.ctx.grantedScopes;
    return g === null || g.includes('https://www.googleapis.com/auth/userinfo.email');
  }
  getActiveUserLocale(): string {
    this.ctx.hit('Session.getActiveUserLocale');
    const id = this.ctx.activeSpreadsheetId;
    return (id && this.ctx.spreadsheets.get(id)?.locale) || 'zh_CN';
  }
  /** appsscript.json timeZone; the spreadsheet has its own (§1.1). */
  getScriptTimeZone(): string {
    this.ctx.hit('Session.getScriptTimeZone');
    return this.ctx.scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    this.ctx.hit('Session.getTemporaryActiveUserKey');
    return `temp-key-${Buffer.from(this.ctx.activeUser).toString('hex')}`;
  }
}

// ------------------------------------------------------------------ ScriptApp

export const AuthMode = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const);
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const);
export const TriggerSource = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const);
export const WeekDay = Object.freeze({
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const);
export const AuthorizationStatus = Object.freeze({
  REQUIRED: 'REQUIRED',
  NOT_REQUIRED: 'NOT_REQUIRED',
} as const);
export const InstallationSource = Object.freeze({
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
} as const);

export type EventTypeName = keyof typeof EventType;
export type TriggerSourceName = keyof typeof TriggerSource;

export interface TriggerModel {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  sourceId: string;
  /** The account that created it: the trigger runs as this user (§2.2). */
  owner: string;
  /** Clock schedule as set on the builder (inspect in tests). */
  schedule?: Record<string, unknown>;
}

const TRIGGER_LIMIT = 20;

export class TriggerRegistry {
  readonly all: TriggerModel[] = [];
  constructor(private readonly ctx: GasContext) {}
  add(t: Omit<TriggerModel, 'id' | 'owner'>): TriggerModel {
    const owner = this.ctx.effectiveUser;
    if (this.all.filter((x) => x.owner === owner).length >= TRIGGER_LIMIT)
      throw new GasException(MSG.tooManyTriggers);
    const m: TriggerModel = { ...t, id: String(9_000_000 + this.ctx.next('trigger')), owner };
    this.all.push(m);
    return m;
  }
}

type GTrigger = GoogleAppsScript.Script.Trigger;

export class FakeTrigger implements GTrigger {
  constructor(readonly model: TriggerModel) {}
  getEventType(): GoogleAppsScript.Script.EventType {
    return this.model.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getHandlerFunction(): string {
    return this.model.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.model.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this.model.sourceId;
  }
  getUniqueId(): string {
    return this.model.id;
  }
}

class SourceTriggerBuilder {
  private eventType: EventTypeName | null = null;
  constructor(
    private readonly ctx: GasContext,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
    private readonly source: TriggerSourceName,
    private readonly sourceId: string,
  ) {}
  private on(t: EventTypeName): this {
    this.eventType = t;
    return this;
  }
  onOpen(): this {
    return this.on('ON_OPEN');
  }
  onEdit(): this {
    return this.on('ON_EDIT');
  }
  onChange(): this {
    return this.on('ON_CHANGE');
  }
  onFormSubmit(): this {
    return this.on('ON_FORM_SUBMIT');
  }
  create(): GTrigger {
    this.ctx.hit('ScriptApp.createTrigger');
    if (!this.eventType) throw new FakeGasUnsupportedError('TriggerBuilder.create() without an event type');
    return new FakeTrigger(
      this.registry.add({
        handler: this.handler,
        eventType: this.eventType,
        source: this.source,
        sourceId: this.sourceId,
      }),
    );
  }
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];

/** timeBased(): records the schedule; everyMinutes accepts only 1, 5, 10, 15, 30 (§2.3). */
export class FakeClockTriggerBuilder
  implements
    Pick<
      GoogleAppsScript.Script.ClockTriggerBuilder,
      | 'after'
      | 'at'
      | 'atDate'
      | 'atHour'
      | 'create'
      | 'everyDays'
      | 'everyHours'
      | 'everyMinutes'
      | 'everyWeeks'
      | 'inTimezone'
      | 'nearMinute'
      | 'onMonthDay'
      | 'onWeekDay'
    >
{
  private readonly schedule: Record<string, unknown> = {};
  constructor(
    private readonly ctx: GasContext,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}
  private set(k: string, v: unknown): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.schedule[k] = v;
    return this as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
  after(durationMilliseconds: number) {
    return this.set('after', durationMilliseconds);
  }
  at(date: Date) {
    return this.set('at', new Date(date));
  }
  atDate(year: number, month: number, day: number) {
    return this.set('atDate', [year, month, day]);
  }
  atHour(hour: number) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      badParams('ScriptApp', 'ClockTriggerBuilder', 'atHour', [hour]);
    return this.set('atHour', hour);
  }
  everyDays(n: number) {
    return this.set('everyDays', n);
  }
  everyHours(n: number) {
    return this.set('everyHours', n);
  }
  everyMinutes(n: number) {
    if (!EVERY_MINUTES.includes(n)) {
      throw new GasException(
        `everyMinutes accepts only 1, 5, 10, 15 or 30, not ${n}. (fake text; rule from §2.3)`,
      );
    }
    return this.set('everyMinutes', n);
  }
  everyWeeks(n: number) {
    return this.set('everyWeeks', n);
  }
  inTimezone(timezone: string) {
    return this.set('timezone', timezone);
  }
  nearMinute(minute: number) {
    return this.set('nearMinute', minute);
  }
  onMonthDay(day: number) {
    return this.set('onMonthDay', day);
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday) {
    return this.set('onWeekDay', String(day));
  }
  create(): GTrigger {
    this.ctx.hit('ScriptApp.createTrigger');
    if (Object.keys(this.schedule).filter((k) => k !== 'timezone').length === 0) {
      throw new FakeGasUnsupportedError('timeBased().create() without a schedule');
    }
    return new FakeTrigger(
      this.registry.add({
        handler: this.handler,
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: '',
        schedule: { ...this.schedule },
      }),
    );
  }
}

function sourceId(x: unknown, kind: string): string {
  if (typeof x === 'string') return x;
  if (x && typeof (x as { getId?: unknown }).getId === 'function') return (x as { getId(): string }).getId();
  return badParams('ScriptApp', 'TriggerBuilder', kind, [x]);
}

export class FakeTriggerBuilder
  implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'forForm' | 'forSpreadsheet' | 'timeBased'>
{
  constructor(
    private readonly ctx: GasContext,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}
  forSpreadsheet(
    sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return new SourceTriggerBuilder(
      this.ctx,
      this.registry,
      this.handler,
      'SPREADSHEETS',
      sourceId(sheet, 'forSpreadsheet'),
    ) as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
  }
  forForm(form: GoogleAppsScript.Forms.Form | string): GoogleAppsScript.Script.FormTriggerBuilder {
    return new SourceTriggerBuilder(
      this.ctx,
      this.registry,
      this.handler,
      'FORMS',
      sourceId(form, 'forForm'),
    ) as unknown as GoogleAppsScript.Script.FormTriggerBuilder;
  }
  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return new FakeClockTriggerBuilder(
      this.ctx,
      this.registry,
      this.handler,
    ) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
}

type ScriptPick =
  | 'deleteTrigger'
  | 'getAuthorizationInfo'
  | 'getInstallationSource'
  | 'getOAuthToken'
  | 'getProjectTriggers'
  | 'getScriptId'
  | 'getService'
  | 'getUserTriggers'
  | 'newTrigger'
  | 'requireAllScopes'
  | 'requireScopes';

export class FakeScriptApp implements Pick<GoogleAppsScript.Script.ScriptApp, ScriptPick> {
  readonly AuthMode = AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode;
  readonly EventType = EventType as unknown as typeof GoogleAppsScript.Script.EventType;
  readonly TriggerSource = TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource;
  readonly WeekDay = WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday;
  readonly AuthorizationStatus =
    AuthorizationStatus as unknown as typeof GoogleAppsScript.Script.AuthorizationStatus;
  readonly InstallationSource =
    InstallationSource as unknown as typeof GoogleAppsScript.Script.InstallationSource;

  constructor(
    private readonly ctx: GasContext,
    readonly triggers: TriggerRegistry,
  ) {}

  private hit(m: string): void {
    this.ctx.hit(`ScriptApp.${m}`);
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.hit('newTrigger');
    if (typeof functionName !== 'string') badParams('ScriptApp', 'ScriptApp', 'newTrigger', [functionName]);
    return new FakeTriggerBuilder(
      this.ctx,
      this.triggers,
      functionName,
    ) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }
  /** Only the current user's triggers (§2.3). */
  getProjectTriggers(): GTrigger[] {
    this.hit('getProjectTriggers');
    return this.triggers.all.filter((t) => t.owner === this.ctx.effectiveUser).map((t) => new FakeTrigger(t));
  }
  getUserTriggers(container: { getId(): string }): GTrigger[] {
    this.hit('getUserTriggers');
    const id = container.getId();
    return this.triggers.all
      .filter((t) => t.owner === this.ctx.effectiveUser && t.sourceId === id)
      .map((t) => new FakeTrigger(t));
  }
  deleteTrigger(trigger: GTrigger): void {
    this.hit('deleteTrigger');
    const id = trigger.getUniqueId();
    const i = this.triggers.all.findIndex((t) => t.id === id && t.owner === this.ctx.effectiveUser);
    if (i >= 0) this.triggers.all.splice(i, 1);
  }
  getOAuthToken(): string {
    this.hit('getOAuthToken');
    return `fake-oauth-token:${this.ctx.effectiveUser}`;
  }
  getScriptId(): string {
    this.hit('getScriptId');
    return 'fake-script-id';
  }
  /**
   * The web app deployment: getUrl() is null until one exists (fake.setWebAppUrl). Docs:
   * https://developers.google.com/apps-script/reference/script/script-app#getService(),
   * https://developers.google.com/apps-script/reference/script/service#getUrl()
   */
  getService(): GoogleAppsScript.Script.Service {
    this.hit('getService');
    const url = this.ctx.webAppUrl;
    return {
      getUrl: () => url,
      isEnabled: () => url !== null,
    } as unknown as GoogleAppsScript.Script.Service;
  }
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    this.hit('getInstallationSource');
    return 'NONE' as unknown as GoogleAppsScript.Script.InstallationSource;
  }
  getAuthorizationInfo(
    _authMode: GoogleAppsScript.Script.AuthMode,
  ): GoogleAppsScript.Script.AuthorizationInfo {
    this.hit('getAuthorizationInfo');
    return {
      getAuthorizationStatus: () => 'NOT_REQUIRED' as unknown as GoogleAppsScript.Script.AuthorizationStatus,
      getAuthorizationUrl: () => '',
    } as GoogleAppsScript.Script.AuthorizationInfo;
  }
  requireScopes(_authMode: GoogleAppsScript.Script.AuthMode, _oAuthScopes: string[]): void {
    this.hit('requireScopes');
  }
  requireAllScopes(_authMode: GoogleAppsScript.Script.AuthMode): void {
    this.hit('requireAllScopes');
  }
}
