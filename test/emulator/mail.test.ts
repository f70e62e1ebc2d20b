// GmailApp / MailApp emulation. References:
// - MailApp: developers.google.com/apps-script/reference/mail/mail-app
// - GmailApp: developers.google.com/apps-script/reference/gmail/gmail-app#sendEmail(String,String,String,Object)
// - Quotas: developers.google.com/apps-script/guides/services/quotas
// - Error texts: RomainVialard/ErrorHandler NORMALIZED_ERRORS (what Apps Script throws, collected from production)
import { EmulatedBlob } from '../../emulator/src/blob';
import { FakeGmailApp, FakeMailApp, MailService } from '../../emulator/src/mail';
import { Runtime } from '../../emulator/src/runtime';

const HOUR = 60 * 60 * 1000;

function setup() {
  const rt = new Runtime();
  const mail = new MailService(rt);
  const g = mail.globals() as { GmailApp: FakeGmailApp; MailApp: FakeMailApp };
  return { rt, mail, GmailApp: g.GmailApp, MailApp: g.MailApp };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('GmailApp.sendEmail (gmail-app#sendEmail)', () => {
  test('sends to the outbox from the owner at the virtual time and returns GmailApp for chaining', () => {
    const { rt, mail, GmailApp } = setup();
    const before = rt.clock.now();
    const returned = GmailApp.sendEmail('client@example.org', 'Votre facture', 'Bonjour');
    expect(returned).toBe(GmailApp);
    const [m] = mail.outbox();
    expect(m).toMatchObject({
      to: ['client@example.org'],
      cc: [],
      bcc: [],
      from: 'prof@example.com',
      subject: 'Votre facture',
      body: 'Bonjour',
      via: 'GmailApp',
    });
    expect(m.sentAt).toBeGreaterThanOrEqual(before);
  });

  test('keeps attachments (name, content type, bytes) and the other options', () => {
    const { mail, GmailApp } = setup();
    const pdf = new EmulatedBlob(null, [0x25, 0x50, 0x44, 0x46, 0xff], 'application/pdf', 'F-2026-001.pdf');
    const logo = new EmulatedBlob(null, 'png', 'image/png', 'logo.png');
    GmailApp.sendEmail('client@example.org', 'Facture', 'texte', {
      attachments: [pdf as unknown as GoogleAppsScript.Base.BlobSource],
      cc: 'compta@example.org',
      bcc: 'archive@example.com',
      replyTo: 'contact@example.com',
      name: 'Prof EI',
      htmlBody: '<p>texte</p><img src="cid:logo">',
      inlineImages: { logo: logo as unknown as GoogleAppsScript.Base.BlobSource },
    });
    const [m] = mail.outbox();
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0].name).toBe('F-2026-001.pdf');
    expect(m.attachments[0].contentType).toBe('application/pdf');
    expect(Array.from(m.attachments[0].bytes)).toEqual([0x25, 0x50, 0x44, 0x46, 0xff]);
    expect(m.inlineImages.logo.name).toBe('logo.png');
    expect(m).toMatchObject({
      cc: ['compta@example.org'],
      bcc: ['archive@example.com'],
      replyTo: 'contact@example.com',
      name: 'Prof EI',
      htmlBody: '<p>texte</p><img src="cid:logo">',
    });
  });

  test('accepts any BlobSource (an object with getBlob) as an attachment', () => {
    const { mail, GmailApp } = setup();
    const file = { getBlob: () => new EmulatedBlob(null, 'abc', 'text/plain', 'a.txt'), getAs: () => null };
    GmailApp.sendEmail('client@example.org', 's', 'b', { attachments: [file as unknown as GoogleAppsScript.Base.BlobSource] });
    expect(mail.outbox()[0].attachments[0]).toMatchObject({ name: 'a.txt', contentType: 'text/plain' });
  });

  test('getAliases() is empty and a `from` that is not an alias throws "Invalid argument: <from>"', () => {
    const { mail, GmailApp } = setup();
    expect(GmailApp.getAliases()).toEqual([]);
    expect(errorOf(() => GmailApp.sendEmail('a@example.org', 's', 'b', { from: 'other@example.com' })).message).toBe('Invalid argument: other@example.com');
    expect(mail.outbox()).toHaveLength(0);
    mail.setAliases(['other@example.com']);
    GmailApp.sendEmail('a@example.org', 's', 'b', { from: 'other@example.com' });
    expect(mail.outbox()[0].from).toBe('other@example.com');
  });

  test('each call is counted and costs the service latency on the virtual clock', () => {
    const { rt, GmailApp } = setup();
    const t0 = rt.clock.now();
    GmailApp.sendEmail('a@example.org', 's', 'b');
    expect(rt.accounting.total('GmailApp.sendEmail')).toBe(1);
    expect(rt.clock.now() - t0).toBe(150);
  });
});

