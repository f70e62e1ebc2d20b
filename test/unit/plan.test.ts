import { runInNewContext } from 'node:vm';
import { decodePlan, encodePlan, serialisable, type Plan, type Step } from '../../src/domain/plan';
import type { CellValue } from '../../src/domain/schema';

type Values = Record<string, CellValue | undefined>;

const paidAt = new Date('2026-03-10T09:15:30.123Z');
const expires = new Date('2027-03-10T12:00:00Z');

function valuesOf(step: Step): Values {
  if (step.kind === 'append') return step.record;
  if (step.kind === 'upsert') return step.values;
  throw new Error(`step ${step.kind} has no values`);
}

function plan(): Plan {
  return {
    cause: 'evt_1Pgc76B7WZ01zgkWwyRHS12y',
    steps: [
      {
        kind: 'upsert',
        tab: 'clients',
        key: 'jeanne.martin@example.fr',
        values: { Solde: 10, Lots: '[{"ref":"cs_a","remaining":10,"expires":"2027-03-10"}]', 'Mis à jour': paidAt },
        createOnly: { 'Créé le': paidAt, Nom: 'Jeanne Martin' },
      },
      {
        kind: 'append',
        tab: 'ledger',
        key: 'cs_a:0',
        record: { Date: paidAt, 'E-mail': 'jeanne.martin@example.fr', Variation: 10, Solde: 10, Motif: 'Achat : 1 × Carnet de 10 cours', Expiration: expires },
      },
      { kind: 'upsert', tab: 'payments', key: 'cs_a', values: { Date: paidAt, Montant: 150, Statut: 'payé', Litige: false } },
      { kind: 'append', tab: 'invoices', key: 'F-2026-0001', record: { Numéro: 'F-2026-0001', Date: paidAt, Type: 'Facture', 'Montant TTC': 150 } },
      {
        kind: 'upsert',
        tab: 'receipts',
        key: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
        values: { Date: paidAt, Montant: 150, 'Mode de règlement': 'Carte bancaire (Stripe)' },
      },
      { kind: 'setProperty', key: 'NUMBERING_F', value: '{"year":2026,"seq":1}' },
    ],
  };
}

