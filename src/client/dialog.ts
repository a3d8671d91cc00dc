// The entry dialog: the committee records events, a month's attendance, assessment scores, leave
// redemptions (积分兑换), objections to a published month (异议) and the findings on them.

import type {
  ActionResult,
  AttendanceEntryRequest,
  DialogOptions,
  EntryRequest,
  EventEntryRequest,
  FindingEntryRequest,
  ObjectionEntryRequest,
  ObjectionSummary,
  RedemptionEntryRequest,
  ScoresEntryRequest,
} from '../shared/ui-contract';
import { append, button, byId, el, replaceChildren } from './dom';
import { call } from './rpc';
import {
  checkDate,
  checkPeriod,
  halfDaysAsDays,
  localToday,
  normaliseEntryId,
  type Parsed,
  parseCount,
  parseHalfDays,
  parseLeaveDays,
  parsePointsDelta,
  parseQuantity,
  parseScore,
  periodOfMonth,
} from './validate';

type Tab = 'event' | 'attendance' | 'scores' | 'redemption' | 'objection' | 'finding';

const TABS: { key: Tab; label: string }[] = [
  { key: 'event', label: '事项' },
  { key: 'attendance', label: '考勤' },
  { key: 'scores', label: '考核成绩' },
  { key: 'redemption', label: '积分兑换' },
  { key: 'objection', label: '登记异议' },
  { key: 'finding', label: '处理异议' },
];

/** Settings default of 兑换标准 (mirrors DEFAULT_SETTINGS.pointsPerHalfDay in src/core/model.ts). */
const DEFAULT_POINTS_PER_HALF_DAY = 100;
/** An objection still waiting for the committee's finding. */
const PENDING = '待处理';

const ATTENDANCE_FIELDS = [
  { key: 'late', label: '迟到', parse: parseCount },
  { key: 'earlyLeave', label: '早退', parse: parseCount },
  { key: 'absent', label: '旷工', parse: parseCount },
  { key: 'personalLeaveDays', label: '事假天数', parse: parseLeaveDays },
  { key: 'sickLeaveDays', label: '病假天数', parse: parseLeaveDays },
] as const;

type AttendanceField = (typeof ATTENDANCE_FIELDS)[number]['key'];

let options: DialogOptions | null = null;
let busy = false;
let tab: Tab = 'event';
/** Panels that redraw parts of themselves from fresh options (balances, objections) after a save. */
let refreshers: ((o: DialogOptions) => void)[] = [];

// ---------------------------------------------------------------- field errors

/** Marks a control invalid and shows the message in its error slot (or the tab's error list). */
function fieldError(control: HTMLElement, message: string, listLabel?: string): void {
  control.classList.add('invalid');
  control.setAttribute('aria-invalid', 'true');
  control.title = message;
  const slot = document.getElementById(`err-${control.id}`);
  if (slot) slot.textContent = message;
  else addListError(listLabel ? `${listLabel}：${message}` : message);
}

function addListError(message: string): void {
  append(byId(`errors-${tab}`), el('li', {}, message));
}

/** Clears every inline error of a tab. */
function clearErrors(t: Tab): void {
  const panel = byId(`panel-${t}`);
  for (const c of panel.querySelectorAll('.invalid')) {
    c.classList.remove('invalid');
    c.removeAttribute('aria-invalid');
    c.removeAttribute('title');
  }
  for (const s of panel.querySelectorAll('.field-error')) s.textContent = '';
  replaceChildren(byId(`errors-${t}`));
}

type StatusKind = 'ok' | 'error' | 'info' | '';
/** Each tab keeps its own message: a success on one tab does not show on the others. */
const statusOfTab = new Map<Tab, { kind: StatusKind; text: string }>();

function showStatus(kind: StatusKind, text: string): void {
  const s = byId('status');
  s.className = kind ? `status ${kind}` : 'status';
  s.textContent = text;
}

function setStatus(kind: StatusKind, text: string): void {
  statusOfTab.set(tab, { kind, text });
  showStatus(kind, text);
}

function setBusy(on: boolean, text = '正在保存…'): void {
  busy = on;
  const loading = byId('loading');
  loading.hidden = !on;
  replaceChildren(loading, el('span', { class: 'spinner' }), text);
  document.body.setAttribute('aria-busy', String(on));
  const committee = !!options?.user.isCommittee;
  // A disabled fieldset disables every control inside it: one switch for "no double submits".
  for (const f of document.querySelectorAll('fieldset')) f.disabled = on || !committee;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) b.disabled = on;
}

// ---------------------------------------------------------------- submit

/**
 * Sends one entry. Server field errors come back as errors[field]; `mapField` finds the control for a
 * key ("quantity", "rows.3.late": the server's paths); keys without a control go to the tab's error list.
 */
async function submit(
  req: EntryRequest,
  mapField: (key: string) => { control: HTMLElement | null; label?: string },
): Promise<boolean> {
  if (busy) return false;
  setBusy(true);
  setStatus('', '');
  let res: ActionResult | null = null;
  try {
    res = await call('dialogSubmit', req);
    if (!res || typeof res !== 'object') throw new Error('服务器没有返回结果，请在表格中确认是否已保存。');
  } catch (e) {
    setStatus('error', (e as Error).message);
    return false;
  } finally {
    setBusy(false);
  }
  if (res.ok) {
    setStatus('ok', res.message || '已保存。');
    return true;
  }
  setStatus('error', res.message || '没有保存，请检查标红的内容。');
  for (const [key, message] of Object.entries(res.errors ?? {})) {
    const { control, label } = mapField(key);
    if (control) fieldError(control, message, label);
    else addListError(message); // e.g. "rows": a message about the whole table
  }
  return false;
}

