// The admin's cockpit in the browser: one small script for the sidebar (dashboard, action forms,
// health check) and the setup wizard dialog. Built into the page at build time (no CDN); talks to the
// server only through google.script.run, typed by src/ui/contract.ts.
import type {
  Boot,
  ClientChoice,
  Dashboard,
  Done,
  FormData,
  HealthLine,
  Outcome,
  PaymentRequestInput,
  ServerApi,
  TodoItem,
  View,
  WizardSettings,
  WizardState,
} from '../ui/contract';

interface Runner {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: unknown) => void): Runner;
}
declare const google: { script: { run: Runner } };

const BOOT = '__CARNET_BOOT__' as unknown as Boot;
const T = BOOT.text;
const app = document.getElementById('app') as HTMLElement;

// ------------------------------------------------------------------ server calls

/** Calls a server function; a failure of the call itself (network, refusal) becomes a readable Outcome too. */
function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler(() => resolve({ ok: false, message: T.failed } as ReturnType<ServerApi[K]>)) as unknown as Record<string, (...a: unknown[]) => void>;
    runner[name](...args);
  });
}

function newId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ------------------------------------------------------------------ DOM helpers

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function show(...children: Child[]): void {
  app.replaceChildren(...(children.filter(Boolean) as Node[]));
}

function field(label: string, input: HTMLElement): HTMLElement {
  const id = input.id || `f-${newId()}`;
  input.id = id;
  return h('div', {}, h('label', { for: id }, label), input);
}

function backLink(): HTMLElement {
  return h('button', { class: 'back', type: 'button' }, T.back);
}

/** A form's message area: an error (role=alert) or a result, with an optional link. */
function messageArea(): { el: HTMLElement; error(text: string): void; done(result: Done): void; clear(): void } {
  const el = h('div', { 'aria-live': 'polite' });
  return {
    el,
    error(text) {
      el.replaceChildren(h('p', { class: 'error', role: 'alert' }, text));
      el.scrollIntoView({ block: 'nearest' });
    },
    done(result) {
      el.replaceChildren(
        h(
          'p',
          { class: 'result', role: 'status' },
          result.message,
          result.url ? h('span', {}, ' ', h('a', { href: result.url, target: '_blank', rel: 'noopener' }, T.open)) : null,
        ),
      );
      el.scrollIntoView({ block: 'nearest' });
    },
    clear() {
      el.replaceChildren();
    },
  };
}

/** Runs a server action behind a button: disabled with a spinner while it runs (a double click sends one call). */
async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T | null> {
  if (button.disabled) return null;
  const label = button.textContent ?? '';
  button.disabled = true;
  button.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), T.working);
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

// ------------------------------------------------------------------ dashboard

async function dashboard(): Promise<void> {
  show(h('h1', {}, T.menu.dashboard), h('p', { class: 'muted' }, h('span', { class: 'spinner' }), T.loading));
  const answer = await call('carnetUiDashboard');
  if (!answer.ok) return show(h('h1', {}, T.menu.dashboard), h('p', { class: 'error', role: 'alert' }, answer.message));
  const d: Dashboard = answer.value;
  const refresh = h('button', { class: 'link', type: 'button' }, T.refresh);
  refresh.addEventListener('click', () => void dashboard());
  show(
    h('h1', {}, T.menu.dashboard),
    h('h2', {}, T.todoTitle),
    d.todo.length ? h('ul', { class: 'todo' }, ...d.todo.map(todoItem)) : h('p', { class: 'muted' }, T.todoNothing),
    h('h2', {}, T.figuresTitle),
    h(
      'div',
      { class: 'figures' },
      figure(d.figures.revenueMonth, T.revenueMonth),
      figure(d.figures.revenueYear, T.revenueYear),
      figure(String(d.figures.activeClients), T.activeClients),
      figure(String(d.figures.creditsOutstanding), T.creditsOutstanding),
      figure(String(d.figures.bookingsThisWeek), T.bookingsThisWeek),
      figure(String(d.figures.mailQuota), T.mailQuota),
    ),
    chart(d.figures.months),
    h(
      'p',
      { class: 'small muted' },
      `${T.lastWebhook} : ${d.figures.lastWebhook ?? T.never}`,
      h('br'),
      `${T.lastBackstop} : ${d.figures.lastBackstop ?? T.never}`,
    ),
    h('h2', {}, T.actionsTitle),
    h('div', { class: 'actions' }, ...(['request', 'adjust', 'refund', 'resend', 'links', 'export', 'revoke', 'health'] as View[]).map(actionButton)),
    refresh,
  );
}

