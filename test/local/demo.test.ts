// `npm run demo` replays its business week and its outcome is what the week should leave.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoSummary } from '../../local/demo';

let dir: string;
let summary: DemoSummary;
const printed: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carnet-demo-'));
  summary = await runDemo({ dir, print: (line) => printed.push(line) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('three purchases, three invoices numbered in order, one credit note for the refund', () => {
  expect(summary.payments).toBe(3);
  expect(summary.paidTotal).toBe(300 + 240 + 19);
  expect(summary.invoices).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
  expect(summary.creditNotes).toEqual(['A-2026-0001']);
});

test('no event failed', () => {
  expect(summary.failedEvents).toEqual([]);
  expect(summary.perEvent.count).toBeGreaterThanOrEqual(6);
});

test('bookings: two kept, one late cancellation (credit kept), one without credit; 7 credits left', () => {
  expect(summary.bookings).toEqual({ réservé: 2, 'annulation tardive': 1, 'sans crédit': 1 });
  expect(summary.creditsOutstanding).toBe(7);
});

test('the ebook downloaded twice; the ignored payment request reminded once, then expired', () => {
  expect(summary.downloads).toBe(2);
  expect(summary.paymentRequest).toBe('expiré, 1 relance(s)');
});

test('every invoice and credit note is written as a PDF under the demo folder', () => {
  for (const n of [...summary.invoices, ...summary.creditNotes]) {
    const name = summary.pdfs.find((p) => p.includes(n));
    expect(name).toBeDefined();
    const file = join(dir, 'pdf', String(name));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  }
});

test('the printout has the tabs, the e-mails and the summary', () => {
  const text = printed.join('\n');
  expect(text).toMatch(/## Factures \(4 lignes\)/);
  expect(text).toMatch(/## E-mails envoyés \(\d+\)/);
  expect(text).toContain('Rappel : votre commande auprès de Claire Martin');
  expect(text).toMatch(/Événements en échec\s+aucun/);
  expect(summary.emails).toBeGreaterThanOrEqual(12);
});
