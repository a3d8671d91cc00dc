// The review sidebar: pending claims per month with approve / reject / adjust / bulk approve, and publish.

import type {
  PendingClaim,
  PublishResult,
  ReviewRequest,
  ReviewResult,
  SidebarState,
} from '../shared/ui-contract';
import { append, button, byId, el, linkified, replaceChildren, safeUrl } from './dom';
import { call } from './rpc';
import { parseQuantity, signed } from './validate';

/** Per-row UI state that must survive re-renders (open panel, drafts typed so far, inline errors). */
interface RowUi {
  panel: 'none' | 'reject' | 'adjust' | 'inspect';
  reason: string;
  quantity: string;
  errors: { reason?: string; quantity?: string; other?: string };
}

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;

/** The outcome of an action, shown on the card it concerns (a decided claim keeps its card in 已处理). */
interface CardResult {
  kind: 'ok' | 'error';
  text: string;
  /** The claim as it was when acted on (its card leaves the pending list once decided). */
  claim: PendingClaim;
  /** Its place in the list then: a decided card stays where the user's eye is. */
  index: number;
}

const DONE_LABEL: Record<string, string> = {
  approve: '已通过',
  reject: '已驳回',
  adjust: '已调整数量',
  inspect: '已记录审查意见',
};

const ui = {
  state: null as SidebarState | null,
  loadError: '',
  busy: false,
  busyText: '',
  selected: new Set<string>(),
  rows: new Map<string, RowUi>(),
  status: null as Status,
  confirmPublish: false,
  published: null as PublishResult | null,
  /** Per-card outcomes by claim id, newest last; cleared when another month is shown. */
  results: new Map<string, CardResult & { action: string }>(),
  /** Element id to focus after the next render (re-rendering replaces the nodes). */
  focus: '',
};

function rowUi(id: string): RowUi {
  let r = ui.rows.get(id);
  if (!r) {
    r = { panel: 'none', reason: '', quantity: '', errors: {} };
    ui.rows.set(id, r);
  }
  return r;
}

function canAct(): boolean {
  return !ui.busy && !!ui.state?.user.isCommittee;
}

/** The 纪检专干 (not also on the committee): inspects and leaves a 审查意见, never decides (SPEC §1). */
function isInspector(): boolean {
  return !!ui.state?.user.isDiscipline && !ui.state.user.isCommittee;
}

/** Takes a fresh state from the server, dropping selections and panels of rows that left the list. */
function applyState(state: SidebarState): void {
  if (ui.state && ui.state.month !== state.month) {
    ui.published = null;
    ui.confirmPublish = false;
    ui.results.clear();
  }
  ui.state = state;
  ui.loadError = '';
  const ids = new Set(state.pending.map((c) => c.id));
  for (const id of [...ui.selected]) if (!ids.has(id)) ui.selected.delete(id);
  for (const id of [...ui.rows.keys()]) if (!ids.has(id)) ui.rows.delete(id);
}

/** Runs one server call with the loading indicator up and every action disabled (no double submits). */
async function withBusy<T>(text: string, task: () => Promise<T>): Promise<T | undefined> {
  if (ui.busy) return undefined;
  ui.busy = true;
  ui.busyText = text;
  render();
  try {
    return await task();
  } catch (e) {
    ui.status = { kind: 'error', text: (e as Error).message };
    return undefined;
  } finally {
    ui.busy = false;
    render();
  }
}

async function load(month?: string): Promise<void> {
  await withBusy('正在加载…', async () => {
    try {
      const state =
        month === undefined ? await call('sidebarGetState') : await call('sidebarGetState', month);
      if (!state) throw new Error('服务器没有返回数据，请重试。');
      applyState(state);
    } catch (e) {
      if (!ui.state) ui.loadError = (e as Error).message;
      throw e;
    }
  });
}

