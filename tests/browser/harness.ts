// Browser-test harness: headless Chromium (playwright-core) serving a built dist page with a stub google.script.run.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { ActionResult, DialogOptions, EntryRequest, ServerApi } from '../../src/shared/ui-contract';
import { toolPath } from '../helpers/tools';
import { dialogOptions } from './fixtures';

const root = join(__dirname, '..', '..');
export const SCREENSHOTS = join(root, 'test-output', 'screenshots');

/** Launches the system Chromium that requireTool('chromium') found (suites skip or, under CI, fail without it). */
export async function launchBrowser(): Promise<Browser> {
  // Why no chromiumSandbox: it fails as root; playwright already passes headless/no-sandbox flags.
  // Browsers are never downloaded: toolPath names the one on PATH (or CHROMIUM_PATH).
  return chromium.launch({ executablePath: toolPath('chromium') });
}

type Handler<K extends keyof ServerApi> = (
  ...args: Parameters<ServerApi[K]>
) => ReturnType<ServerApi[K]> | Promise<ReturnType<ServerApi[K]>>;

/** Scripted server: one handler per ServerApi function; a missing one fails like Apps Script would. */
export type Handlers = { [K in keyof ServerApi]?: Handler<K> };

export interface ServerCall {
  name: string;
  args: unknown[];
}

export interface OpenedPage {
  page: Page;
  /** Every call the page made, in order, with its arguments as the server would receive them. */
  calls: ServerCall[];
  /** Replace handlers at any point of a test (the page calls through to this object). */
  handlers: Handlers;
  /** Uncaught page errors and console errors (tests assert none happened). */
  errors: string[];
  callsTo(name: keyof ServerApi): unknown[][];
  close(): Promise<void>;
}

/**
 * The stub google.script.run, installed before the page's own script. Kept as a string so that no
 * transform (swc, coverage) rewrites it. It mimics the facts of apps-script-facts §5: immutable
 * runners, asynchronous answers, `_`-suffixed names refused, and arguments that are copies with
 * Date/function values rejected.
 */
const STUB = `(() => {
  function check(v) {
    if (v instanceof Date || typeof v === 'function') throw new Error('Failed due to illegal value in property');
    if (v && typeof v === 'object') for (const k of Object.keys(v)) check(v[k]);
  }
  function runner(onOk, onFail) {
    const base = {
      withSuccessHandler: (fn) => runner(fn, onFail),
      withFailureHandler: (fn) => runner(onOk, fn),
      withUserObject: () => runner(onOk, onFail),
    };
    return new Proxy(base, {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (typeof prop !== 'string' || prop.endsWith('_') || prop === 'then') return undefined;
        return (...args) => {
          args.forEach(check);
          window.__stubServerCall(prop, JSON.stringify(args)).then((answer) => {
            const a = JSON.parse(answer);
            if ('error' in a) { if (onFail) onFail(new Error(a.error)); else console.warn(a.error); }
            else if (onOk) onOk(a.value);
          });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: () => { window.__hostClosed = true; } } } };
})();`;

const htmlCache = new Map<string, string>();
/** The built page, read once per test file. */
function pageHtml(file: string): string {
  let html = htmlCache.get(file);
  if (html === undefined) {
    html = readDist(file);
    htmlCache.set(file, html);
  }
  return html;
}

/**
 * Reads a built file, waiting out a concurrent rebuild. Why: scripts/build.mjs starts with rm -rf
 * dist, and other jest runs in the same checkout rebuild it, so the file may vanish for a second.
 */
export function readDist(file: string): string {
  const path = join(root, 'dist', file);
  const end = Date.now() + 15_000;
  for (;;) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || Date.now() > end) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/** Opens dist/<file> at a fake https URL (setContent would not run addInitScript). */
