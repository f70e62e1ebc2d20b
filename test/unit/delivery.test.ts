import { firstName, tidyGreeting } from '../../src/domain/mailBody';
import { createHash } from 'node:crypto';
import {
  appendHistory,
  deliveryParagraphs,
  deliveryProblem,
  downloadExpiry,
  downloadVerdict,
  driveIdOf,
  fillTemplate,
  hexOf,
  parseRevokeTarget,
  readDownloadRecord,
  templateFaults,
  unknownPlaceholders,
  webSafe,
  type MailContext,
  type MailItem,
} from '../../src/domain/delivery';
import { COUNT_WORDS, MAIL_TEMPLATES } from '../../src/i18n/deliveryText';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456';
const NOW = new Date('2026-11-21T09:00:00Z');

describe('what a product needs to be delivered', () => {
  const product = (type: 'cours' | 'formation' | 'ebook', cells: Partial<{ accessLink: string; accessCode: string; file: string }> = {}) => ({
    type,
    accessLink: '',
    accessCode: '',
    file: '',
    ...cells,
  });

  test('an ebook needs a Drive file, a training a link, a code or a file; lessons nothing', () => {
    expect(deliveryProblem(product('cours'))).toBeNull();
    expect(deliveryProblem(product('ebook'))).toBe('ebookWithoutFile');
    expect(deliveryProblem(product('ebook', { file: ID }))).toBeNull();
    expect(deliveryProblem(product('ebook', { file: 'mon livre.pdf' }))).toBe('badFile');
    expect(deliveryProblem(product('formation'))).toBe('formationWithoutAccess');
    expect(deliveryProblem(product('formation', { accessCode: 'X' }))).toBeNull();
    expect(deliveryProblem(product('formation', { accessLink: 'https://x' }))).toBeNull();
    expect(deliveryProblem(product('formation', { file: ID }))).toBeNull();
    expect(deliveryProblem(product('formation', { accessCode: 'X', file: 'dossier' }))).toBe('badFile');
  });

  test.each([
    [ID, ID],
    [`  ${ID} `, ID],
    [`https://drive.google.com/file/d/${ID}/view?usp=sharing`, ID],
    [`https://drive.google.com/drive/folders/${ID}?usp=drive_link`, ID],
    [`https://drive.google.com/open?id=${ID}`, ID],
    [`https://docs.google.com/document/d/${ID}/edit`, ID],
    ['https://example.com/livre.pdf', null],
    ['livre.pdf', null],
    ['', null],
  ])('the Drive id in %j', (cell, id) => {
    expect(driveIdOf(cell)).toBe(id);
  });
});

describe('whether a download token opens its file', () => {
  const row = (cells: Record<string, unknown> = {}) => ({
    Téléchargements: 0,
    Limite: 5,
    'Expire le': new Date('2026-12-21T09:00:00Z'),
    Révoqué: '',
    ...cells,
  });

  test('valid until its expiry, for its number of downloads, unless revoked', () => {
    expect(downloadVerdict(readDownloadRecord(row()), NOW)).toBe('ok');
    expect(downloadVerdict(readDownloadRecord(row({ Téléchargements: 4 })), NOW)).toBe('ok');
    expect(downloadVerdict(readDownloadRecord(row({ Téléchargements: 5 })), NOW)).toBe('used');
    expect(downloadVerdict(readDownloadRecord(row()), new Date('2026-12-21T08:59:59Z'))).toBe('ok');
    expect(downloadVerdict(readDownloadRecord(row()), new Date('2026-12-21T09:00:00Z'))).toBe('expired');
    expect(downloadVerdict(readDownloadRecord(row({ Révoqué: new Date() })), NOW)).toBe('revoked');
    expect(downloadVerdict(readDownloadRecord(row({ Révoqué: 'oui' })), NOW)).toBe('revoked');
    expect(downloadVerdict(readDownloadRecord(row({ Révoqué: 'non' })), NOW)).toBe('ok');
    expect(downloadVerdict(null, NOW)).toBe('unknown');
  });

  test('revocation wins over everything; an empty limit or expiry means none', () => {
    expect(downloadVerdict(readDownloadRecord(row({ Révoqué: 'oui', Téléchargements: 9, 'Expire le': new Date(0) })), NOW)).toBe('revoked');
    expect(downloadVerdict(readDownloadRecord(row({ Limite: '', Téléchargements: 500 })), NOW)).toBe('ok');
    expect(downloadVerdict(readDownloadRecord(row({ 'Expire le': '' })), new Date('2099-01-01'))).toBe('ok');
    expect(readDownloadRecord(row({ Limite: '', 'Expire le': '' }))).toMatchObject({ limit: null, expiresAt: null, unreadable: false });
  });

  test('a cell the admin made unreadable closes the link rather than opening it by mistake', () => {
    for (const cells of [{ Limite: 'beaucoup' }, { Téléchargements: -1 }, { Téléchargements: 'deux' }, { 'Expire le': 'bientôt' }, { Limite: 2.5 }]) {
      expect(downloadVerdict(readDownloadRecord(row(cells)), NOW)).toBe('unknown');
    }
  });

  test('a link lasts exactly its number of days from its creation', () => {
    expect(downloadExpiry(NOW, 30).toISOString()).toBe('2026-12-21T09:00:00.000Z');
  });
});