/** Parses "rows.3.late" / "rows[3].late" / "rows.3" into [3, 'late' | ''] (prefix: rows, corrections). */
function rowPath(key: string, prefix = 'rows'): [number, string] | null {
  const m = new RegExp(`^${prefix}(?:\\.(\\d+)|\\[(\\d+)\\])(?:\\.(\\w+))?$`).exec(key);
  return m ? [Number(m[1] ?? m[2]), m[3] ?? ''] : null;
}

/**
 * Fetches the options again after a save so balances and the objection list show the server's
 * truth (a new objection gets its id there). Quiet on failure: the page keeps its local update.
 */
async function refreshOptions(): Promise<void> {
  try {
    const o = await call('dialogGetOptions');
    if (!o || typeof o !== 'object') return;
    for (const r of refreshers) r(o);
  } catch {
    // keep what the page shows; reopening the dialog loads everything again
  }
}

// ---------------------------------------------------------------- 事项

function labelled(id: string, label: string, control: HTMLElement, hint?: Node | string): Node[] {
  return [
    el('label', { for: id }, label),
    el(
      'div',
      {},
      control,
      hint && el('div', { class: 'hint' }, hint),
      el('div', { class: 'field-error', id: `err-${id}` }),
    ),
  ];
}

function monthSelect(id: string, o: DialogOptions): HTMLSelectElement {
  const s = el('select', { id });
  const months = o.months.includes(o.month) || !o.month ? o.months : [o.month, ...o.months];
  for (const m of months) s.appendChild(el('option', { value: m, selected: m === o.month }, m));
  if (!months.length) s.appendChild(el('option', { value: '' }, '（没有可录入的月份）'));
  return s;
}

function buildEventPanel(o: DialogOptions): HTMLElement {
  const month = monthSelect('event-month', o);
  const cadre = el('select', { id: 'event-cadre' }, el('option', { value: '' }, '请选择干部'));
  for (const c of o.cadres) cadre.appendChild(el('option', { value: c.id }, `${c.name}（${c.id}）`));
  const rule = el('select', { id: 'event-rule' }, el('option', { value: '' }, '请选择事项'));
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const r of o.rules) {
    let g = groups.get(r.category);
    if (!g) {
      g = el('optgroup', { label: r.category || '其他' });
      groups.set(r.category, g);
      rule.appendChild(g);
    }
    g.appendChild(el('option', { value: r.code }, `${r.item}（${r.points > 0 ? '+' : ''}${r.points}）`));
  }
  const quantity = el('input', {
    id: 'event-quantity',
    type: 'text',
    inputmode: 'numeric',
    class: 'qty',
    value: '1',
  });
  const preview = el('span', { id: 'event-preview' });
  const reason = el('textarea', {
    id: 'event-reason',
    rows: 3,
    maxlength: 500,
    placeholder: '例如：10月12日被街道通报批评（文件号…）',
  });
  const updatePreview = () => {
    const r = o.rules.find((x) => x.code === rule.value);
    const q = parseQuantity(quantity.value);
    preview.textContent = r && q.ok ? `每次 ${r.points} 分，共 ${r.points * q.value} 分` : '正整数';
  };
  rule.addEventListener('change', updatePreview);
  quantity.addEventListener('input', updatePreview);
  updatePreview();

  const onSubmit = async () => {
    clearErrors('event');
    const q = parseQuantity(quantity.value);
    const problems: [HTMLElement, string][] = [];
    if (!month.value) problems.push([month, '请选择月份']);
    if (!cadre.value) problems.push([cadre, '请选择干部']);
    if (!rule.value) problems.push([rule, '请选择事项']);
    if (!q.ok) problems.push([quantity, q.error]);
    if (!reason.value.trim()) problems.push([reason, '请填写事由']);
    if (problems.length) {
      for (const [c, m] of problems) fieldError(c, m);
      problems[0]![0].focus();
      setStatus('error', '请先改正标红的内容。');
      return;
    }
    const req: EventEntryRequest = {
      kind: 'event',
      month: month.value,
      cadreId: cadre.value,
      ruleCode: rule.value,
      quantity: q.ok ? q.value : 0,
      reason: reason.value.trim(),
    };
    const fields: Record<string, HTMLElement> = { month, cadreId: cadre, ruleCode: rule, quantity, reason };
    if (await submit(req, (key) => ({ control: fields[key] ?? null }))) {
      // Keep month, cadre and rule for the next entry; clear the reason so that pressing 保存 again by
      // mistake asks for a new reason instead of recording the same event twice.
      reason.value = '';
      quantity.value = '1';
      updatePreview();
      cadre.focus();
    }
  };

  return el(
    'fieldset',
    {},
    el(
      'div',
      { class: 'form-grid' },
      ...labelled('event-month', '月份', month),
      ...labelled('event-cadre', '干部', cadre),
      ...labelled('event-rule', '事项', rule),
      ...labelled('event-quantity', '数量', quantity, preview),
      ...labelled('event-reason', '事由', reason, '必填：写明时间、来源或文件，公示时会列出。'),
    ),
    el('ul', { class: 'error-list', id: 'errors-event' }),
    el(
      'div',
      { class: 'actions' },
      button('保存事项', () => void onSubmit(), { class: 'primary', id: 'event-submit' }),
    ),
  );
}

