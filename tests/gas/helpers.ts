// Test helpers for the Sheets adapters: a fresh fake on the globals (strict to the real manifest's scopes), and the demo community typed into tabs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES, SOURCE_ZH, STATUS_ZH } from '../../src/core';
import { appendRows } from '../../src/gas/sheets-io';
import type { Cell } from '../../src/shared/cells';
import { demoScenario } from '../../src/shared/demo';
import { headersOf, TAB } from '../../src/shared/tabs';
import { createFakeGas, type FakeGas, type FakeGasOptions, installGas, type Manifest } from '../fake';

export const NOW = new Date('2026-11-05T02:00:00Z'); // 2026-11-05 10:00 in Shanghai
export const OWNER = 'owner@example.com';
export const MEMBER = 'weiyuan@example.com';
export const OUTSIDER = 'cadre05@example.org';

let restore: (() => void) | null = null;

/**
 * The project's own appsscript.json: its explicit oauthScopes are all a real run gets, so every adapter test
 * runs under them (a call outside them throws Google's "You do not have permission to call …").
 */
export function projectManifest(): Manifest {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as Manifest;
}

/**
 * A new fake installed on globalThis, with jest's clock at NOW (the add-on reads "now" from Date), held to
 * the project manifest's scopes unless options.manifest says otherwise.
 */
export function freshGas(options: FakeGasOptions = {}): FakeGas {
  restore?.();
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const fake = createFakeGas({ now: NOW, owner: OWNER, manifest: projectManifest(), ...options });
  restore = installGas(fake);
  return fake;
}

export function cleanupGas(): void {
  restore?.();
  restore = null;
  jest.useRealTimers();
}

function sheet(fake: FakeGas, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const s = fake.spreadsheet.getSheetByName(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Appends rows to a tab the way a careful typist would (text columns are plain text after setup). */
export function typeRows(fake: FakeGas, tab: Parameters<typeof appendRows>[1], rows: Cell[][]): void {
  appendRows(sheet(fake, TAB[tab]), tab, rows);
}

/** Writes 设置 values (key → value) into existing rows. */
export function setSetting(fake: FakeGas, key: string, value: string): void {
  const s = sheet(fake, TAB.settings);
  const keys = s
    .getRange(1, 1, s.getLastRow(), 1)
    .getValues()
    .map((r) => String(r[0]));
  const row = keys.indexOf(key) + 1;
  if (row < 1) throw new Error(`no setting ${key}`);
  s.getRange(row, 2).setNumberFormat('@').setValue(value);
}

/** Types the demo community (roster, ledger, attendance, scores, redemptions) into a set-up spreadsheet. */
export function seedDemo(fake: FakeGas, scale: { cadres?: number } = {}): ReturnType<typeof demoScenario> {
  const demo = demoScenario();
  const rules = new Map(DEFAULT_RULES.map((r) => [r.code, r]));
  const roster = demo.roster.slice(0, scale.cadres ?? demo.roster.length);
  const ids = new Set(roster.map((c) => c.id as string));
  typeRows(
    fake,
    'roster',
    roster.map(
      (c) => [c.id, c.name, c.role, c.email, '在职', c.startMonth, c.endMonth ?? '', '是'] as Cell[],
    ),
  );
  const names = new Map(roster.map((c) => [c.id as string, c.name as string]));
  const entries = demo.entries.filter((e) => ids.has(e.cadreId as string));
  typeRows(
    fake,
    'ledger',
    entries.map((e) => {
      const rule = rules.get(e.ruleCode as string)!;
      const f: Record<string, Cell> = {
        编号: e.id as string,
        月份: e.month as string,
        干部编号: e.cadreId as string,
        干部姓名: names.get(e.cadreId as string)!,
        规则编码: rule.code,
        事项: rule.item,
        数量: e.quantity as number,
        分值: rule.points,
        积分: rule.points * (e.quantity as number),
        得分依据: e.reason as string,
        来源: SOURCE_ZH[(e.source as 'form') ?? 'committee'],
        状态: STATUS_ZH[e.status as 'approved'],
      };
      return ledgerRow(f);
    }),
  );
  typeRows(
    fake,
    'attendance',
    demo.attendance
      .filter((a) => ids.has(a.cadreId as string))
      .map(
        (a) =>
          [
            a.month,
            a.cadreId,
            a.late,
            a.earlyLeave,
            a.absent,
            a.personalLeaveDays,
            a.sickLeaveDays,
          ] as Cell[],
      ),
  );
  typeRows(
    fake,
    'scores',
    demo.scores
      .filter((s) => ids.has(s.cadreId as string))
      .map(
        (s) =>
          [
            s.period,
            s.ruleCode === 'B-QUARTER-TOP5' ? '四知四清四掌握' : '学习强国',
            s.cadreId,
            s.score,
          ] as Cell[],
      ),
  );
  typeRows(
    fake,
    'redemptions',
    demo.redemptions
      .filter((r) => ids.has(r.cadreId as string))
      .map(
        (r) =>
          [
            r.id,
            r.cadreId,
            names.get(r.cadreId as string)!,
            r.date,
            r.halfDays,
            '',
            r.note,
            OWNER,
            '',
          ] as Cell[],
      ),
  );
  return { ...demo, roster, entries };
}

export { sheet };

/** A 积分台账 row from header → value pairs, in the standard column order (blank elsewhere). */
export function ledgerRow(fields: Record<string, Cell>): Cell[] {
  return headersOf('ledger').map((h) => fields[h] ?? '');
}

/**
 * Runs `act` once while an action is computing: after every tab was read (the time-zone lookup comes
 * right after the reads), as a person typing at that moment would. Returns a restore function.
 */
export function duringCompute(fake: FakeGas, act: () => void): () => void {
  const utilities = fake.Utilities as unknown as { formatDate: (d: Date, tz: string, p: string) => string };
  const formatDate = utilities.formatDate.bind(utilities);
  let done = false;
  utilities.formatDate = (d, tz, pattern) => {
    if (pattern === 'Z' && !done) {
      done = true;
      act();
    }
    return formatDate(d, tz, pattern);
  };
  return () => {
    utilities.formatDate = formatDate;
  };
}
