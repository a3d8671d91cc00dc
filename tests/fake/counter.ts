// Counts every call into the fake's services by "Class.method", in order, so tests can assert call budgets (§9).

/** How a counted call is totalled: data reads, writes (content, format, structure), or other calls. */
export type CallKind = 'read' | 'write' | 'other';

const DATA_READS = new Set([
  'Range.getValue',
  'Range.getValues',
  'Range.getDisplayValue',
  'Range.getDisplayValues',
  'Range.getFormula',
  'Range.getFormulas',
  'Range.getNumberFormat',
  'Range.getNumberFormats',
  'Range.getBackground',
  'Range.getBackgrounds',
  'Range.getFontWeight',
  'Range.getFontWeights',
  'Range.getFontColor',
  'Range.getFontColors',
  'Range.getNote',
  'Range.getNotes',
  'Range.getDataValidation',
  'Range.getDataValidations',
  'Range.isBlank',
  'Sheet.getSheetValues',
  'Spreadsheet.getSheetValues',
]);

const WRITE_PREFIXES = [
  'set',
  'append',
  'insert',
  'delete',
  'clear',
  'protect',
  'auto',
  'sort',
  'merge',
  'hide',
  'show',
  'check',
  'uncheck',
  'remove',
  'add',
  'rename',
  'update',
];

const COUNTED_CLASSES = new Set(['Spreadsheet', 'Sheet', 'Range', 'SpreadsheetApp', 'Protection']);

/** Classifies `Class.method`. Only Spreadsheet/Sheet/Range/Protection/SpreadsheetApp calls are reads or writes. */
export function classify(name: string): CallKind {
  if (DATA_READS.has(name)) return 'read';
  const [cls = '', method = ''] = name.split('.');
  if (!COUNTED_CLASSES.has(cls)) return 'other';
  if (method === 'setActiveSheet' || method === 'setActiveRange' || method === 'setActiveSelection')
    return 'other';
  return WRITE_PREFIXES.some((p) => method.startsWith(p)) ? 'write' : 'other';
}

export class CallCounter {
  private readonly map = new Map<string, number>();
  /** Every counted call, in order (e.g. to assert flush() happened before Lock.releaseLock()). */
  readonly log: string[] = [];

  hit(name: string): void {
    this.map.set(name, (this.map.get(name) ?? 0) + 1);
    this.log.push(name);
  }

  /** Calls of one `Class.method`, e.g. `get('Range.getValues')`. */
  get(name: string): number {
    return this.map.get(name) ?? 0;
  }

  reset(): void {
    this.map.clear();
    this.log.length = 0;
  }

  /** All counted calls, or only those whose name starts with `prefix` (e.g. `'Range.'`). */
  total(prefix = ''): number {
    let n = 0;
    for (const [k, v] of this.map) if (k.startsWith(prefix)) n += v;
    return n;
  }

  /** Spreadsheet-service calls (Spreadsheet, Sheet, Range, Protection, SpreadsheetApp): what §9 says costs time. */
  spreadsheetCalls(): number {
    let n = 0;
    for (const [k, v] of this.map) if (COUNTED_CLASSES.has(k.split('.')[0] ?? '')) n += v;
    return n;
  }

  reads(): number {
    return this.sumKind('read');
  }

  writes(): number {
    return this.sumKind('write');
  }

  /** A plain object copy of the counts, handy for `toMatchObject` / snapshots. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.map].sort(([a], [b]) => a.localeCompare(b)));
  }

  private sumKind(kind: CallKind): number {
    let n = 0;
    for (const [k, v] of this.map) if (classify(k) === kind) n += v;
    return n;
  }
}
