// FormApp (§6) and form submissions (§2.4): forms, items, a linked responses sheet, responses and submit events.

import type { GasContext } from './context';
import { badParams, FakeGasUnsupportedError, GasException } from './errors';
import { SheetModel, type SpreadsheetModel } from './model';
import { displayCell, rangeApi } from './range';
import { nextGid } from './sheet';
import { spreadsheetApi } from './spreadsheet';
import { asUser } from './user';
import { coerceWrite } from './values';

type GForm = GoogleAppsScript.Forms.Form;
type GItem = GoogleAppsScript.Forms.Item;
type AnyItem = GoogleAppsScript.Forms.Item &
  GoogleAppsScript.Forms.ListItem &
  GoogleAppsScript.Forms.TextItem &
  GoogleAppsScript.Forms.ParagraphTextItem &
  GoogleAppsScript.Forms.DateItem &
  GoogleAppsScript.Forms.ScaleItem &
  GoogleAppsScript.Forms.MultipleChoiceItem &
  GoogleAppsScript.Forms.CheckboxItem;
type GResponse = GoogleAppsScript.Forms.FormResponse;
type GItemResponse = GoogleAppsScript.Forms.ItemResponse;

export const ItemType = Object.freeze({
  CHECKBOX: 'CHECKBOX',
  CHECKBOX_GRID: 'CHECKBOX_GRID',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  DURATION: 'DURATION',
  GRID: 'GRID',
  IMAGE: 'IMAGE',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  SCALE: 'SCALE',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
  TIME: 'TIME',
  VIDEO: 'VIDEO',
  FILE_UPLOAD: 'FILE_UPLOAD',
} as const);
export type ItemTypeName = keyof typeof ItemType;
export const DestinationType = Object.freeze({ SPREADSHEET: 'SPREADSHEET' } as const);

const QUESTION_TYPES: ReadonlySet<ItemTypeName> = new Set([
  'CHECKBOX',
  'DATE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'SCALE',
  'TEXT',
]);
const CHOICE_TYPES: ReadonlySet<ItemTypeName> = new Set(['CHECKBOX', 'LIST', 'MULTIPLE_CHOICE']);

export type Answer = string | string[] | number | Date;

export interface ItemModel {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  includesYear: boolean;
}

export interface ResponseModel {
  id: string | null;
  timestamp: Date;
  email: string;
  answers: Map<number, string | string[]>;
  /** Row on the responses sheet, when linked. */
  row?: number;
}

export class FormModel {
  title = '';
  description = '';
  confirmationMessage = '';
  items: ItemModel[] = [];
  responses: ResponseModel[] = [];
  destinationId: string | null = null;
  collectEmail = false;
  /** Form.setEmailCollectionType (DOC forms/form#setEmailCollectionType): how respondents' emails are collected. */
  emailCollectionType: 'DO_NOT_COLLECT' | 'VERIFIED' | 'RESPONDER_INPUT' = 'DO_NOT_COLLECT';
  /** Form.setRequireLogin (DOC forms/form#setRequireLogin): only signed-in users of the owner's domain may respond. */
  requireLogin = false;
  allowEdits = false;
  limitOne = false;
  accepting = true;
  readonly editors: string[] = [];
  api: FakeForm | undefined;
  /** Deleted from Drive (tests: FakeGas.deleteForm): openById then fails like an unknown id. */
  deleted = false;
  constructor(
    readonly id: string,
    readonly publishedId: string,
    public fileName: string,
    /** Who created it: the form's owner in Drive (the effective user of FormApp.create). */
    readonly owner: string,
  ) {}
  get editUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }
  get publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.publishedId}/viewform`;
  }
  /** What Sheet.getFormUrl reports for a linked sheet ([UNCONFIRMED] shape; compare form ids, not URLs). */
  get sheetFormUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/viewform`;
  }
}

/** All forms of one fake. */
const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

export class FormRegistry {
  readonly forms = new Map<string, FormModel>();
  constructor(readonly ctx: GasContext) {}

  create(title: string): FormModel {
    const n = this.ctx.next('form');
    const m = new FormModel(`fake-form-${n}`, `1FAIpQLSfake${n}`, title, this.ctx.effectiveUser);
    this.forms.set(m.id, m);
    this.ctx.formUrls.set(m.id, m.sheetFormUrl);
    return m;
  }

  api(m: FormModel): GForm {
    if (!m.api) m.api = new FakeForm(this, m);
    return m.api as unknown as GForm;
  }