describe('tokens and hashes', () => {
  test('signed digest bytes become the same hex as Node computes', () => {
    const digest = createHash('sha256').update('abc').digest();
    const signed = Array.from(digest, (b) => (b > 127 ? b - 256 : b));
    expect(hexOf(signed)).toBe(digest.toString('hex'));
  });

  test('base64 becomes URL-safe without padding: 32 bytes give 43 characters', () => {
    const b64 = Buffer.alloc(32, 0xfb).toString('base64');
    expect(b64).toMatch(/[+/]/);
    const safe = webSafe(b64);
    expect(safe).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(safe, 'base64url').equals(Buffer.alloc(32, 0xfb))).toBe(true);
  });

  test.each([
    ['a'.repeat(43), { kind: 'token', token: 'a'.repeat(43) }],
    [`https://script.google.com/macros/s/X/exec?d=${'b'.repeat(43)}`, { kind: 'token', token: 'b'.repeat(43) }],
    ['F'.repeat(64), { kind: 'hash', hash: 'f'.repeat(64) }],
    [7, { kind: 'row', row: 7 }],
    ['12', { kind: 'row', row: 12 }],
    [1, null],
    ['1', null],
    ['n’importe quoi', null],
    [null, null],
    [{ row: 2 }, null],
  ])('what the admin passed to revoke: %j', (input, target) => {
    expect(parseRevokeTarget(input)).toEqual(target);
  });

  test('the history keeps every line until it would grow past its cap, then drops the oldest', () => {
    let history = '';
    for (let i = 1; i <= 3; i++) history = appendHistory(history, `ligne ${i}`);
    expect(history).toBe('ligne 1\nligne 2\nligne 3');
    expect(appendHistory('a'.repeat(30) + '\n' + 'b'.repeat(30), 'c'.repeat(30), 70)).toBe(`${'b'.repeat(30)}\n${'c'.repeat(30)}`);
  });
});

describe('e-mail texts', () => {
  test('placeholders are filled once: values are inserted literally', () => {
    expect(fillTemplate('Bonjour {{nom}}, {{ nom }} !', { nom: 'Zoé $& {{numero}} \\1' })).toBe('Bonjour Zoé $& {{numero}} \\1, Zoé $& {{numero}} \\1 !');
    expect(fillTemplate('{{inconnu}} reste', {})).toBe('{{inconnu}} reste');
  });

  test('unknown placeholders are found; the common ones are allowed everywhere', () => {
    expect(unknownPlaceholders('{{credits}} {{solde}} {{nom}} {{email}} {{entreprise}}', ['credits', 'solde'])).toEqual([]);
    expect(unknownPlaceholders('{{prenom}} {{credit}} {{prenom}} {{ville}}', ['credits'])).toEqual(['credit', 'ville']);
  });

  test('an admin text that would reach the client with braces in it is caught: unknown fields and malformed ones', () => {
    expect(templateFaults('Bonjour {{prenom}}, facture {{ numero }}', ['numero'])).toEqual([]);
    expect(templateFaults('Facture {{numéro}} de {{montant} pour {nom}} {{credit}}', ['numero', 'montant'])).toEqual([
      '{{credit}}',
      '{{numéro}}',
      '{{montant}',
      '{nom}}',
    ]);
    expect(templateFaults('Votre {{solde', ['solde'])).toEqual(['{{solde']);
  });

  test('every default text uses only its own placeholders, in French and in English', () => {
    for (const [key, spec] of Object.entries(MAIL_TEMPLATES)) {
      expect({ key, fr: unknownPlaceholders(spec.fr, spec.vars), en: unknownPlaceholders(spec.en, spec.vars) }).toEqual({ key, fr: [], en: [] });
    }
  });
});