/** Shows a review/publish answer: the message, inline field errors, each card's outcome, the refreshed state. */
async function afterResult(res: ReviewResult | PublishResult, ids: string[], action = ''): Promise<void> {
  if (!res || typeof res !== 'object') throw new Error('服务器没有返回结果，请刷新后查看。');
  ui.status = {
    kind: res.ok ? 'ok' : 'error',
    text: res.message || (res.ok ? '操作完成。' : '操作没有完成。'),
  };
  for (const id of ids) {
    const index = ui.state?.pending.findIndex((c) => c.id === id) ?? -1;
    const claim = ui.state?.pending[index];
    if (!claim) continue;
    ui.results.set(id, { kind: res.ok ? 'ok' : 'error', text: ui.status.text, claim, index, action });
  }
  if (res.ok) {
    for (const id of ids) ui.rows.delete(id);
  } else if (res.errors) {
    const leftover: string[] = [];
    for (const [field, msg] of Object.entries(res.errors)) {
      if (ids.length === 1 && (field === 'reason' || field === 'quantity'))
        rowUi(ids[0]!).errors[field] = msg;
      else if (ids.length === 1 && field === 'opinion') rowUi(ids[0]!).errors.reason = msg;
      else leftover.push(msg);
    }
    // The server's message often already joins its field errors: add only what it does not say.
    const extra = leftover.filter((m) => !ui.status!.text.includes(m));
    if (extra.length) ui.status.text += `（${extra.join('；')}）`;
  }
  if (res.state) applyState(res.state);
  else if (res.ok && ui.state) {
    // The server changed something but sent no state: fetch it so the list is never stale.
    const state = await call('sidebarGetState', ui.state.month);
    if (state) applyState(state);
  }
}

function review(req: Omit<ReviewRequest, 'month'>, busyText: string): void {
  const state = ui.state;
  if (!state || !canAct()) return;
  const full: ReviewRequest = { ...req, month: state.month };
  void withBusy(busyText, async () => afterResult(await call('sidebarReview', full), full.ids, full.action));
}

function approve(c: PendingClaim): void {
  review({ ids: [c.id], action: 'approve' }, `正在通过 ${c.cadreName} 的申报…`);
}

function submitReject(c: PendingClaim): void {
  const r = rowUi(c.id);
  r.errors = {};
  const reason = r.reason.trim();
  if (!reason) {
    r.errors.reason = '请填写驳回理由';
    ui.focus = `reason-${c.id}`;
    render();
    return;
  }
  review({ ids: [c.id], action: 'reject', reason }, `正在驳回 ${c.cadreName} 的申报…`);
}

function submitAdjust(c: PendingClaim): void {
  const r = rowUi(c.id);
  r.errors = {};
  const q = parseQuantity(r.quantity, '新数量');
  if (!q.ok) r.errors.quantity = q.error;
  else if (q.value === c.quantity) r.errors.quantity = `新数量与原数量（${c.quantity}）相同`;
  const reason = r.reason.trim();
  if (!reason) r.errors.reason = '请填写调整理由';
  if (r.errors.quantity || r.errors.reason) {
    ui.focus = r.errors.quantity ? `qty-${c.id}` : `reason-${c.id}`;
    render();
    return;
  }
  review(
    { ids: [c.id], action: 'adjust', quantity: q.ok ? q.value : 0, reason },
    `正在调整 ${c.cadreName} 的申报数量…`,
  );
}

function submitInspection(c: PendingClaim): void {
  const state = ui.state;
  if (!state || ui.busy || !isInspector()) return;
  const r = rowUi(c.id);
  r.errors = {};
  const opinion = r.reason.trim();
  if (!opinion) {
    r.errors.reason = '请填写审查意见';
    ui.focus = `reason-${c.id}`;
    render();
    return;
  }
  const req = { id: c.id, opinion, month: state.month };
  void withBusy(`正在记录对 ${c.cadreName} 申报的审查意见…`, async () =>
    afterResult(await call('sidebarInspect', req), [c.id], 'inspect'),
  );
}

function bulkApprove(): void {
  const state = ui.state;
  if (!state) return;
  const ids = state.pending.filter((c) => ui.selected.has(c.id)).map((c) => c.id);
  if (!ids.length) return;
  review({ ids, action: 'approve' }, `正在批量通过 ${ids.length} 条申报…`);
}

function publish(): void {
  const state = ui.state;
  if (!state || !canAct()) return;
  const month = state.month;
  ui.confirmPublish = false;
  void withBusy(`正在发布 ${month} 月度公示…`, async () => {
    const res = await call('sidebarPublish', month);
    await afterResult(res, []);
    if (res?.ok) ui.published = res;
  });
}