  /**
   * Per-user access: FormApp.openById / openByUrl run as the effective user, who must own or edit the
   * form. A deleted form, an unknown id and a form the user may not open fail alike with
   * "No item with the given ID could be found. Possibly because you have not edited this item or you do
   * not have permission to access it." (community reports of FormApp.openById, e.g.
   * github.com/boilermaker-ben/Google-Sheets-NFL-Pick-Ems-and-Survivor-Pool/issues/30), so a script
   * cannot tell them apart.
   */
  openable(m: FormModel | undefined): FormModel {
    const me = this.ctx.effectiveUser;
    if (!m || m.deleted || (m.owner !== me && !m.editors.includes(me))) throw new GasException(NO_ITEM);
    return m;
  }

  byIdOrForm(form: GForm | string): FormModel {
    if (typeof form === 'string') {
      // Test helpers (submit a response, inspect a form) are not a user: no access check.
      const m = this.forms.get(form);
      if (!m) throw new GasException(NO_ITEM);
      return m;
    }
    if (form instanceof FakeForm) return form.model;
    return badParams('FormApp', 'Form', 'submit', [form]);
  }

  destination(m: FormModel): { ss: SpreadsheetModel; sheet: SheetModel } | null {
    if (!m.destinationId) return null;
    const ss = this.ctx.spreadsheets.get(m.destinationId);
    const sheet = ss?.sheets.find((s) => s.formId === m.id);
    return ss && sheet ? { ss, sheet } : null;
  }

  /** Localized names (§6): '表单回复 1' / 'Form Responses 1', header '时间戳' / 'Timestamp'. */
  link(m: FormModel, ssId: string): void {
    const ss = this.ctx.spreadsheets.get(ssId);
    if (!ss)
      throw new GasException(
        `Unexpected error while getting the method or property setDestination. (fake text: no spreadsheet ${ssId})`,
      );
    const old = this.destination(m);
    if (old) old.sheet.formId = null;
    const zh = ss.locale.startsWith('zh');
    const base = zh ? '表单回复 ' : 'Form Responses ';
    let n = 1;
    while (ss.sheets.some((s) => s.name === `${base}${n}`)) n++;
    const sheet = new SheetModel(ss, nextGid(this.ctx), `${base}${n}`);
    // [UNCONFIRMED] position: the fake inserts it as the first tab (§6, Appendix B item 6).
    ss.sheets.unshift(sheet);
    sheet.formId = m.id;
    sheet.frozenRows = 1;
    m.destinationId = ssId;
    const headers = [zh ? '时间戳' : 'Timestamp'];
    if (m.collectEmail) headers.push(zh ? '电子邮件地址' : 'Email Address');
    const firstItemCol = headers.length + 1;
    const questions = m.items.filter((i) => QUESTION_TYPES.has(i.type));
    questions.forEach((q, k) => {
      headers.push(q.title);
      sheet.formColumns.set(q.id, firstItemCol + k);
    });
    headers.forEach((h, j) => {
      sheet.ensure(1, j + 1).v = h;
    });
    if (headers.length > sheet.maxCols) sheet.maxCols = headers.length;
    for (const r of m.responses) this.writeRow(m, sheet, r);
  }

  /** New questions on a linked form get a new column on the right ([UNCONFIRMED], §6). */
  addColumn(m: FormModel, item: ItemModel): void {
    const d = this.destination(m);
    if (!d || !QUESTION_TYPES.has(item.type)) return;
    const col = Math.max(d.sheet.lastCol(), ...d.sheet.formColumns.values()) + 1;
    if (col > d.sheet.maxCols) d.sheet.maxCols = col;
    d.sheet.ensure(1, col).v = item.title;
    d.sheet.formColumns.set(item.id, col);
  }

  /** Keeps a linked column's header equal to the item title. */
  retitle(m: FormModel, item: ItemModel): void {
    const d = this.destination(m);
    const col = d?.sheet.formColumns.get(item.id);
    if (d && col !== undefined) d.sheet.ensure(1, col).v = item.title;
  }

