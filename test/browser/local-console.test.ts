// The local console and shop pages in a real Chromium: buy in the shop, watch the console show the
// payment, the invoice e-mail with its PDF, the Drive, the calendar; move the clock.
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../../local/server';
import { artifact, browserAndServer, type BrowserWorld } from './chromium';

// Code passed to page.waitForFunction runs in the page (the project's tsconfig has no DOM lib).
declare const document: { getElementById(id: string): { textContent: string | null } | null };

// A purchase renders an invoice PDF and sends mail in the emulator: seconds, not milliseconds.
jest.setTimeout(60_000);

let world: BrowserWorld;
let browser: Browser;
let server: LocalServer;
let page: Page;

beforeAll(async () => {
  world = await browserAndServer('console');
  ({ browser, server } = world);
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
});

afterAll(async () => {
  await world?.close();
});

test('the shop lists the products of the Produits tab and pays one; the answer names the events delivered to /exec', async () => {
  await page.goto(`${server.url}/shop`);
  await page.waitForSelector('#product option', { state: 'attached' });
  const options = await page.$$eval('#product option', (els) => els.map((e) => e.textContent ?? ''));
  expect(options).toEqual([expect.stringContaining('Pack 10 cours'), expect.stringContaining('Formation harmonie'), expect.stringContaining('Guide du piano')]);
  expect(options[0]).toContain('300,00');
  await page.fill('#email', 'alice@example.com');
  await page.fill('#name', 'Alice Dupont');
  await page.click('#pay button[type=submit]');
  await page.waitForSelector('#message.ok');
  expect(await page.textContent('#message')).toContain('checkout.session.completed → /exec 200');
  await page.waitForSelector('#payments button[data-refund]');
  await page.screenshot({ path: artifact('local-shop.png') });
});

test('a bad e-mail in the shop: the French message shows, nothing is paid', async () => {
  // The browser's own check lets "alice@exemple" through (no dot needed); the server refuses it.
  await page.fill('#email', 'alice@exemple');
  await page.click('#pay button[type=submit]');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toContain('Adresse e-mail invalide');
  expect(server.emulator.stripe.objects('charge')).toHaveLength(1);
});

test('the console shows the tabs as tables with the values as formatted in the sheet', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForSelector('.subnav a.active');
  expect(await page.textContent('.subnav a.active')).toContain('Paiements');
  const cells = await page.$$eval('.grid tbody tr:first-child td', (tds) => tds.map((td) => td.textContent ?? ''));
  expect(cells).toEqual(expect.arrayContaining(['alice@example.com', 'payé', expect.stringMatching(/^F-\d{4}-0001$/)]));
  expect(cells.some((c) => /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/.test(c))).toBe(true);
  await page.screenshot({ path: artifact('local-console.png') });
});

test('the mailbox shows the invoice e-mail, and its PDF opens in the browser', async () => {
  // The invoice is made by the documents run a minute after the payment: move the clock on.
  const shown = await page.textContent('#now');
  await page.click('button[data-step="1h"]');
  await page.waitForFunction((old) => document.getElementById('now')?.textContent !== old, shown);
  await page.click('nav a[data-view=outbox]');
  await page.waitForSelector('.mail');
  const mail = await page.textContent('.mail:last-child');
  expect(mail).toContain('alice@example.com');
  expect(mail).toMatch(/Facture F-\d{4}-0001/);
  const href = await page.getAttribute('.mail:last-child .att a', 'href');
  const pdf = await page.request.get(`${server.url}${href}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^inline/);
  await page.screenshot({ path: artifact('local-outbox.png') });
});

test('Drive lists the Carnet folder and the invoice PDF; the calendar lists bookings; the menu opens the setup', async () => {
  await page.click('nav a[data-view=drive]');
  await page.waitForSelector('main table');
  expect(await page.textContent('main')).toMatch(/\/Carnet\/Factures\/\d{4}\/Facture F-\d{4}-0001 - Alice Dupont\.pdf/);
  await fetch(`${server.url}/api/shop/book`, { method: 'POST', body: JSON.stringify({ email: 'alice@example.com', name: 'Alice Dupont' }) });
  await page.click('nav a[data-view=calendar]');
  await page.waitForSelector('main table');
  expect(await page.textContent('main')).toContain('alice@example.com');
  await page.click('nav a[data-view=menu]');
  const captions = await page.$$eval('.menu a', (as) => as.map((a) => a.textContent));
  expect(captions.length).toBeGreaterThan(0);
});

test('+1 jour moves the emulator clock shown in the header by a day', async () => {
  const before = server.emulator.rt.clock.now();
  const shown = await page.textContent('#now');
  await page.click('button[data-step="1d"]');
  await page.waitForFunction((old) => document.getElementById('now')?.textContent !== old, shown);
  expect(server.emulator.rt.clock.now() - before).toBeGreaterThanOrEqual(24 * 3600 * 1000);
});