function openPanel(c: PendingClaim, panel: RowUi['panel']): void {
  const r = rowUi(c.id);
  r.panel = r.panel === panel ? 'none' : panel;
  r.errors = {};
  if (panel === 'adjust' && !r.quantity) r.quantity = String(c.quantity);
  ui.focus = r.panel === 'adjust' ? `qty-${c.id}` : r.panel === 'none' ? '' : `reason-${c.id}`;
  render();
}

// ---------------------------------------------------------------- rendering

function renderHeader(state: SidebarState): Node {
  const role = state.user.isCommittee ? '两委成员' : state.user.isDiscipline ? '纪检专干' : '只读';
  return el(
    'header',
    {},
    el('div', { class: 'who', id: 'user' }, `${state.user.email || '未知用户'} · ${role}`),
    !state.user.isCommittee &&
      state.user.isDiscipline &&
      el(
        'div',
        { class: 'notice', id: 'inspector-notice', role: 'note' },
        '您是纪检专干：可以查看申报并填写审查意见（记入「操作日志」），通过、驳回、调整和发布由两委成员决定。',
      ),
    !state.user.isCommittee &&
      !state.user.isDiscipline &&
      el(
        'div',
        { class: 'notice', id: 'readonly-notice', role: 'note' },
        `当前账号${state.user.email ? `（${state.user.email}）` : ''}不是两委成员，只能查看，不能审核或发布。如需权限，请联系两委在「设置」表的两委成员邮箱中添加。`,
      ),
  );
}

function renderMonthPicker(state: SidebarState): Node {
  const select = el('select', { id: 'month', 'aria-label': '月份', disabled: ui.busy });
  const months = state.months.some((m) => m.month === state.month)
    ? state.months
    : [{ month: state.month, published: state.published, pending: state.pending.length }, ...state.months];
  for (const m of months) {
    const mark = m.published ? '已公示' : m.pending > 0 ? `待审 ${m.pending}` : '未公示';
    const opt = el('option', { value: m.month }, `${m.month}　${mark}`);
    opt.selected = m.month === state.month;
    select.appendChild(opt);
  }
  select.addEventListener('change', () => {
    ui.status = null;
    void load(select.value);
  });
  return el(
    'div',
    { class: 'month-picker' },
    el('label', { for: 'month' }, '月份'),
    select,
    button('刷新', () => void load(state.month), { id: 'refresh', disabled: ui.busy, title: '重新读取表格' }),
  );
}

function renderCounts(state: SidebarState): Node {
  const items: [string, string, number][] = [
    ['pending', '待审核', state.counts.pending],
    ['intakeErrors', '申报异常', state.counts.intakeErrors],
    ['objections', '异议', state.counts.objections],
    ['problems', '校验问题', state.counts.problems],
  ];
  return el(
    'div',
    { class: 'counts', id: 'counts' },
    ...items.map(([key, label, n]) =>
      el(
        'div',
        { class: n > 0 ? 'count alert' : 'count', 'data-count': key },
        el('b', {}, String(n)),
        el('span', {}, label),
      ),
    ),
  );
}

