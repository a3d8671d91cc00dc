// Excel serial day numbers ↔ Dates (UTC wall time, as .xlsx cells carry no time zone).

/** Excel serial day number → Date (UTC wall time), rounded to the second. */
export function serialToDate(serial: number, date1904 = false): Date {
  // 25569 = days from 1899-12-30 (day 0 of the 1900 system, past the Lotus leap-year bug) to 1970-01-01.
  const days = date1904 ? serial + 1462 : serial;
  const ms = Math.round((days - 25569) * 86400) * 1000;
  return new Date(ms);
}

/** Date (UTC wall time) → Excel serial day number. */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = d.getTime() / 86400000 + 25569;
  return date1904 ? serial - 1462 : serial;
}