// ---------------------------------------------------------------- 考勤

function buildAttendancePanel(o: DialogOptions): HTMLElement {
  const month = monthSelect('att-month', o);
  const inputs: Record<AttendanceField, HTMLInputElement>[] = [];
  const tbody = el('tbody');
  o.cadres.forEach((c, i) => {
    const row: Partial<Record<AttendanceField, HTMLInputElement>> = {};
    const tr = el('tr', { 'data-cadre': c.id }, el('td', {}, `${c.name}（${c.id}）`));
    for (const f of ATTENDANCE_FIELDS) {
      const input = el('input', {
        type: 'text',
        id: `att-${i}-${f.key}`,
        inputmode: f.key.endsWith('Days') ? 'decimal' : 'numeric',
        value: '0',
        'aria-label': `${c.name} ${f.label}`,
        'data-field': f.key,
      });
      row[f.key] = input;
      tr.appendChild(el('td', {}, input));
    }
    inputs.push(row as Record<AttendanceField, HTMLInputElement>);
    tbody.appendChild(tr);
  });
  const table = el(
    'table',
    { class: 'grid-table', id: 'att-table' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, '干部'), ...ATTENDANCE_FIELDS.map((f) => el('th', {}, f.label))),
    ),
    tbody,
  );

  const onSubmit = async () => {
    clearErrors('attendance');
    let bad = 0;
    if (!month.value) {
      fieldError(month, '请选择月份');
      bad++;
    }
    const rows: AttendanceEntryRequest['rows'] = [];
    o.cadres.forEach((c, i) => {
      const values: Partial<Record<AttendanceField, number>> = {};
      for (const f of ATTENDANCE_FIELDS) {
        const input = inputs[i]![f.key];
        const p: Parsed = f.parse(input.value, f.label);
        if (p.ok) values[f.key] = p.value;
        else {
          fieldError(input, p.error, c.name);
          bad++;
        }
      }
      rows.push({ cadreId: c.id, ...(values as Record<AttendanceField, number>) });
    });
    if (!o.cadres.length) {
      addListError('名册中没有在职干部。');
      bad++;
    }
    if (bad) {
      byId('panel-attendance').querySelector<HTMLElement>('.invalid')?.focus();
      setStatus('error', `有 ${bad} 处需要改正（标红）。`);
      return;
    }
    const req: AttendanceEntryRequest = { kind: 'attendance', month: month.value, rows };
    await submit(req, (key) => {
      if (key === 'month') return { control: month };
      const p = rowPath(key);
      const i = p ? o.cadres.findIndex((c) => c.id === rows[p[0]]?.cadreId) : -1;
      if (!p || i < 0) return { control: null };
      const field = ATTENDANCE_FIELDS.find((f) => f.key === p[1]);
      return { control: field ? inputs[i]![field.key] : inputs[i]!.late, label: o.cadres[i]!.name };
    });
  };

  return el(
    'fieldset',
    {},
    el('div', { class: 'form-grid' }, ...labelled('att-month', '月份', month)),
    el(
      'div',
      { class: 'hint' },
      '迟到、早退、旷工填次数（整数）；事假、病假以半天为单位（0.5、1、1.5…）；没有请填 0。',
    ),
    el('div', { class: 'table-scroll' }, table),
    el('ul', { class: 'error-list', id: 'errors-attendance' }),
    el(
      'div',
      { class: 'actions' },
      button('保存考勤', () => void onSubmit(), { class: 'primary', id: 'att-submit' }),
    ),
  );
}

// ---------------------------------------------------------------- 考核成绩