  /** Writes a response row (forms write past protections). Text answers are parsed like typed input, except '=…'. */
  writeRow(m: FormModel, sheet: SheetModel, r: ResponseModel, only?: ReadonlySet<number>): void {
    const ctx = this.ctx;
    const row = r.row ?? Math.max(sheet.lastRow(), 1) + 1;
    r.row = row;
    if (row > sheet.maxRows) sheet.maxRows = row;
    const opts = ctx.coercion(sheet.ss.locale);
    const put = (col: number, value: unknown) => {
      const cell = sheet.ensure(row, col);
      const res =
        typeof value === 'string' && value.startsWith('=')
          ? { kind: 'value' as const, v: value }
          : coerceWrite(value, cell.nf, sheet.ss.timeZone, opts);
      delete cell.f;
      if (res.kind === 'clear') cell.v = '';
      else if (res.kind === 'value') {
        cell.v = res.v;
        if (res.nf !== undefined) cell.nf = res.nf;
      } else cell.v = res.f;
    };
    put(1, new Date(r.timestamp));
    if (m.collectEmail) put(2, r.email);
    for (const item of m.items) {
      const col = sheet.formColumns.get(item.id);
      if (col === undefined || (only && !only.has(item.id))) continue;
      const a = r.answers.get(item.id);
      if (a === undefined) put(col, null);
      else if (item.type === 'SCALE') put(col, Number(a));
      else put(col, Array.isArray(a) ? a.join(', ') : a); // checkbox answers joined with ', ' [UNCONFIRMED]
    }
  }

  /** Checks and normalises answers keyed by item title (or id). */
  answers(m: FormModel, input: Record<string, Answer>): Map<number, string | string[]> {
    const out = new Map<number, string | string[]>();
    for (const [key, raw] of Object.entries(input)) {
      const matches = m.items.filter((i) => i.title === key || String(i.id) === key);
      if (matches.length !== 1) {
        throw new FakeGasUnsupportedError(
          `submitForm: ${matches.length === 0 ? 'no' : 'several'} items titled "${key}"`,
        );
      }
      const item = matches[0] as ItemModel;
      out.set(item.id, normaliseAnswer(item, raw));
    }
    for (const item of m.items) {
      if (item.required && !out.has(item.id)) {
        throw new FakeGasUnsupportedError(
          `submitForm: required question "${item.title}" has no answer (the form would refuse it)`,
        );
      }
    }
    return out;
  }
}

function normaliseAnswer(item: ItemModel, raw: Answer): string | string[] {
  const bad = (why: string) =>
    new FakeGasUnsupportedError(`answer for "${item.title}" (${item.type}): ${why}`);
  switch (item.type) {
    case 'CHECKBOX': {
      const list = Array.isArray(raw) ? raw : [String(raw)];
      for (const v of list) if (!item.choices.includes(v)) throw bad(`"${v}" is not a choice`);
      return [...list];
    }
    case 'LIST':
    case 'MULTIPLE_CHOICE': {
      const v = String(raw);
      if (!item.choices.includes(v)) throw bad(`"${v}" is not a choice`);
      return v;
    }
    case 'SCALE': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < item.lower || n > item.upper)
        throw bad(`${String(raw)} outside ${item.lower}..${item.upper}`);
      return String(n);
    }
    case 'DATE': {
      if (raw instanceof Date) {
        return `${raw.getUTCFullYear()}-${String(raw.getUTCMonth() + 1).padStart(2, '0')}-${String(raw.getUTCDate()).padStart(2, '0')}`;
      }
      if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
      throw bad('give a Date or yyyy-mm-dd');
    }
    case 'TEXT':
    case 'PARAGRAPH_TEXT':
      if (Array.isArray(raw) || raw instanceof Date) throw bad('give a string');
      return String(raw);
    default:
      throw bad('not a question');
  }
}

const DEFAULT_ITEM: Omit<ItemModel, 'id' | 'type'> = {
  title: '',
  helpText: '',
  required: false,
  choices: [],
  lower: 1,
  upper: 5,
  leftLabel: '',
  rightLabel: '',
  includesYear: true,
};

type ItemPick =
  | 'getId'
  | 'getIndex'
  | 'getTitle'
  | 'setTitle'
  | 'getHelpText'
  | 'setHelpText'
  | 'getType'
  | 'isRequired'
  | 'setRequired'
  | 'asListItem'
  | 'asTextItem'
  | 'asParagraphTextItem'
  | 'asDateItem'
  | 'asScaleItem'
  | 'asMultipleChoiceItem'
  | 'asCheckboxItem'
  | 'setChoiceValues'
  | 'setChoices'
  | 'getChoices'
  | 'createChoice'
  | 'createResponse'
  | 'setBounds'
  | 'getLowerBound'
  | 'getUpperBound'
  | 'setLabels'
  | 'getLeftLabel'
  | 'getRightLabel'
  | 'includesYear'
  | 'setIncludesYear';

