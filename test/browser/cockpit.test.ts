// The admin's cockpit in a real Chromium: the local server (local/server.ts) runs the built bundle
// on the emulator and serves the sidebar and the wizard the menu functions show, with a
// google.script.run bridge to the bundle. The admin opens the dashboard, requests a payment, adjusts
// credits, meets validation errors, refunds a payment, runs the wizard and the health check.
// Screenshots go to test-artifacts/ (git-ignored) for a person to look at.
import type { Browser, Frame, Page } from 'playwright-core';
import type { LocalServer } from '../../local/server';
import { artifact, browserAndServer, type BrowserWorld } from './chromium';

// Code passed to frame.waitForFunction runs in the page (the project's tsconfig has no DOM lib).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

let world: BrowserWorld;
let browser: Browser;
let server: LocalServer;
let session: string;

beforeAll(async () => {
  world = await browserAndServer('cockpit');
  ({ browser, server } = world);
  const emu = server.emulator;
  // Alice bought the example lesson pack (10 credits, 300 €).
  const pack = emu.spreadsheet.records('Produits').find((p) => p['Code'] === 'PACK10') as Record<string, unknown>;
  const { event, session: paid } = emu.stripe.pay({
    lineItems: [{ price: String(pack['Stripe']), quantity: 1 }],
    email: 'alice@example.com',
    name: 'Alice Dupont',
  });
  emu.deliverWebhook(String(event.id));
  session = String(paid.id);
});

afterAll(async () => {
  await world?.close();
});

/** Opens a menu entry as in Sheets (the sidebar or dialog beside a sheet) and returns the page and the frame of the HtmlService page. */
async function openMenu(fn: string, height = 900): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage({ viewport: { width: 1000, height } });
  await page.goto(`${server.url}/ui/${fn}?frame=1`);
  const frame = (await (await page.waitForSelector('iframe[name=ui]')).contentFrame()) as Frame;
  await frame.waitForSelector('h1');
  return { page, frame };
}

function records(tab: string): Array<Record<string, unknown>> {
  return server.emulator.spreadsheet.records(tab);
}

test('a payment request from the form: the client is suggested from Clients, the result is shown, the sheet has the request', async () => {
  const { page, frame } = await openMenu('carnetMenuRequest');
  await frame.waitForSelector('form');
  expect(await frame.$$eval('datalist option', (els) => els.map((e) => e.getAttribute('value')))).toEqual(['alice@example.com']);
  await frame.fill('input[name=email]', 'bob@example.com');
  await frame.fill('input[name=name]', 'Bob Martin');
  await frame.selectOption('select[name=product]', 'PACK10');
  await frame.click('button[type=submit]');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toContain('Demande envoyée à bob@example.com.');
  expect(records('Paiements').find((p) => p['E-mail'] === 'bob@example.com')).toMatchObject({ Statut: 'en attente', Montant: 300 });
  await page.locator('aside').screenshot({ path: artifact('cockpit-request.png') });
  await page.close();
});