function renderClaim(c: PendingClaim): HTMLElement {
  const r = rowUi(c.id);
  const act = canAct();
  const checkbox = el('input', {
    type: 'checkbox',
    class: 'select',
    'aria-label': `选择 ${c.cadreName} 的申报`,
    disabled: !act,
  });
  checkbox.checked = ui.selected.has(c.id);
  checkbox.addEventListener('change', () => {
    if (checkbox.checked) ui.selected.add(c.id);
    else ui.selected.delete(c.id);
    render();
  });
  const link = c.evidenceLink ? safeUrl(c.evidenceLink) : null;
  const item = el(
    'li',
    { class: ui.selected.has(c.id) ? 'claim selected' : 'claim', 'data-id': c.id },
    el(
      'div',
      { class: 'claim-head' },
      checkbox,
      el(
        'div',
        {},
        el('span', { class: 'claim-name' }, `${c.cadreName}（${c.cadreId}）`),
        c.late && el('span', { class: 'badge late', title: '在申报截止日之后提交' }, '逾期'),
        el('div', { class: 'claim-line claim-item' }, c.item),
      ),
    ),
    el(
      'div',
      { class: 'claim-line claim-points' },
      `${c.quantity} × ${signed(c.unitPoints)} 分 = `,
      el('b', {}, `${c.points} 分`),
    ),
    el(
      'div',
      { class: 'claim-line claim-reason' },
      el('span', { class: 'muted' }, '得分依据：'),
      c.reason || '（未填写）',
    ),
    c.evidenceLink &&
      el(
        'div',
        { class: 'claim-line claim-evidence' },
        el('span', { class: 'muted' }, '证明材料：'),
        // Why: only http(s) becomes a link; anything else (e.g. javascript:) is shown as plain text.
        link
          ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, '打开链接')
          : c.evidenceLink,
      ),
    el(
      'div',
      { class: 'claim-line muted claim-meta' },
      `申报人 ${c.submitter || '—'} · ${c.submittedAt || '—'} · 第 ${c.row} 行`,
    ),
    (c.inspections ?? []).length > 0 &&
      el(
        'ul',
        { class: 'claim-line claim-inspections', 'aria-label': '审查意见' },
        ...(c.inspections ?? []).map((t) => el('li', {}, el('span', { class: 'muted' }, '审查意见：'), t)),
      ),
    isInspector()
      ? el(
          'div',
          { class: 'claim-actions' },
          button('填写审查意见', () => openPanel(c, 'inspect'), {
            'data-action': 'inspect',
            disabled: ui.busy,
            'aria-expanded': String(r.panel === 'inspect'),
          }),
        )
      : el(
          'div',
          { class: 'claim-actions' },
          button('通过', () => approve(c), { class: 'primary', 'data-action': 'approve', disabled: !act }),
          button('驳回', () => openPanel(c, 'reject'), {
            class: 'danger',
            'data-action': 'reject',
            disabled: !act,
            'aria-expanded': String(r.panel === 'reject'),
          }),
          button('调整数量', () => openPanel(c, 'adjust'), {
            'data-action': 'adjust',
            disabled: !act,
            'aria-expanded': String(r.panel === 'adjust'),
          }),
        ),
  );
  if (r.panel !== 'none') item.appendChild(renderPanel(c, r));
  const res = ui.results.get(c.id);
  if (res) item.appendChild(renderResult(res));
  return item;
}

/** One card's outcome line: what was done (or why not), the server's own words. */
function renderResult(res: CardResult & { action: string }): HTMLElement {
  const label = res.kind === 'ok' ? (DONE_LABEL[res.action] ?? '已完成') : '未完成';
  // A success's first line says what happened (links and digests stay in the status above); a refusal
  // keeps every line: it is the reason.
  const text = res.kind === 'ok' ? (res.text.split('\n')[0] ?? '') : res.text;
  return el(
    'div',
    { class: `claim-result ${res.kind}`, 'data-result': res.kind },
    // The server's message often starts with the same words: the label only when it does not.
    !text.startsWith(label) && el('b', {}, `${label}：`),
    ...linkified(text),
  );
}

/** A decided claim's card, in place: what it was and its outcome, no actions left. */
function renderResolved(r: CardResult & { action: string }): HTMLElement {
  return el(
    'li',
    { class: `claim resolved ${r.kind}`, 'data-id': r.claim.id },
    el('div', { class: 'claim-name' }, `${r.claim.cadreName}（${r.claim.cadreId}）`),
    el('div', { class: 'claim-line claim-item' }, `${r.claim.item} · ${r.claim.points} 分`),
    renderResult(r),
  );
}

