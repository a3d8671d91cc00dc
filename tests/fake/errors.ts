// Errors thrown by the fake: Apps Script's `Exception` shape (facts Appendix A) and the fake's own "unsupported" error.

/**
 * A service error as the V8 runtime raises it: `name === 'Exception'`, a message without prefix, so
 * `String(e)` reads `Exception: <message>` (apps-script-facts §1.2, Appendix A).
 */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/**
 * Thrown where the real behaviour is unknown ([UNCONFIRMED] in the facts file) and the fake refuses to
 * guess, so tests never bake in a guess. The message always starts with `FakeGas:`.
 */
export class FakeGasUnsupportedError extends Error {
  constructor(message: string) {
    super(`FakeGas: ${message}`);
    this.name = 'FakeGasUnsupported';
  }
}

/** The exact texts of Appendix A, plus a few the fake needs. */
export const MSG = {
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  startRowTooSmall: 'The starting row of the range is too small.',
  startColTooSmall: 'The starting column of the range is too small.',
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  numColsTooSmall: 'The number of columns in the range must be at least 1.',
  outOfBounds: 'The coordinates of the range are outside the dimensions of the sheet.',
  duplicateSheet: (name: string) =>
    `A sheet with the name "${name}" already exists. Please enter another name.`,
  lastSheet: "You can't remove all the sheets in a document.",
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  // Sheets' per-cell limit (facts §1.6: 50,000 characters); the text is the one Sheets gives scripts and the
  // Sheets API alike, seen in many real logs ("Invalid data[4]: Your input contains more than …"). [COMMUNITY]
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  functionNotFound: (name: string) => `Script function not found: ${name}`,
  noHtmlFile: (name: string) => `No HTML file named ${name} was found.`,
  // Not in the facts file: a commonly reported text for an A1 string that does not parse. [UNCONFIRMED]
  rangeNotFound: 'Range not found',
  // Not in the facts file: the shape is §1.4 "wrong argument types".
  badParams: (types: string, cls: string, method: string) =>
    `The parameters (${types}) don't match the method signature for ${cls}.${method}.`,
} as const;

/** Describes arguments the way the runtime's signature error does: `(String,number)`, `(number[])`. */
export function describeArgs(args: readonly unknown[]): string {
  return args.map(describeType).join(',');
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof Date) return 'Date';
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null && x !== undefined);
    return `${first === undefined ? 'Object' : describeType(first)}[]`;
  }
  return 'Object';
}

/** Throws the §1.4 signature error for `SpreadsheetApp.<cls>.<method>`. */
export function badParams(service: string, cls: string, method: string, args: readonly unknown[]): never {
  throw new GasException(MSG.badParams(describeArgs(args), `${service}.${cls}`, method));
}