describe('encodePlan / decodePlan', () => {
  it('round-trips a plan, Dates coming back as Dates', () => {
    const decoded = decodePlan(encodePlan(plan()));
    expect(decoded).toEqual(plan());
    const [client, ledger, payment, invoice, receipt] = decoded.steps;
    expect(valuesOf(client)['Mis à jour']).toBeInstanceOf(Date);
    expect((valuesOf(client)['Mis à jour'] as Date).getTime()).toBe(paidAt.getTime());
    expect(client.kind === 'upsert' && (client.createOnly as Values | undefined)?.['Créé le']).toBeInstanceOf(Date);
    expect((valuesOf(ledger).Expiration as Date).toISOString()).toBe('2027-03-10T12:00:00.000Z');
    expect(valuesOf(payment).Date).toBeInstanceOf(Date);
    expect(valuesOf(invoice).Date).toBeInstanceOf(Date);
    expect(valuesOf(receipt).Date).toBeInstanceOf(Date);
  });

  it('keeps numbers, booleans and strings with their types', () => {
    const decoded = decodePlan(encodePlan(plan()));
    expect(valuesOf(decoded.steps[2])).toEqual({ Date: paidAt, Montant: 150, Statut: 'payé', Litige: false });
    expect(typeof valuesOf(decoded.steps[1]).Variation).toBe('number');
  });

  it('keeps a property step and its JSON text as they are', () => {
    expect(decodePlan(encodePlan(plan())).steps[5]).toEqual({ kind: 'setProperty', key: 'NUMBERING_F', value: '{"year":2026,"seq":1}' });
  });

  it('stores Dates as {"$d": ms} in the JSON', () => {
    const json = JSON.parse(encodePlan(plan()));
    expect(json.steps[0].values['Mis à jour']).toEqual({ $d: paidAt.getTime() });
    expect(json.steps[0].createOnly['Créé le']).toEqual({ $d: paidAt.getTime() });
    expect(json.steps[3].record.Date).toEqual({ $d: paidAt.getTime() });
    expect(json.cause).toBe('evt_1Pgc76B7WZ01zgkWwyRHS12y');
  });

  it('does not add createOnly to a step that had none', () => {
    const decoded = decodePlan(encodePlan(plan()));
    expect('createOnly' in decoded.steps[1]).toBe(false);
    expect('createOnly' in decoded.steps[2]).toBe(false);
    expect('values' in decoded.steps[5]).toBe(false);
    expect('record' in decoded.steps[5]).toBe(false);
  });

  it('does not change the plan it encodes', () => {
    const original = plan();
    encodePlan(original);
    serialisable(original);
    expect(original).toEqual(plan());
    expect(valuesOf(original.steps[0])['Mis à jour']).toBeInstanceOf(Date);
  });

  it('leaves a string that looks like the date marker as a string', () => {
    const p: Plan = { cause: 'evt_x', steps: [{ kind: 'append', tab: 'ledger', key: 'op', record: { Motif: '{"$d":0}' } }] };
    expect(valuesOf(decodePlan(encodePlan(p)).steps[0]).Motif).toBe('{"$d":0}');
  });

  it('encodes a Date made in another realm', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 0, 2))') as Date;
    const p: Plan = { cause: 'evt_x', steps: [{ kind: 'append', tab: 'ledger', key: 'op', record: { Date: foreign } }] };
    const decoded = valuesOf(decodePlan(encodePlan(p)).steps[0]).Date;
    expect(decoded).toBeInstanceOf(Date);
    expect((decoded as Date).getTime()).toBe(Date.UTC(2026, 0, 2));
  });

  it('round-trips a plan without steps', () => {
    expect(decodePlan(encodePlan({ cause: 'evt_empty', steps: [] }))).toEqual({ cause: 'evt_empty', steps: [] });
  });

  it('throws on a corrupt saved plan rather than replaying garbage', () => {
    expect(() => decodePlan('{"cause":"evt_x","steps":[')).toThrow();
  });

  it('keeps the Date of a failed refund restoring access (a replay compares it with the revocation dates)', () => {
    const since = new Date('2026-03-11T10:00:00Z');
    const p: Plan = { cause: 'evt_x', steps: [{ kind: 'revokeAccess', session: 'cs_a', email: 'a@example.com', files: [], restoreSince: since }] };
    const step = decodePlan(encodePlan(p)).steps[0];
    expect(step.kind === 'revokeAccess' && step.restoreSince).toEqual(since);
  });

  it("reads a plan saved by the version before typed plans (pending across an update) in today's shape", () => {
    const legacy = JSON.stringify({
      cause: 'agenda:ev1',
      steps: [
        { kind: 'appendLedger', operation: 'ev1:réservation:1', values: { Variation: -1 } },
        { kind: 'upsertClient', email: 'a@example.com', values: { Solde: 4 }, createOnly: { Nom: 'A' } },
        { kind: 'upsertBooking', event: 'ev1', values: { Statut: 'réservé' } },
        { kind: 'recordEvent', id: 'evt_1', values: { Statut: 'traité' } },
        { kind: 'sendMail', to: 'a@example.com', subject: 'S', paragraphs: [], sent: true },
        { kind: 'sendMail', to: 'admin@example.com', subject: 'T', paragraphs: [{ text: 'x' }] },
        { kind: 'declineEvent', calendarId: 'cal', event: 'ev1', status: 'refusé' },
      ],
    });
    expect(decodePlan(legacy).steps).toEqual([
      { kind: 'append', tab: 'ledger', key: 'ev1:réservation:1', record: { Variation: -1 } },
      { kind: 'upsert', tab: 'clients', key: 'a@example.com', values: { Solde: 4 }, createOnly: { Nom: 'A' } },
      { kind: 'upsert', tab: 'bookings', key: 'ev1', values: { Statut: 'réservé' } },
      { kind: 'upsert', tab: 'events', key: 'evt_1', values: { Statut: 'traité' } },
      // The e-mail that version had already sent is not queued again; the other one is, as a confirmation.
      { kind: 'mail', to: 'admin@example.com', subject: 'T', paragraphs: [{ text: 'x' }], priority: 2 },
      { kind: 'declineEvent', calendarId: 'cal', event: 'ev1', email: 'ev1', status: 'refusé' },
    ]);
  });
});