/** One class for every item kind; `asXItem()` checks the kind like the real casts do. */
export class FakeItem implements Pick<AnyItem, ItemPick> {
  constructor(
    private readonly forms: FormRegistry,
    readonly form: FormModel,
    readonly model: ItemModel,
  ) {}
  private me(): AnyItem {
    return this as unknown as AnyItem;
  }
  private as(type: ItemTypeName): AnyItem {
    if (this.model.type !== type) {
      throw new GasException(`Item ${this.model.id} is a ${this.model.type} item, not ${type}. (fake text)`);
    }
    return this.me();
  }
  private choiceItem(): void {
    if (!CHOICE_TYPES.has(this.model.type))
      throw new FakeGasUnsupportedError(`choices on a ${this.model.type} item`);
  }
  getId(): number {
    return this.model.id;
  }
  getIndex(): number {
    return this.form.items.indexOf(this.model);
  }
  getTitle(): string {
    return this.model.title;
  }
  /** On a linked form the column header follows the title ([UNCONFIRMED] for renames, §6). */
  setTitle(title: string): AnyItem {
    this.model.title = title;
    this.forms.retitle(this.form, this.model);
    return this.me();
  }
  getHelpText(): string {
    return this.model.helpText;
  }
  setHelpText(text: string): AnyItem {
    this.model.helpText = text;
    return this.me();
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return this.model.type as unknown as GoogleAppsScript.Forms.ItemType;
  }
  isRequired(): boolean {
    return this.model.required;
  }
  setRequired(enabled: boolean): AnyItem {
    this.model.required = enabled;
    return this.me();
  }
  asListItem(): AnyItem {
    return this.as('LIST');
  }
  asTextItem(): AnyItem {
    return this.as('TEXT');
  }
  asParagraphTextItem(): AnyItem {
    return this.as('PARAGRAPH_TEXT');
  }
  asDateItem(): AnyItem {
    return this.as('DATE');
  }
  asScaleItem(): AnyItem {
    return this.as('SCALE');
  }
  asMultipleChoiceItem(): AnyItem {
    return this.as('MULTIPLE_CHOICE');
  }
  asCheckboxItem(): AnyItem {
    return this.as('CHECKBOX');
  }
  setChoiceValues(values: string[]): AnyItem {
    this.choiceItem();
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
      badParams('FormApp', 'ListItem', 'setChoiceValues', [values]);
    this.model.choices = [...values];
    return this.me();
  }
  setChoices(choices: GoogleAppsScript.Forms.Choice[]): AnyItem {
    this.choiceItem();
    this.model.choices = choices.map((c) => c.getValue());
    return this.me();
  }
  /** A new choice item starts with one '' choice (§6 COMMUNITY). */
  getChoices(): GoogleAppsScript.Forms.Choice[] {
    this.choiceItem();
    return this.model.choices.map((v) => choice(v));
  }
  createChoice(value: string): GoogleAppsScript.Forms.Choice {
    this.choiceItem();
    return choice(value);
  }
  createResponse(response: unknown): GItemResponse {
    const v = normaliseAnswer(this.model, response as Answer);
    return new FakeItemResponse(this.forms, this.form, this.model, v) as unknown as GItemResponse;
  }
  setBounds(lower: number, upper: number): AnyItem {
    // Forms allows a lower bound of 0 or 1 and an upper bound of 3..10 (DOC).
    if (![0, 1].includes(lower) || upper < 3 || upper > 10)
      badParams('FormApp', 'ScaleItem', 'setBounds', [lower, upper]);
    this.model.lower = lower;
    this.model.upper = upper;
    return this.me();
  }
  getLowerBound(): number {
    return this.model.lower;
  }
  getUpperBound(): number {
    return this.model.upper;
  }
  setLabels(lower: string, upper: string): AnyItem {
    this.model.leftLabel = lower;
    this.model.rightLabel = upper;
    return this.me();
  }
  getLeftLabel(): string {
    return this.model.leftLabel;
  }
  getRightLabel(): string {
    return this.model.rightLabel;
  }
  includesYear(): boolean {
    return this.model.includesYear;
  }
  setIncludesYear(enableYear: boolean): AnyItem {
    this.model.includesYear = enableYear;
    return this.me();
  }
}

function choice(value: string): GoogleAppsScript.Forms.Choice {
  // getGotoPage is deliberately absent: on list items it throws TypeError live (§6 COMMUNITY).
  return { getValue: () => value, isCorrectAnswer: () => false } as unknown as GoogleAppsScript.Forms.Choice;
}

