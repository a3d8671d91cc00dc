// The entry dialog: the committee records events, a month's attendance, or assessment scores.

import type {
  ActionResult,
  AttendanceEntryRequest,
  DialogOptions,
  EntryRequest,
  EventEntryRequest,
  ScoresEntryRequest,
} from '../shared/ui-contract';
import { append, button, byId, el, replaceChildren } from './dom';
import { call } from './rpc';
import {
  checkPeriod,
  type Parsed,
  parseCount,
  parseLeaveDays,
  parseQuantity,
  parseScore,
  periodOfMonth,
} from './validate';

type Tab = 'event' | 'attendance' | 'scores';

const TABS: { key: Tab; label: string }[] = [
  { key: 'event', label: '事项' },
  { key: 'attendance', label: '考勤' },
  { key: 'scores', label: '考核成绩' },
];

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

function setStatus(kind: 'ok' | 'error' | 'info' | '', text: string): void {
  const s = byId('status');
  s.className = kind ? `status ${kind}` : 'status';
  s.textContent = text;
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

/** Parses "rows.3.late" / "rows[3].late" / "rows.3" into [3, 'late' | '']. */
function rowPath(key: string): [number, string] | null {
  const m = /^rows(?:\.(\d+)|\[(\d+)\])(?:\.(\w+))?$/.exec(key);
  return m ? [Number(m[1] ?? m[2]), m[3] ?? ''] : null;
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

// ---------------------------------------------------------------- page

function selectTab(t: Tab): void {
  tab = t;
  for (const { key } of TABS) {
    byId(`tab-${key}`).setAttribute('aria-selected', String(key === t));
    byId(`panel-${key}`).hidden = key !== t;
  }
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
  };
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
      ...TABS.map(({ key, label }) =>
        button(label, () => selectTab(key), {
          id: `tab-${key}`,
          role: 'tab',
          'aria-controls': `panel-${key}`,
        }),
      ),
    ),
    el('div', { class: 'loading', id: 'loading', hidden: true }),
    el('div', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' }),
    ...TABS.map(({ key, label }) =>
      el('section', { id: `panel-${key}`, role: 'tabpanel', 'aria-label': label }, panels[key]()),
    ),
    el('div', { class: 'actions' }, button('关闭', closeDialog, { id: 'close' })),
  );
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
