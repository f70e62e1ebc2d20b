// Abuse of the public web app and of the data Carnet exports (issue 15), on the built bundle.
import type { Emulator } from '../../emulator/src';
import { addLessonPack, install } from './harness';

function pay(emu: Emulator, price: string, email: string, name: string): void {
  const outcome = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email, name, address: { line1: '1 rue X', postal_code: '75001', city: 'Paris', country: 'FR' } });
  emu.deliverWebhook(String(outcome.event.id));
}

function exportedCsv(emu: Emulator): string[] {
  const result = emu.run<{ name: string }>('carnetExportReceipts', ['2026-11-01', '2026-11-30']);
  const file = emu.drive.files().find((f) => f.name === result.name);
  return Buffer.from(emu.drive.bytes(String(file?.id))).toString('utf8').slice(1).split('\r\n');
}

describe('CSV formula injection in the receipts export (OWASP "CSV Injection")', () => {
  test.each([
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+33 6 12', "'+33 6 12"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('a client named %j is exported as inert text', (name, field) => {
    const emu = install();
    const { price } = addLessonPack(emu);
    pay(emu, price, 'eve@example.com', name);
    const line = exportedCsv(emu)[1];
    expect(line.split(';')[2]).toBe(field);
  });

  test('amounts stay numbers, negative ones included', () => {
    const emu = install();
    const { price } = addLessonPack(emu, 'PACK10', 10, 30000);
    const outcome = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.deliverWebhook(String(outcome.event.id));
    emu.deliverWebhook(String(emu.stripe.refund(String(outcome.session.payment_intent), 10000).event.id));
    const amounts = exportedCsv(emu).slice(1, -1).map((l) => l.split(';')[4]);
    expect(amounts).toEqual(['300,00', '-100,00']);
  });
});

describe('trigger-only jobs and trigger ids', () => {
  function uidOf(emu: Emulator, handler: string): string {
    const trigger = emu.script.triggers().find((t) => t.handler === handler);
    if (!trigger) throw new Error(`no trigger ${handler}`);
    return trigger.uid;
  }

  test.each([
    ['carnetBackstop', 'carnetDaily'],
    ['carnetDaily', 'carnetBackstop'],
    ['carnetCalendarChanged', 'carnetBackstop'],
  ])('an anonymous caller of %s holding the id of the %s trigger is refused before anything is read', (job, other) => {
    const emu = install();
    const uid = uidOf(emu, other);
    emu.rt.accounting.reset();
    expect(() => emu.run(job, [{ triggerUid: uid, authMode: 'FULL' }], 'anonymous')).toThrow('Accès refusé.');
    const touched = Object.keys(emu.rt.accounting.snapshot().calls).filter((k) => !/^(Session|ScriptApp)\./.test(k));
    expect(touched).toEqual([]);
  });

  test('the trigger installed for the job still runs it', () => {
    const emu = install();
    expect(() => emu.run('carnetDaily', [{ triggerUid: uidOf(emu, 'carnetDaily') }], 'anonymous')).not.toThrow();
  });
});

describe('a flood of posts with a wrong token', () => {
  const HOUR = 60 * 60 * 1000;

  test('2,000 wrong posts: one Journal line, no Properties read and no spreadsheet call once the token is cached', () => {
    const emu = install();
    emu.deliverWebhook(String(emu.stripe.pay({ lineItems: [{ price: addLessonPack(emu).price, quantity: 1 }], email: 'a@example.com', name: 'A' }).event.id));
    const journalBefore = emu.spreadsheet.records('Journal').length;
    emu.rt.accounting.reset();
    for (let i = 0; i < 2000; i++) {
      const response = emu.post({ token: `wrong-${i}` }, JSON.stringify({ id: 'evt_forged' }));
      expect(response.content).toBe('OK');
    }
    const journal = emu.spreadsheet.records('Journal').slice(journalBefore);
    expect(journal.map((r) => r['Message'])).toEqual(['Webhook refusé : jeton absent ou incorrect dans l’URL.']);
    const calls = emu.rt.accounting.snapshot().calls;
    expect(emu.rt.accounting.total('PropertiesService.Properties')).toBe(0);
    // The one journalled refusal opens the workbook; the 1,999 others never do.
    expect(emu.rt.accounting.total('SpreadsheetApp')).toBeLessThan(10);
    expect(Object.keys(calls).filter((k) => !/^(CacheService|SpreadsheetApp|HtmlService)\./.test(k))).toEqual([]);

    // An hour later, the next refusal is journalled with the count of those in between.
    emu.rt.clock.set(emu.rt.clock.now() + HOUR);
    emu.post({ token: 'wrong-again' }, '{}');
    expect(String(emu.spreadsheet.records('Journal').at(-1)?.['Message'])).toContain('et 1999 autres refus depuis une heure');
  });

  test('an absurdly long token is refused without being compared, and nothing is written', () => {
    const emu = install();
    const response = emu.post({ token: 'x'.repeat(100000) }, '{}');
    expect(response.content).toBe('OK');
    expect(emu.spreadsheet.records('Paiements')).toHaveLength(0);
  });

  test('a genuine webhook while the Properties quota is spent: nothing written, nothing lost — the backstop applies it once the quota is back', () => {
    const emu = install();
    const { price } = addLessonPack(emu);
    const paid = emu.stripe.pay({ lineItems: [{ price, quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.cache.evictAll();
    emu.properties.setDailyQuota(emu.properties.usedToday());
    const response = emu.deliverWebhook(String(paid.event.id));
    expect(response.content).toBe('OK');
    expect(emu.spreadsheet.records('Paiements')).toHaveLength(0);
    emu.properties.setDailyQuota(50000);
    emu.advance(10 * 60 * 1000);
    expect(emu.spreadsheet.records('Paiements')).toHaveLength(1);
    expect(emu.spreadsheet.records('Clients').find((c) => c['E-mail'] === 'alice@example.com')?.['Solde']).toBe(10);
  });
});