function buildScoresPanel(o: DialogOptions): HTMLElement {
  const rule = el('select', { id: 'score-rule' });
  for (const r of o.scoreRules) {
    rule.appendChild(
      el('option', { value: r.code }, `${r.item}（${r.scorePeriod === 'quarter' ? '季度' : '半年'}）`),
    );
  }
  if (!o.scoreRules.length) rule.appendChild(el('option', { value: '' }, '（没有考核项目）'));
  const period = el('input', { id: 'score-period', type: 'text', class: 'qty', autocomplete: 'off' });
  const periodHint = el('span', { id: 'score-period-hint' });
  const kindOf = () => o.scoreRules.find((r) => r.code === rule.value)?.scorePeriod ?? 'quarter';
  const onRule = () => {
    const kind = kindOf();
    period.placeholder = kind === 'quarter' ? '2026-Q3' : '2026-H1';
    periodHint.textContent =
      kind === 'quarter' ? '季度，格式如 2026-Q3' : '半年，格式如 2026-H1（上半年）/ 2026-H2';
    // Suggest the period of the default month when the field is empty or holds the other kind's form.
    if (!checkPeriod(period.value, kind).ok) period.value = periodOfMonth(o.month, kind);
  };
  rule.addEventListener('change', onRule);
  onRule();

  const scoreInputs = o.cadres.map((c, i) =>
    el('input', {
      type: 'text',
      id: `score-${i}`,
      inputmode: 'decimal',
      'aria-label': `${c.name} 成绩`,
      'data-cadre': c.id,
    }),
  );
  const table = el(
    'table',
    { class: 'grid-table', id: 'score-table' },
    el('thead', {}, el('tr', {}, el('th', {}, '干部'), el('th', {}, '成绩'))),
    el(
      'tbody',
      {},
      ...o.cadres.map((c, i) =>
        el('tr', { 'data-cadre': c.id }, el('td', {}, `${c.name}（${c.id}）`), el('td', {}, scoreInputs[i])),
      ),
    ),
  );

  const onSubmit = async () => {
    clearErrors('scores');
    let bad = 0;
    if (!rule.value) {
      fieldError(rule, '请选择考核项目');
      bad++;
    }
    const p = checkPeriod(period.value, kindOf());
    if (!p.ok) {
      fieldError(period, p.error);
      bad++;
    }
    const rows: ScoresEntryRequest['rows'] = [];
    o.cadres.forEach((c, i) => {
      const input = scoreInputs[i]!;
      if (!input.value.trim()) return; // blank = no score this period
      const s = parseScore(input.value);
      if (s.ok) rows.push({ cadreId: c.id, score: s.value });
      else {
        fieldError(input, s.error, c.name);
        bad++;
      }
    });
    if (!bad && !rows.length) {
      addListError('请至少填写一位干部的成绩。');
      bad++;
    }
    if (bad) {
      byId('panel-scores').querySelector<HTMLElement>('.invalid')?.focus();
      setStatus('error', `有 ${bad} 处需要改正。`);
      return;
    }
    if (p.ok) period.value = p.value;
    const req: ScoresEntryRequest = {
      kind: 'scores',
      period: p.ok ? p.value : '',
      ruleCode: rule.value,
      rows,
    };
    await submit(req, (key) => {
      if (key === 'period') return { control: period };
      if (key === 'ruleCode') return { control: rule };
      const rp = rowPath(key);
      const i = rp ? o.cadres.findIndex((c) => c.id === rows[rp[0]]?.cadreId) : -1;
      return i < 0 ? { control: null } : { control: scoreInputs[i]!, label: o.cadres[i]!.name };
    });
  };

  return el(
    'fieldset',
    {},
    el(
      'div',
      { class: 'form-grid' },
      ...labelled('score-rule', '考核项目', rule),
      ...labelled('score-period', '期间', period, periodHint),
    ),
    el(
      'div',
      { class: 'hint' },
      '每位干部填一个成绩；留空表示该干部本期没有成绩。前几名由系统按成绩排名计分。',
    ),
    el('div', { class: 'table-scroll' }, table),
    el('ul', { class: 'error-list', id: 'errors-scores' }),
    el(
      'div',
      { class: 'actions' },
      button('保存成绩', () => void onSubmit(), { class: 'primary', id: 'score-submit' }),
    ),
  );
}

// ---------------------------------------------------------------- shared bits of the new panels

function cadreSelect(id: string, o: DialogOptions): HTMLSelectElement {
  const s = el('select', { id }, el('option', { value: '' }, '请选择干部'));
  for (const c of o.cadres) s.appendChild(el('option', { value: c.id }, `${c.name}（${c.id}）`));
  return s;
}

/** A label for a group of controls (radio list) in the form grid; the group gets aria-labelledby. */
function grouped(id: string, label: string, control: HTMLElement, hint?: Node | string): Node[] {
  control.setAttribute('aria-labelledby', `label-${id}`);
  return [
    el('span', { class: 'group-label', id: `label-${id}` }, label),
    el(
      'div',
      {},
      control,
      hint && el('div', { class: 'hint' }, hint),
      el('div', { class: 'field-error', id: `err-${id}` }),
    ),
  ];
}

/** Shows the first problem's control and a status line; true when there were problems. */
function reportProblems(problems: [HTMLElement, string][]): boolean {
  if (!problems.length) return false;
  for (const [c, m] of problems) fieldError(c, m);
  problems[0]![0].focus();
  setStatus('error', '请先改正标红的内容。');
  return true;
}

// ---------------------------------------------------------------- 积分兑换

type Balance = NonNullable<DialogOptions['balances']>[number];

