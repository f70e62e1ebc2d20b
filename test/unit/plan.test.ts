import { runInNewContext } from 'node:vm';
import { decodePlan, encodePlan, serialisable, type Plan, type Step, type Values } from '../../src/domain/plan';

const paidAt = new Date('2026-03-10T09:15:30.123Z');
const expires = new Date('2027-03-10T12:00:00Z');

function valuesOf(step: Step): Values {
  if (!('values' in step)) throw new Error(`step ${step.kind} has no values`);
  return step.values;
}

function plan(): Plan {
  return {
    cause: 'evt_1Pgc76B7WZ01zgkWwyRHS12y',
    steps: [
      {
        kind: 'upsertClient',
        email: 'jeanne.martin@example.fr',
        values: { Solde: 10, Lots: '[{"ref":"cs_a","remaining":10,"expires":"2027-03-10"}]', 'Mis à jour': paidAt },
        createOnly: { 'Créé le': paidAt, Nom: 'Jeanne Martin' },
      },
      {
        kind: 'appendLedger',
        operation: 'cs_a:0',
        values: { Date: paidAt, 'E-mail': 'jeanne.martin@example.fr', Variation: 10, Solde: 10, Motif: 'Achat : 1 × Carnet de 10 cours', Expiration: expires },
      },
      { kind: 'upsertPayment', session: 'cs_a', values: { Date: paidAt, Montant: 150, Statut: 'payé', Litige: false } },
      { kind: 'appendInvoice', number: 'F-2026-0001', values: { Numéro: 'F-2026-0001', Date: paidAt, Type: 'Facture', 'Montant TTC': 150 } },
      { kind: 'upsertReceipt', piece: 'pi_1PgafyB7WZ01zgkWSjxsAJo3', values: { Date: paidAt, Montant: 150, 'Mode de règlement': 'Carte bancaire (Stripe)' } },
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
    expect(client.kind === 'upsertClient' && client.createOnly?.['Créé le']).toBeInstanceOf(Date);
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
    expect(json.steps[3].values.Date).toEqual({ $d: paidAt.getTime() });
    expect(json.cause).toBe('evt_1Pgc76B7WZ01zgkWwyRHS12y');
  });

  it('does not add createOnly to a step that had none', () => {
    const decoded = decodePlan(encodePlan(plan()));
    expect('createOnly' in decoded.steps[1]).toBe(false);
    expect('createOnly' in decoded.steps[2]).toBe(false);
    expect('values' in decoded.steps[5]).toBe(false);
  });

  it('does not change the plan it encodes', () => {
    const original = plan();
    encodePlan(original);
    serialisable(original);
    expect(original).toEqual(plan());
    expect(valuesOf(original.steps[0])['Mis à jour']).toBeInstanceOf(Date);
  });

  it('leaves a string that looks like the date marker as a string', () => {
    const p: Plan = { cause: 'evt_x', steps: [{ kind: 'appendLedger', operation: 'op', values: { Motif: '{"$d":0}' } }] };
    expect(valuesOf(decodePlan(encodePlan(p)).steps[0]).Motif).toBe('{"$d":0}');
  });

  it('encodes a Date made in another realm', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 0, 2))') as Date;
    const p: Plan = { cause: 'evt_x', steps: [{ kind: 'appendLedger', operation: 'op', values: { Date: foreign } }] };
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
});
