// UrlFetchApp (scripted responses, recorded requests, §7.1 error text), DriveApp (minimal files/folders) and MailApp (§7.2).

import type { GasContext } from './context';
import { badParams, FakeGasUnsupportedError, GasException } from './errors';
import { asUser } from './user';
import { FakeBlob, newBlob } from './utilities';

type GResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type GOptions = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: unknown;
  muteHttpExceptions: boolean;
  contentType?: string;
}

export interface ScriptedResponse {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  contentType?: string;
}

type Matcher = string | RegExp | ((req: RecordedRequest) => boolean);

export class FakeHttpResponse
  implements
    Pick<
      GResponse,
      | 'getAllHeaders'
      | 'getAs'
      | 'getBlob'
      | 'getContent'
      | 'getContentText'
      | 'getHeaders'
      | 'getResponseCode'
    >
{
  constructor(
    private readonly status: number,
    private readonly body: Buffer,
    private readonly headers: Record<string, string>,
  ) {}
  getAllHeaders(): object {
    return { ...this.headers };
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return new FakeBlob(
      Buffer.from(this.body),
      this.headers['Content-Type'] ?? null,
      null,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getContent(): GoogleAppsScript.Byte[] {
    return Array.from(new Int8Array(this.body.buffer, this.body.byteOffset, this.body.byteLength));
  }
  getContentText(): string {
    return this.body.toString('utf8');
  }
  getHeaders(): object {
    return { ...this.headers };
  }
  getResponseCode(): number {
    return this.status;
  }
}

/**
 * The Sheets PDF export endpoint as community code uses it (apps-script-facts §7.1, from Spencer Easton's
 * gist https://gist.github.com/Spencer-Easton/78f9867a691e549c9c70): Google documents neither the endpoint
 * nor its parameters, and the server ignores a name it does not know, so a misspelt `fitW` would print at
 * 100 % with no error. The model refuses what §7.1 does not list, so a test cannot pass on a typo.
 */
const EXPORT_PARAMS: Record<string, RegExp> = {
  format: /^pdf$/,
  exportFormat: /^pdf$/,
  gid: /^\d+$/,
  size: /^(?:A4|letter|legal|A3|A5|B4|B5|tabloid|[0-9]|10)$/,
  portrait: /^(?:true|false)$/,
  fitw: /^(?:true|false)$/,
  gridlines: /^(?:true|false)$/,
  printtitle: /^(?:true|false)$/,
  sheetnames: /^(?:true|false)$/,
  pagenum: /^(?:CENTER|UNDEFINED)$/,
  fzr: /^(?:true|false)$/,
  top_margin: /^\d+(?:\.\d+)?$/,
  bottom_margin: /^\d+(?:\.\d+)?$/,
  left_margin: /^\d+(?:\.\d+)?$/,
  right_margin: /^\d+(?:\.\d+)?$/,
  horizontal_alignment: /^(?:LEFT|CENTER|RIGHT)$/,
  vertical_alignment: /^(?:TOP|MIDDLE|BOTTOM)$/,
  range: /^[A-Z]+\d+:[A-Z]+\d+$/,
  r1: /^\d+$/,
  r2: /^\d+$/,
  c1: /^\d+$/,
  c2: /^\d+$/,
};

/** What a Sheets PDF export request asks for: which sheet, and how it prints. */
export interface SheetsPdfExport {
  spreadsheetId: string;
  /** The sheet (its getSheetId()); undefined exports every sheet. */
  gid?: number;
  size: string;
  portrait: boolean;
  /** Fit to the page width (`fitw`). */
  fitToWidth: boolean;
  /** Frozen rows repeated on every page (`fzr`). */
  repeatFrozenRows: boolean;
  gridlines: boolean;
  pageNumbers: boolean;
  /** Inches: top, bottom, left, right. */
  margins: [number, number, number, number];
}

/** Reads a Sheets PDF export URL as §7.1 describes it; throws on anything §7.1 does not list. */
export function parseSheetsPdfExport(url: string): SheetsPdfExport {
  const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/?#]+)\/export\?(.*)$/.exec(url);
  if (!m) throw new FakeGasUnsupportedError(`not a Sheets export URL: ${url}`);
  const q = new URLSearchParams(m[2]);
  for (const [k, v] of q) {
    const ok = EXPORT_PARAMS[k];
    if (!ok)
      throw new FakeGasUnsupportedError(
        `Sheets export: unknown parameter ${k} (not in apps-script-facts §7.1)`,
      );
    if (!ok.test(v)) throw new FakeGasUnsupportedError(`Sheets export: ${k}=${v} is not a value §7.1 lists`);
  }
  if (q.get('format') !== 'pdf') throw new FakeGasUnsupportedError('Sheets export: format=pdf missing');
  // Defaults when a parameter is left out are not documented anywhere: the model refuses to guess them.
  const need = (k: string) => {
    const v = q.get(k);
    if (v === null)
      throw new FakeGasUnsupportedError(`Sheets export: ${k} not given (its default is not documented)`);
    return v;
  };
  const gid = q.get('gid');
  return {
    spreadsheetId: decodeURIComponent(m[1]!),
    ...(gid === null ? {} : { gid: Number(gid) }),
    size: need('size'),
    portrait: need('portrait') === 'true',
    fitToWidth: need('fitw') === 'true',
    repeatFrozenRows: need('fzr') === 'true',
    gridlines: need('gridlines') === 'true',
    pageNumbers: need('pagenum') === 'CENTER',
    margins: [
      Number(need('top_margin')),
      Number(need('bottom_margin')),
      Number(need('left_margin')),
      Number(need('right_margin')),
    ],
  };
}

export class FakeUrlFetchApp implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'> {
  /** Every request, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly rules: Array<{ match: Matcher; responses: ScriptedResponse[]; sticky: boolean }> = [];

  constructor(private readonly ctx: GasContext) {}

  /** Answers matching requests with `response` (every time), or with a queue of responses used in turn. */
  respond(match: Matcher, response: ScriptedResponse | ScriptedResponse[]): this {
    const list = Array.isArray(response) ? [...response] : [response];
    this.rules.push({ match, responses: list, sticky: !Array.isArray(response) });
    return this;
  }

  private answer(req: RecordedRequest): ScriptedResponse {
    for (const r of this.rules) {
      const ok =
        typeof r.match === 'string'
          ? req.url.startsWith(r.match)
          : r.match instanceof RegExp
            ? r.match.test(req.url)
            : r.match(req);
      if (!ok || r.responses.length === 0) continue;
      return (r.sticky ? r.responses[0] : r.responses.shift()) as ScriptedResponse;
    }
    throw new FakeGasUnsupportedError(
      `UrlFetchApp.fetch(${req.method.toUpperCase()} ${req.url}) has no scripted response`,
    );
  }

  fetch(url: string, params: GOptions = {}): GResponse {
    this.ctx.hit('UrlFetchApp.fetch');
    if (typeof url !== 'string') badParams('UrlFetchApp', 'UrlFetchApp', 'fetch', [url]);
    const req: RecordedRequest = {
      url,
      method: (params.method ?? 'get').toLowerCase(),
      headers: { ...(params.headers ?? {}) },
      payload: params.payload,
      muteHttpExceptions: params.muteHttpExceptions === true,
      ...(params.contentType ? { contentType: params.contentType } : {}),
    };
    this.requests.push(req);
    const a = this.answer(req);
    const status = a.status ?? 200;
    const body = Buffer.isBuffer(a.body) ? a.body : Buffer.from(a.body ?? '', 'utf8');
    const headers = { ...(a.contentType ? { 'Content-Type': a.contentType } : {}), ...(a.headers ?? {}) };
    if (status >= 400 && !req.muteHttpExceptions) {
      const host = /^(https?:\/\/[^/?#]+)/.exec(url)?.[1] ?? url;
      const text = body.toString('utf8');
      throw new GasException(
        `Request failed for ${host} returned code ${status}. Truncated server response: ${text.slice(0, 100)}${text.length > 100 ? '...' : ''} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new FakeHttpResponse(status, body, headers) as unknown as GResponse;
  }

  fetchAll(requests: Array<GoogleAppsScript.URL_Fetch.URLFetchRequest | string>): GResponse[] {
    this.ctx.hit('UrlFetchApp.fetchAll');
    return requests.map((r) => (typeof r === 'string' ? this.fetch(r) : this.fetch(r.url, r)));
  }
}

// ------------------------------------------------------------------ DriveApp

interface DriveItem {
  id: string;
  name: string;
  kind: 'file' | 'folder';
  parent: string | null;
  blob?: FakeBlob;
  trashed: boolean;
  created: Date;
  description: string | null;
  /** Created by this script (DriveApp or Drive.Files): what the drive.file scope lets it see again. */
  byApp: boolean;
  /** Set by Drive.Files.create (folders get the folder type). */
  mimeType?: string;
}

export class DriveStore {
  readonly items = new Map<string, DriveItem>();
  readonly rootId = 'fake-root-folder';
  constructor(readonly ctx: GasContext) {
    this.items.set(this.rootId, {
      id: this.rootId,
      name: 'My Drive',
      kind: 'folder',
      parent: null,
      trashed: false,
      created: ctx.clock.date(),
      description: null,
      byApp: false,
    });
  }
  add(kind: 'file' | 'folder', name: string, parent: string, blob?: FakeBlob, byApp = true): DriveItem {
    const id = `fake-${kind}-${this.ctx.next('drive')}`;
    const item: DriveItem = {
      id,
      name,
      kind,
      parent,
      trashed: false,
      created: this.ctx.clock.date(),
      description: null,
      byApp,
      ...(blob ? { blob } : {}),
    };
    this.items.set(id, item);
    return item;
  }
  /** Test helper: a folder the user made by hand (not by this script), e.g. to check drive.file can't see it. */
  addUserFolder(name: string): string {
    return this.add('folder', name, this.rootId, undefined, false).id;
  }
  /** Test helper: the folders (not the root) created so far. */
  folders(): Array<{ id: string; name: string; parent: string | null; trashed: boolean }> {
    return [...this.items.values()]
      .filter((i) => i.kind === 'folder' && i.id !== this.rootId)
      .map((i) => ({ id: i.id, name: i.name, parent: i.parent, trashed: i.trashed }));
  }
  /** Test helper: the files (not folders) created so far. */
  files(): Array<{ id: string; name: string; mimeType: string | null; parent: string | null; text: string }> {
    return [...this.items.values()]
      .filter((i) => i.kind === 'file')
      .map((i) => ({
        id: i.id,
        name: i.name,
        mimeType: i.blob?.getContentType() ?? null,
        parent: i.parent,
        text: i.blob?.getDataAsString() ?? '',
      }));
  }
}

type GFile = GoogleAppsScript.Drive.File;
type GFolder = GoogleAppsScript.Drive.Folder;

function iterator<T>(items: T[]): { hasNext(): boolean; next(): T; getContinuationToken(): string } {
  let i = 0;
  return {
    hasNext: () => i < items.length,
    next: () => {
      if (i >= items.length)
        throw new GasException('Cannot retrieve the next object: iterator has reached the end.');
      return items[i++] as T;
    },
    getContinuationToken: () => String(i),
  };
}

export class FakeDriveFile
  implements
    Pick<
      GFile,
      | 'getBlob'
      | 'getId'
      | 'getMimeType'
      | 'getName'
      | 'getSize'
      | 'getUrl'
      | 'isTrashed'
      | 'setName'
      | 'setTrashed'
      | 'getDateCreated'
      | 'setDescription'
      | 'getDescription'
      | 'getDownloadUrl'
    >
{
  constructor(readonly item: DriveItem) {}
  getBlob(): GoogleAppsScript.Base.Blob {
    return (this.item.blob as FakeBlob).copyBlob();
  }
  getId(): string {
    return this.item.id;
  }
  getMimeType(): string {
    return this.item.blob?.getContentType() ?? 'application/octet-stream';
  }
  getName(): string {
    return this.item.name;
  }
  getSize(): number {
    return this.item.blob?.bytes.length ?? 0;
  }
  getUrl(): string {
    return `https://drive.google.com/file/d/${this.item.id}/view?usp=drivesdk`;
  }
  getDownloadUrl(): string {
    return `https://drive.google.com/uc?id=${this.item.id}&export=download`;
  }
  isTrashed(): boolean {
    return this.item.trashed;
  }
  setName(name: string): GFile {
    this.item.name = name;
    return this as unknown as GFile;
  }
  setTrashed(trashed: boolean): GFile {
    this.item.trashed = trashed;
    return this as unknown as GFile;
  }
  getDateCreated(): Date {
    return new Date(this.item.created);
  }
  setDescription(description: string): GFile {
    this.item.description = description;
    return this as unknown as GFile;
  }
  getDescription(): string | null {
    return this.item.description;
  }
}

function createFileIn(
  store: DriveStore,
  parent: string,
  a: unknown,
  content?: string,
  mimeType?: string,
): GFile {
  let blob: FakeBlob;
  let name: string;
  if (typeof a === 'string') {
    if (typeof content !== 'string') badParams('DriveApp', 'Folder', 'createFile', [a, content]);
    blob = newBlob(content, mimeType ?? 'text/plain', a) as unknown as FakeBlob;
    name = a;
  } else if (a && typeof (a as { getBlob?: unknown }).getBlob === 'function') {
    blob = (a as GoogleAppsScript.Base.BlobSource).getBlob().copyBlob() as unknown as FakeBlob;
    name = blob.getName() ?? 'Untitled';
  } else return badParams('DriveApp', 'Folder', 'createFile', [a]);
  return new FakeDriveFile(store.add('file', name, parent, blob)) as unknown as GFile;
}

export class FakeDriveFolder
  implements
    Pick<
      GFolder,
      | 'createFile'
      | 'createFolder'
      | 'getFiles'
      | 'getFilesByName'
      | 'getId'
      | 'getName'
      | 'getUrl'
      | 'setName'
      | 'getFolders'
    >
{
  constructor(
    private readonly store: DriveStore,
    readonly item: DriveItem,
  ) {}
  createFile(a: unknown, content?: string, mimeType?: string): GFile {
    this.store.ctx.hit('Folder.createFile');
    return createFileIn(this.store, this.item.id, a, content, mimeType);
  }
  createFolder(name: string): GFolder {
    this.store.ctx.hit('Folder.createFolder');
    return new FakeDriveFolder(
      this.store,
      this.store.add('folder', name, this.item.id),
    ) as unknown as GFolder;
  }
  private children(kind: 'file' | 'folder', name?: string): DriveItem[] {
    return [...this.store.items.values()].filter(
      (i) =>
        i.kind === kind && i.parent === this.item.id && !i.trashed && (name === undefined || i.name === name),
    );
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return iterator(
      this.children('file').map((i) => new FakeDriveFile(i) as unknown as GFile),
    ) as GoogleAppsScript.Drive.FileIterator;
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    return iterator(
      this.children('file', name).map((i) => new FakeDriveFile(i) as unknown as GFile),
    ) as GoogleAppsScript.Drive.FileIterator;
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return iterator(
      this.children('folder').map((i) => new FakeDriveFolder(this.store, i) as unknown as GFolder),
    ) as GoogleAppsScript.Drive.FolderIterator;
  }
  getId(): string {
    return this.item.id;
  }
  getName(): string {
    return this.item.name;
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.item.id}`;
  }
  setName(name: string): GFolder {
    this.item.name = name;
    return this as unknown as GFolder;
  }
}

// Not in the facts file: the usual text for a missing or inaccessible id. [UNCONFIRMED]
const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

export class FakeDriveApp
  implements
    Pick<
      GoogleAppsScript.Drive.DriveApp,
      'createFile' | 'createFolder' | 'getFileById' | 'getFolderById' | 'getRootFolder' | 'getFilesByName'
    >
{
  constructor(readonly store: DriveStore) {}
  private root(): FakeDriveFolder {
    return new FakeDriveFolder(this.store, this.store.items.get(this.store.rootId) as DriveItem);
  }
  createFile(a: unknown, content?: string, mimeType?: string): GFile {
    this.store.ctx.hit('DriveApp.createFile');
    return createFileIn(this.store, this.store.rootId, a, content, mimeType);
  }
  createFolder(name: string): GFolder {
    this.store.ctx.hit('DriveApp.createFolder');
    return this.root().createFolder(name);
  }
  getFileById(id: string): GFile {
    this.store.ctx.hit('DriveApp.getFileById');
    const i = this.store.items.get(id);
    if (i?.kind !== 'file') throw new GasException(NO_ITEM);
    return new FakeDriveFile(i) as unknown as GFile;
  }
  getFolderById(id: string): GFolder {
    this.store.ctx.hit('DriveApp.getFolderById');
    const i = this.store.items.get(id);
    if (i?.kind !== 'folder') throw new GasException(NO_ITEM);
    return new FakeDriveFolder(this.store, i) as unknown as GFolder;
  }
  getRootFolder(): GFolder {
    this.store.ctx.hit('DriveApp.getRootFolder');
    return this.root() as unknown as GFolder;
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this.store.ctx.hit('DriveApp.getFilesByName');
    const all = [...this.store.items.values()].filter(
      (i) => i.kind === 'file' && !i.trashed && i.name === name,
    );
    return iterator(
      all.map((i) => new FakeDriveFile(i) as unknown as GFile),
    ) as GoogleAppsScript.Drive.FileIterator;
  }
}

// ------------------------------------------------------------------ Drive (advanced service, v3)

type DFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
const FOLDER_MIME = 'application/vnd.google-apps.folder';

/**
 * Drive.Files of the advanced Drive service v3 (DOC https://developers.google.com/apps-script/advanced/drive:
 * same objects, methods and parameters as the REST API). create(resource, blob?, optionalArgs?) and
 * get(id, optionalArgs?). A folder is a file with mimeType application/vnd.google-apps.folder (DOC
 * https://developers.google.com/workspace/drive/api/guides/folder). Without `fields` the API returns only
 * kind, id, name and mimeType (DOC https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create, `fields`); `fields: 'id,webViewLink'`
 * selects top-level fields. Under drive.file alone, only files this script created are visible (DOC
 * https://developers.google.com/workspace/drive/api/guides/about-auth).
 */
export class FakeDriveFiles {
  constructor(private readonly store: DriveStore) {}
  private view(i: DriveItem, fields?: unknown): DFile {
    const mimeType =
      i.mimeType ??
      (i.kind === 'folder' ? FOLDER_MIME : (i.blob?.getContentType() ?? 'application/octet-stream'));
    const full: Record<string, unknown> = {
      kind: 'drive#file',
      id: i.id,
      name: i.name,
      mimeType,
      parents: i.parent ? [i.parent] : [],
      trashed: i.trashed,
      size: i.blob ? String(i.blob.bytes.length) : undefined,
      webViewLink:
        i.kind === 'folder'
          ? `https://drive.google.com/drive/folders/${i.id}`
          : `https://drive.google.com/file/d/${i.id}/view?usp=drivesdk`,
      createdTime: i.created.toISOString(),
    };
    const want =
      typeof fields === 'string' && fields.trim() !== ''
        ? fields.split(',').map((f) => f.trim())
        : ['kind', 'id', 'name', 'mimeType'];
    if (want.some((f) => /[()/]/.test(f)))
      throw new FakeGasUnsupportedError(`Drive fields "${String(fields)}": only top-level names are faked`);
    const out: Record<string, unknown> = {};
    for (const f of want) if (full[f] !== undefined) out[f] = full[f];
    return out as DFile;
  }
  /** drive.file alone sees only what this script created; drive / drive.readonly see everything. */
  private visible(i: DriveItem | undefined): i is DriveItem {
    if (!i || i.id === this.store.rootId) return i !== undefined;
    const g = this.store.ctx.grantedScopes;
    if (g === null || i.byApp) return true;
    return g.some((s) => /\/auth\/drive(\.readonly)?$/.test(s));
  }
  private notFound(method: string, id: string): never {
    // [UNCONFIRMED] wrapper wording recalled from real logs; the REST 404 reason is "File not found: <id>."
    throw new GasException(`API call to drive.files.${method} failed with error: File not found: ${id}.`);
  }
  create(
    resource: DFile,
    mediaData?: GoogleAppsScript.Base.Blob,
    optionalArgs?: Record<string, unknown>,
  ): DFile {
    this.store.ctx.hit('Drive.Files.create');
    if (!resource || typeof resource !== 'object') badParams('Drive', 'Files', 'create', [resource]);
    const parents = resource.parents ?? [];
    if (parents.length > 1)
      throw new FakeGasUnsupportedError('Drive.Files.create with several parents (the API refuses it)');
    const parentId = parents[0] === 'root' || parents[0] === undefined ? this.store.rootId : parents[0];
    const parent = this.store.items.get(parentId);
    if (!this.visible(parent) || parent.kind !== 'folder') this.notFound('create', parentId);
    if (parent.trashed)
      throw new FakeGasUnsupportedError('Drive.Files.create into a trashed folder ([UNCONFIRMED])');
    const isFolder = resource.mimeType === FOLDER_MIME;
    if (isFolder && mediaData) throw new FakeGasUnsupportedError('a folder with content');
    const blob = mediaData
      ? ((mediaData as unknown as FakeBlob).copyBlob() as unknown as FakeBlob)
      : undefined;
    const name = resource.name ?? blob?.getName() ?? 'Untitled';
    const item = this.store.add(isFolder ? 'folder' : 'file', name, parentId, blob);
    if (resource.mimeType) item.mimeType = resource.mimeType;
    return this.view(item, optionalArgs?.fields);
  }
  get(fileId: string, optionalArgs?: Record<string, unknown>): DFile {
    this.store.ctx.hit('Drive.Files.get');
    if (typeof fileId !== 'string') badParams('Drive', 'Files', 'get', [fileId]);
    const i = this.store.items.get(fileId === 'root' ? this.store.rootId : fileId);
    if (!this.visible(i)) this.notFound('get', fileId);
    if (optionalArgs?.alt === 'media') throw new FakeGasUnsupportedError('Drive.Files.get alt=media');
    return this.view(i, optionalArgs?.fields);
  }
}

/** The `Drive` global of the advanced service (only Files is faked). */
export class FakeAdvancedDrive {
  readonly Files: FakeDriveFiles;
  constructor(store: DriveStore) {
    this.Files = new FakeDriveFiles(store);
  }
}

// ------------------------------------------------------------------ MailApp

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  attachments: Array<{ name: string | null; contentType: string | null }>;
  from: string;
}

const PER_MESSAGE = 50;

export class FakeMailApp
  implements Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota' | 'sendEmail'>
{
  readonly sent: SentMail[] = [];
  /**
   * Recipients used today, per account: quotas are per user (§9; DOC
   * https://developers.google.com/apps-script/guides/services/quotas), so a trigger's mail counts
   * against its installer, a sidebar's against the person using it.
   */
  private readonly used = new Map<string, number>();
  constructor(private readonly ctx: GasContext) {}

  private quota(): number {
    return this.ctx.options.mailDailyQuota ?? 100;
  }
  private me(): string {
    return asUser(this.ctx.effectiveUser).getEmail().toLowerCase();
  }
  /** Recipients left today for the running account (§7.2: the quota counts recipients, not messages). */
  getRemainingDailyQuota(): number {
    this.ctx.hit('MailApp.getRemainingDailyQuota');
    return this.quota() - (this.used.get(this.me()) ?? 0);
  }
  /** Test helper: a new quota day (every account), or a new daily limit from now on. */
  resetQuota(dailyQuota?: number): void {
    this.used.clear();
    if (dailyQuota !== undefined) this.ctx.options.mailDailyQuota = dailyQuota;
  }
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.ctx.hit('MailApp.sendEmail');
    let msg: GoogleAppsScript.Mail.MailAdvancedParameters;
    if (typeof a === 'object' && a !== null) msg = a as GoogleAppsScript.Mail.MailAdvancedParameters;
    else if (typeof d === 'string') msg = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    else if (typeof a === 'string' && typeof b === 'string' && typeof c === 'string') {
      msg = { ...((d as object | undefined) ?? {}), to: a, subject: b, body: c };
    } else {
      badParams(
        'MailApp',
        'MailApp',
        'sendEmail',
        [a, b, c, d].filter((x) => x !== undefined),
      );
    }
    const split = (s: string | undefined) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    const to = split(msg.to);
    const cc = split(msg.cc);
    const bcc = split(msg.bcc);
    const n = to.length + cc.length + bcc.length;
    if (n === 0) throw new GasException('Failed to send email: no recipient');
    if (n > PER_MESSAGE)
      throw new GasException(
        `Limit exceeded: Email Recipients Per Message. (fake text; 50 per message, §7.2)`,
      );
    const used = this.used.get(this.me()) ?? 0;
    if (used + n > this.quota()) throw new GasException('Service invoked too many times for one day: email.');
    this.used.set(this.me(), used + n);
    const atts = ((msg.attachments ?? []) as GoogleAppsScript.Base.BlobSource[]).map((x) => x.getBlob());
    this.sent.push({
      to,
      cc,
      bcc,
      subject: msg.subject ?? '',
      body: msg.body ?? '',
      ...(msg.htmlBody !== undefined ? { htmlBody: msg.htmlBody } : {}),
      ...(msg.name !== undefined ? { name: msg.name } : {}),
      ...(msg.replyTo !== undefined ? { replyTo: msg.replyTo } : {}),
      attachments: atts.map((x) => ({ name: x.getName(), contentType: x.getContentType() })),
      from: asUser(this.ctx.effectiveUser).getEmail(),
    });
  }
}