test('the dashboard opens in the 300 px sidebar, in French: to-do first, then the figures and the bar chart', async () => {
  // A payment for a product the sheet does not know: its event fails and waits for the admin.
  const emu = server.emulator;
  const stray = emu.stripe.createProduct({ name: 'Stage d’été' });
  const price = emu.stripe.createPrice({ product: String(stray.id), unitAmount: 12000 });
  const { event } = emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'chloe@example.com' });
  emu.deliverWebhook(String(event.id));
  const { page, frame } = await openMenu('carnetMenuDashboard', 1250);
  await frame.waitForSelector('.figures');
  const todo = await frame.$$eval('.todo li', (els) => els.map((e) => e.textContent ?? ''));
  expect(todo).toEqual([expect.stringContaining('Produit inconnu'), expect.stringContaining('Demande de 300,00\u00a0€ à bob@example.com')]);
  expect(todo[0]).toContain('Réessayer');
  // The sidebar down to the end of its content (the README shows this one, as docs/sidebar.png).
  const aside = (await page.locator('aside').boundingBox())!;
  const content: number = await frame.evaluate(() => document.body.scrollHeight);
  const frameTop = (await (await page.$('iframe[name=ui]'))!.boundingBox())!.y;
  await page.screenshot({
    path: artifact('cockpit-dashboard.png'),
    clip: { x: aside.x, y: aside.y, width: aside.width, height: Math.min(aside.height, frameTop - aside.y + content + 8) },
  });
  // Retrying while the product is still unknown: the same reason, said again in red.
  await frame.click('.todo li.event button');
  await frame.waitForSelector('.todo li.event .error');
  expect(await frame.textContent('.todo li.event .error')).toMatch(/^L’événement evt_\w+ est toujours en échec : Produit inconnu/);
  const box = await (await page.$('iframe[name=ui]'))!.boundingBox();
  expect(box?.width).toBe(300);
  expect(await frame.textContent('h1')).toBe('Tableau de bord');
  const headings = await frame.$$eval('h2', (els) => els.map((e) => e.textContent));
  expect(headings).toEqual(['À faire', 'Chiffres', 'Actions']);
  expect(await frame.textContent('.figures')).toContain('300,00\u00a0€');
  expect(await frame.textContent('.figures')).toContain('Crédits restants');
  expect(await frame.$$('svg.chart rect')).toHaveLength(12);
  await page.close();
});

test('credit adjustment: validation errors in French (page and server), then one ledger row', async () => {
  const { page, frame } = await openMenu('carnetMenuAdjust');
  await frame.waitForSelector('form');
  const ledgerBefore = records('Crédits').length;
  // The page refuses a missing reason without calling the server.
  await frame.fill('input[name=email]', 'alice@example.com');
  expect(await frame.textContent('form')).toContain('Solde actuel : 10');
  await frame.fill('input[name=delta]', '2');
  await frame.click('button[type=submit]');
  expect(await (await frame.waitForSelector('.error')).textContent()).toBe('Le motif est obligatoire.');
  // The server refuses a balance below zero.
  await frame.fill('input[name=delta]', '-50');
  await frame.fill('textarea[name=reason]', 'Erreur de saisie');
  await frame.click('button[type=submit]');
  await frame.waitForFunction(() => document.querySelector('.error')?.textContent?.startsWith('Impossible'));
  expect(await frame.textContent('.error')).toBe('Impossible : alice@example.com a 10 crédit(s), en retirer 50 rendrait son solde négatif.');
  await page.locator('aside').screenshot({ path: artifact('cockpit-validation.png') });
  expect(records('Crédits')).toHaveLength(ledgerBefore);
  // Then a good one.
  await frame.fill('input[name=delta]', '+2');
  await frame.fill('textarea[name=reason]', 'Cours offert');
  await frame.click('button[type=submit]');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toBe('+2 crédit(s) pour alice@example.com : nouveau solde 12.');
  expect(records('Crédits').at(-1)).toMatchObject({ Variation: 2, Solde: 12, Motif: 'ajustement manuel : Cours offert (prof@example.com)' });
  await page.close();
});

test('refund: a double click makes one Stripe refund; the credit note follows Stripe’s event', async () => {
  const { page, frame } = await openMenu('carnetMenuRefund');
  await frame.waitForSelector('form');
  await frame.selectOption('select[name=payment]', session);
  await frame.fill('input[name=amount]', '50');
  await frame.dblclick('button[type=submit]');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toMatch(/^Remboursement de 50,00\u00a0€ demandé à Stripe/);
  expect(server.emulator.stripe.objects('refund')).toHaveLength(1);
  await page.locator('aside').screenshot({ path: artifact('cockpit-refund.png') });
  const refunded = server.emulator.stripe.events().find((e) => e.type === 'charge.refunded') as { id: string };
  server.emulator.deliverWebhook(refunded.id);
  expect(records('Factures').map((f) => f['Type'])).toEqual(['Facture', 'Avoir']);
  await page.close();
});