function buildRedemptionPanel(o: DialogOptions): HTMLElement {
  const pph = o.pointsPerHalfDay && o.pointsPerHalfDay > 0 ? o.pointsPerHalfDay : DEFAULT_POINTS_PER_HALF_DAY;
  let balances = new Map<string, Balance>((o.balances ?? []).map((b) => [b.cadreId, { ...b }]));
  const cadre = cadreSelect('red-cadre', o);
  const balance = el('div', { class: 'balance', id: 'red-balance', 'aria-live': 'polite' });
  const halfDays = el('input', {
    id: 'red-halfdays',
    type: 'text',
    inputmode: 'numeric',
    class: 'qty',
    autocomplete: 'off',
  });
  const after = el('span', { id: 'red-after' });
  const date = el('input', {
    id: 'red-date',
    type: 'text',
    class: 'date',
    value: o.today || localToday(),
    placeholder: 'YYYY-MM-DD',
    autocomplete: 'off',
  });
  const note = el('textarea', {
    id: 'red-note',
    rows: 2,
    maxlength: 500,
    placeholder: '例如：11月3日上午事假，已向书记请假',
  });

  const update = () => {
    const b = balances.get(cadre.value);
    if (!cadre.value) replaceChildren(balance, el('span', { class: 'muted' }, '选择干部后显示可用积分。'));
    else if (!b)
      replaceChildren(
        balance,
        el('span', { class: 'muted' }, '没有该干部的积分余额数据，保存时由服务器核对。'),
      );
    else {
      replaceChildren(
        balance,
        '可用积分 ',
        el('b', { id: 'red-available' }, String(b.availablePoints)),
        ' 分，可兑换 ',
        el('b', { id: 'red-halfdays-available' }, String(b.halfDays)),
        ` 个半天（${halfDaysAsDays(b.halfDays)} 天），已兑换 ${b.redeemedHalfDays} 个半天（${halfDaysAsDays(b.redeemedHalfDays)} 天）`,
      );
    }
    const h = parseHalfDays(halfDays.value);
    after.className = '';
    if (!h.ok) {
      after.textContent = `正整数，1 个半天 = 0.5 天，每个半天 ${pph} 分`;
      return;
    }
    const cost = h.value * pph;
    if (!b) after.textContent = `需 ${cost} 分`;
    else if (cost <= b.availablePoints)
      after.textContent = `需 ${cost} 分，兑换后剩余 ${b.availablePoints - cost} 分`;
    else {
      after.className = 'over';
      after.textContent = `需 ${cost} 分，超出可用积分（可用 ${b.availablePoints} 分）`;
    }
  };
  cadre.addEventListener('change', update);
  halfDays.addEventListener('input', update);
  update();
  refreshers.push((fresh) => {
    if (!fresh.balances) return;
    balances = new Map(fresh.balances.map((b) => [b.cadreId, { ...b }]));
    update();
  });

  const onSubmit = async () => {
    clearErrors('redemption');
    const h = parseHalfDays(halfDays.value);
    const d = checkDate(date.value);
    const b = balances.get(cadre.value);
    const problems: [HTMLElement, string][] = [];
    if (!cadre.value) problems.push([cadre, '请选择干部']);
    if (!h.ok) problems.push([halfDays, h.error]);
    else if (b && h.value * pph > b.availablePoints) {
      problems.push([
        halfDays,
        `超出可用积分：兑换 ${h.value} 个半天需 ${h.value * pph} 分，可用 ${b.availablePoints} 分`,
      ]);
    }
    if (!d.ok) problems.push([date, d.error]);
    if (reportProblems(problems) || !h.ok || !d.ok) return;
    date.value = d.value;
    const req: RedemptionEntryRequest = {
      kind: 'redemption',
      cadreId: cadre.value,
      halfDays: h.value,
      date: d.value,
      note: note.value.trim(),
    };
    const fields: Record<string, HTMLElement> = { cadreId: cadre, halfDays, date, note };
    if (await submit(req, (key) => ({ control: fields[key] ?? null }))) {
      // The balance drops at once; the refresh below replaces it with the server's figures.
      if (b) {
        b.availablePoints -= h.value * pph;
        b.redeemedHalfDays += h.value;
        b.halfDays = Math.max(0, Math.floor(b.availablePoints / pph));
      }
      // Cleared so that pressing 保存 again cannot redeem the same leave twice.
      halfDays.value = '';
      note.value = '';
      update();
      halfDays.focus();
      void refreshOptions();
    }
  };

  return el(
    'fieldset',
    {},
    el(
      'div',
      { class: 'form-grid' },
      ...labelled('red-cadre', '干部', cadre, balance),
      ...labelled('red-halfdays', '半天数', halfDays, after),
      ...labelled('red-date', '日期', date, '请假的日期，格式 YYYY-MM-DD'),
      ...labelled('red-note', '备注', note),
    ),
    el(
      'div',
      { class: 'hint' },
      `高出起始分的积分可抵扣事假：每 ${pph} 分兑换半天。兑换只减少可兑换积分，不影响排名总分。`,
    ),
    el('ul', { class: 'error-list', id: 'errors-redemption' }),
    el(
      'div',
      { class: 'actions' },
      button('保存兑换', () => void onSubmit(), { class: 'primary', id: 'red-submit' }),
    ),
  );
}

// ---------------------------------------------------------------- 登记异议

