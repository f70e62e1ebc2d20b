// Delivering what was bought, on the built bundle: what the client reads in the invoice e-mail for each
// product type, what the personal ebook link gives (and stops giving), what Drive shares, and the
// texts the teacher edits in the `Modèles` tab.
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import type { Emulator } from '../../emulator/src';
import type { SentMail } from '../../emulator/src/mail';
import { addLessonPack, addRow, install, journal, records, runBackstop, openWebApp, deliverAndSettle } from './harness';
import { allValues, jumpTo, plain } from './invoices-helpers';

const ALICE = 'alice@example.com';
const WEB_APP = 'https://script.google.com/macros/s/carnet-emulated-deployment/exec';
const DAY = 24 * 60 * 60 * 1000;

interface ProductCells {
  Code: string;
  Nom: string;
  Type: 'cours' | 'formation' | 'ebook';
  cents: number;
  Crédits?: number;
  'Validité (jours)'?: number;
  'Lien de réservation'?: string;
  "Lien d'accès"?: string;
  "Code d'accès"?: string;
  Fichier?: string;
}

/** A `Produits` row sold through its own Stripe Price. */
function addProduct(emu: Emulator, row: ProductCells): string {
  const product = emu.stripe.createProduct({ name: row.Nom });
  const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: row.cents });
  const { cents, ...cells } = row;
  addRow(emu, 'Produits', { ...cells, 'Prix TTC': cents / 100, Stripe: String(price.id) });
  return String(price.id);
}

/** The ebook's master file, private in the teacher's Drive. */
function seedEbook(emu: Emulator, name = 'Guide du piano.pdf', bytes = pdfBytes(3000)): string {
  return emu.drive.seedFile(name, bytes, 'application/pdf');
}

function pdfBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(Buffer.from('%PDF-1.7\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

function buy(emu: Emulator, prices: string[], customer: { email?: string; name?: string } = {}) {
  const outcome = emu.stripe.pay({
    lineItems: prices.map((price) => ({ price, quantity: 1 })),
    email: customer.email ?? ALICE,
    name: customer.name ?? 'Alice Dupont',
  });
  deliverAndSettle(emu, String(outcome.event.id));
  return outcome;
}

function onlyMailTo(emu: Emulator, email = ALICE): SentMail {
  const mails = emu.mail.sentTo(email);
  expect(mails).toHaveLength(1);
  return mails[0];
}

/** The personal links in an e-mail. */
function downloadLinks(mail: SentMail): string[] {
  return [...mail.body.matchAll(/https:\/\/script\.google\.com\/macros\/s\/[^\s?]+\/exec\?d=([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function downloadRows(emu: Emulator): Array<Record<string, unknown>> {
  return records(emu, 'Téléchargements');
}

interface Saved {
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * Opens the download page as a browser would: runs its script against a minimal DOM and returns what
 * the browser was asked to save (the <a download> click), or null when the page is a refusal.
 */
async function download(emu: Emulator, token: string): Promise<{ saved: Saved | null; page: string }> {
  const page = emu.get({ d: token }).content;
  const json = /<script type="application\/json" id="carnet-file">([\s\S]*?)<\/script>/.exec(page);
  if (!json) return { saved: null, page };
  const code = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  const clicks: Array<{ href: string; download: string }> = [];
  const blobs = new Map<string, Blob>();
  const elements: Record<string, unknown> = { 'carnet-file': { textContent: json[1] }, 'carnet-save': { addEventListener: () => undefined } };
  const document = {
    getElementById: (id: string) => elements[id],
    createElement: () => {
      const a = { href: '', download: '', click: () => clicks.push({ href: a.href, download: a.download }) };
      return a;
    },
    body: { appendChild: () => undefined, removeChild: () => undefined },
  };
  const URL = {
    createObjectURL: (blob: Blob) => {
      const url = `blob:${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
  };
  runInNewContext(code, { document, URL, Blob, atob, Uint8Array });
  expect(clicks).toHaveLength(1);
  const blob = blobs.get(clicks[0].href) as Blob;
  return { saved: { name: clicks[0].download, type: blob.type, bytes: Buffer.from(await blob.arrayBuffer()) }, page };
}

/** The page every refused token gets: the same, whatever the reason. */
function refusalPage(emu: Emulator): string {
  return emu.get({ d: 'x'.repeat(43) }).content;
}

describe('lesson packs', () => {
  test('the e-mail gives the credits, the new balance, their expiry, the booking link and the cancellation rule', () => {
    const emu = install({ settings: { "Délai d'annulation (heures)": 48 } });
    const { price } = addLessonPack(emu, 'PACK5', 5, 15000, { 'Validité (jours)': 90 });
    buy(emu, [price]);
    const mail = onlyMailTo(emu);
    expect(mail.body).toContain('Votre compte est crédité de 5 crédits de cours ; votre solde est de 5 crédits.');
    expect(mail.body).toContain('Vos crédits sont valables jusqu’au 19 février 2027.');
    expect(mail.body).toContain('Réservez vos cours ici :\nhttps://calendar.app.google/reserver');
    expect(mail.body).toContain(
      'Pour annuler ou déplacer un cours, utilisez le lien de l’e-mail de confirmation de la réservation. Annulé au moins 48 h avant son début, le cours vous est recrédité ; plus tard, il est dû.',
    );
    expect(mail.body).not.toMatch(/Formation|Livre numérique|exec\?d=/);
  });

  test('a product without its own booking link gives the default one of Paramètres', () => {
    const emu = install({ settings: { 'Lien de réservation par défaut': 'https://calendar.app.google/defaut' } });
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000, { 'Lien de réservation': '' });
    buy(emu, [price]);
    expect(onlyMailTo(emu).body).toContain('Réservez vos cours ici :\nhttps://calendar.app.google/defaut');
    expect(onlyMailTo(emu).body).toContain('Annulé au moins 24 h avant son début, le cours vous est recrédité ; plus tard, il est dû.');
  });
});

describe('trainings', () => {
  test('the e-mail gives the access link and code; the Drive folder is shared with the client only; no booking', () => {
    const emu = install();
    const folder = emu.drive.seedFolder('Formation harmonie — supports');
    const price = addProduct(emu, {
      Code: 'HARMO',
      Nom: 'Formation harmonie',
      Type: 'formation',
      cents: 24000,
      "Lien d'accès": 'https://formation.example.fr/harmonie',
      "Code d'accès": 'DO-RE-MI-42',
      Fichier: `https://drive.google.com/drive/folders/${folder}?usp=sharing`,
    });
    buy(emu, [price]);

    const mail = onlyMailTo(emu);
    expect(mail.body).toContain('Formation « Formation harmonie » : voici votre accès.\nhttps://formation.example.fr/harmonie');
    expect(mail.body).toContain('Code d’accès : DO-RE-MI-42');
    expect(mail.body).toContain(
      `« Formation harmonie — supports » est partagé avec votre adresse ${ALICE} :\nhttps://drive.google.com/drive/folders/${folder}`,
    );
    expect(mail.body).not.toMatch(/crédit|Réservez|annuler/);
    expect(mail.htmlBody).toContain('<a href="https://formation.example.fr/harmonie">');
    expect(emu.drive.file(folder)).toMatchObject({ viewers: [ALICE], editors: [], sharing: { access: 'PRIVATE' } });
  });

  test('an address Drive refuses: link and code only, the folder stays unshared, and the Journal tells the teacher', () => {
    const emu = install();
    const file = emu.drive.seedFile('Harmonie.pdf', 'pdf', 'application/pdf');
    emu.drive.refuseViewer('bob@example.org');
    const price = addProduct(emu, {
      Code: 'HARMO',
      Nom: 'Formation harmonie',
      Type: 'formation',
      cents: 24000,
      "Lien d'accès": 'https://formation.example.fr/harmonie',
      "Code d'accès": 'SOL',
      Fichier: file,
    });
    buy(emu, [price], { email: 'bob@example.org', name: 'Bob' });

    const mail = onlyMailTo(emu, 'bob@example.org');
    expect(mail.body).toContain('https://formation.example.fr/harmonie');
    expect(mail.body).toContain('Code d’accès : SOL');
    expect(mail.body).not.toContain('est partagé avec votre adresse');
    expect(emu.drive.file(file)?.viewers).toEqual([]);
    expect(journal(emu)).toContainEqual(
      expect.stringMatching(
        /^Formation HARMO : Drive refuse de partager le fichier avec bob@example\.org \(.+\)\. Le client a reçu le lien et le code d’accès/,
      ),
    );
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé' });
  });

  test('a training with nothing to give yet: the client is told it will follow, the teacher is told what to fill', () => {
    const emu = install();
    const price = addProduct(emu, { Code: 'STAGE', Nom: 'Stage d’été', Type: 'formation', cents: 5000 });
    buy(emu, [price]);
    expect(onlyMailTo(emu).body).toContain('Formation « Stage d’été » : vos accès vous seront envoyés séparément.');
    expect(journal(emu)).toContain(
      'Formation STAGE achetée par alice@example.com : ni lien, ni code, ni fichier dans l’onglet Produits. Le client a lu que ses accès lui seraient envoyés séparément : envoyez-les-lui.',
    );
    expect(records(emu, 'Factures')).toHaveLength(1);
  });

  test('a run killed after sharing and before the end of its writes: the replay shares nothing twice', () => {
    const emu = install();
    const file = emu.drive.seedFile('Harmonie.pdf', 'pdf', 'application/pdf');
    const price = addProduct(emu, { Code: 'HARMO', Nom: 'Formation harmonie', Type: 'formation', cents: 24000, "Code d'accès": 'SOL', Fichier: file });
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice' });
    // Drive shares, then the execution dies at its very next call (the rest of the plan is not written).
    emu.rt.faults.add({
      target: 'Drive.Permissions.create',
      nth: 1,
      action: () => emu.rt.faults.add({ target: '*', nth: 2, times: Infinity, action: new Error('killed') }),
    });
    expect(() => emu.deliverWebhook(String(event.id))).toThrow('killed');
    emu.rt.faults.clear();
    expect(emu.drive.file(file)?.viewers).toEqual([ALICE]);

    runBackstop(emu);
    runBackstop(emu);
    expect(emu.rt.accounting.total('Drive.Permissions.create') + emu.rt.accounting.total('DriveApp.File.addViewer')).toBe(1);
    expect(onlyMailTo(emu).body).toContain('« Harmonie.pdf » est partagé avec votre adresse');
    expect(records(emu, 'Paiements')).toHaveLength(1);
  });
});

// Issue 15, point 13. Drive opens a shared file only for a Google account; for an address that is none,
// sharing only sends Google's invitation (support.google.com/a/answer/6033939), and sharing without it
// is refused by the Drive API ("… no Google account associated with this email address …",
// developers.google.com/drive/api/reference/rest/v3/permissions/create, sendNotificationEmail).
describe('a training bought with an address that is not a Google account', () => {
  const BOB = 'bob@example.org';

  function training(emu: Emulator, cells: Partial<ProductCells> = {}) {
    const file = emu.drive.seedFile('Harmonie.pdf', 'pdf', 'application/pdf');
    const price = addProduct(emu, {
      Code: 'HARMO',
      Nom: 'Formation harmonie',
      Type: 'formation',
      cents: 24000,
      "Lien d'accès": 'https://formation.example.fr/harmonie',
      "Code d'accès": 'SOL',
      Fichier: file,
      ...cells,
    });
    return { file, price };
  }

  test('Google sends the invitation, the e-mail says how to open it (or use link and code), the Journal says it once', () => {
    const emu = install();
    emu.drive.withoutGoogleAccount(BOB);
    const { file, price } = training(emu);
    const { event } = buy(emu, [price], { email: BOB, name: 'Bob Martin' });
    emu.deliverWebhook(String(event.id));
    runBackstop(emu);

    // Drive could only invite the address: nobody can open the file with it yet.
    expect(emu.drive.invitations()).toEqual([{ fileId: file, email: BOB }]);
    expect(emu.drive.canOpen(file, BOB)).toBe(false);
    const body = onlyMailTo(emu, BOB).body;
    expect(body).toContain('Formation « Formation harmonie » : voici votre accès.\nhttps://formation.example.fr/harmonie');
    expect(body).toContain('Code d’accès : SOL');
    expect(body).toContain(`« Harmonie.pdf » est partagé avec votre adresse ${BOB} :\nhttps://drive.google.com/file/d/${file}`);
    expect(body).toContain(
      `Ouvrez ce lien en étant connecté à Google avec l’adresse ${BOB}. Si ce n’est pas encore un compte Google, Google vous a envoyé une invitation : créez gratuitement un compte Google avec cette même adresse (sans créer d’adresse Gmail), puis rouvrez le lien :\nhttps://accounts.google.com/signupwithoutgmail`,
    );
    const lines = journal(emu).filter((l) => l.includes('n’est pas un compte Google'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Formation HARMO : bob@example\.org n’est pas un compte Google \(Drive : .*no Google account associated with this email address.*\)\. Google lui a envoyé une invitation/,
    );
    expect(records(emu, 'Paiements')[0]).toMatchObject({ Statut: 'payé' });

    // What the e-mail says works: once Bob makes a Google account with this address, the file opens.
    emu.drive.createGoogleAccount(BOB);
    expect(emu.drive.canOpen(file, BOB)).toBe(true);
  });

  test('a training that is only a Drive file: the way to open it is still there', () => {
    const emu = install();
    emu.drive.withoutGoogleAccount(BOB);
    const { file, price } = training(emu, { "Lien d'accès": '', "Code d'accès": '' });
    buy(emu, [price], { email: BOB, name: 'Bob Martin' });
    const body = onlyMailTo(emu, BOB).body;
    expect(body).toContain(`https://drive.google.com/file/d/${file}`);
    expect(body).toContain('créez gratuitement un compte Google avec cette même adresse');
    expect(body).toContain('https://accounts.google.com/signupwithoutgmail');
    expect(body).not.toContain('vous seront envoyés séparément');
  });

  test('a Google account: shared at once, without Google’s own e-mail, and nothing in the Journal', () => {
    const emu = install();
    const { file, price } = training(emu);
    buy(emu, [price]);
    expect(emu.drive.canOpen(file, ALICE)).toBe(true);
    expect(emu.drive.invitations()).toEqual([]);
    expect(emu.rt.accounting.total('DriveApp.File.addViewer')).toBe(0);
    expect(journal(emu).filter((l) => l.includes('Google'))).toEqual([]);
  });

  test('in English (Langue = en), the e-mail says the same', () => {
    const emu = install({ settings: { Langue: 'en' } });
    emu.drive.withoutGoogleAccount(BOB);
    const { price } = training(emu);
    buy(emu, [price], { email: BOB, name: 'Bob Martin' });
    const body = onlyMailTo(emu, BOB).body;
    expect(body).toContain(`“Harmonie.pdf” is shared with your address ${BOB}:`);
    expect(body).toContain('If it is not a Google account yet, Google has sent you an invitation: create a free Google account with this same address');
    expect(journal(emu).filter((l) => l.includes('is not a Google account'))).toHaveLength(1);
  });
});

describe('ebooks', () => {
  function setupEbook(settings: Record<string, string | number> = {}, deployed = true) {
    const emu = install({ settings, deployed });
    const fileId = seedEbook(emu);
    const price = addProduct(emu, {
      Code: 'GUIDE',
      Nom: 'Guide du piano',
      Type: 'ebook',
      cents: 1900,
      Fichier: `https://drive.google.com/file/d/${fileId}/view?usp=sharing`,
    });
    return { emu, fileId, price };
  }

  test('the e-mail holds a personal link; the sheet keeps only its SHA-256, tied to the purchase', () => {
    const { emu, fileId, price } = setupEbook();
    const { session } = buy(emu, [price]);
    const mail = onlyMailTo(emu);
    const [token] = downloadLinks(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(mail.body).toContain(
      `Livre numérique « Guide du piano » : votre lien de téléchargement personnel, valable jusqu’au 21 décembre 2026 à 10:00 pour 5 téléchargements. Ne le transmettez pas.\n${WEB_APP}?d=${token}`,
    );
    expect(mail.body).not.toMatch(/crédit|Réservez/);

    const rows = downloadRows(emu);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Jeton (empreinte)': sha256(token),
      'E-mail': ALICE,
      Produit: 'GUIDE',
      Fichier: fileId,
      'Session Stripe': session.id,
      Téléchargements: 0,
      Limite: 5,
      Révoqué: '',
    });
    expect((rows[0]['Expire le'] as Date).getTime() - (rows[0]['Créé le'] as Date).getTime()).toBe(30 * DAY);
    // The token itself is nowhere in the spreadsheet, the Script Properties or Drive.
    expect(JSON.stringify(allValues(emu))).not.toContain(token);
    expect(JSON.stringify([...emu.properties.scriptStore().entries()])).not.toContain(token);
    expect(emu.drive.file(fileId)).toMatchObject({ viewers: [], editors: [], sharing: { access: 'PRIVATE' } });
  });

  test('the link gives the file, saved under its name, byte for byte; each download is counted and dated', async () => {
    const { emu, fileId, price } = setupEbook();
    buy(emu, [price]);
    const [token] = downloadLinks(onlyMailTo(emu));
    const { saved, page } = await download(emu, token);
    expect(saved).not.toBeNull();
    expect(saved?.name).toBe('Guide du piano.pdf');
    expect(saved?.type).toBe('application/pdf');
    expect(saved?.bytes.equals(Buffer.from(emu.drive.bytes(fileId)))).toBe(true);
    expect(plain(page)).toContain('Téléchargement 1 sur 5. Ce lien reste valable jusqu’au 21 décembre 2026 à 10:00.');

    emu.rt.clock.advance(60 * 60 * 1000);
    const second = emu.rt.clock.now();
    await download(emu, token);
    const [row] = downloadRows(emu);
    expect(row['Téléchargements']).toBe(2);
    const last = (row['Dernier téléchargement'] as Date).getTime();
    expect(last >= second && last <= emu.rt.clock.now()).toBe(true);
    const history = String(row['Historique']).split('\n');
    expect(history).toHaveLength(2);
    // The client clicks once the e-mail came, a minute after the payment.
    expect(history[0]).toMatch(/^21\/11\/2026 10:01:\d\d — téléchargement 1\/5$/);
    expect(history[1]).toMatch(/^21\/11\/2026 11:01:\d\d — téléchargement 2\/5$/);
    // The master file is still private: the bytes went through the page.
    expect(emu.drive.file(fileId)).toMatchObject({ viewers: [], sharing: { access: 'PRIVATE' } });
  });

  test('downloaded up to its limit, then refused with the same page as an unknown link', async () => {
    const { emu, price } = setupEbook({ 'Téléchargements autorisés': 3 });
    buy(emu, [price]);
    const [token] = downloadLinks(onlyMailTo(emu));
    for (let i = 1; i <= 3; i++) expect((await download(emu, token)).saved).not.toBeNull();
    const fourth = await download(emu, token);
    expect(fourth.saved).toBeNull();
    expect(fourth.page).toBe(refusalPage(emu));
    expect(fourth.page).toContain('Ce lien de téléchargement n’est pas valable ou ne l’est plus');
    expect(fourth.page).toContain('Contact : claire@example.fr');
    expect(fourth.page).not.toMatch(/Guide|alice|GUIDE|piano/i);
    expect(downloadRows(emu)[0]['Téléchargements']).toBe(3);
  });

  test('valid until its expiry on the clock, refused after', async () => {
    const { emu, price } = setupEbook({ 'Validité des liens de téléchargement (jours)': 7 });
    const paidAt = emu.rt.clock.now();
    buy(emu, [price]);
    const [token] = downloadLinks(onlyMailTo(emu));
    expect(onlyMailTo(emu).body).toContain('valable jusqu’au 28 novembre 2026 à 10:00');
    jumpTo(emu, paidAt + 7 * DAY - 60 * 1000);
    expect((await download(emu, token)).saved).not.toBeNull();
    jumpTo(emu, emu.rt.clock.now() + 60 * 1000);
    const late = await download(emu, token);
    expect(late.saved).toBeNull();
    expect(late.page).toBe(refusalPage(emu));
    expect(downloadRows(emu)[0]['Téléchargements']).toBe(1);
  });

  test('revoked by the admin (by token, link, hash or row): refused from then on; anyone else cannot revoke', async () => {
    const { emu, price } = setupEbook();
    buy(emu, [price]);
    buy(emu, [price], { email: 'bob@example.com', name: 'Bob' });
    buy(emu, [price], { email: 'carla@example.com', name: 'Carla' });
    const [alice] = downloadLinks(onlyMailTo(emu));
    const [bob] = downloadLinks(onlyMailTo(emu, 'bob@example.com'));
    const [carla] = downloadLinks(onlyMailTo(emu, 'carla@example.com'));
    expect(new Set([alice, bob, carla]).size).toBe(3);

    expect(() => emu.run('carnetRevokeDownload', [alice], 'anonymous')).toThrow('Accès refusé.');
    expect(() => emu.run('carnetRevokeDownload', [alice], { email: 'intrus@example.com' })).toThrow('Accès refusé.');
    expect(downloadRows(emu)[0]['Révoqué']).toBe('');

    expect(emu.run('carnetRevokeDownload', [`${WEB_APP}?d=${alice}`])).toMatchObject({ row: 2, email: ALICE, product: 'GUIDE', alreadyRevoked: false });
    expect(emu.run('carnetRevokeDownload', [sha256(bob)])).toMatchObject({ row: 3, email: 'bob@example.com' });
    expect(emu.run('carnetRevokeDownload', [4])).toMatchObject({ row: 4, email: 'carla@example.com' });
    expect(emu.run('carnetRevokeDownload', [alice])).toMatchObject({ alreadyRevoked: true });
    expect(downloadRows(emu).map((r) => r['Révoqué'] instanceof Date)).toEqual([true, true, true]);
    expect(journal(emu)).toContain('Lien de téléchargement révoqué : GUIDE pour alice@example.com (onglet Téléchargements, ligne 2).');

    for (const token of [alice, bob, carla]) {
      const attempt = await download(emu, token);
      expect(attempt.saved).toBeNull();
      expect(attempt.page).toBe(refusalPage(emu));
    }
    expect(downloadRows(emu).map((r) => r['Téléchargements'])).toEqual([0, 0, 0]);
    expect(() => emu.run('carnetRevokeDownload', ['n’importe quoi'])).toThrow(
      'Aucun lien de téléchargement ne correspond à « n’importe quoi » (onglet Téléchargements).',
    );
    expect(() => emu.run('carnetRevokeDownload', [99])).toThrow('Aucun lien de téléchargement ne correspond à « 99 »');
  });

  test('unknown, malformed and forged tokens all get the same polite page, and nothing changes', () => {
    const { emu, price } = setupEbook();
    buy(emu, [price]);
    const [token] = downloadLinks(onlyMailTo(emu));
    const before = allValues(emu);
    const hash = sha256(token);
    const pages = [token.slice(0, 42), `${token}x`, token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), hash, '', '<script>', "' OR 1=1"].map(
      (d) => emu.get({ d }).content,
    );
    for (const page of pages) expect(page).toBe(refusalPage(emu));
    expect(pages[0]).toContain('<h1>Lien non valable</h1>');
    expect(allValues(emu)).toEqual(before);
  });

  test('a file removed from Drive or too large: a polite page, nothing counted, the teacher is told', async () => {
    const emu = install();
    const small = seedEbook(emu, 'Petit.pdf');
    const big = emu.drive.seedFile('Gros.pdf', new Uint8Array(25 * 1024 * 1024 + 1), 'application/pdf');
    const priceSmall = addProduct(emu, { Code: 'PETIT', Nom: 'Petit guide', Type: 'ebook', cents: 900, Fichier: small });
    const priceBig = addProduct(emu, { Code: 'GROS', Nom: 'Gros guide', Type: 'ebook', cents: 900, Fichier: big });
    buy(emu, [priceSmall, priceBig]);
    const [tokenSmall, tokenBig] = downloadLinks(onlyMailTo(emu));
    emu.drive.purge(small);

    for (const token of [tokenSmall, tokenBig]) {
      const attempt = await download(emu, token);
      expect(attempt.saved).toBeNull();
      expect(attempt.page).toContain('<h1>Fichier momentanément indisponible</h1>');
      expect(attempt.page).toContain('cette tentative n’a pas été décomptée');
    }
    expect(downloadRows(emu).map((r) => r['Téléchargements'])).toEqual([0, 0]);
    const notes = journal(emu).join('\n');
    expect(notes).toContain('Téléchargement impossible pour alice@example.com (PETIT) : le fichier Drive est introuvable ou à la corbeille.');
    expect(notes).toContain('Téléchargement impossible pour alice@example.com (GROS) : le fichier pèse 25,0 Mo, au-delà des 25 Mo');
  });

  test('an ebook sold before its file was set: the link works as soon as the product names the file', async () => {
    const emu = install();
    const price = addProduct(emu, { Code: 'GUIDE', Nom: 'Guide du piano', Type: 'ebook', cents: 1900 });
    buy(emu, [price]);
    expect(journal(emu)).toContainEqual(
      expect.stringContaining('Livre numérique GUIDE acheté par alice@example.com : la colonne Fichier du produit est vide.'),
    );
    const [token] = downloadLinks(onlyMailTo(emu));
    expect((await download(emu, token)).saved).toBeNull();
    const fileId = seedEbook(emu);
    const headers = emu.spreadsheet.values('Produits')[0].map(String);
    emu.edit('Produits', `${String.fromCharCode(65 + headers.indexOf('Fichier'))}2`, fileId);
    expect((await download(emu, token)).saved?.name).toBe('Guide du piano.pdf');
  });

  test('a run killed after the download row was written: the replay makes no second token, and the e-mailed link works', async () => {
    const { emu, price } = setupEbook();
    const { event } = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice' });
    // The execution dies at the first write after the download row (the invoice's row).
    let killed = false;
    emu.rt.faults.add({
      target: 'SpreadsheetApp.Range.setValues',
      nth: 1,
      times: Infinity,
      action: () => {
        if (killed || emu.spreadsheet.records('Téléchargements').length !== 1) return;
        killed = true;
        emu.rt.faults.add({ target: '*', nth: 1, times: Infinity, action: new Error('killed') });
      },
    });
    expect(() => emu.deliverWebhook(String(event.id))).toThrow('killed');
    emu.rt.faults.clear();
    expect(emu.mail.sentTo(ALICE)).toHaveLength(0);

    runBackstop(emu);
    deliverAndSettle(emu, String(event.id));
    runBackstop(emu);
    expect(downloadRows(emu)).toHaveLength(1);
    const [token] = downloadLinks(onlyMailTo(emu));
    expect(downloadRows(emu)[0]['Jeton (empreinte)']).toBe(sha256(token));
    expect((await download(emu, token)).saved).not.toBeNull();
  });

  test('without a deployed web app the e-mail waits (the teacher is told), and leaves once it is deployed', () => {
    // Not deployed: no webhook can arrive (a webhook reaching doPost would itself prove the /exec URL), the
    // backstop finds the payment by polling.
    const { emu, price } = setupEbook({}, false);
    emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: ALICE, name: 'Alice Dupont' });
    runBackstop(emu);
    expect(emu.mail.sentTo(ALICE)).toHaveLength(0);
    expect(records(emu, 'Factures')[0]).toMatchObject({ Statut: 'à envoyer' });
    expect(String(records(emu, 'Factures')[0]['Erreur'])).toContain('Carnet ne connaît pas encore l’adresse de l’application web');
    runBackstop(emu);
    expect(journal(emu).filter((l) => l.includes('ne connaît pas encore l’adresse'))).toHaveLength(1);

    // Deployed, then opened once: the /exec URL is known, and the link in the e-mail is that one (never /dev).
    openWebApp(emu);
    runBackstop(emu);
    expect(onlyMailTo(emu).body).toMatch(/https:\/\/script\.google\.com\/macros\/s\/[\w-]+\/exec\?d=/);
    expect(onlyMailTo(emu).body).not.toContain('/dev');
    expect(downloadLinks(onlyMailTo(emu))).toHaveLength(1);
  });
});

describe('a checkout with items of several types', () => {
  test('one e-mail covers the lessons, the training and the ebook', async () => {
    const emu = install();
    const { price: lessons } = addLessonPack(emu, 'PACK5', 5, 15000);
    const folder = emu.drive.seedFolder('Supports');
    const training = addProduct(emu, {
      Code: 'HARMO',
      Nom: 'Formation harmonie',
      Type: 'formation',
      cents: 24000,
      "Lien d'accès": 'https://formation.example.fr/harmonie',
      "Code d'accès": 'SOL',
      Fichier: folder,
    });
    const ebook = addProduct(emu, { Code: 'GUIDE', Nom: 'Guide du piano', Type: 'ebook', cents: 1900, Fichier: seedEbook(emu) });
    buy(emu, [lessons, training, ebook]);

    const mail = onlyMailTo(emu);
    expect(mail.subject).toBe('Facture F-2026-0001 — Claire Martin');
    const body = mail.body;
    const order = [
      'Bonjour Alice,',
      'Votre compte est crédité de 5 crédits de cours',
      'Réservez vos cours ici :',
      'Réservez avec la même adresse e-mail que pour ce paiement (alice@example.com)',
      'Annulé au moins 24 h avant son début',
      'Formation « Formation harmonie » : voici votre accès.',
      'Code d’accès : SOL',
      '« Supports » est partagé avec votre adresse',
      'Livre numérique « Guide du piano »',
      'Bien cordialement,\nClaire Martin',
    ].map((s) => body.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(mail.attachments).toHaveLength(1);
    const [token] = downloadLinks(mail);
    expect((await download(emu, token)).saved?.name).toBe('Guide du piano.pdf');
    expect(emu.drive.file(folder)?.viewers).toEqual([ALICE]);
    expect(records(emu, 'Clients')[0]['Solde']).toBe(5);
  });
});

describe('values from Stripe or the sheet in the HTML e-mail and pages', () => {
  test('are escaped; a link that is not http(s) is not clickable', async () => {
    const emu = install({ settings: { 'Nom commercial': 'Claire <b>&</b> "Cie"' } });
    const file = emu.drive.seedFile('<img src=x onerror=alert(1)>.pdf', pdfBytes(100), 'application/pdf');
    const training = addProduct(emu, {
      Code: 'T1',
      Nom: '<script>alert("t")</script>',
      Type: 'formation',
      cents: 1000,
      "Lien d'accès": 'javascript:alert(1)',
      "Code d'accès": '<i>code</i>',
    });
    const ebook = addProduct(emu, { Code: 'E1', Nom: 'Livre & <em>co</em>', Type: 'ebook', cents: 1000, Fichier: file });
    buy(emu, [training, ebook], { name: '<b>Alice</b>' });

    const mail = onlyMailTo(emu);
    expect(mail.htmlBody).not.toMatch(/<script|<b>|<i>|<em>|href="javascript/);
    expect(mail.htmlBody).toContain('Formation « &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; » : voici votre accès.<br>javascript:alert(1)');
    expect(mail.htmlBody).toContain('Code d’accès : &lt;i&gt;code&lt;/i&gt;');
    expect(mail.htmlBody).toContain('Bonjour &lt;b&gt;Alice&lt;/b&gt;,');
    expect(mail.body).toContain('Code d’accès : <i>code</i>');

    const [token] = downloadLinks(mail);
    const { saved, page } = await download(emu, token);
    expect(saved?.name).toBe('<img src=x onerror=alert(1)>.pdf');
    expect(page).not.toMatch(/<img|<b>/);
    expect(page).toContain('Claire &lt;b&gt;&amp;&lt;/b&gt; &quot;Cie&quot;');
    expect(refusalPage(emu)).toContain('Claire &lt;b&gt;&amp;&lt;/b&gt; &quot;Cie&quot;');
  });
});

describe('the Modèles tab', () => {
  test('setup writes every text with its French default, English and help; running it again changes nothing', () => {
    const emu = install();
    const rows = records(emu, 'Modèles');
    expect(rows.map((r) => r['Clé'])).toEqual(
      expect.arrayContaining([
        'objet.facture',
        'bonjour',
        'facture.merci',
        'cours.credits',
        'cours.annulation',
        'formation.acces',
        'formation.code',
        'ebook.lien',
        'signature',
      ]),
    );
    expect(rows.find((r) => r['Clé'] === 'bonjour')).toMatchObject({ Français: 'Bonjour {{prenom}},', English: 'Hello {{prenom}},' });
    expect(String(rows.find((r) => r['Clé'] === 'ebook.lien')?.['Aide'])).toContain('{{produit}}, {{date}}, {{telechargements}}, {{limite}}');
    const withoutJournal = () => ({ ...allValues(emu), Journal: [] });
    const before = withoutJournal();
    const summary = emu.run<{ addedTemplates: string[]; downloadSecret: string }>('setup');
    expect(summary).toMatchObject({ addedTemplates: [], downloadSecret: 'kept' });
    expect(withoutJournal()).toEqual(before);
    expect(emu.properties.scriptStore().get('DOWNLOAD_SECRET')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test('the teacher’s wording replaces the default; a text with an unknown field falls back to the default, said once', () => {
    const emu = install();
    const rowOf = (key: string) => records(emu, 'Modèles').findIndex((r) => r['Clé'] === key) + 2;
    emu.edit('Modèles', `B${rowOf('bonjour')}`, 'Chère {{nom}}, voici votre commande chez {{entreprise}} :');
    emu.edit('Modèles', `B${rowOf('signature')}`, 'À très vite {{prénom}} !');
    const { price } = addLessonPack(emu);
    buy(emu, [price]);
    buy(emu, [price], { email: 'bob@example.com', name: 'Bob' });
    const mail = onlyMailTo(emu);
    expect(mail.body).toMatch(/^Chère Alice Dupont, voici votre commande chez Claire Martin :/);
    expect(mail.body).toMatch(/Bien cordialement,\nClaire Martin$/);
    const problem =
      'Modèles : le texte « signature » contient « {{prénom}} », que Carnet ne sait pas remplir ici (champ inconnu ou accolades mal fermées) ; le texte par défaut est envoyé à la place tant qu’il n’est pas corrigé.';
    expect(journal(emu).filter((l) => l.startsWith('Modèles'))).toEqual([problem]);
    // Never sent with braces in it.
    expect(emu.mail.outbox().filter((m) => /\{\{|\}\}/.test(m.body + m.subject))).toEqual([]);
    const summary = emu.run<{ settingsProblems: string[] }>('setup');
    expect(summary.settingsProblems).toContain(problem);
    // A later edit is used by the very next e-mail (the cached texts are forgotten on edit).
    emu.edit('Modèles', `B${rowOf('bonjour')}`, 'Bonjour {{nom}} !');
    buy(emu, [price], { email: 'carla@example.com', name: 'Carla' });
    expect(onlyMailTo(emu, 'carla@example.com').body).toMatch(/^Bonjour Carla !/);
  });

  test('in English, the English column is used', () => {
    const emu = install({ settings: { Langue: 'en' } });
    const { price } = addLessonPack(emu);
    buy(emu, [price]);
    const mail = onlyMailTo(emu);
    expect(mail.subject).toBe('Invoice F-2026-0001 — Claire Martin');
    expect(mail.body).toContain('Hello Alice,');
    expect(mail.body).toContain('Your account has been credited with 10 lesson credits; your balance is 10 credits.');
    expect(mail.body).toContain('Cancelled at least 24 hours before it starts, the lesson is credited back; later, it is due.');
  });
});