describe('what the client reads for each item', () => {
  const ctx: MailContext = {
    t: (key, vars = {}) =>
      fillTemplate((MAIL_TEMPLATES as Record<string, { fr: string }>)[key].fr, { nom: 'Alice', entreprise: 'Claire', email: 'alice@example.com', ...vars }),
    formatDay: (iso) => `le ${iso}`,
    words: COUNT_WORDS.fr,
    defaultBookingLink: 'https://defaut',
    cancellationHours: 24,
    lateCancellationRefunded: false,
    email: 'alice@example.com',
  };
  const lesson = (credits: number, extra: Partial<MailItem> = {}): MailItem => ({
    type: 'cours',
    name: 'Pack',
    credits,
    expires: null,
    bookingLink: '',
    balanceAfter: credits,
    ...extra,
  });

  test('lessons: one summary of the credits, the earliest expiry, the first booking link, the cancellation rule', () => {
    const out = deliveryParagraphs(
      [lesson(5, { expires: '2027-03-01', bookingLink: 'https://a' }), lesson(10, { expires: '2027-02-01', balanceAfter: 15 })],
      ctx,
    );
    expect(out).toEqual([
      { text: 'Votre compte est crédité de 15 crédits de cours ; votre solde est de 15 crédits.' },
      { text: 'Vos crédits sont valables jusqu’au le 2027-02-01.' },
      { text: 'Réservez vos cours ici :', link: 'https://a' },
      { text: 'Réservez avec la même adresse e-mail que pour ce paiement (alice@example.com) : c’est elle qui relie vos réservations à vos crédits.' },
      {
        text: 'Pour annuler ou déplacer un cours, utilisez le lien de l’e-mail de confirmation de la réservation. Annulé au moins 24 h avant son début, le cours vous est recrédité ; plus tard, il est dû.',
      },
    ]);
    expect(deliveryParagraphs([lesson(1)], ctx).slice(0, 2)).toEqual([
      { text: 'Votre compte est crédité de 1 crédit de cours ; votre solde est de 1 crédit.' },
      { text: 'Réservez vos cours ici :', link: 'https://defaut' },
    ]);
    expect(deliveryParagraphs([lesson(1)], { ...ctx, lateCancellationRefunded: true }).at(-1)?.text).toMatch(
      /votre crédit vous est rendu, même pour une annulation tardive\.$/,
    );
  });

  test('a training: its link, its code, the shared file; or a promise when there is nothing yet', () => {
    const training: MailItem = {
      type: 'formation',
      name: 'Harmonie',
      credits: 0,
      expires: null,
      bookingLink: '',
      balanceAfter: 0,
      accessLink: 'https://f',
      accessCode: 'SOL',
      shared: { name: 'Supports', url: 'https://drive/x' },
    };
    expect(deliveryParagraphs([training], ctx)).toEqual([
      { text: 'Formation « Harmonie » : voici votre accès.', link: 'https://f' },
      { text: 'Code d’accès : SOL' },
      { text: '« Supports » est partagé avec votre adresse alice@example.com :', link: 'https://drive/x' },
      {
        text: 'Ouvrez ce lien en étant connecté à Google avec l’adresse alice@example.com. Si ce n’est pas encore un compte Google, Google vous a envoyé une invitation : créez gratuitement un compte Google avec cette même adresse (sans créer d’adresse Gmail), puis rouvrez le lien :',
        link: 'https://accounts.google.com/signupwithoutgmail',
      },
    ]);
    expect(deliveryParagraphs([{ ...training, accessLink: '', accessCode: '', shared: null }], ctx)).toEqual([
      { text: 'Formation « Harmonie » : vos accès vous seront envoyés séparément.' },
    ]);
  });

  test('an ebook: its personal link with its end and its number of downloads; nothing about lessons', () => {
    const ebook: MailItem = {
      type: 'ebook',
      name: 'Guide',
      credits: 0,
      expires: null,
      bookingLink: '',
      balanceAfter: 0,
      download: { url: 'https://exec?d=T', until: '21 décembre 2026 à 10:00', limit: 5 },
    };
    expect(deliveryParagraphs([ebook], ctx)).toEqual([
      {
        text: 'Livre numérique « Guide » : votre lien de téléchargement personnel, valable jusqu’au 21 décembre 2026 à 10:00 pour 5 téléchargements. Ne le transmettez pas.',
        link: 'https://exec?d=T',
      },
    ]);
  });

  test('a mixed purchase: lessons, then trainings, then ebooks, whatever the order of the lines', () => {
    const ebook: MailItem = {
      type: 'ebook',
      name: 'Guide',
      credits: 0,
      expires: null,
      bookingLink: '',
      balanceAfter: 0,
      download: { url: 'https://e', until: null, limit: null },
    };
    const training: MailItem = { type: 'formation', name: 'Harmonie', credits: 0, expires: null, bookingLink: '', balanceAfter: 0, accessCode: 'SOL' };
    const texts = deliveryParagraphs([ebook, training, lesson(3)], ctx).map((p) => p.text);
    expect(texts[0]).toMatch(/^Votre compte est crédité de 3 crédits de cours/);
    expect(texts.findIndex((t) => t.startsWith('Formation'))).toBeLessThan(texts.findIndex((t) => t.startsWith('Livre')));
  });
});

describe('greeting', () => {
  test('by first name when known; no dangling space when it is not', () => {
    expect(firstName('Alice Dupont')).toBe('Alice');
    expect(firstName('  Jean-Luc   Martin ')).toBe('Jean-Luc');
    expect(firstName('alice@example.com')).toBe('');
    expect(firstName('')).toBe('');
    expect(tidyGreeting('Bonjour ,')).toBe('Bonjour,');
    expect(tidyGreeting('Hello ,')).toBe('Hello,');
    expect(tidyGreeting('Bonjour  !')).toBe('Bonjour !');
    expect(tidyGreeting('Bonjour Carla !')).toBe('Bonjour Carla !');
  });
});