export async function openPage(
  browser: Browser,
  file: 'Sidebar.html' | 'Dialog.html',
  handlers: Handlers,
  viewport: { width: number; height: number },
): Promise<OpenedPage> {
  const html = pageHtml(file);
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const calls: ServerCall[] = [];
  const errors: string[] = [];
  const opened: OpenedPage = {
    page,
    calls,
    handlers,
    errors,
    callsTo: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
    close: () => context.close(),
  };
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__stubServerCall', async (name: string, argsJson: string) => {
    const args = JSON.parse(argsJson) as unknown[];
    calls.push({ name, args });
    const h = opened.handlers[name as keyof ServerApi] as ((...a: unknown[]) => unknown) | undefined;
    if (!h) return JSON.stringify({ error: `Script function not found: ${name}` });
    try {
      // JSON round trip: the page gets a copy, as from the real server (undefined → absent/null).
      return JSON.stringify({ value: (await h(...args)) ?? null });
    } catch (e) {
      return JSON.stringify({ error: `Error: ${(e as Error).message}` });
    }
  });
  await page.addInitScript(STUB);
  // Any other request (fonts, CDNs) is refused: the page must be self-contained.
  await page.route('**/*', (route) => route.abort());
  await page.route('https://sidebar.invalid/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(`https://sidebar.invalid/${file}`);
  return opened;
}

/** A promise you resolve from the test: holds a server call "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Retries an assertion until it passes (the page updates asynchronously after each server answer). */
export async function eventually(assertion: () => unknown, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * Auto-waiting checks on a locator, like @playwright/test's expect (which playwright-core lacks):
 * `await see(page.locator('#status')).text('已通过 1 条申报。')`.
 */
export function see(l: Locator) {
  const text = async () => ((await l.count()) === 1 ? await l.textContent({ timeout: 500 }) : null);
  return {
    text: (want: string) => eventually(async () => expect(await text()).toBe(want)),
    contains: (want: string) => eventually(async () => expect(await text()).toContain(want)),
    count: (n: number) => eventually(async () => expect(await l.count()).toBe(n)),
    value: (want: string) => eventually(async () => expect(await l.inputValue({ timeout: 500 })).toBe(want)),
    visible: () => eventually(async () => expect(await l.isVisible()).toBe(true)),
    hidden: () => eventually(async () => expect(await l.isVisible()).toBe(false)),
    disabled: () => eventually(async () => expect(await l.isDisabled({ timeout: 500 })).toBe(true)),
    enabled: () => eventually(async () => expect(await l.isDisabled({ timeout: 500 })).toBe(false)),
    className: (re: RegExp) =>
      eventually(async () => expect(await l.getAttribute('class', { timeout: 500 })).toMatch(re)),
    focused: () =>
      eventually(async () =>
        expect(await l.evaluate((e) => e === document.activeElement, undefined, { timeout: 500 })).toBe(true),
      ),
    attr: (name: string, want: string | null) =>
      eventually(async () => expect(await l.getAttribute(name, { timeout: 500 })).toBe(want)),
    property: (name: string, want: unknown) =>
      eventually(async () =>
        expect(
          await l.evaluate((e, n) => (e as unknown as Record<string, unknown>)[n], name, { timeout: 500 }),
        ).toBe(want),
      ),
  };
}

/** Every element matching the locator is disabled (or enabled). */
export async function allDisabled(l: Locator, disabled = true): Promise<void> {
  for (const one of await l.all()) await see(one)[disabled ? 'disabled' : 'enabled']();
}

/**
 * One Chromium per test file, and a check of every page a test opened: no page errors, and no
 * injected script ran (hostile fixtures set window.__pwned if their markup were ever executed).
 */
export function pageSession(): {
  open: (
    file: 'Sidebar.html' | 'Dialog.html',
    handlers: Handlers,
    viewport: { width: number; height: number },
  ) => Promise<OpenedPage>;
} {
  let browser: Browser | undefined;
  let opened: OpenedPage | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (opened) {
      const page = opened;
      opened = null;
      expect(page.errors).toEqual([]);
      expect(
        await page.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      await page.close();
    }
  });
  return {
    open: async (file, handlers, viewport) => {
      opened = await openPage(browser!, file, handlers, viewport);
      return opened;
    },
  };
}

/** The entry dialog at its usual size, with scripted options and submit answers (a session's opener). */
export function dialogOpener(session: ReturnType<typeof pageSession>) {
  return async (
    submit: (req: EntryRequest) => ActionResult | Promise<ActionResult> = () => ({
      ok: true,
      message: '已保存。',
    }),
    options: DialogOptions = dialogOptions(),
  ): Promise<OpenedPage> => {
    const opened = await session.open(
      'Dialog.html',
      { dialogGetOptions: () => options, dialogSubmit: submit },
      { width: 640, height: 600 },
    );
    await opened.page.locator('#panel-event fieldset').waitFor();
    return opened;
  };
}