function buildObjectionPanel(o: DialogOptions): HTMLElement {
  const published = o.publishedMonths ?? [];
  const month = el('select', { id: 'obj-month' });
  for (const m of published) month.appendChild(el('option', { value: m }, m));
  if (!published.length) month.appendChild(el('option', { value: '' }, '（没有已发布公示的月份）'));
  const cadre = cadreSelect('obj-cadre', o);
  const entry = el('input', {
    id: 'obj-entry',
    type: 'text',
    class: 'entry-id',
    placeholder: '如 E0123',
    maxlength: 40,
    autocomplete: 'off',
  });
  const content = el('textarea', {
    id: 'obj-content',
    rows: 4,
    maxlength: 1000,
    placeholder: '例如：10月15日参加了街道消防演练，公示中没有这一项的积分。',
  });
  const submitButton = button('登记异议', () => void onSubmit(), {
    class: 'primary',
    id: 'obj-submit',
    disabled: !published.length,
  });

  const onSubmit = async () => {
    clearErrors('objection');
    const problems: [HTMLElement, string][] = [];
    if (!month.value) problems.push([month, '只能对已发布公示的月份登记异议']);
    if (!cadre.value) problems.push([cadre, '请选择提出异议的干部']);
    if (!content.value.trim()) problems.push([content, '请填写异议内容']);
    if (reportProblems(problems)) return;
    entry.value = normaliseEntryId(entry.value);
    const req: ObjectionEntryRequest = {
      kind: 'objection',
      month: month.value,
      cadreId: cadre.value,
      entryId: entry.value,
      content: content.value.trim(),
    };
    const fields: Record<string, HTMLElement> = { month, cadreId: cadre, entryId: entry, content };
    if (await submit(req, (key) => ({ control: fields[key] ?? null }))) {
      entry.value = '';
      content.value = '';
      cadre.focus();
      void refreshOptions(); // the new objection appears under 处理异议 with its id
    }
  };

  return el(
    'fieldset',
    {},
    !published.length &&
      el(
        'div',
        { class: 'notice', id: 'obj-none', role: 'note' },
        '还没有已发布公示的月份。异议只能针对已发布公示的月份提出，请在该月公示后再登记。',
      ),
    el(
      'div',
      { class: 'form-grid' },
      ...labelled('obj-month', '公示月份', month, '只列出已发布公示的月份'),
      ...labelled('obj-cadre', '干部', cadre),
      ...labelled(
        'obj-entry',
        '条目编号',
        entry,
        '选填：有异议的积分条目编号（见公示表）；对漏记的事项留空。',
      ),
      ...labelled('obj-content', '异议内容', content, '必填：写明对哪一项、有什么异议、依据是什么。'),
    ),
    el('ul', { class: 'error-list', id: 'errors-objection' }),
    el('div', { class: 'actions' }, submitButton),
  );
}

// ---------------------------------------------------------------- 处理异议

const CORRECTION_FIELDS = [
  { key: 'entryId', label: '条目编号' },
  { key: 'ruleCode', label: '规则编码' },
  { key: 'pointsDelta', label: '分值变化' },
  { key: 'reason', label: '理由' },
] as const;

type CorrectionField = (typeof CORRECTION_FIELDS)[number]['key'];
type CorrectionRow = Record<CorrectionField, HTMLInputElement> & { tr: HTMLTableRowElement };

function objectionHead(x: ObjectionSummary): string {
  return `${x.month} · ${x.cadreName}（${x.cadreId}） · ${x.entryId ? `条目 ${x.entryId}` : '未指明条目'}`;
}

