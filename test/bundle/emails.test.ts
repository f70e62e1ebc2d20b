// Every e-mail a client can receive, rendered through the real flows in both languages: in English not a
// French word (the PDF attached keeps its French legal mentions, which the law requires), each one in
// HTML with its plain-text alternative, signed with the business's name, with no "{{…}}" left.
import type { Emulator } from '../../emulator/src';
import type { SentMail } from '../../emulator/src/mail';
import { addRow, install, setSetting, deliverAndSettle } from './harness';

const HOUR = 60 * 60 * 1000;
/** Tuesday 24 November 2026, 10:00 in Paris. */
const TUESDAY_10H = Date.UTC(2026, 10, 24, 9);
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

/** Words and signs that only French text has (names and links here are language-neutral). */
const FRENCH =
  /[éèêàçùûôîœ«»]|\b(le|la|les|des|du|une?|vous|votre|vos|est|sont|avec|pour|sur|crédits?|facture|avoir|cours|bonjour|merci|réserv\w*|annul\w*|remboursement)\b/i;

function price(emu: Emulator, code: string, name: string, type: 'cours' | 'formation' | 'ebook', cents: number, cells: Record<string, unknown> = {}): string {
  const product = emu.stripe.createProduct({ name });
  const p = emu.stripe.createPrice({ product: String(product.id), unitAmount: cents });
  addRow(emu, 'Produits', { Code: code, Nom: name, Type: type, 'Prix TTC': cents / 100, Stripe: String(p.id), ...cells });
  return String(p.id);
}

/** A purchase of everything, bookings (kept, cancelled early, cancelled late, down to 0), a refund, a payment request. */
function everyClientMail(locale: 'fr' | 'en'): SentMail[] {
  const emu = install({ settings: { Langue: locale, 'Nom commercial': 'Piano Studio', "Lien d'achat de crédits": 'https://buy.stripe.com/x' } });
  const lessons = price(emu, 'PACK3', 'Piano pack (3 x 1 h)', 'cours', 9000, {
    Crédits: 3,
    'Validité (jours)': 60,
    'Lien de réservation': 'https://calendar.app.google/piano',
  });
  const training = price(emu, 'HARMONY', 'Harmony online', 'formation', 12000, {
    "Lien d'accès": 'https://training.example.com/harmony',
    "Code d'accès": 'SOL',
  });
  const ebook = price(emu, 'GUIDE', 'Piano guide', 'ebook', 1900, {
    Fichier: emu.drive.seedFile('Piano guide.pdf', new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n')), 'application/pdf'),
  });
  const paid = emu.stripe.pay({
    lineItems: [
      { price: lessons, quantity: 1 },
      { price: training, quantity: 1 },
      { price: ebook, quantity: 1 },
    ],
    email: ALICE,
    name: 'Alice Smith',
  });
  deliverAndSettle(emu, String(paid.event.id));
  // Bookings: one kept, one cancelled early, one cancelled late, then the last credits.
  const book = (at: number) =>
    emu.calendar.book({
      title: 'Piano (Piano Studio)',
      start: new Date(at),
      end: new Date(at + HOUR),
      attendees: [{ email: ALICE, displayName: 'Alice Smith' }],
    });
  const first = String(book(TUESDAY_10H).id);
  const second = String(book(TUESDAY_10H + 24 * HOUR).id);
  emu.advance(1000);
  emu.calendar.cancel('primary', second);
  emu.advance(1000);
  emu.calendar.move('primary', first, new Date(TUESDAY_10H + 48 * HOUR), new Date(TUESDAY_10H + 49 * HOUR));
  emu.advance(1000);
  book(TUESDAY_10H + 72 * HOUR);
  book(TUESDAY_10H + 96 * HOUR);
  emu.advance(1000);
  book(TUESDAY_10H + 120 * HOUR);
  emu.advance(1000);
  deliverAndSettle(emu, String(emu.stripe.refund(String(paid.session.payment_intent), 1900).event.id));
  // Bob: a booking cancelled 2 hours before it starts (late), then credits close to their expiry.
  deliverAndSettle(emu, String(emu.stripe.pay({ lineItems: [{ price: lessons, quantity: 1 }], email: BOB, name: 'Bob Jones' }).event.id));
  const lateStart = TUESDAY_10H + 14 * 24 * HOUR;
  const late = emu.calendar.book({
    title: 'Piano (Piano Studio)',
    start: new Date(lateStart),
    end: new Date(lateStart + HOUR),
    attendees: [{ email: BOB, displayName: 'Bob Jones' }],
  });
  emu.advance(1000);
  emu.advance(lateStart - 2 * HOUR - emu.rt.clock.now());
  emu.calendar.cancel('primary', String(late.id));
  emu.advance(1000);
  // A payment request, its reminder and its expiry.
  setSetting(emu, 'Relance après (heures)', 1);
  emu.run('carnetCreatePaymentRequest', [{ email: BOB, name: 'Bob Jones', items: [{ code: 'PACK3', quantity: 1 }], requestId: 'r1' }]);
  for (let i = 0; i < 16; i++) emu.advance(10 * 60 * 1000);
  emu.advance(24 * HOUR);
  // 60-day credits: the warning 7 days before they expire.
  emu.advance(50 * 24 * HOUR);
  return emu.mail.outbox().filter((m) => m.to.includes(ALICE) || m.to.includes(BOB));
}

describe('client e-mails', () => {
  const english = everyClientMail('en');
  const french = everyClientMail('fr');

  test('the flows send every kind of client e-mail, in both languages alike', () => {
    const kinds = (mails: SentMail[]) => mails.map((m) => m.subject.replace(/[\d:]+|F-\d+-\d+|A-\d+-\d+/g, '#'));
    expect(english.length).toBeGreaterThanOrEqual(9);
    expect(english).toHaveLength(french.length);
    // Invoice, booked, cancelled, moved, low and no credit, credit note, late cancellation, payment link, reminder, expired link, expiry warning.
    const all = kinds(english).join('\n');
    expect(all).toMatch(
      /Invoice[\s\S]*Lesson booked[\s\S]*Lesson cancelled[\s\S]*Lesson moved[\s\S]*no lesson credit left[\s\S]*Credit note[\s\S]*Lesson cancelled[\s\S]*payment link/i,
    );
    expect(all).toMatch(/credits? expires? on/);
    expect(english.map((m) => m.body).join('\n')).toMatch(/cancelled less than 24 hours before it started/);
    expect(new Set(kinds(french)).size).toBe(new Set(kinds(english)).size);
  });

  test('in English, not a French word in any subject or body, text or HTML', () => {
    const french = english
      .map((m) => ({ subject: m.subject, line: `${m.subject}\n${m.body}`.split('\n').find((l) => FRENCH.test(l)) }))
      .filter((m) => m.line !== undefined);
    expect(french).toEqual([]);
  });

  test('the French ones are French (the detector is not blind)', () => {
    for (const m of french) expect(`${m.subject}\n${m.body}`).toMatch(FRENCH);
  });

  test('every one: HTML with a plain-text alternative, sent in the business’s name, no placeholder left', () => {
    for (const m of [...english, ...french]) {
      expect({ subject: m.subject, html: !!m.htmlBody, text: m.body.length > 0, name: m.name }).toEqual({
        subject: m.subject,
        html: true,
        text: true,
        name: 'Piano Studio',
      });
      expect(`${m.subject}${m.body}${m.htmlBody}`).not.toMatch(/\{\{|\}\}/);
      expect(m.htmlBody).toContain('max-width:560px');
    }
  });
});
