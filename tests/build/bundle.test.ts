// The built Apps Script bundle: one classic script, exactly the expected globals, JSDoc kept on stubs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';

const gasGlobals = require('../../scripts/gas-globals.cjs') as {
  findExportedFunctions: (src: string) => { name: string; params: string[]; jsdoc: string }[];
  generateStubs: (src: string, exports: string[], globalName: string) => string;
  paramNames: (list: string) => string[];
};

const dist = join(__dirname, '..', '..', 'dist');
const code = readFileSync(join(dist, 'Code.js'), 'utf8');

/** Every global Apps Script may call. Changing this list is a deliberate act: update it here. */
const EXPECTED_GLOBALS = [
  'JIFEN_LEAVE_DAYS',
  'JIFEN_RANK',
  'JIFEN_TOTAL',
  'dailyNotify',
  'dialogGetOptions',
  'dialogSubmit',
  'doGet',
  'menuHelp',
  'menuNotifyDiscipline',
  'menuOpenEntryDialog',
  'menuOpenSidebar',
  'menuPersonalLinks',
  'menuPublishCorrection',
  'menuPublishHalfYear',
  'menuPublishMonth',
  'menuRecompute',
  'menuResetPersonalLinks',
  'menuRollup',
  'menuRollupSetup',
  'menuSetup',
  'menuSetupForm',
  'menuSyncResponses',
  'menuVerifySnapshots',
  'menuYearRollover',
  'monthlyNotify',
  'onEdit',
  'onFormSubmit',
  'onInstall',
  'onOpen',
  'sidebarGetState',
  'sidebarInspect',
  'sidebarPublish',
  'sidebarReview',
];

test('globals.json lists exactly the expected entry points', () => {
  expect(JSON.parse(readFileSync(join(dist, 'globals.json'), 'utf8'))).toEqual(EXPECTED_GLOBALS);
});

test('Code.js is a classic script (no import/export) whose top-level functions are exactly the globals', () => {
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  const declared = [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]).sort();
  expect(declared).toEqual(EXPECTED_GLOBALS);
  for (const name of EXPECTED_GLOBALS) expect(typeof (ctx as Record<string, unknown>)[name]).toBe('function');
  // the bundle's own namespace is a private global (trailing underscore)
  expect(typeof (ctx as Record<string, unknown>).Jifen_).toBe('object');
});

test('custom functions keep their @customfunction JSDoc and parameter names', () => {
  for (const name of ['JIFEN_TOTAL', 'JIFEN_RANK', 'JIFEN_LEAVE_DAYS']) {
    const m = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
    expect(m).not.toBeNull();
    expect(m![1]).toContain('@customfunction');
    expect(m![1]).toMatch(/[\u4e00-\u9fff]/);
    expect(m![2]!.split(', ')[0]).toBe('cadreIds');
  }
});

test('no Node-only globals leak into the Apps Script bundle', () => {
  expect(code).not.toMatch(/\brequire\(/);
  expect(code).not.toMatch(/\bprocess\.(env|argv|exit)/);
});

describe('stub generator', () => {
  test('parameter names are read from TypeScript signatures', () => {
    expect(gasGlobals.paramNames('a: string, b?: Map<string, number>, ...rest: unknown[]')).toEqual([
      'a',
      'b',
      'rest',
    ]);
    expect(gasGlobals.paramNames('opts: { x: number; y: (a: number) => void } = {}')).toEqual(['opts']);
    expect(gasGlobals.paramNames('')).toEqual([]);
  });

  test('a stub delegates to the bundle namespace and keeps its JSDoc', () => {
    const src =
      '/** Doubles.\n * @customfunction */\nexport function DOUBLE(n: number): number { return n * 2; }\n';
    const stub = gasGlobals.generateStubs(src, ['DOUBLE'], 'Lib_');
    expect(stub).toContain('@customfunction');
    const ctx = vm.createContext({ Lib_: { DOUBLE: (n: number) => n * 2 } });
    vm.runInContext(stub, ctx);
    expect(vm.runInContext('DOUBLE(21)', ctx)).toBe(42);
  });

  test('an export that is not a function declaration fails the build', () => {
    const src = 'export const X = 1;\nexport function f() {}\n';
    expect(() => gasGlobals.generateStubs(src, ['X', 'f'], 'Lib_')).toThrow(/X/);
  });
});

test('bundle stays under the 300 KiB budget', () => {
  expect(Buffer.byteLength(code)).toBeLessThan(300 * 1024);
});