function buildFindingPanel(o: DialogOptions): HTMLElement {
  let objections: ObjectionSummary[] = (o.objections ?? []).map((x) => ({ ...x }));
  let selected = '';
  const list = el('div', { class: 'choice-list', id: 'find-objection', role: 'radiogroup', tabindex: -1 });
  const decided = el('details', { class: 'decided', id: 'find-decided' });

  const upheld = el('input', {
    type: 'radio',
    name: 'find-result',
    id: 'find-result-upheld',
    value: 'upheld',
  });
  const rejected = el('input', {
    type: 'radio',
    name: 'find-result',
    id: 'find-result-rejected',
    value: 'rejected',
  });
  const result = el(
    'div',
    { class: 'radio-group', id: 'find-result', role: 'radiogroup', tabindex: -1 },
    el('label', { for: 'find-result-upheld' }, upheld, '成立（录入更正）'),
    el('label', { for: 'find-result-rejected' }, rejected, '不成立'),
  );
  const opinion = el('textarea', {
    id: 'find-opinion',
    rows: 3,
    maxlength: 1000,
    placeholder: '例如：经核实，10月15日消防演练签到表有其签名，异议成立。',
  });

  // Correction lines (成立 only).
  const codes = el('datalist', { id: 'find-rule-codes' });
  for (const r of o.rules) codes.appendChild(el('option', { value: r.code }, `${r.item}（${r.points}）`));
  for (const r of o.scoreRules) codes.appendChild(el('option', { value: r.code }, r.item));
  const rows: CorrectionRow[] = [];
  const tbody = el('tbody');
  const total = el('span', { id: 'find-total', class: 'muted' });
  const addButton = button('添加一行', () => addRow(true), { id: 'find-add-row' });
  const correctionsBox = el(
    'div',
    { class: 'corrections', id: 'find-corrections-box', hidden: true },
    el(
      'div',
      { class: 'hint' },
      '每行一项更正：针对某个条目填条目编号；漏记的事项不填编号、填规则编码。分值变化可为负数（扣分，如 -5）。',
    ),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'grid-table', id: 'find-corrections' },
        el(
          'thead',
          {},
          el('tr', {}, ...CORRECTION_FIELDS.map((f) => el('th', {}, f.label)), el('th', {}, '')),
        ),
        tbody,
      ),
    ),
    el('div', { class: 'row' }, addButton, el('span', { class: 'spacer' }), total),
    codes,
  );

  const renumber = () => {
    rows.forEach((r, i) => {
      r.tr.setAttribute('data-row', String(i));
      for (const f of CORRECTION_FIELDS) {
        r[f.key].id = `find-c-${i}-${f.key}`;
        r[f.key].setAttribute('aria-label', `第 ${i + 1} 行 ${f.label}`);
      }
    });
    updateTotal();
  };
  const updateTotal = () => {
    let sum = 0;
    for (const r of rows) {
      const p = parsePointsDelta(r.pointsDelta.value);
      if (p.ok) sum += p.value;
    }
    total.textContent = rows.length ? `合计 ${sum > 0 ? '+' : ''}${sum} 分` : '';
  };
  function addRow(focus: boolean): void {
    const input = (key: CorrectionField, attrs: Record<string, string | number> = {}) =>
      el('input', { type: 'text', 'data-field': key, autocomplete: 'off', ...attrs });
    const row = {
      entryId: input('entryId', { class: 'entry-id', placeholder: 'E0123', maxlength: 40 }),
      ruleCode: input('ruleCode', { class: 'rule-code', list: 'find-rule-codes', maxlength: 60 }),
      pointsDelta: input('pointsDelta', { class: 'delta', placeholder: '-5' }),
      reason: input('reason', { class: 'reason', maxlength: 500 }),
    } as CorrectionRow;
    row.pointsDelta.addEventListener('input', updateTotal);
    const remove = button(
      '删除',
      () => {
        rows.splice(rows.indexOf(row), 1);
        row.tr.remove();
        renumber();
      },
      { class: 'danger remove-row' },
    );
    row.tr = el('tr', {}, ...CORRECTION_FIELDS.map((f) => el('td', {}, row[f.key])), el('td', {}, remove));
    rows.push(row);
    tbody.appendChild(row.tr);
    renumber();
    if (focus) row.entryId.focus();
  }
  const onResult = () => {
    correctionsBox.hidden = !upheld.checked;
    if (upheld.checked && !rows.length) addRow(false);
  };
  upheld.addEventListener('change', onResult);
  rejected.addEventListener('change', onResult);

  const renderLists = () => {
    const pending = objections.filter((x) => x.status === PENDING);
    if (!pending.some((x) => x.id === selected)) selected = '';
    replaceChildren(
      list,
      ...pending.map((x, i) =>
        el(
          'label',
          { class: 'choice', for: `find-obj-${i}`, 'data-id': x.id },
          el('input', {
            type: 'radio',
            name: 'find-objection',
            id: `find-obj-${i}`,
            value: x.id,
            checked: x.id === selected,
          }),
          el(
            'span',
            { class: 'choice-text' },
            el('span', { class: 'choice-head' }, `${x.id} · ${objectionHead(x)}`),
            el('span', { class: 'choice-body' }, x.content),
          ),
        ),
      ),
      !pending.length && el('div', { class: 'empty', id: 'find-none' }, '没有待处理的异议。'),
    );
    for (const r of list.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
      r.addEventListener('change', () => {
        if (r.checked) selected = r.value;
      });
    }
    const done = objections.filter((x) => x.status !== PENDING);
    const badge = document.getElementById('finding-count');
    if (badge) {
      badge.textContent = String(pending.length);
      badge.hidden = !pending.length;
    }
    replaceChildren(
      decided,
      el('summary', {}, `已处理的异议（${done.length}）`),
      done.length > 0 &&
        el(
          'table',
          { class: 'grid-table', id: 'find-decided-table' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['编号', '月份', '干部', '条目', '异议内容', '结果', '处理意见'].map((h) => el('th', {}, h)),
            ),
          ),
          el(
            'tbody',
            {},
            ...done.map((x) =>
              el(
                'tr',
                { 'data-id': x.id },
                el('td', {}, x.id),
                el('td', {}, x.month),
                el('td', {}, `${x.cadreName}（${x.cadreId}）`),
                el('td', {}, x.entryId || '—'),
                el('td', {}, x.content),
                el('td', { class: x.status === '成立' ? 'upheld' : 'rejected' }, x.status),
                el('td', {}, x.opinion),
              ),
            ),
          ),
        ),
    );
    decided.hidden = !done.length;
  };
  renderLists();
  refreshers.push((fresh) => {
    if (!fresh.objections) return;
    objections = fresh.objections.map((x) => ({ ...x }));
    renderLists();
  });

  const onSubmit = async () => {
    clearErrors('finding');
    let bad = 0;
    const problem = (c: HTMLElement, m: string, label?: string) => {
      fieldError(c, m, label);
      bad++;
    };
    if (!selected)
      problem(list, objections.some((x) => x.status === PENDING) ? '请选择要处理的异议' : '没有待处理的异议');
    const res: FindingEntryRequest['result'] | '' = upheld.checked
      ? 'upheld'
      : rejected.checked
        ? 'rejected'
        : '';
    if (!res) problem(result, '请选择处理结果（成立 / 不成立）');
    if (!opinion.value.trim()) problem(opinion, '请填写处理意见');
    const corrections: FindingEntryRequest['corrections'] = [];
    if (res === 'upheld') {
      if (!rows.length) {
        addListError('异议成立时请至少填写一行更正。');
        bad++;
      }
      rows.forEach((r, i) => {
        const label = `第 ${i + 1} 行`;
        const entryId = normaliseEntryId(r.entryId.value);
        const ruleCode = r.ruleCode.value.trim().toUpperCase();
        const delta = parsePointsDelta(r.pointsDelta.value);
        if (!entryId && !ruleCode) problem(r.ruleCode, '没有条目编号时须填写规则编码', label);
        if (!delta.ok) problem(r.pointsDelta, delta.error, label);
        if (!r.reason.value.trim()) problem(r.reason, '请填写理由', label);
        r.entryId.value = entryId;
        r.ruleCode.value = ruleCode;
        corrections.push({
          entryId,
          ruleCode,
          pointsDelta: delta.ok ? delta.value : 0,
          reason: r.reason.value.trim(),
        });
      });
    }
    if (bad || !res) {
      byId('panel-finding').querySelector<HTMLElement>('.invalid')?.focus();
      setStatus('error', `有 ${bad} 处需要改正（标红）。`);
      return;
    }
    const req: FindingEntryRequest = {
      kind: 'finding',
      objectionId: selected,
      result: res,
      opinion: opinion.value.trim(),
      corrections,
    };
    const sent = [...rows];
    const fields: Record<string, HTMLElement> = { objectionId: list, result, opinion };
    const ok = await submit(req, (key) => {
      if (fields[key]) return { control: fields[key] };
      const p = rowPath(key, 'corrections');
      const row = p ? sent[p[0]] : undefined;
      if (!p || !row) return { control: null };
      const field = CORRECTION_FIELDS.find((f) => f.key === p[1]);
      return { control: field ? row[field.key] : row.reason, label: `第 ${p[0] + 1} 行` };
    });
    if (!ok) return;
    const decidedOne = objections.find((x) => x.id === req.objectionId);
    if (decidedOne) {
      decidedOne.status = res === 'upheld' ? '成立' : '不成立';
      decidedOne.opinion = req.opinion;
    }
    // A fresh form for the next objection.
    selected = '';
    upheld.checked = false;
    rejected.checked = false;
    opinion.value = '';
    rows.splice(0);
    replaceChildren(tbody);
    renumber();
    onResult();
    renderLists();
    void refreshOptions();
  };

  return el(
    'div',
    {},
    el(
      'fieldset',
      {},
      el(
        'div',
        { class: 'form-grid' },
        ...grouped('find-objection', '待处理异议', list),
        ...grouped('find-result', '处理结果', result),
        ...labelled('find-opinion', '处理意见', opinion, '必填：核实情况和结论，会记入异议处理表。'),
      ),
      correctionsBox,
      el('ul', { class: 'error-list', id: 'errors-finding' }),
      el(
        'div',
        { class: 'actions' },
        button('保存处理结果', () => void onSubmit(), { class: 'primary', id: 'find-submit' }),
      ),
    ),
    decided,
  );
}