export class FakeItemResponse implements Pick<GItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    private readonly forms: FormRegistry,
    private readonly form: FormModel,
    readonly item: ItemModel,
    readonly value: string | string[],
  ) {}
  getItem(): GItem {
    return new FakeItem(this.forms, this.form, this.item) as unknown as GItem;
  }
  /** String for most items, String[] for checkboxes (§2.4). */
  getResponse(): string | string[] {
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

export class FakeFormResponse
  implements
    Pick<
      GResponse,
      | 'getEditResponseUrl'
      | 'getId'
      | 'getItemResponses'
      | 'getRespondentEmail'
      | 'getResponseForItem'
      | 'getTimestamp'
      | 'submit'
      | 'toPrefilledUrl'
      | 'withItemResponse'
    >
{
  constructor(
    private readonly forms: FormRegistry,
    readonly form: FormModel,
    readonly model: ResponseModel,
  ) {}
  private me(): GResponse {
    return this as unknown as GResponse;
  }
  /** null before submission (§2.4). */
  getId(): string {
    return this.model.id as string;
  }
  getTimestamp(): Date {
    return new Date(this.model.timestamp);
  }
  /** Filled only when the form collects emails (§2.4). */
  getRespondentEmail(): string {
    return this.form.collectEmail ? this.model.email : '';
  }
  /** Unanswered questions have no ItemResponse (§2.4). */
  getItemResponses(): GItemResponse[] {
    return this.form.items
      .filter((i) => this.model.answers.has(i.id))
      .map(
        (i) =>
          new FakeItemResponse(
            this.forms,
            this.form,
            i,
            this.model.answers.get(i.id) as string | string[],
          ) as unknown as GItemResponse,
      );
  }
  getResponseForItem(item: GItem): GItemResponse {
    const id = item.getId();
    const a = this.model.answers.get(id);
    const im = this.form.items.find((i) => i.id === id);
    return (a === undefined || !im
      ? null
      : new FakeItemResponse(this.forms, this.form, im, a)) as unknown as GItemResponse;
  }
  getEditResponseUrl(): string {
    return `${this.form.publishedUrl}?edit2=${this.model.id ?? ''}`;
  }
  withItemResponse(response: GItemResponse): GResponse {
    const r = response as unknown as FakeItemResponse;
    this.model.answers.set(r.item.id, r.value);
    return this.me();
  }
  /** Entry ids are not item ids (§6): never build these URLs by hand. */
  toPrefilledUrl(): string {
    const params = [...this.model.answers].flatMap(([id, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `entry.${2_000_000_000 + id}=${encodeURIComponent(x)}`),
    );
    return `${this.form.publishedUrl}?usp=pp_url${params.map((p) => `&${p}`).join('')}`;
  }
  /** Stores the response (and its sheet row) but fires no trigger (§2.2). */
  submit(): GResponse {
    this.forms.ctx.hit('FormResponse.submit');
    if (this.model.id !== null)
      throw new FakeGasUnsupportedError('submit() of an already submitted response');
    for (const item of this.form.items) {
      if (item.required && !this.model.answers.has(item.id)) {
        throw new GasException(`Required question "${item.title}" has no answer. (fake text)`);
      }
    }
    recordResponse(this.forms, this.form, this.model);
    return this.me();
  }
}

/** Gives the response an id, stores it, and writes its row. */
export function recordResponse(forms: FormRegistry, form: FormModel, r: ResponseModel): void {
  r.id = `2_ABaOnu${String(forms.ctx.next('response')).padStart(8, '0')}`;
  form.responses.push(r);
  const d = forms.destination(form);
  if (d) forms.writeRow(form, d.sheet, r);
}

type FormPick =
  | 'addCheckboxItem'
  | 'addDateItem'
  | 'addEditor'
  | 'addListItem'
  | 'addMultipleChoiceItem'
  | 'addParagraphTextItem'
  | 'addScaleItem'
  | 'addSectionHeaderItem'
  | 'addTextItem'
  | 'canEditResponse'
  | 'collectsEmail'
  | 'createResponse'
  | 'deleteAllResponses'
  | 'deleteItem'
  | 'getConfirmationMessage'
  | 'getDescription'
  | 'getDestinationId'
  | 'getDestinationType'
  | 'getEditUrl'
  | 'getEditors'
  | 'getId'
  | 'getItemById'
  | 'getItems'
  | 'getPublishedUrl'
  | 'getResponse'
  | 'getResponses'
  | 'getTitle'
  | 'hasLimitOneResponsePerUser'
  | 'isAcceptingResponses'
  | 'moveItem'
  | 'removeDestination'
  | 'setAcceptingResponses'
  | 'setAllowResponseEdits'
  | 'setCollectEmail'
  | 'requiresLogin'
  | 'setRequireLogin'
  | 'setConfirmationMessage'
  | 'setDescription'
  | 'setDestination'
  | 'setLimitOneResponsePerUser'
  | 'setTitle';

export class FakeForm implements Pick<GForm, FormPick> {
  constructor(
    private readonly forms: FormRegistry,
    readonly model: FormModel,
  ) {}
  private hit(m: string): void {
    this.forms.ctx.hit(`Form.${m}`);
  }
  private me(): GForm {
    return this as unknown as GForm;
  }
  private item(m: ItemModel): AnyItem {
    return new FakeItem(this.forms, this.model, m) as unknown as AnyItem;
  }
  private add(type: ItemTypeName): AnyItem {
    const m: ItemModel = {
      ...DEFAULT_ITEM,
      id: 1_000_000_000 + this.forms.ctx.next('item') * 7_919,
      type,
      choices: CHOICE_TYPES.has(type) ? [''] : [],
    };
    this.model.items.push(m);
    this.forms.addColumn(this.model, m);
    return this.item(m);
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    this.hit('addListItem');
    return this.add('LIST');
  }
  addTextItem(): GoogleAppsScript.Forms.TextItem {
    this.hit('addTextItem');
    return this.add('TEXT');
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    this.hit('addParagraphTextItem');
    return this.add('PARAGRAPH_TEXT');
  }
  addDateItem(): GoogleAppsScript.Forms.DateItem {
    this.hit('addDateItem');
    return this.add('DATE');
  }
  addScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    this.hit('addScaleItem');
    return this.add('SCALE');
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    this.hit('addMultipleChoiceItem');
    return this.add('MULTIPLE_CHOICE');
  }
  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    this.hit('addCheckboxItem');
    return this.add('CHECKBOX');
  }
  addSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    this.hit('addSectionHeaderItem');
    return this.add('SECTION_HEADER') as unknown as GoogleAppsScript.Forms.SectionHeaderItem;
  }
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GItem[] {
    this.hit('getItems');
    const t = itemType === undefined ? undefined : String(itemType);
    return this.model.items.filter((i) => t === undefined || i.type === t).map((i) => this.item(i) as GItem);
  }
  getItemById(id: number): GItem {
    this.hit('getItemById');
    const m = this.model.items.find((i) => i.id === id);
    return (m ? this.item(m) : null) as GItem;
  }
  deleteItem(x: number | GItem): void {
    this.hit('deleteItem');
    const index = typeof x === 'number' ? x : this.model.items.findIndex((i) => i.id === x.getId());
    if (!Number.isInteger(index) || index < 0 || index >= this.model.items.length)
      badParams('FormApp', 'Form', 'deleteItem', [x]);
    this.model.items.splice(index, 1);
  }
  moveItem(from: number | GItem, toIndex: number): GItem {
    this.hit('moveItem');
    const i = typeof from === 'number' ? from : this.model.items.findIndex((m) => m.id === from.getId());
    const [m] = this.model.items.splice(i, 1);
    if (!m) badParams('FormApp', 'Form', 'moveItem', [from, toIndex]);
    this.model.items.splice(toIndex, 0, m);
    return this.item(m) as GItem;
  }
  getId(): string {
    this.hit('getId');
    return this.model.id;
  }
  /** '' until setTitle: FormApp.create(name) only names the Drive file (§6 COMMUNITY). */
  getTitle(): string {
    this.hit('getTitle');
    return this.model.title;
  }
  setTitle(title: string): GForm {
    this.hit('setTitle');
    this.model.title = title;
    return this.me();
  }
  getDescription(): string {
    this.hit('getDescription');
    return this.model.description;
  }
  setDescription(description: string): GForm {
    this.hit('setDescription');
    this.model.description = description;
    return this.me();
  }
  getConfirmationMessage(): string {
    this.hit('getConfirmationMessage');
    return this.model.confirmationMessage;
  }
  setConfirmationMessage(message: string): GForm {
    this.hit('setConfirmationMessage');
    this.model.confirmationMessage = message;
    return this.me();
  }
  collectsEmail(): boolean {
    this.hit('collectsEmail');
    return this.model.collectEmail;
  }
  setCollectEmail(collect: boolean): GForm {
    this.hit('setCollectEmail');
    // The older switch: collecting means the signed-in account's address (VERIFIED in the newer enum).
    this.setCollection(collect ? 'VERIFIED' : 'DO_NOT_COLLECT');
    return this.me();
  }
  /**
   * DOC https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType)
   * and https://developers.google.com/apps-script/reference/forms/email-collection-type: VERIFIED collects the
   * signed-in respondent's Google account (sign-in needed), RESPONDER_INPUT a typed, unchecked address.
   * Not in @types/google-apps-script 2.0.13, hence no `implements` entry.
   */
  setEmailCollectionType(type: string): GForm {
    this.hit('setEmailCollectionType');
    if (!['DO_NOT_COLLECT', 'VERIFIED', 'RESPONDER_INPUT'].includes(type)) {
      throw new GasException('Invalid argument: emailCollectionType (fake text)');
    }
    this.setCollection(type as FormModel['emailCollectionType']);
    return this.me();
  }
  getEmailCollectionType(): string {
    this.hit('getEmailCollectionType');
    return this.model.emailCollectionType;
  }
  private setCollection(type: FormModel['emailCollectionType']): void {
    const collect = type !== 'DO_NOT_COLLECT';
    if (this.model.destinationId && collect !== this.model.collectEmail) {
      throw new FakeGasUnsupportedError(
        'changing email collection after linking a destination ([UNCONFIRMED] column layout)',
      );
    }
    this.model.collectEmail = collect;
    this.model.emailCollectionType = type;
  }
  requiresLogin(): boolean {
    this.hit('requiresLogin');
    return this.model.requireLogin;
  }
  /**
   * DOC https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean): "for Google
   * Workspace users only" — it restricts responses to signed-in users of the form owner's domain. A consumer
   * (gmail.com) account has no domain: the fake throws (the live text is [UNCONFIRMED]).
   */
  setRequireLogin(requireLogin: boolean): GForm {
    this.hit('setRequireLogin');
    if (requireLogin && this.forms.ctx.owner.toLowerCase().endsWith('@gmail.com')) {
      throw new GasException('setRequireLogin is available only to Google Workspace accounts. (fake text)');
    }
    this.model.requireLogin = requireLogin;
    return this.me();
  }
  canEditResponse(): boolean {
    this.hit('canEditResponse');
    return this.model.allowEdits;
  }
  setAllowResponseEdits(enabled: boolean): GForm {
    this.hit('setAllowResponseEdits');
    this.model.allowEdits = enabled;
    return this.me();
  }
  hasLimitOneResponsePerUser(): boolean {
    this.hit('hasLimitOneResponsePerUser');
    return this.model.limitOne;
  }
  setLimitOneResponsePerUser(enabled: boolean): GForm {
    this.hit('setLimitOneResponsePerUser');
    this.model.limitOne = enabled;
    return this.me();
  }
  isAcceptingResponses(): boolean {
    this.hit('isAcceptingResponses');
    return this.model.accepting;
  }
  setAcceptingResponses(enabled: boolean): GForm {
    this.hit('setAcceptingResponses');
    this.model.accepting = enabled;
    return this.me();
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    this.hit('getEditors');
    return [this.model.owner, ...this.model.editors].map(asUser);
  }
  addEditor(user: string | GoogleAppsScript.Base.User): GForm {
    this.hit('addEditor');
    this.model.editors.push(typeof user === 'string' ? user : user.getEmail());
    return this.me();
  }
  /** Adds a responses sheet to the spreadsheet (§6). */
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GForm {
    this.hit('setDestination');
    if (String(type) !== 'SPREADSHEET' || typeof id !== 'string')
      badParams('FormApp', 'Form', 'setDestination', [type, id]);
    this.forms.link(this.model, id);
    return this.me();
  }
  getDestinationId(): string {
    this.hit('getDestinationId');
    if (!this.model.destinationId)
      throw new GasException('This form does not currently have a response destination. (fake text)');
    return this.model.destinationId;
  }
  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    this.hit('getDestinationType');
    if (!this.model.destinationId)
      throw new GasException('This form does not currently have a response destination. (fake text)');
    return 'SPREADSHEET' as unknown as GoogleAppsScript.Forms.DestinationType;
  }
  /** Unlinks; the responses sheet stays (its getFormUrl becomes null). */
  removeDestination(): GForm {
    this.hit('removeDestination');
    const d = this.forms.destination(this.model);
    if (d) d.sheet.formId = null;
    this.model.destinationId = null;
    return this.me();
  }
  getPublishedUrl(): string {
    this.hit('getPublishedUrl');
    return this.model.publishedUrl;
  }
  getEditUrl(): string {
    this.hit('getEditUrl');
    return this.model.editUrl;
  }
  createResponse(): GResponse {
    this.hit('createResponse');
    return new FakeFormResponse(this.forms, this.model, {
      id: null,
      timestamp: this.forms.ctx.clock.date(),
      email: this.forms.ctx.activeUser,
      answers: new Map(),
    }) as unknown as GResponse;
  }
  getResponses(timestamp?: GoogleAppsScript.Base.Date): GResponse[] {
    this.hit('getResponses');
    const since = timestamp === undefined ? undefined : (timestamp as unknown as Date).getTime();
    return this.model.responses
      .filter((r) => since === undefined || r.timestamp.getTime() >= since)
      .map((r) => new FakeFormResponse(this.forms, this.model, r) as unknown as GResponse);
  }
  getResponse(responseId: string): GResponse {
    this.hit('getResponse');
    const r = this.model.responses.find((x) => x.id === responseId);
    if (!r) throw new GasException(`No response with ID ${responseId} exists for this form. (fake text)`);
    return new FakeFormResponse(this.forms, this.model, r) as unknown as GResponse;
  }
  deleteAllResponses(): GForm {
    this.hit('deleteAllResponses');
    this.model.responses = [];
    return this.me();
  }
}