function renderPanel(c: PendingClaim, r: RowUi): HTMLElement {
  const act = r.panel === 'inspect' ? !ui.busy && isInspector() : canAct();
  const reasonId = `reason-${c.id}`;
  const reason = el('textarea', {
    id: reasonId,
    class: r.errors.reason ? 'reason invalid' : 'reason',
    rows: 2,
    maxlength: 500,
    'aria-invalid': r.errors.reason ? 'true' : null,
    disabled: !act,
  });
  reason.value = r.reason;
  reason.addEventListener('input', () => {
    r.reason = reason.value;
  });
  const panel = el('div', { class: `panel panel-${r.panel}` });
  if (r.panel === 'adjust') {
    const qtyId = `qty-${c.id}`;
    const qty = el('input', {
      id: qtyId,
      type: 'text',
      inputmode: 'numeric',
      class: r.errors.quantity ? 'quantity invalid' : 'quantity',
      'aria-invalid': r.errors.quantity ? 'true' : null,
      disabled: !act,
    });
    qty.value = r.quantity;
    qty.addEventListener('input', () => {
      r.quantity = qty.value;
    });
    append(
      panel,
      el('label', { for: qtyId }, `新数量（原为 ${c.quantity}，每次 ${c.unitPoints} 分）`),
      qty,
      r.errors.quantity && el('div', { class: 'field-error', 'data-error': 'quantity' }, r.errors.quantity),
    );
  }
  append(
    panel,
    el(
      'label',
      { for: reasonId },
      { reject: '驳回理由（必填）', adjust: '调整理由（必填）', inspect: '审查意见（必填，不改变审核结果）' }[
        r.panel as 'reject' | 'adjust' | 'inspect'
      ],
    ),
    reason,
    r.errors.reason && el('div', { class: 'field-error', 'data-error': 'reason' }, r.errors.reason),
    el(
      'div',
      { class: 'claim-actions' },
      r.panel === 'inspect'
        ? button('提交审查意见', () => submitInspection(c), {
            class: 'primary',
            'data-action': 'confirm-inspect',
            disabled: !act,
          })
        : r.panel === 'reject'
          ? button('确认驳回', () => submitReject(c), {
              class: 'danger',
              'data-action': 'confirm-reject',
              disabled: !act,
            })
          : button('确认调整', () => submitAdjust(c), {
              class: 'primary',
              'data-action': 'confirm-adjust',
              disabled: !act,
            }),
      button('取消', () => openPanel(c, 'none'), { 'data-action': 'cancel', disabled: ui.busy }),
    ),
  );
  return panel;
}

function renderList(state: SidebarState): Node {
  const act = canAct();
  const section = el('section', { id: 'pending', 'aria-label': '待审核申报' });
  append(section, el('h2', {}, `待审核申报（${state.pending.length}）`));
  // Cards decided while this month is shown stay where they were, with their outcome.
  const ids = new Set(state.pending.map((c) => c.id));
  const cards: HTMLElement[] = state.pending.map(renderClaim);
  const done = [...ui.results.values()].filter((r) => !ids.has(r.claim.id)).sort((a, b) => a.index - b.index);
  for (const r of done) cards.splice(Math.min(r.index, cards.length), 0, renderResolved(r));
  if (!state.pending.length) {
    append(section, el('div', { class: 'empty', id: 'empty' }, `${state.month} 没有待审核的申报。`));
    if (cards.length) append(section, el('ul', { class: 'claims', id: 'claims' }, ...cards));
    return section;
  }
  const all = el('input', { type: 'checkbox', id: 'select-all', disabled: !act });
  const n = state.pending.filter((c) => ui.selected.has(c.id)).length;
  all.checked = n > 0 && n === state.pending.length;
  all.indeterminate = n > 0 && n < state.pending.length;
  all.addEventListener('change', () => {
    if (all.checked) for (const c of state.pending) ui.selected.add(c.id);
    else ui.selected.clear();
    render();
  });
  append(
    section,
    el(
      'div',
      { class: 'toolbar' },
      all,
      el('label', { for: 'select-all' }, '全选'),
      el('span', { class: 'spacer' }),
      button(`批量通过（${n}）`, bulkApprove, {
        id: 'bulk-approve',
        class: 'primary',
        disabled: !act || n === 0,
      }),
    ),
  );
  append(section, el('ul', { class: 'claims', id: 'claims' }, ...cards));
  return section;
}

/** Why the publish button is disabled, or '' when it may be pressed. */
function publishBlocker(state: SidebarState): string {
  const monthInfo = state.months.find((m) => m.month === state.month);
  const pending = Math.max(state.pending.length, monthInfo?.pending ?? 0);
  if (state.published || monthInfo?.published) return `${state.month} 已发布公示。如需更正，请通过异议处理。`;
  if (!state.user.isCommittee || state.user.canPublish === false) return '只有两委成员可以发布公示。';
  if (pending > 0) return `还有 ${pending} 条待审核申报，全部审核后才能发布。`;
  const errors = state.counts.monthIntakeErrors ?? 0;
  if (errors > 0)
    return `${state.month} 还有 ${errors} 条申报异常未处理：请在「申报异常」表逐条处理并把「处理情况」改为“已处理”后再发布。`;
  // The server's shared rule: a month to come, nothing to publish, earlier months unpublished.
  return state.publishBlocked ?? '';
}

