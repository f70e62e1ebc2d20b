// The admin's cockpit, through the built bundle: the menu, the sidebar page, the dashboard's one
// call, every action with its bad inputs (a French message, nothing written), the setup wizard with
// the Stripe webhook endpoint, and the health check.
import type { Emulator } from '../../emulator/src';
import { addLessonPack, install, KEY, records, START, deliverAndSettle } from './harness';
import { HANDLED_EVENT_TYPES } from '../../src/domain/stripe';
import { Emulator as Emu } from '../../emulator/src';
import { cellA1 } from '../../emulator/src/spreadsheet/a1';

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };
const OWNER = 'prof@example.com';
const ALICE = 'alice@example.com';

function ui<T>(emu: Emulator, name: string, ...args: unknown[]): Outcome<T> {
  return emu.run<Outcome<T>>(name, args);
}

function ok<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.message}`);
  return outcome.value;
}

function failure(outcome: Outcome<unknown>): string {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  return outcome.message;
}

/** Alice bought a 10-lesson pack (300 €). */
function withPurchase(): { emu: Emulator; intent: string; session: string } {
  const emu = install();
  const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
  const { event, session } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice Dupont' });
  deliverAndSettle(emu, String(event.id));
  return { emu, intent: String(session.payment_intent), session: String(session.id) };
}

function business(emu: Emulator) {
  return {
    ledger: records(emu, 'Crédits'),
    clients: records(emu, 'Clients'),
    payments: records(emu, 'Paiements'),
    invoices: records(emu, 'Factures'),
    receipts: records(emu, 'Recettes'),
  };
}

describe('menu and sidebar page', () => {
  test('the Carnet menu lists every action in French; "Tableau de bord" opens a 300 px sidebar, self-contained', () => {
    const emu = install();
    emu.run('onOpen');
    const items = emu.spreadsheet
      .menus()[0]
      .items.filter((i) => 'caption' in i)
      .map((i) => (i as { caption: string }).caption);
    expect(items).toEqual(
      expect.arrayContaining([
        'Tableau de bord',
        'Demander un paiement',
        'Ajuster des crédits',
        'Renvoyer une facture',
        'Rembourser',
        'Liens de paiement Stripe',
        'Exporter le livre des recettes',
        'Configuration',
        'Vérifier l’installation',
        'Installer / vérifier',
      ]),
    );
    emu.run('carnetMenuDashboard');
    const sidebar = emu.spreadsheet.sidebars().at(-1) as { output: unknown };
    const page = emu.html.describeOutput(sidebar.output).content;
    const state = (sidebar.output as { state: { width: number | null; title: string } }).state;
    expect(state.width).toBe(300);
    expect(state.title).toBe('Carnet');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('"view":"dashboard"');
    expect(page).toContain('À faire');
    // No CDN, no external script or style sheet: everything is inline.
    expect(page).not.toMatch(/<script[^>]+src=/i);
    expect(page).not.toMatch(/<link[^>]+stylesheet/i);
    expect(page).not.toContain('__CARNET_BOOT__');
    // The page's script cannot be closed early by a text.
    expect(page.match(/<\/script>/g)).toHaveLength(1);
  });

  test('with Langue = en the menu and the page are in English', () => {
    const emu = install({ settings: { Langue: 'en' } });
    emu.run('onOpen');
    expect(JSON.stringify(emu.spreadsheet.menus())).toContain('Adjust credits');
    emu.run('carnetMenuWizard');
    const dialog = emu.spreadsheet.dialogs().at(-1) as { kind: string; title: string; output: unknown };
    expect(dialog).toMatchObject({ kind: 'modal', title: 'Configuration' });
    expect(emu.html.describeOutput(dialog.output).content).toContain('"stepKey":"Stripe key"');
  });
});

test('in English (Langue = en): the answers and the figures follow', () => {
  const { emu, session } = withPurchase();
  emu.edit('Paramètres', `B${emu.spreadsheet.values('Paramètres').findIndex((r) => r[0] === 'Langue') + 1}`, 'en');
  expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: 2, reason: '', operationId: 'en-1' }))).toBe(
    'The reason for the adjustment is required.',
  );
  expect(ok(ui<{ figures: { revenueMonth: string; months: Array<{ label: string }> } }>(emu, 'carnetUiDashboard')).figures).toMatchObject({
    revenueMonth: '€300.00',
  });
  expect(ok(ui<{ message: string }>(emu, 'carnetUiRefund', { session, amount: '', requestId: 'en-r' })).message).toMatch(
    /^Refund of €300.00 asked of Stripe \(accepted\)/,
  );
});

describe('dashboard', () => {
  test('one call gives the to-do list and the figures', () => {
    const { emu } = withPurchase();
    // A payment for an unknown product: its event fails and must show with a retry button.
    const stray = emu.stripe.createProduct({ name: 'Inconnu' });
    const strayPrice = emu.stripe.createPrice({ product: String(stray.id), unitAmount: 5000 });
    const { event: failed } = emu.stripe.pay({ lineItems: [{ price: String(strayPrice.id), quantity: 1 }], email: 'bob@example.com' });
    deliverAndSettle(emu, String(failed.id));
    ok(ui(emu, 'carnetUiPaymentRequest', { email: 'carla@example.com', name: 'Carla', items: [{ code: 'PACK10', quantity: 1 }], requestId: 'form-1' }));

    emu.rt.accounting.reset();
    const dashboard = ok(ui<{ todo: Array<Record<string, unknown>>; figures: Record<string, unknown> }>(emu, 'carnetUiDashboard'));
    // A single read per tab: no call grows with the rows.
    const calls = emu.rt.accounting.snapshot().calls as Record<string, number>;
    expect(calls['SpreadsheetApp.Range.getValues']).toBeLessThanOrEqual(8);

    expect(dashboard.todo).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'event', id: failed.id, action: 'retry', detail: expect.stringContaining('Produit inconnu') }),
        expect.objectContaining({ kind: 'request', title: expect.stringContaining('carla@example.com') }),
      ]),
    );
    const figures = dashboard.figures as {
      revenueMonth: string;
      months: Array<{ cents: number }>;
      activeClients: number;
      creditsOutstanding: number;
      mailQuota: number;
      lastWebhook: string;
    };
    expect(figures.revenueMonth).toBe('300,00\u00a0€');
    expect(figures.months).toHaveLength(12);
    expect(figures.months[11].cents).toBe(30000);
    expect(figures.activeClients).toBe(1);
    expect(figures.creditsOutstanding).toBe(10);
    expect(figures.mailQuota).toBeGreaterThan(0);
    expect(figures.lastWebhook).toMatch(/2026/);
  });

  test('"Réessayer" processes a failed event again once its cause is fixed', () => {
    const emu = install();
    const product = emu.stripe.createProduct({ name: 'Pack' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 9000 });
    const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: ALICE });
    deliverAndSettle(emu, String(event.id));
    expect(records(emu, 'Événements')[0]['Statut']).toBe('en échec');
    expect(failure(ui(emu, 'carnetUiRetryEvent', event.id))).toMatch(/^L’événement evt_\w+ est toujours en échec : Produit inconnu/);
    expect(records(emu, 'Clients')).toEqual([]);
    addLessonPack(emu, 'P3', 3, 9000, { Stripe: String(price.id) });
    const done = ok(ui<{ message: string }>(emu, 'carnetUiRetryEvent', event.id));
    expect(done.message).toContain('traité');
    expect(records(emu, 'Clients')[0]).toMatchObject({ 'E-mail': ALICE, Solde: 3 });
    expect(failure(ui(emu, 'carnetUiRetryEvent', event.id))).toMatch(/n’est pas en échec/);
  });
});

describe('credit adjustment', () => {
  test('one ledger row "ajustement manuel" with the reason and the admin’s e-mail; a double submit writes it once', () => {
    const { emu } = withPurchase();
    const input = { email: ' Alice@Example.com ', delta: 2, reason: 'Cours offert (retard du professeur)', operationId: 'op-1' };
    expect(ok(ui<{ message: string }>(emu, 'carnetUiAdjustCredits', input)).message).toBe('+2 crédit(s) pour alice@example.com : nouveau solde 12.');
    expect(ok(ui<{ message: string }>(emu, 'carnetUiAdjustCredits', input)).message).toMatch(/déjà enregistré/);
    const rows = records(emu, 'Crédits').filter((r) => String(r['Motif']).startsWith('ajustement manuel'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'E-mail': ALICE, Variation: 2, Solde: 12, Motif: `ajustement manuel : Cours offert (retard du professeur) (${OWNER})` });
    expect(records(emu, 'Clients')[0]['Solde']).toBe(12);
    ok(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: -12, reason: 'Remise à zéro', operationId: 'op-2' }));
    expect(records(emu, 'Clients')[0]['Solde']).toBe(0);
  });

  test('bad inputs get a French message and write nothing; a balance never goes below zero', () => {
    const { emu } = withPurchase();
    const before = business(emu);
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: -11, reason: 'Erreur', operationId: 'a' }))).toBe(
      'Impossible : alice@example.com a 10 crédit(s), en retirer 11 rendrait son solde négatif.',
    );
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: 2, reason: '   ', operationId: 'b' }))).toBe(
      'Le motif de l’ajustement est obligatoire.',
    );
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: 1.5, reason: 'x', operationId: 'c' }))).toMatch(/Nombre de crédits invalide/);
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: 0, reason: 'x', operationId: 'd' }))).toMatch(/Nombre de crédits invalide/);
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: 'pas-un-email', delta: 1, reason: 'x', operationId: 'e' }))).toBe(
      'Indiquez l’adresse e-mail du client.',
    );
    expect(failure(ui(emu, 'carnetUiAdjustCredits', { email: 'bob@example.com', delta: -1, reason: 'x', operationId: 'f' }))).toMatch(
      /Aucun client bob@example.com/,
    );
    expect(failure(ui(emu, 'carnetUiAdjustCredits', null))).toBe('Indiquez l’adresse e-mail du client.');
    expect(business(emu)).toEqual(before);
  });

  test('credits added re-arm the balance alerts: the next time the balance runs out, the client is told again', () => {
    const { emu } = withPurchase();
    ok(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: -10, reason: 'Remise à zéro', operationId: 'z' }));
    const row = records(emu, 'Clients').findIndex((c) => c['E-mail'] === ALICE) + 2;
    emu.edit('Clients', cellA1(row, emu.spreadsheet.values('Clients')[0].indexOf('Alerte solde') + 1), 'épuisé');
    ok(ui(emu, 'carnetUiAdjustCredits', { email: ALICE, delta: 3, reason: 'Geste commercial', operationId: 'y' }));
    expect(records(emu, 'Clients')[0]).toMatchObject({ Solde: 3, 'Alerte solde': '' });
  });

  test('adding credits to someone new creates the client', () => {
    const { emu } = withPurchase();
    ok(ui(emu, 'carnetUiAdjustCredits', { email: 'bob@example.com', delta: 3, reason: 'Cours d’essai offerts', operationId: 'op-b' }));
    expect(records(emu, 'Clients').find((c) => c['E-mail'] === 'bob@example.com')).toMatchObject({ Solde: 3 });
  });
});

describe('refund from the sheet', () => {
  test('asks Stripe with an Idempotency-Key, writes nothing until Stripe’s event; a double click refunds once', () => {
    const { emu, intent, session } = withPurchase();
    const before = business(emu);
    const input = { session, amount: '100', requestId: 'refund-form-1' };
    const first = ok(ui<{ message: string }>(emu, 'carnetUiRefund', input));
    expect(first.message).toMatch(/^Remboursement de 100,00\u00a0€ demandé à Stripe \(accepté\)/);
    ok(ui(emu, 'carnetUiRefund', input));
    const posts = emu.stripe.requests().filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(posts).toHaveLength(2);
    expect(posts.every((p) => p.headers['idempotency-key'] === 'carnet-refund-refund-form-1')).toBe(true);
    expect(posts[0].params).toMatchObject({ payment_intent: intent, amount: '10000' });
    expect(emu.stripe.objects('refund')).toHaveLength(1);
    // Nothing local yet: the credit note follows Stripe's event.
    expect(business(emu)).toEqual(before);
    const refunded = emu.stripe.events().find((e) => e.type === 'charge.refunded') as { id: string };
    deliverAndSettle(emu, refunded.id);
    expect(records(emu, 'Factures').map((f) => f['Type'])).toEqual(['Facture', 'Avoir']);
    expect(records(emu, 'Paiements')[0]['Statut']).toBe('remboursé partiellement');
  });

  test('an amount above what is left, a bad amount or an unknown payment: a French message, no call to Stripe', () => {
    const { emu, session } = withPurchase();
    const calls = emu.stripe.requests().length;
    expect(failure(ui(emu, 'carnetUiRefund', { session, amount: '300,01', requestId: 'x' }))).toBe(
      'Montant trop élevé : 300,01\u00a0€ demandés, il reste 300,00\u00a0€ remboursables sur ce paiement.',
    );
    expect(failure(ui(emu, 'carnetUiRefund', { session, amount: 'douze', requestId: 'y' }))).toMatch(/^Montant invalide/);
    expect(failure(ui(emu, 'carnetUiRefund', { session: 'cs_test_inconnu', amount: '', requestId: 'z' }))).toMatch(/^Aucun paiement cs_test_inconnu/);
    expect(emu.stripe.requests().length).toBe(calls);
  });
});

describe('other actions', () => {
  test('payment request from the form; a bad e-mail is refused in French', () => {
    const { emu } = withPurchase();
    const done = ok(
      ui<{ message: string; url: string }>(emu, 'carnetUiPaymentRequest', {
        email: 'bob@example.com',
        name: 'Bob',
        items: [{ code: 'PACK10', quantity: 2 }],
        requestId: 'f1',
      }),
    );
    expect(done.message).toBe('Demande envoyée à bob@example.com.');
    expect(done.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(records(emu, 'Paiements').at(-1)).toMatchObject({ 'E-mail': 'bob@example.com', Montant: 600, Statut: 'en attente' });
    expect(failure(ui(emu, 'carnetUiPaymentRequest', { email: 'bob@', name: '', items: [{ code: 'PACK10', quantity: 1 }], requestId: 'f2' }))).toMatch(
      /adresse e-mail/i,
    );
    // A free amount the page let through (or a hand-made call): the server refuses it in French, nothing is created.
    const before = emu.stripe.objects('checkout.session').length;
    expect(
      failure(
        ui(emu, 'carnetUiPaymentRequest', { email: 'bob@example.com', name: '', items: [{ label: 'Cours du 3 décembre', amount: '-45' }], requestId: 'f3' }),
      ),
    ).toBe('Montant libre « Cours du 3 décembre » : montant « -45 » invalide (un montant en euros de 0,50 € à 10\u202f000 €, ex. 45,00).');
    expect(emu.stripe.objects('checkout.session')).toHaveLength(before);
    expect(records(emu, 'Paiements').filter((r) => r['E-mail'] === 'bob@example.com')).toHaveLength(1);
    const free = ok(
      ui<{ message: string }>(emu, 'carnetUiPaymentRequest', {
        email: 'bob@example.com',
        name: '',
        items: [{ label: 'Cours du 3 décembre', amount: '45,00' }],
        requestId: 'f4',
      }),
    );
    expect(free.message).toBe('Demande envoyée à bob@example.com.');
    expect(records(emu, 'Paiements').at(-1)).toMatchObject({ Montant: 45, Produits: '1 × Cours du 3 décembre', Statut: 'en attente' });
  });

  test('form data offer clients, products, refundable payments and documents', () => {
    const { emu, session } = withPurchase();
    const data = ok(
      ui<{ clients: unknown[]; products: unknown[]; payments: Array<{ session: string; refundableCents: number }>; documents: Array<{ number: string }> }>(
        emu,
        'carnetUiFormData',
      ),
    );
    expect(data.clients).toEqual([{ email: ALICE, name: 'Alice Dupont', balance: 10 }]);
    expect(data.products).toEqual([{ code: 'PACK10', name: 'Pack 10 cours', price: '300,00\u00a0€' }]);
    expect(data.payments).toEqual([expect.objectContaining({ session, refundableCents: 30000 })]);
    expect(data.documents.map((d) => d.number)).toEqual(['F-2026-0001']);
  });

  test('resend, export, revoke: results and French refusals', () => {
    const { emu } = withPurchase();
    expect(ok(ui<{ message: string }>(emu, 'carnetUiResendInvoice', 'F-2026-0001')).message).toBe('F-2026-0001 renvoyée à alice@example.com.');
    expect(failure(ui(emu, 'carnetUiResendInvoice', 'F-1999-0001'))).toBe('Aucune pièce F-1999-0001 dans l’onglet Factures.');
    const exported = ok(ui<{ message: string; url: string }>(emu, 'carnetUiExportReceipts', '2026-11-01', '2026-11-30'));
    expect(exported.message).toMatch(/1 ligne\(s\), total 300,00/);
    expect(exported.url).toMatch(/^https:\/\//);
    expect(failure(ui(emu, 'carnetUiExportReceipts', '2026-12-01', '2026-11-01'))).toMatch(/^Période invalide/);
    expect(failure(ui(emu, 'carnetUiRevokeDownload', 'n’importe quoi'))).toBe(
      'Aucun lien de téléchargement ne correspond à « n’importe quoi » (onglet Téléchargements).',
    );
  });

  test('an unexpected failure is a sentence, never a stack trace, and the Journal keeps the detail', () => {
    const { emu } = withPurchase();
    emu.rt.faults.add({ target: 'SpreadsheetApp.Range.getValues', nth: 1, times: 1, action: 'throw' } as never);
    const message = failure(ui(emu, 'carnetUiDashboard'));
    expect(message).toBe(
      'Cette action a échoué de façon inattendue ; une partie a pu être faite : regardez la feuille avant de la relancer. Le détail est dans l’onglet Journal.',
    );
    expect(message).not.toMatch(/at \w+ \(|\.js:\d+/);
    expect(records(emu, 'Journal').at(-1)?.['Message']).toMatch(/^Erreur inattendue pendant « dashboard »/);
  });
});

describe('setup wizard', () => {
  test('the Stripe key is checked with Stripe before it is stored, then shown masked with its mode', () => {
    const emu = new Emu({ start: START }).loadBundle('dist');
    emu.run('setup');
    expect(failure(ui(emu, 'carnetUiSaveStripeKey', 'pk_test_123'))).toMatch(/^Clé invalide/);
    expect(failure(ui(emu, 'carnetUiSaveStripeKey', 'sk_test_inconnue1234'))).toMatch(/^Stripe refuse cette clé : Invalid API Key provided: sk_test_\*+1234/);
    expect(emu.properties.scriptStore().get('STRIPE_SECRET_KEY')).toBeUndefined();
    const state = ok(ui<{ maskedKey: string; mode: string }>(emu, 'carnetUiSaveStripeKey', ` ${KEY} `));
    expect(state).toMatchObject({ maskedKey: 'sk_test_••••ator', mode: 'test' });
    expect(emu.properties.scriptStore().get('STRIPE_SECRET_KEY')).toBe(KEY);
    // The wizard never sends the key back to the page.
    expect(JSON.stringify(ok(ui(emu, 'carnetUiWizard')))).not.toContain(KEY);
  });

  test('settings: only what changed is written; one bad value and nothing is written', () => {
    const emu = install();
    const state = ok(ui<{ settings: Record<string, string> }>(emu, 'carnetUiWizard'));
    expect(state.settings).toMatchObject({ legalName: 'Claire Martin', businessName: '', siret: '123 456 789 00012', vatMode: 'franchise' });
    const before = emu.spreadsheet.values('Paramètres');
    expect(failure(ui(emu, 'carnetUiSaveSettings', { ...state.settings, businessName: 'Claire M.', siret: '12345' }))).toMatch(/^SIRET invalide/);
    expect(failure(ui(emu, 'carnetUiSaveSettings', { ...state.settings, invoicePrefix: 'F-' }))).toMatch(/Préfixe des factures/);
    expect(emu.spreadsheet.values('Paramètres')).toEqual(before);
    emu.rt.accounting.reset();
    expect(ok(ui<{ message: string }>(emu, 'carnetUiSaveSettings', { ...state.settings, businessName: 'Claire M.' })).message).toBe(
      'Enregistré : Nom commercial.',
    );
    expect((emu.rt.accounting.snapshot().calls as Record<string, number>)['SpreadsheetApp.Range.setValues']).toBe(1);
    expect(ok(ui<{ message: string }>(emu, 'carnetUiSaveSettings', { ...state.settings, businessName: 'Claire M.' })).message).toBe('Rien n’a changé.');
  });

  test('settings far apart are written in one setValues; the cells between keep their formula and values', () => {
    const emu = install();
    const state = ok(ui<{ settings: Record<string, string> }>(emu, 'carnetUiWizard'));
    const labels = () => emu.spreadsheet.values('Paramètres').map((r) => String(r[0]));
    const phone = labels().indexOf('Téléphone') + 1;
    emu.spreadsheet.setCell('Paramètres', `B${phone}`, '="01 23 45 67 89"');
    const valueOf = (label: string) => emu.spreadsheet.values('Paramètres')[labels().indexOf(label)][1];
    const digits = valueOf('Chiffres du numéro');
    emu.rt.accounting.reset();
    const saved = ok(ui<{ message: string }>(emu, 'carnetUiSaveSettings', { ...state.settings, businessName: 'Claire M.', scheduleName: 'Cours de piano' }));
    expect(saved.message).toBe('Enregistré : Nom commercial, Nom du planning de rendez-vous.');
    expect((emu.rt.accounting.snapshot().calls as Record<string, number>)['SpreadsheetApp.Range.setValues']).toBe(1);
    expect(valueOf('Nom commercial')).toBe('Claire M.');
    expect(valueOf('Nom du planning de rendez-vous')).toBe('Cours de piano');
    expect(emu.spreadsheet.formulas('Paramètres')[phone - 1][1]).toBe('="01 23 45 67 89"');
    expect(valueOf('Chiffres du numéro')).toEqual(digits);
  });

  test('setup from the wizard says what it did', () => {
    const emu = new Emu({ start: START }).loadBundle('dist');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', KEY);
    const done = ok(ui<{ lines: string[] }>(emu, 'carnetUiRunSetup'));
    expect(done.lines[0]).toMatch(/^Onglets créés/);
    expect(ok(ui<{ lines: string[] }>(emu, 'carnetUiRunSetup')).lines[0]).toBe('Tous les onglets sont présents.');
  });

  test('the webhook is registered once with exactly the handled events, then updated instead of duplicated', () => {
    const emu = install();
    const token = emu.properties.scriptStore().get('WEBHOOK_TOKEN');
    const url = `https://script.google.com/macros/s/carnet-emulated-deployment/exec?token=${token}`;
    expect(ok(ui<{ webhookUrl: string; endpoint: null }>(emu, 'carnetUiWizard'))).toMatchObject({ webhookUrl: url, endpoint: null });
    expect(ok(ui<{ message: string }>(emu, 'carnetUiRegisterWebhook')).message).toMatch(/^Webhook enregistré dans Stripe \(we_/);
    const endpoints = emu.stripe.objects('webhook_endpoint') as Array<{ id: string; url: string; enabled_events: string[]; status: string }>;
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0].url).toBe(url);
    expect([...endpoints[0].enabled_events].sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
    expect(ok(ui<{ message: string }>(emu, 'carnetUiRegisterWebhook')).message).toMatch(/déjà à jour/);
    // Stripe disabled it, and the token changed: the same endpoint is updated and enabled again.
    emu.properties.scriptStore().set('WEBHOOK_TOKEN', 'nouveau-jeton');
    const id = endpoints[0].id;
    expect(ok(ui<{ message: string }>(emu, 'carnetUiRegisterWebhook')).message).toBe(`Webhook mis à jour dans Stripe (${id}).`);
    const after = emu.stripe.objects('webhook_endpoint') as Array<{ url: string }>;
    expect(after).toHaveLength(1);
    expect(after[0].url).toMatch(/token=nouveau-jeton$/);
    const posts = emu.stripe.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/v1/webhook_endpoints'));
    expect(posts.every((p) => p.headers['idempotency-key'])).toBe(true);
  });

  test('before deployment the wizard says to deploy first', () => {
    const emu = install({ deployed: false });
    expect(ok(ui<{ webhookUrl: string }>(emu, 'carnetUiWizard')).webhookUrl).toBe('');
    expect(failure(ui(emu, 'carnetUiRegisterWebhook'))).toMatch(/^L’application web n’est pas encore déployée/);
  });

  test('the /exec address pasted in the wizard is kept; a /dev one is refused with why (the menu only sees /dev)', () => {
    const emu = install({ deployed: false });
    const before = Object.fromEntries(emu.properties.scriptStore());
    expect(failure(ui(emu, 'carnetUiSaveWebAppUrl', 'https://script.google.com/macros/s/AKfycbx-carnet/dev'))).toMatch(
      /se termine par \/dev : c’est l’adresse de test/,
    );
    expect(failure(ui(emu, 'carnetUiSaveWebAppUrl', 'https://docs.google.com/spreadsheets/d/x/edit'))).toMatch(/^Adresse non reconnue/);
    expect(Object.fromEntries(emu.properties.scriptStore())).toEqual(before);
    const url = 'https://script.google.com/macros/s/AKfycbx-carnet/exec';
    const state = ok(ui<{ webhookUrl: string; webAppUrl: string }>(emu, 'carnetUiSaveWebAppUrl', `  ${url} `));
    expect(state.webAppUrl).toBe(url);
    expect(state.webhookUrl).toBe(`${url}?token=${emu.properties.scriptStore().get('WEBHOOK_TOKEN')}`);
  });
});