export class FakeFormApp
  implements Pick<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'openByUrl' | 'getActiveForm'>
{
  readonly ItemType = ItemType as unknown as typeof GoogleAppsScript.Forms.ItemType;
  readonly DestinationType = DestinationType as unknown as typeof GoogleAppsScript.Forms.DestinationType;
  /** DOC https://developers.google.com/apps-script/reference/forms/email-collection-type */
  readonly EmailCollectionType = {
    DO_NOT_COLLECT: 'DO_NOT_COLLECT',
    VERIFIED: 'VERIFIED',
    RESPONDER_INPUT: 'RESPONDER_INPUT',
  } as const;

  constructor(readonly registry: FormRegistry) {}

  private hit(m: string): void {
    this.registry.ctx.hit(`FormApp.${m}`);
  }
  create(title: string): GForm {
    this.hit('create');
    return this.registry.api(this.registry.create(title));
  }
  openById(id: string): GForm {
    this.hit('openById');
    return this.registry.api(this.registry.openable(this.registry.forms.get(id)));
  }
  /** Accepts edit, viewform and Sheet.getFormUrl() URLs of fake forms. */
  openByUrl(url: string): GForm {
    this.hit('openByUrl');
    const id = /\/forms\/d\/(?!e\/)([^/]+)/.exec(url)?.[1];
    const pub = /\/forms\/d\/e\/([^/]+)/.exec(url)?.[1];
    const m = [...this.registry.forms.values()].find((f) => f.id === id || f.publishedId === pub);
    if (!m) throw new GasException(`Invalid argument: url (fake text: no fake form at ${url})`);
    return this.registry.api(this.registry.openable(m));
  }
  /** Not form-bound: null. */
  getActiveForm(): GForm {
    this.hit('getActiveForm');
    return null as unknown as GForm;
  }
}