// ---------------------------------------------------------------- page

function selectTab(t: Tab): void {
  tab = t;
  for (const { key } of TABS) {
    byId(`tab-${key}`).setAttribute('aria-selected', String(key === t));
    byId(`panel-${key}`).hidden = key !== t;
  }
  const own = statusOfTab.get(t);
  showStatus(own?.kind ?? '', own?.text ?? '');
}

function closeDialog(): void {
  const host = (window.google as { script?: { host?: { close?: () => void } } } | undefined)?.script?.host;
  host?.close?.();
}

function renderPage(o: DialogOptions): void {
  const panels: Record<Tab, () => HTMLElement> = {
    event: () => buildEventPanel(o),
    attendance: () => buildAttendancePanel(o),
    scores: () => buildScoresPanel(o),
    redemption: () => buildRedemptionPanel(o),
    objection: () => buildObjectionPanel(o),
    finding: () => buildFindingPanel(o),
  };
  refreshers = [];
  replaceChildren(
    byId('app'),
    el(
      'div',
      { class: 'who', id: 'user' },
      `${o.user.email || '未知用户'} · ${o.user.isCommittee ? '两委成员' : '只读'}`,
    ),
    !o.user.isCommittee &&
      el(
        'div',
        { class: 'notice', id: 'readonly-notice', role: 'note' },
        '当前账号不是两委成员，不能录入积分事项。如需权限，请联系两委在「设置」表中添加邮箱。',
      ),
    el(
      'div',
      { class: 'tabs', role: 'tablist' },
      ...TABS.map(({ key, label }) => {
        const b = button(label, () => selectTab(key), {
          id: `tab-${key}`,
          role: 'tab',
          'aria-controls': `panel-${key}`,
        });
        // Objections waiting for a finding, counted on the tab (kept up to date by the finding panel).
        if (key === 'finding')
          append(b, el('span', { class: 'badge pending-count', id: 'finding-count', hidden: true }));
        return b;
      }),
    ),
    el('div', { class: 'loading', id: 'loading', hidden: true }),
    el('div', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' }),
    ...TABS.map(({ key, label }) =>
      el('section', { id: `panel-${key}`, role: 'tabpanel', 'aria-label': label }, panels[key]()),
    ),
    el('div', { class: 'actions' }, button('关闭', closeDialog, { id: 'close' })),
  );
  // The panels were built before the page was attached: let them fill what lives outside them (tab badge).
  for (const r of refreshers) r(o);
  selectTab(tab);
  setBusy(false);
}

async function init(): Promise<void> {
  try {
    const o = await call('dialogGetOptions');
    if (!o) throw new Error('服务器没有返回数据，请关闭后重新打开。');
    options = o;
    renderPage(o);
  } catch (e) {
    replaceChildren(
      byId('app'),
      el('div', { class: 'status error', id: 'status', role: 'alert' }, (e as Error).message),
      button('重试', () => void init(), { id: 'retry' }),
    );
  }
}

void init();