function renderPublish(state: SidebarState): Node {
  const blocker = publishBlocker(state);
  const section = el('section', { class: 'publish', id: 'publish-section' });
  append(
    section,
    button(
      '发布月度公示',
      () => {
        ui.confirmPublish = true;
        render();
      },
      { id: 'publish', class: 'primary', disabled: !!blocker || ui.busy || ui.confirmPublish },
    ),
    el(
      'div',
      { class: 'hint', id: 'publish-hint' },
      blocker ||
        `发布前会重新计算系统积分，生成受保护的「公示-${state.month}」快照，发布后该月台账不能再修改。`,
    ),
  );
  const link = state.publication && safeUrl(state.publication.url);
  const pdfLink = state.publication?.pdfUrl ? safeUrl(state.publication.pdfUrl) : null;
  if (state.publication && (link || pdfLink))
    append(
      section,
      el(
        'div',
        { class: 'publication-links' },
        link &&
          el(
            'a',
            { id: 'publication-link', href: link, target: '_blank', rel: 'noopener' },
            `打开「${state.publication.tabName}」`,
          ),
        pdfLink &&
          el(
            'a',
            { id: 'publication-pdf', href: pdfLink, target: '_blank', rel: 'noopener noreferrer' },
            '打印版 PDF（A4）',
          ),
      ),
    );
  if (ui.confirmPublish && !blocker) {
    append(
      section,
      el(
        'div',
        { class: 'panel', id: 'publish-confirm', role: 'alertdialog', 'aria-label': '确认发布' },
        el('div', {}, `确认发布 ${state.month} 月度公示？发布后不能撤回。`),
        el(
          'div',
          { class: 'claim-actions' },
          button('确认发布', publish, { id: 'publish-confirm-yes', class: 'primary', disabled: ui.busy }),
          button(
            '取消',
            () => {
              ui.confirmPublish = false;
              render();
            },
            { id: 'publish-confirm-no' },
          ),
        ),
      ),
    );
  }
  const p = ui.published;
  if (p?.ok) {
    const pdf = p.pdfUrl ? safeUrl(p.pdfUrl) : null;
    append(
      section,
      el(
        'div',
        { class: 'panel', id: 'publish-result' },
        p.sheetName && el('div', {}, `快照：${p.sheetName}`),
        p.digest && el('div', { class: 'digest' }, `SHA-256：${p.digest}`),
        pdf &&
          !state.publication?.pdfUrl &&
          el('a', { href: pdf, target: '_blank', rel: 'noopener noreferrer' }, '打开打印版 PDF（A4）'),
      ),
    );
  }
  return section;
}

function render(): void {
  const app = byId('app');
  const state = ui.state;
  const status = el(
    'div',
    {
      class: ui.status ? `status ${ui.status.kind}` : 'status',
      id: 'status',
      role: 'status',
      'aria-live': 'polite',
    },
    ...(ui.status ? linkified(ui.status.text) : []),
  );
  const loading = el(
    'div',
    { class: 'loading', id: 'loading', hidden: !ui.busy },
    el('span', { class: 'spinner' }),
    ui.busyText || '正在处理…',
  );
  if (!state) {
    replaceChildren(
      app,
      loading,
      ui.loadError && el('div', { class: 'status error', id: 'status', role: 'alert' }, ui.loadError),
      ui.loadError && button('重试', () => void load(), { id: 'retry', disabled: ui.busy }),
    );
    return;
  }
  replaceChildren(
    app,
    renderHeader(state),
    renderMonthPicker(state),
    renderCounts(state),
    state.notes.length > 0 &&
      el('ul', { class: 'notice', id: 'notes' }, ...state.notes.map((n) => el('li', {}, n))),
    // Sticky: the answer to an action on a row far down the list stays in view.
    el('div', { class: 'sticky' }, loading, status),
    renderList(state),
    renderPublish(state),
  );
  document.body.setAttribute('aria-busy', String(ui.busy));
  if (ui.focus && !ui.busy) {
    document.getElementById(ui.focus)?.focus();
    ui.focus = '';
  }
}

void load();
