// Builders stored on sheets: data validation rules, conditional format rules and embedded charts (minimal, inspectable).

import { FakeGasUnsupportedError } from './errors';
import type { RangeRef, SheetModel } from './model';
import type { RangeFactory, RangeUnwrapper } from './protection';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GDV = GoogleAppsScript.Spreadsheet.DataValidation;
type GDVB = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** Enum values are their names (`JSON.stringify(X.Y) === '"Y"'`, §11.1). */
function enumOf<K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };
}

export const DataValidationCriteria = enumOf(
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
);
export type CriteriaName = keyof typeof DataValidationCriteria;

export const ProtectionType = enumOf('RANGE', 'SHEET');
export const BorderStyle = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
export const WrapStrategy = enumOf('WRAP', 'OVERFLOW', 'CLIP');
export const Dimension = enumOf('COLUMNS', 'ROWS');
export const ChartType = enumOf(
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
);

type DVPick =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireTextContains'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria';

interface DVState {
  criteria: CriteriaName | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** SpreadsheetApp.newDataValidation(). */
export class FakeDataValidationBuilder implements Pick<GDVB, DVPick> {
  private s: DVState;

  constructor(state?: DVState) {
    this.s = state
      ? { ...state, values: [...state.values] }
      : { criteria: null, values: [], allowInvalid: true, helpText: null };
  }

  private set(criteria: CriteriaName, values: unknown[]): GDVB {
    this.s.criteria = criteria;
    this.s.values = values;
    return this as unknown as GDVB;
  }

