// zod/mini shapes of the scenario records (SPEC §8), and Chinese messages for their issues.

import * as z from 'zod/mini';
import type { Problem, Table } from './problems';

const str = z.string();
const optStr = z.optional(z.nullable(z.string()));
const num = z.number();
const optNum = z.optional(z.nullable(z.number()));
const optBool = z.optional(z.nullable(z.boolean()));

export const settingsShape = z.object({
  year: optNum,
  asOf: optStr,
  startingPoints: optNum,
  fullAttendanceMode: z.optional(z.nullable(z.enum(['replace', 'add']))),
  tierFraction: optNum,
  bottomCount: optNum,
  pointsPerHalfDay: optNum,
});

export const cadreShape = z.object({
  id: str,
  name: str,
  role: optStr,
  email: optStr,
  startMonth: optStr,
  endMonth: optStr,
  ranked: optBool,
});

export const ruleShape = z.object({
  code: str,
  category: z.enum(['base', 'task', 'reward']),
  item: str,
  points: num,
  kind: z.enum(['per-event', 'attendance', 'monthly-absence', 'top-n']),
  tier: z.optional(z.nullable(z.enum(['punctual', 'full']))),
  linkedCode: optStr,
  topN: optNum,
  // SPEC §8 names the half-year 'half'; 'half-year' (the period kind's own name) is accepted as well.
  scorePeriod: z.optional(z.nullable(z.enum(['quarter', 'half', 'half-year']))),
  active: optBool,
  claimable: optBool,
  evidenceRequired: optBool,
});

export const entryShape = z.object({
  id: str,
  month: str,
  cadreId: str,
  ruleCode: str,
  quantity: num,
  status: z.optional(z.enum(['approved', 'pending', 'rejected'])),
  reason: optStr,
  source: z.optional(z.enum(['form', 'committee', 'system', 'correction'])),
  unitPoints: optNum,
  correctsId: optStr,
});

export const attendanceShape = z.object({
  month: str,
  cadreId: str,
  late: optNum,
  earlyLeave: optNum,
  absent: optNum,
  personalLeaveDays: optNum,
  sickLeaveDays: optNum,
});

export const scoreShape = z.object({ period: str, ruleCode: str, cadreId: str, score: num });

export const redemptionShape = z.object({
  id: optStr,
  cadreId: str,
  date: str,
  halfDays: num,
  note: optStr,
});

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '列表',
  object: '对象',
};

/** Short display of an offending value. */
export function showValue(v: unknown): string {
  if (v === undefined) return '缺失';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  try {
    const s = JSON.stringify(v);
    return s.length > 40 ? `${s.slice(0, 40)}…` : s;
  } catch {
    return String(v);
  }
}

const STATUS = new Set(['approved', 'pending', 'rejected']);
const SOURCE = new Set(['form', 'committee', 'system', 'correction']);
const optText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const optNumber = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));

/**
 * `entryShape` written out by hand for the hot path (a year's ledger is 100k+ records; the generic
 * guard's per-field closures cost more than the rest of validation). A property test keeps it equal
 * to `entryShape.safeParse(v).success`.
 */
export function isEntryRecord(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    typeof e.month === 'string' &&
    typeof e.cadreId === 'string' &&
    typeof e.ruleCode === 'string' &&
    typeof e.quantity === 'number' &&
    Number.isFinite(e.quantity) &&
    (e.status === undefined || STATUS.has(e.status as string)) &&
    optText(e.reason) &&
    (e.source === undefined || SOURCE.has(e.source as string)) &&
    optNumber(e.unitPoints) &&
    optText(e.correctsId)
  );
}

type Check = (v: unknown) => boolean;

/** A fast type check derived from a zod/mini schema's definition (string, number, boolean, enum, optional, nullable). */
function checkOf(schema: unknown): Check {
  const def = (
    schema as { _zod: { def: { type: string; innerType?: unknown; entries?: Record<string, unknown> } } }
  )._zod.def;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = checkOf(def.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = checkOf(def.innerType);
      return (v) => v === null || inner(v);
    }
    default:
      return () => false; // unknown kinds always go through zod
  }
}

const guards = new WeakMap<object, (v: unknown) => boolean>();

/**
 * A guard equivalent to an object schema for well-formed records. Why: zod costs ~1 µs a record, and a
 * year's ledger has 100k+ rows; records that pass the guard are exactly those zod accepts, and zod still
 * produces the messages for the rest.
 */
export function guardOf(shape: object): (v: unknown) => boolean {
  let g = guards.get(shape);
  if (!g) {
    const fields = Object.entries(
      (shape as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape,
    ).map(([k, s]) => [k, checkOf(s)] as const);
    g = (v: unknown) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const rec = v as Record<string, unknown>;
      for (const [k, check] of fields) if (!check(rec[k])) return false;
      return true;
    };
    guards.set(shape, g);
  }
  return g;
}

/**
 * Parses one record with a shape; on failure returns Chinese problems, one per offending field.
 * Why not zod's own messages: zod/mini ships generic English text, and users read Chinese.
 */
export function parseRecord<T>(
  shape: z.ZodMiniType<T>,
  value: unknown,
  table: Table,
  index: number,
  row: number | undefined,
): { ok: true; value: T } | { ok: false; problems: Problem[] } {
  if (guardOf(shape)(value)) return { ok: true, value: value as T };
  const res = shape.safeParse(value);
  if (res.success) return { ok: true, value: res.data };
  const rec = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const id = typeof rec.id === 'string' ? rec.id : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ table, index, row, id, field: '', message: `应为对象（实际：${showValue(value)}）` }],
    };
  }
  const problems: Problem[] = res.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const actual = rec[field];
    let message: string;
    if (issue.code === 'invalid_type') {
      message =
        actual === undefined
          ? `缺少必填字段（应为${TYPE_ZH[issue.expected] ?? issue.expected}）`
          : `应为${TYPE_ZH[issue.expected] ?? issue.expected}（实际：${showValue(actual)}）`;
    } else if (issue.code === 'invalid_value') {
      message = `应为以下之一：${issue.values.map((v) => String(v)).join('、')}（实际：${showValue(actual)}）`;
    } else {
      message = `格式不正确（实际：${showValue(actual)}）`;
    }
    return { table, index, row, id, field, message };
  });
  return { ok: false, problems };
}