describe('MailApp.sendEmail forms (mail-app#sendEmail)', () => {
  test('(recipient, subject, body) returns undefined', () => {
    const { mail, MailApp } = setup();
    expect(MailApp.sendEmail('a@example.org', 'Sujet', 'Corps')).toBeUndefined();
    expect(mail.outbox()[0]).toMatchObject({ to: ['a@example.org'], subject: 'Sujet', body: 'Corps', via: 'MailApp' });
  });

  test('(recipient, subject, body, options)', () => {
    const { mail, MailApp } = setup();
    MailApp.sendEmail('a@example.org', 'Sujet', 'Corps', { htmlBody: '<b>Corps</b>', name: 'Prof' });
    expect(mail.outbox()[0]).toMatchObject({ htmlBody: '<b>Corps</b>', name: 'Prof' });
  });

  test('(to, replyTo, subject, body): the second argument is the reply-to address', () => {
    const { mail, MailApp } = setup();
    MailApp.sendEmail('a@example.org', 'reply@example.com', 'Sujet', 'Corps');
    expect(mail.outbox()[0]).toMatchObject({ to: ['a@example.org'], replyTo: 'reply@example.com', subject: 'Sujet', body: 'Corps' });
  });

  test('the object form sendEmail({to, cc, bcc, replyTo, subject, htmlBody, body, name, attachments, noReply})', () => {
    const { mail, MailApp } = setup();
    const pdf = new EmulatedBlob(null, [1, 2, 3], 'application/pdf', 'facture.pdf');
    MailApp.sendEmail({
      to: 'a@example.org, b@example.org',
      cc: 'c@example.org',
      bcc: 'd@example.org',
      replyTo: 'reply@example.com',
      subject: 'Objet',
      htmlBody: '<p>html</p>',
      body: 'texte',
      name: 'Prof EI',
      attachments: [pdf as unknown as GoogleAppsScript.Base.BlobSource],
      noReply: true,
    });
    const [m] = mail.outbox();
    expect(m).toMatchObject({
      to: ['a@example.org', 'b@example.org'],
      cc: ['c@example.org'],
      bcc: ['d@example.org'],
      replyTo: 'reply@example.com',
      subject: 'Objet',
      body: 'texte',
      htmlBody: '<p>html</p>',
      name: 'Prof EI',
      noReply: true,
    });
    expect(m.attachments.map((a) => a.name)).toEqual(['facture.pdf']);
    expect(mail.remainingQuota()).toBe(96);
  });

  test('getRemainingDailyQuota() starts at 100 (consumer account) and is shared with GmailApp', () => {
    const { MailApp, GmailApp } = setup();
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    GmailApp.sendEmail('a@example.org', 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(99);
  });
});

describe('recipients and validation (quotas: limits per message; error texts as Apps Script throws them)', () => {
  test('a comma-separated list counts one recipient per address, cc and bcc included', () => {
    const { mail, GmailApp } = setup();
    GmailApp.sendEmail('a@example.org, Bob <b@example.org>', 's', 'b', { cc: 'c@example.org', bcc: 'd@example.org' });
    expect(mail.outbox()[0].to).toEqual(['a@example.org', 'b@example.org']);
    expect(mail.remainingQuota()).toBe(96);
  });

  test('an invalid address throws "Invalid email: <address>" and sends nothing', () => {
    const { mail, MailApp } = setup();
    const error = errorOf(() => MailApp.sendEmail('a@example.org, pas-une-adresse', 's', 'b'));
    expect(error.message).toBe('Invalid email: pas-une-adresse');
    expect(error.name).toBe('Exception');
    expect(mail.outbox()).toHaveLength(0);
    expect(mail.remainingQuota()).toBe(100);
  });

  test('no recipient throws "Failed to send email: no recipient"', () => {
    const { MailApp } = setup();
    expect(errorOf(() => MailApp.sendEmail('', 's', 'b')).message).toBe('Failed to send email: no recipient');
    expect(errorOf(() => MailApp.sendEmail({ subject: 's', body: 'b' })).message).toBe('Failed to send email: no recipient');
  });

  test('a subject longer than 250 characters throws "Argument too large: subject"', () => {
    const { mail, GmailApp } = setup();
    GmailApp.sendEmail('a@example.org', 'x'.repeat(250), 'b');
    expect(errorOf(() => GmailApp.sendEmail('a@example.org', 'x'.repeat(251), 'b')).message).toBe('Argument too large: subject');
    expect(mail.outbox()).toHaveLength(1);
  });

  test('attachments over 25 MB in total throw "Limit Exceeded: Email Total Attachments Size."', () => {
    const { mail, GmailApp } = setup();
    const half = new EmulatedBlob(null, new Uint8Array(13 * 1024 * 1024), 'application/pdf', 'big.pdf');
    const blobs = [half, half.copyBlob()] as unknown as GoogleAppsScript.Base.BlobSource[];
    expect(errorOf(() => GmailApp.sendEmail('a@example.org', 's', 'b', { attachments: blobs })).message).toBe('Limit Exceeded: Email Total Attachments Size.');
    expect(mail.outbox()).toHaveLength(0);
  });

  test('more than 50 recipients in one message throw "Limit Exceeded: Email Recipients Per Message."', () => {
    const { MailApp } = setup();
    const many = Array.from({ length: 51 }, (_, i) => `c${i}@example.org`).join(',');
    expect(errorOf(() => MailApp.sendEmail(many, 's', 'b')).message).toBe('Limit Exceeded: Email Recipients Per Message.');
  });

  test('a body over 200 KB throws "Limit Exceeded: Email Body Size."', () => {
    const { MailApp } = setup();
    expect(errorOf(() => MailApp.sendEmail('a@example.org', 's', 'x'.repeat(201 * 1024))).message).toBe('Limit Exceeded: Email Body Size.');
  });
});

describe('daily recipient quota (quotas: 100/day consumer, reset 24 hours after the first request)', () => {
  test('the 101st recipient of the day throws "Service invoked too many times for one day: email." and sends nothing', () => {
    const { mail, MailApp, GmailApp } = setup();
    for (let i = 0; i < 50; i++) MailApp.sendEmail(`c${i}@example.org`, 's', 'b');
    for (let i = 50; i < 100; i++) GmailApp.sendEmail(`c${i}@example.org`, 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(errorOf(() => GmailApp.sendEmail('late@example.org', 's', 'b')).message).toBe('Service invoked too many times for one day: email.');
    expect(errorOf(() => MailApp.sendEmail('late@example.org', 's', 'b')).message).toBe('Service invoked too many times for one day: email.');
    expect(mail.outbox()).toHaveLength(100);
    expect(mail.sentTo('late@example.org')).toHaveLength(0);
  });

  test('a message whose recipients exceed what is left is refused whole', () => {
    const { mail, MailApp } = setup();
    mail.setDailyQuota(2);
    MailApp.sendEmail('a@example.org', 's', 'b');
    expect(errorOf(() => MailApp.sendEmail('b@example.org,c@example.org', 's', 'b')).message).toBe('Service invoked too many times for one day: email.');
    expect(mail.outbox()).toHaveLength(1);
    expect(mail.remainingQuota()).toBe(1);
  });

  test('the quota comes back 24 hours after the first counted send, not before', () => {
    const { rt, mail, MailApp } = setup();
    mail.setDailyQuota(1);
    MailApp.sendEmail('a@example.org', 's', 'b');
    rt.clock.advance(23 * HOUR);
    expect(() => MailApp.sendEmail('b@example.org', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    rt.clock.advance(1 * HOUR);
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    MailApp.sendEmail('b@example.org', 's', 'b');
    expect(mail.outbox()).toHaveLength(2);
  });

  test('setDailyQuota(1500) models a Workspace account', () => {
    const { mail, MailApp } = setup();
    mail.setDailyQuota(1500);
    expect(MailApp.getRemainingDailyQuota()).toBe(1500);
  });
});

describe('test API and persistence', () => {
  test('sentTo() matches to, cc and bcc case-insensitively; clearOutbox() empties it', () => {
    const { mail, GmailApp } = setup();
    GmailApp.sendEmail('A@Example.org', 's1', 'b');
    GmailApp.sendEmail('x@example.org', 's2', 'b', { bcc: 'a@example.org' });
    expect(mail.sentTo('a@example.org').map((m) => m.subject)).toEqual(['s1', 's2']);
    mail.clearOutbox();
    expect(mail.outbox()).toEqual([]);
  });

  test('outbox() returns copies: mutating them does not change the store', () => {
    const { mail, GmailApp } = setup();
    GmailApp.sendEmail('a@example.org', 's', 'b');
    mail.outbox()[0].to.push('intruder@example.org');
    expect(mail.outbox()[0].to).toEqual(['a@example.org']);
  });

  test('save()/load() keep the outbox (attachment bytes included) and the quota used', () => {
    const { rt, GmailApp } = setup();
    GmailApp.sendEmail('a@example.org', 's', 'b', {
      attachments: [new EmulatedBlob(null, [7, 8], 'application/pdf', 'f.pdf') as unknown as GoogleAppsScript.Base.BlobSource],
    });
    const saved = JSON.parse(JSON.stringify(rt.saveState('mail')));
    const rt2 = new Runtime({ start: rt.clock.now() });
    const mail2 = new MailService(rt2);
    rt2.loadState('mail', saved);
    expect(Array.from(mail2.outbox()[0].attachments[0].bytes)).toEqual([7, 8]);
    expect(mail2.remainingQuota()).toBe(99);
  });
});
