// HtmlService (§5): HtmlOutput, files from a configurable map, templates with <? ?>, <?= ?> (escaped) and <?!= ?> scriptlets.

import type { GasContext } from './context';
import { FakeGasUnsupportedError, GasException, MSG } from './errors';
import { FakeBlob } from './utilities';

type GOut = GoogleAppsScript.HTML.HtmlOutput;
type GTemplate = GoogleAppsScript.HTML.HtmlTemplate;

export const SandboxMode = Object.freeze({
  EMULATED: 'EMULATED',
  IFRAME: 'IFRAME',
  NATIVE: 'NATIVE',
} as const);
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const);

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class FakeHtmlOutput
  implements
    Pick<
      GOut,
      | 'addMetaTag'
      | 'append'
      | 'appendUntrusted'
      | 'asTemplate'
      | 'clear'
      | 'getBlob'
      | 'getContent'
      | 'getFaviconUrl'
      | 'getHeight'
      | 'getTitle'
      | 'getWidth'
      | 'setContent'
      | 'setFaviconUrl'
      | 'setHeight'
      | 'setSandboxMode'
      | 'setTitle'
      | 'setWidth'
      | 'setXFrameOptionsMode'
    >
{
  private title = '';
  private width = 0;
  private height = 0;
  private favicon = '';
  readonly metaTags: Array<{ name: string; content: string }> = [];
  xFrameOptionsMode: string | null = null;

  constructor(
    private content: string,
    private readonly ctx?: GasContext,
  ) {}

  private me(): GOut {
    return this as unknown as GOut;
  }
  addMetaTag(name: string, content: string): GOut {
    this.metaTags.push({ name, content });
    return this.me();
  }
  append(addedContent: string): GOut {
    this.content += addedContent;
    return this.me();
  }
  appendUntrusted(addedContent: string): GOut {
    this.content += escapeHtml(addedContent);
    return this.me();
  }
  asTemplate(): GTemplate {
    return new FakeHtmlTemplate(this.content, this.ctx) as unknown as GTemplate;
  }
  clear(): GOut {
    this.content = '';
    return this.me();
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return new FakeBlob(
      Buffer.from(this.content, 'utf8'),
      'text/html',
      this.title || null,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getContent(): string {
    return this.content;
  }
  getFaviconUrl(): string {
    return this.favicon;
  }
  getHeight(): number {
    return this.height;
  }
  getTitle(): string {
    return this.title;
  }
  getWidth(): number {
    return this.width;
  }
  setContent(content: string): GOut {
    this.content = content;
    return this.me();
  }
  setFaviconUrl(iconUrl: string): GOut {
    this.favicon = iconUrl;
    return this.me();
  }
  /** Dialogs only; a sidebar stays 300 px wide whatever this says (§5). */
  setHeight(height: number): GOut {
    this.height = height;
    return this.me();
  }
  /** No effect: only IFRAME mode remains (§5). */
  setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): GOut {
    return this.me();
  }
  setTitle(title: string): GOut {
    this.title = title;
    return this.me();
  }
  setWidth(width: number): GOut {
    this.width = width;
    return this.me();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GOut {
    this.xFrameOptionsMode = String(mode);
    return this.me();
  }
}

/** Compiles scriptlets to JS: text is printed, <?= x ?> printed escaped, <?!= x ?> raw, <? code ?> run. */
export function compileTemplate(raw: string): string {
  let code = 'var __out = "";\n';
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('<?', i);
    if (start < 0) {
      code += `__out += ${JSON.stringify(raw.slice(i))};\n`;
      break;
    }
    if (start > i) code += `__out += ${JSON.stringify(raw.slice(i, start))};\n`;
    const end = raw.indexOf('?>', start + 2);
    if (end < 0) throw new GasException('FakeGas: unterminated scriptlet in template');
    let body = raw.slice(start + 2, end);
    if (body.startsWith('!=')) {
      body = body.slice(2).trim().replace(/;$/, '');
      code += `__out += __raw(${body});\n`;
    } else if (body.startsWith('=')) {
      body = body.slice(1).trim().replace(/;$/, '');
      code += `__out += __esc(${body});\n`;
    } else code += `${body}\n`;
    i = end + 2;
  }
  return `${code}return __out;`;
}

export class FakeHtmlTemplate implements Pick<GTemplate, 'evaluate' | 'getCode' | 'getRawContent'> {
  [propName: string]: unknown;
  // ES private fields, so that template variables (t.raw = …, t.ctx = …) never clash with them.
  readonly #raw: string;
  readonly #ctx: GasContext | undefined;

  constructor(raw: string, ctx?: GasContext) {
    this.#raw = raw;
    this.#ctx = ctx;
  }

  /** Runs the scriptlets with this template's own properties in scope (then globals, as on the server). */
  evaluate(): GOut {
    const scope: Record<string, unknown> = {};
    for (const k of Object.keys(this)) scope[k] = this[k];
    const toText = (v: unknown) => (v === undefined || v === null ? '' : String(v));
    const fn = new Function(
      '__scope',
      '__esc',
      '__raw',
      `with (__scope) {\n${compileTemplate(this.#raw)}\n}`,
    ) as (scope: Record<string, unknown>, esc: (v: unknown) => string, raw: (v: unknown) => string) => string;
    const html = fn(scope, (v) => escapeHtml(toText(v)), toText);
    return new FakeHtmlOutput(html, this.#ctx) as unknown as GOut;
  }
  getCode(): string {
    return compileTemplate(this.#raw);
  }
  getRawContent(): string {
    return this.#raw;
  }
}

type ServicePick =
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile'
  | 'getUserAgent';

export class FakeHtmlService implements Pick<GoogleAppsScript.HTML.HtmlService, ServicePick> {
  readonly SandboxMode = SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;
  /** Project HTML files by name without '.html' (clasp keeps folders: 'ui/Sidebar', §5). */
  readonly files = new Map<string, string>();

  constructor(private readonly ctx: GasContext) {
    for (const [k, v] of Object.entries(ctx.options.htmlFiles ?? {})) this.files.set(k, v);
  }

  private hit(m: string): void {
    this.ctx.hit(`HtmlService.${m}`);
  }

  private file(name: string): string {
    const f = this.files.get(name);
    if (f === undefined) throw new GasException(MSG.noHtmlFile(name));
    return f;
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): GOut {
    this.hit('createHtmlOutput');
    if (html !== undefined && typeof html !== 'string') {
      return new FakeHtmlOutput(html.getBlob().getDataAsString(), this.ctx) as unknown as GOut;
    }
    return new FakeHtmlOutput(html ?? '', this.ctx) as unknown as GOut;
  }
  /** `No HTML file named X was found.` when missing (§5). */
  createHtmlOutputFromFile(filename: string): GOut {
    this.hit('createHtmlOutputFromFile');
    return new FakeHtmlOutput(this.file(filename), this.ctx) as unknown as GOut;
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GTemplate {
    this.hit('createTemplate');
    if (typeof html !== 'string')
      return new FakeHtmlTemplate(html.getBlob().getDataAsString(), this.ctx) as unknown as GTemplate;
    return new FakeHtmlTemplate(html, this.ctx) as unknown as GTemplate;
  }
  createTemplateFromFile(filename: string): GTemplate {
    this.hit('createTemplateFromFile');
    return new FakeHtmlTemplate(this.file(filename), this.ctx) as unknown as GTemplate;
  }
  getUserAgent(): string {
    this.hit('getUserAgent');
    throw new FakeGasUnsupportedError('HtmlService.getUserAgent (web apps only)');
  }
}