describe('health check', () => {
  test('red lines for what stops Carnet: template gone, SIRET missing, catch-up late, no e-mail left, no key', () => {
    const emu = install();
    type Line = { level: string; label: string; detail: string; fix: string };
    const templateId = String(emu.spreadsheet.values('Paramètres').find((r) => r[0] === 'Modèle de facture')?.[1]);
    emu.drive.record(templateId)!.trashed = true;
    emu.edit('Paramètres', `B${emu.spreadsheet.values('Paramètres').findIndex((r) => r[0] === 'SIRET') + 1}`, '');
    emu.properties.scriptStore().set('CARNET_LAST_BACKSTOP', String(START - 3 * 3600 * 1000));
    emu.mail.setDailyQuota(0);
    const lines = Object.fromEntries(ok(ui<Line[]>(emu, 'carnetUiHealth')).map((l) => [l.label, l]));
    expect(lines['Dossier et modèle de facture']).toMatchObject({
      level: 'error',
      detail: 'modèle de facture introuvable',
      fix: expect.stringContaining('Installer maintenant'),
    });
    expect(lines['Paramètres']).toMatchObject({ level: 'error', detail: 'à compléter : SIRET' });
    expect(lines['Rattrapage des paiements']).toMatchObject({ level: 'error', detail: expect.stringMatching(/en retard$/) });
    expect(lines['Quota d’e-mails']).toMatchObject({ level: 'error', detail: '0 e-mail(s) possible(s) aujourd’hui' });
    emu.properties.scriptStore().delete('STRIPE_SECRET_KEY');
    const noKey = Object.fromEntries(ok(ui<Line[]>(emu, 'carnetUiHealth')).map((l) => [l.label, l]));
    expect(noKey['Clé Stripe']).toMatchObject({ level: 'error', detail: 'absente', fix: 'Carnet > Configuration, étape 1.' });
  });

  test('green, orange and red lines, each with its fix, including the webhook endpoint in Stripe', () => {
    const emu = install();
    type Line = { level: string; label: string; detail: string; fix: string };
    const byLabel = (lines: Line[]) => Object.fromEntries(lines.map((l) => [l.label, l]));
    let lines = byLabel(ok(ui<Line[]>(emu, 'carnetUiHealth')));
    expect(lines['Clé Stripe']).toMatchObject({ level: 'ok', detail: 'valide, mode test', fix: '' });
    expect(lines['Webhook Stripe']).toMatchObject({ level: 'warning', fix: expect.stringContaining('Enregistrer le webhook') });
    expect(lines['Rattrapage des paiements']).toMatchObject({ level: 'warning', detail: expect.stringMatching(/^pas encore passé/) });
    expect(lines['Tâches automatiques']).toMatchObject({ level: 'ok' });
    expect(lines['Paramètres']).toMatchObject({ level: 'ok' });
    expect(lines['Onglets et colonnes']).toMatchObject({ level: 'ok' });

    ok(ui(emu, 'carnetUiRegisterWebhook'));
    emu.advance(10 * 60 * 1000);
    emu.edit('Clients', 'A1', 'Courriel');
    lines = byLabel(ok(ui<Line[]>(emu, 'carnetUiHealth')));
    expect(lines['Webhook Stripe']).toMatchObject({ level: 'ok', detail: expect.stringMatching(/^we_\w+, activé$/) });
    expect(lines['Rattrapage des paiements'].level).toBe('ok');
    expect(lines['Onglets et colonnes']).toMatchObject({ level: 'error', detail: expect.stringContaining('« E-mail » est introuvable') });

    // Disabled by Stripe (after days of "failed" deliveries): red, with the fix; the wizard enables it again.
    const endpoint = (emu.stripe.objects('webhook_endpoint') as Array<{ id: string }>)[0];
    emu.stripe.disableWebhookEndpoint(endpoint.id);
    lines = byLabel(ok(ui<Line[]>(emu, 'carnetUiHealth')));
    expect(lines['Webhook Stripe']).toMatchObject({
      level: 'error',
      detail: `${endpoint.id} désactivé par Stripe`,
      fix: expect.stringContaining('Mettre à jour le webhook'),
    });
    expect(ok(ui<{ message: string }>(emu, 'carnetUiRegisterWebhook')).message).toBe(`Webhook mis à jour dans Stripe (${endpoint.id}).`);
    expect((emu.stripe.object(endpoint.id) as { status: string }).status).toBe('enabled');
  });
});