/** The spreadsheet form-submit event (§2.4): strings in column order, Timestamp first. */
export function sheetSubmitEvent(
  forms: FormRegistry,
  form: FormModel,
  r: ResponseModel,
  triggerUid: string,
  blankExcept?: ReadonlySet<number>,
): GoogleAppsScript.Events.SheetsOnFormSubmit & { source: GoogleAppsScript.Spreadsheet.Spreadsheet } {
  const d = forms.destination(form);
  if (!d || r.row === undefined)
    throw new FakeGasUnsupportedError('the form has no destination spreadsheet: call setDestination first');
  const ctx = forms.ctx;
  const width = Math.max(d.sheet.lastCol(), ...d.sheet.formColumns.values());
  const itemAtCol = new Map([...d.sheet.formColumns].map(([id, c]) => [c, id]));
  const values: string[] = [];
  const namedValues: Record<string, string[]> = {};
  for (let c = 1; c <= width; c++) {
    const itemId = itemAtCol.get(c);
    const blank = blankExcept && itemId !== undefined && !blankExcept.has(itemId);
    const v = blank ? '' : displayCell(ctx, d.sheet, r.row, c);
    values.push(v);
    const header = displayCell(ctx, d.sheet, 1, c);
    namedValues[header] = [...(namedValues[header] ?? []), v];
  }
  return {
    authMode: 'FULL' as unknown as GoogleAppsScript.Script.AuthMode,
    namedValues,
    range: rangeApi(ctx, d.sheet, { row: r.row, col: 1, numRows: 1, numCols: width }),
    source: spreadsheetApi(ctx, d.ss),
    triggerUid,
    user: asUser(ctx.effectiveUser),
    values,
  };
}

/** The form-bound form-submit event (§2.4). */
export function formSubmitEvent(
  forms: FormRegistry,
  form: FormModel,
  r: ResponseModel,
  triggerUid: string,
): GoogleAppsScript.Events.FormsOnFormSubmit {
  return {
    authMode: 'FULL' as unknown as GoogleAppsScript.Script.AuthMode,
    response: new FakeFormResponse(forms, form, r) as unknown as GResponse,
    source: forms.api(form),
    triggerUid,
    user: asUser(forms.ctx.effectiveUser),
  };
}
