import { chooseMails, decodeContent, encodeContent, isQuotaError, MAIL_PRIORITY, type MailPriority, type QueuedMail } from '../../src/domain/outbox';
import { messages } from '../../src/i18n/messages';

let row = 1;
function queued(priority: MailPriority, to: string, subject: string, minute = row): QueuedMail {
  return { row: ++row, priority, to, subject, paragraphs: [{ text: `${subject} body` }], queuedAt: new Date(Date.UTC(2026, 11, 7, 8, minute)) };
}
const fr = messages('fr');

describe('chooseMails', () => {
  test('alerts first (one digest per address), then confirmations, then reminders, oldest first', () => {
    const queue = [
      queued(MAIL_PRIORITY.reminder, 'a@x.fr', 'Rappel', 1),
      queued(MAIL_PRIORITY.confirmation, 'b@x.fr', 'Cours réservé', 3),
      queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Litige', 4),
      queued(MAIL_PRIORITY.confirmation, 'c@x.fr', 'Cours annulé', 2),
      queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Produit inconnu', 5),
    ];
    const chosen = chooseMails(queue, 100, fr);
    expect(chosen.map((m) => [m.to, m.subject])).toEqual([
      ['admin@x.fr', 'Litige (+ 1 autre alerte)'],
      ['c@x.fr', 'Cours annulé'],
      ['b@x.fr', 'Cours réservé'],
      ['a@x.fr', 'Rappel'],
    ]);
    expect(chosen[0].rows).toHaveLength(2);
    expect(chosen[0].paragraphs.map((p) => p.text)).toEqual([
      '2 points demandent votre attention (ils sont aussi dans le Journal) :',
      '1. Litige',
      'Litige body',
      '2. Produit inconnu',
      'Produit inconnu body',
      'Carnet',
    ]);
  });

  test('the reserve: a reminder leaves only while more than 25 remain after it, a confirmation while 5 do', () => {
    const queue = [queued(MAIL_PRIORITY.confirmation, 'b@x.fr', 'Confirmation'), queued(MAIL_PRIORITY.reminder, 'a@x.fr', 'Rappel')];
    expect(chooseMails(queue, 27, fr).map((m) => m.subject)).toEqual(['Confirmation', 'Rappel']);
    expect(chooseMails(queue, 26, fr).map((m) => m.subject)).toEqual(['Confirmation']);
    expect(chooseMails(queue, 6, fr).map((m) => m.subject)).toEqual(['Confirmation']);
    expect(chooseMails(queue, 5, fr)).toEqual([]);
    expect(chooseMails([queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Alerte')], 1, fr).map((m) => m.subject)).toEqual(['Alerte']);
    expect(chooseMails([queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Alerte')], 0, fr)).toEqual([]);
  });

  test('a single alert keeps its own subject; an English digest is in English', () => {
    expect(chooseMails([queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Carnet : litige')], 10, fr)[0].subject).toBe('Carnet : litige');
    const two = [queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Carnet: dispute'), queued(MAIL_PRIORITY.alert, 'admin@x.fr', 'Carnet: unknown product')];
    const digest = chooseMails(two, 10, messages('en'))[0];
    expect(digest.subject).toBe('Carnet: dispute (+ 1 more alert)');
    expect(digest.paragraphs[0].text).toBe('2 things need your attention (they are in the Journal too):');
  });
});

test('the content cell: paragraphs round-trip; text typed by hand is sent as one paragraph', () => {
  const paragraphs = [{ text: 'Bonjour Alice,' }, { text: 'Payer :', link: 'https://checkout.stripe.com/x' }];
  expect(decodeContent(encodeContent(paragraphs))).toEqual(paragraphs);
  expect(decodeContent('Bonjour, votre cours est confirmé.')).toEqual([{ text: 'Bonjour, votre cours est confirmé.' }]);
  expect(decodeContent('[1,2]')).toEqual([{ text: '[1,2]' }]);
  expect(decodeContent('')).toEqual([]);
});

test('MailApp quota errors are told apart from other failures', () => {
  expect(isQuotaError('Exception: Service invoked too many times for one day: email.')).toBe(true);
  expect(isQuotaError('Invalid email: foo')).toBe(false);
});

test('a digest says the greeting and the signature once, not once per alert', () => {
  const alert = (subject: string, minute: number): QueuedMail => ({
    row: minute,
    priority: MAIL_PRIORITY.alert,
    to: 'admin@x.fr',
    subject,
    paragraphs: [{ text: 'Bonjour,' }, { text: `${subject} : détail` }, { text: 'Carnet' }],
    queuedAt: new Date(Date.UTC(2026, 11, 7, 8, minute)),
  });
  const [digest] = chooseMails([alert('Litige', 1), alert('Produit inconnu', 2)], 10, fr);
  expect(digest.paragraphs.map((p) => p.text)).toEqual([
    '2 points demandent votre attention (ils sont aussi dans le Journal) :',
    '1. Litige',
    'Litige : détail',
    '2. Produit inconnu',
    'Produit inconnu : détail',
    'Carnet',
  ]);
});