function figure(value: string, label: string): HTMLElement {
  return h('div', { class: 'figure' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

/** Twelve monthly bars in SVG, the tallest at full height; each bar's title gives its amount. */
function chart(months: Dashboard['figures']['months']): HTMLElement {
  const width = 276;
  const height = 96;
  const top = 12;
  const base = height - 14;
  const max = Math.max(...months.map((m) => m.cents), 1);
  const slot = width / months.length;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': T.chartTitle, class: 'chart' });
  months.forEach((m, i) => {
    const barHeight = m.cents > 0 ? Math.max(2, ((base - top) * m.cents) / max) : 0;
    const rect = svg('rect', {
      x: (i * slot + 3).toFixed(1),
      y: (base - barHeight).toFixed(1),
      width: (slot - 6).toFixed(1),
      height: barHeight.toFixed(1),
      rx: 2,
    });
    rect.append(
      svg('title', {}, `${m.label} : ${(m.cents / 100).toLocaleString(BOOT.locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' })}`),
    );
    root.append(rect, svg('text', { x: (i * slot + slot / 2).toFixed(1), y: height - 2, 'text-anchor': 'middle' }, m.label.replace('.', '').slice(0, 4)));
  });
  root.append(
    svg(
      'text',
      { x: 0, y: 9 },
      (max / 100).toLocaleString(BOOT.locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    ),
  );
  return h('figure', { class: 'chart', style: 'margin:8px 0' }, h('figcaption', { class: 'small muted' }, T.chartTitle), root as unknown as Node);
}

function todoItem(item: TodoItem): HTMLElement {
  const li = h('li', { class: item.kind }, h('div', { class: 'title' }, item.title), item.detail ? h('div', { class: 'detail' }, item.detail) : null);
  if (item.action) {
    const button = h('button', { type: 'button' }, item.action === 'retry' ? T.retry : T.resend);
    const message = messageArea();
    button.addEventListener(
      'click',
      () =>
        void busy(button, async () => {
          const answer = item.action === 'retry' ? await call('carnetUiRetryEvent', item.id) : await call('carnetUiResendInvoice', item.id);
          if (answer.ok) message.done(answer.value);
          else message.error(answer.message);
        }),
    );
    li.append(button, message.el);
  }
  return li;
}

function actionButton(view: View): HTMLElement {
  const button = h('button', { type: 'button' }, T.menu[view]);
  button.addEventListener('click', () => open(view));
  return button;
}

// ------------------------------------------------------------------ forms

let formDataCache: FormData | null = null;

async function loadFormData(): Promise<Outcome<FormData>> {
  if (formDataCache) return { ok: true, value: formDataCache };
  const answer = await call('carnetUiFormData');
  if (answer.ok) formDataCache = answer.value;
  return answer;
}

/** A view with a form: title, back link, fields, submit button and message area; `submit` checks, then calls the server. */
async function formView(
  title: string,
  build: (data: FormData) => { fields: HTMLElement[]; submitLabel: string; submit(message: ReturnType<typeof messageArea>): Promise<void> },
): Promise<void> {
  const back = backLink();
  back.addEventListener('click', () => open('dashboard'));
  show(back, h('h1', {}, title), h('p', { class: 'muted' }, h('span', { class: 'spinner' }), T.loading));
  const data = await loadFormData();
  if (!data.ok) return show(back, h('h1', {}, title), h('p', { class: 'error', role: 'alert' }, data.message));
  const spec = build(data.value);
  const message = messageArea();
  const button = h('button', { class: 'primary', type: 'submit' }, spec.submitLabel);
  const form = h('form', { novalidate: true }, ...spec.fields, button, message.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(button, () => spec.submit(message));
  });
  show(back, h('h1', {}, title), form);
}

function clientInput(clients: ClientChoice[], onPick?: (client: ClientChoice | undefined) => void): HTMLInputElement {
  const listId = `clients-${newId()}`;
  const input = h('input', { type: 'email', name: 'email', list: listId, autocomplete: 'off', required: true });
  const list = h('datalist', { id: listId }, ...clients.map((c) => h('option', { value: c.email }, c.name ? `${c.name} (${c.balance})` : String(c.balance))));
  input.addEventListener('input', () => onPick?.(clients.find((c) => c.email === input.value.trim().toLowerCase())));
  // The datalist must be in the document; it travels with the input.
  queueMicrotask(() => input.after(list));
  return input;
}

/** "45,00 €" → 4500; null unless euros with at most two decimals (the server checks the same, domain/request.ts). */
function euroCents(typed: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(typed.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, ''));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

function requestForm(): Promise<void> {
  return formView(T.menu.request, (data) => {
    let requestId = newId();
    const name = h('input', { type: 'text', name: 'name' });
    const email = clientInput(data.clients, (c) => {
      if (c && !name.value) name.value = c.name;
    });
    const lines = h('div');
    const addLine = () => {
      const select = h(
        'select',
        { name: 'product', 'aria-label': T.product },
        h('option', { value: '' }, '—'),
        ...data.products.map((p) => h('option', { value: p.code }, `${p.name} — ${p.price}`)),
      );
      const quantity = h('input', { type: 'number', name: 'quantity', min: '1', max: '100', value: '1', 'aria-label': T.quantity });
      lines.append(h('div', { class: 'row', style: 'margin-bottom:4px' }, select, quantity));
    };
    addLine();
    const more = h('button', { type: 'button', class: 'link' }, T.addLine);
    more.addEventListener('click', addLine);
    // A free amount (no catalogue product): a label and euros, e.g. « Cours particulier du 3 décembre », 45,00.
    const addFreeLine = () => {
      const label = h('input', { type: 'text', name: 'freeLabel', maxlength: '200', placeholder: T.freeLabelPlaceholder, 'aria-label': T.freeLabel });
      const amount = h('input', { type: 'text', name: 'freeAmount', inputmode: 'decimal', placeholder: '45,00', 'aria-label': T.freeAmount });
      lines.append(h('div', { class: 'row free', style: 'margin-bottom:4px' }, label, amount));
      label.focus();
    };
    const free = h('button', { type: 'button', class: 'link' }, T.addFreeLine);
    free.addEventListener('click', addFreeLine);
    return {
      fields: [field(T.email, email), field(T.name, name), h('label', {}, T.product), lines, h('div', { class: 'row' }, more, free)],
      submitLabel: T.send,
      async submit(message) {
        message.clear();
        if (!isEmail(email.value)) return message.error(T.needEmail);
        const items: PaymentRequestInput['items'] = [];
        for (const row of Array.from(lines.children)) {
          if (row.classList.contains('free')) {
            const label = (row.querySelector('[name=freeLabel]') as HTMLInputElement).value.trim();
            const amount = (row.querySelector('[name=freeAmount]') as HTMLInputElement).value.trim();
            if (!label && !amount) continue;
            if (!label || label.length > 200) return message.error(T.needFreeLabel);
            const cents = euroCents(amount);
            if (cents === null || cents < 50 || cents > 1000000) return message.error(T.needFreeAmount);
            items.push({ label, amount });
            continue;
          }
          const code = (row.querySelector('select') as HTMLSelectElement).value;
          const quantity = Number((row.querySelector('input') as HTMLInputElement).value);
          if (!code) continue;
          if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100) return message.error(T.needQuantity);
          items.push({ code, quantity });
        }
        if (!items.length) return message.error(T.needProduct);
        const answer = await call('carnetUiPaymentRequest', { email: email.value.trim(), name: name.value.trim(), items, requestId });
        if (!answer.ok) return message.error(answer.message);
        message.done(answer.value);
        requestId = newId();
      },
    };
  });
}

function adjustForm(): Promise<void> {
  return formView(T.menu.adjust, (data) => {
    let operationId = newId();
    const balance = h('p', { class: 'small muted' });
    const email = clientInput(data.clients, (c) => {
      balance.textContent = c ? `${T.balanceNow} : ${c.balance}` : '';
    });
    const delta = h('input', { type: 'text', name: 'delta', inputmode: 'numeric', placeholder: '+2 / -1' });
    const reason = h('textarea', { name: 'reason', maxlength: '300' });
    return {
      fields: [field(T.email, email), balance, field(T.credits, delta), field(T.reason, reason)],
      submitLabel: T.adjust,
      async submit(message) {
        message.clear();
        if (!isEmail(email.value)) return message.error(T.needEmail);
        const raw = delta.value.trim().replace(/^\+/, '').replace('−', '-');
        if (!/^-?\d+$/.test(raw) || Number(raw) === 0) return message.error(T.needDelta);
        if (!reason.value.trim()) return message.error(T.needReason);
        const answer = await call('carnetUiAdjustCredits', { email: email.value.trim(), delta: Number(raw), reason: reason.value.trim(), operationId });
        if (!answer.ok) return message.error(answer.message);
        message.done(answer.value);
        operationId = newId();
        formDataCache = null;
      },
    };
  });
}

function refundForm(): Promise<void> {
  return formView(T.menu.refund, (data) => {
    let requestId = newId();
    const payment = h('select', { name: 'payment' }, h('option', { value: '' }, '—'), ...data.payments.map((p) => h('option', { value: p.session }, p.label)));
    const amount = h('input', { type: 'text', name: 'amount', inputmode: 'decimal' });
    payment.addEventListener('change', () => (requestId = newId()));
    amount.addEventListener('input', () => (requestId = newId()));
    return {
      fields: [field(T.payment, payment), field(T.amount, amount), h('p', { class: 'small muted' }, T.refundNote)],
      submitLabel: T.refund,
      async submit(message) {
        message.clear();
        if (!payment.value) return message.error(T.needPayment);
        const typed = amount.value.trim();
        if (typed && !/^\d+([.,]\d{1,2})?$/.test(typed.replace(/[\s\u00a0€]/g, ''))) return message.error(T.needAmount);
        const answer = await call('carnetUiRefund', { session: payment.value, amount: typed, requestId });
        if (!answer.ok) return message.error(answer.message);
        message.done(answer.value);
        formDataCache = null;
      },
    };
  });
}

function resendForm(): Promise<void> {
  return formView(T.menu.resend, (data) => {
    const doc = h('select', { name: 'document' }, h('option', { value: '' }, '—'), ...data.documents.map((d) => h('option', { value: d.number }, d.label)));
    return {
      fields: [field(T.document, doc)],
      submitLabel: T.resendButton,
      async submit(message) {
        message.clear();
        if (!doc.value) return message.error(T.needDocument);
        const answer = await call('carnetUiResendInvoice', doc.value);
        if (answer.ok) message.done(answer.value);
        else message.error(answer.message);
      },
    };
  });
}

function linksForm(): Promise<void> {
  return formView(T.menu.links, () => ({
    fields: [h('p', {}, T.linksNote)],
    submitLabel: T.linksButton,
    async submit(message) {
      message.clear();
      const answer = await call('carnetUiProductLinks');
      if (answer.ok) message.done(answer.value);
      else message.error(answer.message);
    },
  }));
}

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function exportForm(): Promise<void> {
  return formView(T.menu.export, () => {
    const today = new Date();
    const quarterStart = new Date(today.getFullYear(), Math.floor(today.getMonth() / 3) * 3, 1);
    const from = h('input', { type: 'date', name: 'from', value: isoDay(quarterStart) });
    const to = h('input', { type: 'date', name: 'to', value: isoDay(today) });
    return {
      fields: [field(T.from, from), field(T.to, to)],
      submitLabel: T.exportButton,
      async submit(message) {
        message.clear();
        if (!from.value || !to.value || from.value > to.value) return message.error(T.needPeriod);
        const answer = await call('carnetUiExportReceipts', from.value, to.value);
        if (answer.ok) message.done(answer.value);
        else message.error(answer.message);
      },
    };
  });
}

function revokeForm(): Promise<void> {
  return formView(T.menu.revoke, () => {
    const target = h('input', { type: 'text', name: 'target' });
    return {
      fields: [field(T.revokeLabel, target)],
      submitLabel: T.revokeButton,
      async submit(message) {
        message.clear();
        if (!target.value.trim()) return message.error(T.needTarget);
        const answer = await call('carnetUiRevokeDownload', target.value.trim());
        if (answer.ok) message.done(answer.value);
        else message.error(answer.message);
      },
    };
  });
}

// ------------------------------------------------------------------ health check

async function health(): Promise<void> {
  const back = backLink();
  back.addEventListener('click', () => open('dashboard'));
  show(back, h('h1', {}, T.healthTitle), h('p', { class: 'muted' }, h('span', { class: 'spinner' }), T.loading));
  const answer = await call('carnetUiHealth');
  const again = h('button', { class: 'primary', type: 'button' }, T.healthRun);
  again.addEventListener('click', () => void health());
  if (!answer.ok) return show(back, h('h1', {}, T.healthTitle), h('p', { class: 'error', role: 'alert' }, answer.message), again);
  show(back, h('h1', {}, T.healthTitle), h('ul', { class: 'health' }, ...answer.value.map(healthLine)), again);
}

function healthLine(line: HealthLine): HTMLElement {
  return h(
    'li',
    { 'data-level': line.level },
    h('span', { class: `dot ${line.level}`, 'aria-hidden': 'true' }),
    h('strong', {}, line.label),
    ` : ${line.detail}`,
    line.fix ? h('div', { class: 'fix' }, line.fix) : null,
  );
}

// ------------------------------------------------------------------ setup wizard

const WIZARD_STEPS = [T.stepKey, T.stepBusiness, T.stepSender, T.stepInstall, T.stepWebhook];

async function wizard(step = 0, loaded?: WizardState): Promise<void> {
  document.body.classList.add('wizard');
  let state = loaded;
  if (!state) {
    show(h('h1', {}, T.wizardTitle), h('p', { class: 'muted' }, h('span', { class: 'spinner' }), T.loading));
    const answer = await call('carnetUiWizard');
    if (!answer.ok) return show(h('h1', {}, T.wizardTitle), h('p', { class: 'error', role: 'alert' }, answer.message));
    state = answer.value;
  }
  const current: WizardState = state;
  const steps = h('div', { class: 'steps' }, ...WIZARD_STEPS.map((s, i) => h('span', { class: i === step ? 'current' : '' }, `${i + 1}. ${s}`)));
  const message = messageArea();
  const previous = h('button', { type: 'button' }, T.previous);
  previous.addEventListener('click', () => void wizard(step - 1, current));
  const last = step === WIZARD_STEPS.length - 1;
  const next = h('button', { type: 'button', class: 'primary' }, last ? T.finish : T.next);
  next.addEventListener('click', () => (last ? show(h('h1', {}, T.wizardTitle), h('p', { class: 'result' }, T.wizardDone)) : void wizard(step + 1, current)));
  const nav = h('div', { class: 'nav' }, step > 0 ? previous : h('span'), next);
  const body = wizardStep(step, current, message, (fresh) => void wizard(step, fresh));
  show(h('h1', {}, T.wizardTitle), steps, h('h2', {}, WIZARD_STEPS[step]), ...body, message.el, nav);
}

function settingsFields(state: WizardState, keys: Array<keyof WizardSettings>, message: ReturnType<typeof messageArea>): HTMLElement[] {
  const labels: Record<keyof WizardSettings, string> = {
    legalName: T.legalName,
    businessName: T.businessName,
    businessAddress: T.businessAddress,
    siret: T.siret,
    businessEmail: T.businessEmail,
    vatMode: T.vatMode,
    invoicePrefix: T.invoicePrefix,
    creditNotePrefix: T.creditNotePrefix,
    adminEmail: T.adminEmail,
    bookingCalendar: T.bookingCalendar,
    scheduleName: T.scheduleName,
  };
  const inputs = new Map<keyof WizardSettings, HTMLInputElement | HTMLSelectElement>();
  const out: HTMLElement[] = [];
  for (const key of keys) {
    let input: HTMLInputElement | HTMLSelectElement;
    if (key === 'vatMode') {
      input = h('select', { name: key }, h('option', { value: 'franchise' }, T.vatFranchise), h('option', { value: 'standard' }, T.vatStandard));
    } else input = h('input', { type: key.endsWith('mail') || key === 'businessEmail' ? 'email' : 'text', name: key });
    input.value = state.settings[key];
    inputs.set(key, input);
    out.push(field(labels[key], input));
  }
  const save = h('button', { type: 'button', class: 'primary' }, T.saveSettings);
  save.addEventListener(
    'click',
    () =>
      void busy(save, async () => {
        message.clear();
        for (const [key, input] of inputs)
          if ((key === 'businessEmail' || key === 'adminEmail') && input.value.trim() && !isEmail(input.value)) return message.error(T.needEmail);
        const values: WizardSettings = { ...state.settings };
        for (const [key, input] of inputs) values[key] = input.value.trim();
        const answer = await call('carnetUiSaveSettings', values);
        if (!answer.ok) return message.error(answer.message);
        state.settings = values;
        message.done(answer.value);
      }),
  );
  out.push(save);
  return out;
}

function wizardStep(step: number, state: WizardState, message: ReturnType<typeof messageArea>, refresh: (s: WizardState) => void): HTMLElement[] {
  if (step === 0) {
    const key = h('input', { type: 'password', name: 'key', autocomplete: 'off', placeholder: 'sk_test_…' });
    const save = h('button', { type: 'button', class: 'primary' }, T.keySave);
    save.addEventListener(
      'click',
      () =>
        void busy(save, async () => {
          message.clear();
          if (!/^(sk|rk)_(test|live)_\w{8,}$/.test(key.value.trim())) return message.error(T.needKey);
          const answer = await call('carnetUiSaveStripeKey', key.value.trim());
          if (!answer.ok) return message.error(answer.message);
          refresh(answer.value);
        }),
    );
    const current = state.maskedKey ? `${state.maskedKey} — ${state.mode === 'live' ? T.modeLive : T.modeTest}` : T.keyNone;
    const form = h('form', { novalidate: true }, field(T.keyLabel, key), save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save.click();
    });
    return [
      h('p', {}, T.keyHelp),
      h('p', { class: 'box' }, h('strong', {}, `${T.keyCurrent} : `), h('span', { class: 'mono', 'data-testid': 'masked-key' }, current)),
      form,
    ];
  }
  if (step === 1)
    return settingsFields(
      state,
      ['legalName', 'businessName', 'businessAddress', 'siret', 'businessEmail', 'vatMode', 'invoicePrefix', 'creditNotePrefix'],
      message,
    );
  if (step === 2) return [h('p', { class: 'muted' }, T.senderHelp), ...settingsFields(state, ['adminEmail', 'bookingCalendar', 'scheduleName'], message)];
  if (step === 3) {
    const run = h('button', { type: 'button', class: 'primary' }, T.installRun);
    const lines = h('ul', { class: 'small' });
    run.addEventListener(
      'click',
      () =>
        void busy(run, async () => {
          message.clear();
          const answer = await call('carnetUiRunSetup');
          if (!answer.ok) return message.error(answer.message);
          lines.replaceChildren(...answer.value.lines.map((l) => h('li', {}, l)));
          const fresh = await call('carnetUiWizard');
          if (fresh.ok) Object.assign(state, fresh.value);
        }),
    );
    return [h('p', {}, T.installHelp), run, lines];
  }
  const register = h('button', { type: 'button', class: 'primary' }, state.endpoint ? T.webhookUpdate : T.webhookRegister);
  const status = h('span', { 'data-testid': 'endpoint-status' }, endpointText(state));
  register.addEventListener(
    'click',
    () =>
      void busy(register, async () => {
        message.clear();
        const answer = await call('carnetUiRegisterWebhook');
        if (!answer.ok) return message.error(answer.message);
        const fresh = await call('carnetUiWizard');
        if (fresh.ok) {
          Object.assign(state, fresh.value);
          status.textContent = endpointText(state);
          register.textContent = T.webhookUpdate;
        }
        message.done(answer.value);
      }),
  );
  const address = Object.assign(h('input', { type: 'url', class: 'mono', name: 'web-app-url', placeholder: 'https://script.google.com/macros/s/…/exec' }), {
    value: state.webAppUrl,
  });
  const saveAddress = h('button', { type: 'submit' }, T.webAppUrlSave);
  const addressForm = h('form', {}, field(T.webAppUrl, address), saveAddress);
  addressForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(saveAddress, async () => {
      message.clear();
      const answer = await call('carnetUiSaveWebAppUrl', address.value.trim());
      if (!answer.ok) return message.error(answer.message);
      refresh(answer.value);
    });
  });
  return [
    h('p', {}, T.deployHelp),
    addressForm,
    state.webhookUrl
      ? h(
          'div',
          {},
          field(T.webhookUrl, Object.assign(h('input', { type: 'text', readonly: true, class: 'mono', name: 'webhook-url' }), { value: state.webhookUrl })),
          h('p', { class: 'box' }, h('strong', {}, `${T.webhookStatus} : `), status),
          register,
        )
      : h('p', { class: 'error', role: 'alert' }, T.notDeployed),
    h('p', { class: 'small muted' }, T.redirectNote),
  ];
}

function endpointText(state: WizardState): string {
  if (!state.endpoint) return T.webhookNone;
  const status = state.endpoint.status === 'enabled' ? T.endpointEnabled : T.endpointDisabled;
  return `${state.endpoint.id} — ${state.endpoint.upToDate ? status : `${status}, ${T.endpointStale}`}`;
}

// ------------------------------------------------------------------ views

function open(view: View): void {
  const views: Record<View, () => unknown> = {
    dashboard,
    request: requestForm,
    adjust: adjustForm,
    refund: refundForm,
    resend: resendForm,
    links: linksForm,
    export: exportForm,
    revoke: revokeForm,
    health,
    wizard: () => wizard(0),
  };
  void views[view]();
}

open(BOOT.view);