  build(): GDV {
    if (!this.s.criteria)
      throw new FakeGasUnsupportedError('DataValidationBuilder.build() without a criteria');
    return new FakeDataValidation({ ...this.s, values: [...this.s.values] }) as unknown as GDV;
  }
  copy(): GDVB {
    return new FakeDataValidationBuilder(this.s) as unknown as GDVB;
  }
  getAllowInvalid(): boolean {
    return this.s.allowInvalid;
  }
  getCriteriaType(): GCriteria {
    return this.s.criteria as unknown as GCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.s.values];
  }
  getHelpText(): string | null {
    return this.s.helpText;
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): GDVB {
    const v =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.set('CHECKBOX', v);
  }
  requireDate(): GDVB {
    return this.set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): GDVB {
    return this.set('DATE_AFTER', [new Date(date)]);
  }
  requireDateBefore(date: Date): GDVB {
    return this.set('DATE_BEFORE', [new Date(date)]);
  }
  requireDateBetween(start: Date, end: Date): GDVB {
    return this.set('DATE_BETWEEN', [new Date(start), new Date(end)]);
  }
  requireFormulaSatisfied(formula: string): GDVB {
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): GDVB {
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): GDVB {
    return this.set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): GDVB {
    return this.set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): GDVB {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): GDVB {
    return this.set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): GDVB {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): GDVB {
    return this.set('TEXT_CONTAINS', [text]);
  }
  requireTextEqualTo(text: string): GDVB {
    return this.set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): GDVB {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): GDVB {
    return this.set('TEXT_IS_VALID_URL', []);
  }
  /** getCriteriaValues() then gives [values, showDropdown]. */
  requireValueInList(values: string[], showDropdown = true): GDVB {
    if (!Array.isArray(values)) throw new FakeGasUnsupportedError('requireValueInList needs an array');
    return this.set('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: GRange, showDropdown = true): GDVB {
    return this.set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): GDVB {
    this.s.allowInvalid = allowInvalidData;
    return this as unknown as GDVB;
  }
  setHelpText(helpText: string): GDVB {
    this.s.helpText = helpText;
    return this as unknown as GDVB;
  }
  withCriteria(criteria: GCriteria, args: unknown[]): GDVB {
    return this.set(String(criteria) as CriteriaName, [...args]);
  }
}

/** A built, immutable data validation rule; stored per cell. */
export class FakeDataValidation
  implements Pick<GDV, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'>
{
  constructor(private readonly s: DVState) {}
  copy(): GDVB {
    return new FakeDataValidationBuilder(this.s) as unknown as GDVB;
  }
  getAllowInvalid(): boolean {
    return this.s.allowInvalid;
  }
  getCriteriaType(): GCriteria {
    return this.s.criteria as unknown as GCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this.s.values.map((v) => (Array.isArray(v) ? [...v] : v));
  }
  getHelpText(): string {
    return this.s.helpText ?? '';
  }
  /** Test helper: the dropdown list of a VALUE_IN_LIST rule. */
  listValues(): string[] | undefined {
    return this.s.criteria === 'VALUE_IN_LIST' ? [...(this.s.values[0] as string[])] : undefined;
  }
}

interface CFState {
  condition: { type: string; values: unknown[] } | null;
  format: {
    background?: string | null;
    fontColor?: string | null;
    bold?: boolean | null;
    italic?: boolean | null;
  };
  ranges: GRange[];
}

type CFB = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type CFR = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** SpreadsheetApp.newConditionalFormatRule(): boolean conditions only (no gradients). */
export class FakeConditionalFormatRuleBuilder
  implements
    Pick<
      CFB,
      | 'build'
      | 'copy'
      | 'getRanges'
      | 'setBackground'
      | 'setBold'
      | 'setFontColor'
      | 'setItalic'
      | 'setRanges'
      | 'whenCellEmpty'
      | 'whenCellNotEmpty'
      | 'whenFormulaSatisfied'
      | 'whenNumberBetween'
      | 'whenNumberEqualTo'
      | 'whenNumberGreaterThan'
      | 'whenNumberGreaterThanOrEqualTo'
      | 'whenNumberLessThan'
      | 'whenNumberLessThanOrEqualTo'
      | 'whenTextContains'
      | 'whenTextEqualTo'
    >
{
  private s: CFState;
  constructor(state?: CFState) {
    this.s = state
      ? { condition: state.condition, format: { ...state.format }, ranges: [...state.ranges] }
      : { condition: null, format: {}, ranges: [] };
  }
  private cond(type: string, values: unknown[]): CFB {
    this.s.condition = { type, values };
    return this as unknown as CFB;
  }
  private fmt(k: keyof CFState['format'], v: string | boolean | null): CFB {
    (this.s.format as Record<string, unknown>)[k] = v;
    return this as unknown as CFB;
  }
  build(): CFR {
    if (!this.s.condition)
      throw new FakeGasUnsupportedError('ConditionalFormatRuleBuilder.build() without a condition');
    return new FakeConditionalFormatRule(this.s) as unknown as CFR;
  }
  copy(): CFB {
    return new FakeConditionalFormatRuleBuilder(this.s) as unknown as CFB;
  }
  getRanges(): GRange[] {
    return [...this.s.ranges];
  }
  setBackground(color: string | null): CFB {
    return this.fmt('background', color);
  }
  setBold(bold: boolean | null): CFB {
    return this.fmt('bold', bold);
  }
  setFontColor(color: string | null): CFB {
    return this.fmt('fontColor', color);
  }
  setItalic(italic: boolean | null): CFB {
    return this.fmt('italic', italic);
  }
  setRanges(ranges: GRange[]): CFB {
    this.s.ranges = [...ranges];
    return this as unknown as CFB;
  }
  whenCellEmpty(): CFB {
    return this.cond('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): CFB {
    return this.cond('CELL_NOT_EMPTY', []);
  }
  whenFormulaSatisfied(formula: string): CFB {
    return this.cond('CUSTOM_FORMULA', [formula]);
  }
  whenNumberBetween(start: number, end: number): CFB {
    return this.cond('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): CFB {
    return this.cond('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): CFB {
    return this.cond('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): CFB {
    return this.cond('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): CFB {
    return this.cond('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): CFB {
    return this.cond('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenTextContains(text: string): CFB {
    return this.cond('TEXT_CONTAINS', [text]);
  }
  whenTextEqualTo(text: string): CFB {
    return this.cond('TEXT_EQUAL_TO', [text]);
  }
}

export class FakeConditionalFormatRule implements Pick<CFR, 'copy' | 'getRanges' | 'getBooleanCondition'> {
  constructor(private readonly s: CFState) {}
  copy(): CFB {
    return new FakeConditionalFormatRuleBuilder(this.s) as unknown as CFB;
  }
  getRanges(): GRange[] {
    return [...this.s.ranges];
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    const { condition, format } = this.s;
    const bc: Pick<
      GoogleAppsScript.Spreadsheet.BooleanCondition,
      'getCriteriaType' | 'getCriteriaValues' | 'getBackground' | 'getFontColor' | 'getBold' | 'getItalic'
    > = {
      getCriteriaType: () => condition?.type as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria,
      getCriteriaValues: () => [...(condition?.values ?? [])],
      getBackground: () => format.background ?? null,
      getFontColor: () => format.fontColor ?? null,
      getBold: () => format.bold ?? null,
      getItalic: () => format.italic ?? null,
    };
    return bc as unknown as GoogleAppsScript.Spreadsheet.BooleanCondition;
  }
}

/** A chart as stored on a sheet. Ranges are tracked so they move with row/column edits. */
export interface ChartModel {
  id: number;
  type: string;
  ranges: Array<{ sheet: SheetModel; ref: RangeRef }>;
  options: Record<string, unknown>;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  numHeaders: number;
}

type ECB = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type EC = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export class FakeEmbeddedChartBuilder
  implements
    Pick<
      ECB,
      | 'addRange'
      | 'asBarChart'
      | 'asColumnChart'
      | 'asLineChart'
      | 'asPieChart'
      | 'asTableChart'
      | 'build'
      | 'clearRanges'
      | 'getChartType'
      | 'getRanges'
      | 'setChartType'
      | 'setNumHeaders'
      | 'setOption'
      | 'setPosition'
    >
{
  constructor(
    private readonly m: ChartModel,
    private readonly makeRange: RangeFactory,
    private readonly unwrap: RangeUnwrapper,
    private readonly nextId: () => number,
  ) {}
  private me(): ECB {
    return this as unknown as ECB;
  }
  private as<T>(type: string): T {
    this.m.type = type;
    return this as unknown as T;
  }
  addRange(range: GRange): ECB {
    const { sheet, grid } = this.unwrap(range);
    this.m.ranges.push({ sheet, ref: { ...grid } });
    return this.me();
  }
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    return this.as('BAR');
  }
  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    return this.as('COLUMN');
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return this.as('LINE');
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return this.as('PIE');
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return this.as('TABLE');
  }
  build(): EC {
    const m: ChartModel = {
      ...this.m,
      id: this.m.id || this.nextId(),
      ranges: this.m.ranges.map((r) => ({ sheet: r.sheet, ref: { ...r.ref } })),
      options: { ...this.m.options },
      position: { ...this.m.position },
    };
    return new FakeEmbeddedChart(m, this.makeRange, this.unwrap, this.nextId) as unknown as EC;
  }
  clearRanges(): ECB {
    this.m.ranges = [];
    return this.me();
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this.m.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  getRanges(): GRange[] {
    return this.m.ranges.map((r) => this.makeRange(r.sheet, r.ref));
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): ECB {
    this.m.type = String(type);
    return this.me();
  }
  setNumHeaders(headers: number): ECB {
    this.m.numHeaders = headers;
    return this.me();
  }
  setOption(option: string, value: unknown): ECB {
    this.m.options[option] = value;
    return this.me();
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): ECB {
    this.m.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this.me();
  }
}

export class FakeEmbeddedChart
  implements Pick<EC, 'getChartId' | 'getRanges' | 'getOptions' | 'modify' | 'getContainerInfo'>
{
  constructor(
    readonly model: ChartModel,
    private readonly makeRange: RangeFactory,
    private readonly unwrap: RangeUnwrapper,
    private readonly nextId: () => number,
  ) {}
  getChartId(): number {
    return this.model.id;
  }
  getRanges(): GRange[] {
    return this.model.ranges.map((r) => this.makeRange(r.sheet, r.ref));
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const o = this.model.options;
    return {
      get: (k: string) => o[k] ?? null,
      getOrDefault: (k: string) => o[k] ?? null,
    } as unknown as GoogleAppsScript.Charts.ChartOptions;
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    const p = this.model.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.col,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    } as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }
  modify(): ECB {
    return new FakeEmbeddedChartBuilder(
      { ...this.model, ranges: [...this.model.ranges], options: { ...this.model.options } },
      this.makeRange,
      this.unwrap,
      this.nextId,
    ) as unknown as ECB;
  }
  /** Test helper: the chart type name ('BAR', 'COLUMN', …). */
  getType(): string {
    return this.model.type;
  }
}
