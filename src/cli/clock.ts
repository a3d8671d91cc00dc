// The CLI's one read of the clock: "now" as a month in the committee's time zone (Asia/Shanghai).

/** Current month 'YYYY-MM' in UTC+8 (China has no daylight saving). */
export function currentMonthShanghai(now: Date = new Date()): string {
  const shifted = new Date(now.getTime() + 8 * 3600 * 1000);
  const m = shifted.getUTCMonth() + 1;
  return `${shifted.getUTCFullYear()}-${m < 10 ? `0${m}` : m}`;
}

/** Current date 'YYYY-MM-DD' in UTC+8. */
export function currentDateShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