test('the setup wizard: a refused key, the business saved, setup run, the webhook registered in Stripe', async () => {
  const { page, frame } = await openMenu('carnetMenuWizard', 760);
  await frame.waitForSelector('[data-testid=masked-key]');
  expect(await frame.textContent('[data-testid=masked-key]')).toMatch(/^sk_test_••••\w{4} — mode test/);
  await frame.fill('input[name=key]', 'sk_test_inconnue');
  await frame.click('text=Vérifier et enregistrer');
  expect(await (await frame.waitForSelector('.error')).textContent()).toMatch(/^Stripe refuse cette clé : Invalid API Key provided/);
  await page.screenshot({ path: artifact('cockpit-wizard-key.png') });

  await frame.click('text=Suivant');
  await frame.fill('input[name=businessName]', 'Claire Martin Musique');
  await frame.click('text=Enregistrer');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toBe('Enregistré : Nom commercial.');
  expect(server.emulator.spreadsheet.values('Paramètres').find((r) => r[0] === 'Nom commercial')?.[1]).toBe('Claire Martin Musique');
  await page.screenshot({ path: artifact('cockpit-wizard-business.png') });

  await frame.click('text=Suivant');
  await frame.click('text=Suivant');
  await frame.click('text=Installer maintenant');
  await frame.waitForSelector('ul.small li');
  expect(await frame.textContent('ul.small')).toContain('Tous les onglets sont présents.');

  await frame.click('text=Suivant');
  expect(await frame.inputValue('input[name=webhook-url]')).toMatch(/\/exec\?token=\w+$/);
  expect(await frame.textContent('.small.muted')).toContain('302');
  await frame.click('text=Enregistrer le webhook dans Stripe');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toMatch(/^Webhook enregistré dans Stripe \(we_/);
  expect(await frame.textContent('[data-testid=endpoint-status]')).toMatch(/^we_\w+ — activé$/);
  expect(server.emulator.stripe.objects('webhook_endpoint')).toHaveLength(1);
  await page.screenshot({ path: artifact('cockpit-wizard-webhook.png') });
  await page.close();
});

test('the health check: one coloured line per check, each problem with its fix', async () => {
  const { page, frame } = await openMenu('carnetMenuHealth');
  await frame.waitForSelector('ul.health li');
  const lines = await frame.$$eval('ul.health li', (els) => els.map((e) => ({ level: e.getAttribute('data-level'), text: e.textContent })));
  expect(lines.find((l) => l.text?.startsWith('Clé Stripe'))).toMatchObject({ level: 'ok' });
  expect(lines.find((l) => l.text?.startsWith('Webhook Stripe'))).toMatchObject({ level: 'ok' });
  expect(lines.find((l) => l.text?.startsWith('Rattrapage des paiements'))?.text).toContain('Carnet > Configuration');
  expect(lines.length).toBeGreaterThanOrEqual(8);
  await page.locator('aside').screenshot({ path: artifact('cockpit-health.png') });
  await page.close();
});

test('a payment request with a free amount: a wrong amount is refused in French before anything is sent, then the request holds the product and the free line', async () => {
  const { page, frame } = await openMenu('carnetMenuRequest');
  await frame.waitForSelector('form');
  await frame.fill('input[name=email]', 'dan@example.com');
  await frame.selectOption('select[name=product]', 'PACK10');
  await frame.click('text=+ Montant libre');
  await frame.fill('input[name=freeLabel]', 'Cours particulier du 3 décembre');
  await frame.fill('input[name=freeAmount]', '0,20');
  await frame.click('button[type=submit]');
  expect(await (await frame.waitForSelector('.error')).textContent()).toBe('Montant libre : indiquez un montant en euros de 0,50 € à 10 000 € (ex. 45,00).');
  expect(records('Paiements').find((p) => p['E-mail'] === 'dan@example.com')).toBeUndefined();
  await frame.fill('input[name=freeAmount]', '45,00');
  await frame.click('button[type=submit]');
  await frame.waitForSelector('.result');
  expect(await frame.textContent('.result')).toContain('Demande envoyée à dan@example.com.');
  expect(records('Paiements').find((p) => p['E-mail'] === 'dan@example.com')).toMatchObject({
    Statut: 'en attente',
    Montant: 345,
    Produits: '1 × Pack 10 cours, 1 × Cours particulier du 3 décembre',
  });
  await page.locator('aside').screenshot({ path: artifact('cockpit-request-free-amount.png') });
  await page.close();
});
